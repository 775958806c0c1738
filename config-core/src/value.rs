//! Setting values: the dynamic [`Value`] that `get`/`set` by name and
//! configuration files use, and the [`SettingValue`] trait that ties a Rust
//! type to its parser.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Reason;
use crate::meta::{self, Kind, ListItems, Notation, SettingMeta, ValueType};
use crate::parse;

mod sealed {
    /// A type only config-core can name: a trait method that takes one can
    /// be called only, and overridden only, by config-core.
    #[derive(Debug, Clone, Copy)]
    pub struct Sealed;
}

pub(crate) use sealed::Sealed;

/// A setting's value without its Rust type: what `get` returns, what `set`
/// and configuration files give. It serializes as plain JSON (`null`, a
/// boolean, a number, a string or an array).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Value {
    /// No value.
    None,
    /// A boolean.
    Bool(bool),
    /// A signed whole number.
    Int(i64),
    /// An unsigned whole number.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// Text; given to `set`, it is parsed as an environment value would be.
    Str(String),
    /// A file system path, kept exactly (it need not be UTF-8).
    Path(PathBuf),
    /// A list.
    List(Vec<Value>),
}

impl Value {
    /// What sort of value this is, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::None => "no value",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::UInt(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Path(_) => "a path",
            Value::List(_) => "a list",
        }
    }

    /// The value written in `notation`, as the setting's docs write its
    /// default (text that stands for a value of another kind, such as a
    /// duration or a registered path, is shown bare).
    pub fn display(&self, kind: Kind, notation: Notation) -> impl fmt::Display + '_ {
        ValueDisplay { value: self, kind, notation }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::UInt(u) => Some(u as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// A whole number, if this is one.
    pub fn as_i128(&self) -> Option<i128> {
        match *self {
            Value::Int(i) => Some(i128::from(i)),
            Value::UInt(u) => Some(i128::from(u)),
            _ => None,
        }
    }
}

struct ValueDisplay<'a> {
    value: &'a Value,
    kind: Kind,
    notation: Notation,
}

impl fmt::Display for ValueDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Value::None => f.write_str("None"),
            Value::Bool(b) => f.write_str(meta::bool_text(*b, self.notation)),
            Value::Int(i) => write!(f, "{i}"),
            Value::UInt(u) => write!(f, "{u}"),
            // `{:?}` keeps the decimal point (`5.0`), as Python's repr does.
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) if !matches!(self.kind, Kind::String | Kind::Char | Kind::List) => {
                write!(f, "{}", s.escape_debug())
            }
            Value::Str(s) => meta::write_str_literal(f, s, self.notation),
            Value::Path(p) => write!(f, "{:?}", p.as_os_str()),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    let kind = if let Value::Str(_) = item { Kind::String } else { self.kind };
                    write!(f, "{}", item.display(kind, self.notation))?;
                }
                f.write_str("]")
            }
        }
    }
}

macro_rules! value_from {
    ($($t:ty => $variant:ident via $conv:ty),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::$variant(<$conv>::from(v))
            }
        }
    )*};
}

value_from! {
    bool => Bool via bool,
    i8 => Int via i64, i16 => Int via i64, i32 => Int via i64, i64 => Int via i64,
    u8 => UInt via u64, u16 => UInt via u64, u32 => UInt via u64, u64 => UInt via u64,
    f32 => Float via f64, f64 => Float via f64,
    String => Str via String, &str => Str via String,
    PathBuf => Path via PathBuf, &Path => Path via PathBuf,
}

impl From<std::time::Duration> for Value {
    fn from(d: std::time::Duration) -> Self {
        Value::Str(parse::format_duration(d))
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value> + Clone> From<&[T]> for Value {
    fn from(items: &[T]) -> Self {
        Value::List(items.iter().cloned().map(Into::into).collect())
    }
}

impl<T: Into<Value>, const N: usize> From<[T; N]> for Value {
    fn from(items: [T; N]) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::None, Into::into)
    }
}

