use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(secret, default = "hunter2", default_doc = "a password")]
    pub password: String,
}

fn main() {}
