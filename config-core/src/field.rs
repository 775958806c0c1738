//! One field of a settings struct, as the generic code sees it: how its
//! value is read ([`Codec`]), reached, defaulted and checked ([`Field`]),
//! and the type-erased operations by name ([`FieldOps`]).

use std::ffi::OsStr;
use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::Settings;
use crate::error::Reason;
use crate::layer::Raw;
use crate::meta::{Check, Kind, SettingMeta};
use crate::parse;
use crate::value::{Lit, Sealed, SettingValue, Value, mismatch};

/// A user validator, called with the value (the `T` of an `Option<T>`).
pub type Validate<I> = fn(&I) -> Result<(), String>;

/// A field's default, built from its attribute.
pub type MakeDefault<T> = fn(&'static SettingMeta) -> Result<T, Reason>;

/// How a field's values are read and shown: through the type's
/// [`SettingValue`] ([`Native`]), or through `FromStr` and `Display`
/// ([`ViaFromStr`], for `#[setting(from_str)]`), possibly in an `Option` or
/// a `Vec`.
pub trait Codec<T>: Sync + 'static {
    /// What validators see.
    type Inner: ?Sized;
    /// Parses raw environment text.
    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<T, Reason>;
    /// Parses text.
    fn parse(text: &str, setting: &'static SettingMeta) -> Result<T, Reason>;
    /// Converts a typed value.
    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<T, Reason>;
    /// The value as a [`Value`].
    fn to_value(value: &T) -> Value;
    /// What validators check, if there is a value.
    fn inner(value: &T) -> Option<&Self::Inner>;
    /// The value of a literal default.
    fn from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<T, Reason> {
        match lit {
            Lit::Str(text) => Self::parse(text, setting),
            other => Self::from_value(other.to_value(), setting),
        }
    }
    /// The value of a literal default, and whether reading it again would
    /// give the same value (then it is read once per process).
    fn from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(T, bool), Reason> {
        Self::from_lit(lit, setting).map(|value| (value, false))
    }
    /// Whether the value owns nothing (see `SettingValue::__is_plain`).
    #[doc(hidden)]
    fn is_plain(_: &T, _: Sealed) -> bool {
        false
    }
}

/// The codec of a type that implements [`SettingValue`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Native;

impl<T: SettingValue> Codec<T> for Native {
    type Inner = T::Inner;

    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<T, Reason> {
        T::parse_os(raw, setting)
    }

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<T, Reason> {
        T::parse(text, setting)
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<T, Reason> {
        T::from_value(value, setting)
    }

    fn to_value(value: &T) -> Value {
        value.to_value()
    }

    fn inner(value: &T) -> Option<&T::Inner> {
        value.inner()
    }

    fn from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<T, Reason> {
        T::__from_lit(lit, setting)
    }

    fn from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(T, bool), Reason> {
        T::__from_lit_once(lit, setting)
    }

    fn is_plain(value: &T, sealed: Sealed) -> bool {
        value.__is_plain(sealed)
    }
}

/// The codec of a type read with `FromStr` (from trimmed text) and shown
/// with `Display`: `#[setting(from_str)]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ViaFromStr;

impl<T> Codec<T> for ViaFromStr
where
    T: FromStr + Display + Clone + PartialEq + Send + Sync + 'static,
    T::Err: Display,
{
    type Inner = T;

    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<T, Reason> {
        raw.to_str().ok_or_else(|| Reason::new("not valid UTF-8")).and_then(|text| Self::parse(text, setting))
    }

    fn parse(text: &str, _: &'static SettingMeta) -> Result<T, Reason> {
        T::from_str(parse::trim(text)).map_err(|e| Reason::new(e.to_string()))
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<T, Reason> {
        match value {
            Value::Str(text) => Self::parse(&text, setting),
            Value::Int(_) | Value::UInt(_) | Value::Float(_) | Value::Bool(_) => {
                Self::parse(&value.display(Kind::Custom, crate::meta::Notation::Rust).to_string(), setting)
            }
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(value: &T) -> Value {
        Value::Str(value.to_string())
    }

    fn inner(value: &T) -> Option<&T> {
        Some(value)
    }
}

/// The codec of an `Option` of values read by `K`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionOf<K>(PhantomData<K>);

impl<T, K: Codec<T>> Codec<Option<T>> for OptionOf<K> {
    type Inner = K::Inner;

    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
        K::parse_os(raw, setting).map(Some)
    }

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
        K::parse(text, setting).map(Some)
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
        match value {
            Value::None => Ok(None),
            other => K::from_value(other, setting).map(Some),
        }
    }

    fn to_value(value: &Option<T>) -> Value {
        value.as_ref().map_or(Value::None, K::to_value)
    }

    fn inner(value: &Option<T>) -> Option<&K::Inner> {
        value.as_ref().and_then(K::inner)
    }

    fn from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
        match lit {
            Lit::None => Ok(None),
            lit => K::from_lit(lit, setting).map(Some),
        }
    }

    fn from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(Option<T>, bool), Reason> {
        match lit {
            Lit::None => Ok((None, true)),
            lit => K::from_lit_once(lit, setting).map(|(value, once)| (Some(value), once)),
        }
    }

    fn is_plain(value: &Option<T>, sealed: Sealed) -> bool {
        value.as_ref().is_none_or(|value| K::is_plain(value, sealed))
    }
}

/// The codec of a list of values read by `K`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListOf<K>(PhantomData<K>);

impl<T, K: Codec<T>> Codec<Vec<T>> for ListOf<K> {
    type Inner = [T];

    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<Vec<T>, Reason> {
        raw.to_str().ok_or_else(|| Reason::new("not valid UTF-8")).and_then(|text| Self::parse(text, setting))
    }

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Vec<T>, Reason> {
        let each = |(i, item): (usize, &str)| K::parse(item, setting).map_err(|r| r.in_item(i));
        match setting.rules.list_items {
            crate::meta::ListItems::Trimmed => parse::list_items_trimmed(text).enumerate().map(each).collect(),
            crate::meta::ListItems::AsGiven => parse::list_items_as_given(text).enumerate().map(each).collect(),
        }
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Vec<T>, Reason> {
        match value {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| K::from_value(v, setting).map_err(|r| r.in_item(i)))
                .collect(),
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(value: &Vec<T>) -> Value {
        Value::List(value.iter().map(K::to_value).collect())
    }

    fn inner(value: &Vec<T>) -> Option<&[T]> {
        Some(value)
    }

    fn from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<Vec<T>, Reason> {
        match lit {
            Lit::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| K::from_lit(Lit::Str(item), setting).map_err(|r| r.in_item(i)))
                .collect(),
            Lit::Str(text) => Self::parse(text, setting),
            other => Self::from_value(other.to_value(), setting),
        }
    }
}

/// How a field gets its value when no source gives one.
pub enum DefaultOf<T> {
    /// A literal (`default = 0.5`, `default = ["a", "b"]`), read by the
    /// field's codec. A literal that reads the same every time (see
    /// [`Codec::from_lit_once`]) is read and checked once per process.
    Lit(Lit),
    /// Built by a function: an expression default, or the type's
    /// `Default`.
    Make(MakeDefault<T>),
    /// `required`: there is none.
    Required,
}

/// One field of a settings struct, typed: how its default is built and
/// its value validated. The derive emits one `static` of these per field,
/// and a [`Slot`] that says where the field is; everything done to a field
/// is done through them, by generic code (one instance per field *type*).
pub struct Field<T, K: Codec<T> = Native> {
    default: DefaultOf<T>,
    validate: Option<Validate<K::Inner>>,
    /// The literal default, once read and checked.
    once: OnceLock<T>,
    codec: PhantomData<K>,
}

impl<T, K: Codec<T>> Field<T, K> {
    /// A field with this default and validator.
    pub const fn new(default: DefaultOf<T>, validate: Option<Validate<K::Inner>>) -> Self {
        Field { default, validate, once: OnceLock::new(), codec: PhantomData }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static, K: Codec<T>> Field<T, K> {
    /// The value of a raw value, checked: `None` when it is empty and an
    /// empty value means "unset".
    fn parse(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
        let checked = parse_raw::<T, K>(raw, setting).and_then(|value| {
            if let Some(value) = &value {
                accept::<T, K>(value, setting, self.validate)?;
            }
            Ok(value)
        });
        checked.map_err(|reason| keep_secret(reason, raw_text(raw).as_deref(), setting))
    }

    /// The default, checked.
    fn default_value(&self, setting: &'static SettingMeta) -> Result<T, Reason> {
        let value = match &self.default {
            DefaultOf::Lit(lit) => match self.once.get() {
                Some(value) => value.clone(),
                None => {
                    let (value, same_every_time) = K::from_lit_once(*lit, setting)?;
                    builtin_checks::<T, K>(&value, setting)?;
                    if same_every_time {
                        let _ = self.once.set(value.clone());
                    }
                    value
                }
            },
            DefaultOf::Make(make) => {
                let value = make(setting)?;
                builtin_checks::<T, K>(&value, setting)?;
                value
            }
            DefaultOf::Required => return Err(Reason::new("the setting is required and has no default")),
        };
        // A validator may look beyond the value (a file that must exist),
        // so it runs at every load, on a remembered default too.
        validate::<T, K>(&value, self.validate)?;
        Ok(value)
    }
}

/// What generic code does to one field, with the field's type erased: the
/// field is reached through a pointer into its struct (see [`Slot`]).
///
/// # Safety
///
/// Every method taking a pointer requires it to point to a field of the
/// implementing type's `T` (initialised, except `load`'s `out`), valid for
/// the access (reads through `*const`, writes through `*mut`).
pub trait FieldOps: Sync {
    /// Parses and checks a raw value, and writes it to `out` (uninitialised)
    /// if given: `Ok(false)`, writing nothing, when it is empty and an empty
    /// value means "unset".
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn parse_into(
        &self,
        raw: &Raw<'_>,
        setting: &'static SettingMeta,
        out: Option<*mut u8>,
    ) -> Result<bool, Reason>;
    /// Builds and checks the default, and writes it to `out`
    /// (uninitialised).
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn default_into(&self, setting: &'static SettingMeta, out: *mut u8) -> Result<(), Reason>;
    /// Writes the default's bytes to `out` (unaligned), if every load
    /// gives the field this very value and it owns nothing (a copy of its
    /// bytes is then the value): a default that is read once, is
    /// plain, and has no validator to run. Says whether it wrote.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn plain_default(&self, setting: &'static SettingMeta, out: *mut u8) -> bool;
    /// Converts, validates and stores a value; on error the field is unchanged.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn set(&self, field: *mut u8, value: Value, setting: &'static SettingMeta) -> Result<(), Reason>;
    /// Parses and checks a raw value without storing it: `Ok(false)` when
    /// it is empty and an empty value means "unset".
    fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason>;
    /// Restores the default.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn reset(&self, field: *mut u8, setting: &'static SettingMeta) -> Result<(), Reason>;
    /// The current value.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn get(&self, field: *const u8) -> Value;
    /// Whether the field at `new` differs from the one at `old`, after
    /// checking it.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn check(&self, new: *const u8, old: *const u8, setting: &'static SettingMeta) -> Result<bool, Reason>;
    /// Whether the two fields hold the same value.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn same(&self, a: *const u8, b: *const u8) -> bool;
    /// Copies the value at `from` over the one at `to`.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn copy(&self, from: *const u8, to: *mut u8);
    /// Drops the value.
    ///
    /// # Safety
    ///
    /// The pointers are fields of the implementing type's `T`, as the
    /// trait says.
    unsafe fn drop_in_place(&self, field: *mut u8);
    /// The size of the field's type.
    fn size(&self) -> usize;
}

impl<T: Clone + PartialEq + Send + Sync + 'static, K: Codec<T>> FieldOps for Field<T, K> {
    unsafe fn parse_into(
        &self,
        raw: &Raw<'_>,
        setting: &'static SettingMeta,
        out: Option<*mut u8>,
    ) -> Result<bool, Reason> {
        let Some(value) = self.parse(raw, setting)? else { return Ok(false) };
        if let Some(out) = out {
            // SAFETY: `out` points to an uninitialised `T` (the trait's contract).
            unsafe { out.cast::<T>().write(value) };
        }
        Ok(true)
    }

    unsafe fn default_into(&self, setting: &'static SettingMeta, out: *mut u8) -> Result<(), Reason> {
        // The usual case, kept short: a default read before, no validator.
        if let (Some(value), None) = (self.once.get(), self.validate) {
            // SAFETY: `out` points to an uninitialised `T` (the trait's contract).
            unsafe { out.cast::<T>().write(value.clone()) };
            return Ok(());
        }
        let value = self.default_value(setting)?;
        // SAFETY: `out` points to an uninitialised `T` (the trait's contract).
        unsafe { out.cast::<T>().write(value) };
        Ok(())
    }

    unsafe fn plain_default(&self, setting: &'static SettingMeta, out: *mut u8) -> bool {
        if self.validate.is_some() || !matches!(self.default, DefaultOf::Lit(_)) {
            return false;
        }
        if self.once.get().is_none() {
            // Remembered if it reads the same every time.
            let _ = self.default_value(setting);
        }
        match self.once.get() {
            Some(value) if K::is_plain(value, Sealed) => {
                // SAFETY: `out` has room for a `T` (the trait's contract);
                // the bytes of a plain value are a value.
                unsafe { std::ptr::copy_nonoverlapping(std::ptr::from_ref(value).cast::<u8>(), out, size_of::<T>()) };
                true
            }
            _ => false,
        }
    }

    unsafe fn set(&self, field: *mut u8, value: Value, setting: &'static SettingMeta) -> Result<(), Reason> {
        let text = match (&value, setting.secret) {
            (Value::Str(text), true) => Some(text.clone()),
            _ => None,
        };
        let new = K::from_value(value, setting)
            .and_then(|new| accept::<T, K>(&new, setting, self.validate).map(|()| new))
            .map_err(|reason| keep_secret(reason, text.as_deref(), setting))?;
        // SAFETY: `field` points to a `T` (the trait's contract).
        unsafe { *field.cast::<T>() = new };
        Ok(())
    }

    fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason> {
        self.parse(raw, setting).map(|value| value.is_some())
    }

    unsafe fn reset(&self, field: *mut u8, setting: &'static SettingMeta) -> Result<(), Reason> {
        let new = self.default_value(setting)?;
        // SAFETY: `field` points to a `T` (the trait's contract).
        unsafe { *field.cast::<T>() = new };
        Ok(())
    }

    unsafe fn get(&self, field: *const u8) -> Value {
        // SAFETY: `field` points to a `T` (the trait's contract).
        K::to_value(unsafe { &*field.cast::<T>() })
    }

    unsafe fn check(&self, new: *const u8, old: *const u8, setting: &'static SettingMeta) -> Result<bool, Reason> {
        // SAFETY: both point to a `T` (the trait's contract).
        let (new, old) = unsafe { (&*new.cast::<T>(), &*old.cast::<T>()) };
        if new == old {
            return Ok(false);
        }
        accept::<T, K>(new, setting, self.validate).map(|()| true)
    }

    unsafe fn same(&self, a: *const u8, b: *const u8) -> bool {
        // SAFETY: both point to a `T` (the trait's contract).
        unsafe { *a.cast::<T>() == *b.cast::<T>() }
    }

    unsafe fn copy(&self, from: *const u8, to: *mut u8) {
        // SAFETY: both point to a `T` (the trait's contract).
        unsafe { (*to.cast::<T>()).clone_from(&*from.cast::<T>()) };
    }

    unsafe fn drop_in_place(&self, field: *mut u8) {
        // SAFETY: `field` points to a `T` (the trait's contract).
        unsafe { std::ptr::drop_in_place(field.cast::<T>()) };
    }

    fn size(&self) -> usize {
        size_of::<T>()
    }
}

/// Where a setting is in a struct `C`, and its operations: the entry of a
/// struct's table.
#[repr(transparent)]
pub struct Slot<C> {
    raw: RawSlot,
    _struct: PhantomData<fn(&C)>,
}

/// A [`Slot`] without its struct's type, for the loading loop (written once
/// for every struct).
#[derive(Clone, Copy)]
pub(crate) struct RawSlot {
    pub(crate) offset: usize,
    pub(crate) ops: &'static dyn FieldOps,
}

impl<C> Clone for Slot<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Slot<C> {}

impl<C> Slot<C> {
    /// The slot of a field of type `T` at `offset` in `C`. Rejects, when
    /// evaluated (at compile time in a table), a field the offset cannot
    /// reach by reference: a `#[repr(packed)]` struct's.
    ///
    /// # Safety
    ///
    /// `offset` is the offset in `C` of a field of type `T`.
    pub const unsafe fn new<T, K>(offset: usize, field: &'static Field<T, K>) -> Self
    where
        T: Clone + PartialEq + Send + Sync + 'static,
        K: Codec<T>,
        C: Sized,
    {
        assert!(
            offset.is_multiple_of(align_of::<T>()) && align_of::<C>() >= align_of::<T>(),
            "a settings struct cannot be `#[repr(packed)]`"
        );
        Slot { raw: RawSlot { offset, ops: field }, _struct: PhantomData }
    }

    /// This slot of a group that sits at `offset` in its parent `P`.
    ///
    /// # Safety
    ///
    /// `offset` is the offset in `P` of a field of type `C`.
    pub(crate) unsafe fn within<P>(self, offset: usize) -> Slot<P> {
        Slot { raw: RawSlot { offset: offset + self.raw.offset, ops: self.raw.ops }, _struct: PhantomData }
    }

    pub(crate) fn as_raw(&self) -> &RawSlot {
        &self.raw
    }

    pub(crate) fn raw(slots: &[Slot<C>]) -> &[RawSlot] {
        // SAFETY: `Slot<C>` is a transparent `RawSlot`.
        unsafe { &*(std::ptr::from_ref(slots) as *const [RawSlot]) }
    }

    fn at(&self, values: &C) -> *const u8 {
        // In bounds: the offset is a field's (`new`'s contract).
        std::ptr::from_ref(values).cast::<u8>().wrapping_add(self.raw.offset)
    }

    fn at_mut(&self, values: &mut C) -> *mut u8 {
        std::ptr::from_mut(values).cast::<u8>().wrapping_add(self.raw.offset)
    }

    /// Converts, validates and stores a value; on error the field is unchanged.
    pub fn set(&self, values: &mut C, value: Value, setting: &'static SettingMeta) -> Result<(), Reason> {
        // SAFETY: the slot's field is at its offset (`new`'s contract).
        unsafe { self.raw.ops.set(self.at_mut(values), value, setting) }
    }

    /// Parses and checks a raw value without storing it: `Ok(false)` when
    /// it is empty and an empty value means "unset".
    pub fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason> {
        self.raw.ops.check_raw(raw, setting)
    }

    /// Restores the default.
    pub fn reset(&self, values: &mut C, setting: &'static SettingMeta) -> Result<(), Reason> {
        // SAFETY: as in `set`.
        unsafe { self.raw.ops.reset(self.at_mut(values), setting) }
    }

    /// The current value.
    pub fn get(&self, values: &C) -> Value {
        // SAFETY: as in `set`.
        unsafe { self.raw.ops.get(self.at(values)) }
    }

    /// Whether the field of `new` differs from `old`'s, after checking it.
    pub fn check(&self, new: &C, old: &C, setting: &'static SettingMeta) -> Result<bool, Reason> {
        // SAFETY: as in `set`.
        unsafe { self.raw.ops.check(self.at(new), self.at(old), setting) }
    }

    /// Whether the field has the same value in both.
    pub fn same(&self, a: &C, b: &C) -> bool {
        // SAFETY: as in `set`.
        unsafe { self.raw.ops.same(self.at(a), self.at(b)) }
    }

    /// Copies the field's value from `from` to `to`.
    pub fn copy(&self, from: &C, to: &mut C) {
        // SAFETY: as in `set`.
        unsafe { self.raw.ops.copy(self.at(from), self.at_mut(to)) }
    }

    /// The field's address and size in `values`, to tell which field a
    /// reference points into.
    pub fn span(&self, values: &C) -> (usize, usize) {
        (self.at(values).addr(), self.raw.ops.size())
    }
}

/// A struct's fields, as the derive lists them: the table the generic code
/// loads, reads and changes the struct through.
pub struct Table<C: 'static> {
    pub(crate) fields: &'static [Slot<C>],
    pub(crate) groups: &'static [GroupSlot<C>],
    pub(crate) complete: bool,
}

impl<C> Table<C> {
    /// The table of a struct whose settings are `fields` and whose nested
    /// groups are `groups`.
    ///
    /// # Safety
    ///
    /// `fields` and `groups` together hold every field of `C`, each once.
    pub const unsafe fn new(fields: &'static [Slot<C>], groups: &'static [GroupSlot<C>]) -> Self {
        Table { fields, groups, complete: true }
    }

    /// The table of a struct whose derive failed (emitted only beside
    /// compile errors): loading it panics.
    pub const fn unusable() -> Self {
        Table { fields: &[], groups: &[], complete: false }
    }
}

/// A field of `P` whose type is a settings struct: its settings are `P`'s
/// too.
pub struct GroupSlot<P: 'static> {
    offset: usize,
    slots: fn(usize) -> Vec<Slot<P>>,
}

impl<P> GroupSlot<P> {
    /// The group of type `G` at `offset` in `P`.
    ///
    /// # Safety
    ///
    /// `offset` is the offset in `P` of a field of type `G`.
    pub const unsafe fn new<G: Settings>(offset: usize) -> Self {
        // The group's fields are aligned within a `G`, so the `G` must be.
        assert!(
            offset.is_multiple_of(align_of::<G>()) && align_of::<P>() >= align_of::<G>(),
            "a settings struct cannot be `#[repr(packed)]`"
        );
        GroupSlot { offset, slots: group_slots::<P, G> }
    }

    /// The group's settings, as slots of `P`.
    pub(crate) fn slots(&self) -> Vec<Slot<P>> {
        (self.slots)(self.offset)
    }
}

/// The slots of a group `G` at `offset` in `P`.
fn group_slots<P, G: Settings>(offset: usize) -> Vec<Slot<P>> {
    // SAFETY: `GroupSlot::new`'s contract: a `G` sits at `offset`.
    G::__schema().ops.iter().map(|slot| unsafe { slot.within(offset) }).collect()
}

/// A raw value parsed: `None` when it is empty and an empty value means
/// "unset" for this setting.
pub(crate) fn parse_raw<T, K: Codec<T>>(raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<Option<T>, Reason> {
    let unset_if_empty = |empty: bool| empty && setting.rules.empty_is_unset(setting.kind());
    match raw {
        Raw::Text(text) if unset_if_empty(text.is_empty()) => Ok(None),
        Raw::Text(text) => K::parse_os(text, setting).map(Some),
        Raw::Value(Value::Str(text)) if unset_if_empty(text.is_empty()) => Ok(None),
        Raw::Value(value) => K::from_value(value.clone(), setting).map(Some),
        Raw::Unusable(what) => Err(Reason::new(format!("{what} cannot be used here"))),
    }
}

/// A rejected secret's reason, without the value: a `FromStr` error or a
/// validator's message may quote what it was given, and the reason is
/// shown wherever the (redacted) value is.
fn keep_secret(reason: Reason, text: Option<&str>, setting: &SettingMeta) -> Reason {
    match text {
        Some(text) if setting.secret && !text.is_empty() && reason.as_str().contains(text) => {
            Reason::new(reason.as_str().replace(text, crate::error::REDACTED))
        }
        _ => reason,
    }
}

/// The text of a raw value, if it has one.
fn raw_text<'r>(raw: &'r Raw<'_>) -> Option<std::borrow::Cow<'r, str>> {
    match raw {
        Raw::Text(text) => Some(text.to_string_lossy()),
        Raw::Value(Value::Str(text)) => Some(text.as_str().into()),
        _ => None,
    }
}

/// Runs the built-in checks and the user's validator on a value.
pub(crate) fn accept<T, K: Codec<T>>(
    value: &T,
    setting: &SettingMeta,
    validate: Option<Validate<K::Inner>>,
) -> Result<(), Reason> {
    builtin_checks::<T, K>(value, setting)?;
    self::validate::<T, K>(value, validate)
}

/// Runs the metadata's built-in checks on a value.
fn builtin_checks<T, K: Codec<T>>(value: &T, setting: &SettingMeta) -> Result<(), Reason> {
    if setting.checks.is_empty() { Ok(()) } else { run_checks(setting, &K::to_value(value)) }
}

/// Runs the user's validator, if any, on a value.
fn validate<T, K: Codec<T>>(value: &T, validate: Option<Validate<K::Inner>>) -> Result<(), Reason> {
    match (validate, K::inner(value)) {
        (Some(validate), Some(inner)) => validate(inner).map_err(Reason::from),
        _ => Ok(()),
    }
}

/// Runs the metadata's built-in checks (`positive`, `range`, `len`) on a
/// value; a list's items are checked one by one against `positive` and
/// `range`.
pub(crate) fn run_checks(setting: &SettingMeta, value: &Value) -> Result<(), Reason> {
    // The usual check, kept short: a number that must be positive.
    match (setting.checks, value) {
        ([Check::Positive], Value::Float(x)) if *x > 0.0 => return Ok(()),
        ([Check::Positive], Value::Int(n)) if *n > 0 => return Ok(()),
        ([Check::Positive], Value::UInt(n)) if *n > 0 => return Ok(()),
        _ => {}
    }
    let kind = setting.value.items().kind;
    for check in setting.checks {
        let failed = match (check, value) {
            (_, Value::None) => false,
            (Check::Len { min, max }, value) => length(value).is_some_and(|n| !within(n, *min, *max)),
            (Check::Positive | Check::Range { .. }, Value::List(items)) => {
                match items.iter().position(|item| !passes(check, kind, item)) {
                    Some(i) => return Err(Reason::new(failure(check)).in_item(i)),
                    None => false,
                }
            }
            (check, value) => !passes(check, kind, value),
        };
        if failed {
            return Err(Reason::new(failure(check)));
        }
    }
    Ok(())
}

fn failure(check: &Check) -> String {
    match check {
        Check::Positive => "must be positive".to_owned(),
        other => format!("must be {}", other.describe().unwrap_or_default()),
    }
}

fn within(n: u64, min: Option<u64>, max: Option<u64>) -> bool {
    min.is_none_or(|min| n >= min) && max.is_none_or(|max| n <= max)
}

/// The length a `len` check measures: characters of text, items of a list.
fn length(value: &Value) -> Option<u64> {
    let n = match value {
        Value::Str(s) => s.chars().count(),
        Value::Path(p) => p.as_os_str().len(),
        Value::List(items) => items.len(),
        _ => return None,
    };
    u64::try_from(n).ok()
}

/// Whether one value passes `positive` or `range`.
fn passes(check: &Check, kind: Kind, value: &Value) -> bool {
    let Some(n) = Number::of(kind, value) else { return true };
    match *check {
        Check::Positive => n.is_positive(),
        Check::Range { min, max, max_exclusive } => {
            let bound = |text: &str| Number::parse(kind, text);
            let above_min = min.and_then(bound).is_none_or(|min| n.cmp(&min).is_ge());
            let below_max = max.and_then(bound).is_none_or(|max| {
                let order = n.cmp(&max);
                if max_exclusive { order.is_lt() } else { order.is_le() }
            });
            above_min && below_max
        }
        _ => true,
    }
}

/// A number a check compares: whole numbers and durations (in nanoseconds)
/// exactly, floats as floats.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Whole(i128),
    Float(f64),
}

impl Number {
    fn of(kind: Kind, value: &Value) -> Option<Number> {
        match (kind, value) {
            (Kind::Duration, Value::Str(text)) => Number::parse(kind, text),
            (_, Value::Float(x)) => Some(Number::Float(*x)),
            (_, value) => value.as_i128().map(Number::Whole),
        }
    }

    /// A bound written as the setting's values are.
    fn parse(kind: Kind, text: &str) -> Option<Number> {
        match kind {
            Kind::Duration => {
                parse::duration(text).ok().and_then(|d| i128::try_from(d.as_nanos()).ok()).map(Number::Whole)
            }
            Kind::ByteCount => parse::byte_count(text).ok().map(Number::Whole),
            Kind::Float => parse::float(text).ok().map(Number::Float),
            _ => parse::integer(text).ok().map(Number::Whole).or_else(|| parse::float(text).ok().map(Number::Float)),
        }
    }

    fn is_positive(self) -> bool {
        match self {
            Number::Whole(n) => n > 0,
            Number::Float(x) => x > 0.0,
        }
    }

    fn cmp(&self, other: &Number) -> std::cmp::Ordering {
        match (*self, *other) {
            (Number::Whole(a), Number::Whole(b)) => a.cmp(&b),
            (a, b) => a.as_f64().total_cmp(&b.as_f64()),
        }
    }

    #[allow(clippy::cast_precision_loss)] // bounds and values far beyond 2^53 compare well enough as floats
    fn as_f64(self) -> f64 {
        match self {
            Number::Whole(n) => n as f64,
            Number::Float(x) => x,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[repr(C, packed)]
    struct Packed {
        _flag: u8,
        count: u32,
    }

    static COUNT: Field<u32> = Field::new(DefaultOf::Lit(Lit::Int(1)), None);

    /// A field of a packed struct cannot be reached by reference: the table
    /// refuses it (at compile time, in the table the derive makes).
    #[test]
    #[should_panic(expected = "a settings struct cannot be `#[repr(packed)]`")]
    fn a_packed_structs_field_is_refused() {
        // SAFETY: the offset is that of a `u32` field; the constructor is
        // what refuses it.
        let _ = unsafe { Slot::<Packed>::new(std::mem::offset_of!(Packed, count), &COUNT) };
    }
}
