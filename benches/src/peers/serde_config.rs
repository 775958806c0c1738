//! gevent's settings as serde structs, for the serde-based peers (envy,
//! figment, config-rs). A field's name is the key its crate makes of the
//! variable: lower-cased, less the prefix the provider strips. Values are
//! parsed with gevent's rules (`crate::rules`) in `deserialize_with`
//! functions, serde's hook for a custom format.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::rules;
use crate::values::{Names, Values, defaults};

/// A struct of fields, each `name: Type = "key", "deserialize_with", "default"`.
macro_rules! vars_struct {
    ($(#[$attr:meta])* $name:ident { $($field:ident: $ty:ty = $key:literal, $with:literal, $default:literal;)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Deserialize)]
        pub struct $name {
            $(
                #[serde(rename = $key, deserialize_with = $with, default = $default)]
                pub $field: $ty,
            )*
        }
    };
}

/// Calls `$then!` with the fields of the `GEVENT_` variables, keyed without
/// the prefix, added to the fields given.
macro_rules! with_gevent_fields {
    ($then:ident! $(#[$attr:meta])* $name:ident { $($more:tt)* }) => {
        $then! { $(#[$attr])* $name {
            resolver: Names = "resolver", "names", "resolver";
            threadpool: Names = "threadpool", "names", "threadpool";
            threadpool_idle_task_timeout: f64 = "threadpool_idle_task_timeout", "idle_timeout", "five";
            r#loop: Names = "loop", "names", "event_loop";
            format_context: Names = "format_context", "names", "format_context";
            libev_backend: Option<Vec<String>> = "backend", "opt_list", "Default::default";
            fileobject: Names = "file", "names", "fileobject";
            disable_watch_children: bool = "nowaitpid", "boolean", "Default::default";
            track_greenlet_tree: bool = "track_greenlet_tree", "boolean", "yes";
            monitor_thread: bool = "monitor_thread_enable", "boolean", "Default::default";
            max_blocking_time: f64 = "max_blocking_time", "seconds", "tenth";
            memory_monitor_period: f64 = "monitor_memory_period", "seconds", "five";
            max_memory_usage: Option<u64> = "monitor_memory_max", "opt_bytes", "Default::default";
            resolver_nameservers: Option<Vec<String>> = "resolver_nameservers", "opt_list", "Default::default";
            resolver_timeout: Option<f64> = "resolver_timeout", "opt_seconds", "Default::default";
            $($more)*
        }}
    };
}

/// As `with_gevent_fields!`, for the `GEVENTARES_` variables.
macro_rules! with_ares_fields {
    ($then:ident! $(#[$attr:meta])* $name:ident { $($more:tt)* }) => {
        $then! { $(#[$attr])* $name {
            ares_flags: Option<String> = "flags", "opt_text", "Default::default";
            ares_timeout: Option<String> = "timeout", "opt_text", "Default::default";
            ares_tries: Option<String> = "tries", "opt_text", "Default::default";
            ares_ndots: Option<String> = "ndots", "opt_text", "Default::default";
            ares_udp_port: Option<String> = "udp_port", "opt_text", "Default::default";
            ares_tcp_port: Option<String> = "tcp_port", "opt_text", "Default::default";
            ares_servers: Option<Vec<String>> = "servers", "opt_list", "Default::default";
            $($more)*
        }}
    };
}

with_gevent_fields!(vars_struct!
    /// The `GEVENT_` variables (envy reads one struct per prefix).
    GeventVars {}
);

with_ares_fields!(vars_struct!
    /// The `GEVENTARES_` variables.
    AresVars {}
);

vars_struct!(
    /// `PYTHONTRACEMALLOC`, which no prefix covers: its key is its name.
    PythonVars { trace_malloc: i64 = "pythontracemalloc", "integer", "Default::default"; }
);

/// Adds the `GEVENTARES_` fields, then makes the struct.
macro_rules! ares_then_struct {
    ($($tt:tt)*) => { with_ares_fields!(vars_struct! $($tt)*); };
}

with_gevent_fields!(ares_then_struct!
    /// All of gevent's variables in one struct, as figment and config-rs
    /// merge their providers into one dictionary.
    AllVars { trace_malloc: i64 = "pythontracemalloc", "integer", "Default::default"; }
);

impl From<AllVars> for Values {
    fn from(v: AllVars) -> Values {
        let gevent = GeventVars {
            resolver: v.resolver,
            threadpool: v.threadpool,
            threadpool_idle_task_timeout: v.threadpool_idle_task_timeout,
            r#loop: v.r#loop,
            format_context: v.format_context,
            libev_backend: v.libev_backend,
            fileobject: v.fileobject,
            disable_watch_children: v.disable_watch_children,
            track_greenlet_tree: v.track_greenlet_tree,
            monitor_thread: v.monitor_thread,
            max_blocking_time: v.max_blocking_time,
            memory_monitor_period: v.memory_monitor_period,
            max_memory_usage: v.max_memory_usage,
            resolver_nameservers: v.resolver_nameservers,
            resolver_timeout: v.resolver_timeout,
        };
        let ares = AresVars {
            ares_flags: v.ares_flags,
            ares_timeout: v.ares_timeout,
            ares_tries: v.ares_tries,
            ares_ndots: v.ares_ndots,
            ares_udp_port: v.ares_udp_port,
            ares_tcp_port: v.ares_tcp_port,
            ares_servers: v.ares_servers,
        };
        Values::from((gevent, ares, PythonVars { trace_malloc: v.trace_malloc }))
    }
}

impl From<(GeventVars, AresVars, PythonVars)> for Values {
    fn from((g, a, p): (GeventVars, AresVars, PythonVars)) -> Values {
        Values {
            resolver: g.resolver,
            threadpool: g.threadpool,
            threadpool_idle_task_timeout: g.threadpool_idle_task_timeout,
            r#loop: g.r#loop,
            format_context: g.format_context,
            libev_backend: g.libev_backend,
            fileobject: g.fileobject,
            disable_watch_children: g.disable_watch_children,
            trace_malloc: p.trace_malloc,
            track_greenlet_tree: g.track_greenlet_tree,
            monitor_thread: g.monitor_thread,
            max_blocking_time: g.max_blocking_time,
            memory_monitor_period: g.memory_monitor_period,
            max_memory_usage: g.max_memory_usage,
            ares_flags: a.ares_flags,
            ares_timeout: a.ares_timeout,
            ares_tries: a.ares_tries,
            ares_ndots: a.ares_ndots,
            ares_udp_port: a.ares_udp_port,
            ares_tcp_port: a.ares_tcp_port,
            ares_servers: a.ares_servers,
            resolver_nameservers: g.resolver_nameservers,
            resolver_timeout: g.resolver_timeout,
        }
    }
}

fn resolver() -> Names {
    Names::Default(defaults::RESOLVER)
}
fn threadpool() -> Names {
    Names::Default(defaults::THREADPOOL)
}
fn event_loop() -> Names {
    Names::Default(defaults::LOOP)
}
fn format_context() -> Names {
    Names::Default(defaults::FORMAT_CONTEXT)
}
fn fileobject() -> Names {
    Names::Default(defaults::FILEOBJECT)
}
fn five() -> f64 {
    5.0
}
fn tenth() -> f64 {
    0.1
}
fn yes() -> bool {
    true
}

/// Any scalar as text: envy and config-rs hand over strings; figment hands
/// over values it guessed the type of (`1` is an integer), shown back.
struct Text;

impl Visitor<'_> for Text {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(Text)
}

/// Text parsed with `parse`, its rejection made a serde error.
fn parsed<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Result<T, rules::Rejection>) -> Result<T, D::Error> {
    parse(&text(d)?).map_err(de::Error::custom)
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(Some)
}

fn names<'de, D: Deserializer<'de>>(d: D) -> Result<Names, D::Error> {
    text(d).map(Names::Given)
}

fn opt_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(Some(rules::list(&text(d)?)))
}

fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    parsed(d, rules::boolean)
}

fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    parsed(d, rules::integer)
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parsed(d, super::seconds)
}

fn opt_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    seconds(d).map(Some)
}

fn idle_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parsed(d, super::idle_timeout)
}

fn opt_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    parsed(d, super::memory_limit).map(Some)
}
