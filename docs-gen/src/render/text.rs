//! `text`: terminal help, as `python -m gevent._config` prints it: each
//! setting's full name, then its description indented by four spaces. A
//! group starts with a header, its path in brackets as a configuration file
//! writes it (`[database]`), and its description, indented. Every string
//! goes through [`escape`].

mod escape;

use std::fmt::Write as _;

use crate::markdown::{Block, Inline};
use crate::model::{Page, Section, SeeAlso, SettingDoc};

/// Lines are wrapped to this width, indentation included.
const WIDTH: usize = 79;
const INDENT: &str = "    ";

pub(crate) fn render(page: &Page) -> String {
    let mut out = String::new();
    for section in page.sections() {
        match section {
            Section::Setting(setting) => {
                out.push_str(&escape::text(&setting.name));
                out.push('\n');
                for paragraph in paragraphs(setting) {
                    out.push_str(&paragraph);
                    out.push('\n');
                }
            }
            Section::Group(group) => {
                let _ = writeln!(out, "[{}]", escape::text(&group.path));
                if group.intro.is_empty() {
                    out.push('\n');
                }
                for block in &group.intro.blocks {
                    let _ = writeln!(out, "{}\n", self::block(block, INDENT));
                }
            }
        }
    }
    out
}

/// Each block of one setting's text, indented and wrapped.
fn paragraphs(setting: &SettingDoc) -> Vec<String> {
    let mut blocks = Vec::new();
    blocks.extend(setting.description.blocks.iter().map(|b| block(b, INDENT)));
    if !setting.see_also.is_empty() {
        let entries: Vec<String> = setting
            .see_also
            .iter()
            .map(|s| match s {
                SeeAlso::Setting(name) => escape::text(name).into_owned(),
                SeeAlso::Text(line) => inline_text(&line.inlines),
            })
            .collect();
        blocks.push(wrap(&format!("See also: {}", entries.join(", ")), INDENT));
    }
    if let Some(added) = setting.added {
        blocks.push(wrap(&format!("Added in version {}.", escape::text(added)), INDENT));
    }
    if let Some(d) = &setting.deprecated {
        let text = inline_text(&d.text.inlines);
        blocks.push(wrap(&format!("Deprecated since version {}: {text}", escape::text(d.since)), INDENT));
    }
    blocks.extend(setting.kind.blocks.iter().map(|b| block(b, INDENT)));
    blocks.push(wrap(&inline_text(&setting.default.inlines), INDENT));
    blocks.push(wrap(&inline_text(&setting.env_line.inlines), INDENT));
    blocks.into_iter().map(|b| b + "\n").collect()
}

fn block(block: &Block, indent: &str) -> String {
    match block {
        Block::Paragraph(inlines) | Block::Heading { inlines, .. } => wrap(&inline_text(inlines), indent),
        Block::List { ordered, items } => {
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                let marker = if *ordered { format!("{}. ", i + 1) } else { "- ".to_owned() };
                let inner = format!("{indent}{}", " ".repeat(marker.len()));
                let body = blocks(item, &inner);
                let _ = write!(out, "{}{indent}{marker}{}", sep(&out), body.trim_start());
            }
            out
        }
        Block::Code { text, .. } => escape::code_lines(text)
            .map(|l| format!("{indent}    {l}").trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Alert(kind, inner) => {
            let body = blocks(inner, &format!("{indent}    "));
            format!("{indent}{}:\n{body}", kind.title())
        }
        Block::Quote(inner) => blocks(inner, &format!("{indent}| ")),
    }
}

fn blocks(list: &[Block], indent: &str) -> String {
    list.iter().map(|b| block(b, indent)).collect::<Vec<_>>().join("\n\n")
}

fn sep(out: &str) -> &'static str {
    if out.is_empty() { "" } else { "\n\n" }
}

/// Inline content as plain text: code in backticks, emphasis in asterisks,
/// links as their text.
fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&escape::text(t)),
            Inline::Code(c) => {
                let _ = write!(out, "`{}`", escape::text(c));
            }
            Inline::Emph(c) => {
                let _ = write!(out, "*{}*", inline_text(c));
            }
            Inline::Strong(c) => {
                let _ = write!(out, "**{}**", inline_text(c));
            }
            Inline::Link { content, .. } => out.push_str(&inline_text(content)),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
    out
}

fn wrap(text: &str, indent: &str) -> String {
    // Never break inside a word: `libev-cext` and paths stay whole.
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text, options)
}
