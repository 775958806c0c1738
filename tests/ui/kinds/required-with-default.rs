use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(required, default = "postgres://localhost/app")]
    pub database_url: String,
    #[setting(required)]
    pub token: Option<String>,
}

fn main() {}
