use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(bytes, positive, default = "0kb")]
    pub max_memory: u64,
}

fn main() {}
