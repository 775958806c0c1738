// The generated code names nothing through the prelude or relative paths:
// it compiles when the user's module shadows all of these.
#![allow(dead_code, non_camel_case_types)]

use config_core::Settings;

struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Err;
struct String;
struct Vec;
struct Default;
struct Into;
mod std {}
mod core {}
mod config_core_shadow {}

/// Settings in a hostile module.
#[derive(Clone, Settings)]
#[settings(env_prefix = "HOSTILE_")]
pub struct Config {
    /// A number.
    #[setting(default = 5, positive)]
    pub count: u32,
    /// Maybe a list.
    pub hosts: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    /// Text.
    #[setting(default = "x")]
    pub name: ::std::string::String,
    /// Type default.
    pub flag: bool,
}

fn main() {
    let config = Config::defaults().unwrap();
    assert_eq!(config.count, 5);
}
