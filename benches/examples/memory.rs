//! What the process-wide instance keeps per change: resident memory before
//! and after N changes through `gevent_settings::config()`, from
//! `/proc/self/statm`. Prints one JSON object; `run.py` runs it.
//!
//! ```sh
//! cargo run --release --example memory -- 200000
//! ```

use settings_benches::environment::Scenario;
use settings_benches::{loaders, statm};

fn main() {
    let changes: u32 = std::env::args().nth(1).map_or(200_000, |n| n.parse().expect("a count"));
    Scenario::NothingSet.apply();
    // The first change loads the instance and sets up the allocator's
    // arenas; only what follows is counted.
    loaders::set_global(0.5);
    let before = statm::resident_bytes().expect("/proc/self/statm (Linux only)");
    let mut seconds = 0.5;
    for _ in 0..changes {
        seconds = if seconds == 0.5 { 0.25 } else { 0.5 };
        loaders::set_global(seconds);
    }
    let after = statm::resident_bytes().expect("/proc/self/statm");
    assert_eq!(loaders::read_global(), seconds);
    let per_change = (after.saturating_sub(before)) as f64 / f64::from(changes.max(1));
    println!(
        "{{\"changes\": {changes}, \"rss_before\": {before}, \"rss_after\": {after}, \
         \"bytes_per_change\": {per_change:.1}, \"snapshot_size\": {}}}",
        loaders::snapshot_size()
    );
}
