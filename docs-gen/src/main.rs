//! `docs-gen`: renders a settings reference page. With no `--metadata`, it
//! renders gevent's settings (embedded from `gevent.json`, which
//! `gevent-config metadata` writes).

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use config_core::meta::StructMeta;
use docs_gen::{Format, Options, Order, render_meta};

/// gevent's settings, as `gevent-config metadata` prints them (a test keeps
/// this copy current).
const GEVENT: &str = include_str!("../gevent.json");

/// Where gevent documents its settings: the module and label of its page,
/// which other pages (and `:attr:` references) point at.
const GEVENT_MODULE: &str = "gevent._config";
const GEVENT_LABEL: &str = "gevent-configuration";

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
    /// A JSON metadata file (as `gevent-config metadata` writes); gevent's
    /// settings when absent.
    #[arg(long, value_name = "FILE")]
    metadata: Option<PathBuf>,
    /// The module the settings struct is documented in (rst: the current
    /// module, so that objects are named `MODULE.Struct.setting`); gevent's
    /// when rendering gevent's settings.
    #[arg(long, value_name = "MODULE")]
    module: Option<String>,
    /// A label for the page (rst: a Sphinx label; html: an anchor); gevent's
    /// when rendering gevent's settings.
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
            eprintln!("docs-gen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let meta = load(args.metadata.as_ref())?;
    let format = args.format;
    let gevent = args.metadata.is_none();
    let options = Options {
        order: args.order,
        include_hidden: false,
        rust_types: args.rust_types,
        module: args.module.clone().or_else(|| gevent.then(|| GEVENT_MODULE.to_owned())),
        label: args.label.clone().or_else(|| gevent.then(|| GEVENT_LABEL.to_owned())),
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

fn load(path: Option<&PathBuf>) -> Result<&'static StructMeta, String> {
    let Some(path) = path else {
        return StructMeta::from_json(GEVENT).map_err(|e| format!("the embedded gevent metadata is invalid {e}"));
    };
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    StructMeta::from_json(&text).map_err(|e| format!("{} is not settings metadata: {e}", path.display()))
}
