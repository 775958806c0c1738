//! Setting values: the dynamic [`Value`] that `get`/`set` by name use, and
//! the [`SettingValue`] trait that ties a Rust type to its parser.

use std::fmt;

use serde::Serialize;

use crate::error::Reason;
use crate::meta::{self, Check, Kind, Notation, SettingMeta};
use crate::parse;

/// A setting's value without its Rust type: what `get` returns and `set`
/// takes. It serializes as plain JSON (`null`, a boolean, a number, a string
/// or an array of strings).
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
    /// A list of strings (also a preference list of importable names).
    List(Vec<String>),
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
            Value::List(_) => "a list",
        }
    }

    /// The value written in `notation`, as the setting's docs write its
    /// default (an importable's chosen path is shown bare).
    pub fn display(&self, kind: Kind, notation: Notation) -> impl fmt::Display + '_ {
        ValueDisplay { value: self, kind, notation }
    }

    fn as_number(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::UInt(u) => Some(u as f64),
            Value::Float(f) => Some(f),
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
            Value::Str(s) if self.kind == Kind::Importable => f.write_str(&s.escape_debug().to_string()),
            Value::Str(s) => meta::write_str_literal(f, s, self.notation),
            Value::List(items) => meta::write_list(f, items, self.notation),
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
    Vec<String> => List via Vec<String>,
}

impl From<Vec<&str>> for Value {
    fn from(items: Vec<&str>) -> Self {
        Value::List(items.into_iter().map(str::to_owned).collect())
    }
}

impl From<&[&str]> for Value {
    fn from(items: &[&str]) -> Self {
        Value::List(items.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Value {
    fn from(items: [&str; N]) -> Self {
        Value::List(items.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::None, Into::into)
    }
}

/// A Rust type that can hold a setting: how it is parsed from text,
/// converted from and to a [`Value`], and what kind the docs call it.
///
/// Implemented for `bool`, the integer and float types, `String`,
/// `Vec<String>`, [`Importable<T>`](crate::Importable) and `Option` of any of
/// them. Implement it for your own types (with [`Kind::Custom`]) to use them
/// as settings.
pub trait SettingValue: Sized + Clone + PartialEq + Send + Sync + 'static {
    /// The kind inferred from the type.
    const KIND: Kind;

    /// What validators see: the value without its `Option`, and borrowed
    /// the idiomatic way (`str` for `String`, `[String]` for a list), so a
    /// validator is written `fn(&str) -> Result<(), String>`.
    type Inner: ?Sized;

    /// Parses text (an environment value, or a string given to `set`).
    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason>;

    /// Converts a typed value given to `set`. Text is parsed.
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
}

/// A value of the wrong sort. (The error it ends up in says what the
/// setting expects.)
pub(crate) fn mismatch(value: &Value) -> Reason {
    Reason::new(format!("{} cannot be used here", value.describe()))
}

/// Runs the metadata's built-in checks (`positive`) on a parsed value.
pub(crate) fn run_checks(setting: &SettingMeta, value: &Value) -> Result<(), Reason> {
    for check in setting.checks {
        if let (Check::Positive, Some(n)) = (check, value.as_number())
            && (n <= 0.0 || n.is_nan())
        {
            return Err(Reason::new("must be positive"));
        }
    }
    Ok(())
}

impl SettingValue for bool {
    const KIND: Kind = Kind::Bool;
    type Inner = bool;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        parse::boolean(text).map_err(Reason::from)
    }

    fn from_value(value: Value, _: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Bool(b) => Ok(b),
            // As Python's `bool(value)`.
            Value::Int(i) => Ok(i != 0),
            Value::UInt(u) => Ok(u != 0),
            Value::Str(text) => parse::boolean(&text).map_err(Reason::from),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }

    fn inner(&self) -> Option<&bool> {
        Some(self)
    }
}

macro_rules! integer_value {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl SettingValue for $t {
            const KIND: Kind = Kind::Integer;
            type Inner = $t;

            fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
                let wide = match setting.kind {
                    Kind::ByteCount => parse::byte_count(text)?,
                    _ => parse::integer(text)?,
                };
                narrow(wide)
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
        }
    )*};
}

/// Fits a parsed whole number into the field's type.
fn narrow<T: TryFrom<i128> + IntBounds>(wide: i128) -> Result<T, Reason> {
    T::try_from(wide).map_err(|_| Reason::new(format!("{wide} is out of range ({} to {})", T::MIN, T::MAX)))
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
            const KIND: Kind = Kind::Float;
            type Inner = $t;

            fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
                fit_float(parse::float(text)?)
            }

            fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
                match value {
                    Value::Float(x) if x.is_finite() => fit_float(x),
                    Value::Float(_) => Err(Reason::new("NaN and infinity are not usable values")),
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
        }
    )*};
}

float_value!(f32, f64);

/// Narrows a finite `f64` into the field's float type.
fn fit_float<T: FromF64>(x: f64) -> Result<T, Reason> {
    T::from_f64(x).ok_or_else(|| Reason::new("too large to represent"))
}

trait FromF64: Sized {
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
    const KIND: Kind = Kind::String;
    type Inner = str;

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
}

impl SettingValue for Vec<String> {
    const KIND: Kind = Kind::List;
    type Inner = [String];

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        Ok(parse::list(text))
    }

    fn from_value(value: Value, _: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::List(items) => Ok(items),
            Value::Str(text) => Ok(parse::list(&text)),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::List(self.clone())
    }

    fn inner(&self) -> Option<&[String]> {
        Some(self)
    }
}

impl<T: SettingValue> SettingValue for Option<T> {
    const KIND: Kind = T::KIND;
    type Inner = T::Inner;

    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
        T::parse(text, setting).map(Some)
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
}
