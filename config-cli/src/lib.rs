//! The settings command for any application whose configuration derives
//! `config_core::Settings`: `show` (with each value's origin), `check`,
//! `explain NAME`, `docs`, `schema`, `template` and `metadata`, as one
//! `clap` subcommand an application mounts in its own command line.
//!
//! It lives in a crate of its own because it joins the runtime
//! (`config-core`) and the renderers (`docs-gen`): the runtime never
//! compiles a renderer, and the renderers never load a configuration.
//!
//! ```
//! use clap::{Parser, Subcommand};
//! use config_cli::SettingsCommand;
//! use config_core::Settings;
//!
//! /// An application's settings.
//! #[derive(Clone, Settings)]
//! #[settings(env_prefix = "APP_")]
//! pub struct App {
//!     /// Worker threads.
//!     #[setting(default = 4)]
//!     pub workers: u32,
//! }
//!
//! #[derive(Parser)]
//! enum Cli {
//!     /// Serve requests.
//!     Serve,
//!     /// Show, check and document the settings.
//!     #[command(subcommand)]
//!     Settings(SettingsCommand),
//! }
//!
//! let Cli::Settings(command) = Cli::parse_from(["app", "settings", "show", "--format", "json"]) else {
//!     unreachable!()
//! };
//! let mut out = Vec::new();
//! let status = command.run(&App::builder().source([("APP_WORKERS", "8")]), &mut out, &mut Vec::new()).unwrap();
//! assert_eq!(status, 0);
//! assert!(String::from_utf8(out).unwrap().contains("\"workers\""));
//! ```

#![warn(missing_docs)]

mod table;

use std::fmt::Display;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use config_core::{Builder, Loaded, OriginKind, Report, Settings, escape};
use docs_gen::{Format, Options, Order};

pub use table::table;

/// Prints clap's message (a usage error, or `--help`) where clap would,
/// escaped as every output is: an error repeats the argument that was
/// given. Returns clap's exit code.
pub fn usage(e: &clap::Error) -> std::process::ExitCode {
    let text = e.render().to_string();
    let text = escape::terminal_lines(&text);
    let _ = if e.use_stderr() {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        io::stdout().lock().write_all(text.as_bytes())
    };
    std::process::ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The settings command.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum SettingsCommand {
    /// Print every setting with its value and where it came from.
    Show {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Check the configuration: exit 1 and name every problem, unknown name
    /// and deprecated setting in use.
    Check,
    /// How one setting got its value: every source that gave it one, what
    /// became of each, and why the value is the one it is.
    Explain {
        /// The setting's full name (`database.pool_size`).
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Write the reference documentation.
    Docs {
        /// The format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// The order of the settings.
        #[arg(long, value_enum, default_value_t = Order::Alphabetical)]
        order: Order,
        /// Where to write the page (standard output when absent).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of the configuration file.
    Schema,
    /// Print a configuration template: every setting, commented.
    Template {
        /// The template's format.
        #[arg(long, value_enum, default_value_t = TemplateFormat::Toml)]
        format: TemplateFormat,
    },
    /// Print the settings' metadata as JSON (what `docs-gen --metadata` reads).
    Metadata,
}

/// How `show` and `explain` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ShowFormat {
    /// For people: a table, or lines.
    #[default]
    Table,
    /// JSON.
    Json,
}

/// The templates `template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TemplateFormat {
    /// A commented configuration file.
    #[default]
    Toml,
    /// A commented `.env` file.
    Env,
}

impl SettingsCommand {
    /// Runs the command for `C`, loading from `builder`'s sources, writing
    /// to `out` and `err`; returns the exit status (0, or 1 when the
    /// configuration has problems).
    pub fn run<C: Settings>(&self, builder: &Builder<C>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
        self.run_with(builder, &Options::default(), out, err)
    }

    /// As [`run`](Self::run), with the options `docs` renders with (a Sphinx
    /// module and label, say).
    pub fn run_with<C: Settings>(
        &self,
        builder: &Builder<C>,
        options: &Options,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> io::Result<u8> {
        match self {
            SettingsCommand::Show { format } => show(builder.load_report(), *format, out, err),
            SettingsCommand::Check => check(&builder.load_report(), out, err),
            SettingsCommand::Explain { name, format } => explain(builder.load_report(), name, *format, out, err),
            SettingsCommand::Docs { format, order, out: path } => {
                let options = Options { order: *order, ..options.clone() };
                let page = docs_gen::render::<C>(*format, &options);
                write_page(&page, path.as_ref(), out, err)
            }
            SettingsCommand::Schema => write_text(out, &docs_gen::render::<C>(Format::Schema, options)),
            SettingsCommand::Template { format } => {
                let format = match format {
                    TemplateFormat::Toml => Format::Toml,
                    TemplateFormat::Env => Format::Env,
                };
                write_text(out, &docs_gen::render::<C>(format, options))
            }
            SettingsCommand::Metadata => write_json(out, serde_json::to_string_pretty(C::META)).map(|()| 0),
        }
    }
}

fn show<C: Settings>(
    report: Report<C>,
    format: ShowFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    if report.has_problems() {
        report_problems(err, &report)?;
        writeln!(err, "fix the problems above; nothing is shown")?;
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

fn check<C: Settings>(report: &Report<C>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    report_problems(err, report)?;
    for warning in &report.warnings {
        message(err, "warning", warning)?;
    }
    let errors = report.problems.len() + report.sources.len() + report.unknown.len();
    let warnings = report.warnings.len();
    // A warning (an unknown name, a deprecated setting in use) fails a
    // check too: it is what `check` is for.
    if errors + warnings > 0 {
        writeln!(err, "{errors} error(s) and {warnings} warning(s) in the configuration")?;
        return Ok(1);
    }
    let loaded = report.settings.iter().flat_map(Loaded::iter);
    let given = loaded.filter(|s| s.origin.kind() != OriginKind::Default).count();
    writeln!(out, "the configuration is valid ({given} setting(s) given a value)")?;
    Ok(0)
}

fn explain<C: Settings>(
    report: Report<C>,
    name: &str,
    format: ShowFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(loaded) = report.settings else {
        report_problems(err, &report)?;
        return Ok(1);
    };
    match loaded.explain(name) {
        Ok(explanation) => {
            match format {
                ShowFormat::Table => writeln!(out, "{}", escape::terminal_lines(&explanation.to_string()))?,
                ShowFormat::Json => write_json(out, serde_json::to_string_pretty(&explanation))?,
            }
            Ok(0)
        }
        Err(unknown) => {
            message(err, "error", &unknown)?;
            Ok(1)
        }
    }
}

/// Every problem of `report`, one line each.
fn report_problems<C: Settings>(err: &mut dyn Write, report: &Report<C>) -> io::Result<()> {
    for source in &report.sources {
        message(err, "error", source)?;
    }
    for problem in &report.problems {
        message(err, "error", problem)?;
    }
    for unknown in &report.unknown {
        message(err, "error", unknown)?;
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

fn write_text(out: &mut dyn Write, text: &str) -> io::Result<u8> {
    out.write_all(text.as_bytes())?;
    Ok(0)
}

fn write_page(page: &str, path: Option<&PathBuf>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match path {
        Some(path) => match std::fs::write(path, page) {
            Ok(()) => {
                writeln!(err, "wrote {}", escape::terminal(&path.display().to_string()))?;
                Ok(0)
            }
            Err(e) => {
                let shown = escape::terminal(&path.display().to_string()).into_owned();
                message(err, "error", &format_args!("cannot write {shown}: {e}"))?;
                Ok(1)
            }
        },
        None => write_text(out, page),
    }
}
