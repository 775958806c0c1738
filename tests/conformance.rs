//! The generated HTML page says, setting by setting, what gevent's published
//! "Configuring gevent" page says (`spec/configuring-gevent.html`): the same
//! settings, in the same order, each with the same text once white space and
//! typographic quotes are normalised. A difference fails with a line diff.

use docs_gen::{Format, Options, render};
use gevent_settings::Config;
use scraper::{ElementRef, Html, Selector};

const SPEC: &str = include_str!("spec/configuring-gevent.html");

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// Elements whose text stands apart from what surrounds it.
const BLOCKS: &[&str] =
    &["p", "div", "li", "ul", "ol", "pre", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "blockquote", "section", "header"];

/// The text below `element`, with a space at each block's edges (so that
/// adjacent paragraphs never run together) and none around inline markup
/// (so that `config<span>.</span>fileobject` stays one word).
fn text_of(element: ElementRef) -> String {
    let mut out = String::new();
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
        } else if let Some(child) = ElementRef::wrap(child) {
            let block = BLOCKS.contains(&child.value().name());
            if block {
                out.push(' ');
            }
            out.push_str(&text_of(child));
            if block {
                out.push(' ');
            }
        }
    }
    out
}

/// White space collapsed, typographic quotes made plain, Sphinx's `¶` links
/// dropped, and no space before closing punctuation or after opening.
fn normalize(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|&c| c != '¶')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        let closes = word.starts_with(['.', ',', ';', ':', ')', ']', '!', '?']);
        if !out.is_empty() && !closes && !out.ends_with(['(', '[']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `(name, text)` of each property on gevent's page, in page order.
fn spec_settings(html: &Html) -> Vec<(String, String)> {
    let dd = select(":scope > dd");
    html.select(&select("dl.py.property"))
        .map(|dl| {
            let id = dl.select(&select("dt")).next().unwrap().value().id().unwrap();
            let name = id.rsplit('.').next().unwrap().to_owned();
            (name, normalize(&text_of(dl.select(&dd).next().unwrap())))
        })
        .collect()
}

/// `(name, text)` of each setting on the generated page, in page order.
fn our_settings(html: &Html) -> Vec<(String, String)> {
    html.select(&select("section.setting"))
        .map(|section| {
            let name = section.value().id().unwrap().to_owned();
            let body = section.select(&select(".body")).next().unwrap();
            (name, normalize(&text_of(body)))
        })
        .collect()
}

fn listing(settings: &[(String, String)]) -> String {
    settings.iter().map(|(name, text)| format!("{name}\n    {text}\n")).collect()
}

fn assert_same(spec: &str, ours: &str) {
    if spec != ours {
        let diff = similar::TextDiff::from_lines(spec, ours);
        panic!(
            "the generated page differs from the spec (- spec, + generated):\n{}",
            diff.unified_diff().context_radius(1)
        );
    }
}

#[cfg(not(windows))] // The loop's documented default is the non-Windows one.
#[test]
fn every_setting_says_what_the_spec_says() {
    let spec = spec_settings(&Html::parse_document(SPEC));
    assert_eq!(spec.len(), 18, "the spec documents 18 settings");
    let page = render::<Config>(Format::Html, &Options::default());
    let ours = our_settings(&Html::parse_document(&page));
    assert_same(&listing(&spec), &listing(&ours));
}

#[test]
fn the_page_starts_with_the_spec_title_see_also_and_description() {
    let spec = Html::parse_document(SPEC);
    let page = Html::parse_document(&render::<Config>(Format::Html, &Options::default()));
    let title = |html: &Html| normalize(&text_of(html.select(&select("h1")).next().unwrap()));
    assert_eq!(title(&page), title(&spec));
    let see_also = |html: &Html| normalize(&text_of(html.select(&select(".admonition.seealso")).next().unwrap()));
    assert_eq!(see_also(&page), see_also(&spec));

    // The class description: the class's paragraphs, example and version,
    // without Sphinx's "Bases: object" line.
    let class = spec.select(&select("dl.py.class > dd")).next().unwrap();
    let spec_intro: Vec<String> = class
        .child_elements()
        .filter(|e| e.value().name() != "dl")
        .map(|e| normalize(&text_of(e)))
        .filter(|t| t != "Bases: object")
        .collect();
    let header = page.select(&select("header")).next().unwrap();
    let our_intro: Vec<String> = header
        .child_elements()
        .filter(|e| e.value().name() != "h1" && !e.value().classes().any(|c| c == "seealso"))
        .map(|e| normalize(&text_of(e)))
        .collect();
    assert_eq!(our_intro, spec_intro);
}

/// Deep links into gevent's page keep working on ours: every id the spec
/// gives its title, class and properties (`gevent-configuration`,
/// `gevent._config.Config.max_blocking_time`) is on the generated page,
/// and a property's id is inside that setting's section.
#[test]
fn every_anchor_of_the_spec_lands_on_the_same_place() {
    let spec = Html::parse_document(SPEC);
    let options = Options {
        module: Some("gevent._config".into()),
        label: Some("gevent-configuration".into()),
        ..Options::default()
    };
    let page = Html::parse_document(&render::<Config>(Format::Html, &options));
    let main = spec.select(&select("article[role=main]")).next().unwrap();
    let ids: Vec<&str> = main
        .select(&select("[id]"))
        .filter_map(|e| e.value().id())
        .filter(|id| *id == "gevent-configuration" || id.starts_with("gevent._config.Config"))
        .collect();
    assert_eq!(ids.len(), 20, "{ids:?}");
    for id in ids {
        let found = page.select(&select(&format!("[id=\"{id}\"]"))).next();
        let found = found.unwrap_or_else(|| panic!("#{id} is not on the generated page"));
        if let Some(setting) = id.strip_prefix("gevent._config.Config.") {
            let section = found.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().name() == "section");
            assert_eq!(section.and_then(|s| s.value().id()), Some(setting), "#{id} is not in its setting's section");
        }
    }
}

#[test]
fn a_changed_setting_fails_with_a_readable_diff() {
    let spec = spec_settings(&Html::parse_document(SPEC));
    let mut ours = spec.clone();
    ours.swap(0, 1);
    ours[5].1.push_str(" Extra.");
    let failure = std::panic::catch_unwind(|| assert_same(&listing(&spec), &listing(&ours))).unwrap_err();
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(message.starts_with("the generated page differs from the spec (- spec, + generated):\n@@"), "{message}");
    assert!(message.contains("+ares_timeout\n"), "{message}");
    assert!(message.contains("-ares_timeout\n"), "{message}");
    assert!(message.contains("Extra.\n"), "{message}");
}
