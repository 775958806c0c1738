//! Each setting's standard paragraphs say what its values look like: in
//! neutral words under `notation = "rust"`, in gevent's words (exactly) for
//! what gevent documents under `notation = "python"`; choices with their
//! aliases and descriptions, ranges and lengths, `required`, `frozen` and
//! former names in both.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};
use scraper::{Html, Selector};
use serde_json::{Value, json};

fn service() -> Value {
    serde_json::from_str(include_str!("fixtures/service.json")).unwrap()
}

fn gevent() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap()
}

/// Each setting's body on the HTML page, as text with white space collapsed.
fn bodies(meta: &'static StructMeta) -> Vec<(String, String)> {
    let page = render_meta(meta, Format::Html, &Options { order: Order::Source, ..Options::default() });
    let html = Html::parse_document(&page);
    let body = Selector::parse(".body").unwrap();
    html.select(&Selector::parse("section.setting").unwrap())
        .map(|section| {
            let text: String = section.select(&body).next().unwrap().text().collect();
            (section.value().id().unwrap().to_owned(), text.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

fn body(meta: &'static StructMeta, name: &str) -> String {
    bodies(meta).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

fn meta(value: &Value) -> &'static StructMeta {
    StructMeta::from_json(&value.to_string()).unwrap()
}

#[test]
fn rust_notation_says_what_each_kind_looks_like() {
    let meta = meta(&service());
    for (name, says) in [
        ("request_timeout", "A duration, such as 30s, 500ms or 1h30m; a bare number is seconds."),
        ("listen", "An IP address and port, such as 0.0.0.0:8080 or [::1]:8080."),
        ("workers", "A whole number, such as 42."),
        ("ratio", "A number, such as 0.5 or 1e-3."),
        ("max_body", "A number of bytes, optionally with a unit: kb, mb or gb (multiples of 1024), such as 64mb."),
        ("greeting", "Any text."),
        ("tag", "A semantic version."),
        ("database.url", "A URL, such as https://example.org/."),
        ("database.tls.ca_file", "A file system path."),
        ("debug", "A boolean. As text, true, 1, yes or on mean true, and false, 0, no or off mean false, in any case."),
        (
            "retry_delays",
            "A list, separated by commas in an environment variable (an array in a configuration file); each item \
             is a duration, such as 30s, 500ms or 1h30m; a bare number is seconds.",
        ),
        (
            "allowed_hosts",
            "A list, separated by commas in an environment variable (an array in a configuration file); each item \
             is any text.",
        ),
    ] {
        let text = body(meta, name);
        assert!(text.contains(says), "{name} does not say {says:?}:\n{text}");
        assert!(!text.contains("In the environment variable, it may be given"), "{name}: gevent's words");
    }
}

#[test]
fn choices_limits_required_frozen_and_former_names() {
    let meta = meta(&service());
    let level = body(meta, "log_level");
    assert!(
        level.contains(
            "One of these names, in any case: error: Only errors. warn (or warning): Problems worth a look. info: One line per request."
        ),
        "{level}"
    );
    assert!(body(meta, "database.pool_size").contains("Between 1 and 256."));
    assert!(body(meta, "ratio").contains("At least 0 and less than 1."));
    assert!(body(meta, "workers").contains("Greater than 0."));
    assert!(body(meta, "allowed_hosts").contains("From 1 to 8 items."));
    assert!(body(meta, "greeting").contains("At least 1 character."));
    assert!(body(meta, "database.url").contains("Must be a postgres:// URL."));
    let url = body(meta, "database.url");
    assert!(url.contains("Required: there is no default.") && !url.contains("The default value is"), "{url}");
    assert!(body(meta, "listen").contains("Takes effect only at start."));
    assert!(!body(meta, "workers").contains("Takes effect only at start."));
    assert!(
        body(meta, "request_timeout").contains("Formerly timeout (SVC_TIMEOUT), which still works with a warning.")
    );
    // A group's former names are full names and variables.
    assert!(
        body(meta, "database.pool_size")
            .contains("Formerly database.size (SVC_DATABASE_SIZE), which still works with a warning.")
    );
}

#[test]
fn former_names_read_well_in_every_combination() {
    let mut value = service();
    let setting = &mut value["settings"][3];
    setting["aliases"] = json!(["threads", "jobs"]);
    setting["env_aliases"] = json!([]);
    assert!(body(meta(&value), "workers").contains("Formerly threads or jobs, which still work with a warning."));
    let setting = &mut value["settings"][3];
    setting["aliases"] = json!([]);
    setting["env_aliases"] = json!(["SVC_THREADS"]);
    assert!(body(meta(&value), "workers").contains("Formerly SVC_THREADS, which still works with a warning."));
}

/// gevent's page keeps gevent's words: a boolean's two paragraphs, an
/// importable value's paragraph, nothing for its numbers, text and lists,
/// and nothing for its `positive` checks.
#[test]
fn python_notation_keeps_gevents_words() {
    let meta = gevent();
    assert_eq!(
        body(meta, "monitor_thread").split("Added in version 1.3b1.").nth(1).unwrap().trim(),
        "This is a boolean value. In the environment variable, it may be given as 1, true, on or yes for True, or \
         0, false, off, or no for False. The default value is False The environment variable \
         GEVENT_MONITOR_THREAD_ENABLE can be used to control this."
    );
    assert!(body(meta, "resolver").ends_with(
        "This is an importable value. It can be given as a string naming an importable object, or a list of \
         strings in preference order and the first successfully importable object will be used. (Separate values \
         in the environment variable with commas.) It can also be given as the callable object itself (in code). \
         Shorthand names for default objects are ['ares', 'thread', 'block', 'dnspython'] The default value is \
         ['thread', 'dnspython', 'ares', 'block'] The environment variable GEVENT_RESOLVER can be used to control \
         this."
    ));
    assert!(body(meta, "max_blocking_time").ends_with(
        "hubs in the same native thread in a short period of time, especially without destroying the hubs, false \
         positives may be reported. Added in version 1.3b1. The default value is 0.1 The environment variable \
         GEVENT_MAX_BLOCKING_TIME can \
         be used to control this."
    ));
    for (name, text) in bodies(meta) {
        for rust_words in [
            "A number, such as",
            "A whole number, such as",
            "A list, separated",
            "Any text.",
            "Greater than 0.",
            "A boolean. As text",
        ] {
            assert!(!text.contains(rust_words), "{name} says {rust_words:?} on gevent's page: {text}");
        }
    }
}

/// Under Python notation too, a kind gevent has not (a duration), an enum's
/// choices, ranges, `required` and former names are said, in the neutral
/// words; `frozen` is not (gevent's page says it once, in the class's
/// description).
#[test]
fn python_notation_says_what_gevent_has_no_words_for() {
    let mut value = service();
    value["notation"] = json!("python");
    let meta = meta(&value);
    assert!(
        body(meta, "request_timeout").contains("A duration, such as 30s, 500ms or 1h30m; a bare number is seconds.")
    );
    assert!(body(meta, "log_level").contains("warn (or warning): Problems worth a look."));
    assert!(body(meta, "database.pool_size").contains("Between 1 and 256."));
    assert!(!body(meta, "listen").contains("Takes effect only at start."));
    assert!(body(meta, "database.url").contains("Required: there is no default."));
    let debug = body(meta, "debug");
    assert!(debug.contains("This is a boolean value.") && !debug.contains("A boolean."), "{debug}");
    // gevent's `positive` goes unsaid, as on its page.
    assert!(!body(meta, "workers").contains("Greater than 0."));
}

#[test]
fn registered_values_in_rust_notation_use_neutral_words_and_list_shorthands() {
    let mut value = service();
    value["settings"][0] = json!({
        "name": "storage", "env": "SVC_STORAGE",
        "value": {"kind": "registered", "expected": "a comma-separated preference list of shorthands or registered paths (package.module.Item)"},
        "doc": "Where to store.", "shorthands": [{"name": "disk", "target": "app.storage.Disk"}],
        "default": {"value": ["disk"], "doc": null}
    });
    let text = body(meta(&value), "storage");
    assert!(
        text.contains(
            "One of the registered implementations, chosen by name: a shorthand or a registered path, or a \
             comma-separated list of them in order of preference; the first that is registered is used. \
             Shorthands: disk for app.storage.Disk."
        ),
        "{text}"
    );
    assert!(!text.contains("importable"), "{text}");
}

/// Rules that make text read unlike the standard rules are said.
#[test]
fn non_standard_rules_are_said_under_rust_notation() {
    let mut value = service();
    value["settings"][5]["rules"] = json!({"empty_values": "numbers", "list_items": "as_given"});
    let text = body(meta(&value), "allowed_hosts");
    assert!(text.contains("An empty value is a list of one empty item."), "{text}");
    assert!(text.contains("Items are kept exactly as written, spaces and empty items included."), "{text}");
    assert!(!body(meta(&service()), "allowed_hosts").contains("Items are kept"));
}

/// The same paragraphs reach every format that shows them.
#[test]
fn every_page_format_shows_the_new_paragraphs() {
    let meta = meta(&service());
    for format in [Format::Rst, Format::Markdown, Format::Text] {
        let page = render_meta(meta, format, &Options::default());
        for says in [
            "a bare number is seconds.",
            "Between 1 and 256.",
            "Required: there is no default.",
            "Takes effect only at start.",
            "which still works with a warning.",
        ] {
            assert!(page.contains(says), "{format} does not say {says:?}");
        }
    }
}
