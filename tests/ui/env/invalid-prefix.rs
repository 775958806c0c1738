use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefix = "app_")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
