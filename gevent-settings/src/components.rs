//! The objects gevent's importable settings name, registered under gevent's
//! dotted paths so that `GEVENT_RESOLVER=block` or
//! `GEVENT_LOOP=gevent.libuv.loop.loop` choose them as gevent would.
//!
//! In gevent these are Python classes; here each is a Rust object that says
//! what the docs say of it (which resolvers honour `resolver_nameservers`,
//! which loops read `libev_backend`, ...). An application can register its
//! own implementation of any of these traits and choose it from the
//! environment:
//!
//! ```
//! use gevent_settings::components::Resolver;
//!
//! struct Custom;
//! impl Resolver for Custom {
//!     fn uses_nameservers(&self) -> bool { true }
//!     fn supports_timeout(&self) -> bool { true }
//! }
//!
//! config_core::register::<dyn Resolver>("myapp.resolver.Custom", &Custom).unwrap();
//! let config = gevent_settings::Config::from_source(&[("GEVENT_RESOLVER", "myapp.resolver.Custom")]).unwrap();
//! assert_eq!(config.resolver.path(), Some("myapp.resolver.Custom"));
//! # use config_core::Settings;
//! ```
//!
//! # The paths gevent ships
//!
//! Each object is registered under its canonical path (the one the
//! setting's shorthand names) and under every other path gevent 24.11.1
//! ships it at, so that a path gevent accepts is accepted here:
//!
//! - `gevent.resolver_thread.Resolver` and `gevent.resolver_ares.Resolver`:
//!   gevent's deprecated module aliases (since 1.3) of `gevent.resolver.thread`
//!   and `gevent.resolver.ares`.
//! - `gevent.fileobject.FileObjectThread`, `FileObjectPosix` and
//!   `FileObjectBlock`: `gevent.fileobject` re-exports the three classes.
//! - `gevent.fileobject.FileObject` and `gevent.core.loop`: in gevent, the
//!   object the `fileobject` or `loop` setting had chosen when the module
//!   was first imported. Here they are fixed: the object gevent's default
//!   chooses on the platform this is built for (`FileObjectPosix`, or
//!   `FileObjectThread` on Windows; the libev C extension loop, or libuv on
//!   Windows).
//!
//! Every path resolves to the very object its canonical path does (the
//! traits extend [`Any`], so a chosen object can be told apart or
//! downcast); [`Importable::path`](config_core::Importable::path) reports the
//! path it was chosen by, as given. The list is checked against one made
//! from gevent's own modules (`tests/data/gevent-import-paths.tsv`).
//!
//! ```
//! use std::any::Any;
//! use config_core::Settings;
//! use gevent_settings::components::ThreadResolver;
//!
//! let config = gevent_settings::Config::from_source(&[("GEVENT_RESOLVER", "gevent.resolver_thread.Resolver")]).unwrap();
//! assert_eq!(config.resolver.path(), Some("gevent.resolver_thread.Resolver"));
//! let resolver: &dyn Any = config.resolver.object();
//! assert!(resolver.is::<ThreadResolver>());
//! ```

use std::any::Any;
use std::fmt;

use config_core::registry;

/// A DNS resolver, what the `resolver` setting chooses.
pub trait Resolver: Any + Sync {
    /// Whether it uses `resolver_nameservers` (dnspython and ares do; the
    /// blocking and threaded resolvers ignore it).
    fn uses_nameservers(&self) -> bool;
    /// Whether it honours `resolver_timeout` (only ares and dnspython do).
    fn supports_timeout(&self) -> bool;
}

/// `gevent.resolver.thread.Resolver`: the system resolver, in the threadpool.
pub struct ThreadResolver;
/// `gevent.resolver.blocking.Resolver`: the system resolver, blocking.
pub struct BlockingResolver;
/// `gevent.resolver.dnspython.Resolver`: pure-Python DNS.
pub struct DnsPythonResolver;
/// `gevent.resolver.ares.Resolver`: c-ares.
pub struct AresResolver;

impl Resolver for ThreadResolver {
    fn uses_nameservers(&self) -> bool {
        false
    }
    fn supports_timeout(&self) -> bool {
        false
    }
}

impl Resolver for BlockingResolver {
    fn uses_nameservers(&self) -> bool {
        false
    }
    fn supports_timeout(&self) -> bool {
        false
    }
}

impl Resolver for DnsPythonResolver {
    fn uses_nameservers(&self) -> bool {
        true
    }
    fn supports_timeout(&self) -> bool {
        true
    }
}

impl Resolver for AresResolver {
    fn uses_nameservers(&self) -> bool {
        true
    }
    fn supports_timeout(&self) -> bool {
        true
    }
}

registry!(dyn Resolver => {
    "gevent.resolver.thread.Resolver" => &ThreadResolver,
    "gevent.resolver.blocking.Resolver" => &BlockingResolver,
    "gevent.resolver.dnspython.Resolver" => &DnsPythonResolver,
    "gevent.resolver.ares.Resolver" => &AresResolver,
    // gevent/resolver_thread.py and gevent/resolver_ares.py: deprecated
    // module aliases that re-export `Resolver`.
    "gevent.resolver_thread.Resolver" => &ThreadResolver,
    "gevent.resolver_ares.Resolver" => &AresResolver,
});

/// The library an event loop is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopLibrary {
    /// libev: reads `libev_backend`.
    Libev,
    /// libuv: the default on Windows.
    Libuv,
}

