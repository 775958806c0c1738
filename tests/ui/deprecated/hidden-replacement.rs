use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(deprecated(since = "2.0", replacement = "servers"))]
    pub hosts: Option<Vec<String>>,
    #[setting(hidden)]
    pub servers: Option<Vec<String>>,
}

fn main() {}
