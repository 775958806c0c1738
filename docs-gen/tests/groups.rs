//! Nested groups in every format: after the root's own settings, each group
//! is a section titled with its path and introduced by its description, its
//! groups nested in it; every setting is named by its full path, shown with
//! its full variable, and anchored at its full path.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use scraper::{Html, Selector};

fn service() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/service.json")).unwrap()
}

fn page(format: Format) -> String {
    render_meta(service(), format, &Options { order: Order::Source, ..Options::default() })
}

/// Every documented setting of the fixture, by full name and variable.
const SETTINGS: &[(&str, &str)] = &[
    ("listen", "SVC_LISTEN"),
    ("database.url", "SVC_DATABASE_URL"),
    ("database.pool_size", "SVC_DATABASE_POOL_SIZE"),
    ("database.tls.ca_file", "SVC_DATABASE_TLS_CA_FILE"),
    ("database.tls.verify", "SVC_DATABASE_TLS_VERIFY"),
    ("cache.ttl", "SVC_CACHE_TTL"),
    ("cache.token", "SVC_CACHE_TOKEN"),
];

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// Where each line that starts with one of `needles` is, in order.
fn order_of(page: &str, needles: &[&str]) -> Vec<usize> {
    needles.iter().map(|n| page.find(n).unwrap_or_else(|| panic!("{n:?} is not on the page:\n{page}"))).collect()
}

fn assert_increasing(positions: &[usize]) {
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order: {positions:?}");
}

#[test]
fn html_nests_group_sections_with_full_ids_headings_and_contents() {
    let html = Html::parse_document(&page(Format::Html));
    let ids: Vec<&str> = html.select(&select("section.setting")).filter_map(|s| s.value().id()).collect();
    // The root's settings first, then each group's, depth first.
    assert_eq!(&ids[..2], ["listen", "request_timeout"]);
    assert_eq!(
        &ids[ids.len() - 6..],
        [
            "database.url",
            "database.pool_size",
            "database.tls.ca_file",
            "database.tls.verify",
            "cache.ttl",
            "cache.token"
        ]
    );
    for (name, env) in SETTINGS {
        let section = html.select(&select(&format!("section.setting[id=\"{name}\"]"))).next().unwrap();
        assert_eq!(section.value().attr("data-env"), Some(*env));
        assert!(section.text().collect::<String>().contains(env), "{name} does not name {env}");
    }
    // database.tls is inside database, its settings inside it, a level down.
    let tls = html.select(&select("section.group#database > section.group[id=\"database.tls\"]")).next().unwrap();
    assert_eq!(tls.select(&select(":scope > h3")).next().unwrap().text().collect::<String>(), "database.tls¶");
    assert!(tls.select(&select(":scope > section.setting[id=\"database.tls.verify\"] > h4")).next().is_some());
    let database = html.select(&select("section.group#database")).next().unwrap();
    assert!(database.select(&select(":scope > h2")).next().is_some());
    assert!(
        database.select(&select(":scope > .intro")).next().unwrap().text().any(|t| t.contains("The primary database."))
    );
    // The qualified anchor uses the full path too.
    assert!(html.select(&select("[id=\"Service.database.pool_size\"]")).next().is_some());
    // The contents list every setting, a group's inside the group's entry.
    let entries: Vec<&str> =
        html.select(&select("nav.toc li[data-for]")).filter_map(|li| li.value().attr("data-for")).collect();
    for (name, _) in SETTINGS {
        assert!(entries.contains(name), "the contents lack {name}");
    }
    assert!(
        html.select(&select(
            "nav.toc li[data-group=\"database\"] li[data-group=\"database.tls\"] li[data-for=\"database.tls.verify\"]"
        ))
        .next()
        .is_some()
    );
}

#[test]
fn html_links_a_groups_own_names_to_its_settings() {
    let html = Html::parse_document(&page(Format::Html));
    let pool = html.select(&select("section.setting[id=\"database.pool_size\"]")).next().unwrap();
    let links: Vec<&str> = pool.select(&select("a[href^='#']")).filter_map(|a| a.value().attr("href")).collect();
    // "see `url`" in the description and the see-also both mean database.url.
    assert_eq!(links.iter().filter(|l| **l == "#database.url").count(), 2, "{links:?}");
}

/// The filter script hides a group none of whose settings match, and its
/// entry in the contents.
#[test]
fn the_filter_script_knows_groups() {
    let html = page(Format::Html);
    assert!(html.contains("document.querySelectorAll(\"section.group\")"));
    assert!(html.contains("group.querySelector(\"section.setting:not([hidden])\")"));
    assert!(html.contains("nav.toc li[data-group]"));
}

