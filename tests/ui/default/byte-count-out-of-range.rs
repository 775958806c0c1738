#![allow(overflowing_literals)]

use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(bytes, default = "1gb")]
    pub buffer: u16,
    #[setting(bytes, default = "64kb")]
    pub small: Option<u8>,
}

fn main() {}
