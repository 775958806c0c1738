//! envconfig 0.11: a derive reading each variable with `FromStr`.

use std::str::FromStr;

use envconfig::Envconfig;

/// gevent's boolean words.
#[derive(Debug, Clone, Copy)]
pub struct Flag(pub bool);

impl FromStr for Flag {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::parse_bool(s).map(Flag)
    }
}

/// A byte count.
#[derive(Debug, Clone, Copy)]
pub struct Bytes(pub u64);

impl FromStr for Bytes {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::parse_bytes(s).map(Bytes)
    }
}

/// A comma-separated list.
#[derive(Debug, Clone)]
pub struct List(pub Vec<String>);

impl FromStr for List {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(List(s.split(',').map(str::to_owned).collect()))
    }
}

/// gevent's settings.
#[derive(Debug, Envconfig)]
pub struct Config {
    #[envconfig(from = "GEVENT_RESOLVER", default = "thread,dnspython,ares,block")]
    pub resolver: List,
    #[envconfig(from = "GEVENT_THREADPOOL", default = "gevent.threadpool.ThreadPool")]
    pub threadpool: List,
    #[envconfig(from = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", default = "5.0")]
    pub threadpool_idle_task_timeout: f64,
    #[envconfig(from = "GEVENT_LOOP", default = "libev-cext,libev-cffi,libuv-cffi")]
    pub r#loop: List,
    #[envconfig(from = "GEVENT_FORMAT_CONTEXT", default = "pprint.saferepr")]
    pub format_context: List,
    #[envconfig(from = "GEVENT_BACKEND")]
    pub libev_backend: Option<List>,
    #[envconfig(from = "GEVENT_FILE", default = "posix,thread")]
    pub fileobject: List,
    #[envconfig(from = "GEVENT_NOWAITPID", default = "false")]
    pub disable_watch_children: Flag,
    #[envconfig(from = "PYTHONTRACEMALLOC", default = "0")]
    pub trace_malloc: i64,
    #[envconfig(from = "GEVENT_TRACK_GREENLET_TREE", default = "true")]
    pub track_greenlet_tree: Flag,
    #[envconfig(from = "GEVENT_MONITOR_THREAD_ENABLE", default = "false")]
    pub monitor_thread: Flag,
    #[envconfig(from = "GEVENT_MAX_BLOCKING_TIME", default = "0.1")]
    pub max_blocking_time: f64,
    #[envconfig(from = "GEVENT_MONITOR_MEMORY_PERIOD", default = "5")]
    pub memory_monitor_period: f64,
    #[envconfig(from = "GEVENT_MONITOR_MEMORY_MAX")]
    pub max_memory_usage: Option<Bytes>,
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
    pub resolver_timeout: Option<f64>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Config {
    Config::init_from_env().expect("the benchmark environment is valid")
}
