//! The reference page as every format sees it: built once from the
//! metadata, with the standard wording of each value type, default and
//! environment variable written here (in `model/wording.rs`) and nowhere else.
//!
//! The page is a tree, as the metadata is: the root struct's own settings,
//! then a section per group (`#[setting(nested)]`), each with its own
//! settings and groups. Every setting is named by its full path
//! (`database.pool_size`) and its full variable (`APP_DATABASE_POOL_SIZE`),
//! as [`StructMeta::tree`] works them out.

mod wording;

use std::collections::HashSet;

use config_core::meta::{Leaf, Literal, Notation, SettingMeta, StructMeta, Tree};

use crate::markdown::{self, Block, Inline};
use crate::{Options, Order};

pub use wording::{accepts, first_sentence, former_names};

/// What the docs show for a secret's default, whatever the metadata says.
pub const SECRET_DEFAULT: &str = config_core::REDACTED;

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
    /// The root struct's own documented settings, in the requested order.
    pub settings: Vec<SettingDoc>,
    /// Its groups, each a section after the settings, in the requested
    /// order; a group with nothing to document is left out.
    pub groups: Vec<GroupDoc>,
    /// How values are written.
    pub notation: Notation,
    /// The module the struct is documented in (`Options::module`).
    pub module: Option<String>,
    /// A label for the page (`Options::label`).
    pub label: Option<String>,
    /// The full names of the settings on the page, to tell a
    /// cross-reference in constant time.
    names: HashSet<String>,
}

/// A group's section: a nested struct's settings under the group's path.
#[derive(Debug, Clone)]
pub struct GroupDoc {
    /// The group's full path: `database`, `database.pool`.
    pub path: String,
    /// The names that path is made of: `["database", "pool"]`.
    pub keys: Vec<&'static str>,
    /// How deep it is: 1 for a group of the root struct.
    pub depth: usize,
    /// The prefix of its settings' variables (`APP_DATABASE_`).
    pub env_prefix: String,
    /// The group's description (the field's doc comment).
    pub intro: Prose,
    /// Its own documented settings, in the requested order.
    pub settings: Vec<SettingDoc>,
    /// Its groups.
    pub groups: Vec<GroupDoc>,
}

/// One setting's section.
#[derive(Debug, Clone)]
pub struct SettingDoc {
    /// The setting's metadata.
    pub meta: &'static SettingMeta,
    /// Its full name: `database.pool_size`.
    pub name: String,
    /// Its variable: `APP_DATABASE_POOL_SIZE`.
    pub env: String,
    /// Its former names, in full.
    pub aliases: Vec<String>,
    /// Its former variables.
    pub env_aliases: Vec<String>,
    /// How deep its group is: 0 for the root struct's settings.
    pub depth: usize,
    /// Its description.
    pub description: Prose,
    /// Related settings and reading.
    pub see_also: Vec<SeeAlso>,
    /// The version that added it.
    pub added: Option<&'static str>,
    /// Its deprecation.
    pub deprecated: Option<Deprecated>,
    /// The standard paragraphs: what its values look like, its choices and
    /// limits, when it takes effect, its former names.
    pub kind: Prose,
    /// "The default value is ...", or "Required: there is no default."
    pub default: Line,
    /// "The environment variable ... can be used to control this."
    pub env_line: Line,
}