/// A Rust type that can hold a setting: how it is parsed from text,
/// converted from and to a [`Value`], and what its values look like.
///
/// Implemented for `bool`, every integer and float type, the `NonZero`
/// integers, `char`, `String`, `PathBuf`, `Duration`, the IP address types,
/// `SocketAddr`, [`Importable<T>`](crate::Importable), enums deriving
/// [`SettingEnum`](crate::SettingEnum), `Vec` and `Option` of any of them,
/// and `url::Url` with the `url` feature. A type that implements `FromStr`
/// and `Display` needs no implementation: mark its field
/// `#[setting(from_str)]`. Implement it for your own types to give them a
/// description and a typed conversion.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a setting",
    label = "`{Self}` has no parser",
    note = "implement `config_core::SettingValue` for it, or, if it implements `FromStr` and `Display`, mark the field `#[setting(from_str)]`"
)]
pub trait SettingValue: Sized + Clone + PartialEq + Send + Sync + 'static {
    /// What the type's values look like.
    const TYPE: ValueType;

    /// What validators see: the value without its `Option`, and borrowed
    /// the idiomatic way (`str` for `String`, `[T]` for a list), so a
    /// validator is written `fn(&str) -> Result<(), String>`.
    type Inner: ?Sized;

    /// Parses text (an environment value, a command-line value, or a string
    /// given to `set` or found in a file).
    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason>;

    /// Parses a raw environment value, which need not be UTF-8. Only types
    /// that keep raw bytes (paths) read it as it is.
    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match raw.to_str() {
            Some(text) => Self::parse(text, setting),
            None => Err(Reason::new("not valid UTF-8")),
        }
    }

    /// Converts a typed value (given to `set`, or found in a configuration
    /// file). Text is parsed.
    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    /// The value as a [`Value`].
    fn to_value(&self) -> Value;

    /// The value validators check, or `None` when there is none to check.
    fn inner(&self) -> Option<&Self::Inner>;

    /// The value of a literal default. Not for implementing: text is parsed
    /// and other literals converted, without allocating where the type
    /// needs nothing.
    #[doc(hidden)]
    fn __from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match lit {
            Lit::Str(text) => Self::parse(text, setting),
            other => Self::from_value(other.to_value(), setting),
        }
    }

    /// Whether reading the same literal default always gives the same
    /// value: then a struct's loads read it once per process. Not for
    /// implementing: only the built-in types, whose parsers depend on
    /// nothing but the text, say so.
    #[doc(hidden)]
    const __SAME_EVERY_TIME: bool = false;

    /// The value of a literal default, and whether reading it again would
    /// give the same value. Not for implementing.
    #[doc(hidden)]
    fn __from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(Self, bool), Reason> {
        Self::__from_lit(lit, setting).map(|value| (value, Self::__SAME_EVERY_TIME))
    }

    /// Whether the value owns nothing, so that a copy of its bytes is a
    /// value too and dropping it does nothing: then loading copies a
    /// remembered default without cloning it. Only config-core's types say
    /// so (the argument keeps it that way: unsafe code trusts the answer).
    #[doc(hidden)]
    fn __is_plain(&self, _: Sealed) -> bool {
        false
    }
}

/// A literal default as the derive writes it: converted by the field's
/// type when the settings are loaded (and checked against the type at
/// compile time where the derive can).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lit {
    /// No value: the default of an `Option` setting given none.
    None,
    /// `true`
    Bool(bool),
    /// `-5`
    Int(i128),
    /// `0.5`
    Float(f64),
    /// `"30s"`: parsed as a value of the setting's type.
    Str(&'static str),
    /// `["a", "b"]`
    List(&'static [&'static str]),
}

impl Lit {
    /// The literal as a [`Value`].
    pub fn to_value(self) -> Value {
        match self {
            Lit::None => Value::None,
            Lit::Bool(b) => Value::Bool(b),
            Lit::Int(i) => match i64::try_from(i) {
                Ok(i) => Value::Int(i),
                Err(_) => u64::try_from(i).map_or(Value::Float(i as f64), Value::UInt),
            },
            Lit::Float(x) => Value::Float(x),
            Lit::Str(s) => Value::Str(s.to_owned()),
            Lit::List(items) => Value::List(items.iter().map(|s| Value::Str((*s).to_owned())).collect()),
        }
    }
}

