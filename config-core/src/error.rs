//! Errors and warnings. Every one names the setting, where the value came
//! from (the environment variable), the value itself (escaped, or redacted
//! for a secret) and what was expected.

use std::borrow::Cow;
use std::fmt;

use thiserror::Error;

use crate::meta::{Notation, SettingMeta};
use crate::origin::Origin;
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

    /// The reason as said of item `index` (0-based) of a list.
    pub fn in_item(self, index: usize) -> Self {
        Reason(Cow::Owned(format!("item {}: {}", index + 1, self.0)))
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

/// A value that was rejected, or a required one that is missing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct Problem {
    /// The setting's full name (`database.pool_size`).
    pub setting: &'static str,
    /// The setting's environment variable.
    pub variable: &'static str,
    /// Where the rejected value came from.
    pub origin: Origin,
    /// The rejected value as it may be shown: quoted and escaped, or
    /// `<redacted>` for a secret setting (empty when it is missing).
    pub value: String,
    /// Why it was rejected.
    pub reason: String,
    /// What the setting accepts.
    pub expected: String,
    /// Whether the value was rejected or is missing.
    pub kind: ProblemKind,
}

/// What is wrong with a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A value was given and rejected.
    Invalid,
    /// The setting is required and nothing gives it a value.
    Missing,
}

