use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub nameservers: Option<Vec<String>>,
    #[setting(deprecated(since = "1.3a2", replacement = "nameserver"))]
    pub servers: Option<Vec<String>>,
}

fn main() {}
