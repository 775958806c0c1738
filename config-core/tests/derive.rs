//! The derive's runtime behaviour on a struct that is not gevent's: every
//! kind, defaults, errors, `set`/`get`, provenance, `update`, secrets.

use std::collections::HashMap;

use config_core::meta::{Kind, Literal, StructMeta};
use config_core::{Origin, OriginKind, SetError, Settings, Value, Warning};

/// Settings of a small web service.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "SVC_", title = "Service settings")]
pub struct Service {
    /// The TCP port.
    #[setting(default = 8080)]
    pub port: u16,
    /// Request timeout, in seconds.
    #[setting(default = 30.0, positive)]
    pub timeout: f64,
    /// Log each request.
    #[setting(default = false)]
    pub verbose: bool,
    /// Largest accepted body.
    #[setting(bytes, positive, default = 1048576)]
    pub max_body: u64,
    /// Allowed origins.
    #[setting(name = "origins", env = "SVC_CORS_ORIGINS")]
    pub cors: Option<Vec<String>>,
    /// Greeting shown on the index page.
    #[setting(default = "hello")]
    pub greeting: String,
    /// Worker count: between 1 and 64.
    #[setting(default = 4, validate = worker_count)]
    pub workers: u32,
    /// The database password.
    #[setting(secret)]
    pub password: Option<String>,
    /// Retry budget.
    #[setting(default, deprecated(since = "2.0", replacement = "workers", note = "Retries are automatic."))]
    pub retries: i32,
    /// Internal tuning knob.
    #[setting(hidden)]
    pub knob: Option<f64>,
}

fn worker_count(n: &u32) -> Result<(), String> {
    if (1..=64).contains(n) { Ok(()) } else { Err(format!("{n} workers is outside 1 to 64")) }
}

