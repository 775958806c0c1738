use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(bytes, default = "5xb")]
    pub max_memory: u64,
}

fn main() {}
