//! Static metadata that `#[derive(Settings)]` emits for every settings struct.
//!
//! One `&'static` table per struct, built at compile time and read without
//! allocating: the runtime loads from it, `set`/`get` by name look names up in
//! it, and every documentation format and schema renders it. A struct that
//! embeds another (`#[setting(nested)]`) refers to that struct's table as a
//! [group](GroupMeta), so the metadata is a tree; [`StructMeta::tree`] works
//! out every setting's full name and variable. It serializes to JSON (the
//! shape `docs-gen --metadata` reads) and can be read back with
//! [`StructMeta::from_json`].

use std::borrow::Cow;
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
    /// Variables under those prefixes that are not settings but are known
    /// (read by other parts of the program): never reported as unknown.
    #[serde(default, deserialize_with = "leak::strs")]
    pub known_env: &'static [&'static str],
    /// How values are written in docs and tool output.
    #[serde(default)]
    pub notation: Notation,
    /// The settings, in declaration order.
    #[serde(deserialize_with = "leak::settings")]
    pub settings: &'static [SettingMeta],
    /// The nested groups (`#[setting(nested)]` fields), in declaration order.
    #[serde(default, deserialize_with = "leak::groups")]
    pub groups: &'static [GroupMeta],
}

/// A field whose type is itself a settings struct: its settings form a group,
/// named `group.setting`, with variables under the group's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupMeta {
    /// The group's name, the first part of its settings' names (`database`).
    #[serde(deserialize_with = "leak::str")]
    pub name: &'static str,
    /// What is added to the parent's variable prefix for the group's
    /// settings (`DATABASE_`): the nested struct's own `env_prefix` is
    /// replaced by the parent's prefix followed by this.
    #[serde(deserialize_with = "leak::str")]
    pub env_prefix: &'static str,
    /// The field's doc comment, in Markdown.
    #[serde(default, deserialize_with = "leak::str")]
    pub doc: &'static str,
    /// The nested struct.
    #[serde(deserialize_with = "leak::meta")]
    pub meta: &'static StructMeta,
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
    /// What its values look like.
    pub value: ValueType,
    /// The field's Rust type, as written.
    #[serde(default, deserialize_with = "leak::str")]
    pub rust_type: &'static str,
    /// Whether the value may be absent (`Option<T>`).
    #[serde(default)]
    pub optional: bool,
    /// Whether a value must be given: there is no default.
    #[serde(default)]
    pub required: bool,
    /// The field's doc comment, in Markdown.
    #[serde(default, deserialize_with = "leak::str")]
    pub doc: &'static str,
    /// The default value.
    pub default: DefaultValue,
    /// Shorthand names for registered values, in the order written.
    #[serde(default, deserialize_with = "leak::shorthands")]
    pub shorthands: &'static [Shorthand],
    /// Checks a value must pass, besides parsing.
    #[serde(default, deserialize_with = "leak::checks")]
    pub checks: &'static [Check],
    /// How text is read for this setting.
    #[serde(default)]
    pub rules: Rules,
    /// Set when the setting is deprecated.
    #[serde(default)]
    pub deprecated: Option<Deprecation>,
    /// Former names that still set it, with a deprecation warning.
    #[serde(default, deserialize_with = "leak::strs")]
    pub aliases: &'static [&'static str],
    /// Former environment variables that still set it, with a warning.
    #[serde(default, deserialize_with = "leak::strs")]
    pub env_aliases: &'static [&'static str],
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
    /// Takes effect only at start: once read through a `Global`, changing it
    /// is refused.
    #[serde(default)]
    pub frozen: bool,
}

/// What a setting's values look like: their kind, a description for
/// errors and docs, and the choices of an enum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValueType {
    /// The parser family.
    pub kind: Kind,
    /// What a value looks like, for errors and docs: `a duration such as 30s`.
    #[serde(deserialize_with = "leak::str")]
    pub expected: &'static str,
    /// The values an enum accepts.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty", deserialize_with = "leak::choices")]
    pub choices: &'static [Choice],
    /// For a list, what its items look like.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "leak::opt_value_type")]
    pub item: Option<&'static ValueType>,
}

