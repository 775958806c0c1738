//! The `toml` and `env` templates, read by the readers they are written for:
//! every commented assignment, uncommented, gives back the documented
//! default (`toml` for the file, `dotenvy`, which `config-core` reads `.env`
//! files with, for the other); a setting with no default to write has no
//! assignment at all; the uncommented file is valid by the schema.

use config_core::meta::{Kind, Leaf, Literal, StructMeta};
use docs_gen::{Format, Options, render_meta};
use serde_json::{Value, json};

fn service() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/service.json")).unwrap()
}

fn gevent() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap()
}

/// The documented settings of `meta`, with their full names and variables.
fn documented(meta: &'static StructMeta) -> Vec<Leaf> {
    meta.tree().into_leaves().into_iter().filter(|l| !l.setting.hidden).collect()
}

/// The template with each `# key = value` line uncommented.
fn uncomment_toml(page: &str) -> String {
    page.lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if toml::from_str::<toml::Table>(rest).is_ok_and(|t| t.len() == 1) => rest,
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The value at a dotted path of a parsed TOML file.
fn at<'a>(table: &'a toml::Table, leaf: &Leaf) -> Option<&'a toml::Value> {
    let group: Vec<&str> = leaf.path.strip_suffix(leaf.setting.name)?.split('.').filter(|s| !s.is_empty()).collect();
    let mut table = table;
    for key in group {
        table = table.get(key)?.as_table()?;
    }
    table.get(leaf.setting.name)
}

/// The default as a TOML value, for the settings whose default a file can
/// write.
fn expected_toml(leaf: &Leaf) -> Option<toml::Value> {
    let setting = leaf.setting;
    if setting.secret || setting.required {
        return None;
    }
    let item = |kind: Kind, text: &str| -> toml::Value {
        if kind.is_number()
            && let Ok(i) = text.parse::<i64>()
        {
            return toml::Value::Integer(i);
        }
        toml::Value::String(text.to_owned())
    };
    Some(match setting.default.value {
        Literal::Bool(b) => toml::Value::Boolean(b),
        Literal::Number(n) => {
            n.parse::<i64>().map_or_else(|_| toml::Value::Float(n.parse().unwrap()), toml::Value::Integer)
        }
        Literal::Str(s) => toml::Value::String(s.to_owned()),
        Literal::List(items) => toml::Value::Array(items.iter().map(|i| item(setting.value.items().kind, i)).collect()),
        _ => return None,
    })
}

fn check_toml_round_trip(meta: &'static StructMeta) -> toml::Table {
    let page = render_meta(meta, Format::Toml, &Options::default());
    let commented: toml::Table = toml::from_str(&page).unwrap_or_else(|e| panic!("{e}\n{page}"));
    assert!(
        commented.values().all(|v| v.as_table().is_some_and(|t| t.values().all(toml::Value::is_table))),
        "a live value:\n{page}"
    );
    let uncommented: toml::Table = toml::from_str(&uncomment_toml(&page)).unwrap_or_else(|e| panic!("{e}\n{page}"));
    for leaf in documented(meta) {
        let found = at(&uncommented, &leaf);
        assert_eq!(found, expected_toml(&leaf).as_ref(), "{}:\n{page}", leaf.path);
        assert!(
            page.contains(&format!("# Environment variable: {}\n", leaf.env)),
            "{} does not name its variable",
            leaf.path
        );
    }
    uncommented
}

#[test]
fn the_toml_template_round_trips_every_default() {
    check_toml_round_trip(gevent());
    let uncommented = check_toml_round_trip(service());
    // Nothing is written for what has no default to write.
    let page = render_meta(service(), Format::Toml, &Options::default());
    for key in ["tag =", "url =", "ca_file =", "token ="] {
        assert!(!page.contains(key), "{key} is written:\n{page}");
    }
    assert!(!page.contains("hunter2"));
    // Filled in where it must be, the file is one the schema accepts.
    let mut document: Value = serde_json::to_value(&uncommented).unwrap();
    document["database"]["url"] = json!("postgres://db/app");
    let schema: Value = serde_json::from_str(&render_meta(service(), Format::Schema, &Options::default())).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&document).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{document:#}");
}

