//! clap 4: a parser whose every argument falls back on its variable
//! (`env = ...`), run on an empty command line.

use clap::Parser;

fn bool_words(s: &str) -> Result<bool, &'static str> {
    super::parse_bool(s)
}

fn bytes(s: &str) -> Result<u64, &'static str> {
    super::parse_bytes(s)
}

/// gevent's settings.
#[derive(Debug, Parser)]
#[command(name = "gevent")]
pub struct Config {
    #[arg(long, env = "GEVENT_RESOLVER", value_delimiter = ',', default_value = "thread,dnspython,ares,block")]
    pub resolver: Vec<String>,
    #[arg(long, env = "GEVENT_THREADPOOL", value_delimiter = ',', default_value = "gevent.threadpool.ThreadPool")]
    pub threadpool: Vec<String>,
    #[arg(long, env = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", default_value_t = 5.0)]
    pub threadpool_idle_task_timeout: f64,
    #[arg(long = "loop", env = "GEVENT_LOOP", value_delimiter = ',', default_value = "libev-cext,libev-cffi,libuv-cffi")]
    pub r#loop: Vec<String>,
    #[arg(long, env = "GEVENT_FORMAT_CONTEXT", value_delimiter = ',', default_value = "pprint.saferepr")]
    pub format_context: Vec<String>,
    #[arg(long, env = "GEVENT_BACKEND", value_delimiter = ',')]
    pub libev_backend: Option<Vec<String>>,
    #[arg(long, env = "GEVENT_FILE", value_delimiter = ',', default_value = "posix,thread")]
    pub fileobject: Vec<String>,
    #[arg(long, env = "GEVENT_NOWAITPID", value_parser = bool_words, default_value = "false", action = clap::ArgAction::Set)]
    pub disable_watch_children: bool,
    #[arg(long, env = "PYTHONTRACEMALLOC", default_value_t = 0)]
    pub trace_malloc: i64,
    #[arg(long, env = "GEVENT_TRACK_GREENLET_TREE", value_parser = bool_words, default_value = "true", action = clap::ArgAction::Set)]
    pub track_greenlet_tree: bool,
    #[arg(long, env = "GEVENT_MONITOR_THREAD_ENABLE", value_parser = bool_words, default_value = "false", action = clap::ArgAction::Set)]
    pub monitor_thread: bool,
    #[arg(long, env = "GEVENT_MAX_BLOCKING_TIME", default_value_t = 0.1)]
    pub max_blocking_time: f64,
    #[arg(long, env = "GEVENT_MONITOR_MEMORY_PERIOD", default_value_t = 5.0)]
    pub memory_monitor_period: f64,
    #[arg(long, env = "GEVENT_MONITOR_MEMORY_MAX", value_parser = bytes)]
    pub max_memory_usage: Option<u64>,
    #[arg(long, env = "GEVENTARES_FLAGS")]
    pub ares_flags: Option<String>,
    #[arg(long, env = "GEVENTARES_TIMEOUT")]
    pub ares_timeout: Option<String>,
    #[arg(long, env = "GEVENTARES_TRIES")]
    pub ares_tries: Option<String>,
    #[arg(long, env = "GEVENTARES_NDOTS")]
    pub ares_ndots: Option<String>,
    #[arg(long, env = "GEVENTARES_UDP_PORT")]
    pub ares_udp_port: Option<String>,
    #[arg(long, env = "GEVENTARES_TCP_PORT")]
    pub ares_tcp_port: Option<String>,
    #[arg(long, env = "GEVENTARES_SERVERS", value_delimiter = ',')]
    pub ares_servers: Option<Vec<String>>,
    #[arg(long, env = "GEVENT_RESOLVER_NAMESERVERS", value_delimiter = ',')]
    pub resolver_nameservers: Option<Vec<String>>,
    #[arg(long, env = "GEVENT_RESOLVER_TIMEOUT")]
    pub resolver_timeout: Option<f64>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Config {
    Config::try_parse_from(["gevent"]).expect("the benchmark environment is valid")
}
