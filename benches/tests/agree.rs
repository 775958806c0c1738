//! Every loader reads the same values, so that the benchmark compares the
//! same work: all 23 values, every peer against the hand-written loader, in
//! both benchmark scenarios; and the hand-written loader against config-core
//! on the edge cases of gevent's rules, down to each parser.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use config_core::Settings as _;
use settings_benches::environment::Scenario;
use settings_benches::loaders::{self, reference_rules as reference};
use settings_benches::peers::{self, handwritten};
use settings_benches::rules;
use settings_benches::values::{Names, Values};

/// The hand-written loader's values from `pairs` (the last one set wins).
fn by_hand(pairs: &[(&str, OsString)]) -> Result<Values, handwritten::Invalid> {
    handwritten::load_from(&|name| pairs.iter().rev().find(|(k, _)| *k == name).map(|(_, v)| v.clone()))
}

/// `values` with each importable's preference list replaced by what its
/// first choice resolves to, as config-core reports it.
fn first_choices(mut values: Values) -> Values {
    let first = |setting: &str, names: &Names| Names::Given(loaders::target_of(setting, names.iter().next().unwrap()));
    values.resolver = first("resolver", &values.resolver);
    values.threadpool = first("threadpool", &values.threadpool);
    values.r#loop = first("loop", &values.r#loop);
    values.format_context = first("format_context", &values.format_context);
    values.fileobject = first("fileobject", &values.fileobject);
    values
}

/// The process environment is process-wide: the tests that set it take
/// turns.
static ENVIRONMENT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One test for gevent's scenarios: the process environment is process-wide.
#[test]
fn every_loader_reads_the_same_values_in_both_scenarios() {
    let _environment = ENVIRONMENT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for scenario in [Scenario::NothingSet, Scenario::EightSet] {
        scenario.apply();
        let expected = handwritten::load().unwrap();
        let peers: [(&str, Values); 6] = [
            ("envconfig", peers::envconfig::load().unwrap().into()),
            ("confique", peers::confique::load().unwrap().into()),
            ("clap", peers::clap::load().unwrap().into()),
            ("envy", peers::envy::load().unwrap().into()),
            ("figment", peers::figment::load().unwrap().into()),
            ("config-rs", peers::config_rs::load().unwrap().into()),
        ];
        for (name, got) in peers {
            assert_eq!(got, expected, "{name}, {scenario:?}");
        }
        let pairs: Vec<(&str, OsString)> = scenario.variables().into_iter().map(|(k, v)| (k, v.into())).collect();
        assert_eq!(
            loaders::config_core_values(&pairs).unwrap(),
            first_choices(expected.clone()),
            "config-core, {scenario:?}"
        );
        assert_eq!(by_hand(&pairs).unwrap(), expected, "the hand-written loader from a list, {scenario:?}");
        // The two ways config-core is measured, from the process environment.
        let from_env = gevent_settings::Config::from_env().unwrap();
        assert_eq!(loaders::values_of(&from_env), first_choices(expected.clone()), "from_env, {scenario:?}");
        let builder = gevent_settings::Config::builder().env().unknown_names(config_core::Unknown::Ignore).load();
        assert_eq!(loaders::values_of(&builder.unwrap()), first_choices(expected.clone()), "builder, {scenario:?}");
    }
}

#[test]
fn the_scenarios_set_what_they_say() {
    let nothing = by_hand(&[]).unwrap();
    let pairs: Vec<(&str, OsString)> = Scenario::EightSet.variables().into_iter().map(|(k, v)| (k, v.into())).collect();
    let eight = by_hand(&pairs).unwrap();
    assert_eq!(nothing.max_blocking_time, 0.1);
    assert_eq!(eight.max_blocking_time, 0.5);
    assert_eq!(eight.max_memory_usage, Some(512 << 20));
    assert!(eight.disable_watch_children && eight.monitor_thread);
    assert_eq!(eight.resolver.iter().collect::<Vec<_>>(), ["block", "thread"]);
    assert_eq!(eight.libev_backend.as_deref(), Some(&["select".to_owned(), "poll".to_owned()][..]));
    let differ = [
        nothing.resolver != eight.resolver,
        nothing.r#loop != eight.r#loop,
        nothing.libev_backend != eight.libev_backend,
        nothing.resolver_nameservers != eight.resolver_nameservers,
    ];
    assert!(differ.iter().all(|d| *d), "{differ:?}");
}

/// Values of one variable on the edges of gevent's rules. Importables are
/// left out: the hand-written loader keeps their names unresolved.
const EDGE_CASES: &[(&str, &[&str])] = &[
    ("GEVENT_NOWAITPID", &["", "  ", "1", "YES", " On ", "off", "No", "2", "truee", "t rue", "\u{212a}"]),
    (
        "PYTHONTRACEMALLOC",
        &[
            "",
            " 7 ",
            "-7",
            "+3",
            "1_000",
            "1__0",
            "_1",
            "007",
            "1.5",
            "0x10",
            "\u{661}",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
        ],
    ),
    (
        "GEVENT_MAX_BLOCKING_TIME",
        &[
            "",
            "  ",
            "0",
            "-1",
            "0.5",
            " 5 ",
            "1e3",
            "1_0.2_5",
            "1e1_0",
            "1_.5",
            "nan",
            "inf",
            "-Infinity",
            "1e309",
            "1e-400",
            ".",
            "5.",
            ".5",
            "5.e1",
            "abc",
            "\u{2003}2\u{2003}",
        ],
    ),
    ("GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", &["-1", "-1.0", "-1e0", "-2", "0", "3", ""]),
    ("GEVENT_MONITOR_MEMORY_PERIOD", &["0.001", "0", ""]),
    (
        "GEVENT_MONITOR_MEMORY_MAX",
        &[
            "",
            "100",
            "5kb",
            "5KB",
            "3Mb",
            "2gb",
            "5 kb",
            "5kb ",
            "-1kb",
            "0",
            "-0",
            "5\u{212a}b",
            "1_024mb",
            "kb",
            "5b",
            "1.5mb",
            "18446744073709551615",
            "18446744073709551616",
            "17179869184gb",
        ],
    ),
    ("GEVENT_RESOLVER_TIMEOUT", &["", "0", "2.5", "-3"]),
    ("GEVENT_BACKEND", &["", "select,poll", "a, b,,"]),
    ("GEVENTARES_SERVERS", &["", "8.8.8.8"]),
    ("GEVENTARES_FLAGS", &["", "x y"]),
];

