//! [`Etcd`]: the keys under a prefix of an etcd cluster, as a
//! [`Provider`] of rank [`Rank::Store`].

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use config_core::{Layer, Provider, Rank, SourceError, escape};
use etcd_client::{Client, ConnectOptions, Event, EventType, GetOptions, KeyValue};

use crate::background::Background;
use crate::layer::{Entry, EtcdLayer, Snapshot};

/// The keys under a prefix of an etcd cluster, as a source of settings.
///
/// A key names a setting by its full name with `/` for `.`: under the
/// prefix `/apps/mysvc/`, the key `/apps/mysvc/database/pool_size` sets
/// `database.pool_size`. Values are text, parsed by each setting's own
/// parser exactly as an environment variable's value is, and each value
/// keeps its key and the revision of its last change as its
/// [`Origin::Store`](config_core::Origin::Store).
///
/// Its rank is [`Rank::Store`]: above configuration files (the fleet's
/// shared values override the files shipped with the program) and below
/// `.env`, the environment and the command line (one instance can still be
/// overridden where it runs, to debug it or to try a value).
///
/// Each [`read`](Provider::read) gives a consistent snapshot (one revision)
/// of the keys. While a [`watch`](crate::watch()) of this source runs, the
/// snapshot comes from the watch's local copy and never from the network;
/// otherwise it is one range read, bounded by the [`timeout`](Self::timeout).
/// Clones share that copy: give the builder a clone and the watch the
/// original.
///
/// ```no_run
/// use config_core::{Global, Settings};
/// use config_etcd::Etcd;
/// # #[derive(Clone, Settings)] pub struct App { #[setting(default = 1)] pub workers: u32 }
///
/// static APP: Global<App> = Global::new();
///
/// let etcd = Etcd::new("http://127.0.0.1:2379", "/apps/mysvc/");
/// APP.init(App::builder().optional_file("app.toml").provider(etcd.clone()).env()).unwrap();
/// let _watch = config_etcd::watch(&APP, &etcd, |outcome| match outcome {
///     Ok(changes) => println!("etcd: {changes}"),
///     Err(problems) => eprintln!("etcd: kept the last good configuration: {problems}"),
/// })
/// .unwrap();
/// ```
#[derive(Clone)]
pub struct Etcd {
    pub(crate) shared: Arc<Shared>,
    background: Arc<OnceLock<Result<Background, String>>>,
}

/// What the source's clones, its watches and their tasks share.
pub(crate) struct Shared {
    pub(crate) options: Options,
    /// `etcd http://127.0.0.1:2379`.
    pub(crate) store: Arc<str>,
    cache: Mutex<Cache>,
    client: Mutex<Option<Client>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) endpoints: Vec<String>,
    pub(crate) prefix: Arc<str>,
    pub(crate) timeout: Duration,
    pub(crate) backoff: (Duration, Duration),
    pub(crate) keep_alive: Duration,
}

/// The latest snapshot, and how many running watches keep it current.
#[derive(Default)]
struct Cache {
    snapshot: Arc<Snapshot>,
    watches: usize,
}

impl fmt::Debug for Etcd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Etcd")
            .field("endpoints", &self.shared.options.endpoints)
            .field("prefix", &self.shared.options.prefix)
            .field("timeout", &self.shared.options.timeout)
            .finish_non_exhaustive()
    }
}

impl Etcd {
    /// The keys under `prefix` (a `/` is added if it does not end with
    /// one) at `endpoint` (`http://127.0.0.1:2379`).
    pub fn new(endpoint: impl Into<String>, prefix: impl Into<String>) -> Self {
        let mut prefix = prefix.into();
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        Self::with_options(Options {
            endpoints: vec![endpoint.into()],
            prefix: prefix.into(),
            timeout: Duration::from_secs(2),
            backoff: (Duration::from_millis(100), Duration::from_secs(5)),
            keep_alive: Duration::from_secs(5),
        })
    }

    fn with_options(options: Options) -> Self {
        let store = format!("etcd {}", options.endpoints.join(",")).into();
        let shared = Shared { options, store, cache: Mutex::default(), client: Mutex::default() };
        Etcd { shared: Arc::new(shared), background: Arc::default() }
    }

    /// A new source like this one with changed options (it shares nothing
    /// with this one).
    fn change(&self, change: impl FnOnce(&mut Options)) -> Self {
        let mut options = self.shared.options.clone();
        change(&mut options);
        Self::with_options(options)
    }

