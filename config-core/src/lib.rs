//! Declarative settings for Rust: annotate a struct, derive [`Settings`],
//! and get a typed configuration loaded from environment variables (with
//! defaults, validation, shorthand aliases, deprecation, hidden and secret
//! settings, `set`/`get` by name and the origin of every value) **and** the
//! metadata its reference documentation is rendered from.
//!
//! ```
//! use config_core::{Origin, Settings};
//!
//! /// A small server's settings.
//! #[derive(Clone, Settings)]
//! #[settings(env_prefix = "SERVER_")]
//! pub struct ServerConfig {
//!     /// The TCP port to listen on.
//!     #[setting(default = 8080)]
//!     pub port: u16,
//!     /// Seconds to wait for a request before giving up.
//!     #[setting(default = 30.0, positive)]
//!     pub timeout: f64,
//!     /// Log every request.
//!     #[setting(default = false)]
//!     pub verbose: bool,
//! }
//!
//! // Any key/value source will do; `ServerConfig::from_env()` reads the
//! // process environment.
//! let env = [("SERVER_PORT", "9000"), ("SERVER_VERBOSE", "yes")];
//! let mut config = ServerConfig::from_source(&env).unwrap();
//! assert_eq!(config.port, 9000);
//! assert!(config.verbose);
//! assert_eq!(config.origin("timeout"), Ok(Origin::Default));
//!
//! config.set("timeout", "2.5").unwrap();
//! assert_eq!(config.timeout, 2.5);
//! assert!(config.set("timeout", "-1").is_err()); // rejected: the old value stays
//! assert_eq!(config.timeout, 2.5);
//! ```
//!
//! Every invalid variable is reported at once, each naming the setting, the
//! variable, the value and what was expected:
//!
//! ```
//! # use config_core::Settings;
//! # #[derive(Clone, Settings)]
//! # #[settings(env_prefix = "SERVER_")]
//! # pub struct ServerConfig {
//! #     #[setting(default = 8080)]
//! #     pub port: u16,
//! #     #[setting(default = 30.0, positive)]
//! #     pub timeout: f64,
//! # }
//! let env = [("SERVER_PORT", "http"), ("SERVER_TIMEOUT", "0")];
//! let problems = ServerConfig::from_source(&env).unwrap_err();
//! assert_eq!(
//!     problems.to_string(),
//!     "2 invalid setting values:\n  \
//!      - SERVER_PORT=\"http\": invalid value for setting `port`: not a whole number; expected a whole number\n  \
//!      - SERVER_TIMEOUT=\"0\": invalid value for setting `timeout`: must be positive; expected a finite number, greater than 0"
//! );
//! ```
//!
//! # Attributes
//!
//! On the struct, `#[settings(...)]`:
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `env_prefix` | string | prefix of every derived variable name: `env_prefix = "GEVENT_"` gives `GEVENT_RESOLVER` for `resolver` |
//! | `watch_prefixes` | list of strings | more prefixes this struct owns; with `env_prefix`, a variable under one of them that names no setting is reported with a suggestion |
//! | `title` | string | the title of the reference page |
//! | `added` | string | the version that introduced the settings |
//! | `see_also` | list of strings | related reading shown at the top of the page, in Markdown |
//! | `notation` | `"rust"` or `"python"` | how values are written in docs and tool output (`false` or `False`) |
//! | `crate` | string | the path of this crate, if it is renamed in `Cargo.toml` |
//!
//! The struct's doc comment is the page's description.
//!
//! On each field, `#[setting(...)]`; the field's doc comment is its
//! description, in Markdown (`> [!NOTE]` and `> [!CAUTION]` for notes):
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `name` | string | the setting's name (default: the field's) |
//! | `env` | string | its environment variable (default: `env_prefix` + the name in upper case) |
//! | `default` | literal, list of strings, or expression | the default; absent, an `Option` defaults to `None` and other types to `Default::default()` |
//! | `default_doc` | string | how the docs show the default, when the literal is not what they should show |
//! | `bytes` | flag | an integer read as a byte count (`64mb`) |
//! | `positive` | flag | the number must be greater than zero |
//! | `validate` | path | a function `fn(&T) -> Result<(), String>` that accepts or rejects a value (`T` without its `Option`) |
//! | `shorthand(name = "path", ...)` | | short names for an importable's dotted paths, listed in the docs in this order |
//! | `deprecated(since = "...", replacement = "...", note = "...")` | | the setting is deprecated; using it logs a warning naming the replacement |
//! | `added` | string | the version that added the setting |
//! | `see_also` | list of strings | related settings (by name) or reading (Markdown) |
//! | `hidden` | flag | settable and readable, but left out of the docs |
//! | `secret` | flag | the value is never printed: `<redacted>` in `Debug`, errors and tool output |
//!
//! # Value kinds
//!
//! The field's type picks the parser: `bool` (`1 true on yes` / `0 false off
//! no` or empty), the integer types (Python's `int()`; with `bytes`, a
//! `kb`/`mb`/`gb` suffix), `f32`/`f64` (Python's `float()`, finite only),
//! `String` (as given), `Vec<String>` (split on commas), [`Importable<T>`]
//! (a preference list resolved in `T`'s [`Registry`]) and `Option` of any of
//! them. An empty value for a number means "no value": the default applies.
//! Your own types can implement [`SettingValue`].
//!
//! # What the macro generates
//!
//! An `impl Settings` holding one static [`meta::StructMeta`] table (every
//! name, variable, kind, default, description, shorthand, deprecation, ...)
//! and, per field, a few lines of glue that call the generic loading,
//! parsing and validation code in this crate. It adds no inherent methods
//! and no other items to your code.

#![warn(missing_docs)]

// Lets the derive's `::config_core` paths resolve inside this crate's own tests.
extern crate self as config_core;

mod error;
mod global;
mod importable;
mod loaded;
pub mod meta;
pub mod parse;
mod source;
mod suggest;
mod value;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use config_derive::Settings;
pub use error::{Origin, Problem, Problems, Reason, RegisterError, SetError, UnknownSetting, Warning, REDACTED};
pub use global::Global;
pub use importable::{is_dotted_path, register, Entry, Importable, Registered, Registry, SET_IN_CODE};
pub use loaded::{Loaded, Report, SettingState};
pub use source::{Empty, Env, Source};
pub use value::{SettingValue, Value};

use std::fmt;

/// A struct of settings. Derive it with `#[derive(Settings)]`.
pub trait Settings: Sized + Send + Sync + 'static {
    /// The static description of every setting.
    const META: &'static meta::StructMeta;

    #[doc(hidden)]
    type __Origins: Copy + AsRef<[Origin]> + AsMut<[Origin]> + Send + Sync + fmt::Debug + 'static;

    #[doc(hidden)]
    const __ORIGINS: Self::__Origins;

    #[doc(hidden)]
    const __OPS: &'static [__private::FieldOps<Self>];

    #[doc(hidden)]
    fn __load(cx: &mut __private::LoadCx<'_, Self>) -> Option<Self>;

    /// Loads from the process environment; every invalid variable is
    /// reported in the error.
    fn from_env() -> Result<Loaded<Self>, Problems> {
        Loaded::from_env()
    }

    /// Loads from any key/value source (an array of pairs, a map).
    fn from_source<S: Source>(source: &S) -> Result<Loaded<Self>, Problems> {
        Loaded::from_source(source)
    }

    /// The defaults.
    fn defaults() -> Result<Loaded<Self>, Problems> {
        Loaded::defaults()
    }
}

/// Lets the README's examples run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
