//! figment 0.10, as its README's example sets up environment providers:
//! `Env::prefixed("CARGO_")` merged with `Env::raw().only(&[...])` for the
//! unprefixed variables. Here `Env::prefixed("GEVENT_")`,
//! `Env::prefixed("GEVENTARES_")` and `Env::raw().only(&["PYTHONTRACEMALLOC"])`,
//! extracted with serde.

use figment::Figment;
use figment::providers::Env;

use super::serde_config::AllVars;

/// Loads gevent's settings from the process environment.
// figment's own error, as `extract` returns it: boxing it would add work.
#[allow(clippy::result_large_err)]
pub fn load() -> Result<AllVars, figment::Error> {
    Figment::new()
        .merge(Env::prefixed("GEVENT_"))
        .merge(Env::prefixed("GEVENTARES_"))
        .merge(Env::raw().only(&["PYTHONTRACEMALLOC"]))
        .extract()
}