    /// Another member of the cluster to use when one cannot be reached.
    pub fn endpoint(self, endpoint: impl Into<String>) -> Self {
        self.change(|o| o.endpoints.push(endpoint.into()))
    }

    /// The longest a read, a connection or the start of a watch may take
    /// (2 s by default); a read that takes longer fails.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.change(|o| o.timeout = timeout)
    }

    /// How long a watch that lost etcd waits before it tries again: `first`
    /// after the first failure, doubling (with jitter) up to `max` (by
    /// default 100 ms and 5 s).
    pub fn backoff(self, first: Duration, max: Duration) -> Self {
        self.change(|o| o.backoff = (first.min(max), max))
    }

    /// How often a watch pings etcd when it hears nothing (5 s by default):
    /// a silent etcd is noticed within this and the timeout.
    pub fn keep_alive(self, interval: Duration) -> Self {
        self.change(|o| o.keep_alive = interval)
    }

    /// The prefix, ending with `/`.
    pub fn prefix(&self) -> &str {
        &self.shared.options.prefix
    }

    /// `etcd <endpoints>`, as origins and errors name the store.
    pub fn store(&self) -> &str {
        &self.shared.store
    }

    /// The source's runtime, started on first use.
    pub(crate) fn background(&self) -> Result<&Background, SourceError> {
        let started = self.background.get_or_init(|| Background::start().map_err(|e| e.to_string()));
        started.as_ref().map_err(|e| self.shared.error(format!("cannot start the etcd client's thread: {e}")))
    }

    /// Reads every key under the prefix, waiting at most the timeout.
    fn fetch_blocking(&self) -> Result<Arc<Snapshot>, SourceError> {
        let shared = Arc::clone(&self.shared);
        let limit = self.shared.options.timeout;
        // The task bounds itself; the margin only covers a stalled runtime.
        let outcome = self.background()?.run(limit + Duration::from_millis(500), async move { shared.fetch().await });
        let error = match outcome {
            Some(Ok(snapshot)) => return Ok(self.shared.offer(snapshot)),
            Some(Err(error)) => self.shared.error(error),
            None => self.shared.error(format!("no answer within {limit:?}")),
        };
        // Logged here too: a load that goes on without an optional source
        // does not log what it skipped.
        log::warn!("{error}");
        Err(error)
    }
}

impl Provider for Etcd {
    fn rank(&self) -> Rank {
        Rank::Store
    }

    /// `etcd http://127.0.0.1:2379 /apps/mysvc/`
    fn describe(&self) -> String {
        format!("{} {}", self.shared.store, escape::terminal(&self.shared.options.prefix))
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        let snapshot = match self.shared.watched_snapshot() {
            Some(snapshot) => snapshot,
            None => self.fetch_blocking()?,
        };
        Ok(Arc::new(EtcdLayer {
            store: Arc::clone(&self.shared.store),
            prefix: Arc::clone(&self.shared.options.prefix),
            snapshot,
        }))
    }
}

impl Shared {
    /// An error of this store, naming its endpoints and the prefix.
    pub(crate) fn error(&self, message: impl fmt::Display) -> SourceError {
        let message = format!("cannot read the keys under {:?}: {message}", self.options.prefix);
        SourceError::new(self.store.to_string(), escape::terminal(&message))
    }

    /// A client, made on first use and kept until a request fails. (It
    /// connects lazily: the first request waits for the connection, and
    /// its caller bounds the wait.)
    pub(crate) async fn client(&self) -> Result<Client, String> {
        if let Some(client) = lock(&self.client).clone() {
            return Ok(client);
        }
        let options = ConnectOptions::new()
            .with_connect_timeout(self.options.timeout)
            .with_keep_alive(self.options.keep_alive, self.options.timeout)
            .with_keep_alive_while_idle(true);
        let client = Client::connect(&self.options.endpoints, Some(options)).await.map_err(describe)?;
        *lock(&self.client) = Some(client.clone());
        Ok(client)
    }

    /// Forgets the client after a failure, so that the next request
    /// connects afresh.
    pub(crate) fn forget_client(&self) {
        *lock(&self.client) = None;
    }

