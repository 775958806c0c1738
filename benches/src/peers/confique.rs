//! confique 0.4, as its README sets it up: `#[derive(Config)]` with
//! `#[config(env = ...)]` per field, loaded by `Config::builder().env().load()`;
//! values parse through `parse_env` functions (lists with its own
//! `confique::env::parse::list_by_comma`). (`loop` is `event_loop` here:
//! confique's derive does not accept raw identifiers.)

use confique::Config as _;

use crate::rules::{self, Rejection};
use crate::values::{Names, Values};

/// confique's parsers return a `std::error::Error`.
#[derive(Debug)]
pub struct Invalid(Rejection);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Invalid {}

fn names(text: &str) -> Result<Names, Invalid> {
    Ok(Names::Given(text.to_owned()))
}

fn boolean(text: &str) -> Result<bool, Invalid> {
    rules::boolean(text).map_err(Invalid)
}

fn integer(text: &str) -> Result<i64, Invalid> {
    rules::integer(text).map_err(Invalid)
}

fn seconds(text: &str) -> Result<f64, Invalid> {
    super::seconds(text).map_err(Invalid)
}

fn idle_timeout(text: &str) -> Result<f64, Invalid> {
    super::idle_timeout(text).map_err(Invalid)
}

fn memory_limit(text: &str) -> Result<u64, Invalid> {
    super::memory_limit(text).map_err(Invalid)
}

/// gevent's settings.
#[derive(Debug, confique::Config)]
pub struct Config {
    #[config(env = "GEVENT_RESOLVER", parse_env = names, default = "thread,dnspython,ares,block")]
    pub resolver: Names,
    #[config(env = "GEVENT_THREADPOOL", parse_env = names, default = "gevent.threadpool.ThreadPool")]
    pub threadpool: Names,
    #[config(env = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", parse_env = idle_timeout, default = 5.0)]
    pub threadpool_idle_task_timeout: f64,
    #[config(env = "GEVENT_LOOP", parse_env = names, default = "libev-cext,libev-cffi,libuv-cffi")]
    pub event_loop: Names,
    #[config(env = "GEVENT_FORMAT_CONTEXT", parse_env = names, default = "pprint.saferepr")]
    pub format_context: Names,
    #[config(env = "GEVENT_BACKEND", parse_env = confique::env::parse::list_by_comma)]
    pub libev_backend: Option<Vec<String>>,
    #[config(env = "GEVENT_FILE", parse_env = names, default = "posix,thread")]
    pub fileobject: Names,
    #[config(env = "GEVENT_NOWAITPID", parse_env = boolean, default = false)]
    pub disable_watch_children: bool,
    #[config(env = "PYTHONTRACEMALLOC", parse_env = integer, default = 0)]
    pub trace_malloc: i64,
    #[config(env = "GEVENT_TRACK_GREENLET_TREE", parse_env = boolean, default = true)]
    pub track_greenlet_tree: bool,
    #[config(env = "GEVENT_MONITOR_THREAD_ENABLE", parse_env = boolean, default = false)]
    pub monitor_thread: bool,
    #[config(env = "GEVENT_MAX_BLOCKING_TIME", parse_env = seconds, default = 0.1)]
    pub max_blocking_time: f64,
    #[config(env = "GEVENT_MONITOR_MEMORY_PERIOD", parse_env = seconds, default = 5.0)]
    pub memory_monitor_period: f64,
    #[config(env = "GEVENT_MONITOR_MEMORY_MAX", parse_env = memory_limit)]
    pub max_memory_usage: Option<u64>,
    #[config(env = "GEVENTARES_FLAGS")]
    pub ares_flags: Option<String>,
    #[config(env = "GEVENTARES_TIMEOUT")]
    pub ares_timeout: Option<String>,
    #[config(env = "GEVENTARES_TRIES")]
    pub ares_tries: Option<String>,
    #[config(env = "GEVENTARES_NDOTS")]
    pub ares_ndots: Option<String>,
    #[config(env = "GEVENTARES_UDP_PORT")]
    pub ares_udp_port: Option<String>,
    #[config(env = "GEVENTARES_TCP_PORT")]
    pub ares_tcp_port: Option<String>,
    #[config(env = "GEVENTARES_SERVERS", parse_env = confique::env::parse::list_by_comma)]
    pub ares_servers: Option<Vec<String>>,
    #[config(env = "GEVENT_RESOLVER_NAMESERVERS", parse_env = confique::env::parse::list_by_comma)]
    pub resolver_nameservers: Option<Vec<String>>,
    #[config(env = "GEVENT_RESOLVER_TIMEOUT", parse_env = seconds)]
    pub resolver_timeout: Option<f64>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<Config, confique::Error> {
    Config::builder().env().load()
}

impl From<Config> for Values {
    fn from(c: Config) -> Values {
        Values {
            resolver: c.resolver,
            threadpool: c.threadpool,
            threadpool_idle_task_timeout: c.threadpool_idle_task_timeout,
            r#loop: c.event_loop,
            format_context: c.format_context,
            libev_backend: c.libev_backend,
            fileobject: c.fileobject,
            disable_watch_children: c.disable_watch_children,
            trace_malloc: c.trace_malloc,
            track_greenlet_tree: c.track_greenlet_tree,
            monitor_thread: c.monitor_thread,
            max_blocking_time: c.max_blocking_time,
            memory_monitor_period: c.memory_monitor_period,
            max_memory_usage: c.max_memory_usage,
            ares_flags: c.ares_flags,
            ares_timeout: c.ares_timeout,
            ares_tries: c.ares_tries,
            ares_ndots: c.ares_ndots,
            ares_udp_port: c.ares_udp_port,
            ares_tcp_port: c.ares_tcp_port,
            ares_servers: c.ares_servers,
            resolver_nameservers: c.resolver_nameservers,
            resolver_timeout: c.resolver_timeout,
        }
    }
}
