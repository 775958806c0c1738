//! figment 0.10: an `Env` provider extracted with serde.

use figment::providers::Env;
use figment::Figment;

/// Loads gevent's settings from the process environment.
pub fn load() -> super::serde_config::Config {
    Figment::from(Env::raw()).extract().expect("the benchmark environment is valid")
}
