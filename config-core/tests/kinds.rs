//! Every built-in value kind, from text and from typed values: durations,
//! addresses, paths (non-UTF-8 kept), characters, non-zero integers, lists of
//! any kind, enums with aliases, `FromStr` types, required settings, and the
//! constraints people read.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use config_core::{OriginKind, ProblemKind, SettingEnum, Settings, Value};

/// How much is logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, SettingEnum)]
pub enum Level {
    /// Only errors.
    Error,
    /// Problems worth a look.
    #[choice(alias = ["warning", "w"])]
    Warn,
    /// One line per request.
    Info,
    /// A name of our choosing.
    #[choice(name = "all")]
    TraceEverything,
}

fn even(n: &u32) -> Result<(), String> {
    if n.is_multiple_of(2) { Ok(()) } else { Err(format!("{n} is odd")) }
}

fn postgres(url: &str) -> Result<(), String> {
    if url.starts_with("postgres://") { Ok(()) } else { Err("not a postgres URL".to_owned()) }
}

/// Every kind.
#[derive(Clone, Settings)]
#[settings(env_prefix = "KIND_")]
pub struct Kinds {
    /// A timeout.
    #[setting(default = "30s", range = "1s"..="1h")]
    pub timeout: Duration,
    /// Where to listen.
    #[setting(default = "0.0.0.0:8080")]
    pub listen: SocketAddr,
    /// An address.
    #[setting(default = "127.0.0.1")]
    pub ip: IpAddr,
    /// A directory.
    #[setting(default = "/var/lib/kinds")]
    pub dir: PathBuf,
    /// A separator.
    #[setting(default = ',')]
    pub separator: char,
    /// Workers.
    #[setting(default = 4)]
    pub workers: NonZeroU32,
    /// Backoffs.
    #[setting(default = ["100ms", "1s"])]
    pub backoff: Vec<Duration>,
    /// Trusted proxies.
    pub proxies: Vec<IpAddr>,
    /// Log level.
    #[setting(default = "info")]
    pub level: Level,
    /// Levels of the modules.
    pub levels: Option<Vec<Level>>,
    /// A foreign type, read with `FromStr`.
    #[setting(from_str, default = "127.0.0.1:9090", expected = "an IPv4 address and port")]
    pub metrics: SocketAddrV4,
    /// Optional foreign values.
    #[setting(from_str)]
    pub extra: Option<Vec<SocketAddrV4>>,
    /// The database.
    #[setting(required, validate(with = postgres, expected = "a postgres:// URL"))]
    pub database: String,
    /// Pool size.
    #[setting(default = 8, range = 1..=256, validate = even)]
    pub pool: u32,
    /// A name.
    #[setting(default = "svc", len = 1..=8)]
    pub name: String,
    /// Optional text.
    pub note: Option<String>,
}

fn load(pairs: &[(&str, &str)]) -> Result<config_core::Loaded<Kinds>, config_core::Problems> {
    let mut all = vec![("KIND_DATABASE", "postgres://db/app")];
    all.extend_from_slice(pairs);
    Kinds::from_source(&all)
}

#[test]
fn defaults_written_as_values() {
    let k = load(&[]).unwrap();
    assert_eq!(k.timeout, Duration::from_secs(30));
    assert_eq!(k.listen, "0.0.0.0:8080".parse::<SocketAddr>().unwrap());
    assert_eq!(k.ip, IpAddr::V4(Ipv4Addr::LOCALHOST));
    assert_eq!(k.dir, PathBuf::from("/var/lib/kinds"));
    assert_eq!(k.separator, ',');
    assert_eq!(k.workers.get(), 4);
    assert_eq!(k.backoff, [Duration::from_millis(100), Duration::from_secs(1)]);
    assert!(k.proxies.is_empty());
    assert_eq!(k.level, Level::Info);
    assert_eq!(k.metrics, "127.0.0.1:9090".parse::<SocketAddrV4>().unwrap());
    // The docs show each default exactly as written.
    let shown = |name: &str| Kinds::META.setting(name).unwrap().default_text(Kinds::META.notation);
    assert_eq!(shown("timeout"), "30s");
    assert_eq!(shown("listen"), "0.0.0.0:8080");
    assert_eq!(shown("level"), "info");
    assert_eq!(shown("database"), "(required)");
}

#[test]
fn each_kind_from_the_environment() {
    let k = load(&[
        ("KIND_TIMEOUT", "45m"),
        ("KIND_LISTEN", "[::1]:443"),
        ("KIND_IP", " ::1 "),
        ("KIND_SEPARATOR", ";"),
        ("KIND_WORKERS", "16"),
        ("KIND_BACKOFF", "1s, 2.5s ,"),
        ("KIND_PROXIES", "10.0.0.1, 10.0.0.2"),
        ("KIND_LEVEL", "WARNING"),
        ("KIND_LEVELS", "error,all"),
        ("KIND_METRICS", "10.0.0.1:9100"),
        ("KIND_EXTRA", "10.0.0.1:1, 10.0.0.2:2"),
    ])
    .unwrap();
    assert_eq!(k.timeout, Duration::from_secs(2700));
    assert_eq!(k.listen.port(), 443);
    assert!(k.ip.is_loopback());
    assert_eq!(k.separator, ';');
    assert_eq!(k.workers.get(), 16);
    assert_eq!(k.backoff, [Duration::from_secs(1), Duration::from_millis(2500)]);
    assert_eq!(k.proxies.len(), 2);
    assert_eq!(k.level, Level::Warn);
    assert_eq!(k.levels, Some(vec![Level::Error, Level::TraceEverything]));
    assert_eq!(k.metrics.port(), 9100);
    assert_eq!(k.extra.as_ref().map(Vec::len), Some(2));
}

