use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(env = 5)]
    pub verbose: bool,
}

fn main() {}
