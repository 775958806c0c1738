use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = ["0.5"])]
    pub timeout: f64,
}

fn main() {}
