use config_core::Settings;

#[derive(Clone, Settings)]
#[settings(crate = "not a path")]
pub struct Config {
    pub verbose: bool,
}

fn main() {}
