use config_core::Settings;

#[derive(Clone, Settings)]
#[setting(env_prefix = "APP_")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
