//! [`Loaded`]: a settings struct together with where each of its values
//! came from, and the dynamic API (`get`, `set`, `reset`, `update`,
//! `explain` by name).

use std::fmt;
use std::mem::MaybeUninit;
use std::ops::Deref;
use std::panic::Location;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::Settings;
use crate::error::{Problem, Problems, REDACTED, SetError, Shown, SourceError, UnknownSetting, Warning};
use crate::explain::{self, Explanation};
use crate::layer::{Layer, Provider};
use crate::load::{Collected, LoadCx, load_struct};
use crate::meta::{Leaf, Notation, SettingMeta};
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
    origins: Origins,
    sources: Sources,
    warnings: Vec<Warning>,
}

/// Where each value came from, by the setting's index, kept small: a value
/// from the setting's own environment variable is a bit, a default is
/// nothing, and only the other origins are listed (in the order of the
/// settings). Loading from the environment allocates nothing for them, and
/// a copy is cheap.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Origins {
    /// Bit `i`: the setting at `i` has its value from its own variable.
    env: Bits,
    /// Every other origin that is not the default.
    other: Listed,
}

/// The origins listed by index, in order: one (a value set in code, the
/// usual case) kept without allocating, so that a change through a `Global`
/// copies it for free.
#[derive(Debug, Clone, Default, PartialEq)]
enum Listed {
    #[default]
    None,
    One([(usize, Origin); 1]),
    Many(Vec<(usize, Origin)>),
}

impl Listed {
    fn as_slice(&self) -> &[(usize, Origin)] {
        match self {
            Listed::None => &[],
            Listed::One(one) => one,
            Listed::Many(all) => all,
        }
    }

    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    fn find(&self, index: usize) -> Result<usize, usize> {
        self.as_slice().binary_search_by_key(&index, |(i, _)| *i)
    }

    fn last(&self) -> Option<&(usize, Origin)> {
        self.as_slice().last()
    }

    fn set(&mut self, at: usize, origin: Origin) {
        match self {
            Listed::None => {}
            Listed::One([(_, old)]) => *old = origin,
            Listed::Many(all) => all[at].1 = origin,
        }
    }

    fn insert(&mut self, at: usize, entry: (usize, Origin)) {
        *self = match std::mem::take(self) {
            Listed::None => Listed::One([entry]),
            Listed::One([one]) => Listed::Many(if at == 0 { vec![entry, one] } else { vec![one, entry] }),
            Listed::Many(mut all) => {
                all.insert(at, entry);
                Listed::Many(all)
            }
        };
    }

    /// Adds an entry at the end, with room for `more` in all if a list is
    /// made.
    fn push(&mut self, entry: (usize, Origin), more: usize) {
        *self = match std::mem::take(self) {
            Listed::None => Listed::One([entry]),
            Listed::One([one]) => {
                let mut all = Vec::with_capacity(more + 1);
                all.extend([one, entry]);
                Listed::Many(all)
            }
            Listed::Many(mut all) => {
                all.push(entry);
                Listed::Many(all)
            }
        };
    }

    fn remove(&mut self, at: usize) {
        match self {
            Listed::None => {}
            Listed::One(_) => *self = Listed::None,
            Listed::Many(all) => drop(all.remove(at)),
        }
    }
}

/// A set of small numbers: the first 128 without allocating.
#[derive(Debug, Clone, Default, PartialEq)]
struct Bits {
    first: u128,
    rest: Vec<u128>,
}

impl Bits {
    fn get(&self, i: usize) -> bool {
        let word = if i < 128 { self.first } else { self.rest.get(i / 128 - 1).copied().unwrap_or(0) };
        word >> (i % 128) & 1 == 1
    }

    fn set(&mut self, i: usize, on: bool) {
        let word = if i < 128 {
            &mut self.first
        } else {
            let at = i / 128 - 1;
            if self.rest.len() <= at {
                self.rest.resize(at + 1, 0);
            }
            &mut self.rest[at]
        };
        *word = *word & !(1 << (i % 128)) | u128::from(on) << (i % 128);
    }
}

impl Origins {
    /// The origin of the setting at `index` of `leaves`.
    pub(crate) fn get(&self, index: usize, leaves: &'static [Leaf]) -> Origin {
        if self.env.get(index) {
            return Origin::Env { var: &leaves[index].env };
        }
        self.listed(index).cloned().unwrap_or(Origin::Default)
    }

    /// Whether the setting at `index` has the same origin in both.
    pub(crate) fn same_at(&self, other: &Origins, index: usize) -> bool {
        self.env.get(index) == other.env.get(index)
            && (self.other.is_empty() && other.other.is_empty() || self.listed(index) == other.listed(index))
    }

    /// The origin of the setting at `index`, if it is listed.
    fn listed(&self, index: usize) -> Option<&Origin> {
        self.other.find(index).ok().map(|at| &self.other.as_slice()[at].1)
    }

    /// Records the origin of the setting at `index` of `leaves`.
    pub(crate) fn set(&mut self, index: usize, origin: Origin, leaves: &'static [Leaf]) {
        let own_variable = is_own_variable(&origin, &leaves[index]);
        self.env.set(index, own_variable);
        match (self.other.find(index), origin) {
            (Ok(found), _) if own_variable => self.other.remove(found),
            (Ok(found), Origin::Default) => self.other.remove(found),
            (Ok(found), origin) => self.other.set(found, origin),
            (Err(_), _) if own_variable => {}
            (Err(_), Origin::Default) => {}
            (Err(at), origin) => self.other.insert(at, (index, origin)),
        }
    }

