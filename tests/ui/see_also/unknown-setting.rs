use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    pub max_blocking_time: f64,
    #[setting(see_also = ["max_blocking_tim", "The [guide](https://example.org)."])]
    pub monitor_thread: bool,
}

fn main() {}
