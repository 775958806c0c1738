#!/usr/bin/env python3
"""Runs the benchmarks and writes their tables into ../BENCHMARKS.md.

    ./run.py              # everything: about 25 minutes on a 2-core machine
    ./run.py --quick      # shorter criterion runs, one round, fewer layouts
    ./run.py --no-write   # print the tables, leave BENCHMARKS.md alone

What it measures (see BENCHMARKS.md, "How the figures are made"):

- wall time, with criterion, in rounds of separate processes (3, or 1 with
  --quick): each figure is the median of the rounds' medians, and the
  rounds' range is reported beside it;
- instructions per load, with `valgrind --tool=callgrind` on
  `examples/profile.rs`: (instructions of N loads - instructions of 0 loads)
  / N, for two builds that differ only trivially (the `layout-shift`
  feature) times several stack placements (an unused variable of different
  lengths in the environment the process starts with). The spread over these
  layouts is reported: glibc's string functions take more or fewer
  instructions with the alignment of their arguments;
- memory kept per change through the process-wide instance, with
  `examples/memory.rs` (resident memory before and after N changes).

Everything runs under the same fixed environment (`src/environment.rs`); the
raw figures go to target/bench-results.json.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "target")
CRITERION = os.path.join(TARGET, "criterion")
VARIANTS_DIR = os.path.join(TARGET, "layout-variants")
# Cargo builds where this script reads, whatever the caller's setting, and
# the default build: flags that would change the code are left out.
ENV = dict({k: v for k, v in os.environ.items()
            if k not in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "RUSTC_WRAPPER")
            and not k.startswith("CARGO_PROFILE_")}, CARGO_TARGET_DIR=TARGET)

LOADERS = ["config_core_builder", "config_core", "handwritten", "envconfig", "confique", "envy", "figment", "clap", "config_rs"]
LABELS = {
    "config_core_builder": "**config-core**, the same job (`builder().env().unknown_names(Unknown::Ignore).load()`)",
    "config_core": "config-core `from_env()` (the same, and a pass over the whole environment for unknown variables)",
    "handwritten": "hand-written (the least work: `var_os` per variable, parsed in place)",
    "envconfig": "envconfig 0.11 (`init_from_env`)",
    "confique": "confique 0.4 (`builder().env().load()`)",
    "envy": "envy 0.4 (`prefixed(\"GEVENT_\")`, `prefixed(\"GEVENTARES_\")`, `from_env`)",
    "figment": "figment 0.10 (`Env::prefixed` × 2 + `Env::raw().only`)",
    "clap": "clap 4 (`#[arg(env = ...)]`, empty command line)",
    "config_rs": "config-rs 0.15 (`Environment::with_prefix` × 3)",
}
SCENARIOS = ["nothing_set", "8_set"]
SERVICE_LOADERS = ["service_config_core_builder", "service_config_core", "service_handwritten"]
SERVICE_LABELS = {
    "service_config_core_builder": "**config-core**, the same job (`builder().env().unknown_names(Unknown::Ignore).load()`)",
    "service_config_core": "config-core `from_env()` (and the pass for unknown variables)",
    "service_handwritten": "hand-written (the least work: `var_os` per variable, the same parsers)",
}
FILE_LOADERS = ["file_config_core", "file_serde"]
FILE_LABELS = {
    "file_config_core": "**config-core** (a file layer: values with their places, unknown keys looked for)",
    "file_serde": "serde `Deserialize` + `toml::from_str`",
}
# Lengths of a padding variable in the environment a process starts with:
# each moves the initial stack (by multiples of 16 bytes, within a page), and
# with it the alignment of everything on the stack.
PADS_FULL = [i * 344 for i in range(12)]
PADS_QUICK = [i * 1032 for i in range(4)]
# The criterion rounds run at different stack placements too.
ROUND_PADS = [0, 1376, 2752]


def cargo(*args):
    subprocess.run(["cargo", *args], cwd=HERE, env=ENV, check=True)


def padded(env, pad):
    return dict(env, BENCH_STACK_PAD="x" * pad)


# ---------------------------------------------------------------- wall time


def read_medians():
    found = {}
    for group in os.listdir(CRITERION):
        for name in os.listdir(os.path.join(CRITERION, group)):
            path = os.path.join(CRITERION, group, name, "new", "estimates.json")
            if os.path.exists(path):
                with open(path) as f:
                    found[(group, name)] = json.load(f)["median"]["point_estimate"]
    return found


def criterion(bench, quick, rounds):
    """{(group, name): [median of each round]}, each round a process."""
    args = ["--warm-up-time", "1", "--measurement-time", "2"] if quick else ["--warm-up-time", "2", "--measurement-time", "5"]
    runs = []
    for i in range(rounds):
        print(f"criterion: {bench}, round {i + 1} of {rounds}", file=sys.stderr)
        # No figure of an earlier run may stand in for one this run failed to make.
        shutil.rmtree(CRITERION, ignore_errors=True)
        subprocess.run(["cargo", "bench", "--quiet", "--bench", bench, "--", "--noplot", *args], cwd=HERE,
                       env=padded(ENV, ROUND_PADS[i % len(ROUND_PADS)]), check=True, stdout=subprocess.DEVNULL)
        runs.append(read_medians())
    keys = set.intersection(*(set(r) for r in runs))
    return {k: [r[k] for r in runs] for k in keys}


# ------------------------------------------------------------- instructions


def build_layout_variants():
    """The profile example built twice, differing only trivially."""
    os.makedirs(VARIANTS_DIR, exist_ok=True)
    built = os.path.join(TARGET, "release", "examples", "profile")
    variants = {}
    for name, features in [("default", []), ("shifted", ["--features", "layout-shift"])]:
        cargo("build", "--quiet", "--release", "--example", "profile", *features)
        variants[name] = os.path.join(VARIANTS_DIR, f"profile-{name}")
        shutil.copy2(built, variants[name])
    return variants


def callgrind(binary, pad, loader, scenario, n):
    env = padded({"PATH": os.environ.get("PATH", "")}, pad)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, loader, scenario, str(n)],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"valgrind failed on {loader} {scenario}:\n{done.stderr}")
    return int(re.search(r"refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))


def instructions(quick, n=200):
    """{(loader, scenario): {layout: instructions per load}}."""
    variants = build_layout_variants()
    pads = PADS_QUICK if quick else PADS_FULL
    runs = [(loader, scenario, n) for loader in LOADERS for scenario in SCENARIOS]
    runs += [(loader, "service", n) for loader in SERVICE_LOADERS]
    # A file load is about a hundred times an environment load.
    runs += [(loader, "nothing_set", max(n // 10, 1)) for loader in FILE_LOADERS]
    counts = {}
    for loader, scenario, loads in runs:
        print(f"callgrind: {loader} {scenario}", file=sys.stderr)
        per_layout = {}
        for build, binary in variants.items():
            for pad in pads:
                cost = callgrind(binary, pad, loader, scenario, loads) - callgrind(binary, pad, loader, scenario, 0)
                per_layout[f"{build}/pad{pad}"] = cost / loads
        counts[(loader, scenario)] = per_layout
    return counts


# ------------------------------------------------------------------- memory


def memory(changes=1_000_000):
    cargo("build", "--quiet", "--release", "--example", "memory")
    done = subprocess.run([os.path.join(TARGET, "release", "examples", "memory"), str(changes)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


# ------------------------------------------------------------------- tables


def fmt_ns(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.1f} ns"


def spread(values):
    """±half the range, as a percentage of the median."""
    return 50 * (max(values) - min(values)) / statistics.median(values)


def pair_table(times, counts, group, loaders, labels, scenario, base, header):
    """One scenario's loaders: time and instructions, each with its ratio to `base`."""
    rows = [header, "|---|---|---|---|---|"]
    t0 = statistics.median(times[(group, base)])
    c0 = statistics.median(counts[(base, scenario)].values()) if counts else None
    for loader in loaders:
        t = statistics.median(times[(group, loader)])
        if counts:
            c = statistics.median(counts[(loader, scenario)].values())
            count, ratio = f"{c:,.0f}", f"{c / c0:.2f}×"
        else:
            count = ratio = "n/a"
        rows.append(f"| {labels[loader]} | {fmt_ns(t)} | {t / t0:.2f}× | {count} | {ratio} |")
    return "\n".join(rows)


