//! gevent's configuration (`gevent._config` in Python), defined with
//! `#[derive(Settings)]`: all 23 settings, their environment variables,
//! defaults, value rules, shorthands and descriptions, read as gevent
//! 24.11.1 reads them except where this crate's README lists a divergence
//! (NaN, digits other than ASCII, an empty number, typed `set`, ...), and
//! rendering gevent's documented property list.
//!
//! ```
//! use config_core::Settings;
//! use gevent_settings::Config;
//!
//! let config = Config::from_source(&[("GEVENT_RESOLVER", "block"), ("GEVENT_BACKEND", "select,poll")]).unwrap();
//! assert_eq!(config.resolver.path(), Some("gevent.resolver.blocking.Resolver"));
//! assert_eq!(config.libev_backend.as_deref(), Some(&["select".to_owned(), "poll".to_owned()][..]));
//! assert_eq!(config.max_blocking_time, 0.1);
//! ```
//!
//! The process-wide instance is [`config()`], loaded from the environment on
//! first use, as gevent's `gevent.config`. [`load`] reports every invalid,
//! deprecated or unknown variable; the variables gevent reads outside its
//! settings ([`OTHER_GEVENT_VARIABLES`]) are not unknown.
//!
//! Descriptions are gevent's, from its documentation (MIT licence); see
//! this crate's README.
//!
//! # gevent's text rules
//!
//! gevent reads an empty boolean as false, keeps an empty string, and keeps
//! list items exactly as written (`"select, poll"` is `["select", " poll"]`);
//! `Config` asks the framework for these rules (`empty_values = "numbers"`,
//! `list_items = "as_given"`), which are not its defaults.
//!
//! # Settings read once
//!
//! gevent reads some settings once, when it creates the component that uses
//! them, so a later change has no effect; its documentation can only warn
//! that changes must come "before using any parts of gevent that might need
//! those settings". Here they are `frozen`: once read with
//! `config().read(...)`, a change is refused with an error naming where it
//! was read. From gevent 24.11.1's source, the settings read that way:
//!
//! | settings | read when | where in gevent |
//! |---|---|---|
//! | `loop`, `libev_backend` | the hub creates its loop | `hub.py` (`Hub.loop_class`, `Hub.backend`); `core.py` at import |
//! | `resolver` | the hub creates its resolver | `hub.py` (`Hub.resolver_class`) |
//! | `threadpool`, `threadpool_idle_task_timeout` | the hub creates its threadpool | `hub.py` (`Hub.threadpool_class`, `_create_threadpool`) |
//! | `format_context` | a hub is created | `hub.py` (`Hub.__init__`) |
//! | `fileobject` | `gevent.fileobject` is imported | `fileobject.py` |
//! | `trace_malloc` | `gevent._ffi.watcher` is imported | `_ffi/watcher.py` |
//! | `disable_watch_children` | `gevent.os` is imported | `os.py` |
//! | `resolver_nameservers`, `resolver_timeout` | the dnspython resolver is created | `resolver/dnspython.py` |
//! | the `ares_*` settings | the ares resolver is created | `resolver/ares.py` |
//!
//! `track_greenlet_tree`, `monitor_thread`, `max_blocking_time`,
//! `memory_monitor_period` and `max_memory_usage` are read each time they
//! are used (`greenlet.py`, `hub.py`, `_monitor.py`), and may change.
//!
//! # Where gevent's code and documentation disagree
//!
//! The documentation is followed (these are two rows of the README's table
//! of divergences, each pinned by a test):
//! - `threadpool_idle_task_timeout`: the docs say "Use -1 for no timeout";
//!   gevent's code rejects every value that is not positive. Here -1 is
//!   accepted.
//! - `ares_servers`: the docs call it a list whose items are separated by
//!   commas in the environment variable; gevent's code keeps the variable as
//!   one string. Here it is split on commas.

#![warn(missing_docs)]

pub mod cli;
pub mod components;

