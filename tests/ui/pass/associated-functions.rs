// `Self::` in a validator or a default names the struct's own items.
use config_core::Settings;

#[derive(Clone, Settings)]
pub struct Config {
    #[setting(default = Self::DEFAULT_PORT, validate = Self::check_port)]
    pub port: u16,
    #[setting(default = Self::workers(), validate = Self::check_workers)]
    pub workers: Option<u32>,
}

impl Config {
    const DEFAULT_PORT: u16 = 8080;

    fn workers() -> u32 {
        4
    }

    fn check_port(port: &u16) -> Result<(), String> {
        if *port >= 1024 { Ok(()) } else { Err("a privileged port".to_owned()) }
    }

    fn check_workers(n: &u32) -> Result<(), String> {
        if *n > 0 { Ok(()) } else { Err("no workers".to_owned()) }
    }
}

fn main() {
    let config = Config::defaults().unwrap();
    assert_eq!((config.port, config.workers), (8080, Some(4)));
    assert!(Config::from_source(&[("PORT", "80")]).is_err());
    // The docs say what a validator accepts, never its Rust name.
    let check = Config::META.setting("port").unwrap().checks[0];
    assert_eq!(check, config_core::meta::Check::Custom { expected: None });
}
