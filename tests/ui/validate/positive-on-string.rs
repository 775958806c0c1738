use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(positive)]
    pub name: String,
}

fn main() {}