/// A value of the wrong sort. (The error it ends up in says what the
/// setting expects.)
pub fn mismatch(value: &Value) -> Reason {
    Reason::new(format!("{} cannot be used here", value.describe()))
}

impl SettingValue for bool {
    const TYPE: ValueType = ValueType::of(Kind::Bool);
    type Inner = bool;
    const __SAME_EVERY_TIME: bool = true;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        parse::boolean(text).map_err(Reason::from)
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Bool(b) => Ok(b),
            // A whole number is true when it is not zero, as in C and Python.
            Value::Int(i) => Ok(i != 0),
            Value::UInt(u) => Ok(u != 0),
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }

    fn inner(&self) -> Option<&bool> {
        Some(self)
    }

    fn __is_plain(&self, _: Sealed) -> bool {
        true
    }
}

macro_rules! integer_value {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl SettingValue for $t {
            const TYPE: ValueType = ValueType::of(Kind::Integer);
            type Inner = $t;
            const __SAME_EVERY_TIME: bool = true;

            fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
                narrow(whole_number(text, setting)?)
            }

            fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
                match value {
                    Value::Int(i) => narrow(i128::from(i)),
                    Value::UInt(u) => narrow(i128::from(u)),
                    Value::Str(text) => Self::parse(&text, setting),
                    other => Err(mismatch(&other)),
                }
            }

            fn to_value(&self) -> Value {
                // Lossless: every integer type here fits its variant.
                Value::$variant((*self).try_into().unwrap_or_default())
            }

            fn inner(&self) -> Option<&$t> {
                Some(self)
            }

            fn __is_plain(&self, _: Sealed) -> bool {
                true
            }
        }
    )*};
}

/// A whole number from text: a byte count for a `bytes` setting.
fn whole_number(text: &str, setting: &SettingMeta) -> Result<i128, Reason> {
    let parsed = match setting.kind() {
        Kind::ByteCount => parse::byte_count(text),
        _ => parse::integer(text),
    };
    parsed.map_err(Reason::from)
}

/// Fits a parsed whole number into the field's type. The number itself is
/// not repeated: it may be a secret's, and the error shows the value anyway
/// (redacted where it must be).
fn narrow<T: TryFrom<i128> + IntBounds>(wide: i128) -> Result<T, Reason> {
    T::try_from(wide).map_err(|_| Reason::new(format!("out of range ({} to {})", T::MIN, T::MAX)))
}

/// The range of an integer type, for error messages.
trait IntBounds {
    const MIN: i128;
    const MAX: i128;
}

macro_rules! int_bounds {
    ($($t:ty),*) => {$(
        impl IntBounds for $t {
            #[allow(clippy::cast_lossless, clippy::unnecessary_cast)]
            const MIN: i128 = <$t>::MIN as i128;
            #[allow(clippy::cast_lossless, clippy::unnecessary_cast)]
            const MAX: i128 = <$t>::MAX as i128;
        }
    )*};
}

int_bounds!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

integer_value! {
    i8 => Int, i16 => Int, i32 => Int, i64 => Int, isize => Int,
    u8 => UInt, u16 => UInt, u32 => UInt, u64 => UInt, usize => UInt,
}

macro_rules! float_value {
    ($($t:ty),*) => {$(
        impl SettingValue for $t {
            const TYPE: ValueType = ValueType::of(Kind::Float);
            type Inner = $t;
            const __SAME_EVERY_TIME: bool = true;

            fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
                fit_float(parse::float(text)?)
            }

            fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
                match value {
                    Value::Float(x) => fit_float(x),
                    Value::Int(i) => fit_float(i as f64),
                    Value::UInt(u) => fit_float(u as f64),
                    Value::Str(text) => Self::parse(&text, setting),
                    other => Err(mismatch(&other)),
                }
            }

            fn to_value(&self) -> Value {
                Value::Float(f64::from(*self))
            }

            fn inner(&self) -> Option<&$t> {
                Some(self)
            }

            fn __is_plain(&self, _: Sealed) -> bool {
                true
            }
        }
    )*};
}

