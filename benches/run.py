#!/usr/bin/env python3
"""Runs the benchmarks and writes their tables into ../BENCHMARKS.md.

    ./run.py            # criterion medians (median of 3 runs) and instruction counts
    ./run.py --quick    # one run, shorter measurement

Wall-clock figures on a shared 2-core machine move by tens of percent from
run to run, so each criterion benchmark is run three times (three processes)
and the median of the three medians is kept; beside them, `valgrind
--tool=callgrind` counts the instructions of one load, which do not move.
"""

import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRITERION = os.path.join(HERE, "target", "criterion")
LOADERS = ["config_core", "handwritten", "envconfig", "confique", "envy", "figment", "clap", "config_rs"]
LABELS = {
    "config_core": "**config-core (this project)**",
    "handwritten": "hand-written (23 × `std::env::var_os` + minimal parsing)",
    "envconfig": "envconfig 0.11",
    "confique": "confique 0.4",
    "envy": "envy 0.4",
    "figment": "figment 0.10 (Env + serde)",
    "clap": "clap 4 (`env = ...`, empty argv)",
    "config_rs": "config-rs 0.15",
}
SCENARIOS = ["nothing_set", "8_set"]


def median_ns(group, bench):
    path = os.path.join(CRITERION, group, bench, "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]


def criterion(bench, quick, rounds):
    args = ["--warm-up-time", "1", "--measurement-time", "2"] if quick else ["--warm-up-time", "2", "--measurement-time", "5"]
    runs = []
    for _ in range(rounds):
        subprocess.run(["cargo", "bench", "--quiet", "--bench", bench, "--", *args], cwd=HERE, check=True,
                       stdout=subprocess.DEVNULL)
        found = {}
        for group in os.listdir(CRITERION):
            group_dir = os.path.join(CRITERION, group)
            for name in os.listdir(group_dir):
                if os.path.exists(os.path.join(group_dir, name, "new", "estimates.json")):
                    found[(group, name)] = median_ns(group, name)
        runs.append(found)
    keys = set.intersection(*(set(r) for r in runs))
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def instructions(loader, scenario, times=2000):
    """Instructions of one load: the difference between N loads and none."""
    binary = os.path.join(HERE, "target", "release", "examples", "profile")

    def count(n):
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, loader, scenario, str(n)],
                              capture_output=True, text=True, check=True)
        return int(re.search(r"refs:\s+([\d,]+)", done.stderr).group(1).replace(",", ""))

    return (count(times) - count(0)) / times


def fmt_ns(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.1f} ns"


def load_table(medians, counts):
    rows = ["| loader | nothing set | 8 set | ratio to hand-written | instructions per load (nothing set / 8 set) |",
            "|---|---|---|---|---|"]
    base = {s: medians[(f"load_{s}", "handwritten")] for s in SCENARIOS}
    for loader in LOADERS:
        times = [medians[(f"load_{s}", loader)] for s in SCENARIOS]
        ratios = " / ".join(f"{t / base[s]:.2f}×" for t, s in zip(times, SCENARIOS))
        count = " / ".join(f"{counts[(loader, s)]:,.0f}" for s in SCENARIOS) if counts else "n/a"
        rows.append(f"| {LABELS[loader]} | {fmt_ns(times[0])} | {fmt_ns(times[1])} | {ratios} | {count} |")
    return "\n".join(rows)


def simple_table(medians, group, names, header):
    rows = [header, "|---|---|"]
    for name, label in names:
        rows.append(f"| {label} | {fmt_ns(medians[(group, name)])} |")
    return "\n".join(rows)


def replace_section(text, marker, table):
    pattern = re.compile(rf"(<!-- {marker}:start -->).*?(<!-- {marker}:end -->)", re.S)
    return pattern.sub(lambda m: f"{m.group(1)}\n{table}\n{m.group(2)}", text)


def main():
    quick = "--quick" in sys.argv
    rounds = 1 if quick else 3
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "profile"], cwd=HERE, check=True)
    medians = criterion("load", quick, rounds)
    medians.update(criterion("render", quick, 1))
    counts = {}
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode == 0:
        counts = {(l, s): instructions(l, s) for l in LOADERS for s in SCENARIOS}

    tables = {
        "load": load_table(medians, counts),
        "access": simple_table(medians, "access", [
            ("read_field", "read a setting of a loaded `Config` (`config.max_blocking_time`)"),
            ("read_global", "read through the process-wide `config().get()`"),
            ("set_float_by_name", "`set(\"max_blocking_time\", 0.25)` on a loaded `Config`"),
            ("set_text_by_name", "`set(\"max_blocking_time\", \"0.25\")` (parsed)"),
            ("set_float_global", "`config().set(\"max_blocking_time\", 0.25)` (a new snapshot)"),
        ], "| operation | median |"),
        "growth": simple_table(medians, "load_settings", [
            ("10", "10 settings"), ("100", "100 settings"), ("1000", "1,000 settings"),
        ], "| struct | load, nothing set |"),
        "render": simple_table(medians, "render_gevent", [
            (f, f) for f in ["rst", "markdown", "html", "json", "env", "text"]
        ], "| format | median |"),
    }
    path = os.path.join(HERE, "..", "BENCHMARKS.md")
    with open(path) as f:
        text = f.read()
    for marker, table in tables.items():
        text = replace_section(text, marker, table)
        print(table, "\n")
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
