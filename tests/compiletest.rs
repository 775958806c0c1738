//! Misuse of the derive is a compile error pointing at the offending
//! token; correct use compiles. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p workspace-tests --test compiletest`,
//! then read every diff.

// The `.stderr` files are what Rust 1.95 prints; other compilers word
// diagnostics differently.
#[rustversion::attr(not(stable(1.95)), ignore = "the .stderr files are written by Rust 1.95")]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for topic in
        ["attr", "env", "default", "shorthand", "deprecated", "validate", "see_also", "shape", "kinds", "nested"]
    {
        t.compile_fail(format!("ui/{topic}/*.rs"));
    }
    t.pass("ui/pass/*.rs");
}
