//! `markdown`: a page for GitHub or mdBook: a summary table (every
//! setting's full name, environment variable and default) linking to a
//! section per setting. The root's settings are `##` sections; each group is
//! a section titled with its path (`## database`), its settings a level
//! below it (`### database.pool_size`), its groups likewise, so that no level
//! is skipped. The
//! descriptions are written anew from their parsed form, never copied, so
//! that every string goes through [`escape`]: raw HTML shows as text. As on
//! the HTML page, a code span naming a setting links to it; description
//! headings are shifted below the heading they sit under; an alert inside a
//! list or quote (which GitHub would show as a plain quote) is a quote with a
//! bold title.

mod escape;

use std::cell::Cell;
use std::fmt::Write as _;

use crate::markdown::{Block, Inline, heading_levels};
use crate::model::{Page, Prose, Section, SeeAlso, SettingDoc, default_text, is_required};

pub(crate) fn render(page: &Page) -> String {
    let w = Writer { page };
    let mut out = format!("# {}\n\n", escape::line_start(&escape::text(&page.title)));
    for line in &page.see_also {
        let _ = writeln!(out, "> **See also:** {}\n", w.inlines(&line.inlines, false));
    }
    if !page.intro.is_empty() {
        let _ = writeln!(out, "{}\n", w.prose(&page.intro, 1));
    }
    if let Some(added) = page.added {
        let _ = writeln!(out, "*Added in version {}.*\n", escape::text(added));
    }
    out.push_str("| Setting | Environment variable | Default |\n|---|---|---|\n");
    for setting in page.all_settings() {
        let meta = setting.meta;
        let default = if is_required(meta) {
            "required".to_owned()
        } else {
            escape::code_span(&default_text(meta, page.notation))
        };
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} |",
            cell(&escape::code_span(&setting.name)),
            escape::anchor(&setting.name),
            cell(&escape::code_span(&setting.env)),
            cell(&default)
        );
    }
    for section in page.sections() {
        out.push('\n');
        match section {
            Section::Setting(setting) => w.section(&mut out, setting, level(setting)),
            Section::Group(group) => {
                let _ = writeln!(out, "{} {}", "#".repeat(group_level(group.depth)), escape::code_span(&group.path));
                if !group.intro.is_empty() {
                    let _ = writeln!(out, "\n{}", w.prose(&group.intro, group_level(group.depth) as u8));
                }
            }
        }
    }
    out
}

/// A group's heading level: `##` for a group of the root, one more per
/// level of nesting, at most 6.
fn group_level(depth: usize) -> usize {
    (depth + 1).min(6)
}

/// A setting's heading level: a level below its group's (`##` at the root).
fn level(setting: &SettingDoc) -> usize {
    (setting.depth + 2).min(6)
}

/// A table cell: a `|` would end it, even inside a code span.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Where a block sits: nested in a list or quote or not, and the heading
/// levels of the description it belongs to, placed below `base`.
#[derive(Clone, Copy)]
struct Cx<'a> {
    nested: bool,
    base: u8,
    levels: &'a [u8],
    /// The level of the heading written last (`base` before the first).
    last: &'a Cell<u8>,
}

impl Cx<'_> {
    fn nested(self) -> Self {
        Cx { nested: true, ..self }
    }

    /// The level a description's heading is written at: its rank among the
    /// description's levels, below `base`, and never more than one below
    /// the heading before it.
    fn heading(self, level: u8) -> usize {
        let rank = self.levels.iter().position(|l| *l == level).unwrap_or(0);
        let ranked = usize::from(self.base) + 1 + rank;
        let shown = ranked.min(usize::from(self.last.get()) + 1).min(6);
        self.last.set(shown as u8);
        shown
    }
}

struct Writer<'a> {
    page: &'a Page,
}

