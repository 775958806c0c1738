//! Reference documentation rendered from the metadata that
//! `#[derive(Settings)]` generates: nobody writes a settings page by hand.
//!
//! ```
//! use config_core::Settings;
//! use docs_gen::{render, Format, Options};
//!
//! /// A small server's settings.
//! #[derive(Clone, Settings)]
//! #[settings(env_prefix = "SERVER_", title = "Server settings")]
//! pub struct Server {
//!     /// The port to listen on.
//!     #[setting(default = 8080)]
//!     pub port: u16,
//! }
//!
//! let page = render::<Server>(Format::Markdown, &Options::default());
//! assert!(page.starts_with("# Server settings\n"));
//! assert!(page.contains("| [`port`](#port) | `SERVER_PORT` | `8080` |"));
//! ```
//!
//! # Formats
//!
//! | format | what it is |
//! |---|---|
//! | `rst` | a Sphinx page like gevent's autodoc output: a `py:class` with one `py:property` per setting (a group's settings named `database.pool_size`, under a `.. rubric::` with the group's path); builds with `sphinx-build -W` |
//! | `markdown` | for GitHub or mdBook: a summary table of every setting linking to a section per setting; a group is a section whose settings are one heading level below it |
//! | `html` | one self-contained page: light and dark, a table of contents, a filter box; a group is a section with its settings inside |
//! | `json` | the metadata, version 2 of its shape (below) |
//! | `schema` | the JSON Schema (draft 2020-12) of a configuration file: a group is a nested object, an unknown key is an error |
//! | `toml` | a commented configuration file: every setting's comment block and its default as a commented assignment, a group as a `[table]` |
//! | `env` | a commented `.env` template: every setting's comment block and its default as a commented `NAME=value` line |
//! | `text` | terminal help, as `gevent-config help` prints it |
//!
//! Every setting is named by its full path (`database.pool_size`) and shown
//! with its full variable (`APP_DATABASE_POOL_SIZE`): the root struct's own
//! settings come first, then each group (`#[setting(nested)]`) as a section
//! titled with its path and introduced by its doc comment, its own groups
//! nested in it. Anchors are the full paths.
//!
//! Hidden settings appear in none of the pages (unless
//! [`Options::include_hidden`] asks for them; the schema lists them, as a
//! file may set them), and a secret's default in none, whatever the metadata
//! holds. Every string of the metadata is data: each format escapes it, so
//! that no description, name or version can make markup, a line of its own,
//! an unsafe link (only `http`, `https`, `mailto` and relative links are
//! kept) or invisible control characters (they are shown as escapes such as
//! `\u{202e}`).
//!
//! Each setting's section carries, in this order: its description,
//! see-also, version added, deprecation, what its values look like ("A
//! duration, such as `30s`, `500ms` or `1h30m`; a bare number is seconds."),
//! its choices (each with its aliases and description), its limits
//! ("Between 1 and 256."), "Takes effect only at start." for a `frozen`
//! setting, its former names ("Formerly `size` (`APP_SIZE`), which still
//! works with a warning."), its default (or "Required: there is no
//! default.") and its environment variable. With `notation = "python"` the
//! kinds gevent documents keep the words of gevent's reference page.
//!
//! # Templates
//!
//! The `toml` and `env` templates hold, for each setting, the first sentence
//! of its description, what it accepts (boolean words, choices with their
//! aliases, units, ranges, shorthands), its variable, its deprecation and
//! former names, and a commented line that sets the documented default
//! (`# workers = 4`, `# APP_WORKERS=4`): uncommented, it changes nothing
//! until edited. A setting with no default to write (none, required,
//! secret, one only the program computes) has no such line, so that no
//! uncommented line can set what was never its default.
//!
//! # The JSON Schema
//!
//! The `schema` format describes a configuration file (TOML, or JSON) for
//! editors and validators: a setting's key is its name, a group a nested
//! object; booleans, integers (within the Rust type's range) and floats are
//! typed; a byte count is an integer or a string such as `"64mb"`, a
//! duration a string such as `"1h30m"` or a number of seconds, a list an
//! array or one comma-separated string, an enum one of its names or aliases
//! (each with its description); checks become `minimum`, `maximum`,
//! `minLength`, `maxItems` and the like. Each setting has its description,
//! `default`, `deprecated`, `writeOnly` for a secret and `x-env` (its
//! variable); a former name is a deprecated property; required settings are
//! `required`; no object allows a key it does not know. It is stricter than
//! the loader where that helps an editor: enum names are matched as
//! written, and booleans and numbers must be typed.
//!
//! # Keeping a committed page fresh
//!
//! [`assert_fresh`] fails a test when a committed page differs from what the
//! type renders now, showing the diff; `UPDATE_DOCS=1 cargo test` rewrites
//! it.
//!
//! # The metadata as JSON
//!
//! A program built with the framework can write its metadata
//! (`serde_json::to_string(C::META)`; `gevent-config metadata` does), and
//! `docs-gen --metadata FILE` renders it without linking the program. The
//! shape is that of [`config_core::meta::StructMeta`]; the `json` format
//! writes it too (version 2), with `"format_version": 2`, the settings in
//! the requested order, without hidden settings, secrets' defaults, or
//! `rust_type` (unless [`Options::rust_types`]), keys sorted:
//!
//! ```json
//! {
//!   "format_version": 2,                     // the json format only
//!   "name": "Config",                        // the struct
//!   "title": "Configuring gevent",           // optional
//!   "doc": "Global configuration ...",       // Markdown
//!   "added": "1.3a2",                        // optional
//!   "see_also": ["Markdown", "..."],
//!   "env_prefix": "APP_",
//!   "env_prefixes": ["APP_"],                // prefixes whose unknown variables are reported
//!   "known_env": ["APP_DEBUG"],              // variables there that are not settings
//!   "notation": "rust",                      // or "python"
//!   "settings": [{
//!     "name": "timeout",
//!     "env": "APP_TIMEOUT",
//!     "value": {                             // what values look like
//!       "kind": "duration",                  // bool, integer, float, byte_count, duration, socket_addr,
//!                                            // ip_addr, path, char, url, string, list, choice,
//!                                            // registered, custom
//!       "expected": "a duration such as 30s, ...",
//!       "choices": [{"name": "warn", "aliases": ["warning"], "doc": "..."}],  // an enum's
//!       "item": {"kind": "string", "expected": "any text"}                    // a list's
//!     },
//!     "rust_type": "Duration",               // only with Options::rust_types
//!     "optional": false,                     // an Option<T>: may be unset
//!     "required": false,                     // no default: a value must be given
//!     "doc": "How long a request may take.",
//!     "default": {"value": "30s", "doc": null},
//!                                            // value: null, a boolean, a number, a string, a list of strings,
//!                                            // {"code": "..."} or {"required": true}; doc: text shown instead
//!     "shorthands": [{"name": "thread", "target": "app.pool.Thread"}],
//!     "checks": ["positive", {"range": {"min": "1s", "max": "1h", "max_exclusive": false}},
//!                {"len": {"min": 1, "max": 64}}, {"custom": {"expected": "a postgres:// URL"}}],
//!     "rules": {"empty_values": "unset", "list_items": "trimmed"},  // or "numbers", "as_given"
//!     "deprecated": {"since": "1.3", "replacement": "x", "note": "..."},   // or null
//!     "aliases": ["request_timeout"],        // former names, still read with a warning
//!     "env_aliases": ["APP_REQUEST_TIMEOUT"],
//!     "added": "1.3",                        // or null
//!     "see_also": ["workers"],
//!     "hidden": false,
//!     "secret": false,
//!     "frozen": false                        // takes effect only at start
//!   }],
//!   "groups": [{                             // #[setting(nested)] fields
//!     "name": "database",
//!     "env_prefix": "DATABASE_",             // added to the parent's prefix
//!     "doc": "The primary database.",
//!     "meta": {"name": "Pool", "settings": [], "groups": []}   // the nested struct, as above
//!   }]
//! }
//! ```
//!
//! Only `name` and `settings` are required at the top; `name`, `env`,
//! `value` (with `kind` and `expected`) and `default` in a setting; `name`,
//! `env_prefix` and `meta` in a group. A file that does not fit is rejected
//! with the path of the offending field and its line and column.
//!
//! What changed from version 1 (which had no `format_version`): a
//! setting's `kind` became `value.kind`, with `expected`, `choices` and
//! `item` beside it, and `importable` was renamed `registered`; the kinds
//! `duration`, `socket_addr`, `ip_addr`, `path`, `char`, `url` and `choice`
//! are new; `required`, `rules`, `aliases`, `env_aliases` and `frozen` are
//! new setting fields, `{"required": true}` a new default, `range` and `len`
//! new checks, and a custom check says what it `expected` (not its
//! function's name); `known_env` and `groups` are new at the top; the `json`
//! format lists the settings in the requested order and leaves out
//! `rust_type` unless asked for. [`StructMeta::from_json`] reads both what
//! the derive serializes (`gevent-config metadata`) and what the `json`
//! format writes (it ignores `format_version`), not version 1.

