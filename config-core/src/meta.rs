//! Static metadata that `#[derive(Settings)]` emits for every settings struct.
//!
//! One `&'static` table per struct, built at compile time and read without
//! allocating: the runtime loads from it, `set`/`get` by name look names up in
//! it, and every documentation format renders it. It serializes to JSON (the
//! shape `docs-gen --metadata` reads) and can be read back with
//! [`StructMeta::from_json`].

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

/// Everything known about one settings struct.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StructMeta {
    /// The Rust type's name, such as `Config`.
    #[serde(deserialize_with = "leak::str")]
    pub name: &'static str,
    /// The title of the reference page (`#[settings(title = "...")]`).
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub title: Option<&'static str>,
    /// The struct's doc comment, in Markdown.
    #[serde(default, deserialize_with = "leak::str")]
    pub doc: &'static str,
    /// The version that introduced these settings.
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub added: Option<&'static str>,
    /// Related reading shown at the top of the page, each entry Markdown.
    #[serde(default, deserialize_with = "leak::strs")]
    pub see_also: &'static [&'static str],
    /// The prefix that derives a setting's environment variable from its name.
    #[serde(default, deserialize_with = "leak::str")]
    pub env_prefix: &'static str,
    /// Prefixes this struct owns: a variable that starts with one of them but
    /// names no setting is reported as unknown, with a suggestion.
    #[serde(default, deserialize_with = "leak::strs")]
    pub env_prefixes: &'static [&'static str],
    /// How values are written in docs and tool output.
    #[serde(default)]
    pub notation: Notation,
    /// The settings, in declaration order.
    #[serde(deserialize_with = "leak::settings")]
    pub settings: &'static [SettingMeta],
}

/// Everything known about one setting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SettingMeta {
    /// The setting's name, as `set`, `get` and the docs use it.
    #[serde(deserialize_with = "leak::str")]
    pub name: &'static str,
    /// The environment variable that controls it.
    #[serde(deserialize_with = "leak::str")]
    pub env: &'static str,
    /// How a value is read from text.
    pub kind: Kind,
    /// The field's Rust type, as written.
    #[serde(default, deserialize_with = "leak::str")]
    pub rust_type: &'static str,
    /// Whether the value may be absent (`Option<T>`).
    #[serde(default)]
    pub optional: bool,
    /// The field's doc comment, in Markdown.
    #[serde(default, deserialize_with = "leak::str")]
    pub doc: &'static str,
    /// The default value.
    pub default: DefaultValue,
    /// Shorthand names for importable values, in the order written.
    #[serde(default, deserialize_with = "leak::shorthands")]
    pub shorthands: &'static [Shorthand],
    /// Checks a value must pass, besides parsing.
    #[serde(default, deserialize_with = "leak::checks")]
    pub checks: &'static [Check],
    /// Set when the setting is deprecated.
    #[serde(default)]
    pub deprecated: Option<Deprecation>,
    /// The version that added the setting.
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub added: Option<&'static str>,
    /// Related settings (by name) or reading (Markdown).
    #[serde(default, deserialize_with = "leak::strs")]
    pub see_also: &'static [&'static str],
    /// Settable and readable, but left out of the docs.
    #[serde(default)]
    pub hidden: bool,
    /// Never printed: values are shown as `<redacted>`.
    #[serde(default)]
    pub secret: bool,
}

/// How a setting's value is read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// `1 true on yes` / `0 false off no` and the empty string.
    Bool,
    /// A whole number.
    Integer,
    /// A finite floating-point number.
    Float,
    /// A number of bytes, optionally suffixed `kb`, `mb` or `gb`.
    ByteCount,
    /// Text kept exactly as given.
    String,
    /// Comma-separated text, each item kept as given.
    List,
    /// A preference list of shorthands or dotted paths, resolved in a registry.
    Importable,
    /// A type with its own [`SettingValue`](crate::SettingValue) implementation.
    Custom,
}

impl Kind {
    /// Whether an empty value means "no value" (the default applies), as
    /// gevent treats an empty number: `if value: return float(value)`.
    pub fn empty_means_unset(self) -> bool {
        matches!(self, Kind::Integer | Kind::Float | Kind::ByteCount)
    }

    /// What a value of this kind looks like, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            Kind::Bool => "a boolean: 1, true, on or yes for true; 0, false, off, no or empty for false",
            Kind::Integer => "a whole number",
            Kind::Float => "a finite number",
            Kind::ByteCount => "a whole number of bytes, optionally suffixed kb, mb or gb",
            Kind::String => "any text",
            Kind::List => "a comma-separated list",
            Kind::Importable => "a comma-separated preference list of shorthands or dotted paths (package.module.Item)",
            Kind::Custom => "a value of the setting's type",
        }
    }
}

