use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub nameservers: Option<Vec<String>>,
    #[setting(deprecated(replacement = "nameservers"))]
    pub servers: Option<Vec<String>>,
}

fn main() {}
