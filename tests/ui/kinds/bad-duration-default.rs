use std::time::Duration;

use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "30 parsecs")]
    pub timeout: Duration,
}

fn main() {}
