use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(env_prefx = "APP_")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
