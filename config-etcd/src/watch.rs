//! [`watch()`]: keeps a [`Global`] in step with the keys under a prefix.
//!
//! A task on the source's own runtime watches the prefix and applies each
//! watch response (a transaction's changes arrive in one) to the source's
//! local snapshot; a thread of the watch's own then reloads the `Global`,
//! which validates the whole new configuration before it swaps it in. A
//! burst of changes causes as few reloads as the reloads keep up with: the
//! reload thread takes every pending signal at once.
//!
//! When etcd is lost the `Global` keeps serving the last good
//! configuration and reloads still read the last snapshot; the task tries
//! again after a backoff that doubles up to a bound, and resumes the watch
//! from the revision after the last one it saw, so that no change is
//! missed. If etcd has compacted that revision away, or is at an earlier
//! revision than the watch saw (restored from a backup, or a new cluster),
//! it reads every key afresh instead.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use config_core::{Changes, Global, Problems, Settings, SourceError, escape};
use etcd_client::WatchOptions;
use tokio::task::AbortHandle;

use crate::source::{Etcd, Shared, describe, lock, within};

/// Watches `source`'s prefix and reloads `global` after each change,
/// calling `on_reload` with the outcome: what changed (and which frozen
/// settings kept their value), or every problem, for which the last good
/// configuration was kept. `global` should have been loaded from a clone of
/// `source` (its reloads then read the watch's snapshot, never the network).
///
/// The watch runs until the handle is dropped. Readers of `global` are
/// never blocked by it: they read published snapshots.
pub fn watch<C: Settings + Clone>(
    global: &'static Global<C>,
    source: &Etcd,
    on_reload: impl Fn(Result<Changes, Problems>) + Send + 'static,
) -> Result<WatchHandle, SourceError> {
    let background = source.background()?;
    let (signal, signals) = mpsc::channel::<()>();
    let reload = thread::Builder::new()
        .name("config-etcd-reload".to_owned())
        .spawn(move || {
            // Ends when the watch task ends, which drops the sender.
            while signals.recv().is_ok() {
                while signals.try_recv().is_ok() {}
                on_reload(global.reload());
            }
        })
        .map_err(|e| source.shared.error(format!("cannot start the reload thread: {e}")))?;
    let state = Arc::new(WatchState::default());
    let task = background.spawn(run(Arc::clone(&source.shared), Arc::clone(&state), signal));
    Ok(WatchHandle { source: source.clone(), task, state, reload_id: reload.thread().id(), reload: Some(reload) })
}

/// A running watch; dropping it stops the watch.
pub struct WatchHandle {
    source: Etcd,
    task: AbortHandle,
    state: Arc<WatchState>,
    reload: Option<JoinHandle<()>>,
    reload_id: ThreadId,
}

impl std::fmt::Debug for WatchHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchHandle").field("source", &self.source).field("status", &self.status()).finish()
    }
}

/// How a watch is doing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Status {
    /// Whether the watch is established now.
    pub connected: bool,
    /// The store's revision the local snapshot is complete up to.
    pub revision: i64,
    /// How many times the watch was established again after losing etcd.
    pub reconnects: u64,
    /// How many times every key was read afresh: at start when no read
    /// came before, and after a compaction removed the revision to resume
    /// from.
    pub full_reads: u64,
    /// Why the watch last stopped, if it ever did.
    pub last_error: Option<String>,
    /// Since when the watch has been lost, if it is.
    pub lost_since: Option<Instant>,
}

impl WatchHandle {
    /// How the watch is doing.
    pub fn status(&self) -> Status {
        let mut status = lock(&self.state.inner).status.clone();
        status.revision = self.source.shared.revision();
        status
    }
}

impl Drop for WatchHandle {
    fn drop(&mut self) {
        self.state.stop(&self.source.shared);
        // Dropping the task drops the reload signal's sender, which ends
        // the reload thread after the reload it may be doing.
        self.task.abort();
        if thread::current().id() != self.reload_id
            && let Some(reload) = self.reload.take()
        {
            let _ = reload.join();
        }
    }
}

/// What the watch's task and its handle share.
#[derive(Default)]
struct WatchState {
    inner: Mutex<StateInner>,
}

#[derive(Default)]
struct StateInner {
    status: Status,
    /// Whether this watch is counted among the source's running watches.
    counted: bool,
    stopped: bool,
}

impl WatchState {
    /// The watch is established: reads now come from its snapshot.
    fn established(&self, shared: &Shared, after_loss: bool) {
        let mut inner = lock(&self.inner);
        if inner.stopped {
            return;
        }
        if !inner.counted {
            shared.count_watch(true);
            inner.counted = true;
        }
        inner.status.connected = true;
        inner.status.lost_since = None;
        if after_loss {
            inner.status.reconnects += 1;
        }
    }

    fn lost(&self, error: &str) {
        let mut inner = lock(&self.inner);
        inner.status.connected = false;
        inner.status.last_error = Some(error.to_owned());
        inner.status.lost_since.get_or_insert_with(Instant::now);
    }

