//! The `gevent-config` command: show the effective configuration, check
//! the environment, print the settings' help or their metadata.
//!
//! Everything here takes the environment as a [`Source`] and writes to the
//! given streams, so that it is tested without touching the process.
//!
//! Every output goes through one rule, [`config_core::escape`]: no control
//! character, bidirectional control or line separator from the environment
//! reaches the terminal raw, in the table, the JSON, the messages or the
//! help.

use std::fmt::Display;
use std::io::{self, Write};

use clap::{Parser, Subcommand, ValueEnum};
use config_core::{Loaded, Origin, Report, Settings, Source, escape};
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
        Command::Show { format } => show(crate::load(source), format, out, err),
        Command::Check => check(crate::load(source), out, err),
        Command::Help => {
            out.write_all(escape::terminal_lines(&help()).as_bytes())?;
            Ok(0)
        }
        Command::Metadata => {
            write_json(out, serde_json::to_string_pretty(Config::META))?;
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
            message(err, "error", problem)?;
        }
        writeln!(err, "gevent-config: fix the variables above; nothing is shown")?;
        return Ok(1);
    }
    for warning in &report.warnings {
        message(err, "warning", warning)?;
    }
    let Some(loaded) = report.settings else { return Ok(1) };
    match format {
        ShowFormat::Table => out.write_all(table(&loaded).as_bytes())?,
        ShowFormat::Json => write_json(out, serde_json::to_string_pretty(&loaded))?,
    }
    Ok(0)
}

/// Writes each problem and warning of `report` on a line of its own.
fn report_all(err: &mut dyn Write, report: &Report<Config>) -> io::Result<()> {
    for problem in &report.problems {
        message(err, "error", problem)?;
    }
    for warning in &report.warnings {
        message(err, "warning", warning)?;
    }
    Ok(())
}

/// `label: message`, on one line whatever the message holds.
fn message(err: &mut dyn Write, label: &str, message: &dyn Display) -> io::Result<()> {
    writeln!(err, "{label}: {}", escape::terminal(&message.to_string()))
}

/// Pretty JSON, with every character the escaping rule names written as
/// `\uXXXX`: still the same JSON value.
fn write_json(out: &mut dyn Write, json: serde_json::Result<String>) -> io::Result<()> {
    let json = json.map_err(io::Error::other)?;
    writeln!(out, "{}", escape::json(&json))
}

/// A column is padded to its widest cell of at most this many characters.
/// A wider cell is printed in full and pushes the rest of its own row to
/// the right, so that one long value does not pad every other row to its
/// width.
const ALIGN_UP_TO: usize = 60;

/// The effective configuration as an aligned table. Values are shown in
/// full and escaped (a newline shows as `\n`), and secret ones redacted.
pub fn table<C: Settings>(loaded: &Loaded<C>) -> String {
    let notation = C::META.notation;
    let header = ["SETTING", "VALUE", "SOURCE", "VARIABLE"].map(str::to_owned);
    let rows: Vec<[String; 4]> = std::iter::once(header)
        .chain(loaded.iter().map(|state| {
            [
                state.setting.name.to_owned(),
                escape::terminal(&state.shown_in(notation)).into_owned(),
                state.origin.label().to_owned(),
                state.setting.env.to_owned(),
            ]
        }))
        .collect();
    let widths: [usize; 4] = std::array::from_fn(|column| {
        rows.iter().map(|row| row[column].chars().count()).filter(|&width| width <= ALIGN_UP_TO).max().unwrap_or(0)
    });
    let mut text = String::new();
    for row in &rows {
        push_row(&mut text, row, &widths);
    }
    text
}

/// Appends `row`, each cell but the last padded to its column's width.
/// Padding repeats spaces rather than using a `format!` width, which is
/// limited to 65,535.
fn push_row(text: &mut String, row: &[String; 4], widths: &[usize; 4]) {
    let last = row.len() - 1;
    for (column, (cell, &width)) in row.iter().zip(widths).enumerate() {
        text.push_str(cell);
        if column < last {
            let padding = width.saturating_sub(cell.chars().count()) + 2;
            text.extend(std::iter::repeat_n(' ', padding));
        }
    }
    text.push('\n');
}

fn check(report: Report<Config>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    report_all(err, &report)?;
    let found = report.problems.len() + report.warnings.len();
    if found > 0 {
        writeln!(err, "gevent-config: {found} problem(s) in the environment")?;
        return Ok(1);
    }
    let set = report.settings.iter().flat_map(|l| l.iter()).filter(|s| s.origin == Origin::Environment).count();
    writeln!(out, "gevent-config: the environment is valid ({set} gevent variable(s) set)")?;
    Ok(0)
}
