// Every value kind, enums, from_str, required, ranges, nested groups,
// former names and frozen settings, in a crate that denies warnings.
#![deny(warnings)]

use std::net::{IpAddr, SocketAddr, SocketAddrV4};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::time::Duration;

use config_core::{SettingEnum, Settings};

/// A level.
#[derive(Debug, Clone, Copy, PartialEq, SettingEnum)]
pub enum Level {
    /// Errors.
    Error,
    /// Warnings.
    #[choice(alias = "warning")]
    Warn,
}

/// A pool.
#[derive(Clone, Settings)]
pub struct Pool {
    /// The URL.
    #[setting(required, len = 1..)]
    pub url: String,
    /// Its size.
    #[setting(default = 8, range = 1..=64, alias = "size")]
    pub pool_size: u32,
}

fn postgres(url: &str) -> Result<(), String> {
    if url.starts_with("postgres://") { Ok(()) } else { Err("not postgres".into()) }
}

/// Every kind.
#[derive(Clone, Settings)]
#[settings(env_prefix = "EVERY_", known_env = ["EVERY_DEBUG"])]
pub struct Every {
    /// A duration.
    #[setting(default = "1m30s", range = "1s"..="1h", frozen)]
    pub timeout: Duration,
    /// An address.
    #[setting(default = "0.0.0.0:8080")]
    pub listen: SocketAddr,
    /// Proxies.
    pub proxies: Vec<IpAddr>,
    /// A path.
    #[setting(default = "/tmp")]
    pub dir: PathBuf,
    /// A character.
    #[setting(default = ',')]
    pub separator: char,
    /// Non-zero.
    #[setting(default = 1)]
    pub shards: NonZeroU16,
    /// A level.
    #[setting(default = "warning")]
    pub level: Level,
    /// A foreign type.
    #[setting(from_str, default = "127.0.0.1:9000", expected = "an IPv4 address and port")]
    pub metrics: SocketAddrV4,
    /// A checked URL.
    #[setting(validate(with = postgres, expected = "a postgres:// URL"), default = "postgres://x")]
    pub audit: String,
    /// The primary pool.
    #[setting(nested)]
    pub primary: Pool,
    /// A replica.
    #[setting(nested, env_prefix = "REPLICA_")]
    pub replica: Pool,
}

fn main() {
    let env = [("EVERY_PRIMARY_URL", "postgres://p"), ("EVERY_REPLICA_URL", "postgres://r")];
    let every = Every::from_source(&env).unwrap();
    assert_eq!(every.timeout, Duration::from_secs(90));
    assert_eq!(every.level, Level::Warn);
    assert_eq!(every.replica.url, "postgres://r");
}
