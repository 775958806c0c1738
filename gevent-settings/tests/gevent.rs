//! gevent's settings, value rule by value rule, as gevent reads them except
//! where the README's table of divergences says otherwise. Where gevent's
//! code and its documentation disagree, the documentation is followed (see
//! the crate docs), and a test below says so.

use config_core::{Loaded, Origin, OriginKind, SetError, Settings, Value, Warning};
use gevent_settings::Config;

fn load(pairs: &[(&str, &str)]) -> Loaded<Config> {
    Config::from_source(&pairs.to_vec()).unwrap_or_else(|e| panic!("{e}"))
}

/// The one problem a single bad variable gives.
fn reject(variable: &str, value: &str) -> config_core::Problem {
    let problems = Config::from_source(&[(variable, value)]).expect_err(&format!("{variable}={value:?} is accepted"));
    assert_eq!(problems.len(), 1, "{problems}");
    let problem = problems.iter().next().unwrap().clone();
    assert_eq!(problem.variable, variable);
    assert_eq!(problem.value, format!("{value:?}"));
    problem
}

#[test]
fn there_are_23_settings_18_documented() {
    let meta = Config::META;
    assert_eq!(meta.settings.len(), 23);
    assert_eq!(meta.documented().count(), 18);
    let hidden: Vec<_> = meta.settings.iter().filter(|s| s.hidden).map(|s| s.name).collect();
    assert_eq!(hidden, ["ares_flags", "ares_tries", "ares_ndots", "ares_udp_port", "ares_tcp_port"]);
}

#[test]
fn every_environment_variable_name() {
    let expected = [
        ("resolver", "GEVENT_RESOLVER"),
        ("threadpool", "GEVENT_THREADPOOL"),
        ("threadpool_idle_task_timeout", "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT"),
        ("loop", "GEVENT_LOOP"),
        ("format_context", "GEVENT_FORMAT_CONTEXT"),
        ("libev_backend", "GEVENT_BACKEND"),
        ("fileobject", "GEVENT_FILE"),
        ("disable_watch_children", "GEVENT_NOWAITPID"),
        ("trace_malloc", "PYTHONTRACEMALLOC"),
        ("track_greenlet_tree", "GEVENT_TRACK_GREENLET_TREE"),
        ("monitor_thread", "GEVENT_MONITOR_THREAD_ENABLE"),
        ("max_blocking_time", "GEVENT_MAX_BLOCKING_TIME"),
        ("memory_monitor_period", "GEVENT_MONITOR_MEMORY_PERIOD"),
        ("max_memory_usage", "GEVENT_MONITOR_MEMORY_MAX"),
        ("ares_flags", "GEVENTARES_FLAGS"),
        ("ares_timeout", "GEVENTARES_TIMEOUT"),
        ("ares_tries", "GEVENTARES_TRIES"),
        ("ares_ndots", "GEVENTARES_NDOTS"),
        ("ares_udp_port", "GEVENTARES_UDP_PORT"),
        ("ares_tcp_port", "GEVENTARES_TCP_PORT"),
        ("ares_servers", "GEVENTARES_SERVERS"),
        ("resolver_nameservers", "GEVENT_RESOLVER_NAMESERVERS"),
        ("resolver_timeout", "GEVENT_RESOLVER_TIMEOUT"),
    ];
    let actual: Vec<_> = Config::META.settings.iter().map(|s| (s.name, s.env)).collect();
    assert_eq!(actual, expected);
}

