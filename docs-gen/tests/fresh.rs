//! `assert_fresh`: a committed page that matches passes; one that differs
//! fails with a unified diff; with `UPDATE_DOCS=1` it is rewritten.

use std::path::PathBuf;
use std::process::Command;

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, assert_fresh_meta, render_meta};

fn service() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/service.json")).unwrap()
}

/// A scratch file for one test.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docs-gen-fresh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn page() -> String {
    render_meta(service(), Format::Markdown, &Options::default())
}

/// What the panic said.
fn panic_message(run: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(run).unwrap_err();
    payload.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn a_page_that_matches_passes() {
    let path = scratch("fresh.md", &page());
    assert_fresh_meta(service(), &path, Format::Markdown, &Options::default());
}

/// Under `UPDATE_DOCS=1` (the documented way to refresh every page of a
/// project), runs the test `name` again in a child process without it, and
/// says so: the test is about what happens when it is unset.
fn rerun_without_update_docs(name: &str) -> bool {
    if std::env::var_os("UPDATE_DOCS").is_none() {
        return false;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture"])
        .env_remove("UPDATE_DOCS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && stdout.contains("1 passed"), "{stdout}");
    true
}

#[test]
fn a_stale_page_fails_with_a_diff_and_how_to_update() {
    if rerun_without_update_docs("a_stale_page_fails_with_a_diff_and_how_to_update") {
        return;
    }
    let stale = page().replace("Worker threads.", "Workers.");
    let path = scratch("stale.md", &stale);
    let message = panic_message(|| assert_fresh_meta(service(), &path, Format::Markdown, &Options::default()));
    assert!(message.starts_with(&format!("{} is out of date (markdown page; - the file, + rendered now); run the test with UPDATE_DOCS=1 to rewrite it:\n", path.display())), "{message}");
    assert!(message.contains(&format!("--- {}\n+++ rendered now\n@@ ", path.display())), "{message}");
    assert!(message.contains("\n-Workers.\n+Worker threads.\n"), "{message}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stale, "the file is left alone");

    let missing = path.with_file_name("missing.md");
    let message = panic_message(|| assert_fresh_meta(service(), &missing, Format::Markdown, &Options::default()));
    assert!(message.ends_with("missing.md does not exist: run the test with UPDATE_DOCS=1 to rewrite it"), "{message}");
}

/// Runs `rewrites_when_asked` alone in a child process with `UPDATE_DOCS=1`
/// (the variable is the process's: setting it here would reach every test).
#[test]
fn update_docs_rewrites_the_page() {
    let path = scratch("update.md", "old\n");
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "rewrites_when_asked", "--ignored", "--nocapture"])
        .env("UPDATE_DOCS", "1")
        .env("FRESH_PATH", &path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 passed"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), page());
}

#[test]
#[ignore = "run by update_docs_rewrites_the_page, with UPDATE_DOCS=1"]
fn rewrites_when_asked() {
    let path = PathBuf::from(std::env::var_os("FRESH_PATH").unwrap());
    assert_fresh_meta(service(), &path, Format::Markdown, &Options::default());
}
