//! `env`: a `.env` template: every documented setting with the first
//! sentence of its description and its default, every line commented out.

use std::fmt::Write as _;

use config_core::meta::{Literal, SettingMeta};

use crate::markdown::{self, Block};
use crate::model::{Page, SettingDoc};

pub(crate) fn render(page: &Page) -> String {
    let mut out =
        format!("# {}\n#\n# Every documented setting and its default. Uncomment a line to set it.\n", page.title);
    for setting in &page.settings {
        out.push('\n');
        entry(&mut out, page, setting);
    }
    out
}

fn entry(out: &mut String, page: &Page, setting: &SettingDoc) {
    let meta = setting.meta;
    if let Some(sentence) = first_sentence(&setting.description.blocks) {
        let _ = writeln!(out, "# {sentence}");
    }
    if let Some(d) = &setting.deprecated {
        let plain = markdown::plain(&d.text.inlines);
        let instead = if plain.is_empty() { String::new() } else { format!(": {plain}") };
        let _ = writeln!(out, "# Deprecated since {}{instead}", d.since);
    }
    let _ = writeln!(out, "# Default: {}", meta.default_text(page.notation));
    let _ = writeln!(out, "# {}={}", meta.env, env_value(meta));
}

/// The first sentence of the first paragraph, as plain text.
fn first_sentence(blocks: &[Block]) -> Option<String> {
    let text = blocks.iter().find_map(|b| match b {
        Block::Paragraph(inlines) => Some(markdown::plain(inlines)),
        _ => None,
    })?;
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].trim().to_owned())
}

/// The default as the variable would be written; empty when there is none
/// to write (no value, a secret, or one only the code knows).
fn env_value(meta: &SettingMeta) -> String {
    if meta.secret {
        return String::new();
    }
    let raw = match meta.default.value {
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_owned(),
        Literal::Str(s) => s.to_owned(),
        Literal::List(items) => items.join(","),
        Literal::None | Literal::Code { .. } => String::new(),
    };
    quote(&raw)
}

/// Double-quotes a value that a `.env` reader would otherwise split or expand.
fn quote(value: &str) -> String {
    if !value.chars().any(|c| c.is_whitespace() || "#\"'$`\\".contains(c)) {
        return value.to_owned();
    }
    let mut out = String::from('"');
    for c in value.chars() {
        if "\"\\$`".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}
