use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(hidden = "yes")]
    pub verbose: bool,
}

fn main() {}
