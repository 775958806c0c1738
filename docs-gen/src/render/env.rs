//! `env`: a `.env` template: every documented setting with the first
//! sentence of its description, what it accepts (boolean words, shorthands,
//! units, choices, ranges), its default and its variable, every line
//! commented out; a group's settings under a header naming the group.
//!
//! A `# NAME=value` line carries the documented default exactly as the
//! variable is read (a list comma-joined, a duration as written), so that
//! uncommenting it changes nothing until the value is edited. A setting
//! whose default cannot be written so (none, required, secret, one only the
//! program knows, a list whose items hold commas or, under the standard
//! rules, spaces at their edges) has no such line, only a comment naming
//! its variable: an empty `NAME=` would not mean "the default" everywhere
//! (under `empty_values = "numbers"`, an empty list is one empty item).
//! Every string goes through [`escape`], so that the only lines are the
//! comments and the `# NAME=value` lines written here.

mod escape;

use std::fmt::Write as _;

use config_core::meta::{EmptyValues, Kind, ListItems, Literal, SettingMeta};

use super::template;
use crate::model::{Page, Section, SettingDoc, first_sentence, has_written_default};

pub(crate) fn render(page: &Page) -> String {
    let mut out = format!(
        "# {}\n#\n# Every documented setting and its default. Uncomment a line to set it; a setting\n\
         # without a default to write has no line to uncomment, only its variable.\n",
        escape::comment(&page.title)
    );
    for section in page.sections() {
        out.push('\n');
        match section {
            Section::Setting(setting) => entry(&mut out, page, setting),
            Section::Group(group) => {
                let _ = writeln!(out, "# [{}]", escape::comment(&group.path));
                if let Some(sentence) = first_sentence(&group.intro.blocks).filter(|s| !s.is_empty()) {
                    let _ = writeln!(out, "# {}", escape::comment(&sentence));
                }
            }
        }
    }
    out
}

fn entry(out: &mut String, page: &Page, setting: &SettingDoc) {
    let value = value(setting.meta);
    for line in template::notes(setting, "a comma-separated list") {
        let _ = writeln!(out, "# {}", escape::comment(&line));
    }
    let name = escape::name(&setting.env);
    let note = template::default_note(page, setting.meta, value.is_some()).map(|n| escape::comment(&n));
    // One line for the variable, whatever the default is: a value that
    // cannot be written leaves no more lines than one that can.
    match (value, note) {
        (Some(value), note) => {
            if let Some(note) = note {
                let _ = writeln!(out, "# {note}");
            }
            let _ = writeln!(out, "# {name}={}", escape::value(&value));
        }
        (None, Some(note)) => {
            let _ = writeln!(out, "# Variable: {name}. {note}");
        }
        (None, None) => {
            let _ = writeln!(out, "# Variable: {name}");
        }
    }
}

/// The default as the variable's value, unquoted, when reading that value
/// gives the default back; `None` otherwise.
pub(crate) fn value(meta: &SettingMeta) -> Option<String> {
    if !has_written_default(meta) {
        return None;
    }
    let text = match meta.default.value {
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_owned(),
        Literal::Str(s) => s.to_owned(),
        Literal::List(items) if list_reads_back(meta, items) => items.join(","),
        _ => return None,
    };
    // An empty value is unset under the standard rules (so the default
    // applies anyway); under `empty_values = "numbers"` it is parsed, which
    // only gives the default back for text.
    let empty_ok = meta.rules.empty_values == EmptyValues::Unset || matches!(meta.kind(), Kind::String | Kind::Path);
    (!text.is_empty() || empty_ok).then_some(text).filter(|t| escape::reads_back(t))
}

/// Whether `items`, joined with commas, are read back as the same items
/// (by the list parser the setting's rules pick).
fn list_reads_back(meta: &SettingMeta, items: &[&str]) -> bool {
    let joined = items.join(",");
    let read: Vec<&str> = match meta.rules.list_items {
        ListItems::Trimmed => config_parse::list_items_trimmed(&joined).collect(),
        ListItems::AsGiven => config_parse::list_items_as_given(&joined).collect(),
    };
    !items.is_empty() && read == items
}
