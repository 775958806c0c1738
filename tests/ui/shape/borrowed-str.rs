use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = "localhost")]
    pub host: &'static str,
    pub hosts: Option<&'static [String]>,
}

fn main() {
    let _ = Config::defaults();
}
