//! [`Builder`]: which sources a configuration is loaded from, in one
//! precedence order (see [`Rank`]), and what to do with unknown names.

use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Settings;
use crate::args::CommandLine;
use crate::error::{ProblemKind, Problems, SourceError, Warning};
use crate::layer::{Layer, Provider, Rank};
use crate::loaded::{LayerEntry, Loaded, Report, Sources};
use crate::source::{EnvProvider, Source, SourceProvider};

/// What to do with a name that no setting has: a variable under the
/// struct's prefixes, a key in a file, a `--set` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unknown {
    /// A warning (logged, and in [`Loaded::warnings`]).
    #[default]
    Warn,
    /// An error: the load fails and reports it with every other problem.
    Error,
    /// Nothing.
    Ignore,
}

/// The sources of a configuration, from the lowest precedence to the
/// highest:
///
/// | rank | source | method |
/// |---|---|---|
/// | lowest | each setting's default | |
/// | | configuration files (TOML), key-per-file directories | [`file`](Self::file), [`optional_file`](Self::optional_file), [`dir`](Self::dir) |
/// | | a configuration store (etcd) | [`provider`](Self::provider) |
/// | | `.env` files | [`dotenv`](Self::dotenv) |
/// | | the process environment | [`env`](Self::env), [`source`](Self::source) |
/// | | the command line | [`args`](Self::args) |
/// | highest | `set` and `update` in code, after loading | |
///
/// Sources of the same rank win in the order they are added: the last one
/// wins. Reading files is the only I/O, and only the files named here are
/// read.
///
/// ```no_run
/// # use config_core::Settings;
/// # #[derive(Clone, Settings)] pub struct App { #[setting(default = 1)] pub workers: u32 }
/// let config = App::builder()
///     .optional_file("app.toml")
///     .dotenv(".env")
///     .env()
///     .load()?;
/// # Ok::<(), config_core::Problems>(())
/// ```
pub struct Builder<C> {
    providers: Vec<(Arc<dyn Provider>, bool)>,
    unknown: Unknown,
    _struct: PhantomData<fn() -> C>,
}

impl<C> Clone for Builder<C> {
    fn clone(&self) -> Self {
        Builder { providers: self.providers.clone(), unknown: self.unknown, _struct: PhantomData }
    }
}

impl<C> fmt::Debug for Builder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sources: Vec<String> = self.providers.iter().map(|(p, _)| p.describe()).collect();
        f.debug_struct("Builder").field("sources", &sources).field("unknown", &self.unknown).finish()
    }
}

impl<C: Settings> Default for Builder<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: Settings> Builder<C> {
    /// No sources: loading gives the defaults.
    pub fn new() -> Self {
        Builder { providers: Vec::new(), unknown: Unknown::Warn, _struct: PhantomData }
    }

    /// The usual sources of an application called `name`: an optional
    /// `name.toml`, an optional `.env`, and the environment.
    pub fn standard(name: &str) -> Self {
        Self::new().optional_file(format!("{name}.toml")).dotenv(".env").env()
    }

    /// A configuration file that must exist (TOML).
    #[cfg(feature = "toml")]
    pub fn file(self, path: impl Into<PathBuf>) -> Self {
        self.provider(crate::files::TomlFile::required(path))
    }

    /// A configuration file that may be absent (TOML).
    #[cfg(feature = "toml")]
    pub fn optional_file(self, path: impl Into<PathBuf>) -> Self {
        self.provider(crate::files::TomlFile::optional(path))
    }

    /// A `.env` file (absent is fine).
    #[cfg(feature = "dotenv")]
    pub fn dotenv(self, path: impl Into<PathBuf>) -> Self {
        self.provider(crate::dotenv::DotEnvFile::new(path))
    }

    /// A directory with one file per setting (a mounted ConfigMap or
    /// Secret), which must exist.
    pub fn dir(self, path: impl AsRef<Path>) -> Self {
        self.provider(crate::keyfiles::KeyFileDir::required(path.as_ref()))
    }

    /// A directory of key files that may be absent (a Secret that is not
    /// mounted everywhere).
    pub fn optional_dir(self, path: impl AsRef<Path>) -> Self {
        self.provider(crate::keyfiles::KeyFileDir::optional(path.as_ref()))
    }

    /// The process environment.
    pub fn env(mut self) -> Self {
        self.providers.push((EnvProvider::shared(), true));
        self
    }

