//! [`Schema`]: a root settings struct's every setting, its groups' included,
//! with its full name, variable and operations; built once per type, on
//! first use.

use std::collections::HashMap;

use crate::Settings;
use crate::error::Reason;
use crate::field::FieldOps;
use crate::layer::{self, Known, Raw};
use crate::meta::{Leaf, SettingMeta};
use crate::value::Value;

/// Every setting of `C` in load order (its own, then each group's), with
/// the operations that reach it in a `C`.
pub struct Schema<C: 'static> {
    /// The settings with their full names and variables.
    pub leaves: &'static [Leaf],
    /// Their operations, in the same order.
    pub ops: Vec<&'static dyn FieldOps<C>>,
    /// Every name the settings go by.
    pub known: Known,
    index: HashMap<&'static str, usize>,
}

impl<C: Settings> Schema<C> {
    /// The schema of `C`, from its metadata and the derive's operations.
    pub fn build() -> Self {
        // Built once per type and kept for the life of the program (the
        // derive stores it in a static), so its names are `'static`.
        let tree = C::META.tree();
        let prefixes = tree.prefixes();
        let extra_env = tree.known_env();
        let leaves = tree.into_leaves();
        if let Some(clash) = clash(&leaves) {
            panic!("the settings of `{}` cannot be told apart: {clash}", C::META.name);
        }
        let leaves: &'static [Leaf] = Box::leak(leaves.into_boxed_slice());
        let mut ops: Vec<&'static dyn FieldOps<C>> = C::__OPS.to_vec();
        for group in C::__GROUPS {
            ops.extend(group.ops());
        }
        debug_assert_eq!(ops.len(), leaves.len(), "every setting has its operations");
        Schema { leaves, ops, known: Known::new(leaves, prefixes, extra_env), index: layer::index(leaves) }
    }
}

impl<C> Schema<C> {
    /// The position of the setting called `name` (its full name, or a
    /// former one).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// `(setting, full name, variable)` of the setting at `index`, as
    /// errors name it.
    pub fn names(&self, index: usize) -> (&'static SettingMeta, &'static str, &'static str) {
        let leaf = &self.leaves[index];
        (leaf.setting, &leaf.path, &leaf.env)
    }
}

/// Two settings that share a name or a variable: a setting whose name
/// holds `_` and a nested one can meet in a variable (`database_pool_size`
/// and `database.pool_size` both read `APP_DATABASE_POOL_SIZE`). A struct
/// with such a pair is a mistake in the program, found on first use and by
/// the test the derive generates.
fn clash(leaves: &[Leaf]) -> Option<String> {
    let mut names = HashMap::new();
    let mut variables = HashMap::new();
    for leaf in leaves {
        for name in std::iter::once(&leaf.path).chain(&leaf.aliases) {
            if let Some(other) = names.insert(name.as_ref(), &leaf.path) {
                return Some(format!("`{other}` and `{}` are both named `{name}`", leaf.path));
            }
        }
        for var in std::iter::once(&leaf.env).chain(&leaf.env_aliases) {
            if let Some(other) = variables.insert(var.as_ref(), &leaf.path) {
                return Some(format!(
                    "`{other}` and `{}` both read the variable {var}: rename one, or give the group another `env_prefix`",
                    leaf.path
                ));
            }
        }
    }
    None
}

/// A nested group of a struct `P`: how to reach the group's struct, whose
/// operations become `P`'s.
pub trait GroupOps<P>: Sync {
    /// The group's settings' operations, reaching them through `P`.
    fn ops(&'static self) -> Vec<&'static dyn FieldOps<P>>;
}

/// A field of `P` whose type `G` is a settings struct.
pub struct Group<P, G> {
    /// The field.
    pub get: fn(&P) -> &G,
    /// The field, to change it.
    pub get_mut: fn(&mut P) -> &mut G,
}

impl<P: 'static, G: Settings> GroupOps<P> for Group<P, G> {
    fn ops(&'static self) -> Vec<&'static dyn FieldOps<P>> {
        // Built once per root type (in its schema), so leaking is bounded.
        G::__schema()
            .ops
            .iter()
            .map(|&inner| &*Box::leak(Box::new(Projected { group: self, inner })) as &'static dyn FieldOps<P>)
            .collect()
    }
}

/// An operation of a group's setting, reached through the parent.
struct Projected<P: 'static, G: 'static> {
    group: &'static Group<P, G>,
    inner: &'static dyn FieldOps<G>,
}

impl<P, G> FieldOps<P> for Projected<P, G> {
    fn set(&self, values: &mut P, value: Value, setting: &'static SettingMeta) -> Result<(), Reason> {
        self.inner.set((self.group.get_mut)(values), value, setting)
    }

    fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason> {
        self.inner.check_raw(raw, setting)
    }

    fn reset(&self, values: &mut P, setting: &'static SettingMeta) -> Result<(), Reason> {
        self.inner.reset((self.group.get_mut)(values), setting)
    }

    fn get(&self, values: &P) -> Value {
        self.inner.get((self.group.get)(values))
    }

    fn check(&self, new: &P, old: &P, setting: &'static SettingMeta) -> Result<bool, Reason> {
        self.inner.check((self.group.get)(new), (self.group.get)(old), setting)
    }

    fn same(&self, a: &P, b: &P) -> bool {
        self.inner.same((self.group.get)(a), (self.group.get)(b))
    }

    fn copy(&self, from: &P, to: &mut P) {
        self.inner.copy((self.group.get)(from), (self.group.get_mut)(to));
    }

    fn span(&self, values: &P) -> (usize, usize) {
        self.inner.span((self.group.get)(values))
    }
}
