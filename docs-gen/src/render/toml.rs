//! `toml`: a commented configuration file: every documented setting with
//! the first sentence of its description, what it accepts (boolean words,
//! shorthands, units, choices, ranges), its variable, its deprecation and
//! former names, and its default as a commented assignment
//! (`# workers = 4`, `# timeout = "30s"`, a list as an array).
//!
//! The root's settings come first; each group is a table whose header is
//! live (`[database]`): an empty table sets nothing, and a line uncommented
//! under it lands in the group, as it must. A setting whose default cannot
//! be written (none, required, secret, one only the program knows) has no
//! `key = ...` line at all, so that nothing uncommented can set it to a
//! value that was never its default. Every string goes through [`escape`].

mod escape;

use std::fmt::Write as _;

use config_core::meta::{Kind, Literal, SettingMeta};

use super::template;
use crate::model::{GroupDoc, Page, SettingDoc, first_sentence, has_written_default};

pub(crate) fn render(page: &Page) -> String {
    let mut out = format!(
        "# {}\n#\n# Every documented setting and its default. Uncomment a line to set it; a setting\n\
         # without a default to write has no line to uncomment.\n",
        escape::comment(&page.title)
    );
    for setting in &page.settings {
        entry(&mut out, page, setting);
    }
    for group in &page.groups {
        table(&mut out, page, group);
    }
    out
}

/// A group's table: its header, its description's first sentence, its
/// settings, then its groups' tables.
fn table(out: &mut String, page: &Page, group: &GroupDoc) {
    let _ = writeln!(out, "\n[{}]", escape::path(&group.keys));
    if let Some(sentence) = first_sentence(&group.intro.blocks).filter(|s| !s.is_empty()) {
        let _ = writeln!(out, "# {}", escape::comment(&sentence));
    }
    for setting in &group.settings {
        entry(out, page, setting);
    }
    for inner in &group.groups {
        table(out, page, inner);
    }
}

fn entry(out: &mut String, page: &Page, setting: &SettingDoc) {
    out.push('\n');
    let value = value(setting.meta);
    let notes = template::notes(setting, "an array (or a comma-separated string)");
    for line in notes.into_iter().chain(template::default_note(page, setting.meta, value.is_some())) {
        let _ = writeln!(out, "# {}", escape::comment(&line));
    }
    let _ = writeln!(out, "# Environment variable: {}", escape::comment(&setting.env));
    if let Some(value) = value {
        let _ = writeln!(out, "# {} = {value}", escape::key(setting.meta.name));
    }
}

/// The default as a TOML value, when there is one to write.
fn value(meta: &SettingMeta) -> Option<String> {
    if !has_written_default(meta) {
        return None;
    }
    match meta.default.value {
        Literal::Bool(b) => Some(b.to_string()),
        // A number as JSON writes it is one TOML reads; underscores between
        // digits (as a Rust literal may have) are both languages' too.
        Literal::Number(n) => n.replace('_', "").parse::<serde_json::Number>().is_ok().then(|| n.to_owned()),
        Literal::Str(s) => Some(escape::string(s)),
        Literal::List(items) => Some(array(meta.value.items().kind, items)),
        _ => None,
    }
}

/// `["a", "b"]`, or `[1, 2]` for numbers and `[true]` for booleans: each
/// item as a file writes a value of the item's kind.
fn array(kind: Kind, items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|item| item_value(kind, item)).collect();
    format!("[{}]", items.join(", "))
}

fn item_value(kind: Kind, item: &str) -> String {
    let number = kind.is_number() && item.parse::<serde_json::Number>().is_ok();
    let boolean = kind == Kind::Bool && matches!(item, "true" | "false");
    if number || boolean { item.to_owned() } else { escape::string(item) }
}
