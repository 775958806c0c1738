//! A secret setting's value reaches no output: not `Debug`, not the JSON of
//! the settings, not an error, not a log line, not the metadata the docs
//! are made from. One test per path.

use std::sync::Mutex;

use config_core::{Global, Loaded, REDACTED, Settings};

use log::{Log, Metadata, Record};

const SECRET: &str = "hunter2-s3cr3t";

#[derive(Clone, Settings)]
#[settings(env_prefix = "VAULT_")]
pub struct Vault {
    /// The password.
    #[setting(secret, default = "hunter2-s3cr3t")]
    pub password: String,
    /// A token that must look like one.
    #[setting(secret, validate = token_shape)]
    pub token: Option<String>,
    /// Not secret.
    #[setting(default = 3)]
    pub retries: u32,
}

fn token_shape(token: &str) -> Result<(), String> {
    if token.starts_with("tok_") { Ok(()) } else { Err("a token starts with tok_".to_owned()) }
}

fn loaded() -> Loaded<Vault> {
    Vault::from_source(&[("VAULT_TOKEN", "tok_hunter2-s3cr3t")]).unwrap()
}

#[test]
fn debug_redacts() {
    let text = format!("{:?}", loaded());
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("\"password\": <redacted> (default)"), "{text}");
    assert!(text.contains("\"token\": <redacted> (environment)"), "{text}");
}

