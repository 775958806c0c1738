//! gevent's HTML page, and a second struct's, in headless Chromium: no
//! horizontal scroll on a phone, the filter box (words, descriptions, the
//! count announced, Escape, kept across a reload, links to hidden settings),
//! anchors and permalinks, axe-core and contrast in light and dark mode, the
//! page without JavaScript; screenshots in `target/browser-artifacts/`. The
//! checks are `browser/check.mjs`; Chromium and its node modules come from
//! `.ci/setup-browser`, and without them this test fails saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, render, render_meta};
use gevent_settings::Config;
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// A second struct: a name with a quote (which must not break the filter),
/// long code, a deprecated setting and links between settings.
fn second() -> &'static StructMeta {
    let meta = json!({
        "name": "Service",
        "title": "Service settings",
        "doc": "Settings of an example service. See `timeout` and `say\"hi`.",
        "env_prefix": "SERVICE_",
        "settings": [
            {"name": "timeout", "env": "SERVICE_TIMEOUT", "value": {"kind": "float", "expected": "a finite number"},
             "doc": "Seconds to wait, such as `service.handlers.SlowClientWatchdog.start_periodic_check()`.\n\n> [!CAUTION]\n> Values under a second drop slow clients.",
             "default": {"value": 30.0, "doc": null}, "see_also": ["say\"hi"]},
            {"name": "say\"hi", "env": "SERVICE_SAY_HI", "value": {"kind": "string", "expected": "any text"}, "doc": "A greeting; see `timeout`.",
             "default": {"value": "hello \"world\"", "doc": null}},
            {"name": "hosts", "env": "SERVICE_HOSTS", "value": {"kind": "list", "expected": "a comma-separated list"}, "doc": "Old name of `allowed_hosts`.",
             "default": {"value": null, "doc": null},
             "deprecated": {"since": "1.1", "replacement": "allowed_hosts", "note": null}},
            {"name": "allowed_hosts", "env": "SERVICE_ALLOWED_HOSTS", "value": {"kind": "list", "expected": "a comma-separated list"},
             "doc": "Hosts allowed to call, such as `a.example,b.example`.", "default": {"value": null, "doc": null}}
        ],
        "groups": [
            {"name": "database", "env_prefix": "DATABASE_", "doc": "The database, with a pool of connections.",
             "meta": {"name": "Pool", "env_prefix": "POOL_", "settings": [
                {"name": "pool_size", "env": "POOL_POOL_SIZE", "value": {"kind": "integer", "expected": "a whole number"},
                 "doc": "Connections kept open, such as `service.database.ConnectionPool.maximum_idle_connections`.",
                 "default": {"value": 10, "doc": null}}
             ]}}
        ]
    });
    StructMeta::from_json(&meta.to_string()).unwrap()
}

fn missing_setup() -> Option<String> {
    let modules = root().join("tests/browser/node_modules");
    let missing: Vec<String> =
        [Path::new(CHROMIUM).to_owned(), modules.join("playwright-core"), modules.join("axe-core")]
            .into_iter()
            .filter(|p| !p.exists())
            .map(|p| p.display().to_string())
            .collect();
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    match (missing.is_empty(), node) {
        (true, true) => None,
        _ => Some(format!("missing: {} {}", missing.join(", "), if node { "" } else { "node" })),
    }
}

#[test]
fn the_html_pages_work_in_a_browser() {
    if let Some(missing) = missing_setup() {
        panic!("the browser test needs Chromium and its node modules ({missing}): run .ci/setup-browser");
    }
    let dir = target().join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let gevent_options = Options {
        module: Some("gevent._config".into()),
        label: Some("gevent-configuration".into()),
        ..Options::default()
    };
    let gevent = dir.join("configuring-gevent.html");
    std::fs::write(&gevent, render::<Config>(Format::Html, &gevent_options)).unwrap();
    let service = dir.join("service.html");
    std::fs::write(&service, render_meta(second(), Format::Html, &Options::default())).unwrap();

    let spec = json!({
        "artifacts": target().join("browser-artifacts"),
        "pages": [
            {
                "name": "gevent",
                "file": gevent,
                "filters": [
                    {"query": "max blocking", "includes": ["max_blocking_time"], "excludes": ["loop", "fileobject"]},
                    {"query": "MAX_BLOCKING", "includes": ["max_blocking_time"], "excludes": ["loop"]},
                    {"query": "dns", "includes": ["resolver", "threadpool_idle_task_timeout"], "excludes": ["loop"]},
                    {"query": "deprecated", "includes": ["ares_servers", "ares_timeout"], "excludes": ["loop", "resolver"]},
                    {"query": "monitor", "includes": ["max_blocking_time", "monitor_thread", "max_memory_usage"], "excludes": ["loop"]},
                    {"query": "GEVENT_FILE", "includes": ["fileobject"], "excludes": ["loop"]},
                ],
                "anchors": [
                    {"hash": "max_blocking_time", "section": "max_blocking_time"},
                    {"hash": "gevent._config.Config.max_blocking_time", "section": "max_blocking_time"},
                ],
                "revealQuery": "ares_servers",
            },
            {
                "name": "service",
                "file": service,
                "filters": [
                    {"query": "say\"", "includes": ["say\"hi"], "excludes": ["hosts"]},
                    {"query": "slow clients", "includes": ["timeout"], "excludes": ["hosts"]},
                ],
                "anchors": [
                    {"hash": "say\"hi", "section": "say\"hi"},
                    {"hash": "Service.timeout", "section": "timeout"},
                ],
                "revealQuery": "slow clients",
            },
        ],
    });
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();

    let output = Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .arg(&spec_path)
        .current_dir(root())
        .output()
        .expect("node runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser checks failed:\n{report}");
    assert!(report.contains("browser: every check passed"), "{report}");
}
