//! config-rs 0.15, as its examples (`examples/simple.rs`) add the
//! environment: `Environment::with_prefix("APP")`, here one source per
//! prefix (`GEVENT`, `GEVENTARES`), values left as text (no `try_parsing`:
//! the struct parses them with gevent's rules). `PYTHONTRACEMALLOC` has no
//! prefix: a source whose prefix is the whole name, kept (`keep_prefix`),
//! reads it alone.

use config::{Config, ConfigError, Environment};

use super::serde_config::AllVars;

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<AllVars, ConfigError> {
    Config::builder()
        .add_source(Environment::with_prefix("GEVENT"))
        .add_source(Environment::with_prefix("GEVENTARES"))
        .add_source(Environment::with_prefix("PYTHONTRACEMALLOC").prefix_separator("").keep_prefix(true))
        .build()?
        .try_deserialize()
}
