//! A live `Global`: reload from its sources, keep the last good
//! configuration when a reload is invalid, keep values set in code, tell
//! subscribers, refuse to change a frozen setting once read (naming where),
//! and free old snapshots.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use config_core::{Global, OriginKind, SetError, Settings};

#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "LIVE_")]
pub struct Live {
    /// Worker threads, read once at start.
    #[setting(default = 4, frozen)]
    pub workers: u32,
    /// How long a request may take.
    #[setting(default = "30s", range = "1s"..="1h")]
    pub timeout: Duration,
    /// Log every request.
    #[setting(default = false)]
    pub verbose: bool,
}

struct File(PathBuf);

impl File {
    fn new(name: &str, text: &str) -> File {
        let path = std::env::temp_dir().join(format!("config-core-live-{name}-{}.toml", std::process::id()));
        fs::write(&path, text).unwrap();
        File(path)
    }

    fn write(&self, text: &str) {
        fs::write(&self.0, text).unwrap();
    }
}

impl Drop for File {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[test]
fn reload_applies_a_valid_file_and_keeps_the_last_good_one_otherwise() {
    static LIVE: Global<Live> = Global::new();
    let file = File::new("reload", "timeout = \"5s\"\n");
    LIVE.init(Live::builder().file(&file.0)).unwrap();
    assert_eq!(LIVE.get().timeout, Duration::from_secs(5));

    file.write("timeout = \"6s\"\nverbose = true\n");
    let changes = LIVE.reload().unwrap();
    assert_eq!(changes.names(), ["timeout", "verbose"]);
    let path = file.0.display();
    assert_eq!(
        changes.to_string(),
        format!("timeout: 5s -> 6s (`timeout` in {path}:1:11); verbose: false -> true (`verbose` in {path}:2:11)")
    );
    assert_eq!(LIVE.get().timeout, Duration::from_secs(6));

    file.write("timeout = \"2h\"\nverbose = false\n");
    let problems = LIVE.reload().unwrap_err();
    assert!(problems.to_string().contains("must be between 1s and 1h"), "{problems}");
    assert_eq!(LIVE.get().timeout, Duration::from_secs(6), "the last good configuration stays");
    assert!(LIVE.get().verbose, "nothing of the invalid reload is applied");

    file.write("timeout = \"7s\"\n");
    assert!(LIVE.reload().unwrap().names().contains(&"timeout"));
    assert!(!LIVE.get().verbose);
}

#[test]
fn values_set_in_code_stay_across_reloads() {
    static LIVE: Global<Live> = Global::new();
    let file = File::new("code", "verbose = false\n");
    LIVE.init(Live::builder().file(&file.0)).unwrap();
    LIVE.set("verbose", true).unwrap();
    file.write("verbose = false\ntimeout = \"9s\"\n");
    LIVE.reload().unwrap();
    assert!(LIVE.get().verbose);
    assert_eq!(LIVE.origin("verbose").unwrap().kind(), OriginKind::Code);
    LIVE.reset("verbose").unwrap();
    LIVE.reload().unwrap();
    assert!(!LIVE.get().verbose);
    assert_eq!(LIVE.origin("verbose").unwrap().kind(), OriginKind::File);
}

#[test]
fn a_frozen_setting_once_read_refuses_to_change_and_says_where_it_was_read() {
    static LIVE: Global<Live> = Global::new();
    let file = File::new("frozen", "workers = 4\n");
    LIVE.init(Live::builder().file(&file.0)).unwrap();
    file.write("workers = 6\n");
    LIVE.reload().unwrap(); // not read yet: it changes
    let line = line!() + 1;
    let workers = LIVE.read(|c| &c.workers);
    assert_eq!(workers, 6);
    let error = LIVE.set("workers", 8).unwrap_err();
    match &error {
        SetError::Frozen(frozen) => {
            assert_eq!((frozen.read_at.file(), frozen.read_at.line()), (file!(), line));
        }
        other => panic!("{other}"),
    }
    assert!(error.to_string().contains(&format!("{}:{line}", file!())), "{error}");
    assert_eq!(LIVE.get().workers, 6);
    // A reload applies the other changes and reports the frozen one.
    file.write("workers = 10\nverbose = true\n");
    let changes = LIVE.reload().unwrap();
    assert_eq!(LIVE.get().workers, 6);
    assert!(LIVE.get().verbose);
    assert_eq!(changes.refused.len(), 1, "{changes}");
    assert_eq!(changes.refused[0].setting, "workers");
    // update is refused too; setting the value it has is no change.
    assert!(LIVE.update(|c| c.workers = 1).is_err());
    LIVE.set("workers", 6).unwrap();
}

#[test]
fn subscribers_hear_of_the_changes_they_asked_for() {
    static LIVE: Global<Live> = Global::new();
    let timeout_changes = LIVE.subscribe(&["timeout"]).unwrap();
    let all = LIVE.subscribe(&[]).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    LIVE.on_change(&["verbose"], move |changes| {
        assert_eq!(changes.names(), ["verbose"]);
        counted.fetch_add(1, Ordering::SeqCst);
    })
    .unwrap();

    LIVE.set("verbose", true).unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(timeout_changes.try_recv().is_none());
    assert_eq!(all.try_recv().unwrap().names(), ["verbose"]);

    let waiter = std::thread::spawn(move || timeout_changes.recv_timeout(Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(20));
    LIVE.set("timeout", "3s").unwrap();
    assert_eq!(waiter.join().unwrap().unwrap().names(), ["timeout"]);
    // Changes a subscriber has not taken yet are merged, not queued.
    LIVE.set("timeout", "4s").unwrap();
    LIVE.set("timeout", "5s").unwrap();
    let merged = all.try_recv().unwrap();
    assert_eq!(merged.names(), ["timeout"]);
    assert!(LIVE.subscribe(&["nope"]).is_err());
}

#[test]
fn a_reader_sees_each_change() {
    static LIVE: Global<Live> = Global::new();
    let mut reader = LIVE.reader();
    assert_eq!(reader.get().timeout, Duration::from_secs(30));
    LIVE.set("timeout", "2s").unwrap();
    assert_eq!(reader.get().timeout, Duration::from_secs(2));
}

#[test]
fn a_reload_says_what_it_found_worth_a_word() {
    static LIVE: Global<Live> = Global::new();
    let file = File::new("warnings", "verbose = true\n");
    LIVE.init(Live::builder().file(&file.0)).unwrap();
    file.write("verbose = true\ntimout = \"5s\"\n");
    let changes = LIVE.reload().unwrap();
    assert!(changes.is_empty(), "{changes}");
    match changes.warnings.as_slice() {
        [config_core::Warning::UnknownKey { key, suggestion, .. }] => {
            assert_eq!((key.as_str(), *suggestion), ("timout", Some("timeout")));
        }
        other => panic!("expected one unknown key, got {other:?}"),
    }
}

#[test]
fn an_optional_source_that_cannot_be_read_is_a_warning_of_the_loaded_settings() {
    // A directory where a file is expected cannot be read as one.
    let dir = std::env::temp_dir().join(format!("config-core-live-not-a-file-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let loaded = Live::builder().optional_provider(config_core::TomlFile::required(&dir)).load().unwrap();
    let _ = fs::remove_dir(&dir);
    match loaded.warnings() {
        [config_core::Warning::SourceSkipped(error)] => assert!(error.place.contains("config-core-live-not-a-file")),
        other => panic!("expected the skipped file, got {other:?}"),
    }
}
