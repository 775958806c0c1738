use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = true)]
    pub workers: u32,
}

fn main() {}