/// An event loop implementation, what the `loop` setting chooses.
pub trait EventLoop: Any + Sync {
    /// The library it is built on.
    fn library(&self) -> LoopLibrary;
    /// Whether it is bound through CFFI rather than a C extension.
    fn uses_cffi(&self) -> bool;
}

/// `gevent.libev.corecext.loop`
pub struct LibevCextLoop;
/// `gevent.libev.corecffi.loop`
pub struct LibevCffiLoop;
/// `gevent.libuv.loop.loop`
pub struct LibuvLoop;

impl EventLoop for LibevCextLoop {
    fn library(&self) -> LoopLibrary {
        LoopLibrary::Libev
    }
    fn uses_cffi(&self) -> bool {
        false
    }
}

impl EventLoop for LibevCffiLoop {
    fn library(&self) -> LoopLibrary {
        LoopLibrary::Libev
    }
    fn uses_cffi(&self) -> bool {
        true
    }
}

impl EventLoop for LibuvLoop {
    fn library(&self) -> LoopLibrary {
        LoopLibrary::Libuv
    }
    fn uses_cffi(&self) -> bool {
        true
    }
}

registry!(dyn EventLoop => {
    "gevent.libev.corecext.loop" => &LibevCextLoop,
    "gevent.libev.corecffi.loop" => &LibevCffiLoop,
    "gevent.libuv.loop.loop" => &LibuvLoop,
    // gevent/core.py copies the module of the loop the `loop` setting chose
    // at import; fixed here to the default's choice on this platform.
    #[cfg(not(windows))]
    "gevent.core.loop" => &LibevCextLoop,
    #[cfg(windows)]
    "gevent.core.loop" => &LibuvLoop,
});

/// A file object implementation, what the `fileobject` setting chooses.
pub trait FileObject: Any + Sync {
    /// Whether its reads and writes run in the hub's threadpool.
    fn uses_threadpool(&self) -> bool;
    /// Whether other greenlets run while it waits.
    fn is_cooperative(&self) -> bool;
}

/// `gevent._fileobjectcommon.FileObjectThread`
pub struct FileObjectThread;
/// `gevent._fileobjectposix.FileObjectPosix` (POSIX systems only)
pub struct FileObjectPosix;
/// `gevent._fileobjectcommon.FileObjectBlock`
pub struct FileObjectBlock;

impl FileObject for FileObjectThread {
    fn uses_threadpool(&self) -> bool {
        true
    }
    fn is_cooperative(&self) -> bool {
        true
    }
}

impl FileObject for FileObjectPosix {
    fn uses_threadpool(&self) -> bool {
        false
    }
    fn is_cooperative(&self) -> bool {
        true
    }
}

impl FileObject for FileObjectBlock {
    fn uses_threadpool(&self) -> bool {
        false
    }
    fn is_cooperative(&self) -> bool {
        false
    }
}

// As in gevent, the POSIX file object cannot be imported on Windows, so
// the default `['posix', 'thread']` falls back to `thread` there.
registry!(dyn FileObject => {
    "gevent._fileobjectcommon.FileObjectThread" => &FileObjectThread,
    #[cfg(unix)]
    "gevent._fileobjectposix.FileObjectPosix" => &FileObjectPosix,
    "gevent._fileobjectcommon.FileObjectBlock" => &FileObjectBlock,
    // gevent/fileobject.py re-exports the three classes, and names the one
    // the `fileobject` setting chose at import `FileObject`: fixed here to
    // the default's choice on this platform.
    "gevent.fileobject.FileObjectThread" => &FileObjectThread,
    #[cfg(unix)]
    "gevent.fileobject.FileObjectPosix" => &FileObjectPosix,
    "gevent.fileobject.FileObjectBlock" => &FileObjectBlock,
    #[cfg(unix)]
    "gevent.fileobject.FileObject" => &FileObjectPosix,
    #[cfg(not(unix))]
    "gevent.fileobject.FileObject" => &FileObjectThread,
});

/// A threadpool implementation, what the `threadpool` setting chooses.
pub trait ThreadPool: Any + Sync {
    /// The number of threads a hub's pool has unless told otherwise.
    fn default_size(&self) -> usize;
}

/// `gevent.threadpool.ThreadPool`
pub struct NativeThreadPool;

impl ThreadPool for NativeThreadPool {
    fn default_size(&self) -> usize {
        10
    }
}

registry!(dyn ThreadPool => {
    "gevent.threadpool.ThreadPool" => &NativeThreadPool,
});

/// How a greenlet's context is turned into text for error reports, what
/// the `format_context` setting chooses.
pub trait FormatContext: Any + Sync {
    /// The value as text.
    fn format(&self, value: &dyn fmt::Debug) -> String;
}

/// `pprint.saferepr`: a one-line representation.
pub struct SafeRepr;
/// `pprint.pformat`: a pretty, multi-line representation.
pub struct PrettyFormat;

impl FormatContext for SafeRepr {
    fn format(&self, value: &dyn fmt::Debug) -> String {
        format!("{value:?}")
    }
}

impl FormatContext for PrettyFormat {
    fn format(&self, value: &dyn fmt::Debug) -> String {
        format!("{value:#?}")
    }
}

registry!(dyn FormatContext => {
    "pprint.saferepr" => &SafeRepr,
    "pprint.pformat" => &PrettyFormat,
});
