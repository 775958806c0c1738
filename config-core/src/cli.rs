//! Settings as command-line flags, with `clap` (the `clap` feature).
//!
//! [`SettingsArgs<C>`] is a `clap::Args` that an application flattens into
//! its own `Parser`: every setting of `C` becomes a flag named after its
//! full name (`database.pool_size` is `--database-pool-size`), with the
//! first sentence of its doc comment as help, and `--set NAME=VALUE` sets
//! any setting by name. The values are not parsed by `clap`: they become
//! the command-line layer of the load, checked with every other source and
//! reported with every other problem.
//!
//! ```
//! use clap::Parser;
//! use config_core::Settings;
//! use config_core::cli::SettingsArgs;
//!
//! #[derive(Clone, Settings)]
//! #[settings(env_prefix = "APP_")]
//! pub struct App {
//!     /// Worker threads.
//!     #[setting(default = 4)]
//!     pub workers: u32,
//! }
//!
//! #[derive(Parser)]
//! struct Cli {
//!     /// Print more.
//!     #[arg(long)]
//!     verbose: bool,
//!     #[command(flatten)]
//!     settings: SettingsArgs<App>,
//! }
//!
//! let cli = Cli::parse_from(["app", "--workers", "8", "--verbose"]);
//! let config = App::builder().env().flags(&cli.settings).load().unwrap();
//! assert_eq!(config.workers, 8);
//! ```

use std::ffi::OsString;
use std::marker::PhantomData;

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

use crate::Settings;
use crate::args::CommandLine;
use crate::error::SourceError;
use crate::meta::{Kind, Leaf};

/// Every setting of `C` as a flag, and `--set NAME=VALUE`.
pub struct SettingsArgs<C> {
    layer: CommandLine,
    problems: Vec<SourceError>,
    _struct: PhantomData<fn() -> C>,
}

impl<C> Clone for SettingsArgs<C> {
    fn clone(&self) -> Self {
        SettingsArgs { layer: self.layer.clone(), problems: self.problems.clone(), _struct: PhantomData }
    }
}

impl<C> std::fmt::Debug for SettingsArgs<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsArgs").field("layer", &self.layer).finish()
    }
}

const SET: &str = "set";

impl<C: Settings> SettingsArgs<C> {
    /// The values given, as the command-line layer of a load. Prefer
    /// [`Builder::flags`](crate::Builder::flags), which also reports the
    /// malformed `--set` arguments ([`problems`](Self::problems)).
    pub fn layer(&self) -> CommandLine {
        self.layer.clone()
    }

    /// `--set` arguments that are not `NAME=VALUE`.
    pub fn problems(&self) -> &[SourceError] {
        &self.problems
    }

    fn from_matches(matches: &ArgMatches) -> Self {
        let mut args = SettingsArgs { layer: CommandLine::new(), problems: Vec::new(), _struct: PhantomData };
        // Every value with its place on the command line, so that the last
        // one given wins, flag or `--set`. A former name's flag gives its
        // value under the former name, for the load to warn of.
        let mut given: Vec<(usize, Option<&str>, &OsString)> = Vec::new();
        let paths = C::__schema().leaves.iter().flat_map(|leaf| std::iter::once(&leaf.path).chain(&leaf.aliases));
        for path in paths.chain(std::iter::once(&std::borrow::Cow::Borrowed(SET))) {
            let (Ok(Some(values)), Some(indices)) = (matches.try_get_many::<OsString>(path), matches.indices_of(path))
            else {
                continue;
            };
            let path = (path != SET).then_some(path.as_ref());
            given.extend(indices.zip(values).map(|(index, value)| (index, path, value)));
        }
        given.sort_by_key(|(index, ..)| *index);
        for (_, path, value) in given {
            // The origin names the flag, never the value: it may be a secret.
            match path {
                Some(path) => args.layer.push(path, value.clone(), format!("--{}", flag_name(path))),
                None => {
                    if let Err(problem) = args.layer.push_assignment(value) {
                        args.problems.push(problem);
                    }
                }
            }
        }
        args
    }
}

/// `database.pool_size` → `database-pool-size`
fn flag_name(path: &str) -> String {
    path.replace(['.', '_'], "-")
}

/// The placeholder shown in help: `<DURATION>`, `<ADDR>`.
fn value_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Bool => "BOOL",
        Kind::Integer | Kind::Float => "NUMBER",
        Kind::ByteCount => "BYTES",
        Kind::Duration => "DURATION",
        Kind::SocketAddr => "ADDR",
        Kind::IpAddr => "IP",
        Kind::Path => "PATH",
        Kind::Url => "URL",
        Kind::List => "LIST",
        Kind::Choice => "CHOICE",
        _ => "VALUE",
    }
}

/// A setting's help: its first sentence, after its group's name when it is
/// in one (a struct used twice, `primary` and `replica`, has the same doc
/// comments in both).
fn help_of(leaf: &Leaf) -> String {
    match leaf.path.rsplit_once('.') {
        Some((group, _)) => format!("[{group}] {}", help(leaf.setting.doc)),
        None => help(leaf.setting.doc),
    }
}

/// The first sentence of a doc comment, as one line of help.
fn help(doc: &str) -> String {
    let paragraph = doc.split("\n\n").next().unwrap_or("").replace('\n', " ");
    let end = paragraph.find(". ").map_or(paragraph.len(), |i| i + 1);
    crate::escape::terminal(paragraph[..end].trim()).into_owned()
}

impl<C: Settings> Args for SettingsArgs<C> {
    fn augment_args(mut cmd: Command) -> Command {
        for leaf in C::__schema().leaves {
            let setting = leaf.setting;
            let mut arg = Arg::new(&*leaf.path)
                .long(flag_name(&leaf.path))
                .value_name(value_name(setting.value.kind))
                .value_parser(clap::value_parser!(OsString))
                .action(ArgAction::Append)
                .help(help_of(leaf))
                .hide(setting.hidden);
            if let Some(d) = setting.deprecated {
                arg = arg.help(format!("{} (deprecated since {})", help_of(leaf), d.since));
            }
            cmd = cmd.arg(arg);
            // Former names still work, unlisted: the help shows the name to use.
            for alias in &leaf.aliases {
                let old = Arg::new(&**alias)
                    .long(flag_name(alias))
                    .value_parser(clap::value_parser!(OsString))
                    .action(ArgAction::Append)
                    .hide(true);
                cmd = cmd.arg(old);
            }
        }
        cmd.arg(
            Arg::new(SET)
                .long(SET)
                .value_name("NAME=VALUE")
                .value_parser(clap::value_parser!(OsString))
                .action(ArgAction::Append)
                .help("Set any setting by its full name, such as `--set database.pool_size=20`"),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl<C: Settings> FromArgMatches for SettingsArgs<C> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Self::from_matches(matches))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_matches(matches);
        Ok(())
    }
}

/// Reads `argv` (the program's name first, as `std::env::args_os` gives
/// it) when the program has no arguments of its own: only the settings'
/// flags and `--set`. A malformed command line is one problem of the load.
pub(crate) fn parse_argv<C: Settings>(
    argv: impl IntoIterator<Item = impl Into<OsString> + Clone>,
) -> Result<SettingsArgs<C>, SourceError> {
    let command = SettingsArgs::<C>::augment_args(Command::new(C::META.name).no_binary_name(false));
    let matches = command
        .try_get_matches_from(argv)
        .map_err(|e| SourceError::new("command line", crate::escape::terminal(e.to_string().trim()).into_owned()))?;
    Ok(SettingsArgs::from_matches(&matches))
}
