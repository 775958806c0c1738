//! envy 0.4, as its README recommends for prefixed variables:
//! `envy::prefixed("APP_").from_env::<Config>()`, one struct per prefix
//! (`GEVENT_`, `GEVENTARES_`), and `envy::from_env` for `PYTHONTRACEMALLOC`,
//! which has none.

use super::serde_config::{AresVars, GeventVars, PythonVars};

/// gevent's settings, as envy reads them: one struct per prefix.
pub type Config = (GeventVars, AresVars, PythonVars);

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<Config, envy::Error> {
    Ok((envy::prefixed("GEVENT_").from_env()?, envy::prefixed("GEVENTARES_").from_env()?, envy::from_env()?))
}
