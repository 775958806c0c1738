//! Settings as command-line flags (the `clap` feature): an application's
//! own parser carries them, help comes from the doc comments, values are
//! checked with every other source's, and `--set` reaches any setting.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use config_core::cli::SettingsArgs;
use config_core::{Origin, Settings, Warning};

/// A database.
#[derive(Clone, Debug, Settings)]
pub struct Database {
    /// Connections kept open. More wait.
    #[setting(default = 10, range = 1..=256, alias = "size")]
    pub pool_size: u32,
}

/// An application.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "FLAGS_")]
pub struct App {
    /// How long a request may take.
    #[setting(default = "30s")]
    pub request_timeout: Duration,
    /// Where data is kept.
    #[setting(default = "/var/lib/app")]
    pub data_dir: PathBuf,
    /// Internal.
    #[setting(default = 1, hidden)]
    pub internal: u32,
    /// The database.
    #[setting(nested)]
    pub database: Database,
}

/// The application's own command line, with the settings flattened in.
#[derive(Parser)]
#[command(name = "app")]
struct Cli {
    /// Print more.
    #[arg(long)]
    verbose: bool,
    #[command(flatten)]
    settings: SettingsArgs<App>,
}

fn load(argv: &[&str]) -> Result<config_core::Loaded<App>, config_core::Problems> {
    let cli = Cli::try_parse_from(std::iter::once("app").chain(argv.iter().copied())).unwrap();
    App::builder().source([("FLAGS_REQUEST_TIMEOUT", "10s")]).flags(&cli.settings).load()
}

#[test]
fn flags_beside_the_applications_own_and_their_origins() {
    let cli =
        Cli::try_parse_from(["app", "--verbose", "--database-pool-size", "20", "--request-timeout", "1m"]).unwrap();
    assert!(cli.verbose);
    let config = App::builder().flags(&cli.settings).load().unwrap();
    assert_eq!((config.database.pool_size, config.request_timeout), (20, Duration::from_secs(60)));
    assert_eq!(config.origin("database.pool_size"), Ok(Origin::CommandLine { arg: "--database-pool-size".into() }));
}

#[test]
fn the_command_line_beats_the_environment_and_the_last_flag_wins() {
    let config = load(&["--request-timeout", "1m", "--set", "request_timeout=2m"]).unwrap();
    assert_eq!(config.request_timeout, Duration::from_secs(120));
    let config = load(&["--set", "request_timeout=2m", "--request-timeout", "1m"]).unwrap();
    assert_eq!(config.request_timeout, Duration::from_secs(60), "the last one given, flag or --set");
    let config = load(&[]).unwrap();
    assert_eq!(config.request_timeout, Duration::from_secs(10), "the environment, without a flag");
}

#[test]
fn bad_values_are_reported_with_the_others_not_by_clap() {
    let problems = load(&["--database-pool-size", "0", "--request-timeout", "soon", "--set", "oops"]).unwrap_err();
    let text = problems.to_string();
    assert!(text.contains("--database-pool-size=\"0\": invalid value for setting `database.pool_size`"), "{text}");
    assert!(text.contains("--request-timeout=\"soon\": invalid value for setting `request_timeout`"), "{text}");
    assert!(text.contains("--set oops: no `=`: expected `name=value`"), "{text}");
}

#[test]
fn a_former_name_still_works_as_a_flag_with_a_warning() {
    let config = load(&["--database-size", "30"]).unwrap();
    assert_eq!(config.database.pool_size, 30);
    assert!(
        config.warnings().iter().any(|w| matches!(w, Warning::Renamed { old, setting, .. } if (*old, *setting) == ("database.size", "database.pool_size"))),
        "{:?}",
        config.warnings()
    );
}

#[test]
fn help_comes_from_the_doc_comments_and_hides_what_is_hidden() {
    let help = Cli::command().render_long_help().to_string();
    assert!(help.contains("--database-pool-size <NUMBER>"), "{help}");
    assert!(help.contains("[database] Connections kept open."), "the group says which: {help}");
    assert!(!help.contains("More wait"), "only the first sentence: {help}");
    assert!(help.contains("--request-timeout <DURATION>"), "{help}");
    assert!(help.contains("--set <NAME=VALUE>"), "{help}");
    assert!(!help.contains("--internal"), "{help}");
    assert!(!help.contains("--database-size"), "a former name is not advertised: {help}");
}

#[test]
fn a_path_that_is_not_utf8_keeps_its_bytes() {
    let path = OsString::from_vec(b"/srv/caf\xe9".to_vec());
    let mut argv = vec![OsString::from("app"), OsString::from("--data-dir"), path.clone()];
    let config = App::builder().argv(argv.clone()).load().unwrap();
    assert_eq!(config.data_dir, PathBuf::from(path.clone()));
    argv.truncate(1);
    argv.extend([OsString::from("--set"), OsString::from_vec(b"data_dir=/srv/caf\xe9".to_vec())]);
    let config = App::builder().argv(argv).load().unwrap();
    assert_eq!(config.data_dir, PathBuf::from(path));
}

/// A secret given as a flag: its origin names the flag only.
#[derive(Clone, Debug, Settings)]
pub struct Login {
    /// The password.
    #[setting(secret, default = "")]
    pub password: String,
}

#[test]
fn a_secret_flag_is_named_not_shown() {
    let config = Login::builder().argv(["app", "--password", "hunter2"]).load().unwrap();
    let shown = format!(
        "{} {} {}",
        config.origin("password").unwrap(),
        serde_json::to_string(&config).unwrap(),
        config.explain("password").unwrap()
    );
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("command-line argument --password"), "{shown}");
}
