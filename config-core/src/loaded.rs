//! [`Loaded`]: a settings struct with where each of its values came from,
//! and the dynamic API (`get`, `set`, `reset`, `update` by name).

use std::fmt;
use std::ops::Deref;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::__private::{self as private, LoadCx};
use crate::error::{Origin, Problem, Problems, REDACTED, SetError, Shown, UnknownSetting, Warning};
use crate::meta::SettingMeta;
use crate::source::{Empty, Env, Source};
use crate::value::Value;
use crate::{Settings, suggest};

/// A settings struct together with the origin of each value.
///
/// It dereferences to the struct, so a setting is read as a plain field:
/// `loaded.max_blocking_time`. Changes go through [`set`](Self::set) (by
/// name) or [`update`](Self::update) (typed), which validate the value as the
/// environment's would be, record that it was set in code, and leave the old
/// value in place when the new one is rejected.
#[derive(Clone)]
pub struct Loaded<C: Settings> {
    values: C,
    origins: C::__Origins,
}

/// The outcome of a load that keeps going past bad values.
#[derive(Debug)]
pub struct Report<C: Settings> {
    /// The settings, each rejected value replaced by its default. `None` only
    /// when a default itself cannot be built.
    pub settings: Option<Loaded<C>>,
    /// Every rejected value.
    pub problems: Vec<Problem>,
    /// Deprecated settings in use and unknown variables.
    pub warnings: Vec<Warning>,
}

impl<C: Settings> Report<C> {
    /// The settings if nothing was rejected, else every problem.
    pub fn into_result(self) -> Result<Loaded<C>, Problems> {
        match self.settings {
            Some(settings) if self.problems.is_empty() => Ok(settings),
            _ => Err(Problems::new(self.problems)),
        }
    }
}

impl<C: Settings> Loaded<C> {
    /// Loads from the process environment; every invalid variable is
    /// reported in the error.
    pub fn from_env() -> Result<Self, Problems> {
        Self::from_source(&Env)
    }

    /// Loads from `source`; every invalid value is reported in the error.
    /// (Unknown variables are not looked for: that takes a pass over the
    /// whole source, which [`load`](Self::load) makes.)
    pub fn from_source<S: Source>(source: &S) -> Result<Self, Problems> {
        Self::run(source, false).into_result()
    }

    /// The defaults.
    pub fn defaults() -> Result<Self, Problems> {
        Self::from_source(&Empty)
    }

    /// Loads from `source`, keeping the default for each rejected value, and
    /// reports what was rejected and what deserves a warning: deprecated
    /// settings in use, and variables under the struct's prefixes that name
    /// no setting. Warnings are also logged through the `log` facade.
    pub fn load<S: Source>(source: &S) -> Report<C> {
        Self::run(source, true)
    }

    fn run(source: &dyn Source, scan_unknown: bool) -> Report<C> {
        let mut cx = LoadCx::<C>::new(source);
        let values = C::__load(&mut cx);
        if scan_unknown {
            cx.scan_unknown();
        }
        for warning in &cx.warnings {
            log::warn!("{warning}");
        }
        let LoadCx { origins, problems, warnings, .. } = cx;
        Report { settings: values.map(|values| Loaded { values, origins }), problems, warnings }
    }

    /// The struct itself.
    pub fn values(&self) -> &C {
        &self.values
    }

    /// The struct, without the origins.
    pub fn into_inner(self) -> C {
        self.values
    }

