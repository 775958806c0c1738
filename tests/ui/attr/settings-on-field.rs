use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[settings(default = true)]
    pub verbose: bool,
}

fn main() {}