/// How values are written in docs and tool output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notation {
    /// Rust literals: `false`, `None`, `["a", "b"]`.
    #[default]
    Rust,
    /// Python literals, as gevent's documentation writes them: `False`, `None`, `['a', 'b']`.
    Python,
}

impl Notation {
    /// A boolean: `true` or `True`.
    pub fn boolean(self, b: bool) -> &'static str {
        bool_text(b, self)
    }

    /// A list of strings: `["a", "b"]` or `['a', 'b']`.
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = write_list(&mut out, items, self);
        out
    }
}

/// A shorthand name for an importable object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shorthand {
    /// The short name, such as `thread`.
    #[serde(deserialize_with = "leak::str")]
    pub name: &'static str,
    /// The dotted path it stands for.
    #[serde(deserialize_with = "leak::str")]
    pub target: &'static str,
}

/// A check a value must pass besides parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Check {
    /// The number must be greater than zero.
    Positive,
    /// A user-supplied function, named by its path.
    Custom {
        /// The function's path as written in the attribute.
        #[serde(deserialize_with = "leak::str")]
        function: &'static str,
    },
}

impl Check {
    /// What the check requires, for error messages and docs.
    pub fn describe(&self) -> String {
        match self {
            Check::Positive => "greater than 0".to_owned(),
            Check::Custom { function } => format!("accepted by `{function}`"),
        }
    }
}

/// Deprecation of a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deprecation {
    /// The version that deprecated it.
    #[serde(deserialize_with = "leak::str")]
    pub since: &'static str,
    /// The setting to use instead.
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub replacement: Option<&'static str>,
    /// More explanation, in Markdown.
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub note: Option<&'static str>,
}

/// A setting's default, as a value and as the text the docs show.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DefaultValue {
    /// The value.
    pub value: Literal,
    /// Text shown instead of the value (`#[setting(default_doc = "...")]`).
    #[serde(default, deserialize_with = "leak::opt_str")]
    pub doc: Option<&'static str>,
}

/// A default value as written in the attribute.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    /// No value (`None`).
    None,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as written (`5`, `5.0`, `0.1`).
    Number(#[serde(serialize_with = "number_out", deserialize_with = "leak::number")] &'static str),
    /// A string.
    Str(#[serde(deserialize_with = "leak::str")] &'static str),
    /// A list of strings.
    List(#[serde(deserialize_with = "leak::strs")] &'static [&'static str]),
    /// The type's `Default::default()`, or a value only the code can tell.
    Code {
        /// What to show for it.
        #[serde(deserialize_with = "leak::str")]
        code: &'static str,
    },
}

impl SettingMeta {
    /// The default as the docs show it: the `default_doc` override, or the
    /// literal written in `notation`.
    pub fn default_text(&self, notation: Notation) -> String {
        if let Some(doc) = self.default.doc {
            return doc.to_owned();
        }
        match self.default.value {
            // A lone importable path is shown bare, as gevent shows
            // `pprint.saferepr`: it names an object, it is not text.
            Literal::Str(path) if self.kind == Kind::Importable => path.to_owned(),
            literal => literal.display(notation).to_string(),
        }
    }

    /// The shorthand names, in the order written.
    pub fn shorthand_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.shorthands.iter().map(|s| s.name)
    }

    /// What a value must look like, for error messages. (An importable's
    /// shorthands are listed by the reason it was rejected.)
    pub fn expected(&self) -> String {
        let mut text = self.kind.expected().to_owned();
        for check in self.checks {
            let _ = write!(text, ", {}", check.describe());
        }
        text
    }
}

impl StructMeta {
    /// The setting called `name`.
    pub fn setting(&self, name: &str) -> Option<&'static SettingMeta> {
        self.settings.iter().find(|s| s.name == name)
    }

    /// The index of the setting called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.settings.iter().position(|s| s.name == name)
    }

    /// The setting names, in declaration order (gevent's `dir(config)`).
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.settings.iter().map(|s| s.name)
    }

    /// The settings the docs show: every one not marked `hidden`.
    pub fn documented(&self) -> impl Iterator<Item = &'static SettingMeta> + '_ {
        self.settings.iter().filter(|s| !s.hidden)
    }

    /// Reads metadata written as JSON by `serde_json::to_string(META)`. An
    /// error names the offending field's path and its line and column.
    ///
    /// The strings are leaked so that the result has the same `'static` shape
    /// as the metadata the derive emits: meant for command-line tools that read
    /// one file and exit.
    pub fn from_json(json: &str) -> Result<&'static StructMeta, MetadataError> {
        // serde treats `&'static str` fields as borrowed from the input, so
        // the input must live as long; the fields are leaked copies anyway.
        let json: &'static str = Box::leak(json.to_owned().into_boxed_str());
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let meta: StructMeta = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| MetadataError { path: e.path().to_string(), error: e.into_inner() })?;
        deserializer.end().map_err(|error| MetadataError { path: ".".to_owned(), error })?;
        Ok(Box::leak(Box::new(meta)))
    }
}

