use config_core::{SettingEnum, Settings};

#[derive(Debug, Clone, Copy, PartialEq, SettingEnum)]
pub enum Level {
    Error,
    #[choice(alias = "warning")]
    Warn,
    Info,
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "inf")]
    pub level: Level,
}

fn main() {}
