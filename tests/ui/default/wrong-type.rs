use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "abc")]
    pub verbose: bool,
}

fn main() {}
