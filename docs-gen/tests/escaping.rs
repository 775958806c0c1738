//! Every string of the metadata is data, in every format: line breaks of
//! every kind Python knows, markup of every format, unsafe links and hidden
//! characters are injected into each string field in turn (through
//! `StructMeta::from_json`, the path a `--metadata` file takes), and each
//! format's output is checked at the level its reader parses it. Secrets'
//! defaults never show, whatever the metadata says.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};
use pulldown_cmark::{Event, Parser, Tag};
use scraper::Html;
use serde_json::{Value, json};

/// The line breaks of Python's `str.splitlines` (docutils reads lines so).
const BREAKS: [&str; 11] =
    ["\n", "\r", "\r\n", "\u{0b}", "\u{0c}", "\u{1c}", "\u{1d}", "\u{1e}", "\u{85}", "\u{2028}", "\u{2029}"];

/// Characters that must never be written raw: DEL, C1 controls (`U+009B`
/// is an 8-bit CSI) and the bidirectional controls.
const HIDDEN: [char; 14] = [
    '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
];

fn payloads() -> Vec<String> {
    let mut payloads: Vec<String> = BREAKS
        .iter()
        .map(|b| {
            format!(
                "x{b}{b}.. raw:: html{b}{b}   <script>alert(1)</script>{b}{b}APP_EVIL=1{b}# heading{b}- item{b}   <!-- c -->"
            )
        })
        .collect();
    payloads.extend(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">a</a>",
            "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](data:text/html,<script>x</script>) [d](vbscript:x)",
            "[e](java\tscript:x) <javascript:alert(1)> ![i](javascript:x)",
            "`x <javascript:alert(1)>`__ javascript:alert(1)",
            ":raw-html:`<script>alert(1)</script>` |sub| x_ [1]_ **a** *b* `c`",
            ".. raw:: html",
            "A realistic <!-- internal\nAPP_DEBUG=1 --> comment",
            "<!--\nAPP_DEBUG=1\n-->",
            "\u{202e}gnp.exe\u{2066}\u{9b}31m\u{7f}\u{200f}\u{61c}\u{1b}[2J",
            "1. one\n2) two\n> [!NOTE]\n> note\n\n#### Deep",
            "&lt;script&gt;alert(1)&lt;/script&gt; a::",
            "name\"with'quotes",
        ]
        .map(str::to_owned),
    );
    payloads
}

/// A small application's metadata with every string field set.
fn template() -> Value {
    json!({
        "name": "App",
        "title": "App settings",
        "doc": "The app's settings.",
        "added": "1.0",
        "see_also": ["The [site](https://example.org)."],
        "env_prefix": "APP_",
        "settings": [
            {"name": "plugin", "env": "APP_PLUGIN", "value": {"kind": "registered", "expected": "a preference list of registered names"}, "doc": "The plugin.",
             "default": {"value": "a.b.Plugin", "doc": null},
             "shorthands": [{"name": "fast", "target": "a.fast.Plugin"}],
             "deprecated": {"since": "1.1", "replacement": "hosts", "note": "It was slow."},
             "added": "0.9", "see_also": ["hosts", "The [guide](https://example.org/guide)."]},
            {"name": "hosts", "env": "APP_HOSTS", "value": {"kind": "list", "expected": "a comma-separated list", "item": {"kind": "string", "expected": "any text"}}, "doc": "Hosts.",
             "default": {"value": ["a.example", "b.example"], "doc": null}},
            {"name": "port", "env": "APP_PORT", "value": {"kind": "integer", "expected": "a whole number"}, "doc": "Port.",
             "default": {"value": 80, "doc": "eighty"}},
            {"name": "mode", "env": "APP_MODE", "value": {"kind": "custom", "expected": "a value of the setting's type"}, "doc": "Mode.",
             "default": {"value": {"code": "Mode::default()"}, "doc": null}},
            {"name": "greeting", "env": "APP_GREETING", "value": {"kind": "string", "expected": "any text"}, "doc": "Greeting.",
             "default": {"value": "hello", "doc": null}},
            {"name": "level", "env": "APP_LEVEL", "doc": "Level.",
             "value": {"kind": "choice", "expected": "one of the listed choices",
                       "choices": [{"name": "low", "aliases": ["lo"], "doc": "Low."}, {"name": "high", "doc": "High."}]},
             "checks": [{"custom": {"expected": "a level"}}, {"range": {"min": "1", "max": "9", "max_exclusive": false}}],
             "aliases": ["grade"], "env_aliases": ["APP_GRADE"],
             "default": {"value": "low", "doc": null}}
        ],
        "groups": [
            {"name": "db", "env_prefix": "DB_", "doc": "The database.",
             "meta": {"name": "Db", "settings": [
                {"name": "url", "env": "URL", "value": {"kind": "string", "expected": "any text"}, "doc": "The URL.",
                 "default": {"value": "postgres://x", "doc": null}}
             ]}}
        ]
    })
}