fn load(pairs: &[(&str, &str)]) -> config_core::Loaded<Service> {
    Service::from_source(&pairs.to_vec()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn defaults_and_origins() {
    let config = Service::defaults().unwrap();
    assert_eq!(config.port, 8080);
    assert_eq!(config.timeout, 30.0);
    assert!(!config.verbose);
    assert_eq!(config.max_body, 1 << 20);
    assert_eq!(config.cors, None);
    assert_eq!(config.greeting, "hello");
    assert_eq!(config.workers, 4);
    assert_eq!(config.retries, 0);
    assert!(config.iter().all(|s| s.origin == Origin::Default));
}

#[test]
fn each_kind_parses_from_the_environment() {
    let config = load(&[
        ("SVC_PORT", " 9000 "),
        ("SVC_TIMEOUT", "2.5"),
        ("SVC_VERBOSE", "On"),
        ("SVC_MAX_BODY", "64kb"),
        ("SVC_CORS_ORIGINS", "a.example,b.example"),
        ("SVC_GREETING", "  hi there  "),
        ("SVC_KNOB", "1e-3"),
    ]);
    assert_eq!(config.port, 9000);
    assert_eq!(config.timeout, 2.5);
    assert!(config.verbose);
    assert_eq!(config.max_body, 64 * 1024);
    assert_eq!(config.cors.as_deref(), Some(&["a.example".to_owned(), "b.example".to_owned()][..]));
    assert_eq!(config.greeting, "  hi there  ");
    assert_eq!(config.knob, Some(0.001));
    assert_eq!(config.origin("port").map(|o| o.kind()), Ok(OriginKind::Env));
    assert_eq!(config.origin("origins").map(|o| o.kind()), Ok(OriginKind::Env));
    assert_eq!(config.origin("workers"), Ok(Origin::Default));
}

#[test]
fn an_empty_number_means_no_value() {
    let config = load(&[("SVC_PORT", ""), ("SVC_KNOB", ""), ("SVC_VERBOSE", "")]);
    assert_eq!(config.port, 8080);
    assert_eq!(config.origin("port"), Ok(Origin::Default));
    assert_eq!(config.knob, None);
    // An empty value is no value, for every kind (a struct may choose
    // otherwise with `empty_values = "numbers"`, as gevent's does).
    assert!(!config.verbose);
    assert_eq!(config.origin("verbose"), Ok(Origin::Default));
}

#[test]
fn every_invalid_variable_is_reported_at_once() {
    let env = [
        ("SVC_PORT", "70000"),
        ("SVC_TIMEOUT", "-1"),
        ("SVC_VERBOSE", "maybe"),
        ("SVC_MAX_BODY", "5xb"),
        ("SVC_WORKERS", "100"),
        ("SVC_GREETING", "fine"),
    ];
    let problems = Service::from_source(&env).unwrap_err();
    let found: Vec<_> = problems.iter().map(|p| (p.setting, p.variable, p.value.as_str())).collect();
    assert_eq!(
        found,
        [
            ("port", "SVC_PORT", "\"70000\""),
            ("timeout", "SVC_TIMEOUT", "\"-1\""),
            ("verbose", "SVC_VERBOSE", "\"maybe\""),
            ("max_body", "SVC_MAX_BODY", "\"5xb\""),
            ("workers", "SVC_WORKERS", "\"100\""),
        ]
    );
    let text = problems.to_string();
    assert!(text.starts_with("5 invalid setting values:"), "{text}");
    assert!(
        text.contains(
            "SVC_PORT=\"70000\": invalid value for setting `port`: out of range (0 to 65535); expected a whole number"
        ),
        "{text}"
    );
    assert!(text.contains("SVC_TIMEOUT=\"-1\": invalid value for setting `timeout`: must be positive; expected a finite number, greater than 0"), "{text}");
    assert!(text.contains("SVC_VERBOSE=\"maybe\": invalid value for setting `verbose`: not a boolean word; expected a boolean: true, 1, yes or on; false, 0, no or off"), "{text}");
    assert!(text.contains("SVC_MAX_BODY=\"5xb\": invalid value for setting `max_body`: not a whole number of bytes; expected a whole number of bytes, optionally suffixed kb, mb or gb, greater than 0"), "{text}");
    assert!(text.contains("SVC_WORKERS=\"100\": invalid value for setting `workers`: 100 workers is outside 1 to 64; expected a whole number"), "{text}");
}

#[test]
fn a_lenient_load_keeps_the_default_for_each_rejected_value() {
    let report = config_core::Loaded::<Service>::load(&[("SVC_PORT", "http"), ("SVC_VERBOSE", "1")]);
    assert_eq!(report.problems.len(), 1);
    let config = report.settings.unwrap();
    assert_eq!(config.port, 8080);
    assert_eq!(config.origin("port"), Ok(Origin::Default));
    assert!(config.verbose);
}

#[cfg(unix)]
#[test]
fn a_value_that_is_not_utf8_is_an_error_naming_the_variable() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    let env = vec![(OsString::from("SVC_GREETING"), OsString::from_vec(b"caf\xe9".to_vec()))];
    let problems = Service::from_source(&env).unwrap_err();
    let problem = problems.iter().next().unwrap();
    assert_eq!((problem.setting, problem.variable), ("greeting", "SVC_GREETING"));
    assert_eq!(problem.value, "\"caf\\xE9\"");
    assert_eq!(problem.reason, "not valid UTF-8");
}

#[test]
fn set_by_name_from_text_or_typed_values() {
    let mut config = Service::defaults().unwrap();
    config.set("port", "9001").unwrap();
    config.set("timeout", 1.25).unwrap();
    config.set("verbose", true).unwrap();
    config.set("origins", vec!["x", "y"]).unwrap();
    config.set("max_body", "2mb").unwrap();
    assert_eq!((config.port, config.timeout, config.verbose, config.max_body), (9001, 1.25, true, 2 << 20));
    assert_eq!(config.cors, Some(vec!["x".to_owned(), "y".to_owned()]));
    assert_eq!(config.origin("timeout").map(|o| o.kind()), Ok(OriginKind::Code));
    assert_eq!(config.get("port"), Ok(Value::UInt(9001)));
    assert_eq!(config.get("origins"), Ok(Value::List(vec!["x".into(), "y".into()])));
    config.set("origins", Value::None).unwrap();
    assert_eq!(config.cors, None);
}

#[test]
fn a_rejected_set_keeps_the_old_value_and_origin() {
    let mut config = load(&[("SVC_TIMEOUT", "3")]);
    let (error, line) = (config.set("timeout", "0").unwrap_err(), line!());
    let SetError::Invalid(problem) = &error else { panic!("{error}") };
    assert_eq!(
        (problem.setting, problem.variable, problem.origin.kind()),
        ("timeout", "SVC_TIMEOUT", OriginKind::Code)
    );
    assert_eq!(
        error.to_string(),
        format!(
            "\"0\": invalid value for setting `timeout` (set in code at {}:{}:33; environment variable SVC_TIMEOUT): \
             must be positive; expected a finite number, greater than 0",
            file!(),
            line
        )
    );
    assert_eq!(config.timeout, 3.0);
    assert_eq!(config.origin("timeout").map(|o| o.kind()), Ok(OriginKind::Env));
    assert!(config.set("verbose", vec!["a"]).is_err());
    assert!(config.set("workers", 0_u32).is_err());
    assert_eq!(config.workers, 4);
}

#[test]
fn an_unknown_name_suggests_the_closest() {
    let mut config = Service::defaults().unwrap();
    let error = config.set("timout", 1.0).unwrap_err();
    assert_eq!(error.to_string(), "no setting is named \"timout\"; did you mean `timeout`?");
    assert_eq!(config.get("xyzzy").unwrap_err().suggestion, None);
}

#[test]
fn names_are_in_declaration_order() {
    let names: Vec<_> = config_core::Loaded::<Service>::names().collect();
    assert_eq!(
        names,
        ["port", "timeout", "verbose", "max_body", "origins", "greeting", "workers", "password", "retries", "knob"]
    );
}

#[test]
fn update_is_all_or_nothing() {
    let mut config = Service::defaults().unwrap();
    let problems = config
        .update(|c| {
            c.port = 1;
            c.timeout = -5.0;
            c.workers = 99;
        })
        .unwrap_err();
    assert_eq!(problems.len(), 2);
    assert_eq!((config.port, config.timeout, config.workers), (8080, 30.0, 4));
    assert_eq!(config.origin("port"), Ok(Origin::Default));

    config
        .update(|c| {
            c.port = 1;
            c.timeout = 5.0;
        })
        .unwrap();
    assert_eq!((config.port, config.timeout), (1, 5.0));
    assert_eq!(config.origin("port").map(|o| o.kind()), Ok(OriginKind::Code));
    assert_eq!(config.origin("workers"), Ok(Origin::Default));
}

#[test]
fn reset_restores_the_default() {
    let mut config = load(&[("SVC_PORT", "1")]);
    config.reset("port").unwrap();
    assert_eq!(config.port, 8080);
    assert_eq!(config.origin("port"), Ok(Origin::Default));
    config.set("timeout", "9").unwrap();
    config.set("timeout", "").unwrap();
    assert_eq!((config.timeout, config.origin("timeout")), (30.0, Ok(Origin::Default)));
}

#[test]
fn secrets_are_never_shown() {
    let config = load(&[("SVC_PASSWORD", "hunter2")]);
    assert_eq!(config.password.as_deref(), Some("hunter2"));
    let debug = format!("{config:?}");
    assert!(debug.contains("\"password\": <redacted> (environment)"), "{debug}");
    assert!(!debug.contains("hunter2"));
    let json = serde_json::to_string(&config).unwrap();
    assert!(
        json.contains(
            r#""password":{"value":"<redacted>","source":"environment","env":"SVC_PASSWORD","origin":{"kind":"environment","var":"SVC_PASSWORD"}}"#
        ),
        "{json}"
    );
    assert!(!json.contains("hunter2"));
}

#[test]
fn unknown_prefixed_variables_are_warned_about_with_a_suggestion() {
    let report = config_core::Loaded::<Service>::load(&[("SVC_PROT", "1"), ("SVC_VERBOSE", "1"), ("OTHER", "x")]);
    assert!(report.problems.is_empty());
    assert_eq!(
        report.warnings,
        [Warning::UnknownVariable { variable: "SVC_PROT".into(), suggestion: Some("SVC_PORT") }]
    );
    assert_eq!(
        report.warnings[0].to_string(),
        "environment variable SVC_PROT does not name a setting; did you mean SVC_PORT?"
    );
}

#[cfg(unix)]
#[test]
fn a_prefixed_variable_whose_name_is_not_utf8_is_reported_escaped() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    let name = OsString::from_vec(b"SVC_PO\xffRT".to_vec());
    let report = config_core::Loaded::<Service>::load(&[(name, OsString::from("1"))]);
    assert!(report.problems.is_empty());
    assert_eq!(
        report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["environment variable SVC_PO\u{FFFD}RT does not name a setting"]
    );
}

