//! The loading loop: for each setting, ask every layer (highest rank
//! first), keep the first value that parses and passes the setting's checks,
//! report every one that does not, and fall back to the default. Written
//! once for every struct: the fields are reached through the struct's table
//! of [`Slot`]s, and only parsing and checking a value is generic (over the
//! field's type, see [`Field`](crate::field::Field)).

use crate::error::{Problem, Reason, Shown, Warning};
use crate::field::{RawSlot, Slot};
use crate::layer::{Found, Key, Layer, Raw};
use crate::loaded::Origins;
use crate::meta::{Leaf, Notation, SettingMeta};
use crate::origin::Origin;
use crate::schema::{Schema, Template};

/// What one load met besides values: problems and warnings.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Warning>,
}

/// The state of one load: the layers, the settings' names, where each
/// value came from, and every problem and warning met on the way.
pub struct LoadCx<'a> {
    layers: &'a [&'a dyn Layer],
    leaves: &'static [Leaf],
    keys: &'static [Option<Key>],
    origins: &'a mut Origins,
    out: &'a mut Collected,
    notation: Notation,
}

/// What the layers held for a setting, besides the value they gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// A value was accepted (its origin is recorded).
    Found,
    /// Nothing usable, and at least one value was rejected (and reported).
    Rejected,
    /// Nothing usable, nothing rejected.
    Absent,
}

impl<'a> LoadCx<'a> {
    pub(crate) fn new(
        layers: &'a [&'a dyn Layer],
        leaves: &'static [Leaf],
        keys: &'static [Option<Key>],
        origins: &'a mut Origins,
        out: &'a mut Collected,
        notation: Notation,
    ) -> Self {
        LoadCx { layers, leaves, keys, origins, out, notation }
    }

    /// Offers `accept` every value the layers hold for the setting at
    /// `index`, highest layer first; `accept` says whether the value is
    /// one (`Ok(false)`: empty, meaning unset). The first accepted value's
    /// origin is recorded; rejected values, former names and deprecation
    /// are reported. `held` is what the layers hold under the setting's one
    /// name, already asked for (highest layer first); without it, the
    /// layers are asked under every name of the setting.
    fn find(
        &mut self,
        index: usize,
        held: Option<&mut dyn Iterator<Item = Found<'_>>>,
        accept: &mut dyn FnMut(&Raw<'_>) -> Result<bool, Reason>,
    ) -> Lookup {
        let mut lookup = Lookup::Absent;
        if let Some(held) = held {
            for found in held {
                self.offer(index, found, None, &mut lookup, accept);
            }
            return lookup;
        }
        let leaf = &self.leaves[index];
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
                self.offer(index, found, old, &mut lookup, accept);
            });
        }
        lookup
    }

    /// Reports the required setting at `index` as missing, unless the
    /// values it was given were rejected (and reported): once is enough.
    #[cold]
    fn missing(&mut self, index: usize, lookup: Lookup) {
        if lookup != Lookup::Rejected {
            self.out.problems.push(Problem::missing(names(&self.leaves[index])));
        }
    }

    /// Reports that the default of the setting at `index` cannot be used.
    #[cold]
    fn bad_default(&mut self, index: usize, reason: Reason) {
        let leaf = &self.leaves[index];
        let shown = Shown::default_of(leaf.setting, self.notation);
        self.out.problems.push(Problem::new(names(leaf), Origin::Default, shown, reason));
    }

    /// Records that the setting at `index` has its value from `origin`.
    fn accepted(&mut self, index: usize, origin: Origin) {
        let leaf = &self.leaves[index];
        if leaf.setting.deprecated.is_some() {
            self.out.warnings.extend(deprecation(leaf, &origin));
        }
        self.origins.push(index, origin, self.leaves);
    }

    /// Reports the value `found` of the setting at `index` as rejected.
    #[cold]
    fn rejected(&mut self, index: usize, found: Found<'_>, reason: Reason) {
        let leaf = &self.leaves[index];
        let shown = shown(leaf.setting, &found.raw, self.notation);
        self.out.problems.push(Problem::new(names(leaf), found.origin, shown, reason));
    }

    /// Offers `accept` one value a layer holds, under the setting's own
    /// name or the former name `old`.
    fn offer(
        &mut self,
        index: usize,
        found: Found<'_>,
        old: Option<&'static str>,
        lookup: &mut Lookup,
        accept: &mut dyn FnMut(&Raw<'_>) -> Result<bool, Reason>,
    ) {
        match accept(&found.raw) {
            Ok(true) => {
                if let Some(old) = old {
                    let leaf = &self.leaves[index];
                    let (setting, origin) = (&*leaf.path, found.origin.clone());
                    self.out.warnings.push(Warning::Renamed { old, setting, origin });
                }
                if *lookup != Lookup::Found {
                    self.accepted(index, found.origin);
                    *lookup = Lookup::Found;
                }
            }
            Ok(false) => {}
            Err(reason) => {
                self.rejected(index, found, reason);
                if *lookup == Lookup::Absent {
                    *lookup = Lookup::Rejected;
                }
            }
        }
    }
}

