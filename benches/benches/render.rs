//! Rendering gevent's reference page in every format (target: under 1 ms
//! each).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use docs_gen::{Format, Options, render};
use gevent_settings::Config;

fn render_every_format(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_gevent");
    for format in Format::ALL {
        group.bench_function(format.name(), |b| b.iter(|| render::<Config>(black_box(format), &Options::default())));
    }
    group.finish();
}

criterion_group!(benches, render_every_format);
criterion_main!(benches);
