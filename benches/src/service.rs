//! The example service's configuration (`examples/service`, 22 settings:
//! every kind of value, two nested database groups, a former variable name,
//! secrets) loaded from the environment: config-core against the least work
//! that gives the same values by hand.
//!
//! The hand-written loader reads each variable once with `var_os` (and the
//! former `APP_THREADS` only when `APP_WORKERS` is absent), parses each in
//! place with the same parsers config-core uses (`config_core::parse`, so
//! that both read text the same way and the comparison measures what is
//! around the parsing), checks the ranges, and builds a default only where
//! no variable is set, from constants where the type allows (a `Url`
//! default is parsed once and cloned). It stops at the first invalid
//! variable, with a fixed reason, and records no origins.

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use config_core::parse;
use service_example::{AppConfig, LogFormat};
use url::Url;

/// The first invalid or missing variable.
pub type Invalid = &'static str;

/// The service's settings, as the hand-written loader returns them.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceValues {
    pub listen: SocketAddr,
    pub public_url: Url,
    pub workers: u16,
    pub max_connections: NonZeroU32,
    pub request_timeout: Duration,
    pub shutdown_grace: Duration,
    pub max_body: u64,
    pub compression: bool,
    pub trace_sample_rate: f64,
    pub log_level: log::LevelFilter,
    pub log_format: LogFormat,
    pub static_dir: PathBuf,
    pub allowed_origins: Vec<Url>,
    pub trusted_proxies: Vec<IpAddr>,
    pub csv_separator: char,
    pub admin_token: Option<String>,
    pub primary: DatabaseValues,
    pub replica: DatabaseValues,
}

/// A database group's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseValues {
    pub url: String,
    pub pool_size: u32,
    pub connect_timeout: Duration,
}

static PUBLIC_URL: LazyLock<Url> = LazyLock::new(|| Url::parse("http://localhost:8080/").expect("a URL"));

/// Loads the service's settings from the process environment.
pub fn load() -> Result<ServiceValues, Invalid> {
    let var = |name: &'static str| std::env::var_os(name).map(OsString::into_string);
    let text = |name: &'static str| match var(name) {
        None => Ok(None),
        Some(Ok(text)) if text.is_empty() => Ok(None),
        Some(Ok(text)) => Ok(Some(text)),
        Some(Err(_)) => Err(name),
    };
    let workers = match text("APP_WORKERS")? {
        Some(text) => Some(text),
        None => text("APP_THREADS")?,
    };
    Ok(ServiceValues {
        listen: parsed("APP_LISTEN", text("APP_LISTEN")?, parse::socket_addr)?
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080))),
        public_url: match text("APP_PUBLIC_URL")? {
            Some(text) => Url::parse(parse::trim(&text)).map_err(|_| "APP_PUBLIC_URL")?,
            None => PUBLIC_URL.clone(),
        },
        workers: whole("APP_WORKERS", workers, 1, 256)?.unwrap_or(4),
        max_connections: match whole::<u32>(
            "APP_MAX_CONNECTIONS",
            text("APP_MAX_CONNECTIONS")?,
            1,
            i128::from(u32::MAX),
        )? {
            Some(n) => NonZeroU32::new(n).ok_or("APP_MAX_CONNECTIONS")?,
            None => NonZeroU32::new(1024).expect("not 0"),
        },
        request_timeout: duration("APP_REQUEST_TIMEOUT", text("APP_REQUEST_TIMEOUT")?, 1_000, 300_000)?
            .unwrap_or(Duration::from_secs(30)),
        shutdown_grace: duration("APP_SHUTDOWN_GRACE", text("APP_SHUTDOWN_GRACE")?, 0, u64::MAX)?
            .unwrap_or(Duration::from_secs(10)),
        max_body: match text("APP_MAX_BODY")? {
            Some(text) => u64::try_from(parse::byte_count(&text).map_err(|_| "APP_MAX_BODY")?)
                .ok()
                .filter(|n| *n > 0)
                .ok_or("APP_MAX_BODY")?,
            None => 1 << 20,
        },
        compression: parsed("APP_COMPRESSION", text("APP_COMPRESSION")?, parse::boolean)?.unwrap_or(true),
        trace_sample_rate: match parsed("APP_TRACE_SAMPLE_RATE", text("APP_TRACE_SAMPLE_RATE")?, parse::float)? {
            Some(rate) if (0.0..=1.0).contains(&rate) => rate,
            Some(_) => return Err("APP_TRACE_SAMPLE_RATE"),
            None => 0.1,
        },
        log_level: match text("APP_LOG_LEVEL")? {
            Some(text) => parse::trim(&text).parse().map_err(|_| "APP_LOG_LEVEL")?,
            None => log::LevelFilter::Info,
        },
        log_format: match text("APP_LOG_FORMAT")? {
            Some(text) => match parse::trim(&text) {
                w if w.eq_ignore_ascii_case("text") => LogFormat::Text,
                w if w.eq_ignore_ascii_case("json") || w.eq_ignore_ascii_case("structured") => LogFormat::Json,
                _ => return Err("APP_LOG_FORMAT"),
            },
            None => LogFormat::Text,
        },
        static_dir: std::env::var_os("APP_STATIC_DIR")
            .filter(|v| !v.is_empty())
            .map_or_else(|| "static".into(), PathBuf::from),
        allowed_origins: match text("APP_ALLOWED_ORIGINS")? {
            Some(text) => parse::list_items_trimmed(&text)
                .map(|item| Url::parse(item).map_err(|_| "APP_ALLOWED_ORIGINS"))
                .collect::<Result<_, _>>()?,
            None => Vec::new(),
        },
        trusted_proxies: match text("APP_TRUSTED_PROXIES")? {
            Some(text) => parse::list_items_trimmed(&text)
                .map(|item| parse::ip_addr(item).map_err(|_| "APP_TRUSTED_PROXIES"))
                .collect::<Result<_, _>>()?,
            None => vec![IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)],
        },
        csv_separator: parsed("APP_CSV_SEPARATOR", text("APP_CSV_SEPARATOR")?, parse::character)?.unwrap_or(','),
        admin_token: match text("APP_ADMIN_TOKEN")? {
            Some(token) if token.chars().count() >= 32 => Some(token),
            Some(_) => return Err("APP_ADMIN_TOKEN"),
            None => None,
        },
        primary: database(["APP_PRIMARY_URL", "APP_PRIMARY_POOL_SIZE", "APP_PRIMARY_CONNECT_TIMEOUT"], &text)?,
        replica: database(["APP_REPLICA_URL", "APP_REPLICA_POOL_SIZE", "APP_REPLICA_CONNECT_TIMEOUT"], &text)?,
    })
}

