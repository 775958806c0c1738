use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(shorthand(fast = "app.modes.Fast"))]
    pub mode: String,
}

fn main() {}