def load_table(times, counts):
    rows = ["| loader | nothing set | 8 set | time ratio to hand-written | instructions per load | instruction ratio to hand-written |",
            "|---|---|---|---|---|---|"]
    for loader in LOADERS:
        t = {s: statistics.median(times[(f"load_{s}", loader)]) for s in SCENARIOS}
        base = {s: statistics.median(times[(f"load_{s}", "handwritten")]) for s in SCENARIOS}
        ratios = " / ".join(f"{t[s] / base[s]:.2f}×" for s in SCENARIOS)
        if counts:
            c = {s: statistics.median(counts[(loader, s)].values()) for s in SCENARIOS}
            cb = {s: statistics.median(counts[("handwritten", s)].values()) for s in SCENARIOS}
            count = " / ".join(f"{c[s]:,.0f}" for s in SCENARIOS)
            count_ratio = " / ".join(f"{c[s] / cb[s]:.2f}×" for s in SCENARIOS)
        else:
            count = count_ratio = "n/a"
        rows.append(f"| {LABELS[loader]} | {fmt_ns(t['nothing_set'])} | {fmt_ns(t['8_set'])} | {ratios} | {count} | {count_ratio} |")
    return "\n".join(rows)


def stability_table(times, counts):
    rounds = len(times[("load_nothing_set", "handwritten")])
    layouts = len(next(iter(counts.values()))) if counts else 0
    rows = [f"| loader | time: spread over {rounds} round(s) | time ratio: range | "
            f"instructions: spread over {layouts} layouts | instruction ratio: range |",
            "|---|---|---|---|---|"]
    for loader in LOADERS:
        t_spread, t_range, c_spread, c_range = [], [], [], []
        for s in SCENARIOS:
            mine, base = times[(f"load_{s}", loader)], times[(f"load_{s}", "handwritten")]
            if rounds > 1:
                t_spread.append(f"±{spread(mine):.1f}%")
                r = [a / b for a, b in zip(mine, base)]
                t_range.append(f"{min(r):.2f}–{max(r):.2f}×")
            if counts:
                mine, base = counts[(loader, s)], counts[("handwritten", s)]
                c_spread.append(f"±{spread(list(mine.values())):.1f}%")
                r = [mine[k] / base[k] for k in mine]
                c_range.append(f"{min(r):.2f}–{max(r):.2f}×")
        cells = [" / ".join(cells) or "n/a" for cells in (t_spread, t_range, c_spread, c_range)]
        rows.append(f"| {LABELS[loader]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def simple_table(times, group, names, header):
    rows = [header, "|---|---|"]
    for name, label in names:
        rows.append(f"| {label} | {fmt_ns(statistics.median(times[(group, name)]))} |")
    return "\n".join(rows)


def memory_table(mem):
    mib = lambda b: f"{b / (1 << 20):.1f} MiB"
    samples = ", ".join(mib(b) for b in mem["samples"])
    return "\n".join([
        "| measure | figure |",
        "|---|---|",
        f"| resident memory before the changes | {mib(mem['rss_before'])} |",
        f"| resident memory after {mem['changes']:,} changes through `config().set(...)` | {mib(mem['rss_after'])} |",
        f"| kept per change | {mem['bytes_per_change']:.3f} bytes |",
        f"| at each tenth of the run | {samples} |",
        f"| one snapshot, `size_of::<Loaded<Config>>()` | {mem['snapshot_size']} bytes |",
    ])


def replace_section(text, marker, table):
    pattern = re.compile(rf"(<!-- {marker}:start -->).*?(<!-- {marker}:end -->)", re.S)
    if not pattern.search(text):
        sys.exit(f"BENCHMARKS.md has no <!-- {marker}:start --> marker")
    return pattern.sub(lambda m: f"{m.group(1)}\n{table}\n{m.group(2)}", text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="shorter criterion runs, one round, fewer layouts")
    parser.add_argument("--no-write", action="store_true", help="print the tables only")
    args = parser.parse_args()

    has_valgrind = shutil.which("valgrind") is not None
    if not has_valgrind:
        print("valgrind not found: no instruction counts", file=sys.stderr)
    cargo("build", "--quiet", "--release", "--examples")
    cargo("bench", "--quiet", "--no-run")
    times = criterion("load", args.quick, 1 if args.quick else 3)
    times.update(criterion("render", args.quick, 1))
    counts = instructions(args.quick) if has_valgrind else {}
    mem = memory()

    tables = {
        "load": load_table(times, counts),
        "stability": stability_table(times, counts),
        "access": simple_table(times, "access", [
            ("read_field", "read a setting of a loaded `Config` (`config.max_blocking_time`)"),
            ("read_global", "read through the process-wide instance: `config().get().max_blocking_time`"),
            ("read_reader", "read through a thread's `Reader`: `reader.get().max_blocking_time`"),
            ("read_global_tracked", "read that records its first reader: `config().read(\\|c\\| &c.max_blocking_time)`"),
            ("read_global_while_reloading", "`config().get()` while another thread reloads without pause"),
            ("read_reader_while_reloading", "`reader.get()` while another thread reloads without pause"),
            ("set_float_by_name", "`set(\"max_blocking_time\", 0.25)` on a loaded `Config`"),
            ("set_text_by_name", "`set(\"max_blocking_time\", \"0.25\")` on a loaded `Config` (parsed)"),
            ("set_float_global", "`config().set(\"max_blocking_time\", 0.25)`, sustained (one process-wide instance)"),
            ("reload_global", "`config().reload()` from the environment, sustained"),
        ], "| operation | median |"),
        "service": pair_table(times, counts, "load_service", SERVICE_LOADERS, SERVICE_LABELS, "service", "service_handwritten",
                              "| loader | time | time ratio to hand-written | instructions per load | instruction ratio |"),
        "file": pair_table(times, counts, "load_file", FILE_LOADERS, {**FILE_LABELS}, "nothing_set", "file_serde",
                           "| loader | time | time ratio to serde | instructions per load | instruction ratio |"),
        "memory": memory_table(mem),
        "growth": simple_table(times, "load_settings", [
            ("10", "10 settings"), ("100", "100 settings"), ("1000", "1,000 settings"),
        ], "| struct | load, nothing set |"),
        "render": simple_table(times, "render_gevent", [
            (f, f) for f in ["rst", "markdown", "html", "json", "env", "text"]
        ], "| format | median |"),
    }
    with open(os.path.join(TARGET, "bench-results.json"), "w") as f:
        json.dump({"times_ns": {f"{g}/{n}": v for (g, n), v in sorted(times.items())},
                   "instructions": {f"{l}/{s}": v for (l, s), v in sorted(counts.items())},
                   "memory": mem, "quick": args.quick}, f, indent=1)
    for table in tables.values():
        print(table, "\n")
    if not args.no_write:
        path = os.path.join(HERE, "..", "BENCHMARKS.md")
        with open(path) as f:
            text = f.read()
        for marker, table in tables.items():
            text = replace_section(text, marker, table)
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