/// Loads a struct `C` whose settings are the schema's (every field of `C`,
/// see [`Table::new`](crate::field::Table::new)) into `values`. Returns
/// whether every setting has a value, and so `values` is initialised;
/// otherwise nothing is left to drop there, and the reasons are reported.
///
/// # Safety
///
/// `values` is valid for writing a `C`.
pub(crate) unsafe fn load_struct<C>(cx: &mut LoadCx<'_>, schema: &Schema<C>, values: *mut C) -> bool {
    let template = schema.template();
    let base = values.cast::<u8>();
    // SAFETY: the template is a `C`'s bytes; the slots reach every field of
    // `C` (the table's contract), so when each wrote a value, `values` is
    // initialised.
    unsafe {
        std::ptr::copy_nonoverlapping(template.bytes.as_ptr().cast::<u8>(), base, size_of::<C>());
        load_fields(cx, Slot::raw(&schema.ops), template, base)
    }
}

/// Loads every field of a struct at `base`. Returns whether every field
/// has a value; when one has none, those written are dropped again. Every
/// field is loaded either way, so that every problem is reported.
///
/// # Safety
///
/// Each slot's offset from `base` is a field of the slot's type, and no two
/// slots share a field; a field is uninitialised, except one whose slot is
/// `covered`, which holds its plain default.
unsafe fn load_fields(cx: &mut LoadCx<'_>, slots: &[RawSlot], template: &Template, base: *mut u8) -> bool {
    let layers = cx.layers;
    let keys = cx.keys;
    let (covered, done_if_absent) = (&*template.covered, &*template.done_if_absent);
    let mut fields = Fields { cx, slots, covered, done_if_absent, base, written: 0, complete: true };
    // Each layer is asked once for every setting known by one name (the
    // usual case): a layer asked many things at once answers faster.
    if let [layer] = layers {
        // One layer: its values come in the settings' order, and are
        // loaded as they come.
        let mut next = 0;
        layer.get_each(keys, &mut |index, found| {
            // A layer may be anyone's: an answer out of order, twice, or
            // for a key not asked is ignored, not trusted, since each field
            // is written once, in order.
            if index < next || keys.get(index).is_none_or(Option::is_none) {
                return;
            }
            // SAFETY: the function's contract.
            unsafe {
                fields.absent(next..index);
                fields.found(index, found);
            }
            next = index + 1;
        });
        // SAFETY: the function's contract.
        unsafe { fields.absent(next..slots.len()) };
    } else {
        let mut held: Vec<(usize, usize, Found<'_>)> = Vec::new();
        for (from_top, layer) in layers.iter().rev().enumerate() {
            layer.get_each(keys, &mut |index, found| {
                if keys.get(index).is_some_and(Option::is_some) {
                    held.push((index, from_top, found));
                }
            });
        }
        held.sort_by_key(|&(index, from_top, _)| (index, from_top));
        let mut held = held.into_iter().peekable();
        for index in 0..slots.len() {
            let mut mine = std::iter::from_fn(|| held.next_if(|(at, _, _)| *at == index).map(|(_, _, f)| f));
            // SAFETY: the function's contract.
            unsafe { fields.held(index, &mut mine) };
        }
    }
    fields.finish()
}

/// The fields of a struct being loaded, in order.
struct Fields<'a, 'cx> {
    cx: &'a mut LoadCx<'cx>,
    slots: &'a [RawSlot],
    covered: &'a [bool],
    done_if_absent: &'a [bool],
    base: *mut u8,
    /// How many fields have a value, before the first that has none.
    written: usize,
    complete: bool,
}

impl<'a> Fields<'a, '_> {
    /// Loads the fields at `indices`, which no layer holds under their one
    /// name.
    ///
    /// # Safety
    ///
    /// As [`load_fields`], for those fields.
    #[inline]
    unsafe fn absent(&mut self, indices: std::ops::Range<usize>) {
        for index in indices {
            if self.done_if_absent[index] {
                // The default is already there, and owns nothing: nothing
                // to drop if a setting before it had no value.
                self.written += usize::from(self.complete);
            } else {
                // SAFETY: the function's contract.
                unsafe { self.absent_one(index) };
            }
        }
    }

    /// Loads the field at `index`, which no layer holds under its one name
    /// (or which has other names too).
    ///
    /// # Safety
    ///
    /// As [`load_fields`], for the field at `index`.
    #[inline(never)]
    unsafe fn absent_one(&mut self, index: usize) {
        let (slot, field) = self.field(index);
        let loaded = if self.cx.keys[index].is_none() {
            // SAFETY: the function's contract.
            unsafe { load_found(self.cx, index, slot, field, None) }
        } else if self.covered[index] {
            // The default is already there.
            true
        } else {
            // SAFETY: the function's contract.
            unsafe { default_field(self.cx, index, slot, field, Lookup::Absent) }
        };
        self.done(index, loaded);
    }

    /// Loads the field at `index` from the one value its one layer holds.
    ///
    /// # Safety
    ///
    /// As [`absent`](Self::absent).
    unsafe fn found(&mut self, index: usize, found: Found<'_>) {
        let (slot, field) = self.field(index);
        let cx = &mut *self.cx;
        let setting = cx.leaves[index].setting;
        // SAFETY: the function's contract (a plain default needs no drop
        // before it is written over).
        let loaded = match unsafe { slot.ops.parse_into(&found.raw, setting, Some(field)) } {
            Ok(true) => {
                cx.accepted(index, found.origin);
                true
            }
            // SAFETY: as above (nothing was written).
            Ok(false) => unsafe { default_field(cx, index, slot, field, Lookup::Absent) },
            Err(reason) => {
                cx.rejected(index, found, reason);
                // SAFETY: as above.
                unsafe { default_field(cx, index, slot, field, Lookup::Rejected) }
            }
        };
        self.done(index, loaded);
    }

    /// Loads the field at `index` from what the layers hold under its one
    /// name (`held`, highest layer first).
    ///
    /// # Safety
    ///
    /// As [`absent`](Self::absent).
    unsafe fn held(&mut self, index: usize, held: &mut dyn Iterator<Item = Found<'_>>) {
        let mut held = held.peekable();
        if held.peek().is_none() {
            // SAFETY: the function's contract.
            return unsafe { self.absent(index..index + 1) };
        }
        let (slot, field) = self.field(index);
        // SAFETY: the function's contract.
        let loaded = unsafe { load_found(self.cx, index, slot, field, Some(&mut held)) };
        self.done(index, loaded);
    }

    fn field(&self, index: usize) -> (&'a RawSlot, *mut u8) {
        let slot = &self.slots[index];
        (slot, self.base.wrapping_add(slot.offset))
    }

    fn done(&mut self, index: usize, loaded: bool) {
        match (loaded, self.complete) {
            (true, true) => self.written += 1,
            // After a setting with no value, the others are loaded only to
            // report their problems.
            (true, false) => {
                let (slot, field) = self.field(index);
                // SAFETY: just written.
                unsafe { slot.ops.drop_in_place(field) };
            }
            (false, _) => self.complete = false,
        }
    }

    /// Whether every field has a value; if not, the values written are
    /// dropped.
    fn finish(mut self) -> bool {
        if self.complete {
            // The struct owns them now.
            self.written = 0;
        }
        self.complete
    }
}

