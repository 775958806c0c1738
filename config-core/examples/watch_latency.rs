//! How long a watched file's edit takes to be visible through the
//! process-wide instance: `BENCHMARKS.md`'s "edit → visible" (target: the
//! debounce interval + 10 ms).
//!
//! ```sh
//! cargo run --release -p config-core --features watch --example watch_latency [EDITS]
//! ```
//!
//! Each edit writes the file with a new value, and the time is taken from
//! just before the write until a read through the `Global` returns it (the
//! reader polls every 100 µs, so a figure is at most that late). Edits are
//! spaced by three debounce intervals, so that each is a burst of its own.

use std::time::{Duration, Instant};

use config_core::watch::Watcher;
use config_core::{Global, Settings};

/// The watched settings.
#[derive(Clone, Debug, Settings)]
pub struct Watched {
    /// A level.
    #[setting(default = 0)]
    pub level: u32,
}

static CONFIG: Global<Watched> = Global::new();

const DEBOUNCE: Duration = Duration::from_millis(50);

fn main() {
    let edits: u32 = std::env::args().nth(1).map_or(100, |n| n.parse().expect("a number of edits"));
    let dir = std::env::temp_dir().join(format!("config-core-watch-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("app.toml");
    std::fs::write(&file, "level = 0\n").expect("the file");
    CONFIG.init(Watched::builder().file(&file)).expect("a valid file");
    let _watcher = Watcher::start(&CONFIG, DEBOUNCE, |_| {}).expect("a watcher");

    let mut times = Vec::new();
    for level in 1..=edits {
        std::thread::sleep(DEBOUNCE * 3);
        let start = Instant::now();
        std::fs::write(&file, format!("level = {level}\n")).expect("the file");
        while CONFIG.get().level != level {
            assert!(start.elapsed() < Duration::from_secs(10), "edit {level} not seen within 10 s");
            std::thread::sleep(Duration::from_micros(100));
        }
        times.push(start.elapsed());
    }
    let _ = std::fs::remove_dir_all(&dir);
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{{\"edits\": {edits}, \"debounce_ms\": {}, \"min_ms\": {:.2}, \"median_ms\": {:.2}, \"p90_ms\": {:.2}, \"p99_ms\": {:.2}, \"max_ms\": {:.2}}}",
        DEBOUNCE.as_millis(),
        ms(times[0]),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(times[times.len() - 1]),
    );
}
