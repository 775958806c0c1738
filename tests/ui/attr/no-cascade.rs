use config_core::Settings;

// The struct still implements Settings after the error, so the use below
// adds no second error.
#[derive(Clone, Settings)]
pub struct Config {
    #[setting(bogus)]
    pub verbose: bool,
}

fn main() {
    let _ = Config::defaults();
}
