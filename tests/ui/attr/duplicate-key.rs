use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(env = "APP_A", env = "APP_B")]
    pub verbose: bool,
}

fn main() {}