    /// One range read of every key under the prefix, at one revision,
    /// bounded by the timeout.
    pub(crate) async fn fetch(&self) -> Result<Snapshot, String> {
        let range = async {
            let mut client = self.client().await?;
            let options = GetOptions::new().with_prefix();
            client.get(self.options.prefix.as_bytes(), Some(options)).await.map_err(describe)
        };
        let response = within(self.options.timeout, range).await.inspect_err(|_| self.forget_client())?;
        let revision = response.header().map_or(0, |h| h.revision());
        let entries = response
            .kvs()
            .iter()
            .map(|kv| (kv.key().to_vec(), Entry { value: kv.value().to_vec(), mod_revision: kv.mod_revision() }))
            .collect();
        Ok(Snapshot { revision, entries })
    }

    /// Makes `snapshot` the latest unless a later one is already there
    /// (a read and the watch may race); returns it.
    pub(crate) fn offer(&self, snapshot: Snapshot) -> Arc<Snapshot> {
        let snapshot = Arc::new(snapshot);
        let mut cache = lock(&self.cache);
        if snapshot.revision >= cache.snapshot.revision {
            cache.snapshot = Arc::clone(&snapshot);
        }
        snapshot
    }

    /// Makes `snapshot`, read by the watch, the latest: whatever its
    /// revision, for a store can go back (restored from a backup).
    pub(crate) fn replace(&self, snapshot: Snapshot) {
        lock(&self.cache).snapshot = Arc::new(snapshot);
    }

    /// Applies one watch response's events (never split across responses:
    /// a transaction's changes arrive together). Events the snapshot
    /// already holds are skipped. Returns whether anything changed.
    pub(crate) fn apply(&self, events: &[Event]) -> bool {
        let mut cache = lock(&self.cache);
        let base = cache.snapshot.revision;
        let fresh: Vec<(EventType, &KeyValue)> = events
            .iter()
            .filter_map(|event| Some((event.event_type(), event.kv()?)))
            .filter(|(_, kv)| kv.mod_revision() > base)
            .collect();
        if fresh.is_empty() {
            return false;
        }
        // Copies the map only while a published layer still holds it.
        let snapshot = Arc::make_mut(&mut cache.snapshot);
        for (kind, kv) in fresh {
            match kind {
                EventType::Put => {
                    let entry = Entry { value: kv.value().to_vec(), mod_revision: kv.mod_revision() };
                    snapshot.entries.insert(kv.key().to_vec(), entry);
                }
                EventType::Delete => drop(snapshot.entries.remove(kv.key())),
            }
            snapshot.revision = snapshot.revision.max(kv.mod_revision());
        }
        true
    }

    /// The revision the latest snapshot is complete up to (0: none).
    pub(crate) fn revision(&self) -> i64 {
        lock(&self.cache).snapshot.revision
    }

    /// The latest snapshot, if a running watch keeps it current.
    fn watched_snapshot(&self) -> Option<Arc<Snapshot>> {
        let cache = lock(&self.cache);
        (cache.watches > 0).then(|| Arc::clone(&cache.snapshot))
    }

    /// Counts a watch in (`true`) or out: while one runs, reads come from
    /// the snapshot it keeps.
    pub(crate) fn count_watch(&self, running: bool) {
        let mut cache = lock(&self.cache);
        if running {
            cache.watches += 1;
        } else {
            cache.watches = cache.watches.saturating_sub(1);
        }
    }
}

/// `request`'s outcome, or an error when it takes longer than `limit`.
pub(crate) async fn within<T>(limit: Duration, request: impl Future<Output = Result<T, String>>) -> Result<T, String> {
    tokio::time::timeout(limit, request).await.unwrap_or_else(|_| Err(format!("no answer within {limit:?}")))
}

/// An error of the client in a line: for a gRPC status, its code, message
/// and root cause (`Unavailable: tcp connect error (Connection refused)`),
/// without the status's metadata.
pub(crate) fn describe(error: etcd_client::Error) -> String {
    let etcd_client::Error::GRpcStatus(status) = &error else { return error.to_string() };
    let mut text = format!("{:?}: {}", status.code(), status.message());
    let mut cause = std::error::Error::source(status);
    let mut root = None;
    while let Some(error) = cause {
        root = Some(error);
        cause = error.source();
    }
    if let Some(root) = root.map(ToString::to_string).filter(|root| !text.contains(root.as_str())) {
        text.push_str(&format!(" ({root})"));
    }
    text
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every critical section leaves the data whole.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
