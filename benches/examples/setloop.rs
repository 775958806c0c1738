//! Throwaway: instructions per config().set (dev only).
fn main() {
    let n: u32 = std::env::args().nth(1).unwrap().parse().unwrap();
    let what = std::env::args().nth(2).unwrap_or_default();
    settings_benches::environment::Scenario::NothingSet.apply();
    let mut s = 0.5;
    settings_benches::loaders::set_global(s);
    let mut reader = settings_benches::loaders::reader();
    let mut loaded = settings_benches::loaders::loaded();
    for _ in 0..n {
        s = if s == 0.5 { 0.25 } else { 0.5 };
        match what.as_str() {
            "reload" => settings_benches::loaders::reload_global(),
            "get" => { std::hint::black_box(settings_benches::loaders::read_global()); }
            "reader" => { std::hint::black_box(settings_benches::loaders::read_reader(&mut reader)); }
            "tracked" => { std::hint::black_box(settings_benches::loaders::read_global_tracked()); }
            "local" => settings_benches::loaders::set_loaded(&mut loaded, s),
            _ => settings_benches::loaders::set_global(s),
        }
    }
}
