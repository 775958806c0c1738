//! Setting a deprecated setting logs one warning through `log`, naming the
//! replacement, whether the value comes from the environment or from code.

use std::sync::Mutex;

use config_core::{Loaded, Settings};
use log::{Level, Log, Metadata, Record};

#[derive(Clone, Settings)]
#[settings(env_prefix = "OLD_")]
pub struct Legacy {
    /// The servers to ask.
    #[setting(deprecated(since = "1.3a2", replacement = "nameservers"))]
    pub servers: Option<Vec<String>>,
    /// The nameservers to ask.
    pub nameservers: Option<Vec<String>>,
}

struct Capture(Mutex<Vec<(Level, String)>>);

impl Log for Capture {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }
    fn log(&self, record: &Record) {
        self.0.lock().unwrap().push((record.level(), record.args().to_string()));
    }
    fn flush(&self) {}
}

static LOGGER: Capture = Capture(Mutex::new(Vec::new()));

fn take() -> Vec<(Level, String)> {
    std::mem::take(&mut *LOGGER.0.lock().unwrap())
}

// One test in this file: the logger is process-wide.
#[test]
fn deprecated_settings_log_one_warning_naming_the_replacement() {
    log::set_logger(&LOGGER).unwrap();
    log::set_max_level(log::LevelFilter::Warn);

    let mut config = Legacy::from_source(&[("OLD_SERVERS", "1.1.1.1")]).unwrap();
    assert_eq!(
        take(),
        [(
            Level::Warn,
            "OLD_SERVERS sets `servers`, which is deprecated since 1.3a2; use `nameservers` instead".into()
        )]
    );

    config.set("servers", "8.8.8.8").unwrap();
    assert_eq!(
        take(),
        [(Level::Warn, "setting `servers` is deprecated since 1.3a2; use `nameservers` instead".into())]
    );

    config.set("nameservers", "8.8.8.8").unwrap();
    config.update(|c| c.nameservers = None).unwrap();
    assert_eq!(take(), []);

    config.update(|c| c.servers = None).unwrap();
    assert_eq!(take().len(), 1);

    let _ = Loaded::<Legacy>::defaults().unwrap();
    assert_eq!(take(), []);
}