impl ValueType {
    /// A value type of `kind` with its standard description.
    pub const fn of(kind: Kind) -> Self {
        ValueType { kind, expected: kind.expected(), choices: &[], item: None }
    }

    /// A list of `item`.
    pub const fn list(item: &'static ValueType) -> Self {
        ValueType { kind: Kind::List, expected: Kind::List.expected(), choices: &[], item: Some(item) }
    }

    /// The same type with another description.
    pub const fn expecting(self, expected: &'static str) -> Self {
        ValueType { expected, ..self }
    }

    /// A list's items, or the value itself.
    pub fn items(&self) -> &ValueType {
        self.item.unwrap_or(self)
    }
}

/// One value of an enum setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The name it is written as.
    #[serde(deserialize_with = "leak::str")]
    pub name: &'static str,
    /// Other names that mean the same.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty", deserialize_with = "leak::strs")]
    pub aliases: &'static [&'static str],
    /// Its description, in Markdown.
    #[serde(default, skip_serializing_if = "str::is_empty", deserialize_with = "leak::str")]
    pub doc: &'static str,
}

/// How a setting's value is read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// `1 true on yes` / `0 false off no`.
    Bool,
    /// A whole number.
    Integer,
    /// A finite floating-point number.
    Float,
    /// A number of bytes, optionally suffixed `kb`, `mb` or `gb`.
    ByteCount,
    /// A duration: `30s`, `500ms`, `1h30m`; a bare number is seconds.
    Duration,
    /// An IP address and port.
    SocketAddr,
    /// An IP address.
    IpAddr,
    /// A file system path.
    Path,
    /// One character.
    Char,
    /// A URL.
    Url,
    /// Text kept exactly as given.
    String,
    /// A comma-separated list; [`ValueType::item`] says what each item is.
    List,
    /// One of a fixed set of names (an enum).
    Choice,
    /// A preference list of shorthands or dotted paths, resolved in a
    /// [`Registry`](crate::Registry).
    Registered,
    /// A type with its own parser: [`SettingValue`](crate::SettingValue)
    /// or `FromStr`.
    Custom,
}

impl Kind {
    /// What a value of this kind looks like, for error messages.
    pub const fn expected(self) -> &'static str {
        match self {
            Kind::Bool => "a boolean: true, 1, yes or on; false, 0, no or off",
            Kind::Integer => "a whole number",
            Kind::Float => "a finite number",
            Kind::ByteCount => "a whole number of bytes, optionally suffixed kb, mb or gb",
            Kind::Duration => "a duration such as 30s, 500ms, 2.5s or 1h30m (a bare number is seconds)",
            Kind::SocketAddr => "an IP address and port, such as 0.0.0.0:8080 or [::1]:8080",
            Kind::IpAddr => "an IP address, such as 10.0.0.1 or ::1",
            Kind::Path => "a file system path",
            Kind::Char => "one character",
            Kind::Url => "a URL, such as https://example.org/",
            Kind::String => "any text",
            Kind::List => "a comma-separated list",
            Kind::Choice => "one of the listed choices",
            Kind::Registered => {
                "a comma-separated preference list of shorthands or registered paths (package.module.Item)"
            }
            Kind::Custom => "a value of the setting's type",
        }
    }

    /// Whether values of this kind are numbers (an empty one is always unset).
    pub fn is_number(self) -> bool {
        matches!(self, Kind::Integer | Kind::Float | Kind::ByteCount | Kind::Duration)
    }
}

/// How text is read: the two choices on which configurations differ.
///
/// | | `Rules::STANDARD` (the default) | `empty_values = "numbers"`, `list_items = "as_given"` |
/// |---|---|---|
/// | an empty value | unset, for every kind | unset for numbers; other kinds parse it (an empty boolean is false, an empty string is kept, an empty list has one empty item) |
/// | list items | trimmed, empty ones dropped | kept exactly as given |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rules {
    /// What an empty value means.
    #[serde(default)]
    pub empty_values: EmptyValues,
    /// How list items are read.
    #[serde(default)]
    pub list_items: ListItems,
}

