//! envconfig 0.11, as its crate documentation shows: `#[derive(Envconfig)]`
//! with `#[envconfig(from = ..., default = ...)]` per field, loaded by
//! `Config::init_from_env()`. It parses with `FromStr`, so gevent's rules
//! come in newtypes.

use std::str::FromStr;

use envconfig::Envconfig;

use crate::rules::{self, Rejection};
use crate::values::{Names, Values};

/// Makes a newtype over `$inner` whose `FromStr` is `$parse`.
macro_rules! parsed_newtype {
    ($(#[$attr:meta])* $name:ident($inner:ty) = $parse:expr) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        pub struct $name(pub $inner);

        impl FromStr for $name {
            type Err = Rejection;
            fn from_str(text: &str) -> Result<Self, Rejection> {
                $parse(text).map($name)
            }
        }
    };
}

parsed_newtype!(
    /// gevent's boolean words.
    Flag(bool) = rules::boolean
);
parsed_newtype!(
    /// Python's `int()`.
    Int(i64) = rules::integer
);
parsed_newtype!(
    /// Positive seconds.
    Seconds(f64) = super::seconds
);
parsed_newtype!(
    /// Positive seconds, or -1.
    IdleTimeout(f64) = super::idle_timeout
);
parsed_newtype!(
    /// A positive byte count.
    MemoryLimit(u64) = super::memory_limit
);
parsed_newtype!(
    /// A comma-separated list.
    List(Vec<String>) = |text: &str| Ok::<_, Rejection>(rules::list(text))
);

/// gevent's settings.
#[derive(Debug, Envconfig)]
pub struct Config {
    #[envconfig(from = "GEVENT_RESOLVER", default = "thread,dnspython,ares,block")]
    pub resolver: Names,
    #[envconfig(from = "GEVENT_THREADPOOL", default = "gevent.threadpool.ThreadPool")]
    pub threadpool: Names,
    #[envconfig(from = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", default = "5")]
    pub threadpool_idle_task_timeout: IdleTimeout,
    #[envconfig(from = "GEVENT_LOOP", default = "libev-cext,libev-cffi,libuv-cffi")]
    pub r#loop: Names,
    #[envconfig(from = "GEVENT_FORMAT_CONTEXT", default = "pprint.saferepr")]
    pub format_context: Names,
    #[envconfig(from = "GEVENT_BACKEND")]
    pub libev_backend: Option<List>,
    #[envconfig(from = "GEVENT_FILE", default = "posix,thread")]
    pub fileobject: Names,
    #[envconfig(from = "GEVENT_NOWAITPID", default = "false")]
    pub disable_watch_children: Flag,
    #[envconfig(from = "PYTHONTRACEMALLOC", default = "0")]
    pub trace_malloc: Int,
    #[envconfig(from = "GEVENT_TRACK_GREENLET_TREE", default = "true")]
    pub track_greenlet_tree: Flag,
    #[envconfig(from = "GEVENT_MONITOR_THREAD_ENABLE", default = "false")]
    pub monitor_thread: Flag,
    #[envconfig(from = "GEVENT_MAX_BLOCKING_TIME", default = "0.1")]
    pub max_blocking_time: Seconds,
    #[envconfig(from = "GEVENT_MONITOR_MEMORY_PERIOD", default = "5")]
    pub memory_monitor_period: Seconds,
    #[envconfig(from = "GEVENT_MONITOR_MEMORY_MAX")]
    pub max_memory_usage: Option<MemoryLimit>,
    #[envconfig(from = "GEVENTARES_FLAGS")]
    pub ares_flags: Option<String>,
    #[envconfig(from = "GEVENTARES_TIMEOUT")]
    pub ares_timeout: Option<String>,
    #[envconfig(from = "GEVENTARES_TRIES")]
    pub ares_tries: Option<String>,
    #[envconfig(from = "GEVENTARES_NDOTS")]
    pub ares_ndots: Option<String>,
    #[envconfig(from = "GEVENTARES_UDP_PORT")]
    pub ares_udp_port: Option<String>,
    #[envconfig(from = "GEVENTARES_TCP_PORT")]
    pub ares_tcp_port: Option<String>,
    #[envconfig(from = "GEVENTARES_SERVERS")]
    pub ares_servers: Option<List>,
    #[envconfig(from = "GEVENT_RESOLVER_NAMESERVERS")]
    pub resolver_nameservers: Option<List>,
    #[envconfig(from = "GEVENT_RESOLVER_TIMEOUT")]
    pub resolver_timeout: Option<Seconds>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<Config, envconfig::Error> {
    Config::init_from_env()
}

impl From<Config> for Values {
    fn from(c: Config) -> Values {
        Values {
            resolver: c.resolver,
            threadpool: c.threadpool,
            threadpool_idle_task_timeout: c.threadpool_idle_task_timeout.0,
            r#loop: c.r#loop,
            format_context: c.format_context,
            libev_backend: c.libev_backend.map(|l| l.0),
            fileobject: c.fileobject,
            disable_watch_children: c.disable_watch_children.0,
            trace_malloc: c.trace_malloc.0,
            track_greenlet_tree: c.track_greenlet_tree.0,
            monitor_thread: c.monitor_thread.0,
            max_blocking_time: c.max_blocking_time.0,
            memory_monitor_period: c.memory_monitor_period.0,
            max_memory_usage: c.max_memory_usage.map(|b| b.0),
            ares_flags: c.ares_flags,
            ares_timeout: c.ares_timeout,
            ares_tries: c.ares_tries,
            ares_ndots: c.ares_ndots,
            ares_udp_port: c.ares_udp_port,
            ares_tcp_port: c.ares_tcp_port,
            ares_servers: c.ares_servers.map(|l| l.0),
            resolver_nameservers: c.resolver_nameservers.map(|l| l.0),
            resolver_timeout: c.resolver_timeout.map(|s| s.0),
        }
    }
}