#[test]
fn the_hand_written_loader_follows_config_core_on_the_edges() {
    let mut cases: Vec<(&str, OsString)> =
        EDGE_CASES.iter().flat_map(|(var, values)| values.iter().map(move |v| (*var, OsString::from(v)))).collect();
    // Not UTF-8: an error for every kind.
    cases.extend(EDGE_CASES.iter().map(|(var, _)| (*var, OsString::from_vec(vec![b'1', 0xff]))));
    for (variable, value) in cases {
        let pairs = [(variable, value.clone())];
        let ours = loaders::config_core_values(&pairs);
        let theirs = by_hand(&pairs);
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => assert_eq!(first_choices(theirs), ours, "{variable}={value:?}"),
            (Err(_), Err(invalid)) => assert_eq!(invalid.variable, variable),
            (ours, theirs) => panic!("{variable}={value:?}: config-core {ours:?}, by hand {theirs:?}"),
        }
    }
}

/// Every string of up to `max` characters from `alphabet`.
fn strings(alphabet: &[char], max: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..max {
        last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
        all.extend(last.iter().cloned());
    }
    all
}

#[test]
fn the_numbers_parse_as_config_core_parses_them() {
    for text in strings(&['0', '1', '5', '.', 'e', 'E', '+', '-', '_', ' ', 'i', 'n', 'f', 'a'], 4) {
        let expected = reference::integer(&text).ok().map(|v| i64::try_from(v).unwrap());
        assert_eq!(rules::integer(&text).ok(), expected, "integer {text:?}");
        assert_eq!(rules::float(&text).ok(), reference::float(&text).ok(), "float {text:?}");
    }
}

#[test]
fn byte_counts_parse_as_config_core_parses_them() {
    for text in strings(&['1', '-', '_', ' ', 'k', 'K', 'b', 'B', 'm', 'g', '\u{212a}', '.'], 4) {
        let expected = reference::byte_count(&text).ok().and_then(|v| u64::try_from(v).ok());
        assert_eq!(rules::byte_count(&text).ok(), expected, "{text:?}");
    }
}

#[test]
fn booleans_parse_as_config_core_parses_them() {
    let words = ["1", "true", "on", "yes", "0", "false", "off", "no", "", "2", "y", "ye", "tru", "nope", "of"];
    for word in words {
        // Every mix of case, and white space around.
        for mask in 0..1u32 << word.len() {
            let mixed: String = word
                .chars()
                .enumerate()
                .map(|(i, c)| if mask >> i & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect();
            for text in [mixed.clone(), format!(" {mixed}\n"), format!("\u{1f}{mixed}\u{a0}"), format!("{mixed}x")] {
                assert_eq!(rules::boolean(&text).ok(), reference::boolean(&text).ok(), "{text:?}");
            }
        }
    }
    for text in ["\u{212a}", "\u{130}", "ＹＥＳ", "t\u{0}rue"] {
        assert_eq!(rules::boolean(text).ok(), reference::boolean(text).ok(), "{text:?}");
    }
}

#[test]
fn lists_split_as_config_core_splits_them() {
    for text in ["", ",", "a", "a,b", " a , b ", "a,,b,", "\u{e9},\u{e8}"] {
        assert_eq!(rules::list(text), reference::list(text), "{text:?}");
    }
}

/// The file benchmark's two loaders read the same 200 values, config-core's
/// each from the file.
#[test]
fn the_file_loaders_read_the_same_values() {
    use settings_benches::files;
    let ours = files::load_config_core();
    let theirs = serde_json::to_value(files::load_serde()).unwrap();
    let mut count = 0;
    for state in ours.iter() {
        let expected = state.name.split('.').fold(&theirs, |value, key| &value[key]);
        assert_eq!(&serde_json::to_value(&state.value).unwrap(), expected, "{}", state.name);
        assert_eq!(state.origin.label(), "file", "{}", state.name);
        count += 1;
    }
    assert_eq!(count, 200);
}

/// The example service's two loaders read the same values under its
/// scenario, and the hand-written one agrees with config-core on its own.
#[test]
fn the_service_loaders_read_the_same_values() {
    use settings_benches::service;
    // Under the process environment, which other tests set too: one test
    // sets it at a time.
    let _environment = ENVIRONMENT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    Scenario::Service.apply();
    let ours = service_example::AppConfig::from_env().unwrap();
    let by_hand = service::load().unwrap();
    assert_eq!(service::values_of(&ours), by_hand);
    let builder = service_example::AppConfig::builder().env().unknown_names(config_core::Unknown::Ignore).load();
    assert_eq!(service::values_of(&builder.unwrap()), by_hand, "the builder");
    assert_eq!(by_hand.workers, 8);
    assert_eq!(by_hand.primary.pool_size, 20);
    assert_eq!(by_hand.allowed_origins.len(), 2);
    assert_eq!(ours.origin("workers").unwrap().label(), "environment");
}
