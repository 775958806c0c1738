//! The reference page as every format sees it: built once from the
//! metadata, with the standard wording (gevent's) of each kind, default and
//! environment variable written here and nowhere else.

use std::collections::HashSet;

use config_core::meta::{Kind, Literal, Notation, SettingMeta, StructMeta};

use crate::markdown::{self, Block, Inline};
use crate::{Options, Order};

/// What the docs show for a secret's default, whatever the metadata says.
pub const SECRET_DEFAULT: &str = "<redacted>";

/// Markdown blocks: a description, parsed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// One line's worth of inline content.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its inline content.
    pub inlines: Vec<Inline>,
}

impl Prose {
    fn new(markdown: &str) -> Self {
        Prose { blocks: markdown::parse(markdown) }
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

impl Line {
    /// Markdown read as one line: every block's text, run together.
    fn parse(markdown: &str) -> Self {
        Line { inlines: markdown::parse_inline(markdown) }
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
    /// The module the struct is documented in (`Options::module`).
    pub module: Option<String>,
    /// A label for the page (`Options::label`).
    pub label: Option<String>,
    /// The names of the settings on the page, to tell a cross-reference in
    /// constant time.
    names: HashSet<&'static str>,
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
    /// The page for `meta`, in the order `options` asks for; hidden settings
    /// left out unless `options` includes them.
    pub fn new(meta: &'static StructMeta, options: &Options) -> Self {
        let mut settings: Vec<&'static SettingMeta> =
            meta.settings.iter().filter(|s| options.include_hidden || !s.hidden).collect();
        if options.order == Order::Alphabetical {
            settings.sort_by_key(|s| s.name);
        }
        let names: HashSet<&'static str> = settings.iter().map(|s| s.name).collect();
        let settings = settings.into_iter().map(|s| SettingDoc::new(s, meta.notation, &names)).collect();
        Page {
            title: meta.title.filter(|t| !t.trim().is_empty()).unwrap_or(meta.name).to_owned(),
            name: meta.name,
            see_also: meta.see_also.iter().filter(|s| !s.trim().is_empty()).map(|s| Line::parse(s)).collect(),
            intro: Prose::new(meta.doc),
            added: meta.added,
            settings,
            notation: meta.notation,
            module: options.module.clone(),
            label: options.label.clone(),
            names,
        }
    }

    /// Whether `name` is a setting on this page.
    pub fn is_setting(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

impl SettingDoc {
    fn new(meta: &'static SettingMeta, notation: Notation, names: &HashSet<&'static str>) -> Self {
        let see_also = meta
            .see_also
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| if names.contains(s) { SeeAlso::Setting(s) } else { SeeAlso::Text(Line::parse(s)) })
            .collect();
        SettingDoc {
            meta,
            description: Prose::new(meta.doc),
            see_also,
            added: meta.added,
            deprecated: meta.deprecated.map(|d| Deprecated { since: d.since, text: deprecation_text(d) }),
            kind: kind_paragraphs(meta, notation),
            default: default_line(meta, notation),
            env: env_line(meta),
        }
    }
}

/// The default as every format shows it: a secret's never, whatever the
/// metadata holds (a metadata file may carry one the derive would not).
pub fn default_text(meta: &SettingMeta, notation: Notation) -> String {
    if meta.secret { SECRET_DEFAULT.to_owned() } else { meta.default_text(notation) }
}

/// The default as a variable's value, unquoted; `None` when there is none
/// to write (no value, a secret, or one only the code knows).
pub fn default_value(meta: &SettingMeta) -> Option<String> {
    if meta.secret {
        return None;
    }
    match meta.default.value {
        Literal::Bool(b) => Some(b.to_string()),
        Literal::Number(n) => Some(n.to_owned()),
        Literal::Str(s) => Some(s.to_owned()),
        Literal::List(items) => Some(items.join(",")),
        Literal::None | Literal::Code { .. } | Literal::Required { .. } => None,
    }
}

/// "Prefer the `replacement` setting. Note."
fn deprecation_text(d: config_core::meta::Deprecation) -> Line {
    let mut inlines = Vec::new();
    // Blank text (possible in a metadata file) says nothing.
    let blank = |s: &&str| !s.trim().is_empty();
    if let Some(replacement) = d.replacement.filter(blank) {
        inlines.push(Inline::Text("Prefer the ".to_owned()));
        inlines.push(Inline::Code(replacement.to_owned()));
        inlines.push(Inline::Text(" setting.".to_owned()));
    }
    if let Some(note) = d.note.filter(blank) {
        if !inlines.is_empty() {
            inlines.push(Inline::Text(" ".to_owned()));
        }
        inlines.extend(Line::parse(note).inlines);
    }
    Line { inlines }
}

/// The kind's standard paragraphs, in gevent's words.
fn kind_paragraphs(meta: &SettingMeta, notation: Notation) -> Prose {
    match meta.kind() {
        Kind::Bool => {
            let (yes, no) = (notation.boolean(true), notation.boolean(false));
            Prose::new(&format!(
                "This is a boolean value.\n\nIn the environment variable, it may be given as `1`, `true`, `on` or \
                 `yes` for `{yes}`, or `0`, `false`, `off`, or `no` for `{no}`."
            ))
        }
        Kind::Registered => {
            let mut inlines = vec![Inline::Text(
                "This is an importable value. It can be given as a string naming an importable object, or a list \
                 of strings in preference order and the first successfully importable object will be used. \
                 (Separate values in the environment variable with commas.) It can also be given as the callable \
                 object itself (in code)."
                    .to_owned(),
            )];
            if !meta.shorthands.is_empty() {
                let names: Vec<_> = meta.shorthand_names().collect();
                inlines
                    .push(Inline::Text(format!(" Shorthand names for default objects are {}", notation.list(&names))));
            }
            Prose { blocks: vec![Block::Paragraph(inlines)] }
        }
        _ => Prose { blocks: Vec::new() },
    }
}

/// "The default value is `default`"
fn default_line(meta: &SettingMeta, notation: Notation) -> Line {
    Line { inlines: vec![Inline::Text("The default value is ".to_owned()), Inline::Code(default_text(meta, notation))] }
}

/// "The environment variable `ENV` can be used to control this."
fn env_line(meta: &SettingMeta) -> Line {
    Line {
        inlines: vec![
            Inline::Text("The environment variable ".to_owned()),
            Inline::Code(meta.env.to_owned()),
            Inline::Text(" can be used to control this.".to_owned()),
        ],
    }
}