#[test]
fn the_toml_template_puts_groups_in_tables_and_says_what_each_setting_accepts() {
    let page = render_meta(service(), Format::Toml, &Options { order: docs_gen::Order::Source, ..Options::default() });
    assert!(page.contains(
        "\n[database]\n# The primary database.\n\n# The database's URL.\n# Accepts: a URL, such as https://example.org/; must be a postgres:// URL\n# Required: there is no default.\n# Environment variable: SVC_DATABASE_URL\n"
    ), "{page}");
    assert!(page.contains("\n[database.tls]\n"));
    assert!(page.contains(
        "# Connections kept open; see database.url.\n# Formerly database.size (SVC_DATABASE_SIZE), which still works with a warning.\n# Accepts: a whole number, between 1 and 256\n# Environment variable: SVC_DATABASE_POOL_SIZE\n# pool_size = 10\n"
    ));
    assert!(page.contains("# Accepts: one of error, warn (or warning), info\n"));
    assert!(page.contains("# Accepts: a boolean: true, 1, yes or on; false, 0, no or off\n"));
    assert!(page.contains("# Accepts: a whole number of bytes, optionally suffixed kb, mb or gb\n# Environment variable: SVC_MAX_BODY\n# max_body = \"1mb\"\n"));
    assert!(page.contains("# retry_delays = [\"100ms\", \"1s\"]\n"));
    assert!(page.contains("# greeting = \"hello \\\"world\\\" $HOME \\\\o/ # not a comment\"\n"));
    assert!(page.contains("# Default: this build's version (computed by the program)\n"));
    assert!(page.contains("# Deprecated since 2.0: Prefer the database.tls.ca_file setting.\n"));
    assert!(page.contains("# Takes effect only at start.\n"));
    // The root's settings come before any table, so that each lands at the top.
    let first_table = page.find("\n[").unwrap();
    assert!(page.find("# listen = ").unwrap() < first_table);
}

/// Each `# NAME=value` line, uncommented, as `dotenvy` reads it.
fn env_assignments(page: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| {
            l.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            })
        })
        .collect();
    let text = lines.join("\n");
    dotenvy::from_read_iter(text.as_bytes()).collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The default as its variable spells it, when reading that gives it back.
fn expected_env(leaf: &Leaf) -> Option<String> {
    let setting = leaf.setting;
    if setting.secret || setting.required {
        return None;
    }
    match setting.default.value {
        Literal::Bool(b) => Some(b.to_string()),
        Literal::Number(n) => Some(n.to_owned()),
        Literal::Str(s) => Some(s.to_owned()),
        Literal::List(items) => Some(items.join(",")),
        _ => None,
    }
}

/// `all_written`: every default that can be written is (none holds what a
/// variable cannot spell).
fn check_env_round_trip(meta: &'static StructMeta, all_written: bool) {
    let page = render_meta(meta, Format::Env, &Options::default());
    let read = env_assignments(&page);
    let leaves = documented(meta);
    for (name, value) in &read {
        let leaf = leaves.iter().find(|l| *l.env == *name).unwrap_or_else(|| panic!("{name} is no setting"));
        assert_eq!(Some(value), expected_env(leaf).as_ref(), "{name}:\n{page}");
        // A list reads back as its items, by the setting's own rules.
        if let Literal::List(items) = leaf.setting.default.value {
            let back: Vec<&str> = match leaf.setting.rules.list_items {
                config_core::meta::ListItems::Trimmed => config_parse::list_items_trimmed(value).collect(),
                config_core::meta::ListItems::AsGiven => config_parse::list_items_as_given(value).collect(),
            };
            assert_eq!(back, items, "{name}");
        }
    }
    for leaf in &leaves {
        let written = read.iter().any(|(name, _)| *name == *leaf.env);
        let expected = expected_env(leaf).is_some();
        assert!(written == expected || (!all_written && !written), "{}: written {written}:\n{page}", leaf.env);
        assert!(page.contains(&*leaf.env), "{} is not named", leaf.env);
    }
}

