// The derive checks the range itself: allowing rustc's lint (or Cargo
// capping lints in a dependency) does not let 300 become a `u8`'s 44.
#![allow(overflowing_literals)]

use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 300)]
    pub retries: u8,
    #[setting(default = -129)]
    pub offset: i8,
    #[setting(default = 18446744073709551616)]
    pub big: u64,
    #[setting(default = 2147483648)]
    pub level: Option<i32>,
    #[setting(default = 9223372036854775808)]
    pub pointer: isize,
}

fn main() {}
