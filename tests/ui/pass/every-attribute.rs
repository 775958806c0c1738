use config_core::{registry, Importable, Settings};

pub trait Backend: Sync {}
pub struct Fast;
impl Backend for Fast {}

registry!(dyn Backend => { "app.backends.Fast" => &Fast });

fn even(n: &u32) -> Result<(), String> {
    if n % 2 == 0 { Ok(()) } else { Err("odd".into()) }
}

/// Every attribute in use.
#[derive(Clone, Settings)]
#[settings(
    env_prefix = "APP_",
    watch_prefixes = ["APPX_"],
    title = "App settings",
    added = "1.0",
    see_also = ["[docs](https://example.org)"],
    notation = "python",
    crate = "config_core"
)]
pub struct Config {
    /// A backend.
    #[setting(default = "fast", shorthand(fast = "app.backends.Fast", "very-fast" = "app.backends.Fast"))]
    pub backend: Importable<dyn Backend>,
    /// Renamed.
    #[setting(name = "count", env = "APPX_COUNT", default = 2, validate = even, added = "1.1")]
    pub n: u32,
    /// Bytes.
    #[setting(bytes, positive, default = 1024, default_doc = "1 KiB")]
    pub size: u64,
    /// Old.
    #[setting(deprecated(since = "1.2", replacement = "count", note = "Use count."), see_also = ["count"])]
    pub old: Option<u32>,
    /// Hidden and secret.
    #[setting(hidden, secret)]
    pub token: Option<String>,
    /// A float from an integer literal, and a negative default.
    #[setting(default = 5)]
    pub period: f64,
    #[setting(default = -3)]
    pub offset: i32,
    /// Default flag.
    #[setting(default)]
    pub list: Vec<String>,
}

fn main() {
    let config = Config::defaults().unwrap();
    assert_eq!(config.n, 2);
    assert_eq!(config.period, 5.0);
    assert_eq!(config.offset, -3);
}
