use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefix = "APP_")]
pub struct Config {
    pub verbose: bool,
    #[setting(env = "APP_VERBOSE")]
    pub loud: bool,
}

fn main() {}
