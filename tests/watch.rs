//! Watched sources (the `watch` feature): a running `Global` follows its
//! configuration file and its key-file directory, through an editor's
//! rename-over-save and Kubernetes' `..data` swap, keeps the last good
//! configuration on a bad edit, and ignores what is not its own.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use config_core::watch::Watcher;
use config_core::{Changes, Global, Origin, Problems, Settings};

#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "WATCHED_")]
pub struct Watched {
    /// How long a request may take.
    #[setting(default = "30s", range = "1s"..="1h")]
    pub timeout: Duration,
    /// A level.
    #[setting(default = 1)]
    pub level: u32,
    /// A password.
    #[setting(secret)]
    pub password: Option<String>,
}

const DEBOUNCE: Duration = Duration::from_millis(50);

/// A bound generous enough for a loaded CI machine; `BENCHMARKS.md` has the
/// measured time from a write to a visible value.
const WITHIN: Duration = Duration::from_secs(5);

/// A directory of the test's own, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let path = std::env::temp_dir().join(format!("workspace-tests-watch-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Dir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Starts watching `global`; every reload's outcome arrives on the receiver.
fn watch(global: &'static Global<Watched>) -> (Watcher, Receiver<Result<Changes, Problems>>) {
    let (send, outcomes) = mpsc::channel();
    let send = Mutex::new(send);
    let watcher = Watcher::start(global, DEBOUNCE, move |outcome| {
        let _ = send.lock().unwrap().send(outcome);
    })
    .unwrap();
    (watcher, outcomes)
}

fn next(outcomes: &Receiver<Result<Changes, Problems>>) -> Result<Changes, Problems> {
    outcomes.recv_timeout(WITHIN).expect("no reload within the bound")
}

#[test]
fn a_file_edit_is_seen_and_a_bad_edit_keeps_the_last_good_configuration() {
    static CONFIG: Global<Watched> = Global::new();
    let dir = Dir::new("file");
    let file = dir.join("app.toml");
    fs::write(&file, "timeout = \"5s\"\n").unwrap();
    CONFIG.init(Watched::builder().file(&file)).unwrap();
    let (_watcher, outcomes) = watch(&CONFIG);

    let written = Instant::now();
    fs::write(&file, "timeout = \"6s\"\n").unwrap();
    let changes = next(&outcomes).unwrap();
    assert!(written.elapsed() >= DEBOUNCE, "a reload waits for the burst to end");
    assert_eq!(changes.names(), ["timeout"]);
    assert_eq!(CONFIG.get().timeout, Duration::from_secs(6));

    fs::write(&file, "timeout = \"2h\"\nlevel = 3\n").unwrap();
    let problems = next(&outcomes).unwrap_err();
    assert!(problems.to_string().contains("app.toml:1:11: timeout = \"2h\""), "{problems}");
    assert_eq!((CONFIG.get().timeout, CONFIG.get().level), (Duration::from_secs(6), 1), "nothing of a bad edit");

    // An editor saves by writing a new file and renaming it over the old.
    let new = dir.join(".app.toml.swp");
    fs::write(&new, "timeout = \"7s\"\nlevel = 3\n").unwrap();
    fs::rename(&new, &file).unwrap();
    let changes = next(&outcomes).unwrap();
    assert_eq!(changes.names(), ["timeout", "level"]);
    assert_eq!(
        CONFIG.origin("level").unwrap(),
        Origin::File { path: file.clone().into(), line: 2, column: 9, key: "level" }
    );
}

#[test]
fn what_is_not_a_source_is_not_watched() {
    static CONFIG: Global<Watched> = Global::new();
    let dir = Dir::new("neighbours");
    let file = dir.join("app.toml");
    fs::write(&file, "level = 2\n").unwrap();
    CONFIG.init(Watched::builder().file(&file)).unwrap();
    let (_watcher, outcomes) = watch(&CONFIG);
    // A log beside the configuration, and reading the configuration (which
    // every reload does), cause no reload.
    for line in 0..20 {
        fs::write(dir.join("service.log"), format!("line {line}\n")).unwrap();
        fs::read_to_string(&file).unwrap();
    }
    assert!(outcomes.recv_timeout(DEBOUNCE * 6).is_err(), "reloaded for a neighbour");
    fs::write(&file, "level = 3\n").unwrap();
    assert_eq!(next(&outcomes).unwrap().names(), ["level"]);
    // One reload for the change, not a loop of reloads reading the file.
    assert!(outcomes.recv_timeout(DEBOUNCE * 6).is_err(), "a reload caused another");
}

/// Kubernetes mounts a ConfigMap or Secret as a directory whose entries are
/// symbolic links through `..data`, itself a link to a timestamped
/// directory; an update writes a new directory and renames a new `..data`
/// link over the old one.
fn mount(dir: &Path, version: &str, files: &[(&str, &str)]) {
    let data = dir.join(version);
    fs::create_dir_all(&data).unwrap();
    for (name, text) in files {
        fs::write(data.join(name), text).unwrap();
        let link = dir.join(name);
        if fs::symlink_metadata(&link).is_err() {
            std::os::unix::fs::symlink(Path::new("..data").join(name), link).unwrap();
        }
    }
    let tmp = dir.join("..data_tmp");
    std::os::unix::fs::symlink(version, &tmp).unwrap();
    fs::rename(&tmp, dir.join("..data")).unwrap();
}

#[test]
fn a_kubernetes_data_swap_is_one_reload_and_a_secret_stays_redacted() {
    static CONFIG: Global<Watched> = Global::new();
    let dir = Dir::new("kubernetes");
    mount(&dir.0, "..2026_11_25_10_00_00.1", &[("password", "first\n"), ("level", "4\n")]);
    CONFIG.init(Watched::builder().dir(&dir.0)).unwrap();
    assert_eq!(CONFIG.get().password.as_deref(), Some("first"));
    assert_eq!(CONFIG.origin("password").unwrap(), Origin::KeyFile { path: dir.join("password").into() });
    let (_watcher, outcomes) = watch(&CONFIG);

    mount(&dir.0, "..2026_11_25_10_05_00.2", &[("password", "second\n"), ("level", "5\n")]);
    fs::remove_dir_all(dir.join("..2026_11_25_10_00_00.1")).unwrap();
    let changes = next(&outcomes).unwrap();
    assert_eq!(changes.names(), ["level", "password"]);
    assert_eq!((CONFIG.get().level, CONFIG.get().password.as_deref()), (5, Some("second")));
    assert!(!format!("{changes} {changes:?}").contains("second"), "{changes:?}");
}
