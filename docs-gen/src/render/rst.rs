//! `rst`: a Sphinx page like the one gevent's autodoc produces: an optional
//! label, the title, the see-also, a `py:class` (in an optional current
//! module) with the description and one `py:property` per setting, version
//! notes as `versionadded`/`deprecated` directives, notes and cautions as
//! admonitions. It builds with `sphinx-build -W`. Every string goes through
//! [`escape`].
//!
//! A group cannot be a section of its own: reStructuredText allows no
//! section inside a directive, and the properties belong inside the class.
//! So each group is a `.. rubric::` (its full path, `database`) in the
//! class, followed by its description and its settings, each a property
//! named by its full path (`.. py:property:: database.pool_size`), which
//! Sphinx files as `Struct.database.pool_size` (or
//! `module.Struct.database.pool_size`); on such a page `:py:attr:`
//! references name their target from the struct, so that they resolve from
//! inside a group's property too (checked with `sphinx-build -W -n`).
//!
//! A link whose text is code (``[`gevent.os`](url)``) keeps the code style,
//! as on gevent's page: reStructuredText cannot nest a literal in a link, so
//! it becomes a substitution (`|link-1|__`) replaced by the literal, with an
//! anonymous target, both defined right after the paragraph.

mod escape;

use std::cell::RefCell;
use std::fmt::Write as _;

use crate::markdown::{self, Block, Inline};
use crate::model::{Page, Section, SeeAlso, SettingDoc};

/// Pygments lexers that a code block's language may name; any other
/// language is shown as plain text, so that Sphinx never warns.
const LEXERS: &[&str] = &["python", "pycon", "rust", "text", "sh", "bash", "console", "toml", "json", "yaml", "ini"];

/// Directive content is indented by three spaces per level.
const STEP: &str = "   ";

pub(crate) fn render(page: &Page) -> String {
    let cx = Context { page, links: RefCell::default() };
    let mut out = String::new();
    if let Some(label) = &page.label {
        let _ = writeln!(out, "{}\n", escape::label(label));
    }
    let _ = writeln!(out, "{}\n", escape::title(&page.title));
    if !page.see_also.is_empty() {
        out.push_str(".. seealso::\n\n");
        for line in &page.see_also {
            let _ = writeln!(out, "{}\n", cx.paragraph(&line.inlines, STEP));
        }
    }
    if let Some(module) = &page.module {
        let _ = writeln!(out, ".. py:currentmodule:: {}\n", escape::word(module));
    }
    let _ = writeln!(out, ".. py:class:: {}\n", escape::argument(page.name));
    let mut class = cx.blocks(&page.intro.blocks, STEP);
    if let Some(added) = page.added {
        push_block(&mut class, &format!("{STEP}.. versionadded:: {}", escape::word(added)));
    }
    for section in page.sections() {
        match section {
            Section::Setting(setting) => push_block(&mut class, &cx.property(setting)),
            Section::Group(group) => {
                let title = cx.line(&[Inline::Code(group.path.clone())]);
                push_block(&mut class, &format!("{STEP}.. rubric:: {title}"));
                push_block(&mut class, &cx.blocks(&group.intro.blocks, STEP));
            }
        }
    }
    out.push_str(&class);
    out.push('\n');
    out
}

/// See-also entries as one line: settings as code (so, references), the
/// rest as written, separated by commas.
fn see_also_inlines(entries: &[SeeAlso]) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            inlines.push(Inline::Text(", ".to_owned()));
        }
        match entry {
            SeeAlso::Setting(name) => inlines.push(Inline::Code(name.clone())),
            SeeAlso::Text(line) => inlines.extend(line.inlines.iter().cloned()),
        }
    }
    inlines
}

fn push_block(out: &mut String, block: &str) {
    if block.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(block);
}

/// The page being rendered (which names are settings: code spans naming one
/// become cross-references, as in gevent's page), and the code-styled links
/// of the paragraph being written, whose definitions follow it.
struct Context<'a> {
    page: &'a Page,
    links: RefCell<Links>,
}

#[derive(Default)]
struct Links {
    count: usize,
    pending: Vec<(String, String, String)>,
}

