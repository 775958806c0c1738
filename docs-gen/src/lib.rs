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
//! | `rst` | a Sphinx page like gevent's autodoc output: a `py:class` with one `py:property` per setting; builds with `sphinx-build -W` |
//! | `markdown` | for GitHub or mdBook: a summary table linking to a section per setting |
//! | `html` | one self-contained page: light and dark, a table of contents, a filter box |
//! | `json` | the metadata (below) |
//! | `env` | a commented `.env` template: each setting's first sentence, default and variable |
//! | `text` | terminal help, as `gevent-config help` prints it |
//!
//! Hidden settings appear in none of them (unless
//! [`Options::include_hidden`] asks for them), and a secret setting's default
//! in none, whatever the metadata holds. Every string of the metadata is
//! data: each format escapes it, so that no description, name or version
//! can make markup, a line of its own, an unsafe link (only `http`, `https`,
//! `mailto` and relative links are kept) or invisible control characters
//! (they are shown as escapes such as `\u{202e}`). Each setting's section carries,
//! in this order: its description, see-also, version added, deprecation,
//! the standard paragraph of its kind, its default and its environment
//! variable, in the words of gevent's reference page.
//!
//! # The metadata as JSON
//!
//! A program built with the framework can write its metadata
//! (`serde_json::to_string(C::META)`; `gevent-config metadata` does), and
//! `docs-gen --metadata FILE` renders it without linking the program. The
//! shape is that of [`config_core::meta::StructMeta`]:
//!
//! ```json
//! {
//!   "name": "Config",                        // the struct
//!   "title": "Configuring gevent",           // optional
//!   "doc": "Global configuration ...",       // Markdown
//!   "added": "1.3a2",                        // optional
//!   "see_also": ["Markdown", "..."],
//!   "env_prefix": "GEVENT_",
//!   "env_prefixes": ["GEVENT_", "GEVENTARES_"],
//!   "notation": "python",                    // or "rust"
//!   "settings": [{
//!     "name": "resolver",
//!     "env": "GEVENT_RESOLVER",
//!     "kind": "importable",                  // bool, integer, float, byte_count, string, list, importable, custom
//!     "rust_type": "Importable<dyn Resolver>",
//!     "optional": false,
//!     "doc": "The callable that will be used ...",
//!     "default": {"value": ["thread", "dnspython"], "doc": null},
//!                                            // value: null, a boolean, a number, a string, a list of strings,
//!                                            // or {"code": "..."}; doc: text shown instead
//!     "shorthands": [{"name": "thread", "target": "gevent.resolver.thread.Resolver"}],
//!     "checks": ["positive", {"custom": {"function": "my_check"}}],
//!     "deprecated": {"since": "1.3a2", "replacement": "x", "note": "..."},   // or null
//!     "added": "1.3b1",                      // or null
//!     "see_also": ["max_blocking_time"],
//!     "hidden": false,
//!     "secret": false
//!   }]
//! }
//! ```
//!
//! Only `name` and `settings` are required at the top, and `name`, `env`,
//! `kind` and `default` in a setting. A file that does not fit is rejected
//! with the path of the offending field and its line and column.

#![warn(missing_docs)]

pub mod markdown;
pub mod model;
mod render;

use std::fmt;

use config_core::Settings;
use config_core::meta::StructMeta;

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
    /// The metadata as JSON.
    Json,
    /// A commented `.env` template.
    Env,
    /// Terminal help, as `gevent-config help` prints it.
    Text,
    /// MERGE-PENDING: the JSON Schema (wt-docs2 replaces this).
    Schema,
    /// MERGE-PENDING: a TOML template (wt-docs2 replaces this).
    Toml,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [Format::Rst, Format::Markdown, Format::Html, Format::Json, Format::Env, Format::Text];

    /// The format's name: `rst`, `markdown`, `html`, `json`, `env`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rst => "rst",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Env => "env",
            Format::Text => "text",
            Format::Schema => "schema",
            Format::Toml => "toml",
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
        Format::Env => render::env::render(&page()),
        Format::Text => render::text::render(&page()),
        Format::Schema | Format::Toml => unimplemented!("MERGE-PENDING: wt-docs2"),
    }
}
