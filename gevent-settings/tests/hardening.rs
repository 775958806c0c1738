//! Edge values, each with its documented outcome; values that are not
//! UTF-8; and the promise that a rejected value never replaces a good one.

use config_core::{Loaded, Origin, Settings, Value};
use gevent_settings::Config;

fn load(pairs: &[(&str, &str)]) -> Loaded<Config> {
    Config::from_source(&pairs.to_vec()).unwrap_or_else(|e| panic!("{e}"))
}

fn reason(variable: &str, value: &str) -> String {
    let problems = Config::from_source(&[(variable, value)]).expect_err(&format!("{variable}={value:?} is accepted"));
    problems.iter().next().unwrap().reason.clone()
}

#[test]
fn nan_and_infinities_are_rejected_with_a_reason() {
    // gevent accepts NaN (`nan <= 0` is false); no setting means anything by it.
    for (text, why) in [
        ("nan", "NaN is not a number that can be used here"),
        ("NaN", "NaN is not a number that can be used here"),
        ("-nan", "NaN is not a number that can be used here"),
        ("inf", "infinity is not a usable value"),
        ("-Infinity", "infinity is not a usable value"),
        ("1e309", "too large to represent"),
    ] {
        assert_eq!(reason("GEVENT_MAX_BLOCKING_TIME", text), why, "{text}");
        assert_eq!(reason("GEVENT_RESOLVER_TIMEOUT", text), why, "{text}");
    }
}

#[test]
fn negative_zero_is_not_positive() {
    assert_eq!(reason("GEVENT_MAX_BLOCKING_TIME", "-0"), "must be positive");
    assert_eq!(reason("GEVENT_MAX_BLOCKING_TIME", "-0.0"), "must be positive");
    assert_eq!(reason("GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", "-0"), "must be positive, or -1 for no timeout");
    assert_eq!(load(&[("GEVENT_MAX_BLOCKING_TIME", "1e-300")]).max_blocking_time, 1e-300);
}

#[test]
fn byte_counts_at_and_over_the_u64_limit() {
    let variable = "GEVENT_MONITOR_MEMORY_MAX";
    assert_eq!(load(&[(variable, "18446744073709551615")]).max_memory_usage, Some(u64::MAX));
    assert_eq!(reason(variable, "18446744073709551616"), "out of range (0 to 18446744073709551615)");
    assert_eq!(load(&[(variable, "17179869183gb")]).max_memory_usage, Some(17_179_869_183 << 30));
    assert_eq!(reason(variable, "17179869184gb"), "out of range (0 to 18446744073709551615)");
    assert_eq!(reason(variable, &format!("{}kb", "9".repeat(40))), "not a whole number of bytes");
}

/// An empty value of each kind. Three differ from gevent on purpose (the
/// README's divergences): the integer and the float with a default give
/// their default where gevent gives `None`, and the byte count gives `None`
/// where gevent raises `TypeError`.
#[test]
fn empty_values_for_each_kind() {
    let c = load(&[
        ("GEVENT_NOWAITPID", ""),           // boolean: false
        ("GEVENT_TRACK_GREENLET_TREE", ""), // boolean: false, though the default is true
        ("PYTHONTRACEMALLOC", ""),          // integer: no value, the default
        ("GEVENT_MAX_BLOCKING_TIME", ""),   // float: no value, the default
        ("GEVENT_RESOLVER_TIMEOUT", ""),    // optional float: None
        ("GEVENT_MONITOR_MEMORY_MAX", ""),  // byte count: None
        ("GEVENTARES_FLAGS", ""),           // text: kept, empty
        ("GEVENT_BACKEND", ""),             // list: one empty item, as gevent's split gives
    ]);
    assert!(!c.disable_watch_children && !c.track_greenlet_tree);
    assert_eq!((c.trace_malloc, c.max_blocking_time), (0, 0.1));
    assert_eq!((c.resolver_timeout, c.max_memory_usage), (None, None));
    assert_eq!(c.ares_flags.as_deref(), Some(""));
    assert_eq!(c.libev_backend, Some(vec![String::new()]));
    assert_eq!(c.origin("max_blocking_time"), Ok(Origin::Default));
    // An importable: an empty list names nothing.
    assert!(reason("GEVENT_RESOLVER", "").starts_with("\"\" is neither a shorthand nor a dotted path"));
}

#[test]
fn lists_keep_empty_entries_and_trailing_commas() {
    let c = load(&[("GEVENT_RESOLVER_NAMESERVERS", "8.8.8.8,,1.1.1.1,")]);
    assert_eq!(c.resolver_nameservers, Some(vec!["8.8.8.8".into(), String::new(), "1.1.1.1".into(), String::new()]));
    // In an importable list an empty entry is a candidate that fails.
    let c = load(&[("GEVENT_RESOLVER", ",block,")]);
    assert_eq!(c.resolver.path(), Some("gevent.resolver.blocking.Resolver"));
}

#[test]
fn importable_lists_of_unknown_names_and_paths_with_slashes() {
    let why = reason("GEVENT_LOOP", "nope,also.Nope,/abs/gevent.libuv.loop.loop");
    assert!(why.starts_with("none of the candidates can be used: \"nope\" is neither"), "{why}");
    assert!(why.contains("\"also.Nope\": nothing is registered there"), "{why}");
    assert!(why.contains("\"/abs/gevent.libuv.loop.loop\" is neither a shorthand nor a dotted path"), "{why}");
}