impl Rules {
    /// The default rules.
    pub const STANDARD: Rules = Rules { empty_values: EmptyValues::Unset, list_items: ListItems::Trimmed };

    /// Whether an empty value means "no value" (the default applies) for a
    /// setting of `kind`.
    pub fn empty_is_unset(self, kind: Kind) -> bool {
        match self.empty_values {
            EmptyValues::Unset => true,
            EmptyValues::Numbers => kind.is_number(),
        }
    }
}

/// What an empty value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyValues {
    /// Unset, for every kind: the default applies (`None` for an `Option`).
    #[default]
    Unset,
    /// Unset for numbers only; for other kinds the empty text is parsed.
    Numbers,
}

/// How list items are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListItems {
    /// Trimmed, and empty items dropped: `"a, b,"` is `["a", "b"]`.
    #[default]
    Trimmed,
    /// Kept exactly as given: `"a, b,"` is `["a", " b", ""]`.
    AsGiven,
}

/// How values are written in docs and tool output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notation {
    /// Rust literals: `false`, `None`, `["a", "b"]`.
    #[default]
    Rust,
    /// Python literals: `False`, `None`, `['a', 'b']`.
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

/// A shorthand name for a registered value.
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
    /// The value (a number or a duration) must lie within bounds, written
    /// as values are (`1`, `256`, `"1s"`).
    Range {
        /// The least value allowed.
        #[serde(default, deserialize_with = "leak::opt_str")]
        min: Option<&'static str>,
        /// The greatest value allowed (or the first not allowed).
        #[serde(default, deserialize_with = "leak::opt_str")]
        max: Option<&'static str>,
        /// Whether `max` itself is excluded (`1..256`).
        #[serde(default)]
        max_exclusive: bool,
    },
    /// The length of text (in characters) or of a list (in items).
    Len {
        /// The least length allowed.
        #[serde(default)]
        min: Option<u64>,
        /// The greatest length allowed.
        #[serde(default)]
        max: Option<u64>,
    },
    /// A function of the program's; `expected` says what it accepts.
    Custom {
        /// What the function accepts, in words: `a postgres:// URL`.
        #[serde(default, deserialize_with = "leak::opt_str")]
        expected: Option<&'static str>,
    },
}

impl Check {
    /// What the check requires, for error messages and docs, if it can be
    /// said: "greater than 0", "between 1 and 256".
    pub fn describe(&self) -> Option<String> {
        match *self {
            Check::Positive => Some("greater than 0".to_owned()),
            Check::Range { min, max, max_exclusive } => Some(describe_range(min, max, max_exclusive)),
            Check::Len { min, max } => Some(describe_len(min, max)),
            Check::Custom { expected } => expected.map(str::to_owned),
        }
    }
}

fn describe_range(min: Option<&str>, max: Option<&str>, max_exclusive: bool) -> String {
    match (min, max, max_exclusive) {
        (Some(min), Some(max), false) => format!("between {min} and {max}"),
        (Some(min), Some(max), true) => format!("at least {min} and less than {max}"),
        (Some(min), None, _) => format!("at least {min}"),
        (None, Some(max), false) => format!("at most {max}"),
        (None, Some(max), true) => format!("less than {max}"),
        (None, None, _) => "any value".to_owned(),
    }
}