    /// The setting names, in declaration order (gevent's `dir(config)`).
    pub fn names() -> impl Iterator<Item = &'static str> {
        C::META.names()
    }

    /// The current value of the setting called `name`.
    pub fn get(&self, name: &str) -> Result<Value, UnknownSetting> {
        let index = index_of::<C>(name)?;
        Ok(C::__OPS[index].get(&self.values))
    }

    /// Where the value of the setting called `name` came from.
    pub fn origin(&self, name: &str) -> Result<Origin, UnknownSetting> {
        Ok(self.origins.as_ref()[index_of::<C>(name)?])
    }

    /// Every setting with its value and origin, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = SettingState> + '_ {
        let ops = C::__OPS.iter();
        C::META.settings.iter().zip(ops).zip(self.origins.as_ref()).map(|((setting, ops), &origin)| SettingState {
            setting,
            value: ops.get(&self.values),
            origin,
        })
    }

    /// Sets the setting called `name` from text (parsed as its environment
    /// variable would be) or a typed value. On error the old value stays.
    ///
    /// An empty text for a number means "no value": the default applies, as
    /// it does for an empty environment variable.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) -> Result<(), SetError> {
        let index = index_of::<C>(name)?;
        let setting = &C::META.settings[index];
        let value = value.into();
        if matches!(&value, Value::Str(text) if text.is_empty()) && setting.kind.empty_means_unset() {
            return self.reset_index(index);
        }
        // Kept to show in an error; free for numbers, which are the hot case.
        let original = value.clone();
        C::__OPS[index].set(&mut self.values, value, setting).map_err(|reason| {
            Problem::new(setting, Origin::Code, Shown::value(setting, &original, C::META.notation), reason)
        })?;
        self.origins.as_mut()[index] = Origin::Code;
        log_deprecation(setting, Origin::Code);
        Ok(())
    }

    /// Restores the default of the setting called `name`.
    pub fn reset(&mut self, name: &str) -> Result<(), SetError> {
        let index = index_of::<C>(name)?;
        self.reset_index(index)
    }

    fn reset_index(&mut self, index: usize) -> Result<(), SetError> {
        let setting = &C::META.settings[index];
        C::__OPS[index].reset(&mut self.values, setting).map_err(|reason| {
            Problem::new(setting, Origin::Default, Shown::default_of(setting, C::META.notation), reason)
        })?;
        self.origins.as_mut()[index] = Origin::Default;
        Ok(())
    }

    /// Changes several settings at once through typed fields, all or nothing:
    /// every changed value is validated, and if any is rejected none is
    /// applied.
    ///
    /// ```
    /// # use config_core::Settings;
    /// #[derive(Clone, Settings)]
    /// pub struct Monitor {
    ///     #[setting(default = 0.1, positive)]
    ///     pub max_blocking_time: f64,
    ///     #[setting(default = false)]
    ///     pub monitor_thread: bool,
    /// }
    ///
    /// let mut config = Monitor::defaults().unwrap();
    /// config.update(|c| {
    ///     c.max_blocking_time = 0.5;
    ///     c.monitor_thread = true;
    /// }).unwrap();
    /// // One rejected value, and nothing changes.
    /// assert!(config.update(|c| {
    ///     c.max_blocking_time = -1.0;
    ///     c.monitor_thread = false;
    /// }).is_err());
    /// assert!(config.monitor_thread);
    /// ```
    pub fn update(&mut self, change: impl FnOnce(&mut C)) -> Result<(), Problems>
    where
        C: Clone,
    {
        let mut draft = self.values.clone();
        change(&mut draft);
        let mut changed = Vec::new();
        let mut problems = Vec::new();
        for (index, (setting, ops)) in C::META.settings.iter().zip(C::__OPS).enumerate() {
            match ops.check(&draft, &self.values, setting) {
                Ok(false) => {}
                Ok(true) => changed.push(index),
                Err(reason) => {
                    let shown = Shown::value(setting, &ops.get(&draft), C::META.notation);
                    problems.push(Problem::new(setting, Origin::Code, shown, reason));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems::new(problems));
        }
        for index in changed {
            self.origins.as_mut()[index] = Origin::Code;
            log_deprecation(&C::META.settings[index], Origin::Code);
        }
        self.values = draft;
        Ok(())
    }
}

fn log_deprecation(setting: &'static SettingMeta, origin: Origin) {
    if let Some(warning) = private::deprecation(setting, origin) {
        log::warn!("{warning}");
    }
}

/// The index of `name`, or an error suggesting the closest known name.
fn index_of<C: Settings>(name: &str) -> Result<usize, UnknownSetting> {
    C::META.index_of(name).ok_or_else(|| UnknownSetting {
        name: name.to_owned(),
        suggestion: suggest::closest(name, "", C::META.names()),
    })
}

impl<C: Settings> Deref for Loaded<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.values
    }
}

impl<C: Settings> fmt::Debug for Loaded<C> {
    /// Secret values are redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for state in self.iter() {
            map.key(&state.setting.name).value(&format_args!("{} ({})", state.shown(), state.origin));
        }
        map.finish()
    }
}

/// One setting with its current value and origin.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingState {
    /// The setting.
    pub setting: &'static SettingMeta,
    /// Its value. For a secret setting this is the real value: show it with
    /// [`shown`](Self::shown), which redacts it.
    pub value: Value,
    /// Where the value came from.
    pub origin: Origin,
}

impl SettingState {
    /// The value as it may be printed: in Rust notation, with control
    /// characters escaped, or `<redacted>` for a secret.
    pub fn shown(&self) -> String {
        self.shown_in(crate::meta::Notation::Rust)
    }

    /// [`shown`](Self::shown) in a given notation.
    pub fn shown_in(&self, notation: crate::meta::Notation) -> String {
        Shown::value(self.setting, &self.value, notation).into_string()
    }
}

impl Serialize for SettingState {
    /// `{"value": ..., "source": "default", "env": "..."}`, secrets redacted.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("SettingState", 3)?;
        if self.setting.secret {
            state.serialize_field("value", REDACTED)?;
        } else {
            state.serialize_field("value", &self.value)?;
        }
        state.serialize_field("source", &self.origin)?;
        state.serialize_field("env", self.setting.env)?;
        state.end()
    }
}

impl<C: Settings> Serialize for Loaded<C> {
    /// One object keyed by setting name.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(C::META.settings.len()))?;
        for state in self.iter() {
            map.serialize_entry(state.setting.name, &state)?;
        }
        map.end()
    }
}
