//! confique 0.4: a derive over serde, loading the environment layer.
//! (`loop` is `event_loop` here: confique's derive panics on raw names.)

use confique::Config as _;

/// confique's parsers return a `std::error::Error`.
#[derive(Debug)]
pub struct Invalid(&'static str);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Invalid {}

fn bool_words(s: &str) -> Result<bool, Invalid> {
    super::parse_bool(s).map_err(Invalid)
}

fn bytes(s: &str) -> Result<u64, Invalid> {
    super::parse_bytes(s).map_err(Invalid)
}

/// gevent's settings.
#[derive(Debug, confique::Config)]
pub struct Config {
    #[config(env = "GEVENT_RESOLVER", parse_env = confique::env::parse::list_by_comma,
             default = ["thread", "dnspython", "ares", "block"])]
    pub resolver: Vec<String>,
    #[config(env = "GEVENT_THREADPOOL", parse_env = confique::env::parse::list_by_comma,
             default = ["gevent.threadpool.ThreadPool"])]
    pub threadpool: Vec<String>,
    #[config(env = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", default = 5.0)]
    pub threadpool_idle_task_timeout: f64,
    #[config(env = "GEVENT_LOOP", parse_env = confique::env::parse::list_by_comma,
             default = ["libev-cext", "libev-cffi", "libuv-cffi"])]
    pub event_loop: Vec<String>,
    #[config(env = "GEVENT_FORMAT_CONTEXT", parse_env = confique::env::parse::list_by_comma,
             default = ["pprint.saferepr"])]
    pub format_context: Vec<String>,
    #[config(env = "GEVENT_BACKEND", parse_env = confique::env::parse::list_by_comma)]
    pub libev_backend: Option<Vec<String>>,
    #[config(env = "GEVENT_FILE", parse_env = confique::env::parse::list_by_comma, default = ["posix", "thread"])]
    pub fileobject: Vec<String>,
    #[config(env = "GEVENT_NOWAITPID", parse_env = bool_words, default = false)]
    pub disable_watch_children: bool,
    #[config(env = "PYTHONTRACEMALLOC", default = 0)]
    pub trace_malloc: i64,
    #[config(env = "GEVENT_TRACK_GREENLET_TREE", parse_env = bool_words, default = true)]
    pub track_greenlet_tree: bool,
    #[config(env = "GEVENT_MONITOR_THREAD_ENABLE", parse_env = bool_words, default = false)]
    pub monitor_thread: bool,
    #[config(env = "GEVENT_MAX_BLOCKING_TIME", default = 0.1)]
    pub max_blocking_time: f64,
    #[config(env = "GEVENT_MONITOR_MEMORY_PERIOD", default = 5.0)]
    pub memory_monitor_period: f64,
    #[config(env = "GEVENT_MONITOR_MEMORY_MAX", parse_env = bytes)]
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
    #[config(env = "GEVENT_RESOLVER_TIMEOUT")]
    pub resolver_timeout: Option<f64>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Config {
    Config::builder().env().load().expect("the benchmark environment is valid")
}