/// Every string field of [`template`], as JSON pointers.
const FIELDS: &[&str] = &[
    "/name",
    "/title",
    "/doc",
    "/added",
    "/see_also/0",
    "/settings/0/name",
    "/settings/0/env",
    "/settings/0/doc",
    "/settings/0/added",
    "/settings/0/deprecated/since",
    "/settings/0/deprecated/replacement",
    "/settings/0/deprecated/note",
    "/settings/0/see_also/0",
    "/settings/0/see_also/1",
    "/settings/0/shorthands/0/name",
    "/settings/0/shorthands/0/target",
    "/settings/0/default/value",
    "/settings/1/value/item/expected",
    "/settings/1/default/value/0",
    "/settings/2/default/doc",
    "/settings/3/default/value/code",
    "/settings/4/default/value",
    "/settings/5/value/expected",
    "/settings/5/value/choices/0/name",
    "/settings/5/value/choices/0/aliases/0",
    "/settings/5/value/choices/0/doc",
    "/settings/5/checks/0/custom/expected",
    "/settings/5/checks/1/range/min",
    "/settings/5/checks/1/range/max",
    "/settings/5/aliases/0",
    "/settings/5/env_aliases/0",
    "/settings/5/default/value",
    "/groups/0/name",
    "/groups/0/env_prefix",
    "/groups/0/doc",
    "/groups/0/meta/settings/0/name",
    "/groups/0/meta/settings/0/env",
    "/groups/0/meta/settings/0/default/value",
];

/// Fields that are Markdown descriptions: their blocks are structure the
/// author may write (the others are one line, whatever they hold).
const DESCRIPTIONS: &[&str] = &["/doc", "/settings/0/doc", "/groups/0/doc"];

/// Settings and group headers in [`template`]: each an unindented line of
/// the text format.
const TEXT_ENTRIES: usize = 8;

fn meta(value: &Value) -> &'static StructMeta {
    StructMeta::from_json(&value.to_string()).unwrap()
}

fn with(field: &str, text: &str) -> Value {
    let mut value = template();
    *value.pointer_mut(field).unwrap() = Value::String(format!("ok {text} end"));
    value
}

fn render(meta: &'static StructMeta, format: Format) -> String {
    render_meta(meta, format, &Options { order: Order::Source, ..Options::default() })
}

