//! `gevent_settings::config()` loading the real process environment: a
//! variable gevent reads outside its settings is not logged as unknown, a
//! typo is. (Its own test binary: it sets process environment variables
//! before the one process-wide first load.)

use std::sync::Mutex;

use log::{Level, LevelFilter, Log, Metadata, Record};

/// Keeps every warning logged.
struct Warnings(Mutex<Vec<String>>);

impl Log for Warnings {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= Level::Warn
    }
    fn log(&self, record: &Record<'_>) {
        self.0.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

static WARNINGS: Warnings = Warnings(Mutex::new(Vec::new()));

#[test]
fn the_first_load_does_not_report_variables_gevent_reads_elsewhere() {
    log::set_logger(&WARNINGS).unwrap();
    log::set_max_level(LevelFilter::Warn);
    // SAFETY: this binary's only test, and nothing else in the process
    // reads or writes the environment while it runs.
    unsafe {
        std::env::set_var("GEVENT_DEBUG", "debug");
        std::env::set_var("GEVENT_DEBGU", "debug");
    }
    let config = gevent_settings::config();
    assert_eq!(config.get().max_blocking_time, 0.1);
    let warnings = WARNINGS.0.lock().unwrap().clone();
    assert!(warnings.iter().any(|w| w.contains("GEVENT_DEBGU does not name a setting")), "{warnings:?}");
    assert!(!warnings.iter().any(|w| w.contains("GEVENT_DEBUG ")), "{warnings:?}");
}
