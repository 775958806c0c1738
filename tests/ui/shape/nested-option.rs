use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub timeout: Option<Option<f64>>,
}

fn main() {}
