use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(defualt = false)]
    pub verbose: bool,
}

fn main() {}