#[test]
fn a_list_of_ten_thousand_entries() {
    let servers = vec!["10.0.0.1"; 10_000].join(",");
    assert_eq!(
        load(&[("GEVENT_RESOLVER_NAMESERVERS", &servers)]).resolver_nameservers.as_ref().map(Vec::len),
        Some(10_000)
    );
    // Ten thousand candidates that all fail: the error names the first ten
    // and counts the rest, rather than growing without bound.
    let candidates = (0..10_000).map(|i| format!("no.Such{i}")).collect::<Vec<_>>().join(",");
    let why = reason("GEVENT_RESOLVER", &candidates);
    assert!(why.contains("\"no.Such9\": nothing is registered there"), "{why}");
    assert!(!why.contains("no.Such10\""), "{why}");
    assert!(why.contains("and 9990 more"), "{why}");
    assert!(why.len() < 1000, "{} bytes", why.len());
    // The candidate that resolves is found however far down the list it is.
    let found = format!("{candidates},block");
    assert_eq!(load(&[("GEVENT_RESOLVER", &found)]).resolver.path(), Some("gevent.resolver.blocking.Resolver"));
}

#[cfg(unix)]
#[test]
fn values_that_are_not_utf8_are_errors_naming_the_variable_for_every_kind() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    for setting in Config::META.settings {
        let env = vec![(OsString::from(setting.env), OsString::from_vec(b"bad\xff".to_vec()))];
        let problems = Config::from_source(&env).expect_err(setting.env);
        let problem = problems.iter().next().unwrap();
        assert_eq!((problem.setting, problem.variable), (setting.name, setting.env));
        assert_eq!(problem.value, "\"bad\\xFF\"");
        assert_eq!(problem.reason, "not valid UTF-8");
        assert!(problems.to_string().starts_with(&format!("{}=\"bad\\xFF\": invalid value", setting.env)));
    }
}

/// For each kind of setting: a value `set` rejects, by name and typed.
const REJECTED: &[(&str, &str)] = &[
    ("disable_watch_children", "perhaps"),
    ("trace_malloc", "many"),
    ("max_blocking_time", "-1"),
    ("threadpool_idle_task_timeout", "0"),
    ("max_memory_usage", "5xb"),
    ("resolver", "nonexistent"),
    ("fileobject", "/abs.path"),
];

#[test]
fn a_rejected_set_leaves_the_value_and_its_origin() {
    let env = [
        ("GEVENT_NOWAITPID", "1"),
        ("PYTHONTRACEMALLOC", "3"),
        ("GEVENT_MAX_BLOCKING_TIME", "2"),
        ("GEVENT_MONITOR_MEMORY_MAX", "1kb"),
        ("GEVENT_RESOLVER", "block"),
    ];
    let mut config = load(&env);
    for (name, bad) in REJECTED {
        let (before, origin) = (config.get(name), config.origin(name));
        assert!(config.set(name, *bad).is_err(), "{name} = {bad}");
        assert_eq!((config.get(name), config.origin(name)), (before.clone(), origin), "{name}");
    }
    // Typed values of the wrong sort, for the kinds that accept any text.
    for (name, bad) in [
        ("ares_flags", Value::List(vec!["x".into()])),
        ("libev_backend", Value::Bool(true)),
        ("resolver_nameservers", Value::Float(1.0)),
        ("max_memory_usage", Value::Int(-5)),
        ("trace_malloc", Value::Float(1.5)),
        ("disable_watch_children", Value::List(Vec::new())),
    ] {
        let (before, origin) = (config.get(name), config.origin(name));
        assert!(config.set(name, bad.clone()).is_err(), "{name} = {bad:?}");
        assert_eq!((config.get(name), config.origin(name)), (before, origin), "{name}");
    }
}

#[test]
fn a_typed_value_of_the_wrong_sort_is_named_with_what_was_expected() {
    let mut config = load(&[]);
    let line = line!() + 1;
    let error = config.set("max_memory_usage", true).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "True: invalid value for setting `max_memory_usage` (set in code at {}:{line}:24; environment variable \
             GEVENT_MONITOR_MEMORY_MAX): a boolean cannot be used here; expected a whole number of bytes, \
             optionally suffixed kb, mb or gb, greater than 0",
            file!()
        )
    );
    let error = config.set("libev_backend", 1.5).unwrap_err().to_string();
    assert!(error.ends_with("a number cannot be used here; expected a comma-separated list"), "{error}");
}

#[test]
fn a_rejected_update_changes_nothing() {
    let mut config = load(&[("GEVENT_MAX_BLOCKING_TIME", "2")]);
    let before = format!("{config:?}");
    let problems = config
        .update(|c| {
            c.monitor_thread = true;
            c.libev_backend = Some(vec!["poll".into()]);
            c.max_memory_usage = Some(0);
            c.max_blocking_time = f64::NAN;
        })
        .unwrap_err();
    assert_eq!(problems.iter().map(|p| p.setting).collect::<Vec<_>>(), ["max_blocking_time", "max_memory_usage"]);
    assert_eq!(format!("{config:?}"), before);
}
