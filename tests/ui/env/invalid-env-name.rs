use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(env = "app-verbose")]
    pub verbose: bool,
}

fn main() {}
