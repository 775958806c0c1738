use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = -1)]
    pub workers: u32,
}

fn main() {}
