//! The `json` format, version 2: `"format_version": 2`, the settings and
//! groups in the requested order, no `rust_type` unless asked for, no
//! hidden setting or secret's default; `StructMeta::from_json` reads it
//! back, and it renders as the metadata it came from.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};
use serde_json::Value;

fn service() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/service.json")).unwrap()
}

fn json(options: &Options) -> Value {
    serde_json::from_str(&render_meta(service(), Format::Json, options)).unwrap()
}

fn names(settings: &Value) -> Vec<&str> {
    settings.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect()
}

#[test]
fn it_carries_its_format_version() {
    assert_eq!(json(&Options::default())["format_version"], 2);
}

#[test]
fn settings_and_groups_follow_the_requested_order() {
    let sorted = json(&Options::default());
    let names_sorted = names(&sorted["settings"]);
    let mut expected = names_sorted.clone();
    expected.sort_unstable();
    assert_eq!(names_sorted, expected);
    assert_eq!(names_sorted[0], "allowed_hosts");
    assert_eq!(names(&sorted["groups"]), ["cache", "database"]);
    assert_eq!(names(&sorted["groups"][1]["meta"]["settings"]), ["pool_size", "url"]);

    let source = json(&Options { order: Order::Source, ..Options::default() });
    assert_eq!(&names(&source["settings"])[..3], ["listen", "request_timeout", "log_level"]);
    assert_eq!(names(&source["groups"]), ["database", "cache"]);
    assert_eq!(names(&source["groups"][0]["meta"]["settings"]), ["url", "pool_size"]);
}

#[test]
fn rust_types_only_when_asked_for() {
    let page = render_meta(service(), Format::Json, &Options::default());
    assert!(!page.contains("rust_type"), "{page}");
    let with = json(&Options { rust_types: true, ..Options::default() });
    assert_eq!(with["settings"][0]["rust_type"], "Vec<String>");
    assert_eq!(with["groups"][1]["meta"]["settings"][0]["rust_type"], "u32");
}

#[test]
fn hidden_settings_and_secrets_defaults_stay_out() {
    let page = render_meta(service(), Format::Json, &Options::default());
    assert!(!page.contains("SVC_INTERNAL") && !page.contains("hunter2"), "{page}");
    let all = render_meta(service(), Format::Json, &Options { include_hidden: true, ..Options::default() });
    assert!(all.contains("SVC_INTERNAL"));
}

#[test]
fn it_reads_back_and_renders_like_the_metadata_it_came_from() {
    let options = Options { order: Order::Source, ..Options::default() };
    let back = StructMeta::from_json(&render_meta(service(), Format::Json, &options)).unwrap();
    for format in [Format::Markdown, Format::Rst, Format::Toml, Format::Env] {
        // The secret's default is already gone from both.
        assert_eq!(render_meta(back, format, &options), render_meta(service(), format, &options), "{format}");
    }
    // The schema needs the Rust types (for integer ranges) and the hidden
    // settings (a file may set them).
    let all = Options { rust_types: true, include_hidden: true, ..options.clone() };
    let back = StructMeta::from_json(&render_meta(service(), Format::Json, &all)).unwrap();
    assert_eq!(render_meta(back, Format::Schema, &all), render_meta(service(), Format::Schema, &all));
    let gevent = StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap();
    let back = StructMeta::from_json(&render_meta(gevent, Format::Json, &Options::default())).unwrap();
    assert_eq!(
        render_meta(back, Format::Html, &Options::default()),
        render_meta(gevent, Format::Html, &Options::default())
    );
}

/// Keys are sorted, whatever features `serde_json` was built with, so that
/// the page is the same from every build.
#[test]
fn keys_are_sorted() {
    let page = render_meta(service(), Format::Json, &Options::default());
    let top: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim_start()[1..].split('"').next().unwrap())
        .collect();
    let mut sorted = top.clone();
    sorted.sort_unstable();
    assert_eq!(top, sorted);
    assert!(top.contains(&"format_version"));
}