use std::ffi::OsStr;

use config_core::{Global, Importable, Loaded, Report, Settings, Source};

use components::{EventLoop, FileObject, FormatContext, Resolver, ThreadPool};

/// Global configuration for gevent.
///
/// There is one instance of this object at `gevent.config`. If you are going
/// to make changes in code, instead of using the documented environment
/// variables, you need to make the changes before using any parts of gevent
/// that might need those settings. For example:
///
/// ```pycon
/// >>> from gevent import config
/// >>> config.fileobject = 'thread'
///
/// >>> from gevent import fileobject
/// >>> fileobject.FileObject.__name__
/// 'FileObjectThread'
/// ```
#[derive(Clone, Settings)]
#[settings(
    title = "Configuring gevent",
    see_also = ["[`gevent.setswitchinterval()`](https://www.gevent.org/api/gevent.html#gevent.setswitchinterval) For additional runtime configuration."],
    added = "1.3a2",
    env_prefix = "GEVENT_",
    watch_prefixes = ["GEVENTARES_"],
    // Variables gevent reads outside its settings: `OTHER_GEVENT_VARIABLES`
    // says where (a test keeps the two lists the same).
    known_env = ["GEVENT_DEBUG", "GEVENT_MANYLINUX", "GEVENT_MANYLINUX_NAME"],
    // gevent's text rules: only an empty number is unset (an empty boolean
    // is false, an empty string is kept), and list items are kept as given.
    empty_values = "numbers",
    list_items = "as_given",
    notation = "python"
)]
pub struct Config {
    /// The callable that will be used to create
    /// [`gevent.hub.Hub.resolver`](https://www.gevent.org/api/gevent.hub.html#gevent.hub.Hub.resolver).
    ///
    /// See [Name Resolution (DNS)](https://www.gevent.org/dns.html) for more information.
    #[setting(
        default = ["thread", "dnspython", "ares", "block"],
        shorthand(
            ares = "gevent.resolver.ares.Resolver",
            thread = "gevent.resolver.thread.Resolver",
            block = "gevent.resolver.blocking.Resolver",
            dnspython = "gevent.resolver.dnspython.Resolver",
        )
    )]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub resolver: Importable<dyn Resolver>,

    /// The kind of threadpool we use.
    #[setting(default = "gevent.threadpool.ThreadPool")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub threadpool: Importable<dyn ThreadPool>,

    /// How long threads in the default threadpool (used for DNS by default)
    /// are allowed to be idle before exiting.
    ///
    /// Use -1 for no timeout.
    #[setting(default = 5.0, validate = positive_or_no_timeout, added = "22.08.0")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub threadpool_idle_task_timeout: f64,

    /// The kind of the loop we use.
    ///
    /// On Windows, this defaults to libuv, while on other platforms it
    /// defaults to libev.
    #[cfg_attr(not(windows), setting(default = ["libev-cext", "libev-cffi", "libuv-cffi"]))]
    #[cfg_attr(windows, setting(default = ["libuv-cffi", "libev-cext", "libev-cffi"]))]
    #[setting(shorthand(
        "libev-cext" = "gevent.libev.corecext.loop",
        "libev-cffi" = "gevent.libev.corecffi.loop",
        "libuv-cffi" = "gevent.libuv.loop.loop",
        libuv = "gevent.libuv.loop.loop",
    ))]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub r#loop: Importable<dyn EventLoop>,

    // gevent gives format_context and the ares settings no description (the
    // doc comment would become one), so rustdoc's lint is waived for them.
    #[allow(missing_docs)]
    #[setting(default = "pprint.saferepr")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub format_context: Importable<dyn FormatContext>,

    /// The backend for libev, such as 'select'
    #[setting(env = "GEVENT_BACKEND")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub libev_backend: Option<Vec<String>>,

    /// The kind of `FileObject` we will use.
    ///
    /// See [`gevent.fileobject`](https://www.gevent.org/api/gevent.fileobject.html#module-gevent.fileobject)
    /// for a detailed description.
    #[setting(
        env = "GEVENT_FILE",
        default = ["posix", "thread"],
        shorthand(
            thread = "gevent._fileobjectcommon.FileObjectThread",
            posix = "gevent._fileobjectposix.FileObjectPosix",
            block = "gevent._fileobjectcommon.FileObjectBlock",
        )
    )]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub fileobject: Importable<dyn FileObject>,

    /// Should we *not* watch children with the event loop watchers?
    ///
    /// This is an advanced setting.
    ///
    /// See [`gevent.os`](https://www.gevent.org/api/gevent.os.html#module-gevent.os) for a detailed description.
    #[setting(env = "GEVENT_NOWAITPID", default = false)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub disable_watch_children: bool,

    /// Should FFI objects track their allocation?
    ///
    /// This is only useful for low-level debugging.
    ///
    /// On Python 3, this environment variable is built in to the interpreter,
    /// and it may also be set with the `-X tracemalloc` command line argument.
    ///
    /// On Python 2, gevent interprets this argument and adds extra tracking
    /// information for FFI objects.
    #[setting(env = "PYTHONTRACEMALLOC", default = 0, default_doc = "False")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub trace_malloc: i64,

    /// Should `Greenlet` objects track their spawning tree?
    ///
    /// Setting this to a false value will make spawning `Greenlet` objects
    /// and using `spawn_raw` faster, but the `spawning_greenlet`,
    /// `spawn_tree_locals` and `spawning_stack` will not be captured. Setting
    /// this to a false value can also reduce memory usage because capturing
    /// the stack captures some information about Python frames.
    #[setting(default = true, added = "1.3b1")]
    pub track_greenlet_tree: bool,

    /// Should each hub start a native OS thread to monitor for problems?
    ///
    /// Such a thread will periodically check to see if the event loop is
    /// blocked for longer than `max_blocking_time`, producing output on the
    /// hub's exception stream (stderr by default) if it detects this
    /// condition.
    ///
    /// If this setting is true, then this thread will be created the first
    /// time the hub is switched to, or you can call
    /// `gevent.hub.Hub.start_periodic_monitoring_thread()` at any time to
    /// create it (from the same thread that will run the hub). That function
    /// will return an instance of
    /// [`gevent.events.IPeriodicMonitorThread`](https://www.gevent.org/api/gevent.events.html#gevent.events.IPeriodicMonitorThread)
    /// to which you can add your own monitoring functions. That function also
    /// emits an event of
    /// [`gevent.events.PeriodicMonitorThreadStartedEvent`](https://www.gevent.org/api/gevent.events.html#gevent.events.PeriodicMonitorThreadStartedEvent).
    #[setting(
        env = "GEVENT_MONITOR_THREAD_ENABLE",
        default = false,
        see_also = ["max_blocking_time"],
        added = "1.3b1"
    )]
    pub monitor_thread: bool,

    /// If the `monitor_thread` is enabled, this is approximately how long (in
    /// seconds) the event loop will be allowed to block before a warning is
    /// issued.
    ///
    /// This function depends on using
    /// [`greenlet.settrace`](https://greenlet.readthedocs.io/en/latest/api.html#greenlet.settrace),
    /// so installing your own trace function after starting the monitoring
    /// thread will cause this feature to misbehave unless you call the
    /// function returned by
    /// [`greenlet.settrace`](https://greenlet.readthedocs.io/en/latest/api.html#greenlet.settrace).
    /// If you install a tracing function *before* the monitoring thread is
    /// started, it will still be called.
    ///
    /// > [!NOTE]
    /// > In the unlikely event of creating and using multiple different gevent
    /// > hubs in the same native thread in a short period of time, especially
    /// > without destroying the hubs, false positives may be reported.
    #[setting(default = 0.1, positive, added = "1.3b1")]
    pub max_blocking_time: f64,

    /// If `monitor_thread` is enabled, this is approximately how long (in
    /// seconds) we will go between checking the processes memory usage.
    ///
    /// Checking the memory usage is relatively expensive on some operating
    /// systems, so this should not be too low. gevent will place a floor
    /// value on it.
    #[setting(env = "GEVENT_MONITOR_MEMORY_PERIOD", default = 5, positive)]
    pub memory_monitor_period: f64,

    /// If `monitor_thread` is enabled, then if memory usage exceeds this
    /// amount (in bytes), events will be emitted. See
    /// [`gevent.events`](https://www.gevent.org/api/gevent.events.html#module-gevent.events).
    /// In the environment variable, you can use a suffix of 'kb', 'mb' or
    /// 'gb' to specify the value in kilobytes, megabytes or gigibytes.
    ///
    /// There is no default value for this setting. If you wish to cap memory
    /// usage, you must choose a value.
    #[setting(env = "GEVENT_MONITOR_MEMORY_MAX", bytes, positive)]
    pub max_memory_usage: Option<u64>,

    #[allow(missing_docs)]
    #[setting(env = "GEVENTARES_FLAGS", hidden)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_flags: Option<String>,

    #[allow(missing_docs)]
    #[setting(
        env = "GEVENTARES_TIMEOUT",
        deprecated(
            since = "1.3a2",
            replacement = "resolver_timeout",
            note = "If both are set, the results are not defined."
        )
    )]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_timeout: Option<String>,

    #[allow(missing_docs)]
    #[setting(env = "GEVENTARES_TRIES", hidden)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_tries: Option<String>,

    #[allow(missing_docs)]
    #[setting(env = "GEVENTARES_NDOTS", hidden)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_ndots: Option<String>,

    #[allow(missing_docs)]
    #[setting(env = "GEVENTARES_UDP_PORT", hidden)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_udp_port: Option<String>,

    #[allow(missing_docs)]
    #[setting(env = "GEVENTARES_TCP_PORT", hidden)]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_tcp_port: Option<String>,

    /// A list of strings giving the IP addresses of nameservers for the ares
    /// resolver.
    ///
    /// In the environment variable, these strings are separated by commas.
    // The documentation says list; gevent's code keeps one string. The
    // documentation is the spec (see the crate docs and the README).
    #[setting(
        env = "GEVENTARES_SERVERS",
        deprecated(
            since = "1.3a2",
            replacement = "resolver_nameservers",
            note = "If both are set, the results are not defined."
        )
    )]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub ares_servers: Option<Vec<String>>,

    /// A list of strings giving the IP addresses of nameservers for the
    /// (non-system) resolver.
    ///
    /// In the environment variable, these strings are separated by commas.
    ///
    /// #### Resolver Behaviour
    ///
    /// - blocking
    ///
    ///   Ignored
    ///
    /// - Threaded
    ///
    ///   Ignored
    ///
    /// - dnspython
    ///
    ///   If this setting is not given, the dnspython resolver will load
    ///   nameservers to use from `/etc/resolv.conf` or the Windows registry.
    ///   This setting replaces any nameservers read from those means. Note
    ///   that the file and registry are still read for other settings.
    ///
    ///   > [!CAUTION]
    ///   > dnspython does not validate the members of the list. An improper
    ///   > address (such as a hostname instead of IP) has undefined results,
    ///   > including hanging the process.
    ///
    /// - ares
    ///
    ///   Similar to dnspython, but with more platform and compile-time
    ///   options. ares validates that the members of the list are valid
    ///   addresses.
    #[setting]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub resolver_nameservers: Option<Vec<String>>,

    /// The total amount of time that the DNS resolver will spend making
    /// queries.
    ///
    /// Only the ares and dnspython resolvers support this.
    #[setting(positive, added = "1.3a2")]
    // Read once, when gevent creates the component (see the crate docs).
    #[setting(frozen)]
    pub resolver_timeout: Option<f64>,
}

