use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = 4, validate = check_workers)]
    pub workers: u32,
}

fn main() {}
