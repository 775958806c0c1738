//! `gevent_settings::config()` when a variable is invalid: gevent raises
//! when the setting is read; here the first use reports it, the setting
//! keeps its default, and the problem stays available. (Its own test
//! binary: it sets the process environment before the one first load.)

use config_core::OriginKind;
use gevent_settings::config;

#[test]
fn an_invalid_variable_is_reported_at_the_first_load_and_its_setting_keeps_its_default() {
    // SAFETY: this binary's only test, and nothing else in the process
    // reads or writes the environment while it runs.
    unsafe {
        std::env::set_var("GEVENT_MAX_BLOCKING_TIME", "soon");
        std::env::set_var("GEVENT_MONITOR_THREAD_ENABLE", "yes");
    }
    let config = config();
    assert_eq!(config.get().max_blocking_time, 0.1, "the default");
    assert_eq!(config.origin("max_blocking_time").map(|o| o.kind()), Ok(OriginKind::Default));
    assert!(config.get().monitor_thread, "the other settings work");
    let problems = config.first_load_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].setting, problems[0].variable), ("max_blocking_time", "GEVENT_MAX_BLOCKING_TIME"));
    assert!(problems[0].to_string().starts_with("GEVENT_MAX_BLOCKING_TIME=\"soon\": invalid value"), "{}", problems[0]);
}