/// Lines as Python's `str.splitlines` (and so docutils) reads them.
fn python_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(|c: char| BREAKS.iter().any(|b| b.starts_with(c))) {
        lines.push(&rest[..i]);
        let len = if rest[i..].starts_with("\r\n") { 2 } else { rest[i..].chars().next().unwrap().len_utf8() };
        rest = &rest[i + len..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

fn safe_link(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(i) if url[i..].starts_with(':') => ["http", "https", "mailto"].contains(&&*url[..i].to_ascii_lowercase()),
        _ => true,
    }
}

/// What no format may hold, whatever it is.
fn check_hidden(page: &str) -> Result<(), String> {
    match page.chars().find(|c| HIDDEN.contains(c) || ('\u{80}'..='\u{9f}').contains(c)) {
        Some(c) => Err(format!("a raw {:?}", c)),
        None => Ok(()),
    }
}

/// rst: no line (as docutils splits them) starts a directive, target or
/// substitution the renderer did not write; nothing leaves the class or
/// property it belongs to; in what docutils parses as inline markup (not
/// literals, code blocks or the arguments docutils takes as they are),
/// every link is safe and no role but `:py:attr:` appears.
fn check_rst(page: &str) -> Result<(), String> {
    const GENERATED: &[&str] = &[
        ".. seealso::",
        ".. py:class:: ",
        ".. py:property:: ",
        ".. py:currentmodule:: ",
        ".. versionadded:: ",
        ".. deprecated:: ",
        ".. rubric:: ",
        ".. code-block:: ",
        ".. note::",
        ".. caution::",
        ".. __: ",
        ".. |link-",
        ".. _",
    ];
    /// Directives whose argument is not inline markup.
    const RAW_ARGUMENT: &[&str] = &[
        ".. py:class:: ",
        ".. py:property:: ",
        ".. py:currentmodule:: ",
        ".. versionadded:: ",
        ".. deprecated:: ",
        ".. code-block:: ",
        ".. __: ",
        ".. _",
    ];
    let (mut class, mut property, mut code) = (false, false, None);
    for line in python_lines(page) {
        let text = line.trim_start();
        let indent = line.len() - text.len();
        // A group's rubric and description are the class's, between properties.
        if indent == 3 && text.starts_with(".. rubric::") {
            property = false;
        }
        if text.starts_with("..") && !GENERATED.iter().any(|g| text.starts_with(g)) {
            return Err(format!("a line the renderer did not write: {line:?}"));
        }
        if !text.is_empty()
            && ((class && indent < 3) || (property && indent < 6 && !text.starts_with(".. py:property")))
        {
            return Err(format!("a line leaves its directive: {line:?}"));
        }
        class |= text.starts_with(".. py:class::");
        property |= text.starts_with(".. py:property::");
        if let Some(url) = text.strip_prefix(".. __: ")
            && !safe_link(url)
        {
            return Err(format!("an unsafe link target: {line:?}"));
        }
        match code {
            Some(start) if text.is_empty() || indent > start => continue,
            _ => code = text.starts_with(".. code-block::").then_some(indent),
        }
        if !RAW_ARGUMENT.iter().any(|d| text.starts_with(d)) {
            check_rst_inline(text)?;
        }
    }
    Ok(())
}

/// One line's inline markup, inline literals left out.
fn check_rst_inline(text: &str) -> Result<(), String> {
    let markup: String = text.split("``").step_by(2).collect::<Vec<_>>().join(" ");
    for (i, _) in markup.match_indices(">`__") {
        let start = markup[..i].rfind('<').unwrap_or(0);
        if !safe_link(&markup[start + 1..i]) {
            return Err(format!("an unsafe link: {}", &markup[start..i]));
        }
    }
    for (i, _) in markup.match_indices(":`") {
        let start = markup[..i].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'));
        let role = &markup[start.map_or(0, |s| s + 1)..=i];
        let escaped = start.is_some_and(|s| markup[..=s].ends_with('\\'));
        if role.starts_with(':') && !escaped && role != ":py:attr:" {
            return Err(format!("a role from data: {role}"));
        }
    }
    Ok(())
}

/// env: every line is a comment, as many as on the benign page, and no
/// more assignments than it has (a value that cannot be written leaves its
/// assignment out).
fn check_env(page: &str, benign: &str) -> Result<(), String> {
    let lines = python_lines(page);
    if let Some(line) = lines.iter().find(|l| !l.is_empty() && !l.starts_with('#')) {
        return Err(format!("a live line: {line:?}"));
    }
    let assignments = |lines: &[&str]| {
        lines.iter().filter(|l| l.starts_with("# APP_") || l.starts_with("# ok_")).filter(|l| l.contains('=')).count()
    };
    if lines.len() != python_lines(benign).len() {
        return Err(format!("{} lines instead of {}", lines.len(), python_lines(benign).len()));
    }
    if assignments(&lines) > assignments(&python_lines(benign)) {
        return Err(format!("{} assignments, more than the benign page's", assignments(&lines)));
    }
    Ok(())
}

/// html: only the elements and attributes the renderer writes, one script
/// (its own), no event handlers, every link safe.
fn check_html(page: &str) -> Result<(), String> {
    const ELEMENTS: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "p",
        "a",
        "code",
        "pre",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "blockquote",
        "nav",
        "input",
        "section",
        "span",
        "main",
        "br",
        "script",
    ];
    let html = Html::parse_document(page);
    let mut scripts = 0;
    for element in html.root_element().descendent_elements() {
        let element = element.value();
        if !ELEMENTS.contains(&element.name()) {
            return Err(format!("a <{}> element", element.name()));
        }
        scripts += usize::from(element.name() == "script");
        for (name, value) in element.attrs() {
            if name.starts_with("on") {
                return Err(format!("an event handler: {name}={value}"));
            }
            if (name == "href" || name == "src") && !safe_link(value) {
                return Err(format!("an unsafe link: {value}"));
            }
        }
    }
    if scripts != 1 || page.matches("<script").count() != 1 {
        return Err(format!("{scripts} scripts"));
    }
    Ok(())
}

