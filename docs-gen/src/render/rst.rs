//! `rst`: a Sphinx page like the one gevent's autodoc produces: the title,
//! the see-also, a `py:class` with the description and one `py:property`
//! per setting, version notes as `versionadded`/`deprecated` directives,
//! notes and cautions as admonitions. It builds with `sphinx-build -W`.

use std::fmt::Write as _;

use crate::markdown::{Block, Inline};
use crate::model::{Line, Page, SeeAlso, SettingDoc};

/// Pygments lexers that a code block's language may name; any other
/// language is shown as plain text, so that Sphinx never warns.
const LEXERS: &[&str] = &["python", "pycon", "rust", "text", "sh", "bash", "console", "toml", "json", "yaml", "ini"];

/// Directive content is indented by three spaces per level.
const STEP: &str = "   ";

pub(crate) fn render(page: &Page) -> String {
    let cx = Context { settings: page.settings.iter().map(|s| s.meta.name).collect() };
    let mut out = String::new();
    let title = escape(&page.title);
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()));
    if !page.see_also.is_empty() {
        out.push_str(".. seealso::\n\n");
        for line in &page.see_also {
            let _ = writeln!(out, "{STEP}{}\n", cx.line(&line.inlines));
        }
    }
    let _ = writeln!(out, ".. py:class:: {}\n", page.name);
    let mut class = cx.blocks(&page.intro.blocks, STEP);
    if let Some(added) = page.added {
        push_block(&mut class, &format!("{STEP}.. versionadded:: {added}"));
    }
    for setting in &page.settings {
        push_block(&mut class, &cx.property(setting));
    }
    out.push_str(&class);
    out.push('\n');
    out
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

/// What inline rendering needs to know: which names are settings (code
/// spans naming one become cross-references, as in gevent's page).
struct Context {
    settings: Vec<&'static str>,
}

impl Context {
    /// One `py:property` directive with its content.
    fn property(&self, setting: &SettingDoc) -> String {
        let body = format!("{STEP}{STEP}");
        let mut out = format!("{STEP}.. py:property:: {}", setting.meta.name);
        let mut content = self.blocks(&setting.description.blocks, &body);
        if !setting.see_also.is_empty() {
            let entries: Vec<String> = setting
                .see_also
                .iter()
                .map(|s| match s {
                    SeeAlso::Setting(name) => format!(":py:attr:`{name}`"),
                    SeeAlso::Text(line) => self.line(&line.inlines),
                })
                .collect();
            push_block(&mut content, &format!("{body}.. seealso:: {}", entries.join(", ")));
        }
        if let Some(added) = setting.added {
            push_block(&mut content, &format!("{body}.. versionadded:: {added}"));
        }
        if let Some(d) = &setting.deprecated {
            push_block(
                &mut content,
                &format!("{body}.. deprecated:: {}\n{body}{STEP}{}", d.since, self.line(&d.text.inlines)),
            );
        }
        let standard =
            [&setting.default, &setting.env].map(|line: &Line| format!("{body}{}", self.paragraph(&line.inlines)));
        push_block(&mut content, &self.blocks(&setting.kind.blocks, &body));
        for paragraph in standard {
            push_block(&mut content, &paragraph);
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
            Block::Paragraph(inlines) => format!("{indent}{}", self.paragraph(inlines)),
            Block::Heading(inlines) => format!("{indent}.. rubric:: {}", self.line(inlines)),
            Block::List { ordered, items } => {
                let marker = if *ordered { "#. " } else { "* " };
                let inner = format!("{indent}{}", " ".repeat(marker.len()));
                let items: Vec<String> = items
                    .iter()
                    .map(|item| {
                        let body = self.blocks(item, &inner);
                        format!("{indent}{marker}{}", body.trim_start())
                    })
                    .collect();
                items.join("\n\n")
            }
            Block::Code { lang, text } => {
                let lexer = if LEXERS.contains(&lang.as_str()) { lang.as_str() } else { "text" };
                let code: Vec<String> =
                    text.lines().map(|l| format!("{indent}{STEP}{l}").trim_end().to_owned()).collect();
                format!("{indent}.. code-block:: {lexer}\n\n{}", code.join("\n"))
            }
            Block::Alert(kind, inner) => {
                format!("{indent}.. {}::\n\n{}", kind.name(), self.blocks(inner, &format!("{indent}{STEP}")))
            }
            Block::Quote(inner) => self.blocks(inner, &format!("{indent}{STEP}")),
        }
    }

    /// A paragraph: inline content whose first character cannot start a
    /// list, a directive or a field.
    fn paragraph(&self, inlines: &[Inline]) -> String {
        let text = self.line(inlines);
        let starts_markup = text.starts_with(['-', '+', '*', '#', '|', '>', ':', '.'])
            || text.split_once(['.', ')']).is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if starts_markup { format!("\\{text}") } else { text }
    }

    /// Inline content on one line.
    fn line(&self, inlines: &[Inline]) -> String {
        let mut out = Inlines::default();
        for inline in inlines {
            self.inline(inline, &mut out);
        }
        out.text
    }

    fn inline(&self, inline: &Inline, out: &mut Inlines) {
        match inline {
            Inline::Text(text) => out.text(&escape(text)),
            Inline::SoftBreak | Inline::HardBreak => out.text(" "),
            Inline::Code(code) if self.settings.contains(&code.as_str()) => out.markup(&format!(":py:attr:`{code}`")),
            Inline::Code(code) if code.contains("``") || code.trim().is_empty() => out.text(&escape(code)),
            Inline::Code(code) => out.markup(&format!("``{code}``")),
            Inline::Emph(inner) => out.markup(&format!("*{}*", escape(&crate::markdown::plain(inner)))),
            Inline::Strong(inner) => out.markup(&format!("**{}**", escape(&crate::markdown::plain(inner)))),
            Inline::Link { url, content } => {
                let label = crate::markdown::plain(content);
                match url.strip_prefix('#') {
                    Some(name) if self.settings.contains(&name) => out.markup(&format!(":py:attr:`{name}`")),
                    _ => out.markup(&format!("`{} <{}>`__", escape_link_text(&label), url)),
                }
            }
        }
    }
}

/// Inline text being built. Inline markup must be set off from words: where
/// it touches one, an escaped space (which renders as nothing) separates them.
#[derive(Default)]
struct Inlines {
    text: String,
    after_markup: bool,
}

impl Inlines {
    fn text(&mut self, text: &str) {
        let touches = text.chars().next().is_some_and(|c| !c.is_whitespace() && !"-.,:;!?\\/'\")]}>".contains(c));
        if self.after_markup && touches {
            self.text.push_str("\\ ");
        }
        self.text.push_str(text);
        self.after_markup = false;
    }

    fn markup(&mut self, markup: &str) {
        let touches = self.text.chars().last().is_some_and(|c| !c.is_whitespace() && !"-:/'\"<([{".contains(c));
        if touches || self.after_markup {
            self.text.push_str("\\ ");
        }
        self.text.push_str(markup);
        self.after_markup = true;
    }
}

/// Escapes what reStructuredText reads as markup in running text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '`' | '_' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Link text ends at `<`, so it is escaped too.
fn escape_link_text(text: &str) -> String {
    escape(text).replace('<', "\\<")
}