/// A see-also entry.
#[derive(Debug, Clone, PartialEq)]
pub enum SeeAlso {
    /// Another setting on the page, by full name.
    Setting(String),
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

/// A section of the page: the root's settings or a group's.
#[derive(Debug, Clone, Copy)]
pub enum Section<'a> {
    /// A group's heading and description, before its settings.
    Group(&'a GroupDoc),
    /// A setting.
    Setting(&'a SettingDoc),
}

impl Page {
    /// The page for `meta`, in the order `options` asks for; hidden settings
    /// left out unless `options` includes them.
    pub fn new(meta: &'static StructMeta, options: &Options) -> Self {
        let tree = meta.tree();
        let names = documented_names(&tree, options);
        let build = Builder { options, notation: meta.notation, names: &names };
        let settings = build.settings(&tree, 0);
        let groups = build.groups(&tree, &[]);
        Page {
            title: meta.title.filter(|t| !t.trim().is_empty()).unwrap_or(meta.name).to_owned(),
            name: meta.name,
            see_also: meta.see_also.iter().filter(|s| !s.trim().is_empty()).map(|s| Line::parse(s)).collect(),
            intro: Prose::new(meta.doc),
            added: meta.added,
            settings,
            groups,
            notation: meta.notation,
            module: options.module.clone(),
            label: options.label.clone(),
            names,
        }
    }

    /// Whether `name` is the full name of a setting on this page.
    pub fn is_setting(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Every setting on the page, in page order: the root's, then each
    /// group's, depth first.
    pub fn all_settings(&self) -> Vec<&SettingDoc> {
        let mut out: Vec<&SettingDoc> = self.settings.iter().collect();
        for group in &self.groups {
            group.collect(&mut out);
        }
        out
    }

    /// The page's sections in order: each root setting, then each group
    /// followed by its settings and its groups, depth first.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut out: Vec<Section<'_>> = self.settings.iter().map(Section::Setting).collect();
        for group in &self.groups {
            group.sections(&mut out);
        }
        out
    }
}

impl GroupDoc {
    fn collect<'a>(&'a self, out: &mut Vec<&'a SettingDoc>) {
        out.extend(&self.settings);
        for group in &self.groups {
            group.collect(out);
        }
    }

    fn sections<'a>(&'a self, out: &mut Vec<Section<'a>>) {
        out.push(Section::Group(self));
        out.extend(self.settings.iter().map(Section::Setting));
        for group in &self.groups {
            group.sections(out);
        }
    }
}

/// The full names of every setting the page shows.
fn documented_names(tree: &Tree, options: &Options) -> HashSet<String> {
    tree.leaves()
        .into_iter()
        .filter(|l| options.include_hidden || !l.setting.hidden)
        .map(|l| l.path.to_string())
        .collect()
}

/// Builds the sections of a page.
struct Builder<'a> {
    options: &'a Options,
    notation: Notation,
    names: &'a HashSet<String>,
}

impl Builder<'_> {
    /// A struct's own documented settings, in order; `depth` is the
    /// struct's (0 for the root).
    fn settings(&self, tree: &Tree, depth: usize) -> Vec<SettingDoc> {
        let mut leaves: Vec<&Leaf> =
            tree.settings.iter().filter(|l| self.options.include_hidden || !l.setting.hidden).collect();
        if self.options.order == Order::Alphabetical {
            leaves.sort_by_key(|l| l.setting.name);
        }
        let scope = Scope::new(tree, self.names);
        leaves.into_iter().map(|leaf| SettingDoc::new(leaf, depth, self.notation, &scope)).collect()
    }

    /// A struct's groups that document something, in order.
    fn groups(&self, tree: &Tree, parent: &[&'static str]) -> Vec<GroupDoc> {
        let mut groups: Vec<GroupDoc> = tree
            .groups
            .iter()
            .map(|group| {
                let scope = Scope::within(&[group, tree], self.names);
                let mut intro = Prose::new(group.group.map_or("", |g| g.doc));
                scope.blocks(&mut intro.blocks);
                let mut keys = parent.to_vec();
                keys.push(group.group.map_or("", |g| g.name));
                GroupDoc {
                    path: group.path.to_string(),
                    depth: keys.len(),
                    env_prefix: group.env_prefix.to_string(),
                    intro,
                    settings: self.settings(group, keys.len()),
                    groups: self.groups(group, &keys),
                    keys,
                }
            })
            .filter(|g| !g.settings.is_empty() || !g.groups.is_empty())
            .collect();
        if self.options.order == Order::Alphabetical {
            groups.sort_by(|a, b| a.path.cmp(&b.path));
        }
        groups
    }
}

/// Where a description is written: inside a group, a name that is one of
/// the group's own settings (`pool_size`, as the nested struct's author
/// wrote it) means that setting, and is shown by its full name
/// (`database.pool_size`), which is what a reader types and what the page's
/// anchors are.
struct Scope<'a> {
    /// The paths names are looked up under first, each with a dot
    /// (`database.`); the root's (nothing) is always tried last.
    prefixes: Vec<String>,
    names: &'a HashSet<String>,
}

