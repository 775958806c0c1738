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
        "VAULT_TOKEN=<redacted>: invalid value for setting `token`: a token starts with tok_; expected any text, accepted by `token_shape`"
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
    let (problems, _) = LOGGED.load_from(&[("LOGGED_VAULT_PIN", "0")]);
    assert_eq!(problems.len(), 1);
    assert_eq!(LOGGED.get().pin, 5);
    let lines = LOGGER.0.lock().unwrap().clone();
    assert!(!lines.is_empty());
    for line in lines {
        assert!(!line.contains("\"0\""), "{line}");
        assert!(line.contains("<redacted>"), "{line}");
    }
}
