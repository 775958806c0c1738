//! [`Origin`]: exactly where a setting's value came from.

use std::fmt;
use std::panic::Location;
use std::path::Path;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Where a setting's value came from: the place a person can go to change it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// The setting's default.
    Default,
    /// An environment variable (the setting's own, or a former name of it).
    Env {
        /// The variable.
        var: &'static str,
    },
    /// A line of a `.env` file.
    DotEnv {
        /// The file.
        path: Arc<Path>,
        /// The line (1-based).
        line: u32,
        /// The variable it sets.
        var: &'static str,
    },
    /// A key of a configuration file.
    File {
        /// The file.
        path: Arc<Path>,
        /// The line of the value (1-based).
        line: u32,
        /// The column of the value (1-based, in characters).
        column: u32,
        /// The key as written in full (`database.pool_size`).
        key: &'static str,
    },
    /// A file holding one setting's value: a mounted ConfigMap or Secret,
    /// or a `*_FILE` variable's file.
    KeyFile {
        /// The file.
        path: Arc<Path>,
    },
    /// A command-line argument.
    CommandLine {
        /// The flag (`--database-pool-size`) or `--set` and the name
        /// (`--set database.pool_size`); never the value, which may be a
        /// secret's.
        arg: Arc<str>,
    },
    /// A key of a configuration store (etcd).
    Store {
        /// The store and where it is: `etcd http://127.0.0.1:2379`.
        store: Arc<str>,
        /// The key.
        key: Arc<str>,
        /// The store's revision of the key's last change.
        revision: i64,
    },
    /// Set by the program (`set`, `update`), at this place in its source.
    Code {
        /// The caller of `set` or `update`.
        location: &'static Location<'static>,
    },
}

/// The sort of an [`Origin`], for comparisons that ignore the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OriginKind {
    /// [`Origin::Default`]
    Default,
    /// [`Origin::File`]
    File,
    /// [`Origin::KeyFile`]
    KeyFile,
    /// [`Origin::Store`]
    Store,
    /// [`Origin::DotEnv`]
    DotEnv,
    /// [`Origin::Env`]
    Env,
    /// [`Origin::CommandLine`]
    CommandLine,
    /// [`Origin::Code`]
    Code,
}

impl Origin {
    /// The sort of origin.
    pub fn kind(&self) -> OriginKind {
        match self {
            Origin::Default => OriginKind::Default,
            Origin::Env { .. } => OriginKind::Env,
            Origin::DotEnv { .. } => OriginKind::DotEnv,
            Origin::File { .. } => OriginKind::File,
            Origin::KeyFile { .. } => OriginKind::KeyFile,
            Origin::CommandLine { .. } => OriginKind::CommandLine,
            Origin::Store { .. } => OriginKind::Store,
            Origin::Code { .. } => OriginKind::Code,
        }
    }

    /// A short label: `default`, `environment`, `file`, `code`, ...
    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// Whether the value is the default.
    pub fn is_default(&self) -> bool {
        matches!(self, Origin::Default)
    }
}

impl OriginKind {
    /// A short label: `default`, `environment`, `file`, `code`, ...
    pub fn label(self) -> &'static str {
        match self {
            OriginKind::Default => "default",
            OriginKind::Env => "environment",
            OriginKind::DotEnv => "dotenv",
            OriginKind::File => "file",
            OriginKind::KeyFile => "key file",
            OriginKind::CommandLine => "command line",
            OriginKind::Store => "store",
            OriginKind::Code => "code",
        }
    }
}

impl fmt::Display for Origin {
    /// The place, as a person reads it: `environment variable APP_PORT`,
    /// `file app.toml:3:14`, `code at src/main.rs:10:5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("the default"),
            Origin::Env { var } => write!(f, "environment variable {var}"),
            Origin::DotEnv { path, line, var } => write!(f, "{var} in {}:{line}", path.display()),
            Origin::File { path, line, column, key } => write!(f, "`{key}` in {}:{line}:{column}", path.display()),
            Origin::KeyFile { path } => write!(f, "file {}", path.display()),
            Origin::CommandLine { arg } => write!(f, "command-line argument {}", arg.escape_debug()),
            Origin::Store { store, key, revision } => {
                write!(f, "key {} of {store} (revision {revision})", key.escape_debug())
            }
            Origin::Code { location } => write!(f, "code at {location}"),
        }
    }
}

impl Serialize for Origin {
    /// `{"kind": "file", "path": "app.toml", "line": 3, "column": 14, "key": "port"}`
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", self.kind().label())?;
        match self {
            Origin::Default => {}
            Origin::Env { var } => map.serialize_entry("var", var)?,
            Origin::DotEnv { path, line, var } => {
                map.serialize_entry("path", &path.to_string_lossy())?;
                map.serialize_entry("line", line)?;
                map.serialize_entry("var", var)?;
            }
            Origin::File { path, line, column, key } => {
                map.serialize_entry("path", &path.to_string_lossy())?;
                map.serialize_entry("line", line)?;
                map.serialize_entry("column", column)?;
                map.serialize_entry("key", key)?;
            }
            Origin::KeyFile { path } => map.serialize_entry("path", &path.to_string_lossy())?,
            Origin::CommandLine { arg } => map.serialize_entry("arg", &**arg)?,
            Origin::Store { store, key, revision } => {
                map.serialize_entry("store", &**store)?;
                map.serialize_entry("key", &**key)?;
                map.serialize_entry("revision", revision)?;
            }
            Origin::Code { location } => {
                map.serialize_entry("file", location.file())?;
                map.serialize_entry("line", &location.line())?;
                map.serialize_entry("column", &location.column())?;
            }
        }
        map.end()
    }
}
