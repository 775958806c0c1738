//! The keywords of `#[settings(...)]` and `#[setting(...)]`.

use std::fmt;

use syn::{Ident, Path};

/// An attribute keyword.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) struct Symbol(pub(crate) &'static str);

// The attributes themselves.
pub(crate) const SETTINGS: Symbol = Symbol("settings");
pub(crate) const SETTING: Symbol = Symbol("setting");
pub(crate) const DOC: Symbol = Symbol("doc");

// Keys of `#[settings(...)]`.
pub(crate) const ENV_PREFIX: Symbol = Symbol("env_prefix");
pub(crate) const WATCH_PREFIXES: Symbol = Symbol("watch_prefixes");
pub(crate) const TITLE: Symbol = Symbol("title");
pub(crate) const NOTATION: Symbol = Symbol("notation");
pub(crate) const CRATE: Symbol = Symbol("crate");

// Keys of `#[setting(...)]` (`added` and `see_also` are on both).
pub(crate) const NAME: Symbol = Symbol("name");
pub(crate) const ENV: Symbol = Symbol("env");
pub(crate) const DEFAULT: Symbol = Symbol("default");
pub(crate) const DEFAULT_DOC: Symbol = Symbol("default_doc");
pub(crate) const BYTES: Symbol = Symbol("bytes");
pub(crate) const POSITIVE: Symbol = Symbol("positive");
pub(crate) const VALIDATE: Symbol = Symbol("validate");
pub(crate) const SHORTHAND: Symbol = Symbol("shorthand");
pub(crate) const DEPRECATED: Symbol = Symbol("deprecated");
pub(crate) const ADDED: Symbol = Symbol("added");
pub(crate) const SEE_ALSO: Symbol = Symbol("see_also");
pub(crate) const HIDDEN: Symbol = Symbol("hidden");
pub(crate) const SECRET: Symbol = Symbol("secret");

// Keys of `deprecated(...)`.
pub(crate) const SINCE: Symbol = Symbol("since");
pub(crate) const REPLACEMENT: Symbol = Symbol("replacement");
pub(crate) const NOTE: Symbol = Symbol("note");

/// The keys allowed in `#[settings(...)]`, for "did you mean" and the list
/// of valid keys.
pub(crate) const CONTAINER_KEYS: &[Symbol] = &[ENV_PREFIX, WATCH_PREFIXES, TITLE, ADDED, SEE_ALSO, NOTATION, CRATE];

/// The keys allowed in `#[setting(...)]`.
pub(crate) const FIELD_KEYS: &[Symbol] = &[
    NAME,
    ENV,
    DEFAULT,
    DEFAULT_DOC,
    BYTES,
    POSITIVE,
    VALIDATE,
    SHORTHAND,
    DEPRECATED,
    ADDED,
    SEE_ALSO,
    HIDDEN,
    SECRET,
];

/// The keys allowed in `deprecated(...)`.
pub(crate) const DEPRECATED_KEYS: &[Symbol] = &[SINCE, REPLACEMENT, NOTE];

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
