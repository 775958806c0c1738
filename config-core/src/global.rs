//! [`Global`]: a process-wide settings instance, loaded from the environment
//! on first use, read from many threads, changed by name or by `update`.

use std::marker::PhantomData;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::Settings;
use crate::error::{Origin, Problem, Problems, SetError, UnknownSetting, Warning};
use crate::loaded::Loaded;
use crate::source::{Env, Source};
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
/// # How reads stay cheap
///
/// Every change publishes a new immutable snapshot through one atomic
/// pointer; a read is one acquire load of that pointer, and takes no lock.
/// Writers serialise on a mutex that readers never touch. A snapshot, once
/// published, is kept until the `Global` is dropped (for a `static`, until
/// the process exits), because a reader may still hold a reference to it:
/// each successful change keeps one more snapshot alive. That suits settings
/// changed at start-up and now and then, as gevent documents; a program
/// that reconfigures continuously should keep its own `Loaded` behind an
/// `ArcSwap` instead.
pub struct Global<C: Settings> {
    current: AtomicPtr<Loaded<C>>,
    // Owns every snapshot ever published (boxed, so they never move) and
    // serialises writers. Readers never lock it.
    snapshots: Mutex<Vec<Box<Loaded<C>>>>,
    _owns: PhantomData<Loaded<C>>,
}

impl<C: Settings> Global<C> {
    /// An instance that loads from the process environment on first use.
    pub const fn new() -> Self {
        Global { current: AtomicPtr::new(ptr::null_mut()), snapshots: Mutex::new(Vec::new()), _owns: PhantomData }
    }

    /// The current settings, loaded from the environment on first use.
    ///
    /// An invalid variable does not stop the first load: its default is kept
    /// and the problem is logged through the `log` facade (call
    /// [`Loaded::from_env`] first to fail on it instead).
    ///
    /// # Panics
    ///
    /// If a setting's *default* cannot be built, which is a bug in the
    /// settings struct (an importable default naming nothing registered).
    pub fn get(&self) -> &Loaded<C> {
        let current = self.current.load(Ordering::Acquire);
        if current.is_null() {
            return self.first_load();
        }
        // SAFETY: `current` points into a box owned by `self.snapshots`,
        // which only ever grows while `self` lives, and boxes do not move.
        unsafe { &*current }
    }

    #[cold]
    fn first_load(&self) -> &Loaded<C> {
        let mut snapshots = self.lock();
        let loaded = match snapshots.last() {
            // Another thread finished the first load while we waited.
            Some(_) => None,
            None => Some(lenient_load::<C>(&Env).0),
        };
        match loaded {
            Some(loaded) => self.publish(&mut snapshots, loaded),
            None => self.published(&snapshots),
        }
    }

    /// Sets the setting called `name`, as [`Loaded::set`] does.
    pub fn set(&self, name: &str, value: impl Into<Value>) -> Result<(), SetError>
    where
        C: Clone,
    {
        let value = value.into();
        self.change(|draft| draft.set(name, value))
    }

    /// Restores the default of the setting called `name`.
    pub fn reset(&self, name: &str) -> Result<(), SetError>
    where
        C: Clone,
    {
        self.change(|draft| draft.reset(name))
    }

    /// Changes several settings at once, all or nothing, as
    /// [`Loaded::update`] does. Do not call `set` or `update` on the same
    /// `Global` from inside `change`.
    pub fn update(&self, change: impl FnOnce(&mut C)) -> Result<(), Problems>
    where
        C: Clone,
    {
        self.change(|draft| draft.update(change))
    }

    /// Replaces the settings with `loaded` (loaded from another source, say).
    pub fn install(&self, loaded: Loaded<C>) {
        let mut snapshots = self.lock();
        self.publish(&mut snapshots, loaded);
    }

    /// Replaces the settings with those of `source`, as the first load does
    /// with the environment: a rejected value keeps its default and is
    /// logged. Returns what was rejected and what deserves a warning.
    ///
    /// # Panics
    ///
    /// As [`get`](Self::get), if a default cannot be built.
    pub fn load_from<S: Source>(&self, source: &S) -> (Vec<Problem>, Vec<Warning>) {
        let (loaded, problems, warnings) = lenient_load::<C>(source);
        self.install(loaded);
        (problems, warnings)
    }

    /// The value of the setting called `name`.
    pub fn value(&self, name: &str) -> Result<Value, UnknownSetting> {
        self.get().get(name)
    }

    /// Where the value of the setting called `name` came from.
    pub fn origin(&self, name: &str) -> Result<Origin, UnknownSetting> {
        self.get().origin(name)
    }

    /// Copies the current snapshot, applies `edit`, and publishes the copy
    /// if `edit` succeeds. Writers are serialised, so none is lost.
    fn change<E>(&self, edit: impl FnOnce(&mut Loaded<C>) -> Result<(), E>) -> Result<(), E>
    where
        C: Clone,
    {
        self.get();
        let mut snapshots = self.lock();
        let mut draft = self.published(&snapshots).clone();
        edit(&mut draft)?;
        self.publish(&mut snapshots, draft);
        Ok(())
    }

    fn publish(&self, snapshots: &mut Vec<Box<Loaded<C>>>, loaded: Loaded<C>) -> &Loaded<C> {
        let boxed = Box::new(loaded);
        let pointer = ptr::from_ref(&*boxed).cast_mut();
        snapshots.push(boxed);
        self.current.store(pointer, Ordering::Release);
        // SAFETY: as in `get`: the box is now owned by `self.snapshots`.
        unsafe { &*pointer }
    }

    fn published(&self, snapshots: &[Box<Loaded<C>>]) -> &Loaded<C> {
        let current = self.current.load(Ordering::Acquire);
        debug_assert!(snapshots.iter().any(|s| ptr::eq(&**s, current)));
        // SAFETY: as in `get`; called with the lock held after a publish.
        unsafe { &*current }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Box<Loaded<C>>>> {
        // A panic in a writer's closure happens before anything is
        // published, so the snapshots are whole even when poisoned.
        self.snapshots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<C: Settings> Default for Global<C> {
    fn default() -> Self {
        Self::new()
    }
}

/// A load that keeps the default of each rejected value and logs it, as a
/// `Global` loads the environment on first use.
fn lenient_load<C: Settings>(source: &dyn Source) -> (Loaded<C>, Vec<Problem>, Vec<Warning>) {
    let report = Loaded::<C>::load(&source);
    for problem in &report.problems {
        log::error!("{problem}; the default is used");
    }
    match report.settings {
        Some(settings) => (settings, report.problems, report.warnings),
        None => panic!("the defaults of `{}` cannot be built: {}", C::META.name, Problems::new(report.problems)),
    }
}