fn describe_len(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("of length {min}"),
        (Some(min), Some(max)) => format!("of length {min} to {max}"),
        (Some(min), None) => format!("of length at least {min}"),
        (None, Some(max)) => format!("of length at most {max}"),
        (None, None) => "of any length".to_owned(),
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
    /// A string: text, or a value written as text (`"30s"`, `"0.0.0.0:80"`).
    Str(#[serde(deserialize_with = "leak::str")] &'static str),
    /// A list of strings.
    List(#[serde(deserialize_with = "leak::strs")] &'static [&'static str]),
    /// The type's `Default::default()`, or a value only the code can tell.
    Code {
        /// What to show for it.
        #[serde(deserialize_with = "leak::str")]
        code: &'static str,
    },
    /// No default: the setting is required.
    Required {
        /// Always true.
        required: bool,
    },
}

impl SettingMeta {
    /// The parser family of the setting's values.
    pub fn kind(&self) -> Kind {
        self.value.kind
    }

    /// The default as the docs show it: the `default_doc` override, or the
    /// literal written in `notation`.
    pub fn default_text(&self, notation: Notation) -> String {
        // A secret's default is never shown, unless it is no value at all,
        // which gives nothing away.
        if self.secret && (self.default.value != Literal::None || self.default.doc.is_some()) {
            return crate::REDACTED.to_owned();
        }
        if let Some(doc) = self.default.doc {
            return doc.to_owned();
        }
        match self.default.value {
            // A value written as text is shown as written: a lone registered
            // path (`pprint.saferepr`) or a duration (`30s`) is not a string.
            Literal::Str(text) if !matches!(self.kind(), Kind::String | Kind::Path | Kind::Char) => text.to_owned(),
            literal => literal.display(notation).to_string(),
        }
    }

    /// The shorthand names, in the order written.
    pub fn shorthand_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.shorthands.iter().map(|s| s.name)
    }

    /// What a value must look like, for error messages: the type's
    /// description, then each check's ("between 1 and 256").
    pub fn expected(&self) -> String {
        let described: Vec<String> = self.checks.iter().filter_map(Check::describe).collect();
        // "any text" says nothing once a check says more.
        let mut text = if self.kind() == Kind::String && !described.is_empty() {
            String::new()
        } else {
            self.value.expected.to_owned()
        };
        if !self.value.items().choices.is_empty() {
            let _ = write!(text, ": {}", choice_list(self.value.items().choices));
        }
        for described in described {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(&described);
        }
        text
    }
}

/// `trace, debug, info, warn (or warning), error`
pub fn choice_list(choices: &[Choice]) -> String {
    let mut text = String::new();
    for (i, choice) in choices.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(choice.name);
        if !choice.aliases.is_empty() {
            let _ = write!(text, " (or {})", choice.aliases.join(", "));
        }
    }
    text
}

impl StructMeta {
    /// The struct's own setting called `name` (not one in a group).
    pub fn setting(&self, name: &str) -> Option<&'static SettingMeta> {
        self.settings.iter().find(|s| s.name == name)
    }

    /// The struct's own setting names, in declaration order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.settings.iter().map(|s| s.name)
    }

    /// The struct's own settings the docs show: every one not `hidden`.
    pub fn documented(&self) -> impl Iterator<Item = &'static SettingMeta> + '_ {
        self.settings.iter().filter(|s| !s.hidden)
    }

    /// Every setting, the groups' included, with its full name and variable.
    pub fn tree(&'static self) -> Tree {
        Tree::root(self)
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

/// A struct's settings with their groups, each with its full name
/// (`database.pool_size`) and variable (`APP_DATABASE_POOL_SIZE`).
#[derive(Debug, Clone)]
pub struct Tree {
    /// The struct.
    pub meta: &'static StructMeta,
    /// The group this is (`None` for the root).
    pub group: Option<&'static GroupMeta>,
    /// The dotted path of the group (`database`; empty for the root).
    pub path: Cow<'static, str>,
    /// The variable prefix of the group's settings (`APP_DATABASE_`).
    pub env_prefix: Cow<'static, str>,
    /// The struct's own settings.
    pub settings: Vec<Leaf>,
    /// Its groups.
    pub groups: Vec<Tree>,
}

/// One setting as a particular root struct sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    /// The setting.
    pub setting: &'static SettingMeta,
    /// Its full name: `database.pool_size`.
    pub path: Cow<'static, str>,
    /// Its variable: `APP_DATABASE_POOL_SIZE`.
    pub env: Cow<'static, str>,
    /// Its former names, in full.
    pub aliases: Vec<Cow<'static, str>>,
    /// Its former variables, in full.
    pub env_aliases: Vec<Cow<'static, str>>,
}