    fn full_read(&self) {
        lock(&self.inner).status.full_reads += 1;
    }

    fn stop(&self, shared: &Shared) {
        let mut inner = lock(&self.inner);
        inner.stopped = true;
        if std::mem::take(&mut inner.counted) {
            shared.count_watch(false);
        }
    }
}

/// Watches until aborted, establishing the watch again after each loss.
async fn run(shared: Arc<Shared>, state: Arc<WatchState>, reload: mpsc::Sender<()>) {
    let mut backoff = Backoff::new(shared.options.backoff);
    let mut after_loss = false;
    loop {
        let error = session(&shared, &state, &reload, &mut backoff, after_loss).await;
        // The reason may hold the server's words: printed escaped.
        let error = escape::terminal(&error).into_owned();
        shared.forget_client();
        state.lost(&error);
        let delay = backoff.next_delay();
        log::warn!(
            "{}: the watch of {:?} stopped ({error}); the last configuration read stays in use; trying again in \
             {delay:?}",
            shared.store,
            shared.options.prefix,
        );
        after_loss = true;
        tokio::time::sleep(delay).await;
    }
}

/// One connection's watch: returns why it ended. A compaction past the
/// revision to resume from reads every key afresh and watches on.
async fn session(
    shared: &Shared,
    state: &WatchState,
    reload: &mpsc::Sender<()>,
    backoff: &mut Backoff,
    after_loss: bool,
) -> String {
    let mut full_read = shared.revision() == 0;
    let mut just_read = false;
    loop {
        if full_read && just_read {
            // Never two in a row without a pause: the backoff comes first.
            return "etcd needs every key read afresh again right after a full read".to_owned();
        }
        if full_read {
            match shared.fetch().await {
                Ok(snapshot) => shared.replace(snapshot),
                Err(error) => return error,
            }
            state.full_read();
            let _ = reload.send(());
        }
        just_read = std::mem::take(&mut full_read);
        let start = shared.revision() + 1;
        let mut stream = match within(shared.options.timeout, async {
            let mut client = shared.client().await?;
            let options = WatchOptions::new().with_prefix().with_start_revision(start);
            client.watch(shared.options.prefix.as_bytes(), Some(options)).await.map_err(describe)
        })
        .await
        {
            Ok(stream) => stream,
            Err(error) => return error,
        };
        loop {
            let response = match stream.message().await {
                Ok(Some(response)) => response,
                Ok(None) => return "etcd closed the watch".to_owned(),
                Err(error) => return describe(error),
            };
            if response.compact_revision() > 0 {
                log::info!(
                    "{}: revision {start} was compacted (etcd keeps revisions from {}): reading every key afresh",
                    shared.store,
                    response.compact_revision()
                );
                full_read = true;
                break;
            }
            if response.canceled() {
                return match response.cancel_reason() {
                    "" => "etcd canceled the watch".to_owned(),
                    reason => format!("etcd canceled the watch: {reason}"),
                };
            }
            let behind = response.header().is_some_and(|h| h.revision() < start - 1);
            if response.created() && behind {
                // A store behind what was seen (restored from a backup, or
                // a new cluster) would give no event until it caught up.
                log::warn!("{}: etcd is at an earlier revision than seen: reading every key afresh", shared.store);
                full_read = true;
                break;
            }
            if response.created() {
                state.established(shared, after_loss);
                backoff.reset();
                if after_loss {
                    log::info!("{}: watching {:?} again from revision {start}", shared.store, shared.options.prefix);
                }
            }
            if shared.apply(response.events()) && reload.send(()).is_err() {
                return "the watch was stopped".to_owned();
            }
        }
    }
}

/// Exponential backoff with jitter (so that a fleet that lost etcd at once
/// does not come back at once), bounded.
struct Backoff {
    first: Duration,
    max: Duration,
    next: Duration,
}

impl Backoff {
    fn new((first, max): (Duration, Duration)) -> Self {
        Backoff { first, max, next: first }
    }

    /// A delay between half and all of the current step; the step doubles.
    fn next_delay(&mut self) -> Duration {
        let step = self.next;
        self.next = (step * 2).min(self.max);
        let half = step / 2;
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX).max(1);
        half + Duration::from_nanos(RandomState::new().hash_one(Instant::now()) % nanos)
    }

    fn reset(&mut self) {
        self.next = self.first;
    }
}

#[cfg(test)]
mod tests {
    use super::Backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_up_to_its_bound_and_starts_over() {
        let (first, max) = (Duration::from_millis(100), Duration::from_millis(700));
        let mut backoff = Backoff::new((first, max));
        let delays: Vec<Duration> = (0..6).map(|_| backoff.next_delay()).collect();
        for (delay, step) in delays.iter().zip([100, 200, 400, 700, 700, 700]) {
            let step = Duration::from_millis(step);
            assert!(*delay >= step / 2 && *delay <= step, "{delay:?} for a step of {step:?}");
        }
        backoff.reset();
        assert!(backoff.next_delay() <= first);
    }
}
