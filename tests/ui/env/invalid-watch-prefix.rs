use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefix = "APP_", watch_prefixes = ["app-old-"])]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
