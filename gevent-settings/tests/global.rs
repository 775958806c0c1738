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
