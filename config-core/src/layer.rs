//! Layers: where raw values come from, and in what order they win.
//!
//! A [`Provider`] (a file, a `.env` file, the environment, a directory of
//! key files, the command line, a store) reads a [`Layer`]: a snapshot that
//! answers "what does this layer say about this setting?" A load asks every
//! layer, highest [`Rank`] first; the first value that parses and passes the
//! setting's checks wins, and every value that does not is reported.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{SourceError, Warning};
use crate::meta::Leaf;
use crate::origin::Origin;
use crate::suggest;
use crate::value::Value;

/// The precedence of a layer: a higher rank wins. Layers of the same rank
/// win in the order they were added (the last added wins).
///
/// | rank | layer | added with |
/// |---|---|---|
/// | 0 | the setting's default | (always) |
/// | 1 | configuration files, key-per-file directories | `file`, `optional_file`, `dir` |
/// | 2 | a configuration store (etcd) | `provider` (the `config-etcd` crate) |
/// | 3 | `.env` files | `dotenv` |
/// | 4 | the process environment | `env`, `source` |
/// | 5 | the command line | `args` (the `config-cli` crate) |
/// | 6 | code: `set` and `update` after loading | (always) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rank {
    /// Configuration files and key-per-file directories.
    File = 1,
    /// A configuration store shared by many processes.
    Store = 2,
    /// `.env` files.
    DotEnv = 3,
    /// The process environment (or any [`Source`](crate::Source)).
    Env = 4,
    /// Command-line arguments.
    CommandLine = 5,
}

/// The names a setting goes by: its full name (for files, the command line
/// and stores) and its environment variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The full name, `database.pool_size`.
    pub path: &'static str,
    /// The environment variable, `APP_DATABASE_POOL_SIZE`.
    pub env: &'static str,
}

/// A raw value as a layer holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw<'a> {
    /// Text, as an environment variable or an argument gives it (possibly
    /// not UTF-8).
    Text(Cow<'a, OsStr>),
    /// A typed value, as a configuration file gives it.
    Value(Value),
    /// Something no setting can hold (a table where a value should be):
    /// says what it is.
    Unusable(&'static str),
}

/// A layer's value for a setting, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    /// The value.
    pub raw: Raw<'a>,
    /// Where it is.
    pub origin: Origin,
}

/// A snapshot of one source of values.
pub trait Layer: Send + Sync {
    /// The value this layer gives the setting known by `key`, if any.
    fn get(&self, key: Key) -> Option<Found<'_>>;

    /// Calls `found` with the position in `keys` and the value of every
    /// setting this layer gives a value, in the order of `keys`, each at
    /// most once (`None` stands for a setting not asked about; an answer
    /// out of order, repeated, or for a key not asked is ignored). A load
    /// asks each layer this
    /// once; the default asks [`get`](Self::get) for each key, and a layer
    /// that answers many keys faster at once can do so.
    fn get_each<'a>(&'a self, keys: &[Option<Key>], found: &mut dyn FnMut(usize, Found<'a>)) {
        for (index, key) in keys.iter().enumerate() {
            if let Some(value) = key.and_then(|key| self.get(key)) {
                found(index, value);
            }
        }
    }

    /// Reports the names this layer holds that are no setting's: variables
    /// under the struct's prefixes, keys of a file. A layer that cannot
    /// list its names reports none.
    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        let _ = (known, out);
    }
}

/// Where values come from: reads a fresh [`Layer`] for every load and
/// every reload.
pub trait Provider: Send + Sync + 'static {
    /// Its precedence.
    fn rank(&self) -> Rank;

    /// What it is, for people: `environment`, `file app.toml`.
    fn describe(&self) -> String;

    /// Reads the current values. A source that is optional and absent
    /// (an optional file that does not exist) gives an empty layer.
    fn read(&self) -> Result<Arc<dyn Layer>, SourceError>;

    /// Files and directories whose changes should trigger a reload.
    fn watch_paths(&self) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// A layer with nothing in it.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyLayer;

impl Layer for EmptyLayer {
    fn get(&self, _: Key) -> Option<Found<'_>> {
        None
    }
}

/// Every name a root struct's settings go by, for layers to tell known
/// names from unknown ones and to suggest the closest.
pub struct Known {
    envs: NameSet<&'static str>,
    paths: NameSet<&'static str>,
    groups: NameSet<String>,
    prefixes: Vec<String>,
    extra_env: NameSet<&'static str>,
    env_list: Vec<&'static str>,
    path_list: Vec<&'static str>,
}

impl fmt::Debug for Known {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Known").field("prefixes", &self.prefixes).finish_non_exhaustive()
    }
}

