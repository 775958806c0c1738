//! [`Global`]: a process-wide, live settings instance: loaded on first use
//! (or by [`init`](Global::init)), read from many threads without locks,
//! changed by name or by `update`, reloaded from its sources, watched.

use std::fmt;
use std::ops::Deref;
use std::panic::Location;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::time::Duration;

use arc_swap::ArcSwap;
use arc_swap::cache::Cache;

use crate::Settings;
use crate::builder::Builder;
use crate::error::{Frozen, Problem, Problems, SetError, Shown, UnknownSetting, Warning};
use crate::explain::Explanation;
use crate::loaded::{Loaded, index_of};
use crate::origin::Origin;
use crate::value::Value;

/// A process-wide settings instance, as gevent's `config`.
///
/// ```
/// use config_core::{Global, Settings};
///
/// #[derive(Clone, Settings)]
/// #[settings(env_prefix = "DOC_GLOBAL_")]
/// pub struct App {
///     /// Seconds to wait.
///     #[setting(default = 1.5, positive)]
///     pub timeout: f64,
/// }
///
/// static APP: Global<App> = Global::new();
///
/// APP.set("timeout", "2.5").unwrap();
/// assert_eq!(APP.get().timeout, 2.5);
/// ```
///
/// # Loading
///
/// [`init`](Self::init) loads from a [`Builder`]'s sources and fails with
/// every problem; call it at start. Without it, the first read loads from
/// the process environment. A value that first load rejects is replaced by
/// its default, and every problem is written to standard error (whether or
/// not a logger is installed) and logged; [`Global::strict`] panics with
/// the full report instead. Either way a bad environment never goes
/// unnoticed.
///
/// # Reads
///
/// Every change publishes a new immutable snapshot; a read takes no lock.
/// [`get`](Self::get) returns a [`Snapshot`] (an `arc-swap` guard); a
/// thread that reads in a loop keeps a [`Reader`], whose reads cost a
/// pointer comparison. Snapshots no reader holds are freed.
///
/// # Changes
///
/// `set`, `update`, [`reload`](Self::reload) and
/// [`load_from`](Self::load_from) validate the whole new configuration
/// before publishing it; a rejected change publishes nothing. Values set in
/// code stay set across reloads. Subscribers ([`subscribe`](Self::subscribe),
/// [`on_change`](Self::on_change)) hear of every change. A setting marked
/// `frozen`, once read with [`read`](Self::read), refuses to change, and the
/// error says where it was first read.
pub struct Global<C: Settings> {
    current: OnceLock<ArcSwap<Loaded<C>>>,
    state: Mutex<State<C>>,
    first_reads: OnceLock<Box<[OnceLock<&'static Location<'static>>]>>,
    version: AtomicU64,
    strict: bool,
}

/// A change callback: its id, the settings it watches (empty: all), and
/// the function.
type Callback = (u64, Vec<usize>, Arc<dyn Fn(&Changes) + Send + Sync>);

/// What writers share: the sources to reload from, the values set in code,
/// and who is listening.
struct State<C: Settings> {
    builder: Option<Builder<C>>,
    overrides: Vec<(usize, Value, &'static Location<'static>)>,
    subscribers: Vec<Weak<Slot>>,
    callbacks: Vec<Callback>,
    next_callback: u64,
    first_problems: Vec<Problem>,
}

impl<C: Settings> Global<C> {
    /// An instance that loads from the process environment on first use,
    /// reporting any problem on standard error and using the default.
    pub const fn new() -> Self {
        Self::with_policy(false)
    }

    /// An instance that loads from the process environment on first use and
    /// panics, with the full report, if anything in it is invalid.
    pub const fn strict() -> Self {
        Self::with_policy(true)
    }

    const fn with_policy(strict: bool) -> Self {
        Global {
            current: OnceLock::new(),
            state: Mutex::new(State {
                builder: None,
                overrides: Vec::new(),
                subscribers: Vec::new(),
                callbacks: Vec::new(),
                next_callback: 0,
                first_problems: Vec::new(),
            }),
            first_reads: OnceLock::new(),
            version: AtomicU64::new(0),
            strict,
        }
    }