#[test]
fn a_deprecated_variable_in_use_is_a_warning_naming_the_replacement() {
    let report = config_core::Loaded::<Service>::load(&[("SVC_RETRIES", "3")]);
    assert_eq!(report.settings.unwrap().retries, 3);
    assert_eq!(
        report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["SVC_RETRIES sets `retries`, which is deprecated since 2.0; use `workers` instead"]
    );
}

#[test]
fn maps_are_sources_too() {
    let env: HashMap<String, String> = [("SVC_PORT".to_owned(), "81".to_owned())].into();
    assert_eq!(Service::from_source(&env).unwrap().port, 81);
}

#[test]
fn metadata_describes_every_setting() {
    let meta = Service::META;
    assert_eq!((meta.name, meta.title, meta.env_prefix), ("Service", Some("Service settings"), "SVC_"));
    let port = meta.setting("port").unwrap();
    assert_eq!((port.env, port.kind(), port.rust_type, port.doc), ("SVC_PORT", Kind::Integer, "u16", "The TCP port."));
    assert_eq!(port.default.value, Literal::Number("8080"));
    assert_eq!(meta.setting("max_body").unwrap().kind(), Kind::ByteCount);
    let cors = meta.setting("origins").unwrap();
    assert_eq!((cors.env, cors.optional, cors.kind()), ("SVC_CORS_ORIGINS", true, Kind::List));
    assert_eq!(cors.rust_type, "Option<Vec<String>>");
    assert!(meta.setting("knob").unwrap().hidden);
    assert!(meta.setting("password").unwrap().secret);
    let retries = meta.setting("retries").unwrap().deprecated.unwrap();
    assert_eq!(
        (retries.since, retries.replacement, retries.note),
        ("2.0", Some("workers"), Some("Retries are automatic."))
    );
    assert_eq!(meta.documented().count(), 9);
}

#[test]
fn metadata_round_trips_through_json() {
    let json = serde_json::to_string(Service::META).unwrap();
    let back = StructMeta::from_json(&json).unwrap();
    assert_eq!(back, Service::META);
    let error = StructMeta::from_json(r#"{"name": "X", "settings": [{"name": 1}]}"#).unwrap_err();
    assert!(error.to_string().contains("line 1"), "{error}");
}