impl Writer<'_> {
    fn section(&self, out: &mut String, setting: &SettingDoc, level: usize) {
        let _ = writeln!(out, "{} {}\n", "#".repeat(level), escape::code_span(&setting.name));
        // Description headings go below the setting's (at most 6: `level` is).
        let base = level as u8;
        if !setting.description.is_empty() {
            let _ = writeln!(out, "{}\n", self.prose(&setting.description, base));
        }
        if !setting.see_also.is_empty() {
            let entries: Vec<String> = setting
                .see_also
                .iter()
                .map(|s| match s {
                    SeeAlso::Setting(name) => self.inline(&Inline::Code(name.clone()), false),
                    SeeAlso::Text(line) => self.inlines(&line.inlines, false),
                })
                .collect();
            let _ = writeln!(out, "**See also:** {}\n", entries.join(", "));
        }
        if let Some(added) = setting.added {
            let _ = writeln!(out, "*Added in version {}.*\n", escape::text(added));
        }
        if let Some(d) = &setting.deprecated {
            let text = self.inlines(&d.text.inlines, false);
            let _ = writeln!(out, "> **Deprecated since version {}:** {text}\n", escape::text(d.since));
        }
        if !setting.kind.is_empty() {
            let _ = writeln!(out, "{}\n", self.prose(&setting.kind, base));
        }
        let _ = writeln!(out, "{}\n", self.inlines(&setting.default.inlines, false));
        let _ = writeln!(out, "{}", self.inlines(&setting.env_line.inlines, false));
    }

    /// A description under a heading of level `base`.
    fn prose(&self, prose: &Prose, base: u8) -> String {
        let levels = heading_levels(&prose.blocks);
        let last = Cell::new(base);
        self.blocks(&prose.blocks, Cx { nested: false, base, levels: &levels, last: &last })
    }

    fn blocks(&self, blocks: &[Block], cx: Cx<'_>) -> String {
        let rendered: Vec<String> = blocks.iter().map(|b| self.block(b, cx)).filter(|b| !b.is_empty()).collect();
        rendered.join("\n\n")
    }

    fn block(&self, block: &Block, cx: Cx<'_>) -> String {
        match block {
            Block::Paragraph(inlines) => escape::line_start(&self.inlines(inlines, false)),
            Block::Heading { level, inlines } => {
                format!("{} {}", "#".repeat(cx.heading(*level)), escape::line_start(&self.inlines(inlines, false)))
            }
            Block::List { ordered, items } => self.list(*ordered, items, cx),
            Block::Code { lang, text } => {
                let (fence, lines) = escape::code_block(text);
                format!("{fence}{}\n{}\n{fence}", escape::info(lang), lines.join("\n"))
            }
            // GitHub shows an alert only at the top level of a document.
            Block::Alert(kind, inner) if cx.nested => {
                quote(&format!("**{}**\n\n{}", kind.title(), self.blocks(inner, cx.nested())))
            }
            Block::Alert(kind, inner) => {
                quote(&format!("[!{}]\n{}", kind.name().to_uppercase(), self.blocks(inner, cx.nested())))
            }
            Block::Quote(inner) => quote(&self.blocks(inner, cx.nested())),
        }
    }

    fn list(&self, ordered: bool, items: &[Vec<Block>], cx: Cx<'_>) -> String {
        let tight = items.iter().all(|item| item.len() <= 1);
        let rendered: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let marker = if ordered { format!("{}. ", i + 1) } else { "- ".to_owned() };
                let indent = " ".repeat(marker.len());
                let body = self.blocks(item, cx.nested());
                let mut out = marker.trim_end().to_owned();
                for (n, line) in body.lines().enumerate() {
                    let lead = if n == 0 {
                        " "
                    } else if line.is_empty() {
                        "\n"
                    } else {
                        &format!("\n{indent}")
                    };
                    out.push_str(lead);
                    out.push_str(line);
                }
                out
            })
            .collect();
        rendered.join(if tight { "\n" } else { "\n\n" })
    }

    fn inlines(&self, inlines: &[Inline], in_link: bool) -> String {
        inlines.iter().map(|i| self.inline(i, in_link)).collect()
    }

    fn inline(&self, inline: &Inline, in_link: bool) -> String {
        match inline {
            Inline::Text(text) => escape::text(text),
            Inline::Code(code) if !in_link && self.page.is_setting(code) => {
                format!("[{}](#{})", escape::code_span(code), escape::anchor(code))
            }
            Inline::Code(code) => escape::code_span(code),
            Inline::Emph(inner) => emphasis("*", &self.inlines(inner, in_link)),
            Inline::Strong(inner) => emphasis("**", &self.inlines(inner, in_link)),
            Inline::Link { url, content } => {
                let text = self.inlines(content, true);
                let target = match url.strip_prefix('#') {
                    Some(name) if self.page.is_setting(name) => Some(format!("#{}", escape::anchor(name))),
                    _ => escape::url(url),
                };
                match target {
                    Some(target) if !in_link => format!("[{text}]({target})"),
                    _ => text,
                }
            }
            Inline::SoftBreak | Inline::HardBreak => " ".to_owned(),
        }
    }
}

/// `*text*`, with the white space at its edges moved outside (emphasis
/// cannot start or end with a space).
fn emphasis(mark: &str, inner: &str) -> String {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return inner.to_owned();
    }
    let lead = &inner[..inner.len() - inner.trim_start().len()];
    let trail = &inner[inner.trim_end().len()..];
    format!("{lead}{mark}{trimmed}{mark}{trail}")
}

/// Every line of `body` as a block quote line.
fn quote(body: &str) -> String {
    body.lines()
        .map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}
