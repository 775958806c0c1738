//! The `docs-gen` command: a page from any metadata file (a program's own
//! `metadata` command writes one), and a clear error for a file that is not
//! metadata. (A program renders its own pages with the library call, or
//! with its settings command's `docs`.)

use std::path::PathBuf;
use std::process::{Command, Output};

fn docs_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs-gen")).args(args).output().unwrap()
}

/// gevent's metadata, as `gevent-config metadata` writes it.
const GEVENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gevent.json");

/// `args` with `--metadata` gevent's.
fn gevent(args: &[&str]) -> Output {
    let mut all = vec!["--metadata", GEVENT];
    all.extend_from_slice(args);
    docs_gen(&all)
}

/// A scratch file for this test run.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docs-gen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn the_metadata_is_required() {
    let output = docs_gen(&["--format", "text"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("--metadata <FILE>"));
}

#[test]
fn a_metadata_file_renders_its_settings() {
    let output = gevent(&["--format", "text"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("ares_servers\n"), "{text}");
    assert!(text.contains("\ntrack_greenlet_tree\n"));
}

#[test]
fn out_writes_a_file_and_says_so() {
    let path = scratch("page.html", "");
    let output = gevent(&["--format", "html", "--out", path.to_str().unwrap()]);
    assert!(output.status.success());
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(said.contains("(18 settings, html)"), "{said}");
}

#[test]
fn its_own_json_renders_like_the_metadata_it_came_from() {
    let json = String::from_utf8(gevent(&["--format", "json"]).stdout).unwrap();
    let path = scratch("gevent.json", &json);
    let from_json = docs_gen(&["--format", "markdown", "--metadata", path.to_str().unwrap()]);
    let from_metadata = gevent(&["--format", "markdown"]);
    assert!(from_json.status.success());
    assert_eq!(from_json.stdout, from_metadata.stdout);
}

#[test]
fn an_invalid_metadata_file_is_rejected_naming_what_and_where() {
    let json = r#"{"name": "App", "settings": [{"name": "port", "env": "APP_PORT", "value": {"kind": "number", "expected": "x"}, "default": {"value": 80}}]}"#;
    let path = scratch("bad.json", json);
    let output = docs_gen(&["--metadata", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(
        message.starts_with(&format!(
            "docs-gen: {} is not settings metadata: at `settings[0].value.kind`: unknown variant `number`",
            path.display()
        )),
        "{message}"
    );
    assert!(message.contains("line 1 column"), "{message}");

    let path = scratch("missing.json", "{\"name\": \"App\",\n \"settings\": [{\"name\": \"port\"}]}");
    let message = String::from_utf8(docs_gen(&["--metadata", path.to_str().unwrap()]).stderr).unwrap();
    assert!(message.contains("at `settings[0]`: missing field `env` at line 2"), "{message}");

    let output = docs_gen(&["--metadata", "/nonexistent/meta.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stderr).unwrap().starts_with("docs-gen: cannot read /nonexistent/meta.json:"));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = gevent(&["--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("invalid value 'pdf'"));
}

#[test]
fn a_page_names_its_module_and_label_when_asked() {
    let rst = String::from_utf8(
        gevent(&["--format", "rst", "--module", "gevent._config", "--label", "gevent-configuration"]).stdout,
    )
    .unwrap();
    assert!(rst.starts_with(".. _gevent-configuration:\n\nConfiguring gevent\n"), "{rst}");
    assert!(rst.contains("\n.. py:currentmodule:: gevent._config\n"));

    let json = r#"{"name": "App", "settings": [{"name": "port", "env": "APP_PORT", "value": {"kind": "integer", "expected": "a whole number"}, "default": {"value": 80}}]}"#;
    let path = scratch("app.json", json);
    let plain = String::from_utf8(docs_gen(&["--format", "rst", "--metadata", path.to_str().unwrap()]).stdout).unwrap();
    assert!(plain.starts_with("App\n===\n") && !plain.contains("currentmodule"), "{plain}");
    let args =
        ["--format", "rst", "--metadata", path.to_str().unwrap(), "--module", "app.config", "--label", "app-settings"];
    let named = String::from_utf8(docs_gen(&args).stdout).unwrap();
    assert!(named.starts_with(".. _app-settings:\n\nApp\n===\n"), "{named}");
    assert!(named.contains("\n.. py:currentmodule:: app.config\n\n.. py:class:: App\n"), "{named}");
}

#[test]
fn schema_and_toml_formats_and_rust_types() {
    let schema = String::from_utf8(gevent(&["--format", "schema"]).stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["properties"]["resolver"]["x-env"], "GEVENT_RESOLVER");

    let toml = String::from_utf8(gevent(&["--format", "toml"]).stdout).unwrap();
    assert!(toml.starts_with("# Configuring gevent\n"), "{toml}");
    assert!(toml.contains("\n# resolver = [\"thread\", \"dnspython\", \"ares\", \"block\"]\n"), "{toml}");

    let json = String::from_utf8(gevent(&["--format", "json"]).stdout).unwrap();
    assert!(json.contains("\"format_version\": 2") && !json.contains("rust_type"));
    let json = String::from_utf8(gevent(&["--format", "json", "--rust-types"]).stdout).unwrap();
    assert!(json.contains("\"rust_type\": \"Importable<dyn Resolver>\""));

    let help = String::from_utf8(docs_gen(&["--help"]).stdout).unwrap();
    assert!(help.contains("schema") && help.contains("toml"), "{help}");
}
