#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

// Lets the derive's `::config_core` paths resolve inside this crate's own tests.
extern crate self as config_core;

mod error;
pub mod escape;
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
pub use error::{Origin, Problem, Problems, REDACTED, Reason, RegisterError, SetError, UnknownSetting, Warning};
pub use global::Global;
pub use importable::{Entry, Importable, Registered, Registry, SET_IN_CODE, register};
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
    const __OPS: &'static [&'static dyn __private::FieldOps<Self>];

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
