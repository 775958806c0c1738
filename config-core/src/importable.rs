//! Registered values: a setting that chooses one of several implementations
//! of a trait, by name.
//!
//! An implementation is a `&'static T` registered in `T`'s [`Registry`]
//! under a dotted path (`app.storage.Disk`). A setting of type
//! [`Importable<T>`] takes a comma-separated preference list of shorthands
//! and dotted paths; the first one that is registered wins. (The name comes
//! from configurations that choose classes to import by name.)
//!
//! ```
//! use config_core::{registry, Importable, Registered};
//!
//! pub trait Greeter: Sync {
//!     fn greet(&self) -> &'static str;
//! }
//! pub struct English;
//! impl Greeter for English {
//!     fn greet(&self) -> &'static str { "hello" }
//! }
//!
//! registry!(dyn Greeter => {
//!     "app.greeters.English" => &English,
//! });
//!
//! let entry = <dyn Greeter as Registered>::registry().get("app.greeters.English").unwrap();
//! assert_eq!(entry.object.greet(), "hello");
//! ```

use std::fmt;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{PoisonError, RwLock};

use crate::error::{Reason, RegisterError};
use crate::meta::{Kind, ListItems, SettingMeta, Shorthand, ValueType};
use crate::parse;
use crate::value::{Lit, Sealed, SettingValue, Value, mismatch};

/// A type whose objects can be named by dotted path: it has a registry.
///
/// Implement it with [`registry!`](crate::registry!), usually for a trait
/// object type (`dyn Resolver`).
pub trait Registered: Sync + 'static {
    /// The registry of objects of this type.
    fn registry() -> &'static Registry<Self>;
}

/// An object registered under a dotted path.
pub struct Entry<T: ?Sized + 'static> {
    /// The dotted path, such as `gevent.resolver.thread.Resolver`.
    pub path: &'static str,
    /// The object.
    pub object: &'static T,
}

impl<T: ?Sized> Entry<T> {
    /// An entry, for building a registry's built-in table in a constant.
    pub const fn new(path: &'static str, object: &'static T) -> Self {
        Entry { path, object }
    }
}

impl<T: ?Sized> Clone for Entry<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Entry<T> {}

impl<T: ?Sized> fmt::Debug for Entry<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry").field("path", &self.path).finish_non_exhaustive()
    }
}

/// The objects of one type that can be named by dotted path: a built-in
/// table fixed at compile time, and those the program registers at run time.
pub struct Registry<T: ?Sized + 'static> {
    builtin: &'static [Entry<T>],
    added: RwLock<Vec<Entry<T>>>,
    // Lets a lookup skip the lock while nothing has been registered at run
    // time, the usual case.
    any_added: AtomicBool,
}

impl<T: ?Sized + Sync + 'static> Registry<T> {
    /// A registry holding `builtin`.
    pub const fn new(builtin: &'static [Entry<T>]) -> Self {
        Registry { builtin, added: RwLock::new(Vec::new()), any_added: AtomicBool::new(false) }
    }

    /// Registers `object` under `path`, which must be a dotted path
    /// (`package.module.Item`) that is not taken yet.
    pub fn register(&self, path: &'static str, object: &'static T) -> Result<(), RegisterError> {
        if !parse::is_dotted_path(path) {
            return Err(RegisterError::InvalidPath(path.to_owned()));
        }
        let mut added = self.added.write().unwrap_or_else(PoisonError::into_inner);
        if self.builtin.iter().chain(added.iter()).any(|e| e.path == path) {
            return Err(RegisterError::Duplicate(path.to_owned()));
        }
        added.push(Entry { path, object });
        self.any_added.store(true, Ordering::Release);
        Ok(())
    }

    /// The object registered under `path`.
    pub fn get(&self, path: &str) -> Option<Entry<T>> {
        if let Some(entry) = self.builtin.iter().find(|e| e.path == path) {
            return Some(*entry);
        }
        if !self.any_added.load(Ordering::Acquire) {
            return None;
        }
        let added = self.added.read().unwrap_or_else(PoisonError::into_inner);
        added.iter().find(|e| e.path == path).copied()
    }

    /// Every registered path: the built-in ones, then those added.
    pub fn paths(&self) -> Vec<&'static str> {
        let added = self.added.read().unwrap_or_else(PoisonError::into_inner);
        self.builtin.iter().chain(added.iter()).map(|e| e.path).collect()
    }
}

