use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(hidden, secret, hidden)]
    pub token: Option<String>,
}

fn main() {}
