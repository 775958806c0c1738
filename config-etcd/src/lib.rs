//! etcd as a source of settings for `config-core`.
//!
//! [`Etcd`] is a [`Provider`](config_core::Provider): the keys under a
//! prefix set the settings of the same full names (`/` for `.`), between
//! configuration files and the environment in precedence. [`watch()`] keeps
//! a process-wide [`Global`](config_core::Global) in step with them: every
//! change is validated with the whole configuration before it is swapped
//! in, and a bad value keeps the last good configuration.
//!
//! The crate runs its own tokio runtime on a thread of its own: the
//! application needs no async runtime, and its readers never touch the
//! network.
//!
//! See the crate's README for the precedence, the faults it survives and a
//! two-process demonstration.

#![warn(missing_docs)]

mod background;
mod layer;
mod source;
mod watch;

pub use source::Etcd;
pub use watch::{Status, WatchHandle, watch};

// The README's example compiles (it needs an etcd to run).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
