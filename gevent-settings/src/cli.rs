//! The `gevent-config` command: show the effective configuration, check
//! the environment, print the settings' help or their metadata.
//!
//! Everything here takes the environment as a [`Source`] and writes to the
//! given streams, so that it is tested without touching the process.

use std::io::{self, Write};

use clap::{Parser, Subcommand, ValueEnum};
use config_core::{Loaded, Origin, Report, Settings, Source};
use docs_gen::{Format, Options, Order};

use crate::Config;

/// Shows and checks gevent's configuration.
#[derive(Debug, Parser)]
#[command(name = "gevent-config", version, disable_help_subcommand = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every setting with its value and where it came from.
    Show {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Check the environment: exit 1 and name each variable that is invalid,
    /// unknown or deprecated.
    Check,
    /// Print each setting's name and description.
    Help,
    /// Print the settings' metadata as JSON (what `docs-gen --metadata` reads).
    Metadata,
}

/// How `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// A table: setting, value, source, variable.
    Table,
    /// One JSON object keyed by setting name.
    Json,
}

/// Runs `cli` against `source`, writing to `out` and `err`; returns the
/// exit status.
pub fn run(cli: &Cli, source: &impl Source, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match cli.command {
        Command::Show { format } => show(Loaded::<Config>::load(source), format, out, err),
        Command::Check => check(Loaded::<Config>::load(source), out, err),
        Command::Help => {
            out.write_all(help().as_bytes())?;
            Ok(0)
        }
        Command::Metadata => {
            let json = serde_json::to_string_pretty(Config::META).map_err(io::Error::other)?;
            writeln!(out, "{json}")?;
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

fn show(report: Report<Config>, format: ShowFormat, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if !report.problems.is_empty() {
        for problem in &report.problems {
            writeln!(err, "error: {problem}")?;
        }
        writeln!(err, "gevent-config: fix the variables above; nothing is shown")?;
        return Ok(1);
    }
    for warning in &report.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    let Some(loaded) = report.settings else { return Ok(1) };
    match format {
        ShowFormat::Table => out.write_all(table(&loaded).as_bytes())?,
        ShowFormat::Json => {
            let json = serde_json::to_string_pretty(&loaded).map_err(io::Error::other)?;
            writeln!(out, "{json}")?;
        }
    }
    Ok(0)
}

/// The effective configuration as an aligned table. Values are escaped
/// (a newline shows as `\n`), and secret ones redacted.
pub fn table<C: Settings>(loaded: &Loaded<C>) -> String {
    let notation = C::META.notation;
    let header = ["SETTING", "VALUE", "SOURCE", "VARIABLE"].map(str::to_owned);
    let rows: Vec<[String; 4]> = std::iter::once(header)
        .chain(loaded.iter().map(|state| {
            [
                state.setting.name.to_owned(),
                state.shown_in(notation),
                state.origin.label().to_owned(),
                state.setting.env.to_owned(),
            ]
        }))
        .collect();
    let widths: Vec<usize> = (0..4).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut text = String::new();
    for row in &rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, width)| format!("{cell:width$}")).collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

fn check(report: Report<Config>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    for problem in &report.problems {
        writeln!(err, "error: {problem}")?;
    }
    for warning in &report.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    let found = report.problems.len() + report.warnings.len();
    if found > 0 {
        writeln!(err, "gevent-config: {found} problem(s) in the environment")?;
        return Ok(1);
    }
    let set = report.settings.iter().flat_map(|l| l.iter()).filter(|s| s.origin == Origin::Environment).count();
    writeln!(out, "gevent-config: the environment is valid ({set} gevent variable(s) set)")?;
    Ok(0)
}
