//! [`Schema`]: a root settings struct's every setting, its groups' included,
//! with its full name, variable and operations; built once per type, on
//! first use.

use std::collections::HashMap;
use std::mem::MaybeUninit;
use std::sync::OnceLock;

use crate::Settings;
use crate::field::Slot;
use crate::layer::{self, Key, Known};
use crate::meta::{Leaf, SettingMeta};

/// Every setting of `C` in load order (its own, then each group's), with
/// the operations that reach it in a `C`.
pub struct Schema<C: 'static> {
    /// The settings with their full names and variables.
    pub leaves: &'static [Leaf],
    /// Each setting's one name, for the loader's short way; `None` for a
    /// setting that also has former names.
    pub(crate) keys: &'static [Option<Key>],
    /// Where each is in a `C`, and its operations, in the same order. Not
    /// public: loading trusts that they reach every field of `C`.
    pub(crate) ops: Vec<Slot<C>>,
    /// Every name the settings go by.
    pub known: Known,
    index: layer::NameIndex<'static>,
    /// The defaults every load gives, as a `C`'s bytes, made on first load.
    template: OnceLock<Template>,
}

/// The bytes of a `C` whose fields at `covered` slots hold the default
/// every load gives them (see [`FieldOps::plain_default`]); the other bytes
/// are unspecified.
pub(crate) struct Template {
    pub(crate) bytes: Box<[MaybeUninit<u8>]>,
    pub(crate) covered: Box<[bool]>,
    /// Covered, and known by one name: a load that finds no value for it
    /// has nothing to do.
    pub(crate) done_if_absent: Box<[bool]>,
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
        let table = &C::__TABLE;
        assert!(table.complete, "`{}` cannot be used: its `#[derive(Settings)]` reported errors", C::META.name);
        let mut ops = table.fields.to_vec();
        for group in table.groups {
            ops.extend(group.slots());
        }
        assert_eq!(ops.len(), leaves.len(), "every setting has its operations");
        let keys = leaves.iter().map(|leaf| {
            let own = Key { path: &leaf.path, env: &leaf.env };
            (leaf.aliases.is_empty() && leaf.env_aliases.is_empty()).then_some(own)
        });
        let keys = Box::leak(keys.collect());
        let known = Known::new(leaves, prefixes, extra_env);
        Schema { leaves, keys, ops, known, index: layer::index(leaves), template: OnceLock::new() }
    }
}

impl<C> Schema<C> {
    /// The defaults every load gives, made on first use.
    pub(crate) fn template(&self) -> &Template {
        self.template.get_or_init(|| {
            let mut bytes = vec![MaybeUninit::uninit(); size_of::<C>()].into_boxed_slice();
            let covered = self.ops.iter().zip(self.leaves).map(|(slot, leaf)| {
                // SAFETY: the slot's field lies within the bytes of a `C`.
                unsafe {
                    slot.as_raw().ops.plain_default(leaf.setting, bytes.as_mut_ptr().add(slot.as_raw().offset).cast())
                }
            });
            let covered: Box<[bool]> = covered.collect();
            let done_if_absent =
                covered.iter().zip(self.keys).map(|(covered, key)| *covered && key.is_some()).collect();
            Template { bytes, covered, done_if_absent }
        })
    }

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
