use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = -1, positive)]
    pub timeout: f64,
}

fn main() {}