impl Drop for Fields<'_, '_> {
    /// Drops the values written, when the load fails or a validator or
    /// default panics.
    fn drop(&mut self) {
        for slot in &self.slots[..self.written] {
            // SAFETY: these fields were written (counted when written).
            unsafe { slot.ops.drop_in_place(self.base.wrapping_add(slot.offset)) };
        }
    }
}

/// Loads one field into `field` (uninitialised): the value of the highest
/// layer that has a good one (`held`, see [`LoadCx::find`]), else its
/// default. Returns `false`, writing nothing, when there is no value at all
/// (a required setting nobody set, a default that cannot be built), which
/// is reported.
///
/// # Safety
///
/// `field` is an uninitialised field of the slot's type.
#[inline(never)]
unsafe fn load_found(
    cx: &mut LoadCx<'_>,
    index: usize,
    slot: &RawSlot,
    field: *mut u8,
    held: Option<&mut dyn Iterator<Item = Found<'_>>>,
) -> bool {
    let setting = cx.leaves[index].setting;
    let mut written = false;
    let lookup = cx.find(index, held, &mut |raw| {
        // The first value accepted is written; the others are checked only.
        let out = (!written).then_some(field);
        // SAFETY: `field` is the slot's, uninitialised until written.
        let accepted = unsafe { slot.ops.parse_into(raw, setting, out) }?;
        written |= accepted;
        Ok(accepted)
    });
    // SAFETY: the function's contract (and nothing was written).
    written || unsafe { default_field(cx, index, slot, field, lookup) }
}