#[test]
fn a_bare_number_is_seconds() {
    assert_eq!(load(&[("KIND_TIMEOUT", "90")]).unwrap().timeout, Duration::from_secs(90));
    assert_eq!(load(&[("KIND_TIMEOUT", "2.5")]).unwrap().timeout, Duration::from_millis(2500));
}

#[test]
fn an_empty_value_is_unset_for_every_kind() {
    let k = load(&[("KIND_TIMEOUT", ""), ("KIND_NOTE", ""), ("KIND_LEVELS", ""), ("KIND_LEVEL", "")]).unwrap();
    assert_eq!(k.timeout, Duration::from_secs(30));
    assert_eq!(k.note, None);
    assert_eq!(k.levels, None);
    assert_eq!(k.level, Level::Info);
    assert_eq!(k.origin("note").unwrap().kind(), OriginKind::Default);
}

/// The one problem of one bad value.
fn problem(pairs: &[(&str, &str)]) -> config_core::Problem {
    let problems = load(pairs).expect_err("rejected");
    assert_eq!(problems.len(), 1, "{problems}");
    problems.iter().next().unwrap().clone()
}

#[test]
fn errors_say_what_the_setting_expects() {
    let p = problem(&[("KIND_TIMEOUT", "30 parsecs")]);
    assert!(p.expected.starts_with("a duration such as 30s"), "{p}");
    assert!(p.expected.ends_with("between 1s and 1h"), "{p}");
    let p = problem(&[("KIND_TIMEOUT", "2h")]);
    assert_eq!(p.reason, "must be between 1s and 1h", "{p}");
    let p = problem(&[("KIND_POOL", "300")]);
    assert_eq!(p.reason, "must be between 1 and 256");
    let p = problem(&[("KIND_POOL", "7")]);
    assert_eq!(p.reason, "7 is odd");
    let p = problem(&[("KIND_NAME", "a-very-long-name")]);
    assert_eq!(p.reason, "must be of length 1 to 8");
    let p = problem(&[("KIND_DATABASE", "mysql://x")]);
    assert!(p.expected.ends_with("a postgres:// URL"), "{p}");
    assert!(!p.to_string().contains("postgres,") && !p.to_string().contains("accepted by"), "{p}");
    let p = problem(&[("KIND_METRICS", "localhost")]);
    assert_eq!(p.expected, "an IPv4 address and port");
    let p = problem(&[("KIND_WORKERS", "0")]);
    assert_eq!(p.reason, "must not be 0");
}

#[test]
fn enum_errors_list_the_choices_and_suggest_the_closest() {
    let p = problem(&[("KIND_LEVEL", "warm")]);
    assert_eq!(p.reason, "not one of the choices (did you mean `warn`?)");
    assert_eq!(p.expected, "one of the listed choices: error, warn (or warning, w), info, all");
    let p = problem(&[("KIND_LEVELS", "error,nope")]);
    assert!(p.reason.starts_with("item 2: not one of the choices"), "{p}");
}

#[test]
fn list_items_name_their_position() {
    let p = problem(&[("KIND_PROXIES", "10.0.0.1,localhost")]);
    assert_eq!(p.reason, "item 2: not an IP address, such as 10.0.0.1 or ::1");
}

#[test]
fn a_missing_required_setting_is_reported_with_every_other_problem() {
    let problems = Kinds::from_source(&[("KIND_POOL", "0")]).err().unwrap();
    let kinds: Vec<_> = problems.iter().map(|p| (p.setting, p.kind)).collect();
    assert_eq!(kinds, [("database", ProblemKind::Missing), ("pool", ProblemKind::Invalid)]);
    assert!(problems.to_string().contains("setting `database` is required: set KIND_DATABASE"), "{problems}");
    assert!(Kinds::defaults().is_err(), "defaults() names the required settings");
}

#[cfg(unix)]
#[test]
fn a_path_keeps_bytes_that_are_not_utf8() {
    use std::ffi::OsString;
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let raw = OsString::from_vec(b"/tmp/\xff\xfe".to_vec());
    let env = [(OsString::from("KIND_DIR"), raw.clone()), (OsString::from("KIND_DATABASE"), "postgres://x".into())];
    let k = Kinds::from_source(&env).unwrap();
    assert_eq!(k.dir.as_os_str().as_bytes(), raw.as_bytes());
}

#[test]
fn typed_values_round_trip_through_get_and_set() {
    let mut k = load(&[]).unwrap();
    for name in Kinds::META.names() {
        let value = k.get(name).unwrap();
        k.set(name, value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(k.get(name).unwrap(), value, "{name}");
    }
    k.set("timeout", Duration::from_secs(5)).unwrap();
    assert_eq!(k.get("timeout"), Ok(Value::Str("5s".into())));
    k.set("timeout", 12).unwrap(); // a number is seconds
    assert_eq!(k.timeout, Duration::from_secs(12));
    assert!(k.set("level", "nope").is_err());
    assert_eq!(k.level, Level::Info);
}

#[test]
fn the_metadata_carries_types_choices_and_constraints() {
    let level = Kinds::META.setting("level").unwrap();
    let names: Vec<_> = level.value.choices.iter().map(|c| c.name).collect();
    assert_eq!(names, ["error", "warn", "info", "all"]);
    assert_eq!(level.value.choices[1].aliases, ["warning", "w"]);
    assert_eq!(level.value.choices[0].doc, "Only errors.");
    let levels = Kinds::META.setting("levels").unwrap();
    assert_eq!(levels.value.items().choices.len(), 4);
    assert!(Kinds::META.setting("database").unwrap().required);
    assert_eq!(<Level as SettingEnum>::CHOICES.len(), 4);
}
