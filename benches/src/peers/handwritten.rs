//! The baseline: what a developer writes by hand. One `std::env::var_os`
//! per setting and minimal parsing with gevent's rules; importables kept as
//! their preference lists of names.

use std::env::var_os;
use std::ffi::OsString;

/// gevent's 23 settings, hand-loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub resolver: Vec<String>,
    pub threadpool: Vec<String>,
    pub threadpool_idle_task_timeout: f64,
    pub r#loop: Vec<String>,
    pub format_context: Vec<String>,
    pub libev_backend: Option<Vec<String>>,
    pub fileobject: Vec<String>,
    pub disable_watch_children: bool,
    pub trace_malloc: i64,
    pub track_greenlet_tree: bool,
    pub monitor_thread: bool,
    pub max_blocking_time: f64,
    pub memory_monitor_period: f64,
    pub max_memory_usage: Option<u64>,
    pub ares_flags: Option<String>,
    pub ares_timeout: Option<String>,
    pub ares_tries: Option<String>,
    pub ares_ndots: Option<String>,
    pub ares_udp_port: Option<String>,
    pub ares_tcp_port: Option<String>,
    pub ares_servers: Option<Vec<String>>,
    pub resolver_nameservers: Option<Vec<String>>,
    pub resolver_timeout: Option<f64>,
}

fn text(name: &str) -> Option<String> {
    var_os(name).map(OsString::into_string).and_then(Result::ok)
}

fn list(name: &str) -> Option<Vec<String>> {
    text(name).map(|s| s.split(',').map(str::to_owned).collect())
}

fn names(name: &str, default: &[&str]) -> Vec<String> {
    list(name).unwrap_or_else(|| default.iter().map(|s| (*s).to_owned()).collect())
}

fn boolean(name: &str, default: bool) -> bool {
    match text(name) {
        Some(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on" | "yes"),
        None => default,
    }
}

fn float(name: &str) -> Option<f64> {
    text(name).and_then(|s| s.trim().parse().ok()).filter(|x: &f64| *x > 0.0)
}

fn bytes(name: &str) -> Option<u64> {
    let s = text(name)?.to_ascii_lowercase();
    let (number, multiple) = match s.len().checked_sub(2).map(|i| s.split_at(i)) {
        Some((n, "kb")) => (n, 1 << 10),
        Some((n, "mb")) => (n, 1 << 20),
        Some((n, "gb")) => (n, 1 << 30),
        _ => (s.as_str(), 1),
    };
    number.trim().parse::<u64>().ok().map(|n| n * multiple)
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Config {
    Config {
        resolver: names("GEVENT_RESOLVER", &["thread", "dnspython", "ares", "block"]),
        threadpool: names("GEVENT_THREADPOOL", &["gevent.threadpool.ThreadPool"]),
        threadpool_idle_task_timeout: float("GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT").unwrap_or(5.0),
        r#loop: names("GEVENT_LOOP", &["libev-cext", "libev-cffi", "libuv-cffi"]),
        format_context: names("GEVENT_FORMAT_CONTEXT", &["pprint.saferepr"]),
        libev_backend: list("GEVENT_BACKEND"),
        fileobject: names("GEVENT_FILE", &["posix", "thread"]),
        disable_watch_children: boolean("GEVENT_NOWAITPID", false),
        trace_malloc: text("PYTHONTRACEMALLOC").and_then(|s| s.trim().parse().ok()).unwrap_or(0),
        track_greenlet_tree: boolean("GEVENT_TRACK_GREENLET_TREE", true),
        monitor_thread: boolean("GEVENT_MONITOR_THREAD_ENABLE", false),
        max_blocking_time: float("GEVENT_MAX_BLOCKING_TIME").unwrap_or(0.1),
        memory_monitor_period: float("GEVENT_MONITOR_MEMORY_PERIOD").unwrap_or(5.0),
        max_memory_usage: bytes("GEVENT_MONITOR_MEMORY_MAX"),
        ares_flags: text("GEVENTARES_FLAGS"),
        ares_timeout: text("GEVENTARES_TIMEOUT"),
        ares_tries: text("GEVENTARES_TRIES"),
        ares_ndots: text("GEVENTARES_NDOTS"),
        ares_udp_port: text("GEVENTARES_UDP_PORT"),
        ares_tcp_port: text("GEVENTARES_TCP_PORT"),
        ares_servers: list("GEVENTARES_SERVERS"),
        resolver_nameservers: list("GEVENT_RESOLVER_NAMESERVERS"),
        resolver_timeout: float("GEVENT_RESOLVER_TIMEOUT"),
    }
}