/// Gives the field its default, or reports why it has none.
///
/// # Safety
///
/// As [`load_found`].
#[inline]
unsafe fn default_field(cx: &mut LoadCx<'_>, index: usize, slot: &RawSlot, field: *mut u8, lookup: Lookup) -> bool {
    let setting = cx.leaves[index].setting;
    if setting.required {
        cx.missing(index, lookup);
        return false;
    }
    // SAFETY: the function's contract.
    match unsafe { slot.ops.default_into(setting, field) } {
        Ok(()) => true,
        Err(reason) => {
            cx.bad_default(index, reason);
            false
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
pub(crate) fn shown(setting: &SettingMeta, raw: &Raw<'_>, notation: Notation) -> Shown {
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::meta::{Kind, SettingMeta, ValueType};
    use crate::{Importable, Reason, SettingValue, Settings, Value, register, registry};

    static CHECKED: AtomicUsize = AtomicUsize::new(0);

    fn counted(seconds: &u32) -> Result<(), String> {
        CHECKED.fetch_add(1, Ordering::SeqCst);
        if *seconds > 0 { Ok(()) } else { Err("must not be 0".to_owned()) }
    }

    #[derive(Clone, Settings)]
    #[settings(env_prefix = "LOAD_TEST_")]
    struct Validated {
        #[setting(default = 5, validate = counted)]
        seconds: u32,
    }

    /// A default is read once per process, but a validator may look beyond
    /// the value (a file that must exist): it runs at every load.
    #[test]
    fn a_validator_runs_at_every_load_on_a_remembered_default() {
        let before = CHECKED.load(Ordering::SeqCst);
        for _ in 0..3 {
            assert_eq!(Validated::defaults().unwrap().seconds, 5);
        }
        assert_eq!(CHECKED.load(Ordering::SeqCst) - before, 3);
    }

    pub trait Backend: Sync {
        fn name(&self) -> &'static str;
    }
    struct Fast;
    impl Backend for Fast {
        fn name(&self) -> &'static str {
            "fast"
        }
    }
    struct Safe;
    impl Backend for Safe {
        fn name(&self) -> &'static str {
            "safe"
        }
    }
    registry!(dyn Backend => { "load_test.Safe" => &Safe });

    #[derive(Clone, Settings)]
    #[settings(env_prefix = "LOAD_TEST_")]
    struct Preferring {
        /// The first choice is not registered yet: a later registration
        /// changes what the default resolves to.
        #[setting(default = ["load_test.Fast", "load_test.Safe"])]
        backend: Importable<dyn Backend>,
        /// The first choice is registered: it resolves so for good.
        #[setting(default = ["load_test.Safe", "load_test.Fast"])]
        stable: Importable<dyn Backend>,
    }

    /// A default resolved to a later choice is resolved again at the next
    /// load: registering an earlier one changes it.
    #[test]
    fn a_default_that_resolved_to_a_later_choice_is_resolved_again() {
        let first = Preferring::defaults().unwrap();
        assert_eq!((first.backend.name(), first.stable.name()), ("safe", "safe"));
        register::<dyn Backend>("load_test.Fast", &Fast).unwrap();
        let then = Preferring::defaults().unwrap();
        assert_eq!((then.backend.name(), then.stable.name()), ("fast", "safe"));
    }

    // Counted on each thread: the test the derive writes beside a struct
    // makes and drops values too, on its own thread.
    thread_local! {
        static BUILT: Cell<usize> = const { Cell::new(0) };
        static DROPPED: Cell<usize> = const { Cell::new(0) };
    }

    fn count(counter: &'static std::thread::LocalKey<Cell<usize>>) -> usize {
        counter.with(Cell::get)
    }

    fn add(counter: &'static std::thread::LocalKey<Cell<usize>>) {
        counter.with(|c| c.set(c.get() + 1));
    }

    /// A value that counts how many are made and dropped.
    #[derive(Debug, PartialEq)]
    struct Counted(String);

    impl Clone for Counted {
        fn clone(&self) -> Self {
            add(&BUILT);
            Counted(self.0.clone())
        }
    }

    impl Drop for Counted {
        fn drop(&mut self) {
            add(&DROPPED);
        }
    }

    impl SettingValue for Counted {
        const TYPE: ValueType = ValueType::of(Kind::String);
        type Inner = Counted;

        fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
            add(&BUILT);
            Ok(Counted(text.to_owned()))
        }

        fn to_value(&self) -> Value {
            Value::Str(self.0.clone())
        }

        fn inner(&self) -> Option<&Counted> {
            Some(self)
        }
    }

    #[derive(Clone, Settings)]
    #[settings(env_prefix = "LOAD_TEST_")]
    struct Incomplete {
        #[setting(default = "before")]
        before: Counted,
        #[setting(required)]
        missing: u32,
        #[setting(default = "after")]
        after: Counted,
    }

    /// A load that fails drops every value it made, before the setting
    /// with no value and after it.
    #[test]
    fn a_load_that_fails_drops_every_value_it_made() {
        let (built, dropped) = (count(&BUILT), count(&DROPPED));
        let problems = Incomplete::defaults().expect_err("a required setting is missing");
        assert_eq!(problems.len(), 1);
        let (built, dropped) = (count(&BUILT) - built, count(&DROPPED) - dropped);
        assert_eq!(built, 2, "both defaults were made");
        assert_eq!(dropped, built, "and both dropped");
    }

    /// The derive's code has `unsafe` blocks (the table of offsets), which
    /// a crate that forbids unsafe code must still accept.
    #[forbid(unsafe_code)]
    mod forbidding {
        #[derive(Clone, crate::Settings)]
        #[settings(env_prefix = "LOAD_TEST_")]
        pub(super) struct Plain {
            #[setting(default = 3)]
            pub(super) retries: u8,
        }
    }

    #[test]
    fn a_crate_that_forbids_unsafe_code_can_derive() {
        assert_eq!(forbidding::Plain::defaults().unwrap().retries, 3);
    }
}