    /// Loads from `builder`'s sources, strictly: any problem in any source
    /// fails, and nothing is published. The sources are kept for
    /// [`reload`](Self::reload). Call it once, at start, before reading.
    pub fn init(&self, builder: Builder<C>) -> Result<Snapshot<C>, Problems> {
        let mut state = self.lock();
        let loaded = builder.load();
        state.builder = Some(builder);
        let loaded = loaded?;
        match self.current.get() {
            Some(current) => {
                let old = current.load_full();
                self.publish(&mut state, &old, loaded);
            }
            None => {
                let _ = self.current.set(ArcSwap::from_pointee(loaded));
            }
        }
        drop(state);
        Ok(self.get())
    }

    /// The current settings, loaded on first use.
    pub fn get(&self) -> Snapshot<C> {
        Snapshot(self.swap().load())
    }

    /// A handle for a thread that reads often: its reads cost a pointer
    /// comparison while nothing changes.
    pub fn reader(&self) -> Reader<'_, C> {
        Reader { global: self, cache: Cache::new(self.swap()) }
    }

    /// Reads a value through `pick` (`|c| &c.event_loop`), recording the
    /// caller as the first reader of the settings it reaches: a `frozen`
    /// setting read this way refuses every later change, naming this place.
    #[track_caller]
    pub fn read<T: Clone>(&self, pick: impl FnOnce(&C) -> &T) -> T {
        let snapshot = self.get();
        let value = pick(snapshot.values());
        self.note_read(snapshot.values(), std::ptr::from_ref(value).addr(), size_of::<T>(), Location::caller());
        value.clone()
    }

    fn note_read(&self, values: &C, at: usize, size: usize, location: &'static Location<'static>) {
        let schema = C::__schema();
        let reads = self.first_reads();
        for (index, ops) in schema.ops.iter().enumerate() {
            if !schema.leaves[index].setting.frozen {
                continue;
            }
            let (field, field_size) = ops.span(values);
            // The reference is the field, or a struct (a group) holding it.
            if at <= field && field + field_size <= at + size.max(1) {
                let _ = reads[index].set(location);
            }
        }
    }

    fn first_reads(&self) -> &[OnceLock<&'static Location<'static>>] {
        self.first_reads.get_or_init(|| (0..C::__LEAVES).map(|_| OnceLock::new()).collect())
    }

    /// Where the setting at `index` was first read, if it is frozen and was.
    fn frozen_at(&self, index: usize) -> Option<&'static Location<'static>> {
        let frozen = C::__schema().leaves[index].setting.frozen;
        if frozen { self.first_reads().get(index).and_then(|r| r.get().copied()) } else { None }
    }

    /// Sets the setting called `name`, as [`Loaded::set`] does.
    #[track_caller]
    pub fn set(&self, name: &str, value: impl Into<Value>) -> Result<(), SetError>
    where
        C: Clone,
    {
        let (value, location) = (value.into(), Location::caller());
        let index = index_of::<C>(name)?;
        let swap = self.swap();
        let mut state = self.lock();
        let current = swap.load_full();
        let mut next = Arc::clone(&current);
        // A copy made in place, in the snapshot it is published as.
        let draft = Arc::make_mut(&mut next);
        draft.set_index(index, name, value.clone(), location)?;
        self.refuse_frozen(&current, draft, &[index]).map_err(SetError::Frozen)?;
        state.overrides.retain(|(i, _, _)| *i != index);
        if draft.origin_at(index).kind() == crate::OriginKind::Code {
            state.overrides.push((index, value, location));
        }
        self.publish_at(&mut state, &current, next, &[index]);
        Ok(())
    }

    /// Restores the default of the setting called `name` (and forgets a
    /// value set in code).
    pub fn reset(&self, name: &str) -> Result<(), SetError>
    where
        C: Clone,
    {
        let index = index_of::<C>(name)?;
        let swap = self.swap();
        let mut state = self.lock();
        let current = swap.load_full();
        let mut next = Arc::clone(&current);
        let draft = Arc::make_mut(&mut next);
        draft.reset(name)?;
        self.refuse_frozen(&current, draft, &[index]).map_err(SetError::Frozen)?;
        state.overrides.retain(|(i, _, _)| *i != index);
        self.publish_at(&mut state, &current, next, &[index]);
        Ok(())
    }

    /// Changes several settings at once, all or nothing, as
    /// [`Loaded::update`] does. Do not call `set` or `update` on the same
    /// `Global` from inside `change`.
    #[track_caller]
    pub fn update(&self, change: impl FnOnce(&mut C)) -> Result<(), Problems>
    where
        C: Clone,
    {
        let location = Location::caller();
        let swap = self.swap();
        let mut state = self.lock();
        let current = swap.load_full();
        let mut next = Arc::clone(&current);
        let draft = Arc::make_mut(&mut next);
        let changed = draft.update_at(change, location)?;
        if let Err(frozen) = self.refuse_frozen(&current, draft, &changed) {
            return Err(Problems::frozen(vec![frozen]));
        }
        let ops = &C::__schema().ops;
        for &index in &changed {
            state.overrides.retain(|(i, _, _)| *i != index);
            state.overrides.push((index, ops[index].get(draft.values()), location));
        }
        self.publish_at(&mut state, &current, next, &changed);
        Ok(())
    }

    /// The first frozen setting among `indices` that changes and was read.
    fn refuse_frozen(&self, old: &Loaded<C>, new: &Loaded<C>, indices: &[usize]) -> Result<(), Frozen> {
        let schema = C::__schema();
        for &index in indices {
            if let Some(read_at) = self.frozen_at(index)
                && !schema.ops[index].same(old.values(), new.values())
            {
                return Err(Frozen { setting: &schema.leaves[index].path, read_at });
            }
        }
        Ok(())
    }

    /// Reads every source again and, if the whole new configuration is
    /// valid, publishes it in one step (readers see the old one or the new
    /// one, never a mix). Values set in code stay. A frozen setting that was
    /// read keeps its value, and is reported in [`Changes::refused`]. If
    /// anything is invalid, the current configuration stays and every
    /// problem is returned.
    pub fn reload(&self) -> Result<Changes, Problems>
    where
        C: Clone,
    {
        self.swap();
        let mut state = self.lock();
        let report = match &state.builder {
            Some(builder) => builder.load_report(),
            None => Builder::<C>::new().env().load_report(),
        };
        let loaded = report.into_result()?;
        Ok(self.replace(&mut state, loaded))
    }

    /// Replaces the configuration with one loaded from `builder`'s sources
    /// (kept for later reloads), if it is valid, as [`reload`](Self::reload)
    /// does.
    pub fn load_from(&self, builder: Builder<C>) -> Result<Changes, Problems>
    where
        C: Clone,
    {
        self.swap();
        let mut state = self.lock();
        let loaded = builder.load()?;
        state.builder = Some(builder);
        Ok(self.replace(&mut state, loaded))
    }

    /// Publishes `loaded` with the code's values applied and frozen values
    /// kept.
    fn replace(&self, state: &mut State<C>, mut loaded: Loaded<C>) -> Changes
    where
        C: Clone,
    {
        let schema = C::__schema();
        let Some(current) = self.current.get().map(ArcSwap::load_full) else {
            let changes = Changes { version: self.version.fetch_add(1, Ordering::AcqRel) + 1, ..Changes::default() };
            let _ = self.current.set(ArcSwap::from_pointee(loaded));
            return changes;
        };
        for (index, value, location) in &state.overrides {
            let setting = schema.leaves[*index].setting;
            // A value set in code passed these checks when it was set.
            if schema.ops[*index].set(loaded.values_mut(), value.clone(), setting).is_ok() {
                loaded.set_origin(*index, Origin::Code { location });
            }
        }
        let mut refused = Vec::new();
        for (index, ops) in schema.ops.iter().enumerate() {
            if let Some(read_at) = self.frozen_at(index)
                && !ops.same(current.values(), loaded.values())
            {
                ops.copy(current.values(), loaded.values_mut());
                loaded.set_origin(index, current.origin_at(index));
                refused.push(Frozen { setting: &schema.leaves[index].path, read_at });
            }
        }
        let warnings = loaded.warnings().to_vec();
        let mut changes = self.publish(state, &current, loaded);
        changes.refused = refused;
        changes.warnings = warnings;
        changes
    }

    /// Replaces the settings with `loaded` as they are (no code values, no
    /// frozen checks): for tests and tools.
    pub fn install(&self, loaded: Loaded<C>) {
        let mut state = self.lock();
        state.overrides.clear();
        match self.current.get() {
            Some(current) => {
                let old = current.load_full();
                self.publish(&mut state, &old, loaded);
            }
            None => {
                let _ = self.current.set(ArcSwap::from_pointee(loaded));
            }
        }
    }

    /// The value of the setting called `name`.
    pub fn value(&self, name: &str) -> Result<Value, UnknownSetting> {
        self.get().get(name)
    }

    /// Where the value of the setting called `name` came from.
    pub fn origin(&self, name: &str) -> Result<Origin, UnknownSetting> {
        self.get().origin(name)
    }

    /// How the setting called `name` got its value.
    pub fn explain(&self, name: &str) -> Result<Explanation, UnknownSetting> {
        self.get().explain(name)
    }

    /// What the first load rejected (and replaced by defaults).
    pub fn first_load_problems(&self) -> Vec<Problem> {
        self.swap();
        self.lock().first_problems.clone()
    }

    /// The files and directories the sources read, to watch for changes.
    pub fn watch_paths(&self) -> Vec<std::path::PathBuf> {
        self.lock().builder.as_ref().map(Builder::watch_paths).unwrap_or_default()
    }

    /// How many changes have been published.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// A receiver of changes to the settings called `names` (all settings
    /// when `names` is empty). Unknown names are an error.
    pub fn subscribe(&self, names: &[&str]) -> Result<Subscription, UnknownSetting> {
        let filter = names.iter().map(|n| index_of::<C>(n)).collect::<Result<Vec<_>, _>>()?;
        let slot = Arc::new(Slot { filter, pending: Mutex::new(None), ready: Condvar::new() });
        let mut state = self.lock();
        state.subscribers.retain(|s| s.strong_count() > 0);
        state.subscribers.push(Arc::downgrade(&slot));
        Ok(Subscription { slot })
    }

    /// Calls `callback` after every change to the settings called `names`
    /// (all when empty), on the thread that made the change, after it is
    /// published. Returns an id for [`remove_callback`](Self::remove_callback).
    pub fn on_change(
        &self,
        names: &[&str],
        callback: impl Fn(&Changes) + Send + Sync + 'static,
    ) -> Result<u64, UnknownSetting> {
        let filter = names.iter().map(|n| index_of::<C>(n)).collect::<Result<Vec<_>, _>>()?;
        let mut state = self.lock();
        let id = state.next_callback;
        state.next_callback += 1;
        state.callbacks.push((id, filter, Arc::new(callback)));
        Ok(id)
    }

    /// Stops calling the callback `id`.
    pub fn remove_callback(&self, id: u64) {
        self.lock().callbacks.retain(|(i, _, _)| *i != id);
    }

    /// The published snapshots, loading the first on first use.
    fn swap(&self) -> &ArcSwap<Loaded<C>> {
        if let Some(current) = self.current.get() {
            return current;
        }
        self.first_load()
    }

    #[cold]
    fn first_load(&self) -> &ArcSwap<Loaded<C>> {
        let mut state = self.lock();
        if let Some(current) = self.current.get() {
            return current; // another thread finished the first load
        }
        let report = match &state.builder {
            Some(builder) => builder.load_report(),
            // As a reload without a builder does: the same sources, so that
            // `explain` names the environment.
            None => Builder::<C>::new().env().load_report(),
        };
        let lines: Vec<String> = report
            .sources
            .iter()
            .map(ToString::to_string)
            .chain(report.problems.iter().map(ToString::to_string))
            .collect();
        if !lines.is_empty() {
            let report_text = format!(
                "invalid configuration of `{}` ({} problem(s)); each setting named keeps its value from a lower source or its default:\n  - {}",
                C::META.name,
                lines.len(),
                lines.join("\n  - ")
            );
            // Paths, a parser's message and a validator's text come from
            // input: printed, they are escaped like every other output.
            let report_text = crate::escape::terminal_lines(&report_text);
            if self.strict {
                panic!("{report_text}");
            }
            // Written whether or not a logger is installed: never silent.
            eprintln!("warning: {report_text}");
            log::error!("{report_text}");
        }
        state.first_problems = report.problems.clone();
        let loaded = match report.settings {
            Some(loaded) => loaded,
            None => fallback::<C>(&report.problems),
        };
        let _ = self.current.set(ArcSwap::from_pointee(loaded));
        drop(state);
        self.current.get().unwrap_or_else(|| unreachable!("set above"))
    }

    /// Swaps in `new` and tells whoever listens what changed.
    fn publish(&self, state: &mut State<C>, old: &Loaded<C>, new: Loaded<C>) -> Changes {
        let changes = diff(old, &new, 0..C::__LEAVES, self.version.load(Ordering::Acquire) + 1);
        self.publish_changes(state, Arc::new(new), changes)
    }

    /// Swaps in `new`, which differs from `old` at most at `indices`, and
    /// tells whoever listens what changed (worked out only if someone does).
    fn publish_at(&self, state: &mut State<C>, old: &Loaded<C>, new: Arc<Loaded<C>>, indices: &[usize]) {
        let version = self.version.load(Ordering::Acquire) + 1;
        let changes = if state.subscribers.is_empty() && state.callbacks.is_empty() {
            Changes { version, ..Changes::default() }
        } else {
            diff(old, &new, indices.iter().copied(), version)
        };
        self.publish_changes(state, new, changes);
    }

    fn publish_changes(&self, state: &mut State<C>, new: Arc<Loaded<C>>, changes: Changes) -> Changes {
        match self.current.get() {
            Some(current) => current.store(new),
            None => drop(self.current.set(ArcSwap::new(new))),
        }
        self.version.fetch_add(1, Ordering::AcqRel);
        if changes.changed.is_empty() {
            return changes;
        }
        state.subscribers.retain(|s| s.strong_count() > 0);
        for slot in state.subscribers.iter().filter_map(Weak::upgrade) {
            slot.offer(&changes);
        }
        for (_, filter, callback) in &state.callbacks {
            if changes.touches(filter) {
                callback(&changes);
            }
        }
        changes
    }

    fn lock(&self) -> MutexGuard<'_, State<C>> {
        // A panic in a writer's closure happens before anything is
        // published, so the state is whole even when poisoned.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<C: Settings> Default for Global<C> {
    fn default() -> Self {
        Self::new()
    }
}

