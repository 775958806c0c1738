//! clap 4: a parser whose every argument falls back on its variable
//! (`#[arg(env = ...)]`, the derive reference's "Arg attributes"; lists with
//! `value_delimiter = ','` as `Arg::env`'s documentation shows), run on an
//! empty command line. Values parse through `value_parser` functions.

use clap::{ArgAction, Parser};

use crate::rules::{self, Rejection};
use crate::values::{Names, Values};

fn names(text: &str) -> Result<Names, Rejection> {
    Ok(Names::Given(text.to_owned()))
}

/// gevent's settings.
#[derive(Debug, Parser)]
#[command(name = "gevent")]
pub struct Config {
    #[arg(long, env = "GEVENT_RESOLVER", value_parser = names, default_value = "thread,dnspython,ares,block")]
    pub resolver: Names,
    #[arg(long, env = "GEVENT_THREADPOOL", value_parser = names, default_value = "gevent.threadpool.ThreadPool")]
    pub threadpool: Names,
    #[arg(long, env = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", value_parser = super::idle_timeout, default_value = "5")]
    pub threadpool_idle_task_timeout: f64,
    #[arg(long = "loop", env = "GEVENT_LOOP", value_parser = names, default_value = "libev-cext,libev-cffi,libuv-cffi")]
    pub r#loop: Names,
    #[arg(long, env = "GEVENT_FORMAT_CONTEXT", value_parser = names, default_value = "pprint.saferepr")]
    pub format_context: Names,
    #[arg(long, env = "GEVENT_BACKEND", value_delimiter = ',')]
    pub libev_backend: Option<Vec<String>>,
    #[arg(long, env = "GEVENT_FILE", value_parser = names, default_value = "posix,thread")]
    pub fileobject: Names,
    #[arg(long, env = "GEVENT_NOWAITPID", value_parser = rules::boolean, default_value = "false", action = ArgAction::Set)]
    pub disable_watch_children: bool,
    #[arg(long, env = "PYTHONTRACEMALLOC", value_parser = rules::integer, default_value = "0")]
    pub trace_malloc: i64,
    #[arg(long, env = "GEVENT_TRACK_GREENLET_TREE", value_parser = rules::boolean, default_value = "true", action = ArgAction::Set)]
    pub track_greenlet_tree: bool,
    #[arg(long, env = "GEVENT_MONITOR_THREAD_ENABLE", value_parser = rules::boolean, default_value = "false", action = ArgAction::Set)]
    pub monitor_thread: bool,
    #[arg(long, env = "GEVENT_MAX_BLOCKING_TIME", value_parser = super::seconds, default_value = "0.1")]
    pub max_blocking_time: f64,
    #[arg(long, env = "GEVENT_MONITOR_MEMORY_PERIOD", value_parser = super::seconds, default_value = "5")]
    pub memory_monitor_period: f64,
    #[arg(long, env = "GEVENT_MONITOR_MEMORY_MAX", value_parser = super::memory_limit)]
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
    #[arg(long, env = "GEVENT_RESOLVER_TIMEOUT", value_parser = super::seconds)]
    pub resolver_timeout: Option<f64>,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<Config, clap::Error> {
    Config::try_parse_from(["gevent"])
}

impl From<Config> for Values {
    fn from(c: Config) -> Values {
        Values {
            resolver: c.resolver,
            threadpool: c.threadpool,
            threadpool_idle_task_timeout: c.threadpool_idle_task_timeout,
            r#loop: c.r#loop,
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
