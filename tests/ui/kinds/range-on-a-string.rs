use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "svc", range = 1..=8)]
    pub name: String,
}

fn main() {}
