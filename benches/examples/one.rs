//! Throwaway: instructions for one variable set (dev only).
use settings_benches::loaders::loader;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (name, var, value, times) = (&args[1], &args[2], &args[3], args[4].parse::<u32>().unwrap());
    settings_benches::environment::Scenario::NothingSet.apply();
    if var != "-" { unsafe { std::env::set_var(var, value) }; }
    let load = loader(name).unwrap();
    load();
    for _ in 0..times { load(); }
}
