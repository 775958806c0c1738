//! Every loader by name, so that the benchmark, the profile example and the
//! agreement test run the same list.

use std::hint::black_box;

use crate::peers;

/// A loader: loads gevent's 23 settings from the process environment.
pub type Load = fn();

/// `(name, loader)`, ours first and the hand-written baseline second.
pub const LOADERS: [(&str, Load); 8] = [
    ("config_core", || {
        black_box(<gevent_settings::Config as config_core::Settings>::from_env().unwrap());
    }),
    ("handwritten", || {
        black_box(peers::handwritten::load());
    }),
    ("envconfig", || {
        black_box(peers::envconfig::load());
    }),
    ("confique", || {
        black_box(peers::confique::load());
    }),
    ("envy", || {
        black_box(peers::envy::load());
    }),
    ("figment", || {
        black_box(peers::figment::load());
    }),
    ("clap", || {
        black_box(peers::clap::load());
    }),
    ("config_rs", || {
        black_box(peers::config_rs::load());
    }),
];

/// The loader called `name`.
pub fn loader(name: &str) -> Option<Load> {
    LOADERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}
