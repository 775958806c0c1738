//! gevent's 23 settings loaded by each peer, and by hand. Every loader
//! applies gevent's rules where the crate lets it: boolean words, byte
//! counts, comma-separated lists; importables stay lists of names.

pub mod clap;
pub mod confique;
pub mod config_rs;
pub mod envconfig;
pub mod envy;
pub mod figment;
pub mod handwritten;
pub mod serde_config;

/// gevent's boolean words.
pub fn parse_bool(s: &str) -> Result<bool, &'static str> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" | "" => Ok(false),
        _ => Err("not a boolean word"),
    }
}

/// A byte count: a whole number, optionally suffixed kb, mb or gb.
pub fn parse_bytes(s: &str) -> Result<u64, &'static str> {
    let lower = s.to_ascii_lowercase();
    let (number, multiple) = match lower.len().checked_sub(2).map(|i| lower.split_at(i)) {
        Some((n, "kb")) => (n, 1 << 10),
        Some((n, "mb")) => (n, 1 << 20),
        Some((n, "gb")) => (n, 1 << 30),
        _ => (lower.as_str(), 1),
    };
    number.trim().parse::<u64>().map(|n| n * multiple).map_err(|_| "not a byte count")
}
