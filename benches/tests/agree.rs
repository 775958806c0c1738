//! Every loader reads the same values from the benchmark environment, so
//! the benchmark compares the same work. (One test: the environment is
//! process-wide.)

use settings_benches::environment::Scenario;
use settings_benches::peers;

/// The values all loaders must agree on, as a tuple.
type Seen = (Vec<String>, bool, bool, f64, Option<u64>, Option<Vec<String>>, Option<Vec<String>>, f64);

fn seen_by_hand() -> Seen {
    let c = peers::handwritten::load();
    (c.r#loop, c.disable_watch_children, c.monitor_thread, c.max_blocking_time, c.max_memory_usage, c.libev_backend, c.resolver_nameservers, c.memory_monitor_period)
}

#[test]
fn every_loader_reads_the_same_values() {
    for scenario in [Scenario::NothingSet, Scenario::EightSet] {
        scenario.apply();
        let expected = seen_by_hand();

        let c = peers::envconfig::load();
        let got: Seen = (c.r#loop.0, c.disable_watch_children.0, c.monitor_thread.0, c.max_blocking_time, c.max_memory_usage.map(|b| b.0), c.libev_backend.map(|l| l.0), c.resolver_nameservers.map(|l| l.0), c.memory_monitor_period);
        assert_eq!(got, expected, "envconfig, {scenario:?}");

        let c = peers::confique::load();
        let got: Seen = (c.event_loop, c.disable_watch_children, c.monitor_thread, c.max_blocking_time, c.max_memory_usage, c.libev_backend, c.resolver_nameservers, c.memory_monitor_period);
        assert_eq!(got, expected, "confique, {scenario:?}");

        let c = peers::clap::load();
        let got: Seen = (c.r#loop, c.disable_watch_children, c.monitor_thread, c.max_blocking_time, c.max_memory_usage, c.libev_backend, c.resolver_nameservers, c.memory_monitor_period);
        assert_eq!(got, expected, "clap, {scenario:?}");

        for (name, c) in [("envy", peers::envy::load()), ("figment", peers::figment::load()), ("config-rs", peers::config_rs::load())] {
            let got: Seen = (c.r#loop, c.disable_watch_children, c.monitor_thread, c.max_blocking_time, c.max_memory_usage, c.libev_backend, c.resolver_nameservers, c.memory_monitor_period);
            assert_eq!(got, expected, "{name}, {scenario:?}");
        }

        let c = <gevent_settings::Config as config_core::Settings>::from_env().unwrap();
        assert_eq!(c.disable_watch_children, expected.1);
        assert_eq!(c.monitor_thread, expected.2);
        assert_eq!(c.max_blocking_time, expected.3);
        assert_eq!(c.max_memory_usage, expected.4);
        assert_eq!(c.libev_backend, expected.5);
        assert_eq!(c.resolver_nameservers, expected.6);
        let chosen = if scenario == Scenario::EightSet { "gevent.libuv.loop.loop" } else { "gevent.libev.corecext.loop" };
        assert_eq!(c.r#loop.path(), Some(chosen));
    }
}