/// markdown: no raw HTML at all, no image, every link safe, and (for a
/// one-line field) the blocks of the benign page.
fn check_markdown(page: &str, benign: &str, structural: bool) -> Result<(), String> {
    let blocks = |text: &str| -> Result<Vec<String>, String> {
        let mut blocks = Vec::new();
        for event in Parser::new_ext(text, pulldown_cmark::Options::ENABLE_GFM | pulldown_cmark::Options::ENABLE_TABLES)
        {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => return Err(format!("raw HTML: {h:?}")),
                Event::Start(Tag::Image { dest_url, .. }) => return Err(format!("an image: {dest_url}")),
                Event::Start(Tag::Link { dest_url, .. }) if !safe_link(&dest_url) => {
                    return Err(format!("an unsafe link: {dest_url}"));
                }
                Event::Start(
                    tag @ (Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::CodeBlock(_)
                    | Tag::Table(_)
                    | Tag::TableRow
                    | Tag::HtmlBlock),
                ) => blocks.push(format!("{tag:?}")),
                _ => {}
            }
        }
        Ok(blocks)
    };
    let ours = blocks(page)?;
    if !structural && ours != blocks(benign)? {
        return Err(format!("the blocks differ from the benign page's: {ours:?}"));
    }
    Ok(())
}

/// text: one unindented line per setting (its name), nothing else.
fn check_text(page: &str, settings: usize) -> Result<(), String> {
    let names = python_lines(page).into_iter().filter(|l| !l.is_empty() && !l.starts_with(' ')).count();
    if names != settings {
        return Err(format!("{names} unindented lines for {settings} settings"));
    }
    if python_lines(page).len() != page.lines().count() {
        return Err("a line break other than \\n".into());
    }
    Ok(())
}

/// toml: every line a comment or a table header the benign page has too;
/// the page is TOML, and so is the page with every assignment uncommented,
/// which holds the benign page's assignments.
fn check_toml(page: &str, benign: &str) -> Result<(), String> {
    let lines = python_lines(page);
    if let Some(line) = lines.iter().find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('[')) {
        return Err(format!("a live line: {line:?}"));
    }
    let headers = |lines: &[&str]| lines.iter().filter(|l| l.starts_with('[')).count();
    if lines.len() != python_lines(benign).len() || headers(&lines) != headers(&python_lines(benign)) {
        return Err(format!("{} lines instead of {}", lines.len(), python_lines(benign).len()));
    }
    toml::from_str::<toml::Table>(page).map_err(|e| format!("not TOML: {e}"))?;
    let assignments = |page: &str| -> Result<usize, String> {
        let (text, count) = uncomment_toml(page);
        toml::from_str::<toml::Table>(&text).map_err(|e| format!("uncommented, not TOML: {e}"))?;
        Ok(count)
    };
    if assignments(page)? != assignments(benign)? {
        return Err("the assignments differ from the benign page's".into());
    }
    Ok(())
}

