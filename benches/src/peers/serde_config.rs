//! gevent's 23 settings as one serde struct, shared by the serde-based
//! peers (envy, figment, config-rs). Field names are the variables'
//! lower-cased names, as those crates match them.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// gevent's settings, for serde-based loaders.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    #[serde(rename = "gevent_resolver", default = "resolver", deserialize_with = "list")]
    pub resolver: Vec<String>,
    #[serde(rename = "gevent_threadpool", default = "threadpool", deserialize_with = "list")]
    pub threadpool: Vec<String>,
    #[serde(rename = "gevent_threadpool_idle_task_timeout", default = "five", deserialize_with = "float")]
    pub threadpool_idle_task_timeout: f64,
    #[serde(rename = "gevent_loop", default = "event_loop", deserialize_with = "list")]
    pub r#loop: Vec<String>,
    #[serde(rename = "gevent_format_context", default = "format_context", deserialize_with = "list")]
    pub format_context: Vec<String>,
    #[serde(rename = "gevent_backend", default, deserialize_with = "opt_list")]
    pub libev_backend: Option<Vec<String>>,
    #[serde(rename = "gevent_file", default = "fileobject", deserialize_with = "list")]
    pub fileobject: Vec<String>,
    #[serde(rename = "gevent_nowaitpid", default, deserialize_with = "boolean")]
    pub disable_watch_children: bool,
    #[serde(rename = "pythontracemalloc", default, deserialize_with = "integer")]
    pub trace_malloc: i64,
    #[serde(rename = "gevent_track_greenlet_tree", default = "yes", deserialize_with = "boolean")]
    pub track_greenlet_tree: bool,
    #[serde(rename = "gevent_monitor_thread_enable", default, deserialize_with = "boolean")]
    pub monitor_thread: bool,
    #[serde(rename = "gevent_max_blocking_time", default = "tenth", deserialize_with = "float")]
    pub max_blocking_time: f64,
    #[serde(rename = "gevent_monitor_memory_period", default = "five", deserialize_with = "float")]
    pub memory_monitor_period: f64,
    #[serde(rename = "gevent_monitor_memory_max", default, deserialize_with = "opt_bytes")]
    pub max_memory_usage: Option<u64>,
    #[serde(rename = "geventares_flags", default, deserialize_with = "opt_text")]
    pub ares_flags: Option<String>,
    #[serde(rename = "geventares_timeout", default, deserialize_with = "opt_text")]
    pub ares_timeout: Option<String>,
    #[serde(rename = "geventares_tries", default, deserialize_with = "opt_text")]
    pub ares_tries: Option<String>,
    #[serde(rename = "geventares_ndots", default, deserialize_with = "opt_text")]
    pub ares_ndots: Option<String>,
    #[serde(rename = "geventares_udp_port", default, deserialize_with = "opt_text")]
    pub ares_udp_port: Option<String>,
    #[serde(rename = "geventares_tcp_port", default, deserialize_with = "opt_text")]
    pub ares_tcp_port: Option<String>,
    #[serde(rename = "geventares_servers", default, deserialize_with = "opt_list")]
    pub ares_servers: Option<Vec<String>>,
    #[serde(rename = "gevent_resolver_nameservers", default, deserialize_with = "opt_list")]
    pub resolver_nameservers: Option<Vec<String>>,
    #[serde(rename = "gevent_resolver_timeout", default, deserialize_with = "opt_float")]
    pub resolver_timeout: Option<f64>,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}
fn resolver() -> Vec<String> {
    strings(&["thread", "dnspython", "ares", "block"])
}
fn threadpool() -> Vec<String> {
    strings(&["gevent.threadpool.ThreadPool"])
}
fn event_loop() -> Vec<String> {
    strings(&["libev-cext", "libev-cffi", "libuv-cffi"])
}
fn format_context() -> Vec<String> {
    strings(&["pprint.saferepr"])
}
fn fileobject() -> Vec<String> {
    strings(&["posix", "thread"])
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

/// Any scalar as text: the loaders hand over strings (envy), or values they
/// guessed the type of (figment, config-rs).
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

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(Some)
}

fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(text(d)?.split(',').map(str::to_owned).collect())
}

fn opt_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    list(d).map(Some)
}

fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    super::parse_bool(&text(d)?).map_err(de::Error::custom)
}

fn float<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    text(d)?.trim().parse().map_err(de::Error::custom)
}

fn opt_float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    float(d).map(Some)
}

fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    text(d)?.trim().parse().map_err(de::Error::custom)
}

fn opt_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    super::parse_bytes(&text(d)?).map(Some).map_err(de::Error::custom)
}
