//! `gevent-config`: shows and checks gevent's configuration.

use std::io;
use std::process::ExitCode;

use clap::Parser;
use config_core::{Env, escape};
use gevent_settings::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return config_cli::usage(&e),
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