impl<'a> Scope<'a> {
    /// Inside the struct `tree` is.
    fn new(tree: &Tree, names: &'a HashSet<String>) -> Self {
        Scope::within(&[tree], names)
    }

    /// Inside the first of `trees`, then the next: a group's description
    /// is its parent's field's doc comment, which may name the group's
    /// settings or its parent's.
    fn within(trees: &[&Tree], names: &'a HashSet<String>) -> Self {
        let prefixes = trees.iter().filter(|t| !t.path.is_empty()).map(|t| format!("{}.", t.path)).collect();
        Scope { prefixes, names }
    }

    /// The full name `name` refers to here, if it is a setting on the page.
    fn resolve(&self, name: &str) -> Option<String> {
        for prefix in &self.prefixes {
            let full = format!("{prefix}{name}");
            if self.names.contains(&full) {
                return Some(full);
            }
        }
        self.names.contains(name).then(|| name.to_owned())
    }

    fn blocks(&self, blocks: &mut [Block]) {
        if self.prefixes.is_empty() {
            return;
        }
        for block in blocks {
            match block {
                Block::Paragraph(inlines) | Block::Heading { inlines, .. } => self.inlines(inlines),
                Block::List { items, .. } => items.iter_mut().for_each(|item| self.blocks(item)),
                Block::Alert(_, inner) | Block::Quote(inner) => self.blocks(inner),
                Block::Code { .. } => {}
            }
        }
    }

    fn inlines(&self, inlines: &mut [Inline]) {
        if self.prefixes.is_empty() {
            return;
        }
        for inline in inlines {
            match inline {
                Inline::Code(code) => {
                    if let Some(full) = self.resolve(code) {
                        *code = full;
                    }
                }
                Inline::Link { url, content } => {
                    if let Some(full) = url.strip_prefix('#').and_then(|name| self.resolve(name)) {
                        *url = format!("#{full}");
                    }
                    self.inlines(content);
                }
                Inline::Emph(inner) | Inline::Strong(inner) => self.inlines(inner),
                Inline::Text(_) | Inline::SoftBreak | Inline::HardBreak => {}
            }
        }
    }
}

impl SettingDoc {
    fn new(leaf: &Leaf, depth: usize, notation: Notation, scope: &Scope<'_>) -> Self {
        let meta = leaf.setting;
        let see_also = meta
            .see_also
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| match scope.resolve(s) {
                Some(full) => SeeAlso::Setting(full),
                None => {
                    let mut line = Line::parse(s);
                    scope.inlines(&mut line.inlines);
                    SeeAlso::Text(line)
                }
            })
            .collect();
        let mut description = Prose::new(meta.doc);
        scope.blocks(&mut description.blocks);
        let deprecated = meta.deprecated.map(|d| {
            let mut text = deprecation_text(d);
            scope.inlines(&mut text.inlines);
            Deprecated { since: d.since, text }
        });
        SettingDoc {
            meta,
            name: leaf.path.to_string(),
            env: leaf.env.to_string(),
            aliases: leaf.aliases.iter().map(|a| a.to_string()).collect(),
            env_aliases: leaf.env_aliases.iter().map(|a| a.to_string()).collect(),
            depth,
            description,
            see_also,
            added: meta.added,
            deprecated,
            kind: wording::paragraphs(leaf, notation),
            default: wording::default_line(meta, notation),
            env_line: wording::env_line(&leaf.env),
        }
    }
}

/// The default as every format shows it: a secret's never, whatever the
/// metadata holds (a metadata file may carry one the derive would not),
/// unless it is no value at all, which gives nothing away.
pub fn default_text(meta: &SettingMeta, notation: Notation) -> String {
    meta.default_text(notation)
}

/// Whether a value must be given: there is no default.
pub fn is_required(meta: &SettingMeta) -> bool {
    meta.required || matches!(meta.default.value, Literal::Required { .. })
}

/// Whether the setting has a default a template can write: not a secret's,
/// not required, not a value only the code knows, and not "no value".
pub fn has_written_default(meta: &SettingMeta) -> bool {
    !meta.secret
        && !is_required(meta)
        && matches!(meta.default.value, Literal::Bool(_) | Literal::Number(_) | Literal::Str(_) | Literal::List(_))
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
