// The expansion raises no rustc warning in a crate that denies them all.
#![deny(warnings, missing_docs, unused_qualifications, unreachable_pub, non_upper_case_globals)]
//! A crate with strict lints.

use config_core::{registry, Importable, Settings};

/// A plugin.
pub trait Plugin: Sync {}
/// The default plugin.
pub struct Builtin;
impl Plugin for Builtin {}
registry!(dyn Plugin => { "app.plugins.Builtin" => &Builtin });

fn odd(n: &u32) -> Result<(), String> {
    if n % 2 == 1 { Ok(()) } else { Err("even".into()) }
}

/// Strict settings.
#[derive(Clone, Settings)]
#[settings(env_prefix = "STRICT_")]
pub struct Config {
    /// A plugin.
    #[setting(default = "builtin", shorthand(builtin = "app.plugins.Builtin"))]
    pub plugin: Importable<dyn Plugin>,
    /// An odd number.
    #[setting(default = 3, validate = odd)]
    pub count: u32,
    /// A byte count.
    #[setting(bytes, default = "1kb")]
    pub size: Option<u64>,
}

fn main() {
    let config = Config::defaults().unwrap();
    assert_eq!(config.size, Some(1024));
}