/// The heading levels of a Markdown page, in order.
fn headings(markdown: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level as u8, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_lists_every_setting_and_nests_headings_without_skipping() {
    let page = page(Format::Markdown);
    for (name, env) in SETTINGS {
        let anchor: String = name.chars().filter(|c| *c != '.').collect();
        assert!(page.contains(&format!("| [`{name}`](#{anchor}) | `{env}` |")), "no row for {name}:\n{page}");
    }
    assert!(page.contains("| [`database.url`](#databaseurl) | `SVC_DATABASE_URL` | required |"));
    let headings = headings(&page);
    let level = |text: &str| headings.iter().find(|(_, t)| t == text).map(|(l, _)| *l);
    assert_eq!(level("listen"), Some(HeadingLevel::H2 as u8));
    assert_eq!(level("database"), Some(2));
    assert_eq!(level("database.pool_size"), Some(3));
    assert_eq!(level("database.tls"), Some(3));
    assert_eq!(level("database.tls.verify"), Some(4));
    assert_eq!(level("cache"), Some(2));
    assert_eq!(level("cache.ttl"), Some(3));
    let levels: Vec<u8> = headings.iter().map(|(l, _)| *l).collect();
    assert_eq!(levels[0], 1);
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "a level is skipped: {headings:?}");
    // The group's description introduces it, and its own names link.
    assert!(page.contains("## `database`\n\nThe primary database. Its [`database.url`](#databaseurl) is required.\n"));
}

#[test]
fn rst_makes_each_group_a_rubric_and_names_properties_by_full_path() {
    let page = page(Format::Rst);
    let positions = order_of(
        &page,
        &[
            "   .. py:property:: listen\n",
            "   .. rubric:: ``database``\n\n   The primary database. Its :py:attr:`database.url <Service.database.url>` is required.\n",
            "   .. py:property:: database.url\n",
            "   .. py:property:: database.pool_size\n",
            "   .. rubric:: ``database.tls``\n\n   TLS to the database.\n",
            "   .. py:property:: database.tls.verify\n",
            "   .. rubric:: ``cache``\n",
            "   .. py:property:: cache.token\n",
        ],
    );
    assert_increasing(&positions);
    // Inside a group's property Sphinx looks bare names up under the group:
    // references name their target from the struct.
    assert!(page.contains("      .. seealso:: :py:attr:`database.url <Service.database.url>`\n"), "{page}");
    assert!(page.contains("      How much to log. See :py:attr:`workers <Service.workers>`.\n"), "{page}");
    assert!(
        page.contains("      The environment variable ``SVC_DATABASE_TLS_CA_FILE`` can be used to control this.\n")
    );
}

#[test]
fn text_and_env_head_each_group() {
    let text = page(Format::Text);
    assert!(text.starts_with("listen\n"));
    assert_increasing(&order_of(
        &text,
        &[
            "listen\n",
            "\n[database]\n    The primary database.",
            "\ndatabase.url\n",
            "\n[database.tls]\n",
            "\ndatabase.tls.verify\n",
            "\n[cache]\n",
        ],
    ));
    let env = page(Format::Env);
    assert_increasing(&order_of(
        &env,
        &[
            "# SVC_LISTEN=",
            "# [database]\n# The primary database.\n",
            "# SVC_DATABASE_POOL_SIZE=10\n",
            "# [database.tls]\n",
            "# SVC_DATABASE_TLS_VERIFY=true\n",
            "# [cache]\n",
        ],
    ));
}

#[test]
fn alphabetical_order_sorts_settings_within_each_section_and_groups_by_name() {
    let html = Html::parse_document(&render_meta(service(), Format::Html, &Options::default()));
    let ids: Vec<&str> = html.select(&select("section.setting")).filter_map(|s| s.value().id()).collect();
    assert_eq!(
        &ids[ids.len() - 6..],
        [
            "cache.token",
            "cache.ttl",
            "database.pool_size",
            "database.url",
            "database.tls.ca_file",
            "database.tls.verify"
        ]
    );
    assert_eq!(ids[0], "allowed_hosts");
}

#[test]
fn a_group_with_nothing_to_document_has_no_section() {
    let mut value: serde_json::Value = serde_json::from_str(include_str!("fixtures/service.json")).unwrap();
    for setting in value["groups"][1]["meta"]["settings"].as_array_mut().unwrap() {
        setting["hidden"] = serde_json::json!(true);
    }
    let meta = StructMeta::from_json(&value.to_string()).unwrap();
    for format in [Format::Html, Format::Markdown, Format::Rst, Format::Text, Format::Env, Format::Toml] {
        let page = render_meta(meta, format, &Options::default());
        assert!(!page.contains("cache"), "{format} shows an empty group:\n{page}");
    }
}

/// A group's description is its parent's field's doc comment: a name in it
/// is looked up in the group, then in the parent, then at the root.
#[test]
fn a_groups_description_names_its_own_settings_or_its_parents() {
    let mut value: serde_json::Value = serde_json::from_str(include_str!("fixtures/service.json")).unwrap();
    value["groups"][0]["meta"]["groups"][0]["doc"] =
        serde_json::json!("TLS for the `pool_size` connections; see `verify` and `workers`.");
    let meta = StructMeta::from_json(&value.to_string()).unwrap();
    let markdown = render_meta(meta, Format::Markdown, &Options::default());
    assert!(
        markdown.contains(
            "TLS for the [`database.pool_size`](#databasepool_size) connections; see \
             [`database.tls.verify`](#databasetlsverify) and [`workers`](#workers)."
        ),
        "{markdown}"
    );
}
