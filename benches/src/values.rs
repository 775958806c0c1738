//! gevent's 23 values in one plain form: what the hand-written loader
//! returns, and what every peer's result converts to, so that a test can
//! check that all loaders read the same values.

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// The defaults of gevent's importables, as preference lists.
pub mod defaults {
    pub const RESOLVER: &[&str] = &["thread", "dnspython", "ares", "block"];
    pub const THREADPOOL: &[&str] = &["gevent.threadpool.ThreadPool"];
    pub const LOOP: &[&str] = &["libev-cext", "libev-cffi", "libuv-cffi"];
    pub const FORMAT_CONTEXT: &[&str] = &["pprint.saferepr"];
    pub const FILEOBJECT: &[&str] = &["posix", "thread"];
}

/// gevent's 23 settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Values {
    pub resolver: Names,
    pub threadpool: Names,
    pub threadpool_idle_task_timeout: f64,
    pub r#loop: Names,
    pub format_context: Names,
    pub libev_backend: Option<Vec<String>>,
    pub fileobject: Names,
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

/// An importable's preference list of names, unresolved: the default's
/// static list, or the variable's text, whose names are its comma-separated
/// items (splitting it into strings would allocate what nothing needs).
#[derive(Debug, Clone)]
pub enum Names {
    /// The setting's default.
    Default(&'static [&'static str]),
    /// The variable's text.
    Given(String),
}

impl Names {
    /// The names, in order of preference.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let (listed, given) = match self {
            Names::Default(names) => (Some(names.iter().copied()), None),
            Names::Given(text) => (None, Some(text.split(','))),
        };
        listed.into_iter().flatten().chain(given.into_iter().flatten())
    }
}

impl PartialEq for Names {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl FromStr for Names {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Names::Given(text.to_owned()))
    }
}

/// From a string (confique deserializes its defaults).
impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Names::Given)
    }
}
