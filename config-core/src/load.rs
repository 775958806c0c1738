//! The loading loop: for each setting, ask every layer (highest rank
//! first), keep the first value that parses and passes the setting's checks,
//! report every one that does not, and fall back to the default. Written
//! once, generic over the field's type; the derive calls it per field.

use std::marker::PhantomData;

use crate::Settings;
use crate::error::{Problem, Shown, Warning};
use crate::field::{Codec, Field, accept, parse_raw};
use crate::layer::{Key, Layer, Raw};
use crate::meta::{Leaf, SettingMeta};
use crate::origin::Origin;

/// What one load met besides values: problems and warnings.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
}

/// The state of one load of a struct `C` (the root, or a nested group):
/// the layers, the settings' names, where each value came from, and every
/// problem and warning met on the way.
pub struct LoadCx<'a, C: Settings> {
    layers: &'a [&'a dyn Layer],
    leaves: &'static [Leaf],
    origins: &'a mut [Origin],
    out: &'a mut Collected,
    _struct: PhantomData<fn() -> C>,
}

impl<'a, C: Settings> LoadCx<'a, C> {
    pub(crate) fn new(
        layers: &'a [&'a dyn Layer],
        leaves: &'static [Leaf],
        origins: &'a mut [Origin],
        out: &'a mut Collected,
    ) -> Self {
        LoadCx { layers, leaves, origins, out, _struct: PhantomData }
    }

    /// Loads field `index`: the value of the highest layer that has a good
    /// one, else its default. Returns `None` only when there is no value
    /// at all (a required setting nobody set, a default that cannot be
    /// built), which is reported.
    // Kept out of the loading functions: inlined, it makes a large struct's
    // build slower and its loads no faster.
    #[inline(never)]
    pub fn field<T, K>(&mut self, index: usize, field: &Field<C, T, K>) -> Option<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
        K: Codec<T>,
    {
        let leaf = &self.leaves[index];
        let problems_before = self.out.problems.len();
        if let Some((value, origin)) = self.find::<T, K>(leaf, field) {
            self.origins[index] = origin;
            return Some(value);
        }
        // A required setting whose only values were rejected is reported
        // once, for the rejected value, not also as missing.
        if leaf.setting.required && self.out.problems.len() > problems_before {
            return None;
        }
        self.default(leaf, field)
    }

    /// Loads the nested group whose settings start at `offset`.
    pub fn group<G: Settings>(&mut self, offset: usize) -> Option<G> {
        let range = offset..offset + G::__LEAVES;
        let mut cx = LoadCx::<G>::new(self.layers, &self.leaves[range.clone()], &mut self.origins[range], self.out);
        G::__load(&mut cx)
    }

    fn find<T, K>(&mut self, leaf: &'static Leaf, field: &Field<C, T, K>) -> Option<(T, Origin)>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
        K: Codec<T>,
    {
        let mut winner = None;
        for layer in self.layers.iter().rev() {
            let mut found_here = false;
            for_each_key(leaf, |key, old| {
                let Some(found) = layer.get(key) else { return };
                if std::mem::replace(&mut found_here, true) {
                    if let Some(old) = old {
                        let setting = &*leaf.path;
                        self.out.warnings.push(Warning::BothNames { old, setting, origin: found.origin });
                    }
                    return;
                }
                let parsed = parse_raw::<T, K>(&found.raw, leaf.setting)
                    .and_then(|v| v.map(|v| accept::<T, K>(&v, leaf.setting, field.validate).map(|()| v)).transpose());
                match parsed {
                    Ok(Some(value)) => {
                        if let Some(old) = old {
                            let (setting, origin) = (&*leaf.path, found.origin.clone());
                            self.out.warnings.push(Warning::Renamed { old, setting, origin });
                        }
                        if winner.is_none() {
                            self.out.warnings.extend(deprecation(leaf, &found.origin));
                            winner = Some((value, found.origin));
                        }
                    }
                    Ok(None) => {}
                    Err(reason) => {
                        let shown = shown(leaf.setting, &found.raw, C::META.notation);
                        self.out.problems.push(Problem::new(names(leaf), found.origin, shown, reason));
                    }
                }
            });
        }
        winner
    }

    fn default<T, K>(&mut self, leaf: &'static Leaf, field: &Field<C, T, K>) -> Option<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
        K: Codec<T>,
    {
        let setting = leaf.setting;
        if setting.required {
            self.out.problems.push(Problem::missing(names(leaf)));
            return None;
        }
        match (field.default)(setting).and_then(|v| accept::<T, K>(&v, setting, field.validate).map(|()| v)) {
            Ok(value) => Some(value),
            Err(reason) => {
                let shown = Shown::default_of(setting, C::META.notation);
                self.out.problems.push(Problem::new(names(leaf), Origin::Default, shown, reason));
                None
            }
        }
    }
}

/// Calls `visit` with each name of the setting: its own (with `None`),
/// then each former name and variable (with the name).
pub(crate) fn for_each_key(leaf: &'static Leaf, mut visit: impl FnMut(Key, Option<&'static str>)) {
    visit(Key { path: &leaf.path, env: &leaf.env }, None);
    if leaf.aliases.is_empty() && leaf.env_aliases.is_empty() {
        return;
    }
    for alias in &leaf.aliases {
        visit(Key { path: alias, env: "" }, Some(alias));
    }
    for alias in &leaf.env_aliases {
        visit(Key { path: "", env: alias }, Some(alias));
    }
}

/// `(setting, full name, variable)` of a leaf, as a problem names it.
pub(crate) fn names(leaf: &'static Leaf) -> (&'static SettingMeta, &'static str, &'static str) {
    (leaf.setting, &leaf.path, &leaf.env)
}

/// A raw value as it may be shown in an error.
pub(crate) fn shown(setting: &SettingMeta, raw: &Raw<'_>, notation: crate::meta::Notation) -> Shown {
    match raw {
        Raw::Text(text) => match text.to_str() {
            Some(text) => Shown::text(setting, text),
            None => Shown::os(setting, text),
        },
        // Text is shown quoted, wherever it came from.
        Raw::Value(crate::value::Value::Str(text)) => Shown::text(setting, text),
        Raw::Value(value) => Shown::value(setting, value, notation),
        Raw::Unusable(what) => Shown::redacted_or(setting, || format!("({what})")),
    }
}

/// The warning for giving a deprecated setting a value, if it is deprecated.
pub(crate) fn deprecation(leaf: &'static Leaf, origin: &Origin) -> Option<Warning> {
    leaf.setting.deprecated.map(|d| Warning::Deprecated {
        setting: &leaf.path,
        variable: &leaf.env,
        origin: origin.clone(),
        since: d.since,
        replacement: d.replacement,
    })
}
