use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 300)]
    pub retries: u8,
}

fn main() {}