#[test]
fn json_and_the_value_view_redact() {
    let config = loaded();
    let json = serde_json::to_string(&config).unwrap();
    assert!(!json.contains(SECRET), "{json}");
    assert!(json.contains(r#""token":{"value":"<redacted>""#), "{json}");
    for state in config.iter() {
        assert!(!state.shown().contains(SECRET));
    }
    // The value itself is the program's to read.
    assert_eq!(config.password, SECRET);
}

#[test]
fn errors_redact() {
    let problems = Vault::from_source(&[("VAULT_TOKEN", "hunter2-s3cr3t")]).unwrap_err();
    let text = problems.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert_eq!(
        text,
        "VAULT_TOKEN=<redacted>: invalid value for setting `token`: a token starts with tok_; expected any text"
    );
    let mut config = loaded();
    let error = config.set("token", "hunter2-s3cr3t").unwrap_err().to_string();
    assert!(!error.contains(SECRET), "{error}");
    let problems = config.update(|v| v.token = Some(SECRET.to_owned())).unwrap_err();
    assert!(!problems.to_string().contains(SECRET));
}

#[test]
fn the_metadata_holds_no_secret_default() {
    let json = serde_json::to_string(Vault::META).unwrap();
    assert!(!json.contains(SECRET), "{json}");
    let password = Vault::META.setting("password").unwrap();
    assert_eq!(password.default_text(config_core::meta::Notation::Rust), REDACTED);
}

struct Capture(Mutex<Vec<String>>);

impl Log for Capture {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }
    fn log(&self, record: &Record) {
        self.0.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

static LOGGER: Capture = Capture(Mutex::new(Vec::new()));

#[derive(Clone, Settings)]
#[settings(env_prefix = "LOGGED_VAULT_")]
pub struct Logged {
    /// A secret the first load rejects and logs.
    #[setting(secret, default = 5, positive)]
    pub pin: u32,
}

#[test]
fn logs_redact() {
    log::set_logger(&LOGGER).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    // A Global's lenient load logs what it rejects: here a secret.
    static LOGGED: Global<Logged> = Global::new();
    // A strict start fails without logging; the first read then loads
    // leniently from the same sources, reports on stderr and logs.
    let problems = LOGGED.init(Logged::builder().source([("LOGGED_VAULT_PIN", "0")])).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(!problems.to_string().contains("\"0\""), "{problems}");
    assert_eq!(LOGGED.get().pin, 5);
    assert_eq!(LOGGED.first_load_problems().len(), 1);
    let lines = LOGGER.0.lock().unwrap().clone();
    assert!(!lines.is_empty());
    for line in lines {
        assert!(!line.contains("\"0\""), "{line}");
        assert!(line.contains("<redacted>"), "{line}");
    }
}

#[derive(Clone, Settings)]
#[settings(env_prefix = "PIN_")]
pub struct Pins {
    /// A secret number.
    #[setting(secret, default = 1234)]
    pub pin: u16,
    /// A secret size.
    #[setting(secret, bytes, default = "7kb")]
    pub quota: u64,
    /// A secret list.
    #[setting(secret)]
    pub keys: Vec<String>,
}

#[test]
fn a_rejected_secret_number_is_not_repeated_in_the_reason() {
    let problems = Pins::from_source(&[("PIN_PIN", "99999")]).unwrap_err();
    let text = problems.to_string();
    assert!(!text.contains("99999"), "{text}");
    assert_eq!(
        text,
        "PIN_PIN=<redacted>: invalid value for setting `pin`: out of range (0 to 65535); expected a whole number"
    );
}

#[test]
fn setting_state_debug_redacts() {
    let config = Pins::from_source(&[("PIN_PIN", "4321"), ("PIN_KEYS", "alpha,beta")]).unwrap();
    for state in config.iter() {
        let debug = format!("{state:?}");
        for secret in ["4321", "alpha", "7168", "7kb"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
    let debug = format!("{config:?}");
    assert!(!debug.contains("4321") && !debug.contains("alpha"), "{debug}");
}

#[test]
fn a_secrets_written_default_is_not_in_the_metadata() {
    let json = serde_json::to_string(Pins::META).unwrap();
    for secret in ["7kb", "1234", "7168"] {
        assert!(!json.contains(secret), "{json}");
    }
    for setting in Pins::META.settings {
        assert_eq!(setting.default_text(Pins::META.notation), "<redacted>");
    }
}

#[test]
fn explain_redacts_every_raw_value() {
    let config = Pins::builder().source([("PIN_PIN", "4321"), ("PIN_KEYS", "x")]).load().unwrap();
    let explanation = config.explain("pin").unwrap();
    let text = format!("{explanation} {}", serde_json::to_string(&explanation).unwrap());
    assert!(!text.contains("4321") && !text.contains("1234"), "{text}");
    assert!(text.contains("<redacted>"), "{text}");
}

/// A value from the command line is named by its flag, never shown in its
/// origin: `show`, JSON, `explain` and errors print origins.
#[test]
fn a_secret_from_the_command_line_is_not_in_its_origin() {
    let mut args = config_core::CommandLine::new();
    args.push_assignment(std::ffi::OsStr::new("token=tok_hunter2-s3cr3t")).unwrap();
    let config = Vault::builder().args(args).load().unwrap();
    let origin = config.origin("token").unwrap();
    let shown = format!(
        "{origin} {} {} {:?}",
        serde_json::to_string(&config).unwrap(),
        config.explain("token").unwrap(),
        config
    );
    assert!(!shown.contains(SECRET), "{shown}");
    assert_eq!(origin.to_string(), "command-line argument --set token");

    let mut args = config_core::CommandLine::new();
    args.push_assignment(std::ffi::OsStr::new("token=hunter2-s3cr3t")).unwrap();
    let problems = Vault::builder().args(args).load().unwrap_err().to_string();
    assert!(!problems.contains(SECRET), "{problems}");
    assert!(problems.contains("--set token=<redacted>: invalid value for setting `token`"), "{problems}");
}

/// An unset secret reads as unset everywhere: no value gives nothing away,
/// and `<redacted>` would suggest there is one.
#[test]
fn an_unset_secret_shows_as_none() {
    let config = Vault::from_source(&[("VAULT_RETRIES", "1")]).unwrap();
    let token = config.iter().find(|s| s.name == "token").unwrap();
    assert_eq!(token.shown(), "None");
    assert_eq!(config.explain("token").unwrap().value, "None");
    let json: serde_json::Value = serde_json::to_value(&config).unwrap();
    assert_eq!(
        (&json["token"]["value"], &json["password"]["value"]),
        (&serde_json::Value::Null, &serde_json::json!(REDACTED))
    );
    let password = config.iter().find(|s| s.name == "password").unwrap();
    assert_eq!(password.shown(), REDACTED, "a value, even a default, is never shown");
}

/// A key whose parser quotes what it was given, as many `FromStr` errors do.
#[derive(Clone, Debug, PartialEq)]
pub struct Key(String);

impl std::str::FromStr for Key {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        if text.starts_with("key_") { Ok(Key(text.to_owned())) } else { Err(format!("`{text}` is not a key")) }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Secrets checked by code that quotes the value.
#[derive(Clone, Settings)]
#[settings(env_prefix = "QUOTED_")]
pub struct Quoted {
    /// Parsed by a `FromStr` that quotes it.
    #[setting(secret, from_str)]
    pub key: Option<Key>,
    /// Checked by a validator that quotes it.
    #[setting(secret, validate = quotes)]
    pub token: Option<String>,
}

fn quotes(token: &str) -> Result<(), String> {
    if token.len() > 20 { Ok(()) } else { Err(format!("`{token}` is too short")) }
}

#[test]
fn a_reason_that_quotes_a_secret_does_not_show_it() {
    let error = Quoted::from_source(&[("QUOTED_KEY", SECRET), ("QUOTED_TOKEN", SECRET)]).err().unwrap();
    let text = error.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("`<redacted>` is not a key"), "{text}");
    assert!(text.contains("`<redacted>` is too short"), "{text}");
    let mut loaded = Quoted::from_source(&[("QUOTED_KEY", "key_1")]).unwrap();
    let error = loaded.set("token", SECRET).unwrap_err().to_string();
    assert!(!error.contains(SECRET), "{error}");
}
