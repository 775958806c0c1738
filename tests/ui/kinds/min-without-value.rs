use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 4, min)]
    pub workers: u32,
    #[setting(default = 4, max(8))]
    pub threads: u32,
}

fn main() {}
