//! [`Loaded`]: a settings struct together with where each of its values
//! came from, and the dynamic API (`get`, `set`, `reset`, `update`,
//! `explain` by name).

use std::fmt;
use std::ops::Deref;
use std::panic::Location;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::Settings;
use crate::error::{Problem, Problems, REDACTED, SetError, Shown, SourceError, UnknownSetting, Warning};
use crate::explain::{self, Explanation};
use crate::layer::Layer;
use crate::load::{Collected, LoadCx};
use crate::meta::{Notation, SettingMeta};
use crate::origin::Origin;
use crate::schema::Schema;
use crate::source::{Empty, Env, EnvLayer, Source};
use crate::value::Value;

/// A settings struct together with the origin of each value.
///
/// It dereferences to the struct, so a setting is read as a plain field:
/// `loaded.max_blocking_time`. Changes go through [`set`](Self::set) (by
/// name) or [`update`](Self::update) (typed), which validate the value as
/// any source's would be, record where in the code it was set, and leave the
/// old value in place when the new one is rejected.
pub struct Loaded<C: Settings> {
    values: C,
    origins: C::__Origins,
    sources: Sources,
    warnings: Vec<Warning>,
}

/// The layers a configuration was loaded from, kept for `explain` and
/// reload.
#[derive(Clone, Default)]
pub(crate) enum Sources {
    /// A source the configuration did not keep.
    #[default]
    Unknown,
    /// The process environment (read again when explaining).
    ProcessEnv,
    /// Snapshots of the layers, lowest rank first.
    Layers(Arc<[LayerEntry]>),
}

/// One layer a configuration was loaded from.
#[derive(Clone)]
pub(crate) struct LayerEntry {
    pub(crate) name: String,
    pub(crate) layer: Arc<dyn Layer>,
}

impl<C: Settings + Clone> Clone for Loaded<C> {
    fn clone(&self) -> Self {
        Loaded {
            values: self.values.clone(),
            origins: self.origins.clone(),
            sources: self.sources.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// The outcome of a load that keeps going past bad values.
#[derive(Debug)]
pub struct Report<C: Settings> {
    /// The settings, each rejected value replaced by the next layer's or the
    /// default. `None` when some setting has no value at all (a required
    /// setting nobody set, or a default that cannot be built).
    pub settings: Option<Loaded<C>>,
    /// Every rejected or missing value.
    pub problems: Vec<Problem>,
    /// Every source that could not be read.
    pub sources: Vec<SourceError>,
    /// Unknown names, deprecated settings in use, former names in use.
    pub warnings: Vec<Warning>,
    /// Unknown names the application asked to treat as errors.
    pub unknown: Vec<Warning>,
}

impl<C: Settings> Report<C> {
    /// The settings if nothing was rejected, else every problem.
    pub fn into_result(self) -> Result<Loaded<C>, Problems> {
        match Problems::collect(self.problems, self.sources, self.unknown) {
            Some(problems) => Err(problems),
            None => self.settings.ok_or_else(Problems::default),
        }
    }

    /// Whether anything was rejected, missing or unreadable.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || !self.sources.is_empty() || !self.unknown.is_empty()
    }
}

impl<C: Settings> Loaded<C> {
    /// Loads from the process environment; every invalid variable is
    /// reported in the error. Unknown variables under the struct's prefixes
    /// and deprecated settings in use are [warnings](Self::warnings) (and
    /// are logged).
    pub fn from_env() -> Result<Self, Problems> {
        let mut report = Self::run(&[&EnvLayer(Env)], true);
        if let Some(loaded) = &mut report.settings {
            loaded.sources = Sources::ProcessEnv;
        }
        report.into_result()
    }

    /// Loads from `source`, as [`from_env`](Self::from_env) does from the
    /// process environment.
    pub fn from_source<S: Source + Sync>(source: &S) -> Result<Self, Problems> {
        Self::run(&[&EnvLayer(source)], true).into_result()
    }

    /// The defaults (an error names every required setting).
    pub fn defaults() -> Result<Self, Problems> {
        Self::run(&[&EnvLayer(Empty)], false).into_result()
    }

    /// Loads from `source`, keeping going past bad values: each rejected
    /// value gives way to the default, and the report says what was
    /// rejected and what deserves a warning (which is also logged).
    pub fn load<S: Source + Sync>(source: &S) -> Report<C> {
        Self::run(&[&EnvLayer(source)], true)
    }

    /// Runs one load over `layers` (lowest rank first).
    pub(crate) fn run(layers: &[&dyn Layer], scan_unknown: bool) -> Report<C> {
        let schema = C::__schema();
        let mut origins = C::__origins();
        let mut out = Collected::default();
        let values = C::__load(&mut LoadCx::new(layers, schema.leaves, origins.as_mut(), &mut out));
        if scan_unknown {
            for layer in layers {
                layer.unknown(&schema.known, &mut out.warnings);
            }
        }
        for warning in &out.warnings {
            log::warn!("{warning}");
        }
        let Collected { problems, warnings } = out;
        let settings =
            values.map(|values| Loaded { values, origins, sources: Sources::Unknown, warnings: warnings.clone() });
        Report { settings, problems, sources: Vec::new(), warnings, unknown: Vec::new() }
    }

    /// Keeps the layers the configuration was loaded from, for `explain`.
    pub(crate) fn with_sources(mut self, sources: Sources, warnings: Vec<Warning>) -> Self {
        self.sources = sources;
        self.warnings = warnings;
        self
    }

    pub(crate) fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The struct itself.
    pub fn values(&self) -> &C {
        &self.values
    }

    /// The struct, without the origins.
    pub fn into_inner(self) -> C {
        self.values
    }

    /// What the load found worth a warning: unknown names, deprecated
    /// settings and former names in use.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Every setting's full name, in load order: the struct's own, then
    /// each group's (`database.pool_size`).
    pub fn names() -> impl Iterator<Item = &'static str> {
        C::__schema().leaves.iter().map(|leaf| &*leaf.path)
    }

    /// The current value of the setting called `name`.
    pub fn get(&self, name: &str) -> Result<Value, UnknownSetting> {
        let index = index_of::<C>(name)?;
        Ok(C::__schema().ops[index].get(&self.values))
    }

    /// Where the value of the setting called `name` came from.
    pub fn origin(&self, name: &str) -> Result<Origin, UnknownSetting> {
        Ok(self.origins.as_ref()[index_of::<C>(name)?].clone())
    }

    /// Every setting with its value and origin, in load order.
    pub fn iter(&self) -> impl Iterator<Item = SettingState> + '_ {
        let schema = C::__schema();
        schema.leaves.iter().zip(&schema.ops).zip(self.origins.as_ref()).map(|((leaf, ops), origin)| SettingState {
            setting: leaf.setting,
            name: &leaf.path,
            env: &leaf.env,
            value: ops.get(&self.values),
            origin: origin.clone(),
        })
    }

