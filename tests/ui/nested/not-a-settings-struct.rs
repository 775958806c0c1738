use config_core::Settings;

#[derive(Clone, Default)]
pub struct Plain {
    pub size: u32,
}

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(nested)]
    pub pool: Plain,
}

fn main() {}
