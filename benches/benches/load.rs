//! Loading gevent's settings from a fixed environment: our derive against a
//! hand-written loader and the peers; reading and setting one value, each
//! sustained (the same value, changed or read many times in a row), through
//! a loaded `Config` and through the process-wide instance, alone and while
//! another thread reloads it; reloading; loading a 200-setting TOML file
//! against serde's; and loading generated structs of 10, 100 and 1,000
//! settings.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use settings_benches::environment::Scenario;
use settings_benches::files;
use settings_benches::loaders::{self, LOADERS, SERVICE_LOADERS};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

fn load(c: &mut Criterion) {
    for scenario in [Scenario::NothingSet, Scenario::EightSet] {
        scenario.apply();
        let mut group = c.benchmark_group(format!("load_{}", scenario.name()));
        for (name, load) in LOADERS {
            group.bench_function(name, |b| b.iter(load));
        }
        group.finish();
    }
    Scenario::Service.apply();
    let mut group = c.benchmark_group("load_service");
    for (name, load) in SERVICE_LOADERS {
        group.bench_function(name, |b| b.iter(load));
    }
    group.finish();
}

fn read_and_set(c: &mut Criterion) {
    Scenario::NothingSet.apply();
    let mut group = c.benchmark_group("access");
    let loaded = loaders::loaded();
    group.bench_function("read_field", |b| b.iter(|| black_box(&loaded).max_blocking_time));
    group.bench_function("read_global", |b| b.iter(loaders::read_global));
    let mut reader = loaders::reader();
    group.bench_function("read_reader", |b| b.iter(|| loaders::read_reader(black_box(&mut reader))));
    group.bench_function("read_global_tracked", |b| b.iter(loaders::read_global_tracked));
    let mut loaded = loaders::loaded();
    group.bench_function("set_float_by_name", |b| b.iter(|| loaders::set_loaded(&mut loaded, black_box(0.25))));
    group.bench_function("set_text_by_name", |b| b.iter(|| loaders::set_loaded_text(&mut loaded, black_box("0.25"))));
    group.finish();
    set_global(c);
    while_reloading(c);
}

/// `config().set` many times in a row on the one process-wide instance, as
/// a program would; and `config().reload()` likewise.
fn set_global(c: &mut Criterion) {
    let mut group = c.benchmark_group("access");
    let mut seconds = 0.25;
    group.bench_function("set_float_global", |b| {
        b.iter(|| {
            seconds = if seconds == 0.25 { 0.5 } else { 0.25 };
            loaders::set_global(black_box(seconds));
        })
    });
    group.bench_function("reload_global", |b| b.iter(loaders::reload_global));
    group.finish();
}

/// Reads through the process-wide instance while another thread reloads it
/// without pause: a reader takes no lock, so it must be no slower.
fn while_reloading(c: &mut Criterion) {
    let stop = Arc::new(AtomicBool::new(false));
    let reloader = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                loaders::reload_global();
            }
        })
    };
    let mut group = c.benchmark_group("access");
    group.bench_function("read_global_while_reloading", |b| b.iter(loaders::read_global));
    let mut reader = loaders::reader();
    group.bench_function("read_reader_while_reloading", |b| b.iter(|| loaders::read_reader(black_box(&mut reader))));
    group.finish();
    stop.store(true, Ordering::Relaxed);
    reloader.join().expect("the reloader");
}

/// A 200-setting TOML file in nested groups, every setting set: config-core
/// against serde's derive with `toml::from_str`.
fn file(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_file");
    group.bench_function("file_config_core", |b| b.iter(|| black_box(files::load_config_core())));
    group.bench_function("file_serde", |b| b.iter(|| black_box(files::load_serde())));
    group.finish();
}

fn growth(c: &mut Criterion) {
    Scenario::NothingSet.apply();
    let mut group = c.benchmark_group("load_settings");
    group.bench_function("10", |b| b.iter(loaders::load_struct::<generated::Gen10>));
    group.bench_function("100", |b| b.iter(loaders::load_struct::<generated::Gen100>));
    group.bench_function("1000", |b| b.iter(loaders::load_struct::<generated::Gen1000>));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = load, read_and_set, file, growth
}
criterion_main!(benches);