/// `threadpool_idle_task_timeout`: positive, or -1 for no timeout, as
/// gevent's documentation says (its code only accepts positive values).
fn positive_or_no_timeout(seconds: &f64) -> Result<(), String> {
    if *seconds > 0.0 || *seconds == -1.0 { Ok(()) } else { Err("must be positive, or -1 for no timeout".to_owned()) }
}

/// An environment variable that gevent reads outside its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtherVariable {
    /// The variable.
    pub name: &'static str,
    /// The file of gevent 24.11.1's source that reads it.
    pub read_in: &'static str,
    /// What gevent does with it.
    pub purpose: &'static str,
}

/// The variables under this struct's prefixes (`GEVENT_`, `GEVENTARES_`)
/// that gevent reads outside `gevent._config`: they name no setting, yet are
/// not unknown, so no warning names them ([`load`] and [`config()`] leave
/// them out). Found by searching all of gevent 24.11.1's source (its
/// package, test support and build scripts) for `os.environ` and
/// `os.getenv`; the settings' own variables are not repeated here.
pub const OTHER_GEVENT_VARIABLES: &[OtherVariable] = &[
    OtherVariable {
        name: "GEVENT_DEBUG",
        read_in: "src/gevent/_ffi/__init__.py",
        purpose: "the log level of the CFFI event loops and watchers (also read by gevent.testing)",
    },
    OtherVariable {
        name: "GEVENT_MANYLINUX",
        read_in: "src/gevent/testing/sysinfo.py",
        purpose: "gevent's test suite runs in a manylinux build (also read by _setupares.py when building)",
    },
    OtherVariable {
        name: "GEVENT_MANYLINUX_NAME",
        read_in: "src/gevent/testing/sysinfo.py",
        purpose: "which manylinux or musllinux image gevent's test suite runs in",
    },
];