impl Tree {
    fn root(meta: &'static StructMeta) -> Tree {
        let leaves = meta
            .settings
            .iter()
            .map(|setting| Leaf {
                setting,
                path: Cow::Borrowed(setting.name),
                env: Cow::Borrowed(setting.env),
                aliases: setting.aliases.iter().map(|a| Cow::Borrowed(*a)).collect(),
                env_aliases: setting.env_aliases.iter().map(|a| Cow::Borrowed(*a)).collect(),
            })
            .collect();
        let groups = meta.groups.iter().map(|g| Tree::nested(g, "", meta.env_prefix)).collect();
        Tree {
            meta,
            group: None,
            path: Cow::Borrowed(""),
            env_prefix: Cow::Borrowed(meta.env_prefix),
            settings: leaves,
            groups,
        }
    }

    /// A group under a parent whose path is `parent` and whose variables
    /// start with `parent_env`.
    fn nested(group: &'static GroupMeta, parent: &str, parent_env: &str) -> Tree {
        let meta = group.meta;
        let path = join_path(parent, group.name);
        let env_prefix = format!("{parent_env}{}", group.env_prefix);
        let rename = |env: &str| format!("{env_prefix}{}", env.strip_prefix(meta.env_prefix).unwrap_or(env));
        let settings = meta
            .settings
            .iter()
            .map(|setting| Leaf {
                setting,
                path: Cow::Owned(join_path(&path, setting.name)),
                env: Cow::Owned(rename(setting.env)),
                aliases: setting.aliases.iter().map(|a| Cow::Owned(join_path(&path, a))).collect(),
                env_aliases: setting.env_aliases.iter().map(|a| Cow::Owned(rename(a))).collect(),
            })
            .collect();
        let groups = meta.groups.iter().map(|g| Tree::nested(g, &path, &env_prefix)).collect();
        Tree { meta, group: Some(group), path: Cow::Owned(path), env_prefix: Cow::Owned(env_prefix), settings, groups }
    }

    /// Every setting, depth first: the struct's own, then each group's.
    /// This is the order of a root struct's origins.
    pub fn leaves(&self) -> Vec<&Leaf> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Leaf>) {
        out.extend(&self.settings);
        for group in &self.groups {
            group.collect(out);
        }
    }

    /// Every leaf, owned, in [`leaves`](Self::leaves) order.
    pub fn into_leaves(self) -> Vec<Leaf> {
        let mut out = self.settings;
        for group in self.groups {
            out.extend(group.into_leaves());
        }
        out
    }

    /// The variable prefixes the struct owns: its own `env_prefix` and
    /// `env_prefixes`, and each group's prefix.
    pub fn prefixes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if self.group.is_none() {
            out.extend(self.meta.env_prefixes.iter().map(|p| (*p).to_owned()));
        } else if !self.env_prefix.is_empty() {
            out.push(self.env_prefix.clone().into_owned());
        }
        for group in &self.groups {
            out.extend(group.prefixes());
        }
        out.retain(|p| !p.is_empty());
        out.sort();
        out.dedup();
        out
    }

    /// Variables that are known but name no setting, in this struct and its
    /// groups.
    pub fn known_env(&self) -> Vec<&'static str> {
        let mut out = self.meta.known_env.to_vec();
        for group in &self.groups {
            out.extend(group.known_env());
        }
        out
    }
}

/// `parent.name`, or `name` at the root.
fn join_path(parent: &str, name: &str) -> String {
    if parent.is_empty() { name.to_owned() } else { format!("{parent}.{name}") }
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
            Literal::Required { .. } => f.write_str("(required)"),
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

    use super::{Check, Choice, GroupMeta, SettingMeta, Shorthand, StructMeta, ValueType};

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

    pub(super) fn groups<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [GroupMeta], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn meta<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static StructMeta, D::Error> {
        Ok(Box::leak(Box::new(StructMeta::deserialize(d)?)))
    }

    pub(super) fn shorthands<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [Shorthand], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn checks<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [Check], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn choices<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<&'static [Choice], D::Error> {
        Ok(leak_vec(Vec::deserialize(d)?))
    }

    pub(super) fn opt_value_type<'de: 'static, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<&'static ValueType>, D::Error> {
        Ok(Option::<ValueType>::deserialize(d)?.map(|t| &*Box::leak(Box::new(t))))
    }
}
