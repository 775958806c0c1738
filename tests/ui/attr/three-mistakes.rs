use config_core::Settings;

// A malformed list does not hide the mistakes after it.
#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = ["a", 2], env = "bad name", hidden = true)]
    pub hosts: Vec<String>,
}

fn main() {}