/// Registers `object` under `path` in `T`'s registry.
///
/// ```
/// # use config_core::{registry, register};
/// # pub trait Greeter: Sync { fn greet(&self) -> &'static str; }
/// # registry!(dyn Greeter => {});
/// struct French;
/// impl Greeter for French {
///     fn greet(&self) -> &'static str { "bonjour" }
/// }
/// register::<dyn Greeter>("app.greeters.French", &French).unwrap();
/// ```
pub fn register<T: Registered + ?Sized>(path: &'static str, object: &'static T) -> Result<(), RegisterError> {
    T::registry().register(path, object)
}

/// Implements [`Registered`] for a type, with a built-in table. An entry
/// may carry `#[cfg(...)]` attributes.
///
/// ```
/// use config_core::registry;
///
/// pub trait Codec: Sync {}
/// pub struct Plain;
/// impl Codec for Plain {}
///
/// registry!(dyn Codec => {
///     "app.codecs.Plain" => &Plain,
/// });
/// ```
#[macro_export]
macro_rules! registry {
    ($ty:ty => { $($(#[$attr:meta])* $path:literal => $object:expr),* $(,)? }) => {
        impl $crate::Registered for $ty {
            fn registry() -> &'static $crate::Registry<Self> {
                static REGISTRY: $crate::Registry<$ty> =
                    $crate::Registry::new(&[$($(#[$attr])* $crate::Entry::new($path, $object)),*]);
                &REGISTRY
            }
        }
    };
}

/// A setting's object, chosen from a preference list of shorthands and
/// dotted paths, or given directly in code.
///
/// It dereferences to the object.
pub struct Importable<T: ?Sized + 'static> {
    object: &'static T,
    path: Option<&'static str>,
}

impl<T: ?Sized + Registered> Importable<T> {
    /// An object given directly in code.
    pub fn from_object(object: &'static T) -> Self {
        Importable { object, path: None }
    }

    /// A registered object.
    pub fn from_entry(entry: Entry<T>) -> Self {
        Importable { object: entry.object, path: Some(entry.path) }
    }

    /// Resolves a preference list: each candidate is a shorthand or a dotted
    /// path, and the first one registered wins. Otherwise the reason lists
    /// every candidate with why it failed, and the shorthand choices.
    pub fn resolve<'a>(
        candidates: impl IntoIterator<Item = &'a str>,
        shorthands: &[Shorthand],
    ) -> Result<Self, Reason> {
        let registry = T::registry();
        let mut failures = Failures::default();
        for candidate in candidates {
            let target = shorthands.iter().find(|s| s.name == candidate).map(|s| s.target);
            let path = target.unwrap_or(candidate);
            if !parse::is_importable_path(path) {
                failures.push(format!("{candidate:?} is neither a shorthand nor a dotted path (package.module.Item)"));
                continue;
            }
            match registry.get(path) {
                Some(entry) => return Ok(Importable::from_entry(entry)),
                None if target.is_some() => {
                    failures.push(format!("{candidate:?} ({path}): nothing is registered there"))
                }
                None => failures.push(format!("{candidate:?}: nothing is registered there")),
            }
        }
        Err(failures.reason(shorthands))
    }

    /// The object.
    pub fn object(&self) -> &'static T {
        self.object
    }

    /// The dotted path it was chosen by; `None` when it was given in code.
    pub fn path(&self) -> Option<&'static str> {
        self.path
    }
}

/// Why each candidate failed: the first few in full, the rest counted, so
/// that a list of thousands gives a message of a few lines.
#[derive(Default)]
struct Failures {
    shown: Vec<String>,
    more: usize,
}

impl Failures {
    const SHOWN: usize = 10;

    fn push(&mut self, failure: String) {
        if self.shown.len() < Self::SHOWN {
            self.shown.push(failure);
        } else {
            self.more += 1;
        }
    }

    fn reason(self, shorthands: &[Shorthand]) -> Reason {
        let mut message = match (self.shown.as_slice(), self.more) {
            ([], _) => "an empty list names nothing to use".to_owned(),
            ([one], 0) => one.clone(),
            (many, 0) => format!("none of the candidates can be used: {}", many.join("; ")),
            (many, more) => format!("none of the candidates can be used: {}; and {more} more", many.join("; ")),
        };
        if !shorthands.is_empty() {
            let names: Vec<_> = shorthands.iter().map(|s| s.name).collect();
            message.push_str(&format!(" (shorthands: {})", names.join(", ")));
        }
        Reason::from(message)
    }
}

/// What [`Value`] an importable set in code shows instead of a path.
pub const SET_IN_CODE: &str = "<object set in code>";

impl<T: ?Sized> Clone for Importable<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Importable<T> {}

impl<T: ?Sized> Deref for Importable<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.object
    }
}

impl<T: ?Sized> PartialEq for Importable<T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && std::ptr::addr_eq(self.object, other.object)
    }
}

