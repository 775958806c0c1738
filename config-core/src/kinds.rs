//! [`SettingValue`] for the standard library's value types a service
//! configures: durations, addresses, paths, characters, non-zero integers
//! (and `url::Url` with the `url` feature). Each parses with the shared
//! parsers, so a literal default is checked at compile time by the same
//! rules.

use std::ffi::OsStr;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroIsize, NonZeroU8, NonZeroU16, NonZeroU32, NonZeroU64,
    NonZeroUsize,
};
use std::path::PathBuf;
use std::time::Duration;

use crate::error::Reason;
use crate::meta::{Kind, SettingMeta, ValueType};
use crate::parse;
use crate::value::{Sealed, SettingValue, Value, mismatch};

impl SettingValue for Duration {
    const TYPE: ValueType = ValueType::of(Kind::Duration);
    type Inner = Duration;
    const __SAME_EVERY_TIME: bool = true;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        parse::duration(text).map_err(Reason::from)
    }

    /// A number is seconds, as in text; a string is parsed.
    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => {
                let seconds = value.as_f64().unwrap_or_default();
                Duration::try_from_secs_f64(seconds).map_err(|_| Reason::new("not a duration that can be represented"))
            }
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Str(parse::format_duration(*self))
    }

    fn inner(&self) -> Option<&Duration> {
        Some(self)
    }

    fn __is_plain(&self, _: Sealed) -> bool {
        true
    }
}

/// Types read from trimmed text by one of the shared parsers and shown with
/// their `Display`.
macro_rules! text_value {
    ($($t:ty => $kind:expr, $parse:path;)*) => {$(
        impl SettingValue for $t {
            const TYPE: ValueType = $kind;
            type Inner = $t;
            const __SAME_EVERY_TIME: bool = true;

            fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
                $parse(text).map_err(Reason::from)
            }

            fn to_value(&self) -> Value {
                Value::Str(self.to_string())
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

text_value! {
    SocketAddr => ValueType::of(Kind::SocketAddr), parse::socket_addr;
    IpAddr => ValueType::of(Kind::IpAddr), parse::ip_addr;
    Ipv4Addr => ValueType::of(Kind::IpAddr).expecting("an IPv4 address, such as 10.0.0.1"), parse::ipv4_addr;
    Ipv6Addr => ValueType::of(Kind::IpAddr).expecting("an IPv6 address, such as ::1"), parse::ipv6_addr;
    char => ValueType::of(Kind::Char), parse::character;
}

impl SettingValue for PathBuf {
    const TYPE: ValueType = ValueType::of(Kind::Path);
    type Inner = std::path::Path;
    const __SAME_EVERY_TIME: bool = true;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        Ok(PathBuf::from(text))
    }

    /// The environment's bytes, exactly: a path need not be UTF-8.
    fn parse_os(raw: &OsStr, _: &'static SettingMeta) -> Result<Self, Reason> {
        Ok(PathBuf::from(raw))
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Path(path) => Ok(path),
            Value::Str(text) => Self::parse(&text, setting),
            other => Err(mismatch(&other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Path(self.clone())
    }

    fn inner(&self) -> Option<&std::path::Path> {
        Some(self)
    }
}

macro_rules! non_zero_value {
    ($($t:ty => $int:ty),* $(,)?) => {$(
        impl SettingValue for $t {
            const TYPE: ValueType = ValueType::of(Kind::Integer).expecting("a whole number other than 0");
            type Inner = $t;
            const __SAME_EVERY_TIME: bool = true;

            fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
                non_zero(<$int>::parse(text, setting)?)
            }

            fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
                non_zero(<$int>::from_value(value, setting)?)
            }

            fn to_value(&self) -> Value {
                self.get().to_value()
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

fn non_zero<N: TryFrom<I>, I>(n: I) -> Result<N, Reason> {
    N::try_from(n).map_err(|_| Reason::new("must not be 0"))
}

non_zero_value! {
    NonZeroI8 => i8, NonZeroI16 => i16, NonZeroI32 => i32, NonZeroI64 => i64, NonZeroIsize => isize,
    NonZeroU8 => u8, NonZeroU16 => u16, NonZeroU32 => u32, NonZeroU64 => u64, NonZeroUsize => usize,
}

#[cfg(feature = "url")]
impl SettingValue for url::Url {
    const TYPE: ValueType = ValueType::of(Kind::Url);
    type Inner = url::Url;
    const __SAME_EVERY_TIME: bool = true;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        url::Url::parse(parse::trim(text)).map_err(|e| Reason::new(format!("not a URL ({e})")))
    }

    fn to_value(&self) -> Value {
        Value::Str(self.to_string())
    }

    fn inner(&self) -> Option<&url::Url> {
        Some(self)
    }
}

/// Reads one of an enum's choices: trimmed, without regard to case, by name
/// or alias.
#[doc(hidden)]
pub fn parse_choice<E: crate::SettingEnum>(text: &str) -> Result<E, Reason> {
    let word = parse::trim(text);
    for (choice, variant) in E::CHOICES.iter().zip(E::VARIANTS) {
        if std::iter::once(&choice.name).chain(choice.aliases).any(|n| n.eq_ignore_ascii_case(word)) {
            return Ok(*variant);
        }
    }
    let names = E::CHOICES.iter().flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()));
    let mut message = String::from("not one of the choices");
    if let Some(close) = crate::suggest::closest(word, "", names) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    Err(Reason::new(message))
}

/// An enum's choice as a value: its name.
#[doc(hidden)]
pub fn choice_value<E: crate::SettingEnum>(value: E) -> Value {
    Value::Str(value.name().to_owned())
}

/// Whether `text` names one of `choices` (for the derive's compile-time
/// check of a default).
#[doc(hidden)]
pub const fn is_choice(choices: &[crate::meta::Choice], text: &str) -> bool {
    let mut i = 0;
    while i < choices.len() {
        if eq_ignore_case(choices[i].name, text) {
            return true;
        }
        let mut j = 0;
        while j < choices[i].aliases.len() {
            if eq_ignore_case(choices[i].aliases[j], text) {
                return true;
            }
            j += 1;
        }
        i += 1;
    }
    false
}

const fn eq_ignore_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}
