//! config-rs 0.15: an `Environment` source, built and deserialized.

use config::{Config, Environment};

/// Loads gevent's settings from the process environment.
pub fn load() -> super::serde_config::Config {
    Config::builder()
        .add_source(Environment::default().try_parsing(true))
        .build()
        .and_then(Config::try_deserialize)
        .expect("the benchmark environment is valid")
}
