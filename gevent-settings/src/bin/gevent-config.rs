//! `gevent-config`: shows and checks gevent's configuration.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use config_core::{Env, escape};
use gevent_settings::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    match run(&cli, Env, &mut io::stdout().lock(), &mut io::stderr().lock()) {
        Ok(status) => ExitCode::from(status),
        // A closed pipe (`gevent-config show | head`) is not worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gevent-config: {}", escape::terminal(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// clap's message (a usage error, or `--help`), escaped as every output is:
/// an error repeats the argument that was given.
fn usage(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    let text = escape::terminal_lines(&text);
    let _ = if e.use_stderr() {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        io::stdout().lock().write_all(text.as_bytes())
    };
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}