type Text<'a> = &'a dyn Fn(&'static str) -> Result<Option<String>, Invalid>;

fn database(names: [&'static str; 3], text: Text<'_>) -> Result<DatabaseValues, Invalid> {
    let url = text(names[0])?.ok_or(names[0])?;
    match url.split_once("://") {
        Some(("postgres" | "postgresql", rest)) if !rest.is_empty() => {}
        _ => return Err(names[0]),
    }
    Ok(DatabaseValues {
        url,
        pool_size: whole(names[1], text(names[1])?, 1, 256)?.unwrap_or(10),
        connect_timeout: duration(names[2], text(names[2])?, 100, 60_000)?.unwrap_or(Duration::from_secs(5)),
    })
}

fn parsed<T>(
    name: Invalid,
    text: Option<String>,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Result<Option<T>, Invalid> {
    text.map(|text| parse(&text).map_err(|_| name)).transpose()
}

/// A whole number within `min..=max`.
fn whole<T: TryFrom<i128>>(name: Invalid, text: Option<String>, min: i128, max: i128) -> Result<Option<T>, Invalid> {
    match parsed(name, text, parse::integer)? {
        Some(n) if (min..=max).contains(&n) => T::try_from(n).map(Some).map_err(|_| name),
        Some(_) => Err(name),
        None => Ok(None),
    }
}

/// A duration within `min..=max` milliseconds.
fn duration(name: Invalid, text: Option<String>, min: u64, max: u64) -> Result<Option<Duration>, Invalid> {
    match parsed(name, text, parse::duration)? {
        Some(d) if (Duration::from_millis(min)..=Duration::from_millis(max)).contains(&d) => Ok(Some(d)),
        Some(_) => Err(name),
        None => Ok(None),
    }
}

/// config-core's values in the same form, for the agreement test.
pub fn values_of(c: &AppConfig) -> ServiceValues {
    let db = |d: &service_example::Database| DatabaseValues {
        url: d.url.clone(),
        pool_size: d.pool_size,
        connect_timeout: d.connect_timeout,
    };
    ServiceValues {
        listen: c.listen,
        public_url: c.public_url.clone(),
        workers: c.workers,
        max_connections: c.max_connections,
        request_timeout: c.request_timeout,
        shutdown_grace: c.shutdown_grace,
        max_body: c.max_body,
        compression: c.compression,
        trace_sample_rate: c.trace_sample_rate,
        log_level: c.log_level,
        log_format: c.log_format,
        static_dir: c.static_dir.clone(),
        allowed_origins: c.allowed_origins.clone(),
        trusted_proxies: c.trusted_proxies.clone(),
        csv_separator: c.csv_separator,
        admin_token: c.admin_token.clone(),
        primary: db(&c.primary),
        replica: db(&c.replica),
    }
}
