//! A service that reads its settings from etcd and prints every change as
//! it happens (see the crate's README for a two-process demonstration).
//!
//! ```text
//! cargo run -p config-etcd --example watch -- [--name NAME] [--for SECONDS] [ENDPOINT [PREFIX]]
//! ```
//!
//! ENDPOINT defaults to `http://127.0.0.1:2379`, PREFIX to `/apps/demo/`.
//! The environment (`DEMO_WORKERS=2`) overrides etcd, as it would in a real
//! service.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use config_core::{Global, Settings};
use config_etcd::Etcd;

/// The demo service's settings.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "DEMO_")]
pub struct Demo {
    /// Worker threads.
    #[setting(default = 4, range = 1..=64)]
    pub workers: u32,
    /// How long a request may take.
    #[setting(default = "30s")]
    pub request_timeout: Duration,
    /// The greeting each response starts with.
    #[setting(default = "hello")]
    pub greeting: String,
    /// The database.
    #[setting(nested)]
    pub database: Database,
}

/// The demo service's database.
#[derive(Clone, Debug, Settings)]
pub struct Database {
    /// Connections kept open.
    #[setting(default = 10, range = 1..=256)]
    pub pool_size: u32,
    /// The password.
    #[setting(secret, default = "")]
    pub password: String,
}

static DEMO: Global<Demo> = Global::new();

struct Args {
    name: String,
    seconds: Option<u64>,
    endpoint: String,
    prefix: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        name: std::process::id().to_string(),
        seconds: None,
        endpoint: "http://127.0.0.1:2379".to_owned(),
        prefix: "/apps/demo/".to_owned(),
    };
    let mut positional = Vec::new();
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--name" => args.name = iter.next().ok_or("--name needs a value")?,
            "--for" => {
                let seconds = iter.next().ok_or("--for needs a number of seconds")?;
                args.seconds = Some(seconds.parse().map_err(|_| format!("--for {seconds:?}: not a number"))?);
            }
            _ => positional.push(arg),
        }
    }
    let mut positional = positional.into_iter();
    if let Some(endpoint) = positional.next() {
        args.endpoint = endpoint;
    }
    if let Some(prefix) = positional.next() {
        args.prefix = prefix;
    }
    Ok(args)
}

/// Every setting's value as it may be printed (secrets redacted).
fn shown_values() -> HashMap<&'static str, String> {
    DEMO.get().iter().map(|state| (state.name, state.shown())).collect()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(error) => {
            eprintln!("watch: {error}");
            return ExitCode::from(2);
        }
    };
    let etcd = Etcd::new(&args.endpoint, &args.prefix);
    let name = args.name;
    if let Err(problems) = DEMO.init(Demo::builder().provider(etcd.clone()).env()) {
        eprintln!("[{name}] cannot start: {problems}");
        return ExitCode::FAILURE;
    }
    for state in DEMO.get().iter() {
        println!("[{name}] {} = {} ({})", state.name, state.shown(), state.origin);
    }
    let previous = Mutex::new(shown_values());
    let printer = name.clone();
    let watch = config_etcd::watch(&DEMO, &etcd, move |outcome| match outcome {
        Ok(changes) => {
            let now = shown_values();
            let mut previous = previous.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for change in &changes.changed {
                let (old, new) = (&previous[change.setting], &now[change.setting]);
                if old == new {
                    println!("[{printer}] {}: {new}, unchanged, now from {}", change.setting, change.new);
                } else {
                    println!("[{printer}] {}: {old} -> {new} (from {})", change.setting, change.new);
                }
            }
            for refused in &changes.refused {
                println!("[{printer}] {refused}");
            }
            *previous = now;
        }
        Err(problems) => println!("[{printer}] rejected, the last good configuration stays: {problems}"),
    });
    let _watch = match watch {
        Ok(watch) => watch,
        Err(error) => {
            eprintln!("[{name}] cannot watch: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("[{name}] watching {} at {}", etcd.prefix(), args.endpoint);
    match args.seconds {
        Some(seconds) => std::thread::sleep(Duration::from_secs(seconds)),
        None => loop {
            std::thread::park();
        },
    }
    ExitCode::SUCCESS
}
