use config_core::Settings;

// A type with no parser: one error, at the type, saying what to do.
#[derive(Clone, Settings)]
pub struct Config {
    pub started: std::time::Instant,
}

fn main() {
    let _ = Config::defaults();
}