    /// Sets the setting called `name` from text (parsed as its environment
    /// variable would be) or a typed value. On error the old value stays.
    /// The origin records the caller's place in the code.
    ///
    /// An empty text means "no value" where an empty variable would: the
    /// default applies.
    #[track_caller]
    pub fn set(&mut self, name: &str, value: impl Into<Value>) -> Result<(), SetError> {
        self.set_at(name, value.into(), Location::caller())
    }

    pub(crate) fn set_at(
        &mut self,
        name: &str,
        value: Value,
        location: &'static Location<'static>,
    ) -> Result<(), SetError> {
        let schema = C::__schema();
        let index = index_of::<C>(name)?;
        let (setting, path, _) = schema.names(index);
        if matches!(&value, Value::Str(text) if text.is_empty()) && setting.rules.empty_is_unset(setting.kind()) {
            return self.reset_index(index);
        }
        let origin = Origin::Code { location };
        // Kept to show in an error; free for numbers, which are the hot case.
        let original = value.clone();
        schema.ops[index].set(&mut self.values, value, setting).map_err(|reason| {
            // Text is shown quoted, as a variable's value is.
            let shown = match &original {
                Value::Str(text) => Shown::text(setting, text),
                other => Shown::value(setting, other, C::META.notation),
            };
            Problem::new(schema.names(index), origin.clone(), shown, reason)
        })?;
        if name != path {
            log_warning(&Warning::Renamed { old: alias_name::<C>(index, name), setting: path, origin: origin.clone() });
        }
        self.note_change(index, origin);
        Ok(())
    }

    /// Restores the default of the setting called `name`.
    pub fn reset(&mut self, name: &str) -> Result<(), SetError> {
        let index = index_of::<C>(name)?;
        self.reset_index(index)
    }

    fn reset_index(&mut self, index: usize) -> Result<(), SetError> {
        let schema = C::__schema();
        let (setting, _, _) = schema.names(index);
        schema.ops[index].reset(&mut self.values, setting).map_err(|reason| {
            Problem::new(schema.names(index), Origin::Default, Shown::default_of(setting, C::META.notation), reason)
        })?;
        self.origins.as_mut()[index] = Origin::Default;
        Ok(())
    }

    /// Changes several settings at once through typed fields, all or nothing:
    /// every changed value is checked exactly as a value from text would be
    /// (finite numbers, ranges, validators), and if any is rejected none is
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
    #[track_caller]
    pub fn update(&mut self, change: impl FnOnce(&mut C)) -> Result<(), Problems>
    where
        C: Clone,
    {
        self.update_at(change, Location::caller()).map(drop)
    }

