//! etcd as a source, against a real etcd server (no mock): the first load,
//! precedence and provenance, unknown keys, an unreachable store, and a
//! running `Global` kept in step by a watch through bad values, bursts,
//! frozen settings, a crash and restart of etcd, and a compaction.

mod support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use config_core::{Changes, Global, Origin, Outcome, Problems, Settings, Unknown, Warning};
use config_etcd::{Etcd, WatchHandle};
use support::{EtcdServer, Writer};

/// A service run as a fleet.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "FLEET_")]
pub struct Fleet {
    /// Worker threads.
    #[setting(default = 4, range = 1..=64)]
    pub workers: u32,
    /// Shards, fixed at start.
    #[setting(default = 1, frozen)]
    pub shards: u32,
    /// A generation number, always written together with `label`.
    #[setting(default = 0)]
    pub generation: u64,
    /// Always `gen-<generation>`.
    #[setting(default = "gen-0")]
    pub label: String,
    /// The database.
    #[setting(nested)]
    pub database: Database,
}

/// A database connection pool.
#[derive(Clone, Debug, Settings)]
pub struct Database {
    /// Its URL.
    #[setting(default = "postgres://localhost/app")]
    pub url: String,
    /// Connections kept open.
    #[setting(default = 10, range = 1..=256)]
    pub pool_size: u32,
    /// Its password.
    #[setting(secret, validate = password_shape)]
    pub password: Option<String>,
}

fn password_shape(password: &str) -> Result<(), String> {
    if password.starts_with("pw_") { Ok(()) } else { Err("a password starts with pw_".to_owned()) }
}

const SECRET: &str = "hunter2-s3cr3t";

/// Waits until `done`, at most `limit`; whether it happened.
fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    done()
}

/// A watch whose outcomes arrive on a channel.
fn watch_into(global: &'static Global<Fleet>, etcd: &Etcd) -> (WatchHandle, mpsc::Receiver<Result<Changes, Problems>>) {
    let (sender, receiver) = mpsc::channel();
    let handle = config_etcd::watch(global, etcd, move |outcome| drop(sender.send(outcome))).unwrap();
    (handle, receiver)
}

#[test]
fn etcd_sits_between_files_and_the_environment_and_says_which_key_and_revision() {
    let server = EtcdServer::start("precedence");
    let mut writer = Writer::connect(&server.endpoint());
    let workers_revision = writer.put("/apps/precedence/workers", "8");
    writer.put("/apps/precedence/database/pool_size", "20");
    let dir = std::env::temp_dir().join(format!("config-etcd-precedence-{}.toml", std::process::id()));
    std::fs::write(&dir, "workers = 2\n[database]\nurl = \"postgres://file/app\"\npool_size = 15\n").unwrap();
    let etcd = Etcd::new(server.endpoint(), "/apps/precedence");
    let config =
        Fleet::builder().source([("FLEET_DATABASE_POOL_SIZE", "30")]).provider(etcd.clone()).file(&dir).load().unwrap();
    std::fs::remove_file(&dir).unwrap();

    assert_eq!(config.workers, 8, "etcd overrides a file");
    assert_eq!(config.database.pool_size, 30, "the environment overrides etcd");
    assert_eq!(config.database.url, "postgres://file/app", "a key etcd lacks comes from below");
    let store = format!("etcd {}", server.endpoint());
    assert_eq!(
        config.origin("workers").unwrap(),
        Origin::Store {
            store: store.as_str().into(),
            key: "/apps/precedence/workers".into(),
            revision: workers_revision
        }
    );

    let explanation = config.explain("database.pool_size").unwrap();
    let sources: Vec<(&str, &Outcome)> = explanation.steps.iter().map(|s| (s.source.as_str(), &s.outcome)).collect();
    let etcd_name = format!("{store} /apps/precedence/");
    assert_eq!(
        sources,
        [
            ("environment", &Outcome::Used),
            (etcd_name.as_str(), &Outcome::Overridden),
            (format!("file {}", dir.display()).as_str(), &Outcome::Overridden),
            ("default", &Outcome::Overridden),
        ]
    );
    let text = explanation.to_string();
    assert!(
        text.contains(&format!("overridden    key /apps/precedence/database/pool_size of {store} (revision")),
        "{text}"
    );
    assert!(
        text.contains("why: the environment takes precedence over the configuration store, a configuration file"),
        "{text}"
    );
}