#![warn(missing_docs)]

mod fresh;
pub mod markdown;
pub mod model;
mod render;

use std::fmt;

use config_core::Settings;
use config_core::meta::StructMeta;

pub use fresh::{UPDATE_VARIABLE, assert_fresh, assert_fresh_meta};
pub use model::Page;

/// The formats a page can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// A Sphinx (reStructuredText) page.
    Rst,
    /// A Markdown page for GitHub or mdBook.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// The metadata as JSON (version 2 of its shape).
    Json,
    /// The JSON Schema (draft 2020-12) of a configuration file.
    Schema,
    /// A commented TOML configuration file.
    Toml,
    /// A commented `.env` template.
    Env,
    /// Terminal help, as `gevent-config help` prints it.
    Text,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::Rst,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Schema,
        Format::Toml,
        Format::Env,
        Format::Text,
    ];

    /// The format's name: `rst`, `markdown`, `html`, `json`, `schema`,
    /// `toml`, `env`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rst => "rst",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Schema => "schema",
            Format::Toml => "toml",
            Format::Env => "env",
            Format::Text => "text",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// In which order the settings are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Order {
    /// By name, as gevent's reference page lists them.
    #[default]
    Alphabetical,
    /// In the order the struct declares them.
    Source,
}

/// Rendering options.
///
/// ```
/// use docs_gen::{Options, Order};
///
/// // A Sphinx page whose objects are named `app.config.Config.<setting>`,
/// // with a label other pages can refer to.
/// let options = Options {
///     module: Some("app.config".into()),
///     label: Some("app-configuration".into()),
///     ..Options::default()
/// };
/// assert_eq!(options.order, Order::Alphabetical);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The order of the settings.
    pub order: Order,
    /// Lists hidden settings too. For help that must name every variable a
    /// program reads (`gevent-config help`); reference pages leave this off.
    pub include_hidden: bool,
    /// The (Python-style, dotted) module the struct is documented in. The
    /// `rst` page declares it as the current module, so that the inventory
    /// names each setting `module.Struct.setting`; the `html` page gives each
    /// setting that anchor too.
    pub module: Option<String>,
    /// A label for the page: a Sphinx label before the `rst` title (so that
    /// `:ref:` finds it), an anchor at the top of the `html` page.
    pub label: Option<String>,
    /// Keeps each setting's Rust type (`rust_type`) in the `json` format,
    /// which leaves it out by default: it is the program's business, not
    /// its users'.
    pub rust_types: bool,
}

/// Renders the settings of `C`.
pub fn render<C: Settings>(format: Format, options: &Options) -> String {
    render_meta(C::META, format, options)
}

/// Renders the settings described by `meta` (from a type, or read from JSON
/// with [`StructMeta::from_json`]).
pub fn render_meta(meta: &'static StructMeta, format: Format, options: &Options) -> String {
    let page = || Page::new(meta, options);
    match format {
        Format::Rst => render::rst::render(&page()),
        Format::Markdown => render::markdown::render(&page()),
        Format::Html => render::html::render(&page()),
        Format::Json => render::json::render(meta, options),
        Format::Schema => render::schema::render(meta),
        Format::Toml => render::toml::render(&page()),
        Format::Env => render::env::render(&page()),
        Format::Text => render::text::render(&page()),
    }
}