/// The configuration when the first load cannot give every setting a
/// value: the defaults, which must exist.
fn fallback<C: Settings>(problems: &[Problem]) -> Loaded<C> {
    match Loaded::<C>::defaults() {
        Ok(defaults) => defaults,
        Err(defaults) => panic!(
            "`{}` has no usable configuration: {}; and its defaults cannot be built: {defaults}",
            C::META.name,
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
        ),
    }
}

/// The settings among `indices` whose value or origin differ.
fn diff<C: Settings>(old: &Loaded<C>, new: &Loaded<C>, indices: impl Iterator<Item = usize>, version: u64) -> Changes {
    let schema = C::__schema();
    let changed = indices
        .filter(|&i| !schema.ops[i].same(old.values(), new.values()) || !old.same_origin(new, i))
        .map(|i| {
            let (setting, notation) = (schema.leaves[i].setting, C::META.notation);
            let shown =
                |loaded: &Loaded<C>| Shown::value(setting, &schema.ops[i].get(loaded.values()), notation).into_string();
            Change {
                index: i,
                setting: &schema.leaves[i].path,
                old: old.origin_at(i),
                new: new.origin_at(i),
                was: shown(old),
                now: shown(new),
            }
        })
        .collect();
    Changes { version, changed, ..Changes::default() }
}