    /// A set of named values in place of the process environment (for
    /// tests: an array of pairs, a map).
    pub fn source<S: Source + Send + Sync + 'static>(self, source: S) -> Self {
        self.provider(SourceProvider(Arc::new(source)))
    }

    /// Values from the command line.
    pub fn args(self, args: CommandLine) -> Self {
        self.provider(args)
    }

    /// The settings' flags and `--set NAME=VALUE` from `argv` (the
    /// program's name first, as `std::env::args_os()` gives it), for a
    /// program with no arguments of its own; one that has them flattens
    /// [`cli::SettingsArgs`](crate::cli::SettingsArgs) into its parser and
    /// passes [`args`](Self::args) its layer. A malformed command line is
    /// reported with every other problem.
    #[cfg(feature = "clap")]
    pub fn argv(self, argv: impl IntoIterator<Item = impl Into<std::ffi::OsString> + Clone>) -> Self {
        match crate::cli::parse_argv::<C>(argv) {
            Ok(args) => self.flags(&args),
            Err(problem) => self.provider(Unreadable(problem, Rank::CommandLine)),
        }
    }

    /// The settings' flags and `--set NAME=VALUE` arguments, as parsed by
    /// an application's own `clap` parser into which it flattened
    /// [`cli::SettingsArgs`](crate::cli::SettingsArgs): the command-line
    /// layer, and every malformed `--set` reported with the other problems.
    #[cfg(feature = "clap")]
    pub fn flags(self, args: &crate::cli::SettingsArgs<C>) -> Self {
        // Each malformed argument is a source that cannot be read, so that
        // a load reports all of them.
        let builder = self.args(args.layer());
        args.problems()
            .iter()
            .fold(builder, |builder, problem| builder.provider(Unreadable(problem.clone(), Rank::CommandLine)))
    }

    /// Any source; it must be readable, or the load fails.
    pub fn provider(mut self, provider: impl Provider) -> Self {
        self.providers.push((Arc::new(provider), true));
        self
    }

    /// Any source; if it cannot be read, the load goes on without it, with a
    /// warning.
    pub fn optional_provider(mut self, provider: impl Provider) -> Self {
        self.providers.push((Arc::new(provider), false));
        self
    }

    /// What to do with names no setting has (a warning by default).
    pub fn unknown_names(mut self, unknown: Unknown) -> Self {
        self.unknown = unknown;
        self
    }

    /// Loads: every source is read, every value checked; any problem in any
    /// source fails the load, and all of them are reported together.
    pub fn load(&self) -> Result<Loaded<C>, Problems> {
        self.load_report().into_result()
    }

    /// Loads, keeping going past problems: each rejected value gives way to
    /// the next source's or the default, and the report lists them all.
    pub fn load_report(&self) -> Report<C> {
        let Read { entries, mut errors, skipped } = self.read();
        let mut report = entries.with_layers(|layers| Loaded::<C>::run(layers, self.unknown != Unknown::Ignore));
        if !errors.is_empty() {
            // A required setting may well be in the source that could not
            // be read: "required" would send the reader the wrong way.
            report.problems.retain(|problem| problem.kind != ProblemKind::Missing);
        }
        report.sources.append(&mut errors);
        for error in skipped {
            let warning = Warning::SourceSkipped(error);
            log::warn!("{warning}");
            report.warnings.push(warning);
        }
        if self.unknown == Unknown::Error {
            let (unknown, rest) = report.warnings.drain(..).partition(is_unknown_name);
            report.unknown = unknown;
            report.warnings = rest;
        }
        // The loaded value carries the same warnings as the report: a
        // skipped source is worth a word after a plain `load()` too.
        let warnings = report.warnings.clone();
        if let Some(loaded) = &mut report.settings {
            loaded.set_sources(entries.into_sources(), warnings);
        }
        report
    }

    /// Reads every source, lowest rank first (in the order added within a
    /// rank): the layers, the sources that failed, and the optional ones
    /// skipped.
    fn read(&self) -> Read {
        let mut read = Read { entries: Entries::None, errors: Vec::new(), skipped: Vec::new() };
        let mut done: Option<Rank> = None;
        // A handful of sources: a pass per rank sorts them without allocating.
        while let Some(rank) = self.providers.iter().map(|(p, _)| p.rank()).filter(|r| done < Some(*r)).min() {
            for (provider, required) in self.providers.iter().filter(|(p, _)| p.rank() == rank) {
                match provider.read() {
                    Ok(layer) => read.entries.push(LayerEntry { provider: Arc::clone(provider), layer }),
                    Err(error) if *required => read.errors.push(error),
                    Err(error) => read.skipped.push(error),
                }
            }
            done = Some(rank);
        }
        read
    }

    /// The files and directories the sources read, to watch for changes.
    pub fn watch_paths(&self) -> Vec<PathBuf> {
        self.providers.iter().flat_map(|(p, _)| p.watch_paths()).collect()
    }

    /// The ranks of the sources, for tests and tools.
    pub fn ranks(&self) -> Vec<Rank> {
        self.providers.iter().map(|(p, _)| p.rank()).collect()
    }
}

/// What reading the sources gave.
struct Read {
    entries: Entries,
    errors: Vec<SourceError>,
    skipped: Vec<SourceError>,
}

/// The layers read, lowest rank first: one, the usual case, kept without
/// allocating.
enum Entries {
    None,
    One(LayerEntry),
    Many(Vec<LayerEntry>),
}

impl Entries {
    fn push(&mut self, entry: LayerEntry) {
        *self = match std::mem::replace(self, Entries::None) {
            Entries::None => Entries::One(entry),
            Entries::One(first) => Entries::Many(vec![first, entry]),
            Entries::Many(mut all) => {
                all.push(entry);
                Entries::Many(all)
            }
        };
    }

    /// Calls `f` with the layers.
    fn with_layers<R>(&self, f: impl FnOnce(&[&dyn Layer]) -> R) -> R {
        match self {
            Entries::None => f(&[]),
            Entries::One(entry) => f(&[&*entry.layer]),
            Entries::Many(all) => f(&all.iter().map(|e| &*e.layer).collect::<Vec<_>>()),
        }
    }

    fn into_sources(self) -> Sources {
        match self {
            Entries::None => Sources::Layers(Arc::new([])),
            Entries::One(entry) => Sources::One(entry),
            Entries::Many(all) => Sources::Layers(all.into()),
        }
    }
}

fn is_unknown_name(warning: &Warning) -> bool {
    matches!(warning, Warning::UnknownVariable { .. } | Warning::UnknownKey { .. })
}

/// A source known to be unreadable: its error is reported at every load.
#[cfg_attr(not(feature = "clap"), allow(dead_code))]
struct Unreadable(SourceError, Rank);

impl Provider for Unreadable {
    fn rank(&self) -> Rank {
        self.1
    }

    fn describe(&self) -> String {
        self.0.place.clone()
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        Err(self.0.clone())
    }
}