/// The page with each `# key = value` line uncommented, and how many.
fn uncomment_toml(page: &str) -> (String, usize) {
    let mut count = 0;
    let lines: Vec<&str> = page
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if toml::from_str::<toml::Table>(rest).is_ok_and(|t| t.len() == 1) => {
                count += 1;
                rest
            }
            _ => line,
        })
        .collect();
    (lines.join("\n"), count)
}

/// schema: a schema (by the 2020-12 meta-schema) in JSON without raw line
/// separators.
fn check_schema(page: &str) -> Result<(), String> {
    check_json(page)?;
    let schema: Value = serde_json::from_str(page).map_err(|e| e.to_string())?;
    jsonschema::meta::validate(&schema).map_err(|e| format!("not a valid schema: {e}"))?;
    jsonschema::draft202012::new(&schema).map(drop).map_err(|e| format!("not a usable schema: {e}"))
}

/// json: the metadata, parsed back.
fn check_json(page: &str) -> Result<(), String> {
    serde_json::from_str::<Value>(page).map(drop).map_err(|e| format!("invalid JSON: {e}"))?;
    match page.find(['\u{2028}', '\u{2029}']) {
        Some(_) => Err("a raw line separator".into()),
        None => Ok(()),
    }
}

fn check(format: Format, page: &str, benign: &str, structural: bool) -> Result<(), String> {
    check_hidden(page)?;
    match format {
        Format::Rst => check_rst(page),
        Format::Env => check_env(page, benign),
        Format::Html => check_html(page),
        Format::Markdown => check_markdown(page, benign, structural),
        Format::Text => check_text(page, TEXT_ENTRIES),
        Format::Json => check_json(page),
        Format::Schema => check_schema(page),
        Format::Toml => check_toml(page, benign),
    }
}

