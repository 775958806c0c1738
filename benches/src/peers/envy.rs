//! envy 0.4: the environment deserialized with serde.

/// Loads gevent's settings from the process environment.
pub fn load() -> super::serde_config::Config {
    envy::from_env().expect("the benchmark environment is valid")
}
