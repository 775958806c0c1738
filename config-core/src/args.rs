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
        // Split on the bytes: the value keeps them (it may be a path that
        // is not UTF-8), and the name is read only up to the first `=`.
        let bytes = assignment.as_encoded_bytes();
        let split = bytes.iter().position(|&b| b == b'=');
        let name = String::from_utf8_lossy(&bytes[..split.unwrap_or(bytes.len())]);
        // The message shows the name only: what follows `=` may be a secret.
        let malformed = |why: &str| {
            let equals = if split.is_some() { "=" } else { "" };
            let arg = format!("--set {}{equals}", name.escape_debug());
            SourceError::new(arg, format!("{why}: expected `name=value`, such as `--set database.pool_size=20`"))
        };
        let Some(split) = split else {
            return Err(malformed("no `=`"));
        };
        let path = name.trim();
        if path.is_empty() {
            return Err(malformed("no name before `=`"));
        }
        // SAFETY: splitting just after an ASCII `=` keeps the encoding valid.
        let value = unsafe { OsStr::from_encoded_bytes_unchecked(&bytes[split + 1..]) }.to_owned();
        let arg = format!("--set {path}");
        self.push(path, value, arg);
        Ok(())
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
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
        // What follows `=` may be a secret: it is not in the message.
        assert_eq!(
            malformed(" =hunter2"),
            "--set  =: no name before `=`: expected `name=value`, such as `--set database.pool_size=20`"
        );
    }

    /// A name that is not UTF-8 is read lossily, and the value still starts
    /// just after the first `=` of the bytes (a lossy copy is longer: it
    /// must not be used to find it).
    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_splits_at_the_first_equals_sign_of_the_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let mut args = CommandLine::new();
        args.push_assignment(OsStr::from_bytes(b"\xff=a=b")).unwrap();
        let found = args.get(Key { path: "\u{fffd}", env: "X" }).unwrap();
        assert_eq!(found.raw, Raw::Text(OsStr::new("a=b").into()));
    }
}
