//! `.env` files: a layer of rank `DotEnv`, above configuration files and
//! below the process environment. Each setting is found by its variable;
//! each value knows its line.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{SourceError, Warning};
use crate::escape;
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
        // `dotenvy` gives no lines: they are followed beside it, in one pass.
        let mut lines = Lines(text.lines().enumerate());
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok((name, value)) => {
                    let line = lines.assigning(&name);
                    if layer.vars.insert(name.clone(), (value, line)).is_none() {
                        layer.order.push(name);
                    }
                }
                Err(dotenvy::Error::LineParse(_, at)) => {
                    // Never the text `dotenvy` gives: it may be a secret
                    // value (or, after an unclosed quote, the rest of the file).
                    let (line, name) = lines.next_entry();
                    let what = match name {
                        Some(name) => format!("the line of `{}`", escape::terminal(name)),
                        None => "a line with no `NAME=`".to_owned(),
                    };
                    let message = format!("cannot parse {what} (near character {})", at + 1);
                    return Err(SourceError::new(format!("{}:{line}", path.display()), message));
                }
                Err(e) => return Err(SourceError::new(path.display().to_string(), format!("cannot read: {e}"))),
            }
        }
        Ok(layer)
    }
}

/// The lines of a `.env` file, followed as `dotenvy` reads its entries.
struct Lines<'t>(std::iter::Enumerate<std::str::Lines<'t>>);

impl<'t> Lines<'t> {
    /// The line (1-based) of the next assignment of `name`, as `NAME=` or
    /// `export NAME=`.
    fn assigning(&mut self, name: &str) -> u32 {
        let found = self.0.by_ref().find(|(_, line)| assigned_name(line) == Some(name));
        found.map_or(0, |(index, _)| u32::try_from(index + 1).unwrap_or(u32::MAX))
    }

    /// The next line that is neither blank nor a comment, and the name it
    /// assigns, if any.
    fn next_entry(&mut self) -> (u32, Option<&'t str>) {
        let found = self.0.by_ref().find(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
        found.map_or((0, None), |(index, line)| (u32::try_from(index + 1).unwrap_or(u32::MAX), assigned_name(line)))
    }
}

/// `NAME` of a line `NAME=...` or `export NAME=...`.
fn assigned_name(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let line = line.strip_prefix("export ").map_or(line, str::trim_start);
    let (name, _) = line.split_once('=')?;
    let name = name.trim_end();
    (!name.is_empty() && !name.starts_with('#')).then_some(name)
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

    /// A line that cannot be parsed is reported by its place and its
    /// variable, never its text: a value may be a secret, and an unclosed
    /// quote would make it the rest of the file.
    #[test]
    fn a_bad_line_shows_no_value() {
        let text = "A=1\nDB_PASSWORD=two words hunter2\nC=3\n";
        let error = DotEnvLayer::parse(Path::new(".env"), text).unwrap_err();
        assert_eq!(error.place, ".env:2", "{error}");
        assert!(error.to_string().contains("`DB_PASSWORD`"), "{error}");
        assert!(!error.to_string().contains("hunter2"), "{error}");
        let text = "A=1\nTOKEN=\"hunter2\nB=2\n";
        let error = DotEnvLayer::parse(Path::new(".env"), text).unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(!error.to_string().contains("B=2"), "{error}");
    }

    /// Lines are found in one pass, however many variables (a file of
    /// 100,000 took a pass per variable before).
    #[test]
    fn many_variables_get_their_lines() {
        let text: String = (0..100_000).map(|i| format!("V{i}={i}\n")).collect();
        let layer = DotEnvLayer::parse(Path::new(".env"), &text).unwrap();
        let found = layer.get(Key { path: "v", env: "V99999" }).unwrap();
        assert!(matches!(found.origin, Origin::DotEnv { line: 100_000, .. }));
    }
}