#[test]
fn unknown_keys_under_the_prefix_are_warnings_with_a_suggestion_or_errors_if_asked() {
    let server = EtcdServer::start("unknown");
    let mut writer = Writer::connect(&server.endpoint());
    let typo = writer.put("/apps/unknown/database/pool_sise", "20");
    writer.put("/apps/unknown/database.url", "postgres://dotted");
    writer.put("/apps/unknown/workers", "3");
    writer.put("/apps/unknownish/workers", "1"); // another prefix: not ours
    let etcd = Etcd::new(server.endpoint(), "/apps/unknown/");
    let config = Fleet::builder().provider(etcd.clone()).load().unwrap();
    assert_eq!(config.workers, 3);
    assert_eq!(config.database.url, "postgres://localhost/app", "a dotted key is no setting's");
    let unknown: Vec<(String, Option<&str>)> = config
        .warnings()
        .iter()
        .filter_map(|w| match w {
            Warning::UnknownKey { key, suggestion, .. } => Some((key.clone(), *suggestion)),
            _ => None,
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("/apps/unknown/database.url".to_owned(), Some("database.url")),
            ("/apps/unknown/database/pool_sise".to_owned(), Some("database.pool_size")),
        ]
    );
    let text = config.warnings().iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(
        text.contains(&format!(
            "etcd {}, revision {typo}: `/apps/unknown/database/pool_sise` does not name a setting; did you mean \
             `database.pool_size`?",
            server.endpoint()
        )),
        "{text}"
    );

    let problems = Fleet::builder().provider(etcd).unknown_names(Unknown::Error).load().unwrap_err();
    assert_eq!(problems.unknown().len(), 2, "{problems}");
}

#[test]
fn an_unreachable_etcd_fails_the_load_naming_it_or_is_skipped_when_optional() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let etcd = Etcd::new(&endpoint, "/apps/down/").timeout(Duration::from_millis(300));

    let started = Instant::now();
    let problems = Fleet::builder().provider(etcd.clone()).source([("FLEET_WORKERS", "6")]).load().unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "bounded by the timeout: {:?}", started.elapsed());
    let text = problems.to_string();
    assert_eq!(problems.sources().len(), 1, "{text}");
    assert_eq!(problems.sources()[0].place, format!("etcd {endpoint}"));
    assert!(
        text.starts_with(&format!("etcd {endpoint}: cannot read the keys under \"/apps/down/\": Unavailable")),
        "{text}"
    );

    // A server that takes the connection and never answers: the timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_endpoint = format!("http://{}", silent.local_addr().unwrap());
    let started = Instant::now();
    let problems = Fleet::builder()
        .provider(Etcd::new(&silent_endpoint, "/apps/down/").timeout(Duration::from_millis(300)))
        .load()
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "bounded by the timeout: {:?}", started.elapsed());
    assert_eq!(
        problems.to_string(),
        format!("etcd {silent_endpoint}: cannot read the keys under \"/apps/down/\": no answer within 300ms")
    );

    // The report says what was skipped. (`Loaded::warnings` does not list
    // skipped sources: config-core adds them to the report only.)
    let report = Fleet::builder().optional_provider(etcd).source([("FLEET_WORKERS", "6")]).load_report();
    match report.warnings.as_slice() {
        [Warning::SourceSkipped(error)] => assert_eq!(error.place, format!("etcd {endpoint}")),
        other => panic!("{other:?}"),
    }
    let config = report.into_result().unwrap();
    assert_eq!(config.workers, 6, "the other layers are used");
}

