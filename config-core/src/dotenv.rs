//! `.env` files: a layer of rank `DotEnv`, above configuration files and
//! below the process environment. Each setting is found by its variable;
//! each value knows its line.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{SourceError, Warning};
use crate::layer::{EmptyLayer, Found, Key, Known, Layer, Provider, Rank, Raw};
use crate::origin::Origin;

/// A `.env` file, read afresh at every load. A missing file gives nothing:
/// a `.env` file is a convenience for development.
#[derive(Debug, Clone)]
pub struct DotEnvFile {
    path: PathBuf,
}

impl DotEnvFile {
    /// The file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        DotEnvFile { path: path.into() }
    }
}

impl Provider for DotEnvFile {
    fn rank(&self) -> Rank {
        Rank::DotEnv
    }

    fn describe(&self) -> String {
        format!(".env file {}", self.path.display())
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        let place = || self.path.display().to_string();
        let text = match crate::limits::read_limited(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Arc::new(EmptyLayer)),
            Err(e) => return Err(SourceError::new(place(), format!("cannot read the .env file: {e}"))),
        };
        DotEnvLayer::parse(&self.path, &text).map(|layer| Arc::new(layer) as Arc<dyn Layer>)
    }

    fn watch_paths(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
}

/// The variables of a `.env` file with their lines.
#[derive(Debug, Clone)]
pub struct DotEnvLayer {
    path: Arc<Path>,
    vars: HashMap<String, (String, u32)>,
    order: Vec<String>,
}

impl DotEnvLayer {
    /// Parses `text`, the contents of the file at `path`, with `dotenvy`'s
    /// rules (quotes, escapes, `export`, `${VAR}` substitution).
    pub fn parse(path: &Path, text: &str) -> Result<Self, SourceError> {
        let mut layer = DotEnvLayer { path: Arc::from(path), vars: HashMap::new(), order: Vec::new() };
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((name, value)) => {
                    let line = line_of(text, &name);
                    if layer.vars.insert(name.clone(), (value, line)).is_none() {
                        layer.order.push(name);
                    }
                }
                Err(dotenvy::Error::LineParse(content, at)) => {
                    let line = text.lines().position(|l| l == content).map_or(0, |i| i + 1);
                    let message = format!("cannot parse this line at character {}: {:?}", at + 1, content);
                    return Err(SourceError::new(format!("{}:{line}", path.display()), message));
                }
                Err(e) => return Err(SourceError::new(path.display().to_string(), format!("cannot read: {e}"))),
            }
        }
        Ok(layer)
    }
}

/// The line (1-based) where `name` is last assigned, as `NAME=` or
/// `export NAME=`.
fn line_of(text: &str, name: &str) -> u32 {
    let assigns = |line: &str| {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        line.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let index = text.lines().enumerate().filter(|(_, l)| assigns(l)).map(|(i, _)| i + 1).last().unwrap_or(0);
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl Layer for DotEnvLayer {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let (value, line) = self.vars.get(key.env)?;
        let origin = Origin::DotEnv { path: Arc::clone(&self.path), line: *line, var: key.env };
        Some(Found { raw: Raw::Text(OsStr::new(value.as_str()).into()), origin })
    }

    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        for name in &self.order {
            if let Some(Warning::UnknownVariable { variable, suggestion }) = known.check_variable(OsStr::new(name)) {
                let line = self.vars.get(name).map_or(0, |(_, line)| *line);
                let place = format!("{}:{line}", self.path.display());
                out.push(Warning::UnknownKey { place, key: variable, suggestion });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_with_their_lines() {
        let text = "# comment\nAPP_PORT=80\n\nexport APP_NAME=\"a b\"\nAPP_PORT=81\n";
        let layer = DotEnvLayer::parse(Path::new(".env"), text).unwrap();
        let found = layer.get(Key { path: "port", env: "APP_PORT" }).unwrap();
        assert_eq!(found.raw, Raw::Text(OsStr::new("81").into()));
        assert!(matches!(found.origin, Origin::DotEnv { line: 5, .. }));
        let found = layer.get(Key { path: "name", env: "APP_NAME" }).unwrap();
        assert_eq!(found.raw, Raw::Text(OsStr::new("a b").into()));
        assert!(matches!(found.origin, Origin::DotEnv { line: 4, .. }));
    }

    #[test]
    fn a_bad_line_is_named() {
        let error = DotEnvLayer::parse(Path::new(".env"), "A=1\nB C\n").unwrap_err();
        assert_eq!(error.place, ".env:2", "{error}");
    }
}
