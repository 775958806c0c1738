//! What the process-wide instance keeps per change: resident memory before
//! and after N changes through `gevent_settings::config()`, from
//! `/proc/self/statm`, measured at every tenth of the run so that growth
//! shows as a trend, not one difference. Prints one JSON object; `run.py`
//! runs it.
//!
//! ```sh
//! cargo run --release --example memory -- 1000000
//! ```

use settings_benches::environment::Scenario;
use settings_benches::{loaders, statm};

fn main() {
    let changes: u32 = std::env::args().nth(1).map_or(1_000_000, |n| n.parse().expect("a count"));
    Scenario::NothingSet.apply();
    // The first changes load the instance and set up the allocator's
    // arenas; only what follows is counted.
    let mut seconds = 0.5;
    for _ in 0..1000 {
        seconds = if seconds == 0.5 { 0.25 } else { 0.5 };
        loaders::set_global(seconds);
    }
    let before = statm::resident_bytes().expect("/proc/self/statm (Linux only)");
    let mut samples = Vec::new();
    for i in 0..changes {
        seconds = if seconds == 0.5 { 0.25 } else { 0.5 };
        loaders::set_global(seconds);
        if (i + 1) % (changes / 10).max(1) == 0 {
            samples.push(statm::resident_bytes().expect("/proc/self/statm"));
        }
    }
    let after = statm::resident_bytes().expect("/proc/self/statm");
    assert_eq!(loaders::read_global(), seconds);
    let per_change = (after.saturating_sub(before)) as f64 / f64::from(changes.max(1));
    let samples: Vec<String> = samples.iter().map(u64::to_string).collect();
    println!(
        "{{\"changes\": {changes}, \"rss_before\": {before}, \"rss_after\": {after}, \
         \"bytes_per_change\": {per_change:.3}, \"snapshot_size\": {}, \"samples\": [{}]}}",
        loaders::snapshot_size(),
        samples.join(", ")
    );
}
