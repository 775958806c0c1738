#!/usr/bin/env python3
"""Measures what the derive costs a user's build: a generated struct of N
settings, in a crate of its own, rebuilt with its dependencies already built
(median of 3), for our derive, serde's `Deserialize` alone, and serde + envy.
Debug builds are non-incremental (CARGO_INCREMENTAL=0), as a clean CI build is.

    ./compile_time.py           # writes the tables into ../BENCHMARKS.md
"""

import os
import re
import shutil
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "target", "compile-time")
KINDS = [("ours", "config-core derive"), ("serde", "serde `Deserialize` alone"), ("serde_envy", "serde + envy")]
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


def ours(n):
    lines = ["use config_core::Settings;", "", "/// Generated settings.", "#[derive(Clone, Settings)]",
             '#[settings(env_prefix = "GEN_")]', "pub struct Generated {"]
    for i in range(n):
        ty, default, _ = FIELDS[i % 5]
        lines.append(f"    /// Setting {i}.")
        if default:
            lines.append(f"    #[setting(default = {default})]")
        lines.append(f"    pub field_{i}: {ty},")
    lines += ["}", "", "/// Loads it.", "pub fn load() -> bool {", "    Generated::from_env().is_ok()", "}"]
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


def by_hand(n):
    """The floor: a struct of N fields filled by a call per field, no derive."""
    lines = ["/// Generated settings.", "#[derive(Clone)]", "pub struct Generated {"]
    for i in range(n):
        lines.append(f"    /// Setting {i}.")
        lines.append(f"    pub field_{i}: {FIELDS[i % 5][0]},")
    lines += ["}", "", "#[inline(never)]", "fn read<T: std::str::FromStr>(name: &str) -> Option<T> {",
              "    std::env::var(name).ok().and_then(|v| v.parse().ok())", "}", "",
              "/// Loads it.", "pub fn load() -> Generated {", "    Generated {"]
    for i in range(n):
        value = "" if FIELDS[i % 5][0].startswith("Option") else ".unwrap_or_default()"
        lines.append(f'        field_{i}: read("GEN_FIELD_{i}"){value},')
    lines += ["    }", "}"]
    return "\n".join(lines) + "\n"


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


def build(crate, release):
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    args = ["cargo", "build", "--quiet", "-p", crate] + (["--release"] if release else [])
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def rebuild_time(crate, release):
    build(crate, release)  # dependencies, and a warm cache
    times = []
    for _ in range(3):
        os.utime(os.path.join(ROOT, "crates", crate, "src", "lib.rs"))
        start = time.perf_counter()
        build(crate, release)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    core = os.path.join(HERE, "..", "config-core")
    deps = {
        "ours": f'config-core = {{ path = "{core}" }}',
        "serde": 'serde = { version = "1.0.229", features = ["derive"] }',
        "serde_envy": 'serde = { version = "1.0.229", features = ["derive"] }\nenvy = "0.4.2"',
    }
    sources = {"ours": ours, "serde": lambda n: serde(n, False), "serde_envy": lambda n: serde(n, True)}
    crates = [(f"{kind}_{COMPARED}", deps[kind], sources[kind](COMPARED)) for kind, _ in KINDS]
    crates += [(f"ours_{n}", deps["ours"], ours(n)) for n in GROWTH if n != COMPARED]
    crates += [(f"by_hand_{n}", "", by_hand(n)) for n in GROWTH]
    write_workspace(crates)

    rows = ["| derive, 200 settings | debug | release |", "|---|---|---|"]
    for kind, label in KINDS:
        debug, release = (rebuild_time(f"{kind}_{COMPARED}", r) for r in (False, True))
        rows.append(f"| {label} | {debug:.2f} s | {release:.2f} s |")
    compare = "\n".join(rows)

    rows = ["| settings | our derive, debug | our derive, release | by hand (no derive), debug | by hand, release |",
            "|---|---|---|---|---|"]
    for n in GROWTH:
        ours_debug, ours_release = (rebuild_time(f"ours_{n}", r) for r in (False, True))
        hand_debug, hand_release = (rebuild_time(f"by_hand_{n}", r) for r in (False, True))
        rows.append(f"| {n:,} | {ours_debug:.2f} s | {ours_release:.2f} s | {hand_debug:.2f} s | {hand_release:.2f} s |")
    growth = "\n".join(rows)

    path = os.path.join(HERE, "..", "BENCHMARKS.md")
    with open(path) as f:
        text = f.read()
    for marker, table in [("compile", compare), ("compile-growth", growth)]:
        text = re.sub(rf"(<!-- {marker}:start -->).*?(<!-- {marker}:end -->)",
                      lambda m: f"{m.group(1)}\n{table}\n{m.group(2)}", text, flags=re.S)
        print(table, "\n")
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
