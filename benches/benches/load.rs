//! Loading gevent's settings from a fixed environment: our derive against a
//! hand-written loader and the peers; reading and setting one value; and
//! loading generated structs of 10, 100 and 1,000 settings.

use std::hint::black_box;

use config_core::{Global, Settings};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use gevent_settings::Config;
use settings_benches::environment::Scenario;
use settings_benches::loaders::LOADERS;

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
    let loaded = Config::from_env().unwrap();
    group.bench_function("read_field", |b| b.iter(|| black_box(&loaded).max_blocking_time));
    let global = gevent_settings::config();
    group.bench_function("read_global", |b| b.iter(|| black_box(global).get().max_blocking_time));
    let mut loaded = Config::from_env().unwrap();
    group.bench_function("set_float_by_name", |b| b.iter(|| loaded.set(black_box("max_blocking_time"), black_box(0.25))));
    group.bench_function("set_text_by_name", |b| b.iter(|| loaded.set(black_box("max_blocking_time"), black_box("0.25"))));
    // Each `Global::set` keeps a snapshot, so each batch gets a fresh
    // instance, dropped (with its snapshots) afterwards.
    group.bench_function("set_float_global", |b| {
        b.iter_batched_ref(
            || {
                let global = Global::<Config>::new();
                global.install(Config::defaults().unwrap());
                global
            },
            |global| global.set(black_box("max_blocking_time"), black_box(0.25)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn growth(c: &mut Criterion) {
    Scenario::NothingSet.apply();
    let mut group = c.benchmark_group("load_settings");
    group.bench_function("10", |b| b.iter(|| black_box(generated::Gen10::from_env().unwrap())));
    group.bench_function("100", |b| b.iter(|| black_box(generated::Gen100::from_env().unwrap())));
    group.bench_function("1000", |b| b.iter(|| black_box(generated::Gen1000::from_env().unwrap())));
    group.finish();
}

criterion_group!(benches, load, read_and_set, growth);
criterion_main!(benches);
