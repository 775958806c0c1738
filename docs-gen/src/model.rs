//! The reference page as every format sees it: built once from the
//! metadata, with the standard wording (gevent's) of each kind, default and
//! environment variable written here and nowhere else.

use config_core::meta::{Kind, Notation, SettingMeta, StructMeta};

use crate::Order;
use crate::markdown::{self, Block, Inline};

/// Markdown blocks, with the source they were parsed from (the Markdown
/// format writes the source; the others render the blocks).
#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    /// The Markdown source.
    pub markdown: String,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// One paragraph's worth of inline Markdown, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The Markdown source.
    pub markdown: String,
    /// Its inline content.
    pub inlines: Vec<Inline>,
}

impl Prose {
    fn new(markdown: String) -> Self {
        Prose { blocks: markdown::parse(&markdown), markdown }
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

impl Line {
    fn new(markdown: String) -> Self {
        Line { inlines: markdown::parse_inline(&markdown), markdown }
    }
}

/// The whole page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page title: the struct's `title`, or its name.
    pub title: String,
    /// The struct's name.
    pub name: &'static str,
    /// Related reading.
    pub see_also: Vec<Line>,
    /// The struct's description.
    pub intro: Prose,
    /// The version that introduced the settings.
    pub added: Option<&'static str>,
    /// Every documented setting, in the requested order.
    pub settings: Vec<SettingDoc>,
    /// How values are written.
    pub notation: Notation,
}

/// One setting's section.
#[derive(Debug, Clone)]
pub struct SettingDoc {
    /// The setting's metadata.
    pub meta: &'static SettingMeta,
    /// Its description.
    pub description: Prose,
    /// Related settings and reading.
    pub see_also: Vec<SeeAlso>,
    /// The version that added it.
    pub added: Option<&'static str>,
    /// Its deprecation.
    pub deprecated: Option<Deprecated>,
    /// The standard paragraphs of its kind ("This is a boolean value. ...").
    pub kind: Prose,
    /// "The default value is ..."
    pub default: Line,
    /// "The environment variable ... can be used to control this."
    pub env: Line,
}

/// A see-also entry.
#[derive(Debug, Clone, PartialEq)]
pub enum SeeAlso {
    /// Another setting on the page, by name.
    Setting(&'static str),
    /// Anything else, as Markdown.
    Text(Line),
}

/// A deprecation notice.
#[derive(Debug, Clone)]
pub struct Deprecated {
    /// The version that deprecated the setting.
    pub since: &'static str,
    /// "Prefer the `x` setting." and the note.
    pub text: Line,
}

impl Page {
    /// The page for `meta`: hidden settings left out, in `order`.
    pub fn new(meta: &'static StructMeta, order: Order) -> Self {
        let mut settings: Vec<&'static SettingMeta> = meta.documented().collect();
        if order == Order::Alphabetical {
            settings.sort_by_key(|s| s.name);
        }
        let is_setting = |name: &str| meta.documented().any(|s| s.name == name);
        Page {
            title: meta.title.unwrap_or(meta.name).to_owned(),
            name: meta.name,
            see_also: meta.see_also.iter().map(|s| Line::new((*s).to_owned())).collect(),
            intro: Prose::new(meta.doc.to_owned()),
            added: meta.added,
            settings: settings.into_iter().map(|s| SettingDoc::new(s, meta.notation, &is_setting)).collect(),
            notation: meta.notation,
        }
    }
}

impl SettingDoc {
    fn new(meta: &'static SettingMeta, notation: Notation, is_setting: &dyn Fn(&str) -> bool) -> Self {
        let see_also = meta
            .see_also
            .iter()
            .map(|s| if is_setting(s) { SeeAlso::Setting(s) } else { SeeAlso::Text(Line::new((*s).to_owned())) })
            .collect();
        SettingDoc {
            meta,
            description: Prose::new(meta.doc.to_owned()),
            see_also,
            added: meta.added,
            deprecated: meta.deprecated.map(|d| Deprecated { since: d.since, text: deprecation_text(d) }),
            kind: Prose::new(kind_paragraphs(meta, notation)),
            default: Line::new(format!("The default value is {}", code_span(&meta.default_text(notation)))),
            env: Line::new(format!("The environment variable {} can be used to control this.", code_span(meta.env))),
        }
    }
}

/// "Prefer the `replacement` setting. Note."
fn deprecation_text(d: config_core::meta::Deprecation) -> Line {
    let mut text = String::new();
    if let Some(replacement) = d.replacement {
        text.push_str(&format!("Prefer the {} setting.", code_span(replacement)));
    }
    if let Some(note) = d.note {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(note);
    }
    Line::new(text)
}

/// The kind's standard paragraphs, in gevent's words, as Markdown.
fn kind_paragraphs(meta: &SettingMeta, notation: Notation) -> String {
    match meta.kind {
        Kind::Bool => {
            let (yes, no) = (notation.boolean(true), notation.boolean(false));
            format!(
                "This is a boolean value.\n\nIn the environment variable, it may be given as `1`, `true`, `on` or \
                 `yes` for `{yes}`, or `0`, `false`, `off`, or `no` for `{no}`."
            )
        }
        Kind::Importable => {
            let mut text = String::from(
                "This is an importable value. It can be given as a string naming an importable object, or a list \
                 of strings in preference order and the first successfully importable object will be used. \
                 (Separate values in the environment variable with commas.) It can also be given as the callable \
                 object itself (in code).",
            );
            if !meta.shorthands.is_empty() {
                let names: Vec<_> = meta.shorthand_names().collect();
                let list = notation.list(&names);
                text.push_str(&format!(" Shorthand names for default objects are {}", escape_markdown(&list)));
            }
            text
        }
        _ => String::new(),
    }
}

/// `text` as a Markdown code span, whatever backticks it holds.
pub(crate) fn code_span(text: &str) -> String {
    let mut fence = String::from("`");
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escapes what Markdown would read as markup in plain text. (Brackets are
/// left alone: without a reference definition they stay text.)
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
