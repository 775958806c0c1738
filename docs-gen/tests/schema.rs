//! The `schema` format, checked with a real JSON Schema validator: the
//! schema is valid by the draft 2020-12 meta-schema; configuration files that
//! `config-core` reads validate; files it would reject (or warn of) fail, at
//! the place the error is.

use config_core::meta::StructMeta;
use docs_gen::{Format, Options, render_meta};
use serde_json::{Value, json};

fn service() -> &'static StructMeta {
    StructMeta::from_json(include_str!("fixtures/service.json")).unwrap()
}

fn schema_of(meta: &'static StructMeta) -> Value {
    serde_json::from_str(&render_meta(meta, Format::Schema, &Options::default())).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).unwrap()
}

/// The instance paths of every error in `document`.
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| e.instance_path().as_str().to_owned()).collect()
}

/// A file that sets every kind of setting the fixture has, as a person
/// would write it.
fn good() -> Value {
    json!({
        "listen": "127.0.0.1:9000",
        "request_timeout": "1m30s",
        "log_level": "warning",
        "workers": 8,
        "max_body": "64mb",
        "allowed_hosts": ["a.example", "b.example"],
        "retry_delays": "100ms, 2.5s",
        "greeting": "hi",
        "ratio": 0.5,
        "debug": true,
        "tag": "1.2.3",
        "internal": 7,
        "database": {
            "url": "postgres://db/app",
            "pool_size": 20,
            "tls": {"ca_file": "/etc/ssl/ca.pem", "verify": false}
        },
        "cache": {"ttl": 300, "token": "s3cret"}
    })
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    for meta in [service(), StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap()] {
        let schema = schema_of(meta);
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{e}\n{schema:#}"));
    }
    let schema = schema_of(service());
    assert_eq!(schema["title"], "Service settings");
    assert_eq!(schema["description"], "A small service's settings.");
    assert_eq!(schema["additionalProperties"], false);
    // `database.url` is required, but a secret: not asked of a file.
    assert!(schema.get("required").is_none(), "{schema:#}");
}

/// A required setting that is not a secret must be in the file.
#[derive(Clone, config_core::Settings)]
pub struct Job {
    /// Where to send the report.
    #[setting(required)]
    pub recipient: String,
    /// The job's queue.
    #[setting(nested)]
    pub queue: Queue,
}

/// A queue.
#[derive(Clone, config_core::Settings)]
pub struct Queue {
    /// Its name.
    #[setting(required)]
    pub name: String,
    /// Its password.
    #[setting(required, secret)]
    pub password: String,
}

#[test]
fn required_settings_are_required_unless_secret() {
    let schema = schema_of(<Job as config_core::Settings>::META);
    assert_eq!(schema["required"], json!(["recipient", "queue"]));
    assert_eq!(schema["properties"]["queue"]["required"], json!(["name"]));
    let validator = validator(&schema);
    assert!(validator.is_valid(&json!({"recipient": "ops@example.org", "queue": {"name": "jobs"}})));
    assert_eq!(errors(&validator, &json!({"recipient": "ops@example.org", "queue": {}})), ["/queue"]);
    assert_eq!(errors(&validator, &json!({"queue": {"name": "jobs"}})), [""]);
}

#[test]
fn each_setting_says_its_type_default_variable_and_status() {
    let schema = schema_of(service());
    let p = &schema["properties"];
    assert_eq!(p["workers"]["type"], "integer");
    assert_eq!(p["workers"]["exclusiveMinimum"], 0);
    assert_eq!(p["workers"]["maximum"], 65535, "a u16");
    assert_eq!(p["workers"]["default"], 4);
    assert_eq!(p["workers"]["x-env"], "SVC_WORKERS");
    assert_eq!(p["workers"]["description"], "Worker threads.");
    assert_eq!(p["internal"]["minimum"], 0, "a u8");
    assert_eq!(
        p["ratio"],
        json!({"type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.25,
        "description": "A sampling ratio.", "x-env": "SVC_RATIO"})
    );
    assert_eq!(p["debug"]["type"], "boolean");
    assert_eq!(p["greeting"]["minLength"], 1);
    assert_eq!(p["allowed_hosts"]["anyOf"][0]["maxItems"], 8);
    assert_eq!(p["allowed_hosts"]["default"], json!(["localhost", "example.org"]));
    assert_eq!(p["request_timeout"]["anyOf"][1], json!({"type": "number", "minimum": 1.0, "maximum": 3600.0}));
    assert_eq!(p["timeout"]["deprecated"], true, "a former name is a deprecated property");
    assert_eq!(p["log_level"]["oneOf"][2], json!({"const": "warning", "description": "Another name for `warn`."}));
    assert!(p["tag"].get("default").is_none(), "a default only the program knows");
    assert!(p["tag"]["description"].as_str().unwrap().ends_with("Accepts a semantic version."));
    let db = &p["database"];
    assert!(db.get("required").is_none(), "a secret is not asked of a file");
    assert_eq!(db["description"], "The primary database. Its url is required.");
    assert_eq!(db["properties"]["url"]["writeOnly"], true);
    assert!(db["properties"]["url"].get("default").is_none());
    assert_eq!(db["properties"]["pool_size"]["x-env"], "SVC_DATABASE_POOL_SIZE");
    assert_eq!(db["properties"]["tls"]["properties"]["verify"]["deprecated"], true);
    let token = &p["cache"]["properties"]["token"];
    assert!(token.get("default").is_none() && token["writeOnly"] == true, "{token}");
    assert!(!render_meta(service(), Format::Schema, &Options::default()).contains("hunter2"));
}

#[test]
fn good_files_validate() {
    let validator = validator(&schema_of(service()));
    assert_eq!(errors(&validator, &good()), Vec::<String>::new());
    // Other spellings config-core reads: numbers for durations and byte
    // counts, strings for lists, a former name, the least file.
    let mut other = good();
    other["request_timeout"] = json!(45);
    other["max_body"] = json!(1024);
    other["allowed_hosts"] = json!("a.example,b.example");
    other["timeout"] = other["request_timeout"].take();
    other.as_object_mut().unwrap().remove("request_timeout");
    assert_eq!(errors(&validator, &other), Vec::<String>::new());
    assert_eq!(errors(&validator, &json!({"database": {"url": "postgres://x"}})), Vec::<String>::new());
}

#[test]
fn the_documented_defaults_validate() {
    let schema = schema_of(service());
    let validator = validator(&schema);
    fn defaults(object: &Value) -> Value {
        let mut out = serde_json::Map::new();
        for (key, property) in object["properties"].as_object().unwrap() {
            if property["type"] == "object" {
                out.insert(key.clone(), defaults(property));
            } else if let Some(default) = property.get("default") {
                out.insert(key.clone(), default.clone());
            }
        }
        Value::Object(out)
    }
    let mut document = defaults(&schema);
    document["database"]["url"] = json!("postgres://db/app");
    assert_eq!(errors(&validator, &document), Vec::<String>::new(), "{document:#}");
}

/// A mistake: what it is, how to make it in a good file, and where the
/// error must be (a JSON pointer into the file).
type Mistake = (&'static str, fn(&mut Value), &'static str);

#[test]
fn bad_files_fail_where_the_mistake_is() {
    let validator = validator(&schema_of(service()));
    let cases: &[Mistake] = &[
        ("wrong type", |d| d["workers"] = json!("four"), "/workers"),
        ("zero where positive", |d| d["workers"] = json!(0), "/workers"),
        ("out of the type's range", |d| d["workers"] = json!(70000), "/workers"),
        ("out of range", |d| d["database"]["pool_size"] = json!(0), "/database/pool_size"),
        ("excluded bound", |d| d["ratio"] = json!(1), "/ratio"),
        ("unknown key", |d| d["wrokers"] = json!(4), ""),
        ("bad enum", |d| d["log_level"] = json!("loud"), "/log_level"),
        ("bad nested key", |d| d["database"]["tls"]["verfy"] = json!(true), "/database/tls"),
        ("not a duration", |d| d["request_timeout"] = json!("30 parsecs"), "/request_timeout"),
        ("duration out of range", |d| d["request_timeout"] = json!(7200), "/request_timeout"),
        ("not a byte count", |d| d["max_body"] = json!("64 megs"), "/max_body"),
        (
            "too many items",
            |d| d["allowed_hosts"] = json!(["a", "b", "c", "d", "e", "f", "g", "h", "i"]),
            "/allowed_hosts",
        ),
        ("a bad item", |d| d["retry_delays"] = json!(["1s", "soon"]), "/retry_delays"),
        ("empty text", |d| d["greeting"] = json!(""), "/greeting"),
        ("a group as a value", |d| d["cache"] = json!(5), "/cache"),
    ];
    for &(what, change, path) in cases {
        let mut document = good();
        change(&mut document);
        let found = errors(&validator, &document);
        assert!(!found.is_empty(), "{what}: {document:#} validates");
        assert!(found.iter().all(|p| p == path), "{what}: errors at {found:?}, not {path:?}");
    }
}

/// The patterns for durations and byte counts accept what config-core's
/// parsers accept, and reject what they reject.
#[test]
fn the_text_patterns_agree_with_the_parsers() {
    let schema = schema_of(service());
    let duration = validator(&schema["properties"]["cache"]["properties"]["ttl"]["anyOf"][0]);
    let durations = [
        "30s",
        "500ms",
        "1h30m",
        "1h 30m",
        "2.5s",
        " 30s ",
        "30",
        "0.25",
        ".5",
        "5.",
        "1e-3",
        "+3",
        "1_000",
        "1 hour",
        "2days",
        "3w",
        "10us",
        "10µs",
        "1.5h",
        "-1s",
        "",
        "abc",
        "30 parsecs",
        "1.5h30m",
        "1e3s",
        "s",
        "1__0",
        "30s,",
        "nan",
        "inf",
    ];
    for text in durations {
        let parsed = config_parse::duration(text).is_ok();
        assert_eq!(duration.is_valid(&json!(text)), parsed, "duration {text:?}: the parser says {parsed}");
    }
    let bytes = validator(&schema["properties"]["max_body"]["anyOf"][1]);
    for text in
        ["64", "64mb", "64 MB", "1_024kb", " 7gb", "7 ", "+5", "-5", "64mb ", "64 megs", "kb", "1.5mb", "", "6_"]
    {
        let parsed = config_parse::byte_count(text).is_ok();
        assert_eq!(bytes.is_valid(&json!(text)), parsed, "byte count {text:?}: the parser says {parsed}");
    }
}

#[test]
fn gevents_schema_accepts_gevents_defaults_and_rejects_mistakes() {
    let gevent = StructMeta::from_json(include_str!("fixtures/gevent.json")).unwrap();
    let schema = schema_of(gevent);
    let validator = validator(&schema);
    let good = json!({"resolver": ["thread", "ares"], "threadpool": "gevent.threadpool.ThreadPool",
        "max_memory_usage": "512mb", "monitor_thread": true, "resolver_nameservers": ["8.8.8.8"], "ares_flags": "x"});
    assert_eq!(errors(&validator, &good), Vec::<String>::new());
    assert_eq!(errors(&validator, &json!({"max_blocking_time": 0})), ["/max_blocking_time"]);
    assert_eq!(errors(&validator, &json!({"loop": 3})), ["/loop"]);
    assert_eq!(schema["properties"]["resolver"]["examples"], json!(["ares", "thread", "block", "dnspython"]));
    assert_eq!(schema["properties"]["ares_timeout"]["deprecated"], true);
}