impl Known {
    /// The names of `leaves`, whose struct owns `prefixes` and also knows
    /// the variables `extra_env`.
    pub(crate) fn new(leaves: &'static [Leaf], prefixes: Vec<String>, extra_env: Vec<&'static str>) -> Self {
        let mut known = Known {
            envs: NameSet::default(),
            paths: NameSet::default(),
            groups: NameSet::default(),
            prefixes,
            // Known variables are suggested for a typo too.
            env_list: extra_env.clone(),
            extra_env: extra_env.into_iter().collect(),
            path_list: Vec::new(),
        };
        for leaf in leaves {
            for env in std::iter::once(&leaf.env).chain(&leaf.env_aliases) {
                known.envs.insert(env);
                known.env_list.push(env);
            }
            for path in std::iter::once(&leaf.path).chain(&leaf.aliases) {
                known.paths.insert(path);
                known.path_list.push(path);
                let mut rest: &str = path;
                while let Some((group, _)) = rest.rsplit_once('.') {
                    known.groups.insert(group.to_owned());
                    rest = group;
                }
            }
        }
        known
    }

    /// The variable prefixes the struct owns.
    pub fn prefixes(&self) -> &[String] {
        &self.prefixes
    }

    /// The prefix `name` starts with (without regard to case, so that
    /// `app_port` is caught as a typo), if the struct owns one.
    pub fn owning_prefix(&self, name: &[u8]) -> Option<&str> {
        self.prefixes
            .iter()
            .find(|p| name.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes())))
            .map(String::as_str)
    }

    /// Whether `name` is a setting's variable, or one known to the program.
    /// (On Windows, variable names compare without case.)
    pub fn is_env(&self, name: &str) -> bool {
        if cfg!(windows) {
            self.env_list.iter().chain(&self.extra_env).any(|k| k.eq_ignore_ascii_case(name))
        } else {
            self.envs.contains(name) || self.extra_env.contains(name)
        }
    }

    /// Whether `path` is a setting's full name (or a former one).
    pub fn is_path(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Whether `path` is a group (`database`) that holds settings.
    pub fn is_group(&self, path: &str) -> bool {
        self.groups.contains(path)
    }

    /// The known variable most like `name`.
    pub fn suggest_env(&self, name: &str, prefix: &str) -> Option<&'static str> {
        suggest::closest(name, prefix, self.env_list.iter().copied())
    }

    /// The setting name most like `path`.
    pub fn suggest_path(&self, path: &str) -> Option<&'static str> {
        // A group given a value (`replica = 5`) means one of its settings.
        let in_group = self
            .path_list
            .iter()
            .copied()
            .find(|known| known.strip_prefix(path).is_some_and(|rest| rest.starts_with('.')));
        in_group.or_else(|| suggest::closest(path, "", self.path_list.iter().copied()))
    }

    /// The unknown-variable warning for `name` (bytes, as the environment
    /// holds them), if it is one: under an owned prefix, and no known
    /// variable.
    pub fn check_variable(&self, name: &OsStr) -> Option<Warning> {
        let prefix = self.owning_prefix(name.as_encoded_bytes())?;
        match name.to_str() {
            Some(name) if self.is_env(name) => None,
            Some(name) => {
                Some(Warning::UnknownVariable { variable: name.to_owned(), suggestion: self.suggest_env(name, prefix) })
            }
            // Not UTF-8, so no setting's: report it with the bad bytes
            // replaced (the message escapes the rest).
            None => Some(Warning::UnknownVariable { variable: name.to_string_lossy().into_owned(), suggestion: None }),
        }
    }
}

/// Setting names to their positions.
pub(crate) type NameIndex<'a> = HashMap<&'a str, usize, BuildHasherDefault<NameHasher>>;

/// A set of names.
pub(crate) type NameSet<T> = HashSet<T, BuildHasherDefault<NameHasher>>;

/// A map from names.
pub(crate) type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// FNV-1a: short names hash in a few instructions each (the names are the
/// program's own, so nothing is gained from a keyed hash).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds the index from setting names to their positions.
pub(crate) fn index(leaves: &[Leaf]) -> NameIndex<'_> {
    let mut index = NameIndex::with_capacity_and_hasher(leaves.len(), BuildHasherDefault::default());
    for (i, leaf) in leaves.iter().enumerate() {
        index.insert(&*leaf.path, i);
    }
    // Former names find the setting too, unless a setting now has the name.
    for (i, leaf) in leaves.iter().enumerate() {
        for alias in &leaf.aliases {
            index.entry(&**alias).or_insert(i);
        }
    }
    index
}