/// Whether gevent reads the variable `name` outside its settings (it is
/// one of [`OTHER_GEVENT_VARIABLES`]). Names are compared as the platform
/// compares them: without case on Windows.
pub fn is_other_gevent_variable(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else { return false };
    OTHER_GEVENT_VARIABLES
        .iter()
        .any(|known| if cfg!(windows) { known.name.eq_ignore_ascii_case(name) } else { known.name == name })
}

/// Loads gevent's settings from `source`, keeping the default of each
/// rejected value, and reports every rejected value and every warning, as
/// [`Loaded::load`] does (a variable gevent reads elsewhere,
/// [`OTHER_GEVENT_VARIABLES`], is known, not unknown).
pub fn load<S: Source + Sync>(source: &S) -> Report<Config> {
    Loaded::load(source)
}

static CONFIG: Global<Config> = Global::new();

/// The process-wide configuration, gevent's `gevent.config`: loaded from
/// the environment on first use, readable from any thread.
///
/// An invalid variable is reported in full on standard error at that first
/// load, and its setting keeps its default (gevent raises when the setting
/// is read; see the divergences in the README). A program that wants to
/// stop instead calls `config().init(Config::builder().env())` first.
///
/// As gevent documents, make changes before using anything that reads them:
/// the settings gevent reads once, when it creates a component (the loop,
/// the resolver, the threadpool, ...), are `frozen`. A component reads one
/// with `config().read(|c| &c.field)`, and from then on a change to it is
/// refused with an error naming that place in the code.
///
/// ```
/// let config = gevent_settings::config();
/// config.set("fileobject", "thread").unwrap();
/// // gevent's `fileobject` module reads the setting once, at import.
/// let chosen = config.read(|c| &c.fileobject);
/// assert_eq!(chosen.path(), Some("gevent._fileobjectcommon.FileObjectThread"));
/// assert!(config.set("fileobject", "block").is_err());
/// ```
pub fn config() -> &'static Global<Config> {
    &CONFIG
}
