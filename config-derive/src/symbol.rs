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
pub(crate) const KNOWN_ENV: Symbol = Symbol("known_env");
pub(crate) const EMPTY_VALUES: Symbol = Symbol("empty_values");
pub(crate) const LIST_ITEMS: Symbol = Symbol("list_items");

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
pub(crate) const REQUIRED: Symbol = Symbol("required");
pub(crate) const RANGE: Symbol = Symbol("range");
pub(crate) const MIN: Symbol = Symbol("min");
pub(crate) const MAX: Symbol = Symbol("max");
pub(crate) const LEN: Symbol = Symbol("len");
pub(crate) const FROM_STR: Symbol = Symbol("from_str");
pub(crate) const EXPECTED: Symbol = Symbol("expected");
pub(crate) const NESTED: Symbol = Symbol("nested");
pub(crate) const ALIAS: Symbol = Symbol("alias");
pub(crate) const ALIAS_ENV: Symbol = Symbol("alias_env");
pub(crate) const FROZEN: Symbol = Symbol("frozen");

// Keys of `validate(...)`.
pub(crate) const WITH: Symbol = Symbol("with");

// Keys of `deprecated(...)`.
pub(crate) const SINCE: Symbol = Symbol("since");
pub(crate) const REPLACEMENT: Symbol = Symbol("replacement");
pub(crate) const NOTE: Symbol = Symbol("note");

/// The keys allowed in `#[settings(...)]`, for "did you mean" and the list
/// of valid keys.
pub(crate) const CONTAINER_KEYS: &[Symbol] =
    &[ENV_PREFIX, WATCH_PREFIXES, KNOWN_ENV, EMPTY_VALUES, LIST_ITEMS, TITLE, ADDED, SEE_ALSO, NOTATION, CRATE];

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
    REQUIRED,
    RANGE,
    MIN,
    MAX,
    LEN,
    FROM_STR,
    EXPECTED,
    NESTED,
    ENV_PREFIX,
    ALIAS,
    ALIAS_ENV,
    FROZEN,
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
