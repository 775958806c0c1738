//! The derive in a crate that renames `config-core` (so `::config_core`
//! does not exist here) and denies every warning, clippy's pedantic lints
//! included: CI's `cargo clippy -- -D warnings` checks this crate, and its
//! tests run the generated code. Nothing is allowed beyond what this file
//! says.
#![deny(warnings, missing_docs, unused_qualifications, unreachable_pub)]
#![deny(clippy::all, clippy::pedantic)]

use settings_runtime::{Importable, Settings, registry};

/// A plugin interface.
pub trait Plugin: Sync {
    /// Its name.
    fn name(&self) -> &'static str;
}

/// The default plugin.
pub struct Builtin;

impl Plugin for Builtin {
    fn name(&self) -> &'static str {
        "builtin"
    }
}

registry!(dyn Plugin => { "app.plugins.Builtin" => &Builtin });

// A validator takes its value by reference, whatever its type, so under
// clippy::pedantic one of a small `Copy` type needs this allow: the one
// lint the derive's API asks users to allow (documented in config-core).
#[allow(clippy::trivially_copy_pass_by_ref)]
fn even(n: &u32) -> Result<(), String> {
    if n.is_multiple_of(2) { Ok(()) } else { Err("must be even".to_owned()) }
}

/// Every attribute, in a crate that renamed the runtime.
#[derive(Clone, Settings)]
#[settings(
    crate = "settings_runtime",
    env_prefix = "HYGIENE_",
    watch_prefixes = ["HYGIENE_OLD_"],
    title = "Hygiene",
    added = "1.0",
    see_also = ["The [guide](https://example.org)."],
    notation = "python"
)]
pub struct Config {
    /// A plugin.
    #[setting(default = ["fast", "builtin"], shorthand(builtin = "app.plugins.Builtin", fast = "app.plugins.Fast"))]
    pub plugin: Importable<dyn Plugin>,
    /// An even count.
    #[setting(name = "count", env = "HYGIENE_OLD_COUNT", default = 2, validate = even, added = "1.1")]
    pub n: u32,
    /// A size.
    #[setting(bytes, positive, default = "10mb")]
    pub size: u64,
    /// Seconds.
    #[setting(default = 5, positive, see_also = ["count"])]
    pub period: f64,
    /// Old.
    #[setting(deprecated(since = "1.2", replacement = "count", note = "Use count."))]
    pub old: Option<u32>,
    /// A secret.
    #[setting(hidden, secret)]
    pub token: Option<String>,
    /// A list.
    #[setting(default)]
    pub items: Vec<String>,
    /// A flag.
    pub verbose: bool,
    /// An hour in seconds, checked by an associated function.
    #[setting(default = 60 * 60, validate = Self::whole_minutes)]
    pub hour: u32,
    /// A size from an expression.
    #[setting(default = 1 << 20)]
    pub big: Option<u64>,
}

impl Config {
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn whole_minutes(seconds: &u32) -> Result<(), String> {
        if seconds.is_multiple_of(60) { Ok(()) } else { Err("not whole minutes".to_owned()) }
    }
}

/// A struct made by a macro, its default passed through it.
macro_rules! settings_with_default {
    ($name:ident, $default:expr) => {
        /// Made by a macro.
        #[derive(Clone, Settings)]
        #[settings(crate = "settings_runtime")]
        pub struct $name {
            /// A number.
            #[setting(default = $default, positive)]
            pub number: u16,
        }
    };
}

settings_with_default!(FromMacro, 8 * 8);

#[cfg(test)]
mod tests {
    use super::{Config, Settings};

    #[test]
    fn the_generated_code_runs() {
        let config = Config::from_source(&[("HYGIENE_OLD_COUNT", "4"), ("HYGIENE_SIZE", "1kb")]).unwrap();
        assert_eq!(config.plugin.name(), "builtin");
        assert_eq!((config.n, config.size, config.period), (4, 1024, 5.0));
        assert!(Config::from_source(&[("HYGIENE_OLD_COUNT", "3")]).is_err());
        assert_eq!(Config::defaults().unwrap().size, 10 << 20);
        assert_eq!(Config::META.setting("size").unwrap().default.doc, Some("10mb"));
        assert_eq!((config.hour, config.big), (3600, Some(1 << 20)));
        assert!(Config::from_source(&[("HYGIENE_HOUR", "61")]).is_err());
        assert_eq!(super::FromMacro::defaults().unwrap().number, 64);
    }
}
