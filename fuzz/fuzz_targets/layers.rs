//! Arbitrary layers for the example service's configuration (every value
//! kind, nested groups, a secret, former names): a TOML file's text, an
//! environment and a command line, loaded together. Checked: nothing
//! panics; no error, warning or explanation carries a raw control
//! character; a secret's value never appears in any of them.

#![no_main]

use std::path::Path;
use std::sync::Arc;

use arbitrary::Arbitrary;
use config_core::{Layer, Provider, Rank, Settings, SourceError, TomlLayer};
use libfuzzer_sys::fuzz_target;
use service_example::AppConfig;

/// A secret no input can guess: if it shows, a secret leaked.
const SECRET: &str = "postgres://app:zq8-not-in-any-output@db/app";

/// A configuration file held in memory.
struct Text(String);

impl Provider for Text {
    fn rank(&self) -> Rank {
        Rank::File
    }

    fn describe(&self) -> String {
        "file fuzz.toml".to_owned()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        TomlLayer::parse(Path::new("fuzz.toml"), &self.0).map(|layer| Arc::new(layer) as Arc<dyn Layer>)
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    toml: String,
    environment: Vec<(u8, String)>,
    args: Vec<String>,
}

fn checked(text: &str) {
    // Lists of problems are one per line, explanations one step per line;
    // nothing else may break a line or start a terminal escape.
    for line in text.lines() {
        assert!(!line.chars().any(|c| c.is_control()), "unescaped: {line:?}");
    }
    assert!(!text.contains("zq8-not-in-any-output"), "a secret leaked: {text}");
}

fuzz_target!(|input: Input| {
    let tree = AppConfig::META.tree();
    let leaves = tree.leaves();
    let mut environment: Vec<(String, String)> = input
        .environment
        .iter()
        .map(|(i, value)| (leaves[*i as usize % leaves.len()].env.to_string(), value.clone()))
        .filter(|(_, value)| !value.contains('\0'))
        .collect();
    environment.push(("APP_PRIMARY_URL".to_owned(), SECRET.to_owned()));
    let argv = std::iter::once("service".to_owned()).chain(input.args.iter().cloned());
    let report = AppConfig::builder().provider(Text(input.toml.clone())).source(environment).argv(argv).load_report();
    for problem in &report.problems {
        checked(&problem.to_string());
    }
    for error in &report.sources {
        checked(&error.to_string());
    }
    for warning in &report.warnings {
        checked(&warning.to_string());
    }
    let Some(config) = report.settings else { return };
    for leaf in leaves {
        checked(&config.explain(&leaf.path).unwrap().to_string());
    }
    checked(&format!("{config:?}"));
});
