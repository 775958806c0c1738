#!/usr/bin/env python3
"""Measures what the derive costs a user's build: a generated struct of N
settings, in a crate of its own, rebuilt with its dependencies already built
(the time of `cargo build -p <crate>` after touching its source),
for our derive alone and with a load (`from_env`) in the same crate,
serde's `Deserialize` derive alone, serde + envy, the same struct filled by
hand (no derive), and the plain struct (no derive, no loader). All are measured in the same run, interleaved (each round rebuilds
every crate once, so that a slow minute of the machine touches them all
alike); each figure is the median of 3 rounds. Builds are non-incremental
(CARGO_INCREMENTAL=0), as a clean CI build is, with the profiles' defaults:
RUSTFLAGS, CARGO_PROFILE_* and RUSTC_WRAPPER are ignored.

    ./compile_time.py             # writes the tables into ../BENCHMARKS.md
    ./compile_time.py --no-write  # prints them only

The generated crates live in target/compile-time (a workspace of their own,
with its own target directory whatever CARGO_TARGET_DIR says).
"""

import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "target", "compile-time")
ROUNDS = 3
KINDS = [
    ("ours_derive", "**config-core derive alone**"),
    ("serde", "serde `Deserialize` derive alone"),
    ("ours", "config-core derive + a load (`from_env`)"),
    ("serde_envy", "serde + envy (derive and loader)"),
    ("by_hand", "by hand: no derive, a `std::env::var` and `parse` per field"),
    ("plain", "the plain struct: no derive, no loader"),
]
COMPARED = 200
GROWTH = [10, 100, 1000]

# Five kinds of setting, in turn.
FIELDS = [
    ("bool", "false", "false"),
    ("u32", "8", "8"),
    ("f64", "0.5", "0.5"),
    ("String", '"text"', '"text".to_owned()'),
    ("Option<String>", None, None),
]


def ours(n, load=True):
    lines = ["use config_core::Settings;", "", "/// Generated settings.", "#[derive(Clone, Settings)]",
             '#[settings(env_prefix = "GEN_")]', "pub struct Generated {"]
    for i in range(n):
        ty, default, _ = FIELDS[i % 5]
        lines.append(f"    /// Setting {i}.")
        if default:
            lines.append(f"    #[setting(default = {default})]")
        lines.append(f"    pub field_{i}: {ty},")
    lines.append("}")
    if load:
        lines += ["", "/// Loads it.", "pub fn load() -> bool {", "    Generated::from_env().is_ok()", "}"]
    return "\n".join(lines) + "\n"


def serde(n, envy):
    lines = ["use serde::Deserialize;", "", "/// Generated settings.", "#[derive(Clone, Deserialize)]", "pub struct Generated {"]
    defaults = []
    for i in range(n):
        ty, _, value = FIELDS[i % 5]
        lines.append(f"    /// Setting {i}.")
        if value:
            lines.append(f'    #[serde(rename = "gen_field_{i}", default = "default_{i}")]')
            defaults.append(f"fn default_{i}() -> {ty} {{ {value} }}")
        else:
            lines.append(f'    #[serde(rename = "gen_field_{i}", default)]')
        lines.append(f"    pub field_{i}: {ty},")
    lines.append("}")
    lines += defaults
    if envy:
        lines += ["", "/// Loads it.", "pub fn load() -> bool {", "    envy::from_env::<Generated>().is_ok()", "}"]
    return "\n".join(lines) + "\n"


