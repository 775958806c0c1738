//! gevent-settings side by side with gevent 24.11.1.
//!
//! `data/gevent-values.jsonl` holds what gevent itself makes of a few
//! hundred values, given in the environment or to `set` (made by
//! `data/gevent_values.py`). Every case gives the same result here, except
//! those of the divergences listed below, each a row of the README's table
//! ("Where this crate differs from gevent") and each pinned by a test that
//! asserts this crate's side.

use std::any::{Any, TypeId};

use config_core::{Loaded, Settings, Value};
use gevent_settings::Config;
use serde_json::Value as Json;

const CASES: &str = include_str!("data/gevent-values.jsonl");

/// One case of `data/gevent-values.jsonl`.
struct Case {
    setting: String,
    given: String,
    value: Json,
    gevent: Result<Json, String>,
}

fn cases() -> Vec<Case> {
    CASES
        .lines()
        .map(|line| {
            let case: Json = serde_json::from_str(line).unwrap();
            let gevent = match case["gevent"].get("ok") {
                Some(ok) => Ok(ok.clone()),
                None => Err(case["gevent"]["error"].as_str().unwrap().to_owned()),
            };
            Case {
                setting: case["setting"].as_str().unwrap().to_owned(),
                given: case["given"].as_str().unwrap().to_owned(),
                value: case["value"].clone(),
                gevent,
            }
        })
        .collect()
}

/// A JSON value of a case as the `Value` `set` takes.
fn to_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::None,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .or(n.as_u64().map(Value::UInt))
            .unwrap_or_else(|| Value::Float(n.as_f64().unwrap())),
        Json::String(s) => Value::Str(s.clone()),
        Json::Array(items) => Value::List(items.iter().map(|i| Value::Str(i.as_str().unwrap().to_owned())).collect()),
        Json::Object(_) => panic!("{json}"),
    }
}

/// What gevent-settings makes of a case: the loaded settings, or why not.
fn ours(case: &Case) -> Result<Loaded<Config>, String> {
    let setting = Config::META.setting(&case.setting).unwrap();
    match case.given.as_str() {
        "unset" => Config::defaults().map_err(|e| e.to_string()),
        "env" => Config::from_source(&[(setting.env, case.value.as_str().unwrap())]).map_err(|e| e.to_string()),
        "set" => {
            let mut config = Config::defaults().unwrap();
            config.set(&case.setting, to_value(&case.value)).map_err(|e| e.to_string())?;
            Ok(config)
        }
        other => panic!("{other}"),
    }
}

/// The concrete type of the object an importable setting holds.
fn implementation(config: &Config, setting: &str) -> Option<TypeId> {
    let object: &dyn Any = match setting {
        "resolver" => config.resolver.object(),
        "threadpool" => config.threadpool.object(),
        "loop" => config.r#loop.object(),
        "fileobject" => config.fileobject.object(),
        "format_context" => config.format_context.object(),
        _ => return None,
    };
    Some(object.type_id())
}

/// Whether our outcome is gevent's.
fn same(case: &Case) -> bool {
    let ours = ours(case);
    match (&case.gevent, &ours) {
        (Err(_), Err(_)) => true,
        (Ok(gevent), Ok(config)) => match gevent.get("object").and_then(Json::as_str) {
            Some(path) => {
                let canonical = Config::from_source(&[(Config::META.setting(&case.setting).unwrap().env, path)]);
                canonical.is_ok_and(|c| implementation(&c, &case.setting) == implementation(config, &case.setting))
            }
            None => serde_json::to_value(config.get(&case.setting).unwrap()).unwrap() == *gevent,
        },
        _ => false,
    }
}

