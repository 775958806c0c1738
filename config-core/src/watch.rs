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
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Any event (or error) under a watched directory may be a change
            // of ours; the reload tells.
            let _ = event;
            let _ = events.send(());
        })?;
        for directory in directories(&global.watch_paths()) {
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
            .map_err(|e| notify::Error::io(e))?;
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

/// The directories to watch: each directory given, and each file's parent.
fn directories(paths: &[PathBuf]) -> BTreeSet<PathBuf> {
    paths
        .iter()
        .map(|path| {
            if path.is_dir() {
                return path.clone();
            }
            match path.parent() {
                Some(parent) if parent != Path::new("") => parent.to_path_buf(),
                _ => PathBuf::from("."),
            }
        })
        .collect()
}
