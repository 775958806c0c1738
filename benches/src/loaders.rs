//! Every loader by name, so that the benchmark, the instruction-count
//! example and the agreement test run the same list; and every use the
//! harness makes of config-core's API, so that a change of that API is
//! adapted here alone.

use std::ffi::OsString;
use std::hint::black_box;

use config_core::Settings;
use gevent_settings::Config;

use crate::peers;
use crate::values::{Names, Values};

/// A loader: loads gevent's 23 settings from the process environment and
/// panics if it cannot (the benchmark environment is valid).
pub type Load = fn();

/// The example service's loaders (under `Scenario::Service`), ours first.
pub const SERVICE_LOADERS: [(&str, Load); 3] = [
    ("service_config_core", || {
        black_box(service_example::AppConfig::from_env().expect("valid"));
    }),
    ("service_config_core_builder", || {
        black_box(
            service_example::AppConfig::builder()
                .env()
                .unknown_names(config_core::Unknown::Ignore)
                .load()
                .expect("valid"),
        );
    }),
    ("service_handwritten", || {
        black_box(crate::service::load().expect("valid"));
    }),
];

/// The file benchmark's loaders (any scenario), ours first.
pub const FILE_LOADERS: [(&str, Load); 2] = [
    ("file_config_core", || {
        black_box(crate::files::load_config_core());
    }),
    ("file_serde", || {
        black_box(crate::files::load_serde());
    }),
];

/// `(name, loader)` for gevent's settings, ours first and the hand-written
/// baseline after them.
pub const LOADERS: [(&str, Load); 9] = [
    ("config_core", || {
        black_box(load_config_core());
    }),
    ("config_core_builder", || {
        black_box(load_config_core_builder());
    }),
    ("handwritten", || {
        black_box(peers::handwritten::load().expect("valid"));
    }),
    ("envconfig", || {
        black_box(peers::envconfig::load().expect("valid"));
    }),
    ("confique", || {
        black_box(peers::confique::load().expect("valid"));
    }),
    ("envy", || {
        black_box(peers::envy::load().expect("valid"));
    }),
    ("figment", || {
        black_box(peers::figment::load().expect("valid"));
    }),
    ("clap", || {
        black_box(peers::clap::load().expect("valid"));
    }),
    ("config_rs", || {
        black_box(peers::config_rs::load().expect("valid"));
    }),
];

/// The loader called `name`.
pub fn loader(name: &str) -> Option<Load> {
    LOADERS.iter().chain(&SERVICE_LOADERS).chain(&FILE_LOADERS).find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// gevent's settings loaded by config-core from the process environment.
pub fn load_config_core() -> impl Sized {
    Config::from_env().expect("valid")
}

/// gevent's settings loaded by config-core from the process environment,
/// the same job as the hand-written loader: no pass over the whole
/// environment for unknown variables.
pub fn load_config_core_builder() -> impl Sized {
    Config::builder().env().unknown_names(config_core::Unknown::Ignore).load().expect("valid")
}

/// Any settings struct loaded by config-core from the process environment
/// (the generated structs of the growth benchmark).
pub fn load_struct<C: Settings>() -> impl Sized {
    C::from_env().expect("valid")
}

/// gevent's settings loaded by config-core from `pairs`, as [`Values`]:
/// each importable is the one path it resolved to.
pub fn config_core_values(pairs: &[(&str, OsString)]) -> Result<Values, String> {
    Config::from_source(&pairs).map(|c| values_of(&c)).map_err(|problems| problems.to_string())
}

/// The values of gevent's loaded settings, as [`Values`]: each importable
/// is the one path it resolved to.
pub fn values_of(c: &Config) -> Values {
    let chosen = |path: Option<&str>| Names::Given(path.unwrap_or("(set in code)").to_owned());
    Values {
        resolver: chosen(c.resolver.path()),
        threadpool: chosen(c.threadpool.path()),
        threadpool_idle_task_timeout: c.threadpool_idle_task_timeout,
        r#loop: chosen(c.r#loop.path()),
        format_context: chosen(c.format_context.path()),
        libev_backend: c.libev_backend.clone(),
        fileobject: chosen(c.fileobject.path()),
        disable_watch_children: c.disable_watch_children,
        trace_malloc: c.trace_malloc,
        track_greenlet_tree: c.track_greenlet_tree,
        monitor_thread: c.monitor_thread,
        max_blocking_time: c.max_blocking_time,
        memory_monitor_period: c.memory_monitor_period,
        max_memory_usage: c.max_memory_usage,
        ares_flags: c.ares_flags.clone(),
        ares_timeout: c.ares_timeout.clone(),
        ares_tries: c.ares_tries.clone(),
        ares_ndots: c.ares_ndots.clone(),
        ares_udp_port: c.ares_udp_port.clone(),
        ares_tcp_port: c.ares_tcp_port.clone(),
        ares_servers: c.ares_servers.clone(),
        resolver_nameservers: c.resolver_nameservers.clone(),
        resolver_timeout: c.resolver_timeout,
    }
}

/// config-core's parsers, which the harness's (`crate::rules`) must agree
/// with.
pub use config_core::parse as reference_rules;

/// The dotted path the shorthand `name` of setting `setting` stands for, or
/// `name` itself: what a resolved preference list's first choice is.
pub fn target_of(setting: &str, name: &str) -> String {
    let meta = Config::META.setting(setting).expect("a setting of gevent's");
    meta.shorthands.iter().find(|s| s.name == name).map_or(name, |s| s.target).to_owned()
}

/// The process-wide instance, loaded on first use.
pub fn global() -> &'static config_core::Global<Config> {
    gevent_settings::config()
}

/// A read through the process-wide instance: a snapshot taken and let go.
pub fn read_global() -> f64 {
    global().get().max_blocking_time
}

/// A handle on the process-wide instance for a thread that reads often.
pub type Reader = config_core::Reader<'static, Config>;

/// A reader of the process-wide instance.
pub fn reader() -> Reader {
    global().reader()
}

/// A read through a reader.
pub fn read_reader(reader: &mut Reader) -> f64 {
    reader.get().max_blocking_time
}

/// A read through the process-wide instance that records its first reader
/// (`frozen` settings refuse changes once read this way).
pub fn read_global_tracked() -> f64 {
    global().read(|c| &c.max_blocking_time)
}

/// A reload of the process-wide instance from the environment: every
/// variable read again, the whole configuration checked, and published.
pub fn reload_global() {
    global().reload().expect("valid");
}

/// A change through the process-wide instance.
pub fn set_global(seconds: f64) {
    global().set("max_blocking_time", seconds).expect("a valid value");
}

/// A loaded `Config` (not the process-wide one), with its provenance.
pub type Loaded = config_core::Loaded<Config>;

/// gevent's settings loaded by config-core, as a value to change in place.
pub fn loaded() -> Loaded {
    Config::from_env().expect("valid")
}

/// A change of a loaded `Config`, from a typed value.
pub fn set_loaded(loaded: &mut Loaded, seconds: f64) {
    loaded.set("max_blocking_time", seconds).expect("a valid value");
}

/// A change of a loaded `Config`, from text (parsed).
pub fn set_loaded_text(loaded: &mut Loaded, seconds: &str) {
    loaded.set("max_blocking_time", seconds).expect("a valid value");
}

/// The size of one snapshot of gevent's settings, as the process-wide
/// instance keeps one per change.
pub fn snapshot_size() -> usize {
    std::mem::size_of::<Loaded>()
}
