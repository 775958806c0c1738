//! The values under a prefix at one revision, as a [`Layer`]: a key names a
//! setting by its full name, `/` for `.` (`<prefix>database/pool_size` is
//! `database.pool_size`), and its value is text, parsed as an environment
//! variable's would be.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::sync::Arc;

use config_core::{Found, Key, Known, Layer, Origin, Raw, Warning};

/// One key's value and the revision of its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) value: Vec<u8>,
    pub(crate) mod_revision: i64,
}

/// Every key under the prefix as of `revision`: a consistent view, as one
/// range read or one revision's watch events give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// The store's revision this view is complete up to (0: never read).
    pub(crate) revision: i64,
    /// Full keys (prefix included) and their values.
    pub(crate) entries: BTreeMap<Vec<u8>, Entry>,
}

/// A snapshot of the keys under a prefix, as a layer of rank `Store`.
#[derive(Debug, Clone)]
pub(crate) struct EtcdLayer {
    /// `etcd http://127.0.0.1:2379`, for origins.
    pub(crate) store: Arc<str>,
    /// The prefix, ending with `/`.
    pub(crate) prefix: Arc<str>,
    pub(crate) snapshot: Arc<Snapshot>,
}

/// The key of the setting whose full name is `path`.
pub(crate) fn key_of(prefix: &str, path: &str) -> String {
    let mut key = String::with_capacity(prefix.len() + path.len());
    key.push_str(prefix);
    key.extend(path.chars().map(|c| if c == '.' { '/' } else { c }));
    key
}

/// The setting name a key (without the prefix) spells, if it is written
/// as one: `/`-separated, no empty part, no `.` (which would make two keys
/// spell one name).
fn name_of(rest: &str) -> Option<String> {
    if rest.is_empty() || rest.contains('.') || rest.split('/').any(str::is_empty) {
        return None;
    }
    Some(rest.replace('/', "."))
}

impl Layer for EtcdLayer {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let full = key_of(&self.prefix, key.path);
        let entry = self.snapshot.entries.get(full.as_bytes())?;
        Some(Found {
            raw: Raw::Text(text(&entry.value)),
            origin: Origin::Store { store: Arc::clone(&self.store), key: full.into(), revision: entry.mod_revision },
        })
    }

    /// Keys under the prefix that name no setting, each with the closest
    /// setting's name when one is close.
    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        for (key, entry) in &self.snapshot.entries {
            let rest = key.get(self.prefix.len()..).unwrap_or_default();
            let name = std::str::from_utf8(rest).ok().and_then(name_of);
            if name.as_deref().is_some_and(|name| known.is_path(name)) {
                continue;
            }
            // The suggestion reads the key as a name as best it can:
            // `database.pool_sise` or `database/pool_sise` alike.
            let guess = String::from_utf8_lossy(rest).replace('/', ".");
            out.push(Warning::UnknownKey {
                place: format!("{}, revision {}", self.store, entry.mod_revision),
                key: String::from_utf8_lossy(key).into_owned(),
                suggestion: known.suggest_path(&guess),
            });
        }
    }
}

/// A value's bytes as the text a setting's parser reads. On Unix any bytes
/// are an `OsStr`, so a value that is not UTF-8 reaches the parser, which
/// rejects it with the bytes escaped; elsewhere such bytes are replaced.
fn text(value: &[u8]) -> Cow<'_, OsStr> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Cow::Borrowed(OsStr::from_bytes(value))
    }
    #[cfg(not(unix))]
    {
        match String::from_utf8_lossy(value) {
            Cow::Borrowed(text) => Cow::Borrowed(OsStr::new(text)),
            Cow::Owned(text) => Cow::Owned(text.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(pairs: &[(&str, &str, i64)]) -> EtcdLayer {
        let entries = pairs
            .iter()
            .map(|(k, v, rev)| (k.as_bytes().to_vec(), Entry { value: v.as_bytes().to_vec(), mod_revision: *rev }))
            .collect();
        EtcdLayer {
            store: "etcd http://127.0.0.1:2379".into(),
            prefix: "/apps/svc/".into(),
            snapshot: Arc::new(Snapshot { revision: 9, entries }),
        }
    }

    #[test]
    fn a_setting_is_found_under_its_key_with_the_key_and_revision() {
        let layer = layer(&[("/apps/svc/database/pool_size", "20", 7)]);
        let found = layer.get(Key { path: "database.pool_size", env: "SVC_DATABASE_POOL_SIZE" }).unwrap();
        assert_eq!(found.raw, Raw::Text(Cow::Borrowed(OsStr::new("20"))));
        assert_eq!(
            found.origin,
            Origin::Store {
                store: "etcd http://127.0.0.1:2379".into(),
                key: "/apps/svc/database/pool_size".into(),
                revision: 7
            }
        );
        assert!(layer.get(Key { path: "database.url", env: "X" }).is_none());
    }

    #[test]
    fn names_are_slash_separated_and_never_dotted_or_empty() {
        assert_eq!(name_of("database/pool_size").as_deref(), Some("database.pool_size"));
        assert_eq!(name_of("workers").as_deref(), Some("workers"));
        for bad in ["", "database.pool_size", "database//pool_size", "database/", "/workers"] {
            assert_eq!(name_of(bad), None, "{bad:?}");
        }
        assert_eq!(key_of("/p/", "a.b.c"), "/p/a/b/c");
    }
}