#[test]
fn a_put_reaches_a_running_global_quickly_and_an_invalid_one_keeps_the_last_good_configuration() {
    static FLEET: Global<Fleet> = Global::new();
    let server = EtcdServer::start("live");
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/live/workers", "8");
    let etcd = Etcd::new(server.endpoint(), "/apps/live/");
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    assert_eq!(FLEET.get().workers, 8);
    let (watch, outcomes) = watch_into(&FLEET, &etcd);
    assert!(eventually(Duration::from_secs(5), || watch.status().connected), "{:?}", watch.status());

    let changes = FLEET.subscribe(&["workers"]).unwrap();
    let put_at = Instant::now();
    let revision = writer.put("/apps/live/workers", "12");
    let changed = changes.recv_timeout(Duration::from_secs(2));
    let took = put_at.elapsed();
    assert!(changed.is_some() && took < Duration::from_secs(2), "not seen within 2 s");
    eprintln!("put to visible: {took:?}");
    assert_eq!(FLEET.get().workers, 12);
    assert!(matches!(FLEET.origin("workers").unwrap(), Origin::Store { revision: r, .. } if r == revision));
    assert!(outcomes.recv_timeout(Duration::from_secs(2)).unwrap().is_ok());

    // An invalid value: the whole configuration stays as it was, and the
    // problem names the key, its revision and the value.
    let bad = writer.put_all(&[("/apps/live/workers", "0"), ("/apps/live/database/pool_size", "40")]);
    let problems = outcomes.recv_timeout(Duration::from_secs(2)).unwrap().unwrap_err();
    assert_eq!(
        problems.to_string(),
        format!(
            "key /apps/live/workers of etcd {} (revision {bad}): \"0\": invalid value for setting `workers`: must be \
             between 1 and 64; expected a whole number, between 1 and 64",
            server.endpoint()
        )
    );
    assert_eq!((FLEET.get().workers, FLEET.get().database.pool_size), (12, 10), "nothing of it is applied");

    writer.put("/apps/live/workers", "16");
    let outcome = outcomes.recv_timeout(Duration::from_secs(2)).unwrap().unwrap();
    assert_eq!(outcome.names(), ["workers", "database.pool_size"]);
    assert_eq!((FLEET.get().workers, FLEET.get().database.pool_size), (16, 40));

    // A deleted key gives the setting back to the layers below.
    writer.delete("/apps/live/database/pool_size");
    assert_eq!(outcomes.recv_timeout(Duration::from_secs(2)).unwrap().unwrap().names(), ["database.pool_size"]);
    assert_eq!(FLEET.get().database.pool_size, 10);
    assert_eq!(FLEET.origin("database.pool_size").unwrap(), Origin::Default);
}

#[test]
fn a_frozen_setting_once_read_keeps_its_value_and_the_reload_says_where_it_was_read() {
    static FLEET: Global<Fleet> = Global::new();
    let server = EtcdServer::start("frozen");
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/frozen/shards", "2");
    let etcd = Etcd::new(server.endpoint(), "/apps/frozen/");
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    let line = line!() + 1;
    let shards = FLEET.read(|c| &c.shards);
    assert_eq!(shards, 2);
    let (_watch, outcomes) = watch_into(&FLEET, &etcd);

    writer.put_all(&[("/apps/frozen/shards", "3"), ("/apps/frozen/workers", "5")]);
    let changes = outcomes.recv_timeout(Duration::from_secs(2)).unwrap().unwrap();
    assert_eq!(changes.names(), ["workers"]);
    assert_eq!(changes.refused.len(), 1, "{changes}");
    assert_eq!(changes.refused[0].setting, "shards");
    assert_eq!((changes.refused[0].read_at.file(), changes.refused[0].read_at.line()), (file!(), line));
    assert_eq!((FLEET.get().shards, FLEET.get().workers), (2, 5));
}

