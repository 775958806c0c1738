//! Values given on the command line: a layer of rank `CommandLine`, keyed
//! by the settings' full names. The `config-cli` crate fills it from
//! `clap` (`--set database.pool_size=20`, or a flag per setting).

use std::ffi::{OsStr, OsString};
use std::sync::Arc;

use crate::error::{SourceError, Warning};
use crate::layer::{Found, Key, Known, Layer, Provider, Rank, Raw};
use crate::origin::Origin;

/// Values from the command line, each with the argument that gave it.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    values: Vec<(String, OsString, Arc<str>)>,
}

impl CommandLine {
    /// No values.
    pub fn new() -> Self {
        CommandLine::default()
    }

    /// Gives the setting `path` the text `value`, from the argument `arg`
    /// (the flag, for messages and origins: never the value, which may be a
    /// secret). A later value wins.
    pub fn push(&mut self, path: impl Into<String>, value: impl Into<OsString>, arg: impl Into<String>) {
        let arg: String = arg.into();
        self.values.push((path.into(), value.into(), Arc::from(arg)));
    }

    /// Gives a value from `name=value` (the argument of `--set`). Its
    /// origin is `--set name`: the value may be a secret.
    pub fn push_assignment(&mut self, assignment: &OsStr) -> Result<(), SourceError> {
        let text = assignment.to_string_lossy();
        let malformed = |why: &str| {
            let arg = format!("--set {}", text.escape_debug());
            SourceError::new(arg, format!("{why}: expected `name=value`, such as `--set database.pool_size=20`"))
        };
        let Some((name, _)) = text.split_once('=') else {
            return Err(malformed("no `=`"));
        };
        let path = name.trim();
        if path.is_empty() {
            return Err(malformed("no name before `=`"));
        }
        // The value keeps its bytes: it may be a path that is not UTF-8.
        let value = split_value(assignment, name.len());
        let arg = format!("--set {path}");
        self.push(path, value, arg);
        Ok(())
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// The bytes after the first `=` (at or after `at`).
fn split_value(assignment: &OsStr, at: usize) -> OsString {
    let bytes = assignment.as_encoded_bytes();
    let start = bytes[at..].iter().position(|&b| b == b'=').map_or(bytes.len(), |i| at + i + 1);
    // SAFETY: splitting just after an ASCII `=` keeps the encoding valid.
    unsafe { OsStr::from_encoded_bytes_unchecked(&bytes[start..]) }.to_owned()
}

impl Provider for CommandLine {
    fn rank(&self) -> Rank {
        Rank::CommandLine
    }

    fn describe(&self) -> String {
        "command line".to_owned()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Ok(Arc::new(self.clone()))
    }
}

impl Layer for CommandLine {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let (_, value, arg) = self.values.iter().rev().find(|(path, _, _)| path == key.path)?;
        Some(Found { raw: Raw::Text(value.as_os_str().into()), origin: Origin::CommandLine { arg: Arc::clone(arg) } })
    }

    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        for (path, _, arg) in &self.values {
            if !known.is_path(path) {
                let place = format!("command-line argument {}", arg.escape_debug());
                out.push(Warning::UnknownKey { place, key: path.clone(), suggestion: known.suggest_path(path) });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_split_at_the_first_equals_sign() {
        let mut args = CommandLine::new();
        args.push_assignment(OsStr::new("database.url=postgres://h/db?a=b")).unwrap();
        let found = args.get(Key { path: "database.url", env: "X" }).unwrap();
        assert_eq!(found.raw, Raw::Text(OsStr::new("postgres://h/db?a=b").into()));
        assert_eq!(found.origin, Origin::CommandLine { arg: "--set database.url".into() }, "no value in the origin");
        let malformed = |text: &str| args.clone().push_assignment(OsStr::new(text)).unwrap_err().to_string();
        assert_eq!(
            malformed("novalue"),
            "--set novalue: no `=`: expected `name=value`, such as `--set database.pool_size=20`"
        );
        assert_eq!(
            malformed(" =3"),
            "--set  =3: no name before `=`: expected `name=value`, such as `--set database.pool_size=20`"
        );
    }
}
