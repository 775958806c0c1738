//! Measures, against a real etcd it starts on loopback (Debian's
//! `etcd-server`: `.ci/setup-etcd` installs it):
//!
//! 1. the time from a `put` to its value seen by a reader of a watched
//!    `Global` (median, p90, p99, max over 1,000 puts);
//! 2. the cost of a read (`reader().get()` and `get()`) while nothing
//!    changes, and while the watch reloads the `Global` as fast as puts
//!    arrive.
//!
//! ```text
//! cargo run --release -p config-etcd --example latency [-- PUTS]
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use config_core::{Global, Settings};
use config_etcd::Etcd;
use support::{EtcdServer, Writer};

/// What the measurement changes.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "LATENCY_")]
pub struct Bench {
    /// The value each put writes.
    #[setting(default = 0)]
    pub value: u64,
    /// Some other settings, so that a reload does a realistic amount of work.
    #[setting(default = 4, range = 1..=64)]
    pub workers: u32,
    /// A timeout.
    #[setting(default = "30s")]
    pub timeout: Duration,
    /// A name.
    #[setting(default = "bench")]
    pub name: String,
}

static BENCH: Global<Bench> = Global::new();

const KEY: &str = "/apps/bench/value";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name}: median {:?}, p90 {:?}, p99 {:?}, max {:?} ({} samples)",
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        percentile(&samples, 0.99),
        samples[samples.len() - 1],
        samples.len()
    );
}

/// Puts `count` values one after the other, each once the last is seen.
fn put_to_visible(writer: &mut Writer, count: u64, first: u64) {
    let mut reader = BENCH.reader();
    let (mut from_put, mut from_ack) = (Vec::new(), Vec::new());
    for value in first..first + count {
        let started = Instant::now();
        writer.put(KEY, value.to_string());
        let acknowledged = Instant::now();
        let deadline = started + Duration::from_secs(2);
        while reader.get().value != value {
            assert!(Instant::now() < deadline, "value {value} not seen within 2 s");
            // Gives the core to etcd and the watch (2 cores here).
            std::thread::yield_now();
        }
        let seen = Instant::now();
        from_put.push(seen - started);
        from_ack.push(seen.saturating_duration_since(acknowledged));
    }
    summary("put sent -> value seen by a reader", from_put);
    summary("put acknowledged -> value seen", from_ack);
}

/// Nanoseconds per read, of each kind, each read for about `span`: on the
/// clock, and on this thread's CPU time (which leaves out the time the
/// other threads, etcd's among them, take the core away).
fn read_cost(span: Duration) -> [(f64, f64); 2] {
    let mut reader = BENCH.reader();
    let cached = per_read(span, || black_box(reader.get().value));
    let loaded = per_read(span, || black_box(BENCH.get().value));
    [cached, loaded]
}

fn per_read(span: Duration, mut read: impl FnMut() -> u64) -> (f64, f64) {
    const BATCH: u64 = 100_000;
    let (started, cpu_started) = (Instant::now(), cpu_time());
    let mut reads = 0u64;
    while started.elapsed() < span {
        for _ in 0..BATCH {
            read();
        }
        reads += BATCH;
    }
    let wall = started.elapsed().as_nanos() as f64 / reads as f64;
    let cpu = cpu_time().zip(cpu_started).map_or(f64::NAN, |(end, start)| (end - start) as f64 / reads as f64);
    (wall, cpu)
}

/// This thread's time on a CPU, in nanoseconds (Linux).
fn cpu_time() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn print_cost(when: &str, [(cached_wall, cached_cpu), (loaded_wall, loaded_cpu)]: [(f64, f64); 2], extra: &str) {
    println!(
        "{when}: reader().get() {cached_wall:.2} ns ({cached_cpu:.2} ns of CPU), get() {loaded_wall:.2} ns \
         ({loaded_cpu:.2} ns of CPU){extra}"
    );
}

fn main() {
    let puts: u64 = std::env::args().nth(1).map_or(1000, |n| n.parse().expect("PUTS: a number"));
    let server = EtcdServer::start("latency");
    let mut writer = Writer::connect(&server.endpoint());
    writer.put(KEY, "0");
    let etcd = Etcd::new(server.endpoint(), "/apps/bench/");
    BENCH.init(Bench::builder().provider(etcd.clone())).unwrap();
    let reloads = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&reloads);
    let _watch = config_etcd::watch(&BENCH, &etcd, move |outcome| {
        assert!(outcome.is_ok());
        counted.fetch_add(1, Ordering::Relaxed);
    })
    .unwrap();

    // Warm up the connection, the watch and the caches.
    put_to_visible(&mut writer, 50, 1);
    println!("--- {puts} puts, one at a time, on loopback");
    put_to_visible(&mut writer, puts, 100);

    println!("--- the cost of a read, per read");
    let span = Duration::from_secs(1);
    print_cost("no reloads", read_cost(span), "");
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let endpoint = server.endpoint();
    let churn = std::thread::spawn(move || {
        let mut writer = Writer::connect(&endpoint);
        let mut value = 1_000_000u64;
        while !stopped.load(Ordering::Relaxed) {
            writer.put(KEY, value.to_string());
            value += 1;
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    let (before, started) = (reloads.load(Ordering::Relaxed), Instant::now());
    let cost = read_cost(span);
    let rate = (reloads.load(Ordering::Relaxed) - before) as f64 / started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    churn.join().unwrap();
    print_cost("during reloads", cost, &format!(", {rate:.0} reloads/s"));
}
