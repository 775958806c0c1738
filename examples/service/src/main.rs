//! `service`: the example service.
//!
//! `service serve` stands in for the real thing: it prints the
//! configuration it starts with, then reloads it whenever `app.toml`,
//! `secrets/` or `.env` change and prints what changed. `service settings
//! ...` is `config-cli`'s command: show, check, explain, docs, schema,
//! template. Every setting is also a flag (`--workers 8`), and `--set
//! NAME=VALUE` sets any of them by name.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use config_cli::SettingsCommand;
use config_core::cli::SettingsArgs;
use config_core::watch::Watcher;
use config_core::{Builder, Changes, Global, Problems, escape};
use service_example::{AppConfig, Paths, docs_options, files};

/// The example service.
#[derive(Parser)]
#[command(name = "service", version)]
struct Cli {
    /// The directory holding `app.toml`, `secrets/` and `.env`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    config_dir: PathBuf,
    /// An etcd endpoint whose keys under `--etcd-prefix` configure every
    /// instance of the service (a fleet), watched while serving.
    #[cfg(feature = "etcd")]
    #[arg(long, value_name = "URL")]
    etcd: Option<String>,
    /// The etcd prefix of this service's keys: `<prefix>primary/pool_size`
    /// sets `primary.pool_size`.
    #[cfg(feature = "etcd")]
    #[arg(long, value_name = "PREFIX", default_value = "/apps/service/")]
    etcd_prefix: String,
    #[command(flatten)]
    settings: SettingsArgs<AppConfig>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run: print the configuration, then reload it when its files change,
    /// printing what changed.
    Serve {
        /// Stop after this many seconds (for demonstrations and tests).
        #[arg(long, value_name = "SECONDS")]
        stop_after: Option<u64>,
        /// A name to start each line of output with, to tell instances apart.
        #[arg(long)]
        name: Option<String>,
    },
    /// Show, check, explain and document the settings.
    #[command(subcommand)]
    Settings(SettingsCommand),
}

/// The configuration, live: read anywhere with `CONFIG.get()`.
static CONFIG: Global<AppConfig> = Global::new();

/// How long after the last change to a file the configuration is reloaded:
/// an editor's save is several events.
const DEBOUNCE: Duration = Duration::from_millis(100);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return config_cli::usage(&e),
    };
    let builder = files(&Paths::in_dir(&cli.config_dir)).env().flags(&cli.settings);
    #[cfg(feature = "etcd")]
    let etcd = cli.etcd.as_ref().map(|endpoint| config_etcd::Etcd::new(endpoint.as_str(), cli.etcd_prefix.as_str()));
    #[cfg(feature = "etcd")]
    let builder = match &etcd {
        Some(etcd) => builder.provider(etcd.clone()),
        None => builder,
    };
    let status = match &cli.command {
        Command::Serve { stop_after, name } => {
            let _ = LABEL.set(name.as_ref().map_or_else(String::new, |name| format!("[{}] ", escape::terminal(name))));
            #[cfg(feature = "etcd")]
            let serving = serve(builder, stop_after.map(Duration::from_secs), etcd.as_ref());
            #[cfg(not(feature = "etcd"))]
            let serving = serve(builder, stop_after.map(Duration::from_secs));
            serving
        }
        Command::Settings(command) => {
            command.run_with(&builder, &docs_options(), &mut io::stdout().lock(), &mut io::stderr().lock())
        }
    };
    match status {
        Ok(status) => ExitCode::from(status),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("service: {}", escape::terminal(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// What each line of output starts with (`--name`).
static LABEL: OnceLock<String> = OnceLock::new();

fn label() -> &'static str {
    LABEL.get().map_or("", String::as_str)
}

fn serve(
    builder: Builder<AppConfig>,
    stop_after: Option<Duration>,
    #[cfg(feature = "etcd")] etcd: Option<&config_etcd::Etcd>,
) -> io::Result<u8> {
    if let Err(problems) = CONFIG.init(builder) {
        eprintln!("{}service: the configuration has problems, not starting:\n{problems}", label());
        return Ok(1);
    }
    // `listen` and `workers` are frozen: read once here, a later change is
    // refused and reported with this line.
    let listen = CONFIG.read(|c| &c.listen);
    let workers = CONFIG.read(|c| &c.workers);
    // Watching starts before the service says it is up: a change made
    // after that line is never missed.
    let _watcher = Watcher::start(&CONFIG, DEBOUNCE, report).map_err(io::Error::other)?;
    #[cfg(feature = "etcd")]
    let _etcd = match etcd {
        Some(etcd) => Some(config_etcd::watch(&CONFIG, etcd, report).map_err(io::Error::other)?),
        None => None,
    };
    println!("{}service: listening on {listen} with {workers} workers", label());
    print!("{}", config_cli::table(&CONFIG.get()));
    io::stdout().flush()?;
    let started = Instant::now();
    while stop_after.is_none_or(|limit| started.elapsed() < limit) {
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(0)
}

/// Prints what a reload did: each new value with its origin, each refused
/// change, or why the last good configuration was kept.
fn report(outcome: Result<Changes, Problems>) {
    let mut out = io::stdout().lock();
    let _ = match outcome {
        Ok(changes) => print_changes(&mut out, &changes),
        Err(problems) => writeln!(out, "{}reload: kept the last good configuration:\n{problems}", label()),
    };
    let _ = out.flush();
}

fn print_changes(out: &mut dyn Write, changes: &Changes) -> io::Result<()> {
    for change in &changes.changed {
        // The value is shown as `show` shows it: escaped, a secret redacted.
        let origin = escape::terminal(&change.new.to_string()).into_owned();
        writeln!(out, "{}reload: {} = {} ({origin})", label(), change.setting, change.now)?;
    }
    for refused in &changes.refused {
        writeln!(out, "{}reload: refused: {refused}", label())?;
    }
    for warning in &changes.warnings {
        writeln!(out, "{}reload: warning: {}", label(), escape::terminal(&warning.to_string()))?;
    }
    Ok(())
}