impl Context<'_> {
    /// One `py:property` directive with its content.
    fn property(&self, setting: &SettingDoc) -> String {
        let body = format!("{STEP}{STEP}");
        let mut out = format!("{STEP}.. py:property:: {}", escape::argument(&setting.name));
        let mut content = self.blocks(&setting.description.blocks, &body);
        if !setting.see_also.is_empty() {
            let line = self.line(&see_also_inlines(&setting.see_also));
            push_block(&mut content, &self.with_links(format!("{body}.. seealso:: {line}"), &body));
        }
        if let Some(added) = setting.added {
            push_block(&mut content, &format!("{body}.. versionadded:: {}", escape::word(added)));
        }
        if let Some(d) = &setting.deprecated {
            let text = self.paragraph(&d.text.inlines, &format!("{body}{STEP}"));
            let directive = format!("{body}.. deprecated:: {}", escape::word(d.since));
            push_block(&mut content, &if text.trim().is_empty() { directive } else { format!("{directive}\n{text}") });
        }
        push_block(&mut content, &self.blocks(&setting.kind.blocks, &body));
        for line in [&setting.default, &setting.env_line] {
            push_block(&mut content, &self.paragraph(&line.inlines, &body));
        }
        out.push_str("\n\n");
        out.push_str(content.trim_start_matches('\n'));
        out
    }

    fn blocks(&self, blocks: &[Block], indent: &str) -> String {
        let rendered: Vec<String> = blocks.iter().map(|b| self.block(b, indent)).filter(|b| !b.is_empty()).collect();
        rendered.join("\n\n")
    }

    fn block(&self, block: &Block, indent: &str) -> String {
        match block {
            Block::Paragraph(inlines) => self.paragraph(inlines, indent),
            Block::Heading { inlines, .. } => {
                let text = self.line(inlines);
                if text.trim().is_empty() {
                    return String::new();
                }
                self.with_links(format!("{indent}.. rubric:: {text}"), indent)
            }
            Block::List { ordered, items } => {
                let marker = if *ordered { "#. " } else { "* " };
                let inner = format!("{indent}{}", " ".repeat(marker.len()));
                let items: Vec<String> = items
                    .iter()
                    .map(|item| {
                        let body = self.blocks(item, &inner);
                        // An empty item still needs its marker's line.
                        let first = body.trim_start();
                        if first.is_empty() {
                            format!("{indent}{}", marker.trim_end())
                        } else {
                            format!("{indent}{marker}{first}")
                        }
                    })
                    .collect();
                items.join("\n\n")
            }
            Block::Code { lang, text } => {
                let lexer = if LEXERS.contains(&lang.as_str()) { lang.as_str() } else { "text" };
                let code: Vec<String> =
                    escape::code_lines(text).map(|l| format!("{indent}{STEP}{l}").trim_end().to_owned()).collect();
                if code.iter().all(|l| l.trim().is_empty()) {
                    return String::new();
                }
                format!("{indent}.. code-block:: {lexer}\n\n{}", code.join("\n"))
            }
            Block::Alert(kind, inner) => {
                let body = self.blocks(inner, &format!("{indent}{STEP}"));
                if body.is_empty() {
                    return String::new();
                }
                format!("{indent}.. {}::\n\n{body}", kind.name())
            }
            Block::Quote(inner) => self.blocks(inner, &format!("{indent}{STEP}")),
        }
    }

    /// A paragraph at `indent`: inline content whose start cannot open a
    /// block, followed by the definitions of its code-styled links.
    fn paragraph(&self, inlines: &[Inline], indent: &str) -> String {
        let text = self.line(inlines);
        if text.is_empty() {
            self.links.borrow_mut().pending.clear();
            return String::new();
        }
        self.with_links(format!("{indent}{text}"), indent)
    }

    /// `block`, then the substitutions and targets of the links it holds.
    fn with_links(&self, mut block: String, indent: &str) -> String {
        let pending = std::mem::take(&mut self.links.borrow_mut().pending);
        if !pending.is_empty() {
            block.push('\n');
        }
        for (name, literal, url) in pending {
            let _ = write!(block, "\n{indent}.. |{name}| replace:: {literal}\n{indent}.. __: {url}");
        }
        block
    }

    /// Inline content on one line, made safe to begin a line: text there is
    /// escaped if it could open a block (markup there cannot).
    fn line(&self, inlines: &[Inline]) -> String {
        let mut out = Inlines::default();
        for inline in inlines {
            self.inline(inline, &mut out);
        }
        if out.starts_with_markup { out.text } else { escape::line_start(&out.text) }
    }

    fn inline(&self, inline: &Inline, out: &mut Inlines) {
        match inline {
            Inline::Text(text) => out.text(&escape::text(text)),
            Inline::SoftBreak | Inline::HardBreak => out.text(" "),
            Inline::Code(code) => match self.reference(code) {
                Some(reference) => out.markup(&reference),
                None => match escape::literal(code) {
                    Some(literal) => out.markup(&literal),
                    None => out.text(&escape::text(code)),
                },
            },
            Inline::Emph(inner) => self.emphasis("*", inner, out),
            Inline::Strong(inner) => self.emphasis("**", inner, out),
            Inline::Link { url, content } => self.link(url, content, out),
        }
    }

    /// `:py:attr:` for a setting on the page whose name can be a target.
    ///
    /// Inside a group's property (`database.pool_size`) Sphinx takes the
    /// group's path for the current class, so that a bare name would be
    /// looked up under it: on a page with groups, every reference names its
    /// target from the struct (`Struct.database.url`), which Sphinx finds
    /// from anywhere in the module, and shows the setting's full name.
    fn reference(&self, name: &str) -> Option<String> {
        if !(self.page.is_setting(name) && escape::is_reference_name(name)) {
            return None;
        }
        if self.page.groups.is_empty() {
            return Some(format!(":py:attr:`{name}`"));
        }
        let target = format!("{}.{name}", self.page.name);
        escape::is_reference_name(&target).then(|| format!(":py:attr:`{name} <{target}>`"))
    }

    fn emphasis(&self, mark: &str, inner: &[Inline], out: &mut Inlines) {
        let plain = markdown::plain(inner);
        let trimmed = plain.trim();
        if trimmed.is_empty() {
            return out.text(&escape::text(&plain));
        }
        if plain.starts_with(char::is_whitespace) {
            out.text(" ");
        }
        out.markup(&format!("{mark}{}{mark}", escape::text(trimmed)));
        if plain.ends_with(char::is_whitespace) {
            out.text(" ");
        }
    }

    fn link(&self, url: &str, content: &[Inline], out: &mut Inlines) {
        let label = markdown::plain(content);
        if let Some(reference) = url.strip_prefix('#').and_then(|name| self.reference(name)) {
            return out.markup(&reference);
        }
        let Some(url) = escape::url(url) else {
            return content.iter().for_each(|i| self.inline(i, out));
        };
        if let [Inline::Code(code)] = content
            && let Some(literal) = escape::literal(code)
        {
            let mut links = self.links.borrow_mut();
            links.count += 1;
            let name = format!("link-{}", links.count);
            out.markup(&format!("|{name}|__"));
            links.pending.push((name, literal, url));
            return;
        }
        let label = if label.trim().is_empty() { url.as_str() } else { label.trim() };
        out.markup(&format!("`{} <{url}>`__", escape::link_text(label)));
    }
}

/// Inline text being built. Inline markup must be set off from words: where
/// it touches one, an escaped space (which renders as nothing) separates them.
#[derive(Default)]
struct Inlines {
    text: String,
    after_markup: bool,
    starts_with_markup: bool,
}

impl Inlines {
    fn text(&mut self, text: &str) {
        // Leading white space would indent the line.
        let text = if self.text.is_empty() { text.trim_start() } else { text };
        if text.is_empty() {
            return;
        }
        let touches = text.chars().next().is_some_and(|c| !c.is_whitespace() && !"-.,:;!?\\/'\")]}>".contains(c));
        if self.after_markup && touches {
            self.text.push_str("\\ ");
        }
        self.text.push_str(text);
        self.after_markup = false;
    }

    fn markup(&mut self, markup: &str) {
        if self.text.is_empty() {
            self.starts_with_markup = true;
        }
        let touches = self.text.chars().last().is_some_and(|c| !c.is_whitespace() && !"-:/'\"<([{".contains(c));
        if touches || self.after_markup {
            self.text.push_str("\\ ");
        }
        self.text.push_str(markup);
        self.after_markup = true;
    }
}
