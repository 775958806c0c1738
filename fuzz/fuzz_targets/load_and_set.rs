//! Arbitrary environments for gevent's `Config`, then arbitrary `set`s.
//! Checked: nothing panics; a rejected `set` changes nothing; no message
//! carries a raw control character (values are escaped).

#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use arbitrary::Arbitrary;
use config_core::{Loaded, Settings};
use gevent_settings::Config;
use libfuzzer_sys::fuzz_target;

/// A variable name: one of gevent's (most of the time), or any bytes.
#[derive(Debug, Arbitrary)]
enum Name {
    Known(u8),
    Prefixed(Vec<u8>),
    Raw(Vec<u8>),
}

impl Name {
    fn bytes(&self) -> Vec<u8> {
        let settings = Config::META.settings;
        match self {
            Name::Known(i) => settings[*i as usize % settings.len()].env.as_bytes().to_vec(),
            Name::Prefixed(rest) => [b"GEVENT_".as_slice(), rest].concat(),
            Name::Raw(bytes) => bytes.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    environment: Vec<(Name, Vec<u8>)>,
    sets: Vec<(u8, String)>,
}

fn no_raw_control(text: &str) {
    // Lists of problems are one per line; nothing else may break a line or
    // start a terminal escape.
    for line in text.split("\n  - ") {
        assert!(!line.chars().any(|c| c.is_control()), "unescaped: {line:?}");
    }
}

fuzz_target!(|input: Input| {
    let environment: Vec<(OsString, OsString)> = input
        .environment
        .iter()
        .filter(|(name, _)| !name.bytes().contains(&0))
        .map(|(name, value)| (OsString::from_vec(name.bytes()), OsString::from_vec(value.clone())))
        .collect();

    let report = Loaded::<Config>::load(&environment);
    for problem in &report.problems {
        no_raw_control(&problem.to_string());
    }
    for warning in &report.warnings {
        no_raw_control(&warning.to_string());
    }
    if let Err(problems) = Config::from_source(&environment) {
        no_raw_control(&problems.to_string());
    }

    let Some(mut config) = report.settings else { return };
    let names: Vec<&str> = Config::META.names().collect();
    for (index, value) in &input.sets {
        let name = names[*index as usize % names.len()];
        let (before, origin) = (config.get(name), config.origin(name));
        if let Err(error) = config.set(name, value.as_str()) {
            no_raw_control(&error.to_string());
            assert_eq!(config.get(name), before, "{name} changed by a rejected set");
            assert_eq!(config.origin(name), origin);
        }
    }
    let _ = format!("{config:?}");
});
