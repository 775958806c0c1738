use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting = "APP_VERBOSE"]
    pub verbose: bool,
}

fn main() {}
