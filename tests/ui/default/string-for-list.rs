use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "a,b")]
    pub hosts: Vec<String>,
}

fn main() {}
