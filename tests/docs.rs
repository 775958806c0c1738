//! Snapshots of the generated docs in every format, for gevent and for a
//! second, non-gevent struct; and the rules every format keeps.

use config_core::{Importable, Settings, registry};
use docs_gen::{Format, Options, Order, render};
use gevent_settings::Config;

/// The options gevent's pages are rendered with (as `docs-gen` does for
/// gevent's settings): its module and label, so that Sphinx names and deep
/// links match gevent's published page.
fn gevent_options() -> Options {
    Options { module: Some("gevent._config".into()), label: Some("gevent-configuration".into()), ..Options::default() }
}

fn snapshot_every_format<C: Settings>(name: &str, options: &Options) {
    for format in Format::ALL {
        let page = render::<C>(format, options);
        insta::with_settings!({ snapshot_suffix => format.name(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, page);
        });
    }
}

#[cfg(not(windows))] // The loop's default differs on Windows.
#[test]
fn gevent_in_every_format() {
    snapshot_every_format::<Config>("gevent", &gevent_options());
}

/// A plugin interface of the example service.
pub trait Storage: Sync {}
pub struct Disk;
impl Storage for Disk {}
registry!(dyn Storage => { "service.storage.Disk" => &Disk });

/// Settings of an example web service.
///
/// Every setting can also be set in code with `set` or `update`.
#[derive(Clone, Settings)]
#[settings(env_prefix = "SERVICE_", title = "Service settings", see_also = ["The [project](https://example.org)."])]
pub struct Service {
    /// The TCP port to listen on.
    #[setting(default = 8080)]
    pub port: u16,
    /// Seconds to wait for a request.
    ///
    /// > [!CAUTION]
    /// > Values under a second drop slow clients.
    #[setting(default = 30.0, positive, added = "1.2")]
    pub timeout: f64,
    /// Log each request.
    #[setting(default = false, see_also = ["timeout"])]
    pub verbose: bool,
    /// Where uploads are kept.
    #[setting(default = "disk", shorthand(disk = "service.storage.Disk"))]
    pub storage: Importable<dyn Storage>,
    /// Hosts allowed to call the API, such as `a.example,b.example`.
    pub allowed_hosts: Option<Vec<String>>,
    /// The largest upload, such as `10mb`.
    #[setting(bytes, default = 10485760, default_doc = "10mb")]
    pub max_upload: u64,
    /// The admin password. Never printed.
    #[setting(secret, default = "changeme")]
    pub admin_password: String,
    /// Old name of `allowed_hosts`.
    #[setting(deprecated(since = "1.1", replacement = "allowed_hosts"))]
    pub hosts: Option<Vec<String>>,
    /// Internal: a tuning knob.
    #[setting(hidden, default = 3)]
    pub knob: u32,
}

#[test]
fn a_second_struct_in_every_format() {
    snapshot_every_format::<Service>("service", &Options::default());
}

#[test]
fn hidden_settings_appear_in_no_format_and_secrets_show_no_value() {
    // The schema describes what a file may hold, hidden settings included
    // (without a description): it is checked apart, below.
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Schema) {
        let page = render::<Service>(format, &Options::default());
        assert!(!page.contains("knob") && !page.contains("SERVICE_KNOB"), "{format} shows a hidden setting");
        assert!(!page.contains("changeme"), "{format} shows a secret default");
        let gevent = render::<Config>(format, &Options::default());
        for hidden in
            ["GEVENTARES_FLAGS", "GEVENTARES_TRIES", "GEVENTARES_NDOTS", "GEVENTARES_UDP_PORT", "GEVENTARES_TCP_PORT"]
        {
            assert!(!gevent.contains(hidden), "{format} shows {hidden}");
        }
    }
}

#[test]
fn deprecated_settings_show_their_deprecation_and_replacement() {
    for format in Format::ALL.into_iter().filter(|f| ![Format::Json, Format::Schema].contains(f)) {
        let page = render::<Service>(format, &Options::default());
        assert!(page.contains("1.1"), "{format}");
        assert!(page.contains("Prefer the"), "{format}");
    }
    let schema: serde_json::Value =
        serde_json::from_str(&render::<Service>(Format::Schema, &Options::default())).unwrap();
    assert_eq!(schema["properties"]["hosts"]["deprecated"], true);
}

