//! The process-wide instance under many threads: readers always see a
//! whole snapshot that some writer published (or the defaults), nothing
//! deadlocks, and the lazy first load happens exactly once.

use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use config_core::{Global, Settings};

/// Two settings every writer changes together, so that a reader seeing them
/// differ would have seen half of an update.
#[derive(Clone, Settings)]
#[settings(env_prefix = "STRESS_TEST_")]
pub struct Pair {
    /// First of the pair.
    #[setting(default = 1.0, positive)]
    pub left: f64,
    /// Second of the pair.
    #[setting(default = 1.0, positive)]
    pub right: f64,
    /// Names, changed with the pair.
    #[setting(default = ["1"])]
    pub names: Vec<String>,
}

static PAIR: Global<Pair> = Global::new();

#[test]
fn readers_see_whole_snapshots_while_writers_write() {
    const READERS: usize = if cfg!(miri) { 2 } else { 8 };
    const WRITERS: usize = 2;
    // Miri runs the same interleavings far slower: fewer of them.
    const WRITES: usize = if cfg!(miri) { 10 } else { 2_000 };
    let stop = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    let deadline = Instant::now() + Duration::from_secs(20);

    thread::scope(|s| {
        for _ in 0..READERS {
            s.spawn(|| {
                let mut seen = 0;
                while !stop.load(Ordering::Relaxed) {
                    let snapshot = PAIR.get();
                    let (left, right) = (snapshot.left, snapshot.right);
                    assert_eq!(left, right, "a torn update");
                    assert!(left >= 1.0 && left.fract() == 0.0, "a value no writer wrote: {left}");
                    assert_eq!(snapshot.names, [format!("{left}")]);
                    seen += 1;
                }
                reads.fetch_add(seen, Ordering::Relaxed);
            });
        }
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                s.spawn(move || {
                    for i in 0..WRITES {
                        let value = (2 + w + WRITERS * i) as f64;
                        PAIR.update(|p| {
                            p.left = value;
                            p.right = value;
                            p.names = vec![format!("{value}")];
                        })
                        .unwrap();
                        // A rejected change in between publishes nothing.
                        assert!(PAIR.set("left", -1.0).is_err());
                        assert!(Instant::now() < deadline, "writers stalled");
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        stop.store(true, Ordering::Relaxed);
    });

    assert!(reads.load(Ordering::Relaxed) > 0);
    let last = PAIR.get();
    assert_eq!(last.left, last.right);
    assert!(last.left >= (WRITERS * WRITES) as f64);
}

/// Counts the loads: its validator runs once per load of `Counted`.
static LOADS: AtomicUsize = AtomicUsize::new(0);

fn count_load(_: &bool) -> Result<(), String> {
    LOADS.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[derive(Clone, Settings)]
#[settings(env_prefix = "ONCE_TEST_")]
pub struct Counted {
    /// Counted.
    #[setting(default = true, validate = count_load)]
    pub flag: bool,
}

static COUNTED: Global<Counted> = Global::new();

#[test]
fn the_first_load_happens_once_however_many_threads_ask() {
    const THREADS: usize = if cfg!(miri) { 4 } else { 16 };
    let barrier = Barrier::new(THREADS);
    let addresses: Vec<usize> = thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    std::sync::Arc::as_ptr(&COUNTED.get().into_arc()) as usize
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(LOADS.load(Ordering::SeqCst), 1);
    assert!(addresses.iter().all(|&a| a == addresses[0]), "every thread got the same snapshot");
}

/// Two settings a file changes together, for the reloader below.
#[derive(Clone, Settings)]
#[settings(env_prefix = "RELOAD_STRESS_")]
pub struct Bounds {
    /// The low bound.
    #[setting(default = 0)]
    pub low: u64,
    /// The high bound: always `low + 1000`.
    #[setting(default = 1000)]
    pub high: u64,
    /// Changed by the writers alone.
    #[setting(default = 1)]
    pub marker: u64,
}

static BOUNDS: Global<Bounds> = Global::new();

#[test]
fn readers_never_see_a_torn_reload_while_writers_write() {
    const READERS: usize = if cfg!(miri) { 2 } else { 8 };
    const WRITERS: usize = 2;
    const RELOADS: u64 = if cfg!(miri) { 5 } else { 300 };
    let path = std::env::temp_dir().join(format!("config-core-reload-stress-{}.toml", std::process::id()));
    let write = |n: u64| std::fs::write(&path, format!("low = {n}\nhigh = {}\n", n + 1000)).unwrap();
    write(0);
    BOUNDS.init(Bounds::builder().file(&path)).unwrap();
    let stop = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..READERS {
            s.spawn(|| {
                let mut reader = BOUNDS.reader();
                let mut seen = 0;
                while !stop.load(Ordering::Relaxed) {
                    let (low, high) = {
                        let bounds = reader.get();
                        (bounds.low, bounds.high)
                    };
                    assert_eq!(high, low + 1000, "a torn reload");
                    let snapshot = BOUNDS.get();
                    assert_eq!(snapshot.high, snapshot.low + 1000, "a torn reload");
                    seen += 1;
                }
                reads.fetch_add(seen, Ordering::Relaxed);
            });
        }
        for w in 0..WRITERS {
            let stop = &stop;
            s.spawn(move || {
                let mut i = 0_u64;
                while !stop.load(Ordering::Relaxed) {
                    BOUNDS.set("marker", 2 + w as u64 + WRITERS as u64 * i).unwrap();
                    i += 1;
                }
            });
        }
        for n in 1..=RELOADS {
            write(n);
            BOUNDS.reload().unwrap();
        }
        stop.store(true, Ordering::Relaxed);
    });
    std::fs::remove_file(&path).unwrap();
    assert!(reads.load(Ordering::Relaxed) > 0);
    let last = BOUNDS.get();
    assert_eq!((last.low, last.high), (RELOADS, RELOADS + 1000));
    assert!(last.marker > 1, "the writers' values survive the reloads");
}
