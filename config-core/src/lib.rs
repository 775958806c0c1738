#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

// Lets the derive's `::config_core` paths resolve inside this crate's own tests.
extern crate self as config_core;

mod args;
mod builder;
#[cfg(feature = "clap")]
pub mod cli;
#[cfg(feature = "dotenv")]
mod dotenv;
mod error;
pub mod escape;
mod explain;
mod field;
#[cfg(feature = "toml")]
mod files;
mod global;
mod importable;
mod keyfiles;
mod kinds;
mod layer;
mod limits;
mod load;
mod loaded;
pub mod meta;
mod origin;
mod schema;
mod source;
mod suggest;
mod value;
#[cfg(feature = "watch")]
pub mod watch;

/// The text parsers, shared with the derive (the `config-parse` crate).
pub use config_parse as parse;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use args::CommandLine;
pub use builder::{Builder, Unknown};
pub use config_derive::{SettingEnum, Settings};
#[cfg(feature = "dotenv")]
pub use dotenv::{DotEnvFile, DotEnvLayer};
pub use error::{
    Frozen, Problem, ProblemKind, Problems, REDACTED, Reason, RegisterError, SetError, Shown, SourceError,
    UnknownSetting, Warning,
};
pub use explain::{Explanation, Outcome, Step};
#[cfg(feature = "toml")]
pub use files::{TomlFile, TomlLayer};
pub use global::{Change, Changes, Global, Reader, Snapshot, Subscription};
pub use importable::{Entry, Importable, Registered, Registry, SET_IN_CODE, register};
pub use keyfiles::{KeyFileDir, KeyFileLayer};
pub use layer::{EmptyLayer, Found, Key, Known, Layer, Provider, Rank, Raw};
pub use loaded::{Loaded, Report, SettingState};
pub use origin::{Origin, OriginKind};
pub use source::{Empty, Env, EnvLayer, Source};
pub use value::{SettingValue, Value, mismatch};

/// A struct of settings. Derive it with `#[derive(Settings)]`.
pub trait Settings: Sized + Send + Sync + 'static {
    /// The static description of every setting.
    const META: &'static meta::StructMeta;

    #[doc(hidden)]
    const __LEAVES: usize;

    #[doc(hidden)]
    const __TABLE: __private::Table<Self>;

    #[doc(hidden)]
    fn __schema() -> &'static __private::Schema<Self>;

    /// A builder for loading from files, `.env`, the environment, the
    /// command line and stores, in one precedence order.
    fn builder() -> Builder<Self> {
        Builder::new()
    }

    /// Loads from the process environment; every invalid variable is
    /// reported in the error, and unknown or deprecated variables are
    /// [warnings](Loaded::warnings).
    fn from_env() -> Result<Loaded<Self>, Problems> {
        Loaded::from_env()
    }

    /// Loads from any key/value source (an array of pairs, a map), as from
    /// the environment.
    fn from_source<S: Source + Sync>(source: &S) -> Result<Loaded<Self>, Problems> {
        Loaded::from_source(source)
    }

    /// The defaults. An error names every `required` setting, which has none.
    fn defaults() -> Result<Loaded<Self>, Problems> {
        Loaded::defaults()
    }
}

/// An enum whose variants are a setting's choices. Derive it with
/// `#[derive(SettingEnum)]`; it implements [`SettingValue`].
pub trait SettingEnum: Sized + Copy + PartialEq + Send + Sync + 'static {
    /// The choices, in declaration order, each with its names and doc.
    const CHOICES: &'static [meta::Choice];
    /// The variants, in the same order.
    const VARIANTS: &'static [Self];

    /// The choice's name (`warn`).
    fn name(self) -> &'static str {
        let index = Self::VARIANTS.iter().position(|v| *v == self).unwrap_or(0);
        Self::CHOICES.get(index).map_or("", |c| c.name)
    }
}
