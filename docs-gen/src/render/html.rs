//! `html`: one self-contained page (inline style and script, no external
//! assets), readable in light and dark mode and on a phone, with a table of
//! contents (a sticky column on wide screens) and a filter box. Each
//! setting's heading and text sit in one `<section>` whose `id` is the
//! setting's full name (`database.pool_size`); an empty element inside
//! carries its qualified name (`module.Struct.database.pool_size`, as Sphinx
//! names it), so that both kinds of link land on it. A group is a
//! `<section class="group">` (`id` its path) holding its description, its
//! settings and its groups, each heading a level below its parent's; the
//! contents nest the same way, and the filter hides a group none of whose
//! settings match. Without JavaScript the filter box stays hidden and every
//! setting shows. Every string goes through [`escape`].

mod escape;

use std::fmt::Write as _;

use super::url;
use crate::markdown::{Block, Inline};
use crate::model::{GroupDoc, Page, SeeAlso, SettingDoc};

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/filter.js");

pub(crate) fn render(page: &Page) -> String {
    let cx = Context { page };
    let title = escape::text(&page.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let label = page.label.as_deref().map(|l| format!(" id=\"{}\"", escape::text(l))).unwrap_or_default();
    let _ = writeln!(out, "<header id=\"{}\">\n<h1{label}>{title}</h1>", escape::text(&cx.qualified(None)));
    for line in &page.see_also {
        let _ =
            writeln!(out, "{}", admonition("seealso", "See also", &format!("<p>{}</p>", cx.inlines(&line.inlines))));
    }
    out.push_str(&cx.blocks(&page.intro.blocks));
    if let Some(added) = page.added {
        let _ = writeln!(out, "<div class=\"versionadded\"><p>Added in version {}.</p></div>", escape::text(added));
    }
    out.push_str("</header>\n<div class=\"layout\">\n");
    toc(&mut out, page);
    out.push_str("<main>\n");
    cx.main(&mut out);
    let _ = write!(out, "</main>\n</div>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The table of contents, with the filter box and its status line (shown by
/// the script): every setting, a group's inside the group's entry.
fn toc(out: &mut String, page: &Page) {
    out.push_str(
        "<nav class=\"toc\" aria-label=\"Settings\">\n<h2>Settings</h2>\n\
         <input type=\"search\" id=\"filter\" placeholder=\"Filter settings\" \
         aria-label=\"Filter settings\" aria-describedby=\"filter-status\" hidden>\n\
         <p id=\"filter-status\" role=\"status\" aria-live=\"polite\" hidden></p>\n<ul>\n",
    );
    toc_entries(out, &page.settings, &page.groups);
    out.push_str("</ul>\n</nav>\n");
}

fn toc_entries(out: &mut String, settings: &[SettingDoc], groups: &[GroupDoc]) {
    for setting in settings {
        let (name, env) = (escape::text(&setting.name), escape::text(&setting.env));
        let tag = if setting.deprecated.is_some() { " <span class=\"tag\">deprecated</span>" } else { "" };
        let _ = writeln!(
            out,
            "<li data-for=\"{name}\"><a href=\"#{name}\"><code>{name}</code></a> <span class=\"env\">{env}</span>{tag}</li>"
        );
    }
    for group in groups {
        let path = escape::text(&group.path);
        let _ = writeln!(out, "<li class=\"group\" data-group=\"{path}\"><a href=\"#{path}\">{path}</a>\n<ul>");
        toc_entries(out, &group.settings, &group.groups);
        out.push_str("</ul>\n</li>\n");
    }
}

/// `h2` to `h6`: a group's settings sit a level below the group's heading,
/// and levels past 6 stay at 6.
fn heading_level(depth: usize) -> usize {
    depth.min(6)
}

fn admonition(class: &str, title: &str, body: &str) -> String {
    format!("<div class=\"admonition {class}\">\n<p class=\"admonition-title\">{title}</p>\n{body}\n</div>")
}

/// The page being rendered: which names are settings (code spans naming
/// one link to its section), and the module and struct they belong to.
struct Context<'a> {
    page: &'a Page,
}

impl Context<'_> {
    /// `module.Struct` or `module.Struct.setting`, as Sphinx names them.
    fn qualified(&self, setting: Option<&str>) -> String {
        let mut name = String::new();
        if let Some(module) = &self.page.module {
            name.push_str(module);
            name.push('.');
        }
        name.push_str(self.page.name);
        if let Some(setting) = setting {
            name.push('.');
            name.push_str(setting);
        }
        name
    }

    /// The settings, then each group's section with its settings and
    /// groups nested inside it.
    fn main(&self, out: &mut String) {
        for setting in &self.page.settings {
            self.section(out, setting, 2);
        }
        for group in &self.page.groups {
            self.group(out, group);
        }
    }

    /// A group's section: its path as the heading (a level below its
    /// parent's), its description, its settings and groups.
    fn group(&self, out: &mut String, group: &GroupDoc) {
        let path = escape::text(&group.path);
        let level = heading_level(group.depth + 1);
        let _ = writeln!(
            out,
            "<section class=\"group\" id=\"{path}\">\n\
             <h{level}>{path}<a class=\"headerlink\" href=\"#{path}\" title=\"Link to this group\">¶</a></h{level}>"
        );
        if !group.intro.is_empty() {
            let _ = writeln!(out, "<div class=\"intro\">\n{}</div>", self.blocks(&group.intro.blocks));
        }
        for setting in &group.settings {
            self.section(out, setting, group.depth + 2);
        }
        for inner in &group.groups {
            self.group(out, inner);
        }
        out.push_str("</section>\n");
    }

    fn section(&self, out: &mut String, setting: &SettingDoc, depth: usize) {
        let (name, env) = (escape::text(&setting.name), escape::text(&setting.env));
        let qualified = escape::text(&self.qualified(Some(&setting.name)));
        let level = heading_level(depth);
        let _ = writeln!(
            out,
            "<section class=\"setting\" id=\"{name}\" data-env=\"{env}\">\n<span class=\"alias\" id=\"{qualified}\"></span>\n\
             <h{level}><code>{name}</code><a class=\"headerlink\" href=\"#{name}\" title=\"Link to this setting\">¶</a></h{level}>\n\
             <div class=\"body\">"
        );
        out.push_str(&self.blocks(&setting.description.blocks));
        if !setting.see_also.is_empty() {
            let entries: Vec<String> = setting
                .see_also
                .iter()
                .map(|s| match s {
                    SeeAlso::Setting(name) => self.inlines(&[Inline::Code(name.clone())]),
                    SeeAlso::Text(line) => self.inlines(&line.inlines),
                })
                .collect();
            let _ = writeln!(out, "{}", admonition("seealso", "See also", &format!("<p>{}</p>", entries.join(", "))));
        }
        if let Some(added) = setting.added {
            let _ = writeln!(out, "<div class=\"versionadded\"><p>Added in version {}.</p></div>", escape::text(added));
        }
        if let Some(d) = &setting.deprecated {
            let _ = writeln!(
                out,
                "<div class=\"deprecated\"><p><span class=\"versionmodified\">Deprecated since version {}: </span>{}</p></div>",
                escape::text(d.since),
                self.inlines(&d.text.inlines)
            );
        }
        out.push_str(&self.blocks(&setting.kind.blocks));
        let _ = writeln!(out, "<p>{}</p>", self.inlines(&setting.default.inlines));
        let _ = writeln!(out, "<p>{}</p>", self.inlines(&setting.env_line.inlines));
        out.push_str("</div>\n</section>\n");
    }

    fn blocks(&self, blocks: &[Block]) -> String {
        blocks.iter().map(|b| self.block(b) + "\n").collect()
    }

    fn block(&self, block: &Block) -> String {
        match block {
            Block::Paragraph(inlines) => format!("<p>{}</p>", self.inlines(inlines)),
            Block::Heading { inlines, .. } => format!("<p class=\"rubric\">{}</p>", self.inlines(inlines)),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let items: String = items.iter().map(|item| format!("<li>{}</li>\n", self.blocks(item))).collect();
                format!("<{tag}>\n{items}</{tag}>")
            }
            Block::Code { lang, text } => {
                let class =
                    if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape::text(lang)) };
                // Focusable, so that a keyboard can scroll a long line.
                format!("<pre tabindex=\"0\"><code{class}>{}</code></pre>", escape::code_block(text))
            }
            Block::Alert(kind, inner) => admonition(kind.name(), kind.title(), self.blocks(inner).trim_end()),
            Block::Quote(inner) => format!("<blockquote>\n{}</blockquote>", self.blocks(inner)),
        }
    }

    fn inlines(&self, inlines: &[Inline]) -> String {
        self.inlines_in(inlines, false)
    }

    /// Inline content; inside a link, nothing more is a link (links do not nest).
    fn inlines_in(&self, inlines: &[Inline], in_link: bool) -> String {
        inlines.iter().map(|i| self.inline(i, in_link)).collect()
    }

    fn inline(&self, inline: &Inline, in_link: bool) -> String {
        match inline {
            Inline::Text(text) => escape::text(text),
            Inline::Code(code) if !in_link && self.page.is_setting(code) => {
                format!("<a href=\"#{0}\"><code>{0}</code></a>", escape::text(code))
            }
            Inline::Code(code) => format!("<code>{}</code>", escape::text(code)),
            Inline::Emph(inner) => format!("<em>{}</em>", self.inlines_in(inner, in_link)),
            Inline::Strong(inner) => format!("<strong>{}</strong>", self.inlines_in(inner, in_link)),
            Inline::Link { url, content } => match url::safe(url) {
                Some(url) if !in_link => {
                    format!("<a href=\"{}\">{}</a>", escape::text(&url), self.inlines_in(content, true))
                }
                _ => self.inlines_in(content, in_link),
            },
            Inline::SoftBreak => "\n".to_owned(),
            Inline::HardBreak => "<br>\n".to_owned(),
        }
    }
}