#[test]
fn the_schema_holds_hidden_settings_without_describing_them_and_no_secret() {
    let schema: serde_json::Value =
        serde_json::from_str(&render::<Service>(Format::Schema, &Options::default())).unwrap();
    let knob = &schema["properties"]["knob"];
    assert_eq!(knob["type"], "integer");
    assert!(knob.get("description").is_none(), "{knob}");
    let password = &schema["properties"]["admin_password"];
    assert_eq!(password["writeOnly"], true);
    assert!(password.get("default").is_none(), "{password}");
    assert!(!schema.to_string().contains("changeme"));
}

#[test]
fn settings_are_alphabetical_unless_asked_for_source_order() {
    let names = |order| {
        let text = render::<Config>(Format::Text, &Options { order, ..Options::default() });
        text.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).map(str::to_owned).collect::<Vec<_>>()
    };
    let alphabetical = names(Order::Alphabetical);
    let mut sorted = alphabetical.clone();
    sorted.sort();
    assert_eq!(alphabetical, sorted);
    let source = names(Order::Source);
    assert_eq!(&source[..3], ["resolver", "threadpool", "threadpool_idle_task_timeout"]);
}

#[test]
fn the_html_page_is_self_contained_and_filterable() {
    let page = render::<Config>(Format::Html, &gevent_options());
    assert!(!page.contains("<link") && !page.contains("src=\""), "no external assets");
    assert!(page.contains("prefers-color-scheme: dark"));
    assert!(
        page.contains("<section class=\"setting\" id=\"max_blocking_time\" data-env=\"GEVENT_MAX_BLOCKING_TIME\">")
    );
    // gevent's own anchor lands on the same section.
    assert!(page.contains(
        "id=\"max_blocking_time\" data-env=\"GEVENT_MAX_BLOCKING_TIME\">\n\
         <span class=\"alias\" id=\"gevent._config.Config.max_blocking_time\"></span>"
    ));
    assert!(page.contains("<h1 id=\"gevent-configuration\">Configuring gevent</h1>"));
    assert!(page.contains("<li data-for=\"max_blocking_time\"><a href=\"#max_blocking_time\">"));
    // Deprecated settings are marked in the contents.
    assert!(page.contains("<span class=\"env\">GEVENTARES_SERVERS</span> <span class=\"tag\">deprecated</span></li>"));
    // Hidden until the script shows it, so the page works without JavaScript.
    assert!(page.contains("id=\"filter\" placeholder=\"Filter settings\" aria-label=\"Filter settings\""));
    assert!(page.contains("aria-describedby=\"filter-status\" hidden>"));
    assert!(page.contains("<p id=\"filter-status\" role=\"status\" aria-live=\"polite\" hidden></p>"));
}

/// `gevent-config help` mirrors `python -m gevent._config`, whose purpose is
/// to find environment variables: it lists every setting, the hidden
/// `GEVENTARES_*` ones too, while no page shows them.
#[test]
fn help_lists_every_setting_hidden_ones_too() {
    let help = gevent_settings::cli::help();
    let names: Vec<&str> = help.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).collect();
    assert_eq!(names.len(), 23, "{names:?}");
    assert_eq!(names, Config::META.names().collect::<Vec<_>>());
    for hidden in
        ["GEVENTARES_FLAGS", "GEVENTARES_TRIES", "GEVENTARES_NDOTS", "GEVENTARES_UDP_PORT", "GEVENTARES_TCP_PORT"]
    {
        assert!(help.contains(&format!("`{hidden}`")), "help does not name {hidden}");
    }
    assert_eq!(Config::META.settings.iter().filter(|s| s.hidden).count(), 5);
}

/// `docs-gen` embeds gevent's metadata as JSON (it cannot link
/// gevent-settings, which uses it for `gevent-config help`). Regenerate with
/// `cargo run -p gevent-settings --bin gevent-config -- metadata > docs-gen/tests/fixtures/gevent.json`.
#[cfg(not(windows))]
#[test]
fn the_embedded_gevent_metadata_is_current() {
    let embedded = include_str!("../docs-gen/tests/fixtures/gevent.json");
    let current = serde_json::to_string_pretty(Config::META).unwrap() + "\n";
    assert!(
        embedded == current,
        "docs-gen/tests/fixtures/gevent.json is stale: regenerate it with gevent-config metadata"
    );
}
