//! Errors and warnings. Every one names the setting, where the value came
//! from (the environment variable), the value itself (escaped, or redacted
//! for a secret) and what was expected.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use thiserror::Error;

use crate::meta::{Notation, SettingMeta};
use crate::value::Value;

/// Why a parser or check rejected a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(Cow<'static, str>);

impl Reason {
    /// A reason from a fixed or formatted message.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        Reason(message.into())
    }

    /// The message.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Reason {
    fn from(message: String) -> Self {
        Reason(Cow::Owned(message))
    }
}

impl From<&'static str> for Reason {
    fn from(message: &'static str) -> Self {
        Reason(Cow::Borrowed(message))
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The setting's default.
    Default,
    /// The setting's environment variable.
    Environment,
    /// Set by the program (`set`, `update`).
    Code,
}

impl Origin {
    /// A short label: `default`, `environment`, `code`.
    pub fn label(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::Environment => "environment",
            Origin::Code => "code",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A value that was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct Problem {
    /// The setting's name.
    pub setting: &'static str,
    /// The setting's environment variable.
    pub variable: &'static str,
    /// Where the rejected value came from.
    pub origin: Origin,
    /// The rejected value as it may be shown: quoted and escaped, or
    /// `<redacted>` for a secret setting.
    pub value: String,
    /// Why it was rejected.
    pub reason: String,
    /// What the setting accepts.
    pub expected: String,
}

impl Problem {
    /// A problem with `value` for `setting`.
    pub fn new(setting: &'static SettingMeta, origin: Origin, value: Shown, reason: Reason) -> Self {
        Problem {
            setting: setting.name,
            variable: setting.env,
            origin,
            value: value.0,
            reason: reason.to_string(),
            expected: setting.expected(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (setting, value) = (self.setting, &self.value);
        match self.origin {
            Origin::Environment => write!(f, "{}={value}: invalid value for setting `{setting}`", self.variable)?,
            Origin::Code => {
                write!(f, "{value}: invalid value for setting `{setting}` (environment variable {})", self.variable)?
            }
            Origin::Default => write!(
                f,
                "the default {value} of setting `{setting}` (environment variable {}) cannot be used",
                self.variable
            )?,
        }
        write!(f, ": {}; expected {}", self.reason, self.expected)
    }
}

/// A value made safe to print: quoted with every control character escaped,
/// or `<redacted>` when the setting is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown(pub(crate) String);

impl Shown {
    /// `text` as `setting` allows it to be shown.
    pub fn text(setting: &SettingMeta, text: &str) -> Self {
        Shown::redacted_or(setting, || format!("{text:?}"))
    }

    /// Raw bytes that are not UTF-8, escaped.
    pub fn os(setting: &SettingMeta, text: &std::ffi::OsStr) -> Self {
        Shown::redacted_or(setting, || format!("{text:?}"))
    }

    /// A typed value, written as the settings' docs write values.
    pub fn value(setting: &SettingMeta, value: &Value, notation: Notation) -> Self {
        Shown::redacted_or(setting, || value.display(setting.kind, notation).to_string())
    }

    /// The setting's default, as its docs show it.
    pub fn default_of(setting: &SettingMeta, notation: Notation) -> Self {
        Shown::redacted_or(setting, || setting.default_text(notation))
    }

    /// The text of the value as it may be printed.
    pub fn into_string(self) -> String {
        self.0
    }

    /// `show()`, unless the setting is secret.
    fn redacted_or(setting: &SettingMeta, show: impl FnOnce() -> String) -> Self {
        if setting.secret { Shown(REDACTED.to_owned()) } else { Shown(show()) }
    }
}

/// What a secret value is shown as.
pub const REDACTED: &str = "<redacted>";

/// One or more rejected values, all reported together.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// `problems`, which must not be empty.
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Problems(problems)
    }

    /// Each rejected value.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// How many values were rejected.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: there is at least one problem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems as a vector.
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => one.fmt(f),
            many => {
                write!(f, "{} invalid setting values:", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A name that is not one of the settings.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct UnknownSetting {
    /// The name asked for.
    pub name: String,
    /// The closest known name, if one is close.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no setting is named {:?}", self.name)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        Ok(())
    }
}

/// Why `set` by name failed. The previous value is kept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SetError {
    /// The name is not a setting.
    #[error(transparent)]
    Unknown(#[from] UnknownSetting),
    /// The value was rejected.
    #[error(transparent)]
    Invalid(#[from] Problem),
}

/// Something worth telling the user that does not stop loading.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A deprecated setting was given a value.
    Deprecated {
        /// The setting.
        setting: &'static str,
        /// Its environment variable.
        variable: &'static str,
        /// Where its value came from.
        origin: Origin,
        /// The version that deprecated it.
        since: &'static str,
        /// The setting to use instead.
        replacement: Option<&'static str>,
    },
    /// An environment variable carries the struct's prefix but names no setting.
    UnknownVariable {
        /// The variable's name.
        variable: String,
        /// The closest known variable, if one is close.
        suggestion: Option<&'static str>,
    },
}

impl Warning {
    /// The environment variable the warning is about.
    pub fn variable(&self) -> &str {
        match self {
            Warning::Deprecated { variable, .. } => variable,
            Warning::UnknownVariable { variable, .. } => variable,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Deprecated { setting, variable, origin, since, replacement } => {
                match origin {
                    Origin::Environment => write!(f, "{variable} sets `{setting}`, which is deprecated since {since}")?,
                    _ => write!(f, "setting `{setting}` is deprecated since {since}")?,
                }
                match replacement {
                    Some(replacement) => write!(f, "; use `{replacement}` instead"),
                    None => Ok(()),
                }
            }
            Warning::UnknownVariable { variable, suggestion } => {
                // The name comes from the environment: escape it, like a value.
                write!(f, "environment variable {} does not name a setting", variable.escape_debug())?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean {suggestion}?"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Why an object could not be registered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegisterError {
    /// The path is not a dotted path.
    #[error("cannot register {0:?}: an importable path has the form package.module.Item (dotted, without `/`)")]
    InvalidPath(String),
    /// Something is already registered under the path.
    #[error("cannot register {0:?}: an object is already registered under this path")]
    Duplicate(String),
}
