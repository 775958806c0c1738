use std::time::Duration;

use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 300, range = 1..=256)]
    pub workers: u32,
    #[setting(default = "2h", range = "1s"..="1h")]
    pub timeout: Duration,
    #[setting(range = 10..=1)]
    pub empty: u8,
    #[setting(len = 1..=8)]
    pub count: u32,
}

fn main() {}
