//! gevent's 23 settings loaded by each peer, and by hand. Every peer is set
//! up as its own documentation recommends, and parses values with gevent's
//! rules (`crate::rules`) through whatever hook its crate offers, so that
//! all loaders read the same values (`tests/agree.rs`) doing the same
//! parsing. Each `load` returns the crate's own result; converting it to
//! [`Values`](crate::values::Values) is for the tests, not measured.

pub mod clap;
pub mod config_rs;
pub mod confique;
pub mod envconfig;
pub mod envy;
pub mod figment;
pub mod handwritten;
pub mod serde_config;

use crate::rules::{self, Rejection};

/// A number of seconds that must be positive.
pub fn seconds(text: &str) -> Result<f64, Rejection> {
    rules::float(text).and_then(rules::positive)
}

/// `threadpool_idle_task_timeout`: positive, or -1.
pub fn idle_timeout(text: &str) -> Result<f64, Rejection> {
    rules::float(text).and_then(rules::positive_or_no_timeout)
}

/// A byte count that must be positive.
pub fn memory_limit(text: &str) -> Result<u64, Rejection> {
    rules::byte_count(text).and_then(rules::positive_bytes)
}
