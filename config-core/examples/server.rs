//! A small HTTP server's settings, to show that the derive is not
//! gevent-specific: every kind, a custom value type, a validator, a secret.
//!
//! ```text
//! cargo run -p config-core --example server
//! SERVER_PORT=9000 SERVER_LOG_LEVEL=debug cargo run -p config-core --example server
//! SERVER_PORT=http SERVER_WORKERS=0 cargo run -p config-core --example server   # both reported
//! ```

use std::process::ExitCode;

use config_core::meta::{Kind, SettingMeta};
use config_core::{Reason, SettingValue, Settings, Value};

/// How much the server logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Error,
    Info,
    Debug,
}

/// A value type of the application's own: parsed from its name.
impl SettingValue for LogLevel {
    const KIND: Kind = Kind::Custom;
    type Inner = LogLevel;

    fn parse(text: &str, _: &'static SettingMeta) -> Result<Self, Reason> {
        match text.trim().to_ascii_lowercase().as_str() {
            "error" => Ok(LogLevel::Error),
            "info" => Ok(LogLevel::Info),
            "debug" => Ok(LogLevel::Debug),
            _ => Err(Reason::new("not a log level: use error, info or debug")),
        }
    }

    fn to_value(&self) -> Value {
        Value::Str(format!("{self:?}").to_lowercase())
    }

    fn inner(&self) -> Option<&Self> {
        Some(self)
    }
}

/// Settings of a small HTTP server.
#[derive(Clone, Settings)]
#[settings(env_prefix = "SERVER_", title = "Server settings")]
pub struct ServerConfig {
    /// The address to listen on.
    #[setting(default = "127.0.0.1")]
    pub host: String,
    /// The TCP port to listen on.
    #[setting(default = 8080)]
    pub port: u16,
    /// Worker threads; at least one.
    #[setting(default = 4, validate = at_least_one)]
    pub workers: u32,
    /// Seconds to wait for a request before closing the connection.
    #[setting(default = 30.0, positive)]
    pub timeout: f64,
    /// The largest request body accepted, such as `10mb`.
    #[setting(bytes, positive, default = 10485760, default_doc = "10mb")]
    pub max_body: u64,
    /// Hosts allowed to make cross-origin requests, separated by commas.
    pub cors_origins: Option<Vec<String>>,
    /// How much to log.
    #[setting(default = LogLevel::Info, default_doc = "info")]
    pub log_level: LogLevel,
    /// The token the admin API requires.
    #[setting(secret)]
    pub admin_token: Option<String>,
}

fn at_least_one(workers: &u32) -> Result<(), String> {
    if *workers >= 1 { Ok(()) } else { Err("a server needs at least one worker".to_owned()) }
}

fn main() -> ExitCode {
    let config = match ServerConfig::from_env() {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}:{} with {} workers", config.host, config.port, config.workers);
    for state in config.iter() {
        println!("  {:<14} = {:<20} ({}, {})", state.setting.name, state.shown(), state.origin, state.setting.env);
    }
    ExitCode::SUCCESS
}