/// What one change published.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// The number of the change ([`Global::version`] after it).
    pub version: u64,
    /// The settings whose value or origin changed.
    pub changed: Vec<Change>,
    /// Frozen settings a reload would have changed, kept as they were.
    pub refused: Vec<Frozen>,
    /// What the reload found worth a word (unknown names, deprecated
    /// settings in use, optional sources skipped); also logged.
    pub warnings: Vec<Warning>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }

    /// The names of the settings that changed.
    pub fn names(&self) -> Vec<&'static str> {
        self.changed.iter().map(|c| c.setting).collect()
    }

    fn touches(&self, filter: &[usize]) -> bool {
        filter.is_empty() || self.changed.iter().any(|c| filter.contains(&c.index))
    }

    /// Adds a later change to this one: the union of what changed, each
    /// setting from its first old origin to its last new one.
    fn merge(&mut self, later: &Changes) {
        self.version = later.version;
        for change in &later.changed {
            match self.changed.iter_mut().find(|c| c.index == change.index) {
                Some(existing) => existing.new = change.new.clone(),
                None => self.changed.push(change.clone()),
            }
        }
        self.refused.extend(later.refused.iter().cloned());
        self.warnings.clone_from(&later.warnings);
    }
}

/// One setting that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    index: usize,
    /// Its full name.
    pub setting: &'static str,
    /// Where its value came from before.
    pub old: Origin,
    /// Where it comes from now.
    pub new: Origin,
    /// Its value before, as it may be shown (redacted for a secret).
    pub was: String,
    /// Its value now, as it may be shown (redacted for a secret).
    pub now: String,
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for change in &self.changed {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            // Shown values are escaped already.
            let (was, now) = (&change.was, &change.now);
            if was == now {
                write!(f, "{} = {now}, now from {} (was {})", change.setting, change.new, change.old)?;
            } else {
                write!(f, "{}: {was} -> {now} ({})", change.setting, change.new)?;
            }
        }
        for refused in &self.refused {
            write!(f, "{}{refused}", if first { "" } else { "; " })?;
            first = false;
        }
        if first {
            f.write_str("nothing changed")?;
        }
        Ok(())
    }
}

