use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefix = "APP_")]
#[settings(env_prefix = "OTHER_")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