#[test]
fn a_burst_of_transactions_ends_at_the_last_values_and_no_reader_sees_half_of_one() {
    static FLEET: Global<Fleet> = Global::new();
    let server = EtcdServer::start("burst");
    let mut writer = Writer::connect(&server.endpoint());
    let etcd = Etcd::new(server.endpoint(), "/apps/burst/");
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    let reloads = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&reloads);
    let watch = config_etcd::watch(&FLEET, &etcd, move |outcome| {
        assert!(outcome.is_ok(), "{outcome:?}");
        counted.fetch_add(1, Ordering::SeqCst);
    })
    .unwrap();
    assert!(eventually(Duration::from_secs(5), || watch.status().connected));

    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let (mut reader, mut reads, mut torn, mut backwards, mut last) = (FLEET.reader(), 0u64, 0u64, 0u64, 0);
                while !stop.load(Ordering::Relaxed) {
                    let config = reader.get();
                    torn += u64::from(config.label != format!("gen-{}", config.generation));
                    backwards += u64::from(config.generation < last);
                    last = config.generation;
                    reads += 1;
                }
                (reads, torn, backwards)
            })
        })
        .collect();

    let mut last_revision = 0;
    for generation in 1..=100 {
        let label = format!("gen-{generation}");
        last_revision =
            writer.put_all(&[("/apps/burst/generation", &generation.to_string()), ("/apps/burst/label", &label)]);
    }
    let arrived = eventually(Duration::from_secs(5), || FLEET.get().generation == 100);
    stop.store(true, Ordering::Relaxed);
    let results: Vec<(u64, u64, u64)> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    assert!(arrived, "generation {}", FLEET.get().generation);
    assert_eq!(FLEET.get().label, "gen-100");
    assert!(matches!(FLEET.origin("label").unwrap(), Origin::Store { revision, .. } if revision == last_revision));
    for (reads, torn, backwards) in &results {
        assert!(*reads > 0);
        assert_eq!((*torn, *backwards), (0, 0), "{reads} reads");
    }
    let reloads = reloads.load(Ordering::SeqCst);
    assert!((1..=100).contains(&reloads), "{reloads} reloads");
    eprintln!(
        "100 transactions, {reloads} reloads, reads per reader: {:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
}

#[test]
fn etcd_killed_and_restarted_while_watched_loses_no_change() {
    static FLEET: Global<Fleet> = Global::new();
    let mut server = EtcdServer::start("restart");
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/restart/workers", "5");
    writer.put("/apps/restart/database/pool_size", "20");
    // A long first backoff, so that the changes below are certainly made
    // before the watch comes back (the test checks that it had not).
    let etcd = Etcd::new(server.endpoint(), "/apps/restart/")
        .timeout(Duration::from_millis(500))
        .backoff(Duration::from_secs(6), Duration::from_secs(6));
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    let (watch, outcomes) = watch_into(&FLEET, &etcd);
    assert!(eventually(Duration::from_secs(5), || watch.status().connected));

    server.kill();
    assert!(eventually(Duration::from_secs(5), || !watch.status().connected), "{:?}", watch.status());
    // The last good configuration is served, and read without waiting:
    // readers never touch the network, and a reload reads the snapshot.
    let started = Instant::now();
    for _ in 0..1000 {
        assert_eq!(FLEET.get().workers, 5);
    }
    assert!(started.elapsed() < Duration::from_millis(100), "{:?}", started.elapsed());
    let started = Instant::now();
    assert!(FLEET.reload().is_ok());
    assert!(started.elapsed() < Duration::from_millis(100), "{:?}", started.elapsed());

    server.restart();
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/restart/workers", "7");
    writer.put_all(&[("/apps/restart/generation", "1"), ("/apps/restart/label", "gen-1")]);
    writer.delete("/apps/restart/database/pool_size");
    let status = watch.status();
    assert!(!status.connected && status.reconnects == 0, "the watch came back before the changes: {status:?}");

    let arrived = eventually(Duration::from_secs(15), || {
        let config = FLEET.get();
        config.workers == 7 && config.generation == 1 && config.database.pool_size == 10
    });
    assert!(arrived, "{:?} {:?}", FLEET.get().values(), watch.status());
    let status = watch.status();
    assert!(status.connected && status.reconnects == 1, "{status:?}");
    assert_eq!(status.full_reads, 0, "resumed from the revision after the last one seen, not read afresh");
    while let Ok(outcome) = outcomes.try_recv() {
        assert!(outcome.is_ok(), "{outcome:?}");
    }
}

