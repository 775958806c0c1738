//! Reference documentation rendered from the metadata that
//! `#[derive(Settings)]` generates.
//!
//! ```
//! use config_core::Settings;
//! use docs_gen::{render, Format, Options};
//!
//! /// A small server's settings.
//! #[derive(Clone, Settings)]
//! #[settings(env_prefix = "SERVER_")]
//! pub struct Server {
//!     /// The port to listen on.
//!     #[setting(default = 8080)]
//!     pub port: u16,
//! }
//!
//! let help = render(Server::META, Format::Text, &Options::default());
//! assert!(help.starts_with("port\n    The port to listen on.\n"));
//! ```

#![warn(missing_docs)]

pub mod markdown;
pub mod model;
mod render;

use config_core::meta::StructMeta;

pub use model::Page;

/// The formats a page can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Terminal help, as `gevent-config help` prints it.
    Text,
}

/// In which order the settings are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By name, as gevent's reference page lists them.
    #[default]
    Alphabetical,
    /// In the order the struct declares them.
    Source,
}

/// Rendering options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The order of the settings.
    pub order: Order,
}

/// Renders the settings described by `meta`.
pub fn render(meta: &'static StructMeta, format: Format, options: &Options) -> String {
    let page = Page::new(meta, options.order);
    match format {
        Format::Text => render::text::render(&page),
    }
}
