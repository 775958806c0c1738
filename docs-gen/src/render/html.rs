//! `html`: one self-contained page (inline style and script, no external
//! assets), readable in light and dark mode, with a table of contents and a
//! filter box. Each setting's heading and text sit in one `<section>` whose
//! `id` is the setting's name. Without JavaScript the filter box stays
//! hidden and every setting shows.

use std::fmt::Write as _;

use crate::markdown::{Block, Inline};
use crate::model::{Page, SeeAlso, SettingDoc};

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/filter.js");

pub(crate) fn render(page: &Page) -> String {
    let cx = Context { settings: page.settings.iter().map(|s| s.meta.name).collect() };
    let title = escape(&page.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    for line in &page.see_also {
        let _ =
            writeln!(out, "{}", admonition("seealso", "See also", &format!("<p>{}</p>", cx.inlines(&line.inlines))));
    }
    out.push_str(&cx.blocks(&page.intro.blocks));
    if let Some(added) = page.added {
        let _ = writeln!(out, "<div class=\"versionadded\"><p>Added in version {}.</p></div>", escape(added));
    }
    out.push_str("</header>\n");
    toc(&mut out, page);
    out.push_str("<main>\n");
    for setting in &page.settings {
        cx.section(&mut out, setting);
    }
    let _ = write!(out, "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The table of contents, with the filter box (shown by the script).
fn toc(out: &mut String, page: &Page) {
    out.push_str(
        "<nav class=\"toc\" aria-label=\"Settings\">\n<h2>Settings</h2>\n\
         <input type=\"search\" id=\"filter\" placeholder=\"Filter by name or environment variable\" \
         aria-label=\"Filter settings\" hidden>\n<p id=\"no-match\" hidden>No setting matches.</p>\n<ul>\n",
    );
    for setting in &page.settings {
        let (name, env) = (escape(setting.meta.name), escape(setting.meta.env));
        let _ = writeln!(
            out,
            "<li data-for=\"{name}\"><a href=\"#{name}\"><code>{name}</code></a> <span class=\"env\">{env}</span></li>"
        );
    }
    out.push_str("</ul>\n</nav>\n");
}

fn admonition(class: &str, title: &str, body: &str) -> String {
    format!("<div class=\"admonition {class}\">\n<p class=\"admonition-title\">{title}</p>\n{body}\n</div>")
}

/// Which names are settings: code spans naming one link to its section.
struct Context {
    settings: Vec<&'static str>,
}

impl Context {
    fn section(&self, out: &mut String, setting: &SettingDoc) {
        let (name, env) = (escape(setting.meta.name), escape(setting.meta.env));
        let _ = writeln!(
            out,
            "<section class=\"setting\" id=\"{name}\" data-env=\"{env}\">\n\
             <h2><a class=\"anchor\" href=\"#{name}\"><code>{name}</code></a></h2>\n<div class=\"body\">"
        );
        out.push_str(&self.blocks(&setting.description.blocks));
        if !setting.see_also.is_empty() {
            let entries: Vec<String> = setting
                .see_also
                .iter()
                .map(|s| match s {
                    SeeAlso::Setting(name) => self.inlines(&[Inline::Code((*name).to_owned())]),
                    SeeAlso::Text(line) => self.inlines(&line.inlines),
                })
                .collect();
            let _ = writeln!(out, "{}", admonition("seealso", "See also", &format!("<p>{}</p>", entries.join(", "))));
        }
        if let Some(added) = setting.added {
            let _ = writeln!(out, "<div class=\"versionadded\"><p>Added in version {}.</p></div>", escape(added));
        }
        if let Some(d) = &setting.deprecated {
            let _ = writeln!(
                out,
                "<div class=\"deprecated\"><p><span class=\"versionmodified\">Deprecated since version {}: </span>{}</p></div>",
                escape(d.since),
                self.inlines(&d.text.inlines)
            );
        }
        out.push_str(&self.blocks(&setting.kind.blocks));
        let _ = writeln!(out, "<p>{}</p>", self.inlines(&setting.default.inlines));
        let _ = writeln!(out, "<p>{}</p>", self.inlines(&setting.env.inlines));
        out.push_str("</div>\n</section>\n");
    }

    fn blocks(&self, blocks: &[Block]) -> String {
        blocks.iter().map(|b| self.block(b) + "\n").collect()
    }

    fn block(&self, block: &Block) -> String {
        match block {
            Block::Paragraph(inlines) => format!("<p>{}</p>", self.inlines(inlines)),
            Block::Heading(inlines) => format!("<p class=\"rubric\">{}</p>", self.inlines(inlines)),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let items: String = items.iter().map(|item| format!("<li>{}</li>\n", self.blocks(item))).collect();
                format!("<{tag}>\n{items}</{tag}>")
            }
            Block::Code { lang, text } => {
                let class =
                    if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
                format!("<pre><code{class}>{}</code></pre>", escape(text))
            }
            Block::Alert(kind, inner) => admonition(kind.name(), kind.title(), self.blocks(inner).trim_end()),
            Block::Quote(inner) => format!("<blockquote>\n{}</blockquote>", self.blocks(inner)),
        }
    }

    fn inlines(&self, inlines: &[Inline]) -> String {
        inlines.iter().map(|i| self.inline(i)).collect()
    }

    fn inline(&self, inline: &Inline) -> String {
        match inline {
            Inline::Text(text) => escape(text),
            Inline::Code(code) if self.settings.contains(&code.as_str()) => {
                format!("<a href=\"#{0}\"><code>{0}</code></a>", escape(code))
            }
            Inline::Code(code) => format!("<code>{}</code>", escape(code)),
            Inline::Emph(inner) => format!("<em>{}</em>", self.inlines(inner)),
            Inline::Strong(inner) => format!("<strong>{}</strong>", self.inlines(inner)),
            Inline::Link { url, content } => match safe_url(url) {
                Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), self.inlines(content)),
                None => self.inlines(content),
            },
            Inline::SoftBreak => "\n".to_owned(),
            Inline::HardBreak => "<br>\n".to_owned(),
        }
    }
}

/// Links to the web, to mail, or within the page; nothing that runs script.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    match scheme {
        None => Some(url),
        Some("http" | "https" | "mailto") => Some(url),
        Some(s) if s.contains(['/', '#', '?']) => Some(url),
        Some(_) => None,
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
