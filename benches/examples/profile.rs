//! Runs one loader N times under a fixed environment, for an instruction
//! count that does not depend on the machine's load:
//!
//! ```sh
//! valgrind --tool=callgrind target/release/examples/profile LOADER SCENARIO N
//! ```
//!
//! One load runs before the N measured ones whatever N is, so that the
//! difference between N loads and 0 loads is N steady-state loads (lazy
//! statics, registries and the like are set up by then). `run.py` takes that
//! difference for several builds and stack placements, and reports the
//! spread.

use settings_benches::environment::Scenario;
use settings_benches::loaders::loader;

/// With the `layout-shift` feature, a read-only block placed before the
/// code and data of the libraries, shifting where everything after it lands:
/// a build that differs from the default one only trivially. Its size is no
/// multiple of 16, so alignments change too.
#[cfg(feature = "layout-shift")]
static SHIFT: [u8; 1000 + 8 + 4] = [1; 1000 + 8 + 4];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, name, scenario, times] = &args[..] else {
        eprintln!("usage: profile LOADER nothing_set|8_set N");
        std::process::exit(2);
    };
    let load = loader(name).unwrap_or_else(|| panic!("no loader called {name:?}"));
    let scenario = Scenario::named(scenario).unwrap_or_else(|| panic!("no scenario called {scenario:?}"));
    let times: u32 = times.parse().expect("a count");
    #[cfg(feature = "layout-shift")]
    if times == u32::MAX {
        std::hint::black_box(&SHIFT);
    }
    scenario.apply();
    load();
    for _ in 0..times {
        load();
    }
}
