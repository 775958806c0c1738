use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(bytes)]
    pub max_memory: Option<f64>,
}

fn main() {}
