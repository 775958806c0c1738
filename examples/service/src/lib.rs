//! The configuration of a small HTTP service, as an application would write
//! it with `config-core`: every kind of value a service needs, a library
//! struct used twice (a primary and a replica database), a renamed setting,
//! secrets, and no hand-written value type.
//!
//! The sources, lowest precedence first: `app.toml`, the key files in
//! `secrets/` (one file per setting, as Kubernetes mounts a Secret), `.env`,
//! the environment (`APP_…`), then the command line (`--workers 8`,
//! `--set primary.pool_size=20`). See `README.md` beside this crate.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

use config_core::{Builder, SettingEnum, Settings};
use url::Url;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, SettingEnum)]
pub enum LogFormat {
    /// One line of text per event, for a person at a terminal.
    Text,
    /// One JSON object per line, for a log collector.
    #[choice(alias = "structured")]
    Json,
}

/// A pool of connections to a PostgreSQL database. A library would define
/// it once; an application embeds it under as many names as it has
/// databases.
#[derive(Debug, Clone, Settings)]
#[settings(env_prefix = "DB_")]
pub struct Database {
    /// The database to connect to, with its credentials.
    #[setting(required, secret, validate(with = postgres_url, expected = "a postgres:// URL"))]
    pub url: String,
    /// Connections kept open.
    #[setting(default = 10, range = 1..=256)]
    pub pool_size: u32,
    /// How long a request waits for a free connection before it fails.
    #[setting(default = "5s", range = "100ms"..="1m")]
    pub connect_timeout: Duration,
}

/// The reason is what an operator reads: it never repeats the URL, which
/// holds a password.
fn postgres_url(url: &str) -> Result<(), String> {
    match url.split_once("://") {
        Some(("postgres" | "postgresql", rest)) if !rest.is_empty() => Ok(()),
        Some((scheme, _)) => Err(format!("the scheme is {scheme:?}, not postgres")),
        None => Err("not a URL".to_owned()),
    }
}

/// Settings of the example service.
///
/// Every setting can be given in `app.toml`, as an environment variable, or
/// on the command line; see each one for its variable, and `service --help`
/// for the flags.
#[derive(Debug, Clone, Settings)]
#[settings(env_prefix = "APP_", title = "Service settings")]
pub struct AppConfig {
    /// The address and port to listen on.
    #[setting(default = "127.0.0.1:8080", frozen)]
    pub listen: SocketAddr,
    /// The address clients reach the service at, used in the links it sends.
    #[setting(default = "http://localhost:8080/")]
    pub public_url: Url,
    /// Threads serving requests.
    #[setting(default = 4, range = 1..=256, alias = "threads", alias_env = "APP_THREADS", frozen)]
    pub workers: u16,
    /// Connections served at once; more wait for a free one.
    #[setting(default = 1024)]
    pub max_connections: NonZeroU32,
    /// How long a request may take before it is answered with
    /// `503 Service Unavailable`.
    #[setting(default = "30s", range = "1s"..="5m")]
    pub request_timeout: Duration,
    /// How long requests in progress may run on after a shutdown begins.
    #[setting(default = "10s")]
    pub shutdown_grace: Duration,
    /// The largest request body accepted.
    #[setting(default = "1mb", bytes, positive)]
    pub max_body: u64,
    /// Compress responses for clients that accept it.
    #[setting(default = true)]
    pub compression: bool,
    /// The share of requests traced, from 0 (none) to 1 (every one).
    #[setting(default = 0.1, range = 0.0..=1.0)]
    pub trace_sample_rate: f64,
    /// The most detailed log messages written.
    #[setting(from_str, default = "info", expected = "one of off, error, warn, info, debug, trace")]
    pub log_level: log::LevelFilter,
    /// How log lines are written.
    #[setting(default = "text")]
    pub log_format: LogFormat,
    /// The directory static files are served from.
    #[setting(default = "static")]
    pub static_dir: PathBuf,
    /// Web origins allowed to call the API from a browser (CORS); none when
    /// empty.
    #[setting(default = [])]
    pub allowed_origins: Vec<Url>,
    /// Proxies whose `X-Forwarded-For` header is believed.
    #[setting(default = ["127.0.0.1", "::1"])]
    pub trusted_proxies: Vec<IpAddr>,
    /// The field separator of CSV exports.
    #[setting(default = ',')]
    pub csv_separator: char,
    /// The token the admin API requires. The admin API is off when unset.
    #[setting(secret, len = 32..)]
    pub admin_token: Option<String>,
    /// The primary database, for reads and writes.
    #[setting(nested)]
    pub primary: Database,
    /// A read-only replica, for reports.
    #[setting(nested)]
    pub replica: Database,
}

/// Where the service finds its configuration files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The configuration file (TOML); absent is fine.
    pub config: PathBuf,
    /// A directory of key files (one file per setting); absent is fine.
    pub secrets: PathBuf,
    /// A `.env` file; absent is fine.
    pub dotenv: PathBuf,
}

impl Paths {
    /// `app.toml`, `secrets/` and `.env` in `dir`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Paths {
        let dir = dir.as_ref();
        Paths { config: dir.join("app.toml"), secrets: dir.join("secrets"), dotenv: dir.join(".env") }
    }
}

/// The file sources, below the environment and the command line, which the
/// caller adds: `files(&paths).env().args(flags)` in the program, a map in
/// place of the environment in tests.
pub fn files(paths: &Paths) -> Builder<AppConfig> {
    AppConfig::builder().optional_file(&paths.config).optional_dir(&paths.secrets).dotenv(&paths.dotenv)
}

/// How the reference page is rendered (the same options for the command
/// and for the test that keeps `docs/` fresh).
pub fn docs_options() -> docs_gen::Options {
    docs_gen::Options::default()
}
