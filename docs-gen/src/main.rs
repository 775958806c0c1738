//! `docs-gen`: renders a settings reference page from a metadata file, as
//! a program's settings command writes it (`gevent-config metadata`), so
//! that a page can be made without linking the program. A program renders
//! its own pages with `docs_gen::render` or its command's `docs`.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};

/// Renders reference documentation from settings metadata.
#[derive(Debug, Parser)]
#[command(name = "docs-gen", version)]
struct Args {
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    format: Format,
    /// The order of the settings.
    #[arg(long, value_enum, default_value_t = Order::Alphabetical)]
    order: Order,
    /// A JSON metadata file (as a settings command's `metadata` writes it).
    #[arg(long, value_name = "FILE")]
    metadata: PathBuf,
    /// The module the settings struct is documented in (rst: the current
    /// module, so that objects are named `MODULE.Struct.setting`).
    #[arg(long, value_name = "MODULE")]
    module: Option<String>,
    /// A label for the page (rst: a Sphinx label; html: an anchor).
    #[arg(long, value_name = "LABEL")]
    label: Option<String>,
    /// Keep each setting's Rust type in the `json` format.
    #[arg(long)]
    rust_types: bool,
    /// Where to write the page; standard output when absent.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // The message may quote a metadata file's text.
            eprintln!("docs-gen: {}", config_core::escape::terminal_lines(&message));
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let meta = load(&args.metadata)?;
    let format = args.format;
    let options = Options {
        order: args.order,
        include_hidden: false,
        rust_types: args.rust_types,
        module: args.module.clone(),
        label: args.label.clone(),
    };
    let page = render_meta(meta, format, &options);
    match &args.out {
        Some(path) => {
            fs::write(path, page).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            let count = meta.tree().leaves().into_iter().filter(|l| !l.setting.hidden).count();
            eprintln!("docs-gen: wrote {} ({count} settings, {format})", path.display());
            Ok(())
        }
        None => {
            print!("{page}");
            Ok(())
        }
    }
}

fn load(path: &PathBuf) -> Result<&'static StructMeta, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    StructMeta::from_json(&text).map_err(|e| format!("{} is not settings metadata: {e}", path.display()))
}