#[test]
fn a_compaction_past_the_revision_to_resume_from_reads_every_key_afresh() {
    static FLEET: Global<Fleet> = Global::new();
    let mut server = EtcdServer::start("compaction");
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/compaction/workers", "5");
    let etcd = Etcd::new(server.endpoint(), "/apps/compaction/")
        .timeout(Duration::from_millis(500))
        .backoff(Duration::from_secs(6), Duration::from_secs(6));
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    let (watch, _outcomes) = watch_into(&FLEET, &etcd);
    assert!(eventually(Duration::from_secs(5), || watch.status().connected));
    let seen = watch.status().revision;

    server.kill();
    assert!(eventually(Duration::from_secs(5), || !watch.status().connected));
    server.restart();
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/compaction/workers", "9");
    writer.put("/apps/compaction/database/pool_size", "30");
    let last = writer.put("/apps/other/key", "x");
    writer.compact(last);
    assert!(last > seen + 1);
    assert!(!watch.status().connected, "the watch came back before the compaction: {:?}", watch.status());

    let arrived = eventually(Duration::from_secs(15), || {
        let config = FLEET.get();
        config.workers == 9 && config.database.pool_size == 30
    });
    assert!(arrived, "{:?} {:?}", FLEET.get().values(), watch.status());
    let status = watch.status();
    assert_eq!(status.full_reads, 1, "{status:?}");
    assert!(status.connected && status.revision >= last, "{status:?}");
}

#[test]
fn a_store_at_an_earlier_revision_than_seen_is_read_afresh() {
    static FLEET: Global<Fleet> = Global::new();
    let mut server = EtcdServer::start("rewound");
    let mut writer = Writer::connect(&server.endpoint());
    for workers in 1..=20 {
        writer.put("/apps/rewound/workers", workers.to_string());
    }
    let etcd = Etcd::new(server.endpoint(), "/apps/rewound/")
        .timeout(Duration::from_millis(500))
        .backoff(Duration::from_millis(100), Duration::from_millis(200));
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    let (watch, _outcomes) = watch_into(&FLEET, &etcd);
    assert!(eventually(Duration::from_secs(5), || watch.status().connected));
    assert_eq!((FLEET.get().workers, watch.status().revision), (20, 21));

    // A new cluster on the same address: its revisions start over, below
    // the one the watch would resume from.
    server.restart_empty();
    let mut writer = Writer::connect(&server.endpoint());
    writer.put("/apps/rewound/database/pool_size", "30");
    let arrived = eventually(Duration::from_secs(10), || FLEET.get().database.pool_size == 30);
    assert!(arrived, "{:?} {:?}", FLEET.get().values(), watch.status());
    assert_eq!(FLEET.get().workers, 4, "a key the new store lacks is gone");
    assert_eq!(watch.status().full_reads, 1);
}

#[test]
fn a_secret_from_etcd_is_redacted_in_errors_explain_and_debug() {
    static FLEET: Global<Fleet> = Global::new();
    let server = EtcdServer::start("secret");
    let mut writer = Writer::connect(&server.endpoint());
    let etcd = Etcd::new(server.endpoint(), "/apps/secret/");

    let revision = writer.put("/apps/secret/database/password", SECRET);
    let problems = Fleet::builder().provider(etcd.clone()).load().unwrap_err();
    assert_eq!(
        problems.to_string(),
        format!(
            "key /apps/secret/database/password of etcd {} (revision {revision}): <redacted>: invalid value for \
             setting `database.password`: a password starts with pw_; expected any text",
            server.endpoint()
        )
    );

    writer.put("/apps/secret/database/password", format!("pw_{SECRET}"));
    FLEET.init(Fleet::builder().provider(etcd.clone())).unwrap();
    assert_eq!(FLEET.get().database.password.as_deref(), Some(format!("pw_{SECRET}").as_str()));
    let explanation = FLEET.explain("database.password").unwrap();
    assert_eq!(explanation.value, "<redacted>");
    assert!(matches!(explanation.steps[0].origin, Origin::Store { .. }) && explanation.steps[0].raw == "<redacted>");
    for text in [explanation.to_string(), format!("{:?}", FLEET.get()), serde_json::to_string(&*FLEET.get()).unwrap()] {
        assert!(!text.contains(SECRET), "{text}");
    }

    // A bad secret arriving through the watch is redacted too.
    let (_watch, outcomes) = watch_into(&FLEET, &etcd);
    writer.put("/apps/secret/database/password", SECRET);
    let problems = outcomes.recv_timeout(Duration::from_secs(2)).unwrap().unwrap_err().to_string();
    assert!(!problems.contains(SECRET) && problems.contains("<redacted>"), "{problems}");
    assert_eq!(FLEET.get().database.password.as_deref(), Some(format!("pw_{SECRET}").as_str()));
}
