use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(name = "", env = "APP_X")]
    pub x: bool,
}

fn main() {}