float_value!(f32, f64);

/// Narrows an `f64` into the field's float type: finite values only, on
/// every path (text, typed `set`, `update`, files).
pub(crate) fn fit_float<T: FromF64>(x: f64) -> Result<T, Reason> {
    if !x.is_finite() {
        return Err(Reason::new("NaN and infinity are not usable values"));
    }
    T::from_f64(x).ok_or_else(|| Reason::new("too large to represent"))
}

/// Float types a finite `f64` narrows into.
pub(crate) trait FromF64: Sized {
    fn from_f64(x: f64) -> Option<Self>;
}

impl FromF64 for f64 {
    fn from_f64(x: f64) -> Option<Self> {
        Some(x)
    }
}

impl FromF64 for f32 {
    fn from_f64(x: f64) -> Option<Self> {
        // The narrowing is the point: reject only what overflows to infinity.
        #[allow(clippy::cast_possible_truncation)]
        let narrow = x as f32;
        narrow.is_finite().then_some(narrow)
    }
}

impl SettingValue for String {
    const TYPE: ValueType = ValueType::of(Kind::String);
    type Inner = str;
    const __SAME_EVERY_TIME: bool = true;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        Ok(text.to_owned())
    }

    fn from_value(value: Value, _: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Str(text) => Ok(text),
            Value::Bool(_) | Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
                Ok(value.display(Kind::String, Notation::Rust).to_string())
            }
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Str(self.clone())
    }

    fn inner(&self) -> Option<&str> {
        Some(self)
    }

    /// Empty and never allocated.
    fn __is_plain(&self, _: Sealed) -> bool {
        self.capacity() == 0
    }
}

impl<T: SettingValue> SettingValue for Vec<T> {
    const TYPE: ValueType = ValueType::list(&T::TYPE);
    type Inner = [T];
    const __SAME_EVERY_TIME: bool = T::__SAME_EVERY_TIME;

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match setting.rules.list_items {
            ListItems::Trimmed => items(parse::list_items_trimmed(text), setting),
            ListItems::AsGiven => items(parse::list_items_as_given(text), setting),
        }
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::List(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| T::from_value(v, setting).map_err(|r| r.in_item(i)))
                .collect(),
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::List(self.iter().map(T::to_value).collect())
    }

    fn inner(&self) -> Option<&[T]> {
        Some(self)
    }

    /// Empty and never allocated.
    fn __is_plain(&self, _: Sealed) -> bool {
        self.capacity() == 0
    }
}

/// Parses each item of a list, saying which one is wrong.
fn items<'a, T: SettingValue>(
    items: impl Iterator<Item = &'a str>,
    setting: &'static SettingMeta,
) -> Result<Vec<T>, Reason> {
    items.enumerate().map(|(i, item)| T::parse(item, setting).map_err(|r| r.in_item(i))).collect()
}

impl<T: SettingValue> SettingValue for Option<T> {
    const TYPE: ValueType = T::TYPE;
    type Inner = T::Inner;
    const __SAME_EVERY_TIME: bool = T::__SAME_EVERY_TIME;

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
        T::parse(text, setting).map(Some)
    }

    fn parse_os(raw: &OsStr, setting: &'static SettingMeta) -> Result<Self, Reason> {
        T::parse_os(raw, setting).map(Some)
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::None => Ok(None),
            other => T::from_value(other, setting).map(Some),
        }
    }

    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::None, T::to_value)
    }

    fn inner(&self) -> Option<&T::Inner> {
        self.as_ref().and_then(T::inner)
    }

    fn __is_plain(&self, sealed: Sealed) -> bool {
        self.as_ref().is_none_or(|value| value.__is_plain(sealed))
    }

    fn __from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(Self, bool), Reason> {
        match lit {
            Lit::None => Ok((None, true)),
            lit => T::__from_lit_once(lit, setting).map(|(value, once)| (Some(value), once)),
        }
    }
}
