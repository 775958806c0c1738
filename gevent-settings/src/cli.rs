//! The `gevent-config` command: the settings command every application of
//! the framework gets (`show`, `check`, `explain`, `docs`, `schema`,
//! `template`, `metadata`, from `config-cli`), plus `help`, which prints
//! every setting as `python -m gevent._config` does, and `--file` to read a
//! TOML configuration file under the environment.
//!
//! Everything here takes the environment as a [`Source`] and writes to the
//! given streams, so that it is tested without touching the process.
//! Every output goes through one rule, [`config_core::escape`].

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use config_cli::SettingsCommand;
use config_core::{Builder, Settings, Source, escape};
use docs_gen::{Format, Options, Order};

use crate::Config;

pub use config_cli::{ShowFormat, TemplateFormat};

/// Shows, checks and documents gevent's configuration.
#[derive(Debug, Parser)]
#[command(name = "gevent-config", version, disable_help_subcommand = true)]
pub struct Cli {
    /// A TOML configuration file, read below the environment (a variable
    /// set in the environment wins over the file).
    #[arg(long, value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every application's settings command.
    #[command(flatten)]
    Settings(SettingsCommand),
    /// Print every setting's name and description, hidden ones too, as
    /// `python -m gevent._config` does.
    Help,
}

impl Cli {
    /// A command line with no `--file`.
    pub fn new(command: Command) -> Self {
        Cli { file: None, command }
    }
}

/// How gevent's pages name themselves, as gevent's own docs do: the module
/// `gevent._config` and the label `gevent-configuration`.
pub fn docs_options() -> Options {
    Options {
        module: Some("gevent._config".to_owned()),
        label: Some("gevent-configuration".to_owned()),
        ..Options::default()
    }
}

/// The sources `gevent-config` reads: the `--file`, if given, under the
/// environment `source`.
pub fn builder<S: Source + Send + Sync + 'static>(cli: &Cli, source: S) -> Builder<Config> {
    let builder = Config::builder();
    let builder = match &cli.file {
        Some(file) => builder.file(file),
        None => builder,
    };
    builder.source(source)
}

/// Runs `cli` against `source`, writing to `out` and `err`; returns the
/// exit status.
pub fn run<S: Source + Send + Sync + 'static>(
    cli: &Cli,
    source: S,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    match &cli.command {
        Command::Settings(command) => command.run_with(&builder(cli, source), &docs_options(), out, err),
        Command::Help => {
            out.write_all(escape::terminal_lines(&help()).as_bytes())?;
            Ok(0)
        }
    }
}

/// The text `gevent-config help` prints: every setting, hidden ones too, in
/// declaration order, as `python -m gevent._config` prints them.
pub fn help() -> String {
    docs_gen::render::<Config>(
        Format::Text,
        &Options { order: Order::Source, include_hidden: true, ..Options::default() },
    )
}

/// The effective configuration as a table (see [`config_cli::table`]).
pub fn table<C: Settings>(loaded: &config_core::Loaded<C>) -> String {
    config_cli::table(loaded)
}
