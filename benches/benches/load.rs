//! Loading gevent's settings from a fixed environment: our derive against a
//! hand-written loader and the peers; reading and setting one value, each
//! sustained (the same value, changed or read many times in a row); and
//! loading generated structs of 10, 100 and 1,000 settings.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use settings_benches::environment::Scenario;
use settings_benches::loaders::{self, LOADERS};

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
}

fn read_and_set(c: &mut Criterion) {
    Scenario::NothingSet.apply();
    let mut group = c.benchmark_group("access");
    let loaded = loaders::loaded();
    group.bench_function("read_field", |b| b.iter(|| black_box(&loaded).max_blocking_time));
    group.bench_function("read_global", |b| b.iter(loaders::read_global));
    let mut loaded = loaders::loaded();
    group.bench_function("set_float_by_name", |b| b.iter(|| loaders::set_loaded(&mut loaded, black_box(0.25))));
    group.bench_function("set_text_by_name", |b| b.iter(|| loaders::set_loaded_text(&mut loaded, black_box("0.25"))));
    group.finish();
    set_global(c);
}

/// `config().set` many times in a row on the one process-wide instance, as
/// a program would. Each change keeps its snapshot for as long as the
/// instance lives (`examples/memory.rs` measures how much), so the time is
/// bounded to keep the process's memory bounded: about 2 s of changes.
fn set_global(c: &mut Criterion) {
    let mut group = c.benchmark_group("access");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500)).sample_size(50);
    let mut seconds = 0.25;
    group.bench_function("set_float_global", |b| {
        b.iter(|| {
            seconds = if seconds == 0.25 { 0.5 } else { 0.25 };
            loaders::set_global(black_box(seconds));
        })
    });
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

criterion_group!(benches, load, read_and_set, growth);
criterion_main!(benches);