#[test]
fn every_env_assignment_reads_back_as_the_default() {
    check_env_round_trip(service(), true);
    check_env_round_trip(gevent(), true);
}

/// The defects as reported: uncommenting `# GEVENT_RESOLVER_NAMESERVERS=`
/// set a list holding one empty nameserver, `# GEVENT_BACKEND=` a list of
/// one empty name, a secret's line set it to "".
#[test]
fn no_empty_assignment_is_left_to_uncomment() {
    for meta in [gevent(), service()] {
        let page = render_meta(meta, Format::Env, &Options::default());
        assert!(page.lines().all(|l| !l.ends_with('=')), "{page}");
    }
    let page = render_meta(gevent(), Format::Env, &Options::default());
    for name in ["GEVENT_RESOLVER_NAMESERVERS", "GEVENT_BACKEND", "GEVENTARES_SERVERS", "GEVENT_MONITOR_MEMORY_MAX"] {
        assert!(page.contains(&format!("\n# Variable: {name}. Unset by default.\n")), "{name}:\n{page}");
    }
    let page = render_meta(service(), Format::Env, &Options::default());
    assert!(
        page.contains("\n# Variable: SVC_CACHE_TOKEN. Default: <redacted> (a secret: no value is written here)\n"),
        "{page}"
    );
    assert!(page.contains("\n# Variable: SVC_DATABASE_URL. Required: there is no default.\n"), "{page}");
    assert!(
        page.contains("\n# Variable: SVC_TAG. Default: this build's version (computed by the program)\n"),
        "{page}"
    );
}

#[test]
fn the_env_template_says_what_each_setting_accepts() {
    let page = render_meta(gevent(), Format::Env, &Options::default());
    assert!(page.contains(
        "# Accepts: a comma-separated preference list of shorthands or registered paths (package.module.Item); shorthands: ares, thread, block, dnspython\n"
    ));
    assert!(page.contains("# Accepts: a boolean: true, 1, yes or on; false, 0, no or off\n"));
    assert!(page.contains("# Accepts: a whole number of bytes, optionally suffixed kb, mb or gb, greater than 0\n"));
    let page = render_meta(service(), Format::Env, &Options::default());
    assert!(page.contains("# Accepts: one of error, warn (or warning), info\n# SVC_LOG_LEVEL=info\n"), "{page}");
    assert!(page.contains(
        "# Accepts: a comma-separated list of text items, of length 1 to 8\n# SVC_ALLOWED_HOSTS=localhost,example.org\n"
    ));
    assert!(page.contains(
        "# Accepts: a duration such as 30s, 500ms, 2.5s or 1h30m (a bare number is seconds), between 1s and 1h\n"
    ));
}

/// A default that the variable cannot spell so that it reads back (a list
/// item holding a comma, or spaces the standard rules trim; a backtick,
/// which `.env` readers do not unescape) has no line; TOML writes them all.
#[test]
fn defaults_a_variable_cannot_spell_get_no_env_line_but_a_toml_one() {
    let mut value: Value = serde_json::from_str(include_str!("fixtures/service.json")).unwrap();
    value["settings"][5]["default"]["value"] = json!(["a,b", "c"]);
    value["settings"][6]["default"]["value"] = json!([" 1s", "2s"]);
    value["settings"][7]["default"]["value"] = json!("tick `tock` \u{202e}");
    let meta = StructMeta::from_json(&value.to_string()).unwrap();
    let env = render_meta(meta, Format::Env, &Options::default());
    for name in ["SVC_ALLOWED_HOSTS", "SVC_RETRY_DELAYS", "SVC_GREETING"] {
        assert!(env.contains(&format!("\n# Variable: {name}. Default: ")), "{name}:\n{env}");
    }
    check_env_round_trip(meta, false);
    check_toml_round_trip(meta);
    let toml = render_meta(meta, Format::Toml, &Options::default());
    assert!(toml.contains("# greeting = \"tick `tock` \\u202E\"\n"), "{toml}");
}