#[test]
fn no_string_in_any_field_can_make_markup_in_any_format() {
    let benign = meta(&template());
    let mut failures = Vec::new();
    for format in Format::ALL {
        let benign_page = render(benign, format);
        check(format, &benign_page, &benign_page, false).unwrap();
        for field in FIELDS {
            for payload in payloads() {
                let page = render(meta(&with(field, &payload)), format);
                let structural = DESCRIPTIONS.contains(field);
                if let Err(why) = check(format, &page, &benign_page, structural) {
                    failures.push(format!("{format} {field} {payload:?}: {why}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} injections got through:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_hostile_page_sphinx_builds_passes_every_check() {
    let hostile = meta(&serde_json::from_str(include_str!("../../.ci/sphinx/hostile.json")).unwrap());
    for format in Format::ALL {
        let page = render(hostile, format);
        let settings = hostile.documented().count();
        let result = match format {
            Format::Markdown => check_markdown(&page, "", true),
            Format::Env => check_env(&page, &page),
            Format::Toml => check_toml(&page, &page),
            Format::Text => check_text(&page, settings),
            _ => check(format, &page, &page, true),
        };
        check_hidden(&page).and(result).unwrap_or_else(|why| panic!("{format}: {why}"));
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert!(check_rst("   .. py:class:: A\n\n   x\u{2028}.. raw:: html").is_err());
    assert!(check_rst(".. py:class:: A\n\n   .. py:property:: a\n\n      x\n   y").is_err());
    assert!(check_rst("`a <javascript:x>`__").is_err());
    assert!(check_rst(":raw-html:`x`").is_err());
    assert!(check_env("# a\nA=1\n", "# a\n# A=1\n").is_err());
    assert!(check_html("<html><body><p onclick=x></p><script></script></body></html>").is_err());
    assert!(check_html("<html><body><img src=x><script></script></body></html>").is_err());
    assert!(check_markdown("<b>x</b>", "", true).is_err());
    assert!(check_markdown("[a](javascript:x)", "", true).is_err());
    assert!(check_markdown("# a", "a", false).is_err());
    assert!(check_text("a\nb\u{2028}c\n    d\n", 2).is_err());
    assert!(check_hidden("a\u{202e}b").is_err() && check_hidden("a\u{9b}b").is_err());
    assert!(check_json("{\"a\": \"\u{2028}\"}").is_err());
    assert!(check_toml("# a\nx = 1\n", "# a\n# x = 1\n").is_err());
    assert!(check_toml("# a\n[x]\n", "# a\n# x\n").is_err());
    assert!(check_toml("# a = [\n", "# a = 1\n").is_err());
    assert!(check_schema("{\"type\": \"nonsense\"}").is_err());
}

/// Defence in depth: a metadata file may carry a secret's default; no
/// format shows it, and each shows that the value is secret.
#[test]
fn a_secrets_default_shows_in_no_format_whatever_the_metadata_says() {
    let mut value = template();
    value["settings"][4]["secret"] = json!(true);
    value["settings"][4]["default"] = json!({"value": "hunter2", "doc": "hunter2-doc"});
    value["settings"][1]["secret"] = json!(true);
    value["settings"][1]["default"] = json!({"value": ["hunter3"], "doc": null});
    let meta = meta(&value);
    for format in Format::ALL {
        let page = render(meta, format);
        assert!(!page.contains("hunter"), "{format} shows a secret's default:\n{page}");
        let says = match format {
            Format::Schema => page.contains("\"writeOnly\": true"),
            _ => page.contains("<redacted>") || page.contains("&lt;redacted&gt;"),
        };
        assert!(says, "{format} does not say it is secret");
    }
}

/// A secret with no value by default gives nothing away by saying so: the
/// docs say "None" rather than suggesting a hidden default.
#[test]
fn a_secret_with_no_default_says_none() {
    let mut value = template();
    value["settings"][4]["secret"] = json!(true);
    value["settings"][4]["default"] = json!({"value": null, "doc": null});
    let meta = meta(&value);
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Rst, Format::Env, Format::Toml] {
        let page = render(meta, format);
        assert!(!page.contains("redacted"), "{format} hides a default that is not there:\n{page}");
    }
    let json: serde_json::Value = serde_json::from_str(&render(meta, Format::Json)).unwrap();
    assert_eq!(json["settings"][4]["default"], json!({"value": null, "doc": null}));
}

/// Hidden characters are escaped visibly (text, env, rst, markdown, html) or
/// as JSON escapes of the same value.
#[test]
fn hidden_characters_are_escaped_in_every_format() {
    let value = with("/settings/4/doc", "\u{9b}31m \u{202e}abc \u{7f}");
    for format in Format::ALL {
        let page = render(meta(&value), format);
        check_hidden(&page).unwrap_or_else(|why| panic!("{format}: {why}"));
        let json = matches!(format, Format::Json | Format::Schema);
        let expected = if json { r"\u009b31m \u202eabc \u007f" } else { r"u{9b}31m" };
        assert!(page.contains(expected), "{format}:\n{page}");
    }
}

/// The defects as reported: an HTML comment over two lines in a doc
/// comment, and a `default_doc` holding a newline.
#[test]
fn an_html_comment_or_a_newline_makes_no_live_env_line_and_keeps_rst_indented() {
    let mut value = template();
    value["settings"][4]["doc"] = json!("Greets. <!-- internal:\nAPP_DEBUG=1 --> More.");
    value["settings"][2]["default"]["doc"] = json!("80\nLD_PRELOAD=/opt/evil.so");
    let meta = meta(&value);
    let env = render(meta, Format::Env);
    assert!(env.lines().all(|l| l.is_empty() || l.starts_with('#')), "{env}");
    assert!(env.contains("\n# Default: 80 LD_PRELOAD=/opt/evil.so\n"), "{env}");
    let rst = render(meta, Format::Rst);
    check_rst(&rst).unwrap();
    assert!(rst.contains("\n      Greets. <!-- internal: APP\\_DEBUG=1 --> More.\n"), "{rst}");
    let markdown = render(meta, Format::Markdown);
    assert!(markdown.contains("\nGreets. \\<!-- internal: APP\\_DEBUG=1 --> More.\n"), "{markdown}");
}