/// A case as the divergences name it: how it is given, the setting, and
/// the value as JSON.
type Key = (&'static str, &'static str, &'static str);

/// Each divergence (its README row) with the cases of the data it covers.
const DIVERGENCES: &[(&str, &[Key])] = &[
    (
        "NaN and infinities",
        &[
            ("env", "max_blocking_time", r#""nan""#),
            ("env", "max_blocking_time", r#""-nan""#),
            ("env", "max_blocking_time", r#""inf""#),
            ("env", "max_blocking_time", r#""1e309""#),
            ("env", "memory_monitor_period", r#""nan""#),
            ("env", "memory_monitor_period", r#""-nan""#),
            ("env", "memory_monitor_period", r#""inf""#),
            ("env", "memory_monitor_period", r#""1e309""#),
            ("env", "resolver_timeout", r#""nan""#),
            ("env", "resolver_timeout", r#""-nan""#),
            ("env", "resolver_timeout", r#""inf""#),
            ("env", "resolver_timeout", r#""1e309""#),
            ("env", "threadpool_idle_task_timeout", r#""nan""#),
            ("env", "threadpool_idle_task_timeout", r#""-nan""#),
            ("env", "threadpool_idle_task_timeout", r#""inf""#),
            ("env", "threadpool_idle_task_timeout", r#""1e309""#),
            ("set", "max_blocking_time", r#""nan""#),
        ],
    ),
    (
        "Digits other than ASCII",
        &[
            ("env", "max_blocking_time", r#""１.５""#),
            ("env", "max_blocking_time", r#""٣""#),
            ("env", "memory_monitor_period", r#""１.５""#),
            ("env", "memory_monitor_period", r#""٣""#),
            ("env", "resolver_timeout", r#""１.５""#),
            ("env", "resolver_timeout", r#""٣""#),
            ("env", "threadpool_idle_task_timeout", r#""１.５""#),
            ("env", "threadpool_idle_task_timeout", r#""٣""#),
            ("env", "max_memory_usage", r#""２kb""#),
        ],
    ),
    (
        "Integers over 64 bits",
        &[("env", "max_memory_usage", r#""18446744073709551616""#), ("env", "max_memory_usage", r#""17179869184gb""#)],
    ),
    (
        "An empty number with a default",
        &[
            ("env", "max_blocking_time", r#""""#),
            ("env", "memory_monitor_period", r#""""#),
            ("env", "threadpool_idle_task_timeout", r#""""#),
            ("set", "max_blocking_time", r#""""#),
            ("set", "threadpool_idle_task_timeout", r#""""#),
        ],
    ),
    ("An empty byte count", &[("env", "max_memory_usage", r#""""#), ("set", "max_memory_usage", r#""""#)]),
    (
        "`trace_malloc` without a value",
        &[
            ("unset", "trace_malloc", "null"),
            ("env", "trace_malloc", r#""""#),
            ("set", "trace_malloc", r#""""#),
            ("set", "trace_malloc", "0"),
        ],
    ),
    (
        "`PYTHONTRACEMALLOC` that Python refuses",
        &[
            ("env", "trace_malloc", r#""-3""#),
            ("env", "trace_malloc", r#"" 7 ""#),
            ("env", "trace_malloc", r#""1_000""#),
            ("env", "trace_malloc", r#""9223372036854775807""#),
            ("env", "trace_malloc", r#""65536""#),
        ],
    ),
    (
        "`threadpool_idle_task_timeout` of -1",
        &[("env", "threadpool_idle_task_timeout", r#""-1""#), ("set", "threadpool_idle_task_timeout", "-1")],
    ),
    ("`GEVENTARES_SERVERS`", &[("env", "ares_servers", r#""8.8.8.8,8.8.4.4""#), ("env", "ares_servers", r#""""#)]),
    (
        "Objects that are not registered",
        &[("env", "resolver", r#""os.getcwd""#), ("env", "format_context", r#""builtins.repr""#)],
    ),
    (
        "A setting's own alias in its variable",
        &[("env", "loop", r#""gevent.core.loop""#), ("env", "fileobject", r#""gevent.fileobject.FileObject""#)],
    ),
    (
        "`set` with 0 or `None`",
        &[
            ("set", "max_blocking_time", "0"),
            ("set", "max_blocking_time", "null"),
            ("set", "threadpool_idle_task_timeout", "0"),
            ("set", "trace_malloc", "null"),
            ("set", "monitor_thread", "null"),
        ],
    ),
    (
        "`set` converting numbers and booleans",
        &[
            ("set", "max_blocking_time", "true"),
            ("set", "trace_malloc", "1.5"),
            ("set", "trace_malloc", "true"),
            ("set", "max_memory_usage", "1.5"),
            ("set", "max_memory_usage", "true"),
            ("set", "monitor_thread", r#"["x"]"#),
            ("set", "monitor_thread", "1.5"),
        ],
    ),
    (
        "`set` of any object as a list or text",
        &[
            ("set", "libev_backend", "1.5"),
            ("set", "libev_backend", "true"),
            ("set", "resolver_nameservers", "1.0"),
            ("set", "ares_flags", "5"),
            ("set", "ares_flags", r#"["x"]"#),
        ],
    ),
];

/// The data was made on Linux: elsewhere the platform's own defaults and
/// the POSIX file object differ, as they do in gevent.
#[cfg(unix)]
#[test]
fn every_difference_from_gevent_is_a_listed_divergence() {
    let cases = cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let differing: Vec<String> = cases
        .iter()
        .filter(|case| !same(case))
        .map(|case| format!("{} {} {}", case.given, case.setting, case.value))
        .collect();
    let listed: Vec<String> = DIVERGENCES
        .iter()
        .flat_map(|(_, keys)| keys.iter())
        .map(|(given, setting, value)| format!("{given} {setting} {value}"))
        .collect();
    let unlisted: Vec<&String> = differing.iter().filter(|d| !listed.contains(d)).collect();
    let agreeing: Vec<&String> = listed.iter().filter(|l| !differing.contains(l)).collect();
    assert!(unlisted.is_empty(), "differs from gevent, and is not a listed divergence: {unlisted:#?}");
    assert!(agreeing.is_empty(), "listed as a divergence, but agrees with gevent (or is not a case): {agreeing:#?}");
}

#[test]
fn every_divergence_is_a_row_of_the_readme() {
    let readme = include_str!("../README.md");
    for (row, _) in DIVERGENCES {
        assert!(readme.contains(&format!("| {row} |")), "README has no row {row:?}");
    }
}

/// Every test the README's table names exists: `file::name` is a `fn name`
/// in `tests/file.rs`.
#[test]
fn every_test_the_readme_names_exists() {
    let readme = include_str!("../README.md");
    let files = [
        ("aliases.rs", include_str!("aliases.rs")),
        ("cli.rs", include_str!("cli.rs")),
        ("divergences.rs", include_str!("divergences.rs")),
        ("gevent.rs", include_str!("gevent.rs")),
        ("global_environment.rs", include_str!("global_environment.rs")),
        ("global_invalid.rs", include_str!("global_invalid.rs")),
        ("hardening.rs", include_str!("hardening.rs")),
    ];
    let named: Vec<&str> = readme.split('`').filter(|s| s.starts_with("tests/") && s.contains("::")).collect();
    assert!(named.len() >= 15, "{named:?}");
    for name in named {
        let (file, test) = name.trim_start_matches("tests/").split_once("::").unwrap();
        let (_, source) = files.iter().find(|(f, _)| *f == file).unwrap_or_else(|| panic!("no tests/{file}"));
        assert!(source.contains(&format!("fn {test}()")), "{name} does not exist");
    }
}

fn load(pairs: &[(&str, &str)]) -> Result<Loaded<Config>, String> {
    Config::from_source(&pairs.to_vec()).map_err(|e| e.to_string())
}

/// Why the one variable `variable=value` is rejected.
fn reason(variable: &str, value: &str) -> String {
    let problems = Config::from_source(&[(variable, value)]).expect_err(&format!("{variable}={value:?} is accepted"));
    problems.iter().next().unwrap().reason.clone()
}

#[test]
fn non_ascii_digits_are_rejected() {
    for (variable, value, why) in [
        ("GEVENT_MAX_BLOCKING_TIME", "１.５", "not a number"),
        ("GEVENT_MAX_BLOCKING_TIME", "٣", "not a number"),
        ("GEVENT_RESOLVER_TIMEOUT", "１", "not a number"),
        ("PYTHONTRACEMALLOC", "２５", "not a whole number"),
        ("GEVENT_MONITOR_MEMORY_MAX", "２kb", "not a whole number of bytes"),
    ] {
        assert_eq!(reason(variable, value), why, "{variable}={value}");
    }
}

#[test]
fn an_empty_number_gives_the_default() {
    let config = load(&[
        ("GEVENT_MAX_BLOCKING_TIME", ""),
        ("GEVENT_MONITOR_MEMORY_PERIOD", ""),
        ("GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", ""),
    ])
    .unwrap();
    assert_eq!(
        (config.max_blocking_time, config.memory_monitor_period, config.threadpool_idle_task_timeout),
        (0.1, 5.0, 5.0)
    );
    let mut config = load(&[("GEVENT_MAX_BLOCKING_TIME", "2")]).unwrap();
    config.set("max_blocking_time", "").unwrap();
    assert_eq!(config.max_blocking_time, 0.1);
    assert_eq!(config.origin("max_blocking_time"), Ok(config_core::Origin::Default));
}

#[test]
fn trace_malloc_reads_what_gevents_code_reads() {
    // gevent's `int(value)`: signs, white space, underscores; up to 64 bits.
    for (text, frames) in [("-3", -3), (" 7 ", 7), ("1_000", 1000), ("65536", 65536), ("9223372036854775807", i64::MAX)]
    {
        assert_eq!(load(&[("PYTHONTRACEMALLOC", text)]).unwrap().trace_malloc, frames, "{text:?}");
    }
    assert!(load(&[("PYTHONTRACEMALLOC", "9223372036854775808")]).is_err());
}

#[test]
fn only_registered_objects_can_be_named() {
    let error = load(&[("GEVENT_RESOLVER", "os.getcwd")]).unwrap_err();
    assert!(error.contains("\"os.getcwd\": nothing is registered there"), "{error}");
    let error = load(&[("GEVENT_FORMAT_CONTEXT", "builtins.repr")]).unwrap_err();
    assert!(error.contains("\"builtins.repr\": nothing is registered there"), "{error}");
}

#[test]
fn typed_set_takes_no_value_only_for_optional_settings() {
    let mut config = Config::defaults().unwrap();
    for (name, value) in [
        ("max_blocking_time", Value::Int(0)),
        ("threadpool_idle_task_timeout", Value::Int(0)),
        ("max_blocking_time", Value::None),
        ("trace_malloc", Value::None),
        ("monitor_thread", Value::None),
    ] {
        let before = config.get(name).unwrap();
        assert!(config.set(name, value.clone()).is_err(), "{name} = {value:?}");
        assert_eq!(config.get(name).unwrap(), before);
    }
    // An optional setting takes None, and `reset` restores a default.
    config.set("resolver_timeout", 2.0).unwrap();
    config.set("resolver_timeout", Value::None).unwrap();
    assert_eq!(config.resolver_timeout, None);
    config.set("max_blocking_time", 2.0).unwrap();
    config.reset("max_blocking_time").unwrap();
    assert_eq!(config.max_blocking_time, 0.1);
}

#[test]
fn typed_set_rejects_values_gevent_coerces() {
    let mut config = Config::defaults().unwrap();
    for (name, value) in [
        ("max_blocking_time", Value::Bool(true)),
        ("trace_malloc", Value::Float(1.5)),
        ("trace_malloc", Value::Bool(true)),
        ("max_memory_usage", Value::Float(1.5)),
        ("max_memory_usage", Value::Bool(true)),
        ("monitor_thread", Value::List(vec!["x".into()])),
        ("monitor_thread", Value::Float(1.5)),
    ] {
        let error = config.set(name, value.clone()).unwrap_err().to_string();
        assert!(error.contains("cannot be used here"), "{name} = {value:?}: {error}");
    }
    // Booleans from booleans, whole numbers (as Python's `bool()`) and words.
    config.set("monitor_thread", 2).unwrap();
    assert!(config.monitor_thread);
    config.set("monitor_thread", "off").unwrap();
    assert!(!config.monitor_thread);
}

#[test]
fn typed_set_of_lists_and_text() {
    let mut config = Config::defaults().unwrap();
    for (name, value) in [
        ("libev_backend", Value::Float(1.5)),
        ("libev_backend", Value::Bool(true)),
        ("resolver_nameservers", Value::Float(1.0)),
        ("ares_flags", Value::List(vec!["x".into()])),
    ] {
        assert!(config.set(name, value.clone()).is_err(), "{name} = {value:?}");
    }
    // A whole number given to a text setting is kept as its text.
    config.set("ares_flags", 5).unwrap();
    assert_eq!(config.ares_flags.as_deref(), Some("5"));
}
