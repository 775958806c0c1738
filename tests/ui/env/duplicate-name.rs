use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub timeout: f64,
    #[setting(name = "timeout", env = "READ_TIMEOUT")]
    pub read_timeout: f64,
}

fn main() {}
