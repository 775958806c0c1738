use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(validate = 5)]
    pub workers: u32,
}

fn main() {}
