//! Rendering is linear in the number of settings: 20,000 generated settings,
//! half of them in a group, each naming others in its text and see-also (the
//! lookups that were once a scan of every setting), render in every format
//! in about four times the time of 5,000. The bound is generous (a quadratic step makes the ratio
//! 16; noise, sorting and allocation keep a linear one near 4), and each
//! time is the best of three runs, so that a busy machine does not fail it.

use std::time::{Duration, Instant};

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, render_meta};

/// `n` settings, half of them in a group; each one's description and
/// see-also name two others.
fn settings(n: usize) -> &'static StructMeta {
    let settings: Vec<String> = (0..n)
        .map(|i| {
            let (j, k) = ((i * 7 + 1) % n, (i * 13 + 5) % n);
            format!(
                r#"{{"name":"s{i}","env":"APP_S{i}","value":{{"kind":"integer","expected":"a whole number"}},"doc":"Like `s{j}` and [`s{k}`](#s{k}).\n\nMore text.","default":{{"value":{i},"doc":null}},"see_also":["s{j}","[x](https://example.org)"],"deprecated":{{"since":"1.0","replacement":"s{k}","note":null}}}}"#
            )
        })
        .collect();
    let (root, grouped) = settings.split_at(n / 2);
    StructMeta::from_json(&format!(
        r#"{{"name":"App","settings":[{}],"groups":[{{"name":"g","env_prefix":"G_","doc":"A group; see `s1`.","meta":{{"name":"G","settings":[{}]}}}}]}}"#,
        root.join(","),
        grouped.join(",")
    ))
    .unwrap()
}

fn best_of_three(meta: &'static StructMeta, format: Format) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(render_meta(meta, format, &Options::default()));
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn rendering_is_linear_in_the_number_of_settings() {
    let (small, large) = (settings(5_000), settings(20_000));
    let mut report = Vec::new();
    for format in Format::ALL {
        let (t1, t4) = (best_of_three(small, format), best_of_three(large, format));
        let ratio = t4.as_secs_f64() / t1.as_secs_f64();
        report.push(format!("{format}: 5,000 in {t1:?}, 20,000 in {t4:?} (x{ratio:.1})"));
        assert!(ratio < 9.0, "{format} is not linear:\n{}", report.join("\n"));
    }
    println!("{}", report.join("\n"));
}
