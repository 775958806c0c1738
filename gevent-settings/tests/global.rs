//! `gevent_settings::config()`: gevent's process-wide `config`, changed in
//! code before use, as gevent documents. (Its own test binary: the instance
//! is process-wide.)

use config_core::OriginKind;
use gevent_settings::config;

#[test]
fn set_before_use_as_gevent_documents() {
    // >>> config.fileobject = 'thread'
    config().set("fileobject", "thread").unwrap();
    assert_eq!(config().get().fileobject.path(), Some("gevent._fileobjectcommon.FileObjectThread"));
    assert_eq!(config().origin("fileobject").map(|o| o.kind()), Ok(OriginKind::Code));
    assert!(config().set("fileobject", "nonsense").is_err());
    assert_eq!(config().get().fileobject.path(), Some("gevent._fileobjectcommon.FileObjectThread"));

    config().update(|c| c.max_blocking_time = 0.5).unwrap();
    let readers: Vec<_> = (0..4).map(|_| std::thread::spawn(|| config().get().max_blocking_time)).collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), 0.5);
    }
}

/// The settings gevent reads once (the table in the crate's docs) are
/// frozen; the others may change after they are read.
#[test]
fn the_settings_gevent_reads_once_are_frozen() {
    use config_core::{Global, Settings};
    use gevent_settings::Config;

    let mut frozen: Vec<&str> = Config::META.settings.iter().filter(|s| s.frozen).map(|s| s.name).collect();
    frozen.sort_unstable();
    let mut expected = [
        "format_context",
        "resolver",
        "threadpool",
        "threadpool_idle_task_timeout",
        "loop",
        "libev_backend",
        "fileobject",
        "disable_watch_children",
        "trace_malloc",
        "resolver_nameservers",
        "resolver_timeout",
        "ares_flags",
        "ares_timeout",
        "ares_tries",
        "ares_ndots",
        "ares_udp_port",
        "ares_tcp_port",
        "ares_servers",
    ];
    expected.sort_unstable();
    assert_eq!(frozen, expected);

    static GEVENT: Global<Config> = Global::new();
    GEVENT.install(config_core::Loaded::<Config>::defaults().unwrap());
    // The hub creates its loop: `loop` is read once, here.
    let (_, line) = (GEVENT.read(|c| &c.r#loop), line!());
    let refused = GEVENT.set("loop", "libuv").unwrap_err().to_string();
    assert!(refused.contains(&format!("first read at {}:{line}:", file!())), "{refused}");
    // `max_blocking_time` is read each time the monitor runs.
    GEVENT.read(|c| &c.max_blocking_time);
    GEVENT.set("max_blocking_time", 0.5).unwrap();
    assert_eq!(GEVENT.get().max_blocking_time, 0.5);
}
