//! Runs one loader in a loop under a fixed environment, for an instruction
//! count that does not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/profile LOADER SCENARIO N`.

use settings_benches::environment::Scenario;
use settings_benches::loaders::loader;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let load = loader(&args[1]).expect("a loader name");
    let scenario = if args[2] == "8_set" { Scenario::EightSet } else { Scenario::NothingSet };
    let times: u32 = args[3].parse().expect("a count");
    scenario.apply();
    for _ in 0..times {
        load();
    }
}
