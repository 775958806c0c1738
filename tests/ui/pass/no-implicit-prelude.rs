// The derive works in a crate without the implicit prelude.
#![no_implicit_prelude]

/// Settings without a prelude.
#[derive(::core::clone::Clone, ::config_core::Settings)]
#[settings(env_prefix = "BARE_")]
pub struct Config {
    /// A number.
    #[setting(default = 1.5, positive)]
    pub period: f64,
    /// Maybe text.
    pub label: ::std::option::Option<::std::string::String>,
    /// A list.
    #[setting(default = ["a", "b"])]
    pub items: ::std::vec::Vec<::std::string::String>,
}

fn main() {
    let config = <Config as ::config_core::Settings>::defaults().unwrap();
    ::std::assert_eq!(config.period, 1.5);
}