def plain(n):
    """The struct alone: what any of these costs at least."""
    lines = ["/// Generated settings.", "#[derive(Clone)]", "pub struct Generated {"]
    for i in range(n):
        lines.append(f"    /// Setting {i}.")
        lines.append(f"    pub field_{i}: {FIELDS[i % 5][0]},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def by_hand(n):
    """The floor of a loader: the plain struct filled by a call per field."""
    lines = ["", "#[inline(never)]", "fn read<T: std::str::FromStr>(name: &str) -> Option<T> {",
             "    std::env::var(name).ok().and_then(|v| v.parse().ok())", "}", "",
             "/// Loads it.", "pub fn load() -> Generated {", "    Generated {"]
    for i in range(n):
        value = "" if FIELDS[i % 5][0].startswith("Option") else ".unwrap_or_default()"
        lines.append(f'        field_{i}: read("GEN_FIELD_{i}"){value},')
    lines += ["    }", "}"]
    return plain(n) + "\n".join(lines) + "\n"


def write_workspace(crates):
    if os.path.exists(ROOT):
        shutil.rmtree(os.path.join(ROOT, "crates"), ignore_errors=True)
    os.makedirs(ROOT, exist_ok=True)
    members = []
    for name, deps, source in crates:
        path = os.path.join(ROOT, "crates", name)
        os.makedirs(os.path.join(path, "src"), exist_ok=True)
        with open(os.path.join(path, "Cargo.toml"), "w") as f:
            f.write(f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\n\n[dependencies]\n{deps}\n')
        with open(os.path.join(path, "src", "lib.rs"), "w") as f:
            f.write(source)
        members.append(f'"crates/{name}"')
    with open(os.path.join(ROOT, "Cargo.toml"), "w") as f:
        f.write(f"[workspace]\nresolver = \"3\"\nmembers = [{', '.join(members)}]\n\n"
                "[profile.dev.package.\"*\"]\ndebug = false\n")


def cargo_env():
    """The caller's environment, less what would change how code is built:
    every figure is then of the same, default, build."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "RUSTC_WRAPPER")
           and not k.startswith("CARGO_PROFILE_")}
    return dict(env, CARGO_TARGET_DIR=os.path.join(ROOT, "target"), CARGO_INCREMENTAL="0")


def artifact_time(crate, release):
    pattern = os.path.join(ROOT, "target", "release" if release else "debug", "deps", f"lib{crate}-*.rlib")
    return max((os.path.getmtime(p) for p in glob.glob(pattern)), default=0.0)


def build(crate, release):
    args = ["cargo", "build", "--quiet", "-p", crate] + (["--release"] if release else [])
    subprocess.run(args, cwd=ROOT, env=cargo_env(), check=True)


def rebuild_time(crate, release):
    """Seconds to rebuild `crate` alone after touching its source."""
    before = artifact_time(crate, release)
    os.utime(os.path.join(ROOT, "crates", crate, "src", "lib.rs"))
    start = time.perf_counter()
    build(crate, release)
    elapsed = time.perf_counter() - start
    if artifact_time(crate, release) <= before:
        sys.exit(f"cargo did not rebuild {crate}: the figure would be cargo's overhead alone")
    return elapsed


def measure(crates):
    """{(crate, release): median seconds}, the crates interleaved round by round."""
    for crate in crates:
        for release in (False, True):
            build(crate, release)  # dependencies, and a warm cache
    times = {(c, r): [] for c in crates for r in (False, True)}
    for i in range(ROUNDS):
        print(f"round {i + 1} of {ROUNDS}", file=sys.stderr)
        for crate in crates:
            for release in (False, True):
                times[(crate, release)].append(rebuild_time(crate, release))
    return {k: statistics.median(v) for k, v in times.items()}


def noop_time():
    """What cargo takes with nothing to rebuild: part of every figure."""
    start = time.perf_counter()
    build(f"plain_{COMPARED}", False)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true", help="print the tables only")
    args = parser.parse_args()

    core = os.path.join(HERE, "..", "config-core")
    deps = {
        "ours": f'config-core = {{ path = "{core}" }}',
        "ours_derive": f'config-core = {{ path = "{core}" }}',
        "serde": 'serde = { version = "1.0.229", features = ["derive"] }',
        "serde_envy": 'serde = { version = "1.0.229", features = ["derive"] }\nenvy = "0.4.2"',
        "by_hand": "",
        "plain": "",
    }
    sources = {"ours": ours, "ours_derive": lambda n: ours(n, load=False),
               "serde": lambda n: serde(n, False), "serde_envy": lambda n: serde(n, True),
               "by_hand": by_hand, "plain": plain}
    crates = [(f"{kind}_{COMPARED}", deps[kind], sources[kind](COMPARED)) for kind, _ in KINDS]
    crates += [(f"{kind}_{n}", deps[kind], sources[kind](n)) for kind in ("ours", "by_hand") for n in GROWTH if n != COMPARED]
    write_workspace(crates)
    print(subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(), file=sys.stderr)
    times = measure([name for name, _, _ in crates])
    noop = noop_time()

    rows = [f"| {COMPARED} settings | debug | release |", "|---|---|---|"]
    for kind, label in KINDS:
        rows.append(f"| {label} | {times[(f'{kind}_{COMPARED}', False)]:.2f} s | {times[(f'{kind}_{COMPARED}', True)]:.2f} s |")
    rows.append(f"| (cargo with nothing to rebuild, part of every figure) | {noop:.2f} s | |")
    compare = "\n".join(rows)

    rows = ["| settings | our derive and a load, debug | our derive and a load, release | by hand (no derive), debug | by hand, release |",
            "|---|---|---|---|---|"]
    for n in GROWTH:
        cells = [times[(f"{kind}_{n}", release)] for kind in ("ours", "by_hand") for release in (False, True)]
        rows.append(f"| {n:,} | " + " | ".join(f"{t:.2f} s" for t in cells) + " |")
    growth = "\n".join(rows)

    for table in (compare, growth):
        print(table, "\n")
    if args.no_write:
        return
    path = os.path.join(HERE, "..", "BENCHMARKS.md")
    with open(path) as f:
        text = f.read()
    for marker, table in [("compile", compare), ("compile-growth", growth)]:
        text = re.sub(rf"(<!-- {marker}:start -->).*?(<!-- {marker}:end -->)",
                      lambda m: f"{m.group(1)}\n{table}\n{m.group(2)}", text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
