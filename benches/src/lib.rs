//! Benchmarks of loading gevent's 23 settings with our derive and with the
//! crates a user would pick instead, all under one fixed environment; and
//! of reading, setting and rendering. See `../BENCHMARKS.md`.

pub mod environment;
pub mod files;
pub mod loaders;
pub mod peers;
pub mod rules;
pub mod service;
pub mod statm;
pub mod values;