/// Metadata JSON that does not fit [`StructMeta`].
#[derive(Debug)]
pub struct MetadataError {
    path: String,
    error: serde_json::Error,
}

impl MetadataError {
    /// The path of the offending field, such as `settings[3].kind`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line of the offending text (1-based).
    pub fn line(&self) -> usize {
        self.error.line()
    }
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.error)
    }
}

impl std::error::Error for MetadataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl Literal {
    /// Writes the literal in a language's syntax.
    pub fn display(&self, notation: Notation) -> impl fmt::Display + '_ {
        LiteralDisplay(self, notation)
    }
}

struct LiteralDisplay<'a>(&'a Literal, Notation);

impl fmt::Display for LiteralDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let notation = self.1;
        match *self.0 {
            Literal::None => f.write_str("None"),
            Literal::Bool(b) => f.write_str(bool_text(b, notation)),
            Literal::Number(n) => f.write_str(n),
            Literal::Str(s) => write_str_literal(f, s, notation),
            Literal::List(items) => write_list(f, items, notation),
            Literal::Code { code } => f.write_str(code),
        }
    }
}

/// `true` as the notation writes it.
pub(crate) fn bool_text(b: bool, notation: Notation) -> &'static str {
    match (b, notation) {
        (true, Notation::Rust) => "true",
        (false, Notation::Rust) => "false",
        (true, Notation::Python) => "True",
        (false, Notation::Python) => "False",
    }
}

/// A string literal: `"a"` in Rust, `'a'` in Python (as `repr` writes it).
pub(crate) fn write_str_literal(f: &mut dyn fmt::Write, s: &str, notation: Notation) -> fmt::Result {
    match notation {
        Notation::Rust => write!(f, "{s:?}"),
        Notation::Python => {
            f.write_char('\'')?;
            for c in s.chars() {
                match c {
                    '\'' => f.write_str("\\'")?,
                    '"' => f.write_char('"')?,
                    // Whatever Rust's `{:?}` escapes (control characters,
                    // non-printing ones) is escaped here too.
                    c => write!(f, "{}", c.escape_debug())?,
                }
            }
            f.write_char('\'')
        }
    }
}

/// A list of strings: `["a", "b"]` in Rust, `['a', 'b']` in Python.
pub(crate) fn write_list<S: AsRef<str>>(f: &mut dyn fmt::Write, items: &[S], notation: Notation) -> fmt::Result {
    f.write_char('[')?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write_str_literal(f, item.as_ref(), notation)?;
    }
    f.write_char(']')
}

/// Writes a number literal as a JSON number (the derive only emits valid ones).
fn number_out<S: serde::Serializer>(text: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    match text.parse::<serde_json::Number>() {
        Ok(n) => n.serialize(s),
        Err(_) => s.serialize_str(text),
    }
}

/// Deserializers that leak owned data into the `'static` shape of the
/// generated metadata (see [`StructMeta::from_json`]).
mod leak {
    use serde::{Deserialize, Deserializer};

    use super::{Check, SettingMeta, Shorthand};

    fn leak_vec<T>(v: Vec<T>) -> &'static [T] {
        Box::leak(v.into_boxed_slice())
    }

    pub(super) fn str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        Ok(Box::leak(String::deserialize(d)?.into_boxed_str()))
    }

    pub(super) fn opt_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| &*Box::leak(s.into_boxed_str())))
    }

    pub(super) fn strs<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
        let owned = Vec::<String>::deserialize(d)?;
        Ok(leak_vec(owned.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect()))
    }

    /// A number literal, kept as the text it was written as.
    pub(super) fn number<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let n = serde_json::Number::deserialize(d)?;
        Ok(Box::leak(n.to_string().into_boxed_str()))
    }

    pub(super) fn settings<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [SettingMeta], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn shorthands<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [Shorthand], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn checks<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [Check], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }
}