    /// Records the origin of the setting at `index` of `leaves`, after
    /// every setting recorded so far (as a load does, in order).
    pub(crate) fn push(&mut self, index: usize, origin: Origin, leaves: &'static [Leaf]) {
        match (&origin, self.other.last()) {
            (Origin::Env { .. }, _) if is_own_variable(&origin, &leaves[index]) => self.env.set(index, true),
            (Origin::Default, _) => {}
            (_, Some((last, _))) if *last >= index => self.set(index, origin, leaves),
            // The settings after this one may all come from the same layer:
            // room for them, once.
            _ => self.other.push((index, origin), leaves.len() - index),
        }
    }
}

/// Whether `origin` is the setting's own variable (usually the very string
/// the leaf holds, so the text is compared only when it is not).
fn is_own_variable(origin: &Origin, leaf: &Leaf) -> bool {
    match origin {
        Origin::Env { var } => std::ptr::eq(*var, &*leaf.env) || *var == &*leaf.env,
        _ => false,
    }
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
    /// A snapshot of the one layer.
    One(LayerEntry),
    /// Snapshots of the layers, lowest rank first.
    Layers(Arc<[LayerEntry]>),
}

impl Sources {
    /// The layers, lowest rank first.
    pub(crate) fn entries(&self) -> &[LayerEntry] {
        match self {
            Sources::Unknown | Sources::ProcessEnv => &[],
            Sources::One(entry) => std::slice::from_ref(entry),
            Sources::Layers(all) => all,
        }
    }
}

/// One layer a configuration was loaded from, and the source it was read
/// from (which names it).
#[derive(Clone)]
pub(crate) struct LayerEntry {
    pub(crate) provider: Arc<dyn Provider>,
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
        let mut origins = Origins::default();
        let mut out = Collected::default();
        // Loaded in place: a struct of settings is large, and every move of
        // it costs a copy.
        let mut loaded = MaybeUninit::<Loaded<C>>::uninit();
        let place = loaded.as_mut_ptr();
        let mut cx = LoadCx::new(layers, schema.leaves, schema.keys, &mut origins, &mut out, C::META.notation);
        // SAFETY: `values` is the place of a `C`, uninitialised.
        let complete = unsafe { load_struct(&mut cx, schema, &raw mut (*place).values) };
        if scan_unknown {
            for layer in layers {
                layer.unknown(&schema.known, &mut out.warnings);
            }
        }
        for warning in &out.warnings {
            log::warn!("{warning}");
        }
        let Collected { problems, warnings } = out;
        let mut report = Report { settings: None, problems, sources: Vec::new(), warnings, unknown: Vec::new() };
        if complete {
            // SAFETY: `values` is initialised (`load_struct` says so), and
            // so is every other field now.
            report.settings = Some(unsafe {
                (&raw mut (*place).origins).write(origins);
                (&raw mut (*place).sources).write(Sources::Unknown);
                (&raw mut (*place).warnings).write(report.warnings.clone());
                loaded.assume_init()
            });
        }
        report
    }

    /// Keeps the layers the configuration was loaded from, for `explain`.
    pub(crate) fn set_sources(&mut self, sources: Sources, warnings: Vec<Warning>) {
        self.sources = sources;
        self.warnings = warnings;
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
        Ok(self.origins.get(index_of::<C>(name)?, C::__schema().leaves))
    }

    /// Every setting with its value and origin, in load order.
    pub fn iter(&self) -> impl Iterator<Item = SettingState> + '_ {
        let schema = C::__schema();
        schema.leaves.iter().zip(&schema.ops).enumerate().map(|(index, (leaf, ops))| SettingState {
            setting: leaf.setting,
            name: &leaf.path,
            env: &leaf.env,
            value: ops.get(&self.values),
            origin: self.origins.get(index, schema.leaves),
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
        let index = index_of::<C>(name)?;
        self.set_index(index, name, value, location)
    }

    /// Sets the setting at `index`, called `name` (its name or a former
    /// one).
    pub(crate) fn set_index(
        &mut self,
        index: usize,
        name: &str,
        value: Value,
        location: &'static Location<'static>,
    ) -> Result<(), SetError> {
        let schema = C::__schema();
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
        self.origins.set(index, Origin::Default, schema.leaves);
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
        self.origins.set(index, origin, C::__schema().leaves);
    }

    /// How the setting called `name` got its value: every source that gave
    /// it one (including those overridden), each raw value (redacted for a
    /// secret), whether it was accepted, and which one won and why.
    pub fn explain(&self, name: &str) -> Result<Explanation, UnknownSetting> {
        let index = index_of::<C>(name)?;
        Ok(explain::explain(self, index))
    }

    pub(crate) fn origin_at(&self, index: usize) -> Origin {
        self.origins.get(index, C::__schema().leaves)
    }

    /// Whether the setting at `index` has the same origin in both.
    pub(crate) fn same_origin(&self, other: &Loaded<C>, index: usize) -> bool {
        self.origins.same_at(&other.origins, index)
    }

    pub(crate) fn values_mut(&mut self) -> &mut C {
        &mut self.values
    }

    pub(crate) fn set_origin(&mut self, index: usize, origin: Origin) {
        self.origins.set(index, origin, C::__schema().leaves);
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
