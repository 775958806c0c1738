//! One field of a settings struct, as the generic code sees it: how its
//! value is read ([`Codec`]), reached, defaulted and checked ([`Field`]),
//! and the type-erased operations by name ([`FieldOps`]).

use std::ffi::OsStr;
use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

use crate::error::Reason;
use crate::layer::Raw;
use crate::meta::{Check, Kind, SettingMeta};
use crate::parse;
use crate::value::{Lit, SettingValue, Value, mismatch};

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
        K::from_lit(lit, setting).map(Some)
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

/// One field of a settings struct, typed: how to reach it, build its
/// default and validate it. The derive emits one `static` of these per
/// field; everything done to a field is done through it, by generic code.
pub struct Field<C, T, K: Codec<T> = Native> {
    /// The field.
    pub get: fn(&C) -> &T,
    /// The field, to change it.
    pub get_mut: fn(&mut C) -> &mut T,
    /// Builds its default.
    pub default: MakeDefault<T>,
    /// The user's validator, or [`no_validator`].
    pub validate: Validate<K::Inner>,
    /// How its values are read.
    pub codec: PhantomData<K>,
}

/// The validator of a field that has none.
pub fn no_validator<T: ?Sized>(_: &T) -> Result<(), String> {
    Ok(())
}

/// A [`Field`] of any type: one per setting, for `set`, `get`, `update`,
/// `explain` and reload by name.
pub trait FieldOps<C>: Sync {
    /// Converts, validates and stores a value; on error the field is unchanged.
    fn set(&self, values: &mut C, value: Value, setting: &'static SettingMeta) -> Result<(), Reason>;
    /// Parses and checks a raw value without storing it: `Ok(false)` when
    /// it is empty and an empty value means "unset".
    fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason>;
    /// Restores the default.
    fn reset(&self, values: &mut C, setting: &'static SettingMeta) -> Result<(), Reason>;
    /// The current value.
    fn get(&self, values: &C) -> Value;
    /// Whether the field of `new` differs from `old`'s, after checking it.
    fn check(&self, new: &C, old: &C, setting: &'static SettingMeta) -> Result<bool, Reason>;
    /// Whether the field has the same value in both.
    fn same(&self, a: &C, b: &C) -> bool;
    /// Copies the field's value from `from` to `to`.
    fn copy(&self, from: &C, to: &mut C);
    /// The field's address and size in `values`, to tell which field a
    /// reference points into.
    fn span(&self, values: &C) -> (usize, usize);
}

impl<C: 'static, T: Clone + PartialEq + Send + Sync + 'static, K: Codec<T>> FieldOps<C> for Field<C, T, K> {
    fn set(&self, values: &mut C, value: Value, setting: &'static SettingMeta) -> Result<(), Reason> {
        let new = K::from_value(value, setting)?;
        accept::<T, K>(&new, setting, self.validate)?;
        *(self.get_mut)(values) = new;
        Ok(())
    }

    fn check_raw(&self, raw: &Raw<'_>, setting: &'static SettingMeta) -> Result<bool, Reason> {
        match parse_raw::<T, K>(raw, setting)? {
            Some(value) => accept::<T, K>(&value, setting, self.validate).map(|()| true),
            None => Ok(false),
        }
    }

    fn reset(&self, values: &mut C, setting: &'static SettingMeta) -> Result<(), Reason> {
        let new = (self.default)(setting)?;
        accept::<T, K>(&new, setting, self.validate)?;
        *(self.get_mut)(values) = new;
        Ok(())
    }

    fn get(&self, values: &C) -> Value {
        K::to_value((self.get)(values))
    }

    fn check(&self, new: &C, old: &C, setting: &'static SettingMeta) -> Result<bool, Reason> {
        let new = (self.get)(new);
        if new == (self.get)(old) {
            return Ok(false);
        }
        accept::<T, K>(new, setting, self.validate).map(|()| true)
    }

    fn same(&self, a: &C, b: &C) -> bool {
        (self.get)(a) == (self.get)(b)
    }

    fn copy(&self, from: &C, to: &mut C) {
        (self.get_mut)(to).clone_from((self.get)(from));
    }

    fn span(&self, values: &C) -> (usize, usize) {
        let field = (self.get)(values);
        (std::ptr::from_ref(field).addr(), size_of::<T>())
    }
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

/// Runs the built-in checks and the user's validator on a value.
pub(crate) fn accept<T, K: Codec<T>>(
    value: &T,
    setting: &SettingMeta,
    validate: Validate<K::Inner>,
) -> Result<(), Reason> {
    if !setting.checks.is_empty() {
        run_checks(setting, &K::to_value(value))?;
    }
    match K::inner(value) {
        Some(inner) => validate(inner).map_err(Reason::from),
        None => Ok(()),
    }
}

/// Runs the metadata's built-in checks (`positive`, `range`, `len`) on a
/// value; a list's items are checked one by one against `positive` and
/// `range`.
pub(crate) fn run_checks(setting: &SettingMeta, value: &Value) -> Result<(), Reason> {
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