impl Problem {
    /// A problem with `value` for `setting`, whose full name is `path` and
    /// variable `variable` (for a setting of the root struct, its own).
    pub fn new(
        (setting, path, variable): (&'static SettingMeta, &'static str, &'static str),
        origin: Origin,
        value: Shown,
        reason: Reason,
    ) -> Self {
        Problem {
            setting: path,
            variable,
            origin,
            value: value.0,
            reason: reason.to_string(),
            expected: setting.expected(),
            kind: ProblemKind::Invalid,
        }
    }

    /// A required setting that nothing gives a value.
    pub fn missing((setting, path, variable): (&'static SettingMeta, &'static str, &'static str)) -> Self {
        Problem {
            setting: path,
            variable,
            origin: Origin::Default,
            value: String::new(),
            reason: "required, and no source gives it a value".to_owned(),
            expected: setting.expected(),
            kind: ProblemKind::Missing,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (setting, value, variable) = (self.setting, &self.value, self.variable);
        if self.kind == ProblemKind::Missing {
            return write!(
                f,
                "setting `{setting}` is required: set {variable}, or `{setting}` in a configuration file; expected {}",
                self.expected
            );
        }
        match &self.origin {
            Origin::Env { var } => write!(f, "{var}={value}: invalid value for setting `{setting}`")?,
            Origin::DotEnv { path, line, var } => {
                write!(f, "{}:{line}: {var}={value}: invalid value for setting `{setting}`", path.display())?
            }
            Origin::File { path, line, column, key } => {
                write!(f, "{}:{line}:{column}: {key} = {value}: invalid value for setting `{setting}`", path.display())?
            }
            Origin::KeyFile { path } => {
                write!(f, "{}: {value}: invalid value for setting `{setting}`", path.display())?
            }
            Origin::CommandLine { arg } => {
                write!(f, "{}={value}: invalid value for setting `{setting}`", arg.escape_debug())?
            }
            Origin::Store { .. } => write!(f, "{}: {value}: invalid value for setting `{setting}`", self.origin)?,
            Origin::Code { location } => write!(
                f,
                "{value}: invalid value for setting `{setting}` (set in code at {location}; environment variable \
                 {variable})"
            )?,
            Origin::Default => write!(
                f,
                "the default {value} of setting `{setting}` (environment variable {variable}) cannot be used"
            )?,
        }
        write!(f, ": {}; expected {}", self.reason, self.expected)
    }
}

/// A source that could not be read: a missing required file, a syntax
/// error, an unreachable store.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{place}: {message}")]
pub struct SourceError {
    /// Where: a file's path and line (`app.toml:3:5`), or a store's address.
    pub place: String,
    /// What went wrong.
    pub message: String,
}

impl SourceError {
    /// An error at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        SourceError { place: place.into(), message: message.into() }
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

    /// A typed value, written as the settings' docs write values. No value
    /// at all gives nothing away, and is shown even for a secret: an unset
    /// secret reads as unset everywhere (`show`, `explain`, the docs).
    pub fn value(setting: &SettingMeta, value: &Value, notation: Notation) -> Self {
        if *value == Value::None {
            return Shown(value.display(setting.kind(), notation).to_string());
        }
        Shown::redacted_or(setting, || value.display(setting.kind(), notation).to_string())
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
    pub(crate) fn redacted_or(setting: &SettingMeta, show: impl FnOnce() -> String) -> Self {
        if setting.secret { Shown(REDACTED.to_owned()) } else { Shown(show()) }
    }
}

/// What a secret value is shown as.
pub const REDACTED: &str = "<redacted>";

/// Everything that stopped a load, from every source, reported together:
/// rejected and missing values, sources that could not be read, and (when
/// the application asks for it) unknown names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Error)]
pub struct Problems {
    values: Vec<Problem>,
    sources: Vec<SourceError>,
    unknown: Vec<Warning>,
    frozen: Vec<Frozen>,
}

impl Problems {
    /// The problems of one load; `None` when there are none.
    pub(crate) fn collect(values: Vec<Problem>, sources: Vec<SourceError>, unknown: Vec<Warning>) -> Option<Self> {
        let problems = Problems { values, sources, unknown, frozen: Vec::new() };
        (!problems.is_empty()).then_some(problems)
    }

    /// Changes refused because the settings are frozen.
    pub(crate) fn frozen(frozen: Vec<Frozen>) -> Self {
        Problems { frozen, ..Problems::default() }
    }

    /// Frozen settings a change was refused for.
    pub fn frozen_settings(&self) -> &[Frozen] {
        &self.frozen
    }

    /// Problems with values only.
    pub(crate) fn new(values: Vec<Problem>) -> Self {
        debug_assert!(!values.is_empty());
        Problems { values, ..Problems::default() }
    }

    /// Each rejected or missing value.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.values.iter()
    }

    /// The sources that could not be read.
    pub fn sources(&self) -> &[SourceError] {
        &self.sources
    }

    /// Unknown names, when the application treats them as errors.
    pub fn unknown(&self) -> &[Warning] {
        &self.unknown
    }

    /// How many problems there are, of every sort.
    pub fn len(&self) -> usize {
        self.values.len() + self.sources.len() + self.unknown.len() + self.frozen.len()
    }

    /// Whether there are none (never, for a `Problems` a load returned).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rejected and missing values as a vector.
    pub fn into_vec(self) -> Vec<Problem> {
        self.values
    }

    /// Every problem as one line each.
    pub fn lines(&self) -> Vec<String> {
        let sources = self.sources.iter().map(ToString::to_string);
        let values = self.values.iter().map(ToString::to_string);
        let unknown = self.unknown.iter().map(ToString::to_string);
        let frozen = self.frozen.iter().map(ToString::to_string);
        sources.chain(values).chain(unknown).chain(frozen).collect()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lines().as_slice() {
            [one] => f.write_str(one),
            many => {
                let what = if self.sources.is_empty() && self.unknown.is_empty() && self.frozen.is_empty() {
                    "invalid setting values"
                } else {
                    "configuration problems"
                };
                write!(f, "{} {what}:", many.len())?;
                for line in many {
                    write!(f, "\n  - {line}")?;
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
        self.values.iter()
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
    /// The value was rejected. Boxed: a problem carries the value and its
    /// origin, and `Ok` is the common case.
    #[error(transparent)]
    Invalid(Box<Problem>),
    /// The setting takes effect only at start, and has been read.
    #[error(transparent)]
    Frozen(#[from] Frozen),
}

impl From<Problem> for SetError {
    fn from(problem: Problem) -> Self {
        SetError::Invalid(Box::new(problem))
    }
}

/// A change to a `frozen` setting after it was read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("setting `{setting}` takes effect only at start and cannot change: it was first read at {read_at}")]
pub struct Frozen {
    /// The setting's full name.
    pub setting: &'static str,
    /// Where it was first read.
    pub read_at: &'static std::panic::Location<'static>,
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
        /// The variable's name (escaped if it is not UTF-8).
        variable: String,
        /// The closest known variable, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A key in a file (or a store) names no setting.
    UnknownKey {
        /// Where: `app.toml:3:1`.
        place: String,
        /// The key, in full (`database.pool_sise`).
        key: String,
        /// The closest setting name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A setting was given a value under its former name.
    Renamed {
        /// The former name or variable, as it was used.
        old: &'static str,
        /// The setting's name now.
        setting: &'static str,
        /// Where the value came from.
        origin: Origin,
    },
    /// A setting was given a value under both its name and a former name in
    /// the same source; the current name's value is used.
    BothNames {
        /// The former name or variable.
        old: &'static str,
        /// The setting's name now.
        setting: &'static str,
        /// Where the value under the former name came from (it is ignored).
        origin: Origin,
    },
    /// A source could not be read and the application chose to go on
    /// without it.
    SourceSkipped(SourceError),
}

impl Warning {
    /// The environment variable or key the warning is about.
    pub fn variable(&self) -> &str {
        match self {
            Warning::Deprecated { variable, .. } => variable,
            Warning::UnknownVariable { variable, .. } => variable,
            Warning::UnknownKey { key, .. } => key,
            Warning::Renamed { old, .. } | Warning::BothNames { old, .. } => old,
            Warning::SourceSkipped(error) => &error.place,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Deprecated { setting, variable, origin, since, replacement } => {
                match origin {
                    Origin::Env { var } => write!(f, "{var} sets `{setting}`, which is deprecated since {since}")?,
                    Origin::Code { .. } | Origin::Default => {
                        write!(f, "setting `{setting}` is deprecated since {since}")?;
                    }
                    other => write!(f, "{other} sets `{setting}`, which is deprecated since {since}")?,
                }
                let _ = variable;
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
            Warning::UnknownKey { place, key, suggestion } => {
                write!(f, "{place}: `{}` does not name a setting", key.escape_debug())?;
                match suggestion {
                    Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
                    None => Ok(()),
                }
            }
            Warning::Renamed { old, setting, origin } => {
                write!(f, "{origin} uses the former name {old}: it sets `{setting}`; use the new name")
            }
            Warning::BothNames { old, setting, origin } => {
                write!(
                    f,
                    "{origin} gives `{setting}` a value under its former name {old} as well: the former is ignored"
                )
            }
            Warning::SourceSkipped(error) => write!(f, "{error}; going on without it"),
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