#[test]
fn every_default() {
    let c = Config::defaults().unwrap();
    assert_eq!(c.resolver.path(), Some("gevent.resolver.thread.Resolver"));
    assert_eq!(c.threadpool.path(), Some("gevent.threadpool.ThreadPool"));
    assert_eq!(c.threadpool_idle_task_timeout, 5.0);
    let expected_loop = if cfg!(windows) { "gevent.libuv.loop.loop" } else { "gevent.libev.corecext.loop" };
    assert_eq!(c.r#loop.path(), Some(expected_loop));
    assert_eq!(c.format_context.path(), Some("pprint.saferepr"));
    assert_eq!(c.libev_backend, None);
    let expected_file = if cfg!(unix) {
        "gevent._fileobjectposix.FileObjectPosix"
    } else {
        "gevent._fileobjectcommon.FileObjectThread"
    };
    assert_eq!(c.fileobject.path(), Some(expected_file));
    assert!(!c.disable_watch_children);
    assert_eq!(c.trace_malloc, 0);
    assert!(c.track_greenlet_tree);
    assert!(!c.monitor_thread);
    assert_eq!(c.max_blocking_time, 0.1);
    assert_eq!(c.memory_monitor_period, 5.0);
    assert_eq!(c.max_memory_usage, None);
    for none in ["ares_flags", "ares_timeout", "ares_tries", "ares_ndots", "ares_udp_port", "ares_tcp_port"] {
        assert_eq!(c.get(none), Ok(Value::None), "{none}");
    }
    assert_eq!(c.ares_servers, None);
    assert_eq!(c.resolver_nameservers, None);
    assert_eq!(c.resolver_timeout, None);
    assert!(c.iter().all(|s| s.origin == Origin::Default));
}

#[test]
fn defaults_as_the_documentation_shows_them() {
    let notation = Config::META.notation;
    let shown: Vec<_> = Config::META.documented().map(|s| (s.name, s.default_text(notation))).collect();
    let loop_default = if cfg!(windows) {
        "['libuv-cffi', 'libev-cext', 'libev-cffi']"
    } else {
        "['libev-cext', 'libev-cffi', 'libuv-cffi']"
    };
    let expected = [
        ("resolver", "['thread', 'dnspython', 'ares', 'block']"),
        ("threadpool", "gevent.threadpool.ThreadPool"),
        ("threadpool_idle_task_timeout", "5.0"),
        ("loop", loop_default),
        ("format_context", "pprint.saferepr"),
        ("libev_backend", "None"),
        ("fileobject", "['posix', 'thread']"),
        ("disable_watch_children", "False"),
        ("trace_malloc", "False"),
        ("track_greenlet_tree", "True"),
        ("monitor_thread", "False"),
        ("max_blocking_time", "0.1"),
        ("memory_monitor_period", "5"),
        ("max_memory_usage", "None"),
        ("ares_timeout", "None"),
        ("ares_servers", "None"),
        ("resolver_nameservers", "None"),
        ("resolver_timeout", "None"),
    ];
    let expected: Vec<_> = expected.iter().map(|(n, d)| (*n, (*d).to_owned())).collect();
    assert_eq!(shown, expected);
}

#[test]
fn booleans() {
    for (name, variable) in [
        ("disable_watch_children", "GEVENT_NOWAITPID"),
        ("monitor_thread", "GEVENT_MONITOR_THREAD_ENABLE"),
        ("track_greenlet_tree", "GEVENT_TRACK_GREENLET_TREE"),
    ] {
        for word in ["1", "true", "on", "yes", "TRUE", " Yes ", "oN\t"] {
            assert_eq!(load(&[(variable, word)]).get(name), Ok(Value::Bool(true)), "{variable}={word:?}");
        }
        for word in ["0", "false", "off", "no", "", "  ", "NO"] {
            assert_eq!(load(&[(variable, word)]).get(name), Ok(Value::Bool(false)), "{variable}={word:?}");
        }
        for word in ["2", "y", "enable", "truth"] {
            let problem = reject(variable, word);
            assert_eq!(problem.setting, name);
            assert_eq!(problem.reason, "not a boolean word");
        }
    }
}

#[test]
fn positive_floats() {
    for (name, variable) in [
        ("max_blocking_time", "GEVENT_MAX_BLOCKING_TIME"),
        ("memory_monitor_period", "GEVENT_MONITOR_MEMORY_PERIOD"),
        ("resolver_timeout", "GEVENT_RESOLVER_TIMEOUT"),
    ] {
        assert_eq!(load(&[(variable, "1.5")]).get(name), Ok(Value::Float(1.5)), "{variable}");
        assert_eq!(load(&[(variable, " 2 ")]).get(name), Ok(Value::Float(2.0)), "{variable}");
        assert_eq!(load(&[(variable, "1e-2")]).get(name), Ok(Value::Float(0.01)), "{variable}");
        for bad in ["0", "-1", "-0.5"] {
            assert_eq!(reject(variable, bad).reason, "must be positive", "{variable}={bad}");
        }
        assert_eq!(reject(variable, "fast").reason, "not a number");
        assert_eq!(reject(variable, "nan").reason, "NaN is not a number that can be used here");
    }
    // An empty value is no value: None for an optional setting, as in
    // gevent; the default for one that is not (gevent gives None there: a
    // divergence, see the README).
    assert_eq!(load(&[("GEVENT_RESOLVER_TIMEOUT", "")]).resolver_timeout, None);
    assert_eq!(load(&[("GEVENT_MAX_BLOCKING_TIME", "")]).max_blocking_time, 0.1);
}

/// gevent's code rejects -1 ("Must be positive"); its documentation says
/// "Use -1 for no timeout". The documentation is the spec.
#[test]
fn threadpool_idle_task_timeout_accepts_minus_one_as_documented() {
    let variable = "GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT";
    assert_eq!(load(&[(variable, "-1")]).threadpool_idle_task_timeout, -1.0);
    assert_eq!(load(&[(variable, "7.5")]).threadpool_idle_task_timeout, 7.5);
    for bad in ["0", "-2", "-0.5"] {
        assert_eq!(reject(variable, bad).reason, "must be positive, or -1 for no timeout");
    }
    let doc = Config::META.setting("threadpool_idle_task_timeout").unwrap().doc;
    assert!(doc.contains("Use -1 for no timeout."));
}

#[test]
fn byte_counts() {
    let variable = "GEVENT_MONITOR_MEMORY_MAX";
    let cases = [
        ("100", 100),
        ("5kb", 5 << 10),
        ("5KB", 5 << 10),
        ("3mb", 3 << 20),
        ("2Gb", 2 << 30),
        ("5 kb", 5 << 10),
        ("1_000", 1000),
    ];
    for (text, bytes) in cases {
        assert_eq!(load(&[(variable, text)]).max_memory_usage, Some(bytes), "{text}");
    }
    assert_eq!(reject(variable, "0").reason, "must be positive");
    assert_eq!(reject(variable, "-1kb").reason, "out of range (0 to 18446744073709551615)");
    assert_eq!(reject(variable, "5xb").reason, "not a whole number of bytes");
    assert_eq!(reject(variable, "1.5mb").reason, "not a whole number of bytes");
    assert_eq!(reject(variable, "20000000000gb").reason, "out of range (0 to 18446744073709551615)");
    assert!(reject(variable, &"9".repeat(50)).reason.contains("not a whole number of bytes"));
    assert_eq!(load(&[(variable, "")]).max_memory_usage, None);
}

#[test]
fn the_integer_trace_malloc() {
    assert_eq!(load(&[("PYTHONTRACEMALLOC", "25")]).trace_malloc, 25);
    assert_eq!(load(&[("PYTHONTRACEMALLOC", "")]).trace_malloc, 0);
    assert_eq!(reject("PYTHONTRACEMALLOC", "many").reason, "not a whole number");
}

#[test]
fn lists_split_on_commas_and_keep_items_as_given() {
    let c = load(&[("GEVENT_BACKEND", "select,poll"), ("GEVENT_RESOLVER_NAMESERVERS", "8.8.8.8, 1.1.1.1,")]);
    assert_eq!(c.libev_backend, Some(vec!["select".to_owned(), "poll".to_owned()]));
    assert_eq!(c.get("libev_backend"), Ok(Value::List(vec!["select".into(), "poll".into()])));
    assert_eq!(c.resolver_nameservers, Some(vec!["8.8.8.8".to_owned(), " 1.1.1.1".to_owned(), String::new()]));
}

/// gevent's code keeps `GEVENTARES_SERVERS` as one string; its
/// documentation calls it a list separated by commas. The documentation is
/// the spec.
#[test]
fn ares_servers_is_a_list_as_documented() {
    let c = load(&[("GEVENTARES_SERVERS", "8.8.8.8,8.8.4.4")]);
    assert_eq!(c.ares_servers, Some(vec!["8.8.8.8".to_owned(), "8.8.4.4".to_owned()]));
    let doc = Config::META.setting("ares_servers").unwrap().doc;
    assert!(doc.contains("In the environment variable, these strings are separated by commas."));
}

#[test]
fn raw_strings_are_kept_as_given() {
    let c = load(&[
        ("GEVENTARES_FLAGS", " 0x1,ARES_FLAG "),
        ("GEVENTARES_TIMEOUT", "not-a-number"),
        ("GEVENTARES_TRIES", "3"),
        ("GEVENTARES_NDOTS", ""),
        ("GEVENTARES_UDP_PORT", "53"),
        ("GEVENTARES_TCP_PORT", "5353"),
    ]);
    assert_eq!(c.ares_flags.as_deref(), Some(" 0x1,ARES_FLAG "));
    assert_eq!(c.ares_timeout.as_deref(), Some("not-a-number"));
    assert_eq!(c.ares_tries.as_deref(), Some("3"));
    assert_eq!(c.ares_ndots.as_deref(), Some(""));
    assert_eq!(c.ares_udp_port.as_deref(), Some("53"));
    assert_eq!(c.ares_tcp_port.as_deref(), Some("5353"));
}

#[test]
fn importable_shorthands_and_paths() {
    let cases = [
        ("GEVENT_RESOLVER", "ares", "resolver", "gevent.resolver.ares.Resolver"),
        ("GEVENT_RESOLVER", "thread", "resolver", "gevent.resolver.thread.Resolver"),
        ("GEVENT_RESOLVER", "block", "resolver", "gevent.resolver.blocking.Resolver"),
        ("GEVENT_RESOLVER", "dnspython", "resolver", "gevent.resolver.dnspython.Resolver"),
        ("GEVENT_LOOP", "libev-cext", "loop", "gevent.libev.corecext.loop"),
        ("GEVENT_LOOP", "libev-cffi", "loop", "gevent.libev.corecffi.loop"),
        ("GEVENT_LOOP", "libuv-cffi", "loop", "gevent.libuv.loop.loop"),
        ("GEVENT_LOOP", "libuv", "loop", "gevent.libuv.loop.loop"),
        ("GEVENT_FILE", "thread", "fileobject", "gevent._fileobjectcommon.FileObjectThread"),
        ("GEVENT_FILE", "block", "fileobject", "gevent._fileobjectcommon.FileObjectBlock"),
        ("GEVENT_FORMAT_CONTEXT", "pprint.pformat", "format_context", "pprint.pformat"),
        ("GEVENT_THREADPOOL", "gevent.threadpool.ThreadPool", "threadpool", "gevent.threadpool.ThreadPool"),
        ("GEVENT_RESOLVER", "gevent.resolver.ares.Resolver", "resolver", "gevent.resolver.ares.Resolver"),
    ];
    for (variable, text, name, path) in cases {
        let c = load(&[(variable, text)]);
        assert_eq!(c.get(name), Ok(Value::Str(path.to_owned())), "{variable}={text}");
        assert_eq!(c.origin(name).map(|o| o.kind()), Ok(OriginKind::Env));
    }
}

#[test]
fn the_first_candidate_that_resolves_wins() {
    let c = load(&[("GEVENT_RESOLVER", "nonexistent.Resolver,block,thread")]);
    assert_eq!(c.resolver.path(), Some("gevent.resolver.blocking.Resolver"));
    assert!(!c.resolver.uses_nameservers());
    let c = load(&[("GEVENT_LOOP", "libuv,libev-cext")]);
    assert_eq!(c.r#loop.library(), gevent_settings::components::LoopLibrary::Libuv);
}

#[test]
fn an_importable_that_cannot_resolve_lists_every_candidate_and_the_shorthands() {
    let problem = reject("GEVENT_RESOLVER", "bogus,nothing.Here,/abs/path.Resolver");
    assert_eq!(problem.setting, "resolver");
    assert_eq!(
        problem.reason,
        "none of the candidates can be used: \"bogus\" is neither a shorthand nor a dotted path \
         (package.module.Item); \"nothing.Here\": nothing is registered there; \"/abs/path.Resolver\" is neither a \
         shorthand nor a dotted path (package.module.Item) (shorthands: ares, thread, block, dnspython)"
    );
    assert_eq!(
        reject("GEVENT_LOOP", "").reason,
        "\"\" is neither a shorthand nor a dotted path (package.module.Item) (shorthands: libev-cext, libev-cffi, libuv-cffi, libuv)"
    );
    let threadpool = reject("GEVENT_THREADPOOL", "thread");
    assert_eq!(threadpool.reason, "\"thread\" is neither a shorthand nor a dotted path (package.module.Item)");
    let mut c = Config::defaults().unwrap();
    assert!(c.set("resolver", Vec::<String>::new()).is_err());
    assert_eq!(c.resolver.path(), Some("gevent.resolver.thread.Resolver"));
}

#[test]
fn several_invalid_variables_are_reported_together() {
    let env = [
        ("GEVENT_NOWAITPID", "perhaps"),
        ("GEVENT_MAX_BLOCKING_TIME", "-3"),
        ("GEVENT_MONITOR_MEMORY_MAX", "lots"),
        ("GEVENT_LOOP", "nope"),
        ("GEVENT_BACKEND", "select"),
    ];
    let problems = Config::from_source(&env).unwrap_err();
    let variables: Vec<_> = problems.iter().map(|p| p.variable).collect();
    assert_eq!(variables, ["GEVENT_LOOP", "GEVENT_NOWAITPID", "GEVENT_MAX_BLOCKING_TIME", "GEVENT_MONITOR_MEMORY_MAX"]);
    let text = problems.to_string();
    assert!(
        text.starts_with("4 invalid setting values:\n  - GEVENT_LOOP=\"nope\": invalid value for setting `loop`:"),
        "{text}"
    );
    assert!(text.contains("GEVENT_NOWAITPID=\"perhaps\": invalid value for setting `disable_watch_children`: not a boolean word; expected a boolean"), "{text}");
}

#[test]
fn set_and_get_by_name_with_gevent_conversions() {
    let mut c = Config::defaults().unwrap();
    c.set("fileobject", "thread").unwrap();
    assert_eq!(c.get("fileobject"), Ok(Value::Str("gevent._fileobjectcommon.FileObjectThread".into())));
    c.set("resolver", vec!["ares", "block"]).unwrap();
    assert_eq!(c.resolver.path(), Some("gevent.resolver.ares.Resolver"));
    c.set("monitor_thread", "yes").unwrap();
    c.set("max_memory_usage", "64mb").unwrap();
    c.set("max_blocking_time", 0.25).unwrap();
    c.set("libev_backend", "kqueue,poll").unwrap();
    assert!(c.monitor_thread);
    assert_eq!(c.max_memory_usage, Some(64 << 20));
    assert_eq!(c.get("max_blocking_time"), Ok(Value::Float(0.25)));
    assert_eq!(c.libev_backend, Some(vec!["kqueue".into(), "poll".into()]));
    for name in ["fileobject", "resolver", "monitor_thread", "max_memory_usage", "max_blocking_time"] {
        assert_eq!(c.origin(name).map(|o| o.kind()), Ok(OriginKind::Code), "{name}");
    }

    let error = c.set("max_blocking_time", "-1").unwrap_err();
    assert!(matches!(&error, SetError::Invalid(p) if p.setting == "max_blocking_time"));
    assert_eq!(c.max_blocking_time, 0.25);

    assert_eq!(
        c.set("resolvr", "block").unwrap_err().to_string(),
        "no setting is named \"resolvr\"; did you mean `resolver`?"
    );
    // Hidden settings can be set and read.
    c.set("ares_flags", "5").unwrap();
    assert_eq!(c.get("ares_flags"), Ok(Value::Str("5".into())));
}

#[test]
fn dir_lists_the_settings_in_gevents_order() {
    let names: Vec<_> = Loaded::<Config>::names().collect();
    assert_eq!(names.len(), 23);
    assert_eq!(&names[..4], ["resolver", "threadpool", "threadpool_idle_task_timeout", "loop"]);
    assert_eq!(names.last(), Some(&"resolver_timeout"));
}

#[test]
fn unknown_gevent_variables_get_a_suggestion() {
    let report =
        Loaded::<Config>::load(&[("GEVENT_RESOLVR", "block"), ("GEVENTARES_SERVER", "x"), ("GEVENTTEST", "1")]);
    assert!(report.problems.is_empty());
    let found: Vec<_> = report
        .warnings
        .iter()
        .map(|w| match w {
            Warning::UnknownVariable { variable, suggestion } => (variable.as_str(), *suggestion),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(found, [("GEVENT_RESOLVR", Some("GEVENT_RESOLVER")), ("GEVENTARES_SERVER", Some("GEVENTARES_SERVERS"))]);
}

#[test]
fn deprecated_variables_in_use_are_warnings() {
    let report = Loaded::<Config>::load(&[("GEVENTARES_TIMEOUT", "5")]);
    assert_eq!(
        report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["GEVENTARES_TIMEOUT sets `ares_timeout`, which is deprecated since 1.3a2; use `resolver_timeout` instead"]
    );
}

#[test]
fn components_say_what_the_docs_say() {
    let c = load(&[("GEVENT_RESOLVER", "dnspython"), ("GEVENT_FILE", "block")]);
    assert!(c.resolver.uses_nameservers() && c.resolver.supports_timeout());
    assert!(!c.fileobject.is_cooperative());
    let c = Config::defaults().unwrap();
    assert_eq!(c.format_context.format(&vec![1, 2]), "[1, 2]");
    assert_eq!(c.threadpool.default_size(), 10);
}

/// `OTHER_GEVENT_VARIABLES` is what a search of gevent's whole source finds
/// read outside its settings (`data/gevent-environment-reads.tsv`, made by
/// `data/gevent_environment_reads.py` from gevent 24.11.1's source).
#[test]
fn other_gevent_variables_are_those_gevent_reads_outside_its_settings() {
    use std::collections::BTreeSet;
    use std::ffi::OsStr;

    use gevent_settings::{OTHER_GEVENT_VARIABLES, is_other_gevent_variable};

    let reads: Vec<(&str, &str)> = include_str!("data/gevent-environment-reads.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split_once('\t').unwrap())
        .collect();
    let is_setting = |name: &str| Config::META.settings.iter().any(|s| s.env == name);
    // Every variable _config.py reads is a setting's.
    assert!(reads.iter().filter(|(_, file)| *file == "src/gevent/_config.py").all(|(name, _)| is_setting(name)));
    let others: BTreeSet<&str> = reads.iter().map(|(name, _)| *name).filter(|name| !is_setting(name)).collect();
    let listed: BTreeSet<&str> = OTHER_GEVENT_VARIABLES.iter().map(|v| v.name).collect();
    assert_eq!(listed, others);
    // The struct's `known_env` (what the unknown-variable check skips) is
    // the same list.
    let known: BTreeSet<&str> = Config::META.known_env.iter().copied().collect();
    assert_eq!(known, listed, "`known_env` of `Config` and `OTHER_GEVENT_VARIABLES` differ");
    for variable in OTHER_GEVENT_VARIABLES {
        assert!(reads.contains(&(variable.name, variable.read_in)), "{variable:?}");
        assert!(Config::META.env_prefixes.iter().any(|p| variable.name.starts_with(p)), "{variable:?}");
        assert!(is_other_gevent_variable(OsStr::new(variable.name)));
    }
    assert!(!is_other_gevent_variable(OsStr::new("GEVENT_DEBGU")));
    assert!(!is_other_gevent_variable(OsStr::new("GEVENT_RESOLVER")));
}
