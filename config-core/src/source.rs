//! Sources of named raw values, as an environment holds them: the process
//! environment, or any set of key/value pairs (so that tests never touch the
//! process environment). Each is a [`Layer`] of rank `Env`: a setting is
//! found by its variable.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::hash::{BuildHasher, Hash};
use std::sync::{Arc, LazyLock};

use crate::error::{SourceError, Warning};
use crate::layer::{Found, Key, Known, Layer, Provider, Rank, Raw};
use crate::origin::Origin;

/// A set of named raw values, as an environment holds them.
pub trait Source {
    /// The value of `name`, if it is set.
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>>;

    /// Calls `visit` with every name that is set, so that unknown names can
    /// be reported. A source that cannot list its names visits none.
    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr));
}

/// The process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Env;

impl Source for Env {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        std::env::var_os(name).map(Cow::Owned)
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        for (name, _) in std::env::vars_os() {
            visit(&name);
        }
    }
}

/// A source with nothing set: loading from it gives the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Empty;

impl Source for Empty {
    fn get(&self, _: &str) -> Option<Cow<'_, OsStr>> {
        None
    }

    fn for_each_name(&self, _: &mut dyn FnMut(&OsStr)) {}
}

impl<S: Source + ?Sized> Source for &S {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        (**self).get(name)
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        (**self).for_each_name(visit);
    }
}

impl<K: AsRef<OsStr>, V: AsRef<OsStr>> Source for [(K, V)] {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        // The last pair wins, as when a variable is set twice.
        self.iter().rev().find(|(k, _)| k.as_ref() == name).map(|(_, v)| Cow::Borrowed(v.as_ref()))
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        for (k, _) in self {
            visit(k.as_ref());
        }
    }
}

impl<K: AsRef<OsStr>, V: AsRef<OsStr>, const N: usize> Source for [(K, V); N] {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        Source::get(self.as_slice(), name)
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        self.as_slice().for_each_name(visit);
    }
}

impl<K: AsRef<OsStr>, V: AsRef<OsStr>> Source for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        Source::get(self.as_slice(), name)
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        self.as_slice().for_each_name(visit);
    }
}

impl<K, V, H> Source for HashMap<K, V, H>
where
    K: Borrow<str> + AsRef<OsStr> + Hash + Eq,
    V: AsRef<OsStr>,
    H: BuildHasher,
{
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        HashMap::get(self, name).map(|v| Cow::Borrowed(v.as_ref()))
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        for k in self.keys() {
            visit(k.as_ref());
        }
    }
}

impl<K, V> Source for BTreeMap<K, V>
where
    K: Borrow<str> + AsRef<OsStr> + Ord,
    V: AsRef<OsStr>,
{
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        BTreeMap::get(self, name).map(|v| Cow::Borrowed(v.as_ref()))
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        for k in self.keys() {
            visit(k.as_ref());
        }
    }
}

/// A [`Source`] as a layer: each setting is found by its variable, and
/// every name under the struct's prefixes that is no setting's variable is
/// reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvLayer<S>(pub S);

impl<S: Source + Send + Sync> Layer for EnvLayer<S> {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let raw = self.0.get(key.env)?;
        Some(Found { raw: Raw::Text(raw), origin: Origin::Env { var: key.env } })
    }

    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        if known.prefixes().is_empty() {
            return;
        }
        self.0.for_each_name(&mut |name| out.extend(known.check_variable(name)));
    }
}

/// The process environment as a provider: read afresh at every load.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EnvProvider;

/// The process environment's layer (it reads the variables when asked):
/// one for the process, shared by every load.
static ENV_LAYER: LazyLock<Arc<dyn Layer>> = LazyLock::new(|| Arc::new(EnvLayer(Env)));

/// The process environment's provider, shared by every builder.
static ENV_PROVIDER: LazyLock<Arc<dyn Provider>> = LazyLock::new(|| Arc::new(EnvProvider));

impl EnvProvider {
    /// The provider, shared.
    pub(crate) fn shared() -> Arc<dyn Provider> {
        Arc::clone(&ENV_PROVIDER)
    }
}

impl Provider for EnvProvider {
    fn rank(&self) -> Rank {
        Rank::Env
    }

    fn describe(&self) -> String {
        "environment".to_owned()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Ok(Arc::clone(&ENV_LAYER))
    }
}

/// Any source, shared, as a provider of rank `Env`.
pub(crate) struct SourceProvider<S>(pub(crate) Arc<S>);

impl<S: Source + Send + Sync + 'static> Provider for SourceProvider<S> {
    fn rank(&self) -> Rank {
        Rank::Env
    }

    fn describe(&self) -> String {
        "environment".to_owned()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Ok(Arc::new(EnvLayer(Arc::clone(&self.0))))
    }
}

impl<S: Source + ?Sized> Source for Arc<S> {
    fn get(&self, name: &str) -> Option<Cow<'_, OsStr>> {
        (**self).get(name)
    }

    fn for_each_name(&self, visit: &mut dyn FnMut(&OsStr)) {
        (**self).for_each_name(visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_maps_and_arrays_are_sources() {
        let pairs = [("A", "1"), ("B", "2"), ("A", "3")];
        assert_eq!(pairs.get("A").as_deref(), Some(OsStr::new("3")));
        assert_eq!(pairs.get("C"), None);

        let map: HashMap<String, String> = [("X".to_owned(), "y".to_owned())].into();
        assert_eq!(Source::get(&map, "X").as_deref(), Some(OsStr::new("y")));

        let mut names = Vec::new();
        BTreeMap::from([("K", "v")]).for_each_name(&mut |n| names.push(n.to_owned()));
        assert_eq!(names, ["K"]);
    }
}
