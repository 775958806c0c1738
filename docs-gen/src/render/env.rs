//! `env`: a `.env` template: every documented setting with the first
//! sentence of its description and its default, every line commented out.
//! Every string goes through [`escape`], so that the only lines are the
//! comments and the `# NAME=value` lines written here.

mod escape;

use std::fmt::Write as _;

use crate::markdown::{self, Block};
use crate::model::{Page, SettingDoc, default_text, default_value};

pub(crate) fn render(page: &Page) -> String {
    let mut out = format!(
        "# {}\n#\n# Every documented setting and its default. Uncomment a line to set it.\n",
        escape::comment(&page.title)
    );
    for setting in &page.settings {
        out.push('\n');
        entry(&mut out, page, setting);
    }
    out
}

fn entry(out: &mut String, page: &Page, setting: &SettingDoc) {
    let meta = setting.meta;
    if let Some(sentence) = first_sentence(&setting.description.blocks) {
        let _ = writeln!(out, "# {}", escape::comment(&sentence));
    }
    if let Some(d) = &setting.deprecated {
        let plain = markdown::plain(&d.text.inlines);
        let instead = if plain.trim().is_empty() { String::new() } else { format!(": {plain}") };
        let _ = writeln!(out, "# {}", escape::comment(&format!("Deprecated since {}{instead}", d.since)));
    }
    let _ = writeln!(out, "# Default: {}", escape::comment(&default_text(meta, page.notation)));
    let value = default_value(meta).map(|v| escape::value(&v)).unwrap_or_default();
    let _ = writeln!(out, "# {}={value}", escape::name(meta.env));
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