    pub(crate) fn update_at(
        &mut self,
        change: impl FnOnce(&mut C),
        location: &'static Location<'static>,
    ) -> Result<Vec<usize>, Problems>
    where
        C: Clone,
    {
        let schema = C::__schema();
        let mut draft = self.values.clone();
        change(&mut draft);
        let origin = Origin::Code { location };
        let mut changed = Vec::new();
        let mut problems = Vec::new();
        for (index, ops) in schema.ops.iter().enumerate() {
            let (setting, _, _) = schema.names(index);
            match ops.check(&draft, &self.values, setting) {
                Ok(false) => {}
                Ok(true) => changed.push(index),
                Err(reason) => {
                    let shown = Shown::value(setting, &ops.get(&draft), C::META.notation);
                    problems.push(Problem::new(schema.names(index), origin.clone(), shown, reason));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems::new(problems));
        }
        self.values = draft;
        for &index in &changed {
            self.note_change(index, origin.clone());
        }
        Ok(changed)
    }

    fn note_change(&mut self, index: usize, origin: Origin) {
        if let Some(warning) = crate::load::deprecation(&C::__schema().leaves[index], &origin) {
            log_warning(&warning);
        }
        self.origins.as_mut()[index] = origin;
    }

    /// How the setting called `name` got its value: every source that gave
    /// it one (including those overridden), each raw value (redacted for a
    /// secret), whether it was accepted, and which one won and why.
    pub fn explain(&self, name: &str) -> Result<Explanation, UnknownSetting> {
        let index = index_of::<C>(name)?;
        Ok(explain::explain(self, index))
    }

    pub(crate) fn origin_at(&self, index: usize) -> &Origin {
        &self.origins.as_ref()[index]
    }

    pub(crate) fn values_mut(&mut self) -> &mut C {
        &mut self.values
    }

    pub(crate) fn set_origin(&mut self, index: usize, origin: Origin) {
        self.origins.as_mut()[index] = origin;
    }
}

fn log_warning(warning: &Warning) {
    log::warn!("{warning}");
}

/// The former name `name` of the setting at `index`, as the schema holds it.
fn alias_name<C: Settings>(index: usize, name: &str) -> &'static str {
    let leaf = &C::__schema().leaves[index];
    leaf.aliases.iter().find(|a| a.as_ref() == name).map_or(&*leaf.path, |a| a)
}

/// The index of `name`, or an error suggesting the closest known name.
pub(crate) fn index_of<C: Settings>(name: &str) -> Result<usize, UnknownSetting> {
    let schema: &Schema<C> = C::__schema();
    schema
        .index_of(name)
        .ok_or_else(|| UnknownSetting { name: name.to_owned(), suggestion: schema.known.suggest_path(name) })
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
            map.key(&state.name).value(&format_args!("{} ({})", state.shown(), state.origin.label()));
        }
        map.finish()
    }
}

/// One setting with its current value and origin.
#[derive(Clone, PartialEq)]
pub struct SettingState {
    /// The setting.
    pub setting: &'static SettingMeta,
    /// Its full name (`database.pool_size`).
    pub name: &'static str,
    /// Its variable.
    pub env: &'static str,
    /// Its value. For a secret setting this is the real value: show it with
    /// [`shown`](Self::shown), which redacts it.
    pub value: Value,
    /// Where the value came from.
    pub origin: Origin,
}

impl fmt::Debug for SettingState {
    /// A secret's value is redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SettingState")
            .field("name", &self.name)
            .field("env", &self.env)
            .field("value", &format_args!("{}", self.shown()))
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl SettingState {
    /// The value as it may be printed: in Rust notation, with control
    /// characters escaped, or `<redacted>` for a secret.
    pub fn shown(&self) -> String {
        self.shown_in(Notation::Rust)
    }

    /// [`shown`](Self::shown) in a given notation.
    pub fn shown_in(&self, notation: Notation) -> String {
        Shown::value(self.setting, &self.value, notation).into_string()
    }
}

impl Serialize for SettingState {
    /// `{"value": ..., "source": "file", "env": "...", "origin": {...}}`,
    /// secrets redacted.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("SettingState", 4)?;
        if self.setting.secret && self.value != Value::None {
            state.serialize_field("value", REDACTED)?;
        } else {
            state.serialize_field("value", &self.value)?;
        }
        state.serialize_field("source", self.origin.label())?;
        state.serialize_field("env", self.env)?;
        state.serialize_field("origin", &self.origin)?;
        state.end()
    }
}

impl<C: Settings> Serialize for Loaded<C> {
    /// One object keyed by full setting name.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(C::__LEAVES))?;
        for state in self.iter() {
            map.serialize_entry(state.name, &state)?;
        }
        map.end()
    }
}
