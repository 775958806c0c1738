//! The example's committed reference page, schema and templates are what
//! the type renders now (`UPDATE_DOCS=1 cargo test -p service-example`
//! rewrites them), and the committed `app.toml` is valid by the schema.

use config_core::Settings;
use docs_gen::{Format, assert_fresh};
use serde_json::{Value, json};
use service_example::{AppConfig, docs_options};

fn docs(file: &str) -> String {
    format!("{}/docs/{file}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_docs_are_fresh() {
    let options = docs_options();
    assert_fresh::<AppConfig>(docs("configuration.md"), Format::Markdown, &options);
    assert_fresh::<AppConfig>(docs("app.schema.json"), Format::Schema, &options);
    assert_fresh::<AppConfig>(docs("app.template.toml"), Format::Toml, &options);
    assert_fresh::<AppConfig>(docs("template.env"), Format::Env, &options);
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(docs("app.schema.json")).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn toml_file(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

/// Where each error of `document` is (JSON pointers).
fn errors(document: &Value) -> Vec<String> {
    validator().iter_errors(document).map(|e| e.instance_path().as_str().to_owned()).collect()
}

#[test]
fn the_committed_app_toml_is_valid_by_the_schema() {
    let app = toml_file(include_str!("../app.toml"));
    assert_eq!(errors(&app), Vec::<String>::new());
    // And the loader agrees.
    let env = vec![("APP_PRIMARY_URL", "postgres://p/app"), ("APP_REPLICA_URL", "postgres://r/app")];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    AppConfig::builder().file(dir.join("app.toml")).source(env).load().unwrap();
}

#[test]
fn files_the_loader_rejects_are_invalid_by_the_schema_at_the_same_place() {
    for (file, place) in [
        (json!({"workers": 0}), "/workers"),
        (json!({"workers": "eight"}), "/workers"),
        (json!({"log_format": "xml"}), "/log_format"),
        (json!({"trace_sample_rate": 1.5}), "/trace_sample_rate"),
        (json!({"primary": {"pool_size": 1000}}), "/primary/pool_size"),
        (json!({"primary": {"pool_sise": 10}}), "/primary"),
        (json!({"wrkers": 4}), ""),
        (json!({"trusted_proxies": [1, 2]}), "/trusted_proxies"),
    ] {
        let found = errors(&file);
        assert!(found.iter().any(|p| p == place), "{file}: expected an error at {place:?}, got {found:?}");
    }
    // A choice's alias and a duration as text are valid, as the loader has them.
    assert_eq!(errors(&json!({"log_format": "structured", "request_timeout": "1m30s"})), Vec::<String>::new());
}

#[test]
fn the_page_documents_every_setting_with_its_variable() {
    let page = std::fs::read_to_string(docs("configuration.md")).unwrap();
    for leaf in AppConfig::META.tree().leaves() {
        assert!(page.contains(&format!("`{}`", leaf.env)), "{} missing from the page", leaf.env);
    }
    assert!(page.contains("Required"), "the database URLs are required");
    assert!(page.contains("structured"), "the alias of a choice is listed");
}
