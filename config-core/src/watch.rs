//! Reloading a [`Global`] when the files it was loaded from change
//! (the `watch` feature).
//!
//! Each file's directory is watched, not the file: editors replace a file
//! by renaming a new one over it, and Kubernetes updates a mounted
//! ConfigMap or Secret by swapping its `..data` symbolic link, both of which
//! a watch on the file itself would miss. Events are debounced: a burst of
//! them causes one reload, `debounce` after the last.
//!
//! ```no_run
//! use std::time::Duration;
//! use config_core::{Global, Settings};
//! # #[derive(Clone, Settings)] pub struct App { #[setting(default = 1)] pub workers: u32 }
//!
//! static APP: Global<App> = Global::new();
//!
//! APP.init(App::builder().file("app.toml").env()).unwrap();
//! let _watcher = config_core::watch::Watcher::start(&APP, Duration::from_millis(100), |outcome| match outcome {
//!     Ok(changes) => println!("reloaded: {changes}"),
//!     Err(problems) => eprintln!("kept the last good configuration: {problems}"),
//! })
//! .unwrap();
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use crate::Settings;
use crate::error::Problems;
use crate::global::{Changes, Global};

/// Watches a [`Global`]'s files and reloads it when they change. Dropping
/// it stops the watch.
pub struct Watcher {
    watcher: Option<notify::RecommendedWatcher>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Watches the files and directories `global`'s sources read (see
    /// [`Global::watch_paths`]) and reloads it `debounce` after they change,
    /// calling `on_reload` with the outcome: what changed, or the problems
    /// for which the last good configuration was kept.
    pub fn start<C: Settings + Clone>(
        global: &'static Global<C>,
        debounce: Duration,
        on_reload: impl Fn(Result<Changes, Problems>) + Send + 'static,
    ) -> Result<Watcher, notify::Error> {
        let (events, receiver) = mpsc::channel::<()>();
        let watched = Watched::new(&global.watch_paths());
        let directories = watched.directories();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // An error may have lost a change: reload to be sure.
            if event.is_err() || event.is_ok_and(|event| watched.concerns(&event)) {
                let _ = events.send(());
            }
        })?;
        for directory in directories {
            // An optional file in a directory that does not exist cannot
            // change until the directory is made; say so rather than fail.
            if !directory.is_dir() {
                log::warn!("not watching {}: no such directory", directory.display());
                continue;
            }
            watcher.watch(&directory, RecursiveMode::NonRecursive)?;
        }
        let thread = std::thread::Builder::new()
            .name("config-watch".to_owned())
            .spawn(move || {
                // Ends when the watcher is dropped, which closes the channel.
                while receiver.recv().is_ok() {
                    loop {
                        match receiver.recv_timeout(debounce) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    on_reload(global.reload());
                }
            })
            .map_err(notify::Error::io)?;
        Ok(Watcher { watcher: Some(watcher), thread: Some(thread) })
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        drop(self.watcher.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What a watcher watches: the files and directories the sources read,
/// made absolute, as the events name them.
struct Watched {
    files: Vec<PathBuf>,
    directories: Vec<PathBuf>,
}

impl Watched {
    fn new(paths: &[PathBuf]) -> Watched {
        let absolute = |path: &PathBuf| std::path::absolute(path).unwrap_or_else(|_| path.clone());
        let (directories, files) = paths.iter().map(absolute).partition(|path| path.is_dir());
        Watched { files, directories }
    }

    /// The directories to watch: each directory given, and each file's
    /// parent.
    fn directories(&self) -> BTreeSet<PathBuf> {
        let parents = self.files.iter().map(|file| file.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf));
        self.directories.iter().cloned().chain(parents).collect()
    }

    /// Whether an event may change what the sources read. Reading a file
    /// (which every reload does) is not a change, nor is a change to a
    /// neighbour of a watched file: a service that writes its log beside
    /// its configuration must not reload on every line.
    fn concerns(&self, event: &notify::Event) -> bool {
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|path| {
            self.files.iter().any(|file| path == file || is_kubernetes_swap(path, file))
                || self.directories.iter().any(|directory| path.starts_with(directory))
        })
    }
}

/// Kubernetes updates a mounted file (a symbolic link through `..data`) by
/// swapping the `..data` link beside it: names that start with `..`.
fn is_kubernetes_swap(path: &Path, file: &Path) -> bool {
    path.parent() == file.parent() && path.file_name().is_some_and(|name| name.as_encoded_bytes().starts_with(b".."))
}