struct Slot {
    filter: Vec<usize>,
    pending: Mutex<Option<Changes>>,
    ready: Condvar,
}

impl Slot {
    fn offer(&self, changes: &Changes) {
        if !changes.touches(&self.filter) {
            return;
        }
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        match pending.as_mut() {
            Some(earlier) => earlier.merge(changes),
            None => *pending = Some(changes.clone()),
        }
        self.ready.notify_all();
    }
}

/// A receiver of changes, as [`Global::subscribe`] makes: changes not yet
/// received are merged into one, so a slow receiver never falls behind or
/// holds more than one set of changes.
pub struct Subscription {
    slot: Arc<Slot>,
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription").finish_non_exhaustive()
    }
}

impl Subscription {
    /// The changes since the last call, if there are any.
    pub fn try_recv(&self) -> Option<Changes> {
        self.slot.pending.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Waits for changes.
    pub fn recv(&self) -> Changes {
        let mut pending = self.slot.pending.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(changes) = pending.take() {
                return changes;
            }
            pending = self.slot.ready.wait(pending).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Waits for changes, at most `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Changes> {
        let pending = self.slot.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut pending, _) = self
            .slot
            .ready
            .wait_timeout_while(pending, timeout, |p| p.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        pending.take()
    }
}

/// A published configuration, held for as long as it is read: a later
/// change publishes a new one and never alters this one.
pub struct Snapshot<C: Settings>(arc_swap::Guard<Arc<Loaded<C>>>);

impl<C: Settings> Snapshot<C> {
    /// The snapshot as an `Arc`, to keep beyond a short read.
    pub fn into_arc(self) -> Arc<Loaded<C>> {
        arc_swap::Guard::into_inner(self.0)
    }
}

impl<C: Settings> Deref for Snapshot<C> {
    type Target = Loaded<C>;

    fn deref(&self) -> &Loaded<C> {
        &self.0
    }
}

impl<C: Settings> fmt::Debug for Snapshot<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A thread's handle on a [`Global`] for frequent reads: it keeps the
/// current snapshot and checks, with one atomic load, whether it is still
/// current.
pub struct Reader<'a, C: Settings> {
    global: &'a Global<C>,
    cache: Cache<&'a ArcSwap<Loaded<C>>, Arc<Loaded<C>>>,
}

impl<C: Settings> Reader<'_, C> {
    /// The current settings.
    pub fn get(&mut self) -> &Loaded<C> {
        self.cache.load()
    }

    /// As [`Global::read`]: reads through `pick`, recording the caller as
    /// the first reader of the frozen settings it reaches.
    #[track_caller]
    pub fn read<T: Clone>(&mut self, pick: impl FnOnce(&C) -> &T) -> T {
        let location = Location::caller();
        let global = self.global;
        let loaded = self.cache.load();
        let value = pick(loaded.values());
        global.note_read(loaded.values(), std::ptr::from_ref(value).addr(), size_of::<T>(), location);
        value.clone()
    }
}