impl<T: ?Sized> fmt::Debug for Importable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Importable").field(&self.path.unwrap_or(SET_IN_CODE)).finish()
    }
}

impl<T: ?Sized + Registered> SettingValue for Importable<T> {
    const TYPE: ValueType = ValueType::of(Kind::Registered);
    type Inner = Self;

    /// A comma-separated preference list (items trimmed or not, as the
    /// setting's rules say).
    fn parse(text: &str, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match setting.rules.list_items {
            ListItems::Trimmed => Self::resolve(parse::list_items_trimmed(text), setting.shorthands),
            ListItems::AsGiven => Self::resolve(parse::list_items_as_given(text), setting.shorthands),
        }
    }

    fn from_value(value: Value, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match value {
            Value::Str(text) => Self::parse(&text, setting),
            Value::List(items) => {
                let texts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                let texts = texts.ok_or_else(|| Reason::new("a preference list holds text only"))?;
                Self::resolve(texts, setting.shorthands)
            }
            other => Err(mismatch(&other)),
        }
    }

    /// A default list resolves without allocating.
    fn __from_lit(lit: Lit, setting: &'static SettingMeta) -> Result<Self, Reason> {
        match lit {
            Lit::Str(text) => Self::resolve([text], setting.shorthands),
            Lit::List(items) => Self::resolve(items.iter().copied(), setting.shorthands),
            other => Self::from_value(other.to_value(), setting),
        }
    }

    /// A default resolved to its first candidate resolves to it for good
    /// (registering only adds paths), so it is resolved once.
    fn __from_lit_once(lit: Lit, setting: &'static SettingMeta) -> Result<(Self, bool), Reason> {
        let first = match lit {
            Lit::Str(text) => Some(text),
            Lit::List(items) => items.first().copied(),
            _ => None,
        };
        let value = Self::__from_lit(lit, setting)?;
        let first_target =
            first.map(|first| setting.shorthands.iter().find(|s| s.name == first).map_or(first, |s| s.target));
        Ok((value, first_target.is_some() && value.path == first_target))
    }

    /// Two references.
    fn __is_plain(&self, _: Sealed) -> bool {
        true
    }

    fn to_value(&self) -> Value {
        Value::Str(self.path.unwrap_or(SET_IN_CODE).to_owned())
    }

    fn inner(&self) -> Option<&Self> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    trait Shape: Sync {
        fn sides(&self) -> u32;
    }
    struct Square;
    impl Shape for Square {
        fn sides(&self) -> u32 {
            4
        }
    }
    struct Triangle;
    impl Shape for Triangle {
        fn sides(&self) -> u32 {
            3
        }
    }

    registry!(dyn Shape => { "shapes.Square" => &Square });

    const SHORT: &[Shorthand] =
        &[Shorthand { name: "square", target: "shapes.Square" }, Shorthand { name: "tri", target: "shapes.Triangle" }];

    #[test]
    fn the_first_candidate_that_resolves_wins() {
        let found = Importable::<dyn Shape>::resolve(["nope.Nothing", "square"], SHORT).unwrap();
        assert_eq!(found.sides(), 4);
        assert_eq!(found.path(), Some("shapes.Square"));
    }

    #[test]
    fn failure_lists_every_candidate_and_the_shorthands() {
        let reason = Importable::<dyn Shape>::resolve(["tri", "bad", "x/y.Z"], SHORT).unwrap_err();
        let text = reason.to_string();
        assert!(text.contains("\"tri\" (shapes.Triangle): nothing is registered there"), "{text}");
        assert!(text.contains("\"bad\" is neither a shorthand nor a dotted path"), "{text}");
        assert!(text.contains("\"x/y.Z\" is neither"), "{text}");
        assert!(text.ends_with("(shorthands: square, tri)"), "{text}");
    }

    #[test]
    fn an_empty_list_is_an_error() {
        let reason = Importable::<dyn Shape>::resolve([], SHORT).unwrap_err();
        assert!(reason.to_string().starts_with("an empty list names nothing to use"));
    }

    #[test]
    fn registering_checks_the_path_and_duplicates() {
        let registry = <dyn Shape>::registry();
        assert_eq!(registry.register("Triangle", &Triangle), Err(RegisterError::InvalidPath("Triangle".into())));
        assert_eq!(
            registry.register("shapes.Square", &Triangle),
            Err(RegisterError::Duplicate("shapes.Square".into()))
        );
        registry.register("shapes.Triangle", &Triangle).unwrap();
        let found = Importable::<dyn Shape>::resolve(["tri"], SHORT).unwrap();
        assert_eq!(found.sides(), 3);
    }
}
