//! What each page says, beyond escaping: the Markdown page as GitHub shows
//! it (alerts, cross-references, heading levels), the Sphinx page as
//! gevent's (module, label, code-styled links), hidden settings on request.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use serde_json::json;

fn gevent() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap()
}

fn gevent_options() -> Options {
    Options { module: Some("gevent._config".into()), label: Some("gevent-configuration".into()), ..Options::default() }
}

fn app(doc: &str) -> &'static StructMeta {
    let meta = json!({
        "name": "App",
        "title": "App settings",
        "settings": [
            {"name": "port", "env": "APP_PORT", "value": {"kind": "integer", "expected": "a whole number"}, "doc": doc, "default": {"value": 80, "doc": null}},
            {"name": "host", "env": "APP_HOST", "value": {"kind": "string", "expected": "any text"}, "doc": "See `port`.", "default": {"value": "x", "doc": null}},
            {"name": "knob", "env": "APP_KNOB", "value": {"kind": "integer", "expected": "a whole number"}, "doc": "Internal.", "hidden": true,
             "default": {"value": 3, "doc": null}}
        ]
    });
    StructMeta::from_json(&meta.to_string()).unwrap()
}

/// The heading levels of a Markdown page, in order.
fn headings(markdown: &str) -> Vec<u8> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .collect()
}

fn assert_no_level_skipped(levels: &[u8]) {
    assert_eq!(levels.first(), Some(&(HeadingLevel::H1 as u8)));
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a heading level is skipped: {levels:?}");
    }
}

#[test]
fn markdown_never_nests_an_alert_in_a_list_and_keeps_top_level_ones() {
    let page = render_meta(gevent(), Format::Markdown, &Options::default());
    // Under resolver_nameservers, inside the "dnspython" list item.
    assert!(page.contains("\n  > **Caution**\n  >\n  > dnspython does not validate"), "{page}");
    assert!(page.lines().all(|l| !(l.starts_with(' ') && l.trim_start().starts_with("> [!"))));
    // max_blocking_time's note is at the top level: a GitHub alert.
    assert!(page.contains("\n> [!NOTE]\n> In the unlikely event"), "{page}");
}

#[test]
fn markdown_links_code_naming_a_setting_to_its_section() {
    let page = render_meta(gevent(), Format::Markdown, &Options::default());
    assert!(page.contains("longer than [`max_blocking_time`](#max_blocking_time), producing"));
    assert!(page.contains("Prefer the [`resolver_nameservers`](#resolver_nameservers) setting."));
    // Code that names no setting stays code.
    assert!(page.contains("you can call `gevent.hub.Hub.start_periodic_monitoring_thread()` at any time"));
}

#[test]
fn markdown_headings_follow_the_page_without_skipping_a_level() {
    let page = render_meta(gevent(), Format::Markdown, &Options::default());
    assert!(page.contains("\n### Resolver Behaviour\n"), "the #### in a setting under ## becomes ###");
    assert_no_level_skipped(&headings(&page));

    let page = render_meta(app("Text.\n\n# Top\n\n###### Deep\n\n### Middle"), Format::Markdown, &Options::default());
    assert_eq!(headings(&page), [1, 2, 2, 3, 4, 4]);
    assert_no_level_skipped(&headings(&page));
}

#[test]
fn rst_names_the_module_and_the_label_given() {
    let page = render_meta(gevent(), Format::Rst, &gevent_options());
    assert!(page.starts_with(".. _gevent-configuration:\n\nConfiguring gevent\n==================\n"), "{page}");
    assert!(page.contains("\n.. py:currentmodule:: gevent._config\n\n.. py:class:: Config\n"), "{page}");
    let plain = render_meta(gevent(), Format::Rst, &Options::default());
    assert!(plain.starts_with("Configuring gevent\n") && !plain.contains("currentmodule"));
}

#[test]
fn rst_keeps_links_whose_text_is_code_in_code_style() {
    let page = render_meta(gevent(), Format::Rst, &gevent_options());
    for (code, url) in [
        ("gevent.setswitchinterval()", "https://www.gevent.org/api/gevent.html#gevent.setswitchinterval"),
        ("gevent.os", "https://www.gevent.org/api/gevent.os.html#module-gevent.os"),
        ("greenlet.settrace", "https://greenlet.readthedocs.io/en/latest/api.html#greenlet.settrace"),
        ("gevent.events", "https://www.gevent.org/api/gevent.events.html#module-gevent.events"),
    ] {
        let definition = page
            .lines()
            .position(|l| l.trim_start().starts_with(".. |link-") && l.ends_with(&format!(" replace:: ``{code}``")))
            .unwrap_or_else(|| panic!("no substitution for {code}:\n{page}"));
        let line = page.lines().nth(definition).unwrap();
        let name = &line[line.find('|').unwrap()..=line.rfind('|').unwrap()];
        assert!(page.contains(&format!("{name}__")), "{name} is not referred to");
        assert_eq!(page.lines().nth(definition + 1).unwrap().trim_start(), format!(".. __: {url}"));
    }
}

#[test]
fn hidden_settings_show_only_when_asked_for() {
    let meta = app("The port.");
    for format in Format::ALL {
        let page = render_meta(meta, format, &Options::default());
        if format == Format::Schema {
            // A file may set a hidden setting: the schema allows it, and
            // says nothing of it but what it accepts.
            assert!(page.contains("\"x-env\": \"APP_KNOB\"") && !page.contains("Internal."), "{page}");
            continue;
        }
        assert!(!page.contains("APP_KNOB"), "{format} shows a hidden setting");
        let all =
            render_meta(meta, format, &Options { include_hidden: true, order: Order::Source, ..Options::default() });
        assert!(all.contains("APP_KNOB"), "{format} leaves out a hidden setting it was asked for");
    }
}
