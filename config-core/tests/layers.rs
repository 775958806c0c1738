//! Layered sources: files, `.env`, the environment, the command line and
//! code, in one precedence order; each value traced to the exact place it
//! came from; every problem of every layer in one report; `explain`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use config_core::{CommandLine, Origin, OriginKind, Outcome, Settings, Unknown, Warning};

/// A small service.
#[derive(Clone, Debug, Settings)]
#[settings(env_prefix = "LAYERS_")]
pub struct Service {
    /// Worker threads.
    #[setting(default = 4, range = 1..=64)]
    pub workers: u32,
    /// How long a request may take.
    #[setting(default = "30s")]
    pub timeout: Duration,
    /// Hosts.
    pub hosts: Vec<String>,
    /// A ratio.
    #[setting(default = 0.5)]
    pub ratio: f64,
    /// The largest body.
    #[setting(bytes, default = "1mb")]
    pub max_body: u64,
    /// Verbose.
    #[setting(default = false)]
    pub verbose: bool,
}

/// A directory of its own for each test, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("config-core-layers-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn args(pairs: &[(&str, &str)]) -> CommandLine {
    let mut args = CommandLine::new();
    for (name, value) in pairs {
        args.push(*name, *value, format!("--set {name}"));
    }
    args
}

#[test]
fn file_values_keep_their_types_and_their_place() {
    let dir = Dir::new("types");
    let toml = dir.file(
        "app.toml",
        "workers = 8\ntimeout = \"1m\"\nhosts = [\"a\", \"b\"]\nratio = 1\nmax_body = 2048\nverbose = true\n",
    );
    let config = Service::builder().file(&toml).load().unwrap();
    assert_eq!(config.workers, 8);
    assert_eq!(config.timeout, Duration::from_secs(60));
    assert_eq!(config.hosts, ["a", "b"]);
    assert_eq!(config.ratio, 1.0);
    assert_eq!(config.max_body, 2048);
    assert!(config.verbose);
    match config.origin("timeout").unwrap() {
        Origin::File { path, line, column, key } => {
            assert_eq!((&*path, line, column, key), (toml.as_path(), 2, 11, "timeout"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_layer_overrides_the_ones_below_it() {
    let dir = Dir::new("precedence");
    let toml = dir.file("app.toml", "workers = 2\ntimeout = \"2s\"\nratio = 0.2\nhosts = [\"file\"]\n");
    let dotenv = dir.file(".env", "LAYERS_WORKERS=3\nLAYERS_TIMEOUT=3s\nLAYERS_RATIO=0.3\n");
    let env = [("LAYERS_WORKERS", "4"), ("LAYERS_TIMEOUT", "4s")];
    let config =
        Service::builder().args(args(&[("workers", "5")])).source(env).dotenv(&dotenv).file(&toml).load().unwrap();
    // Added in the wrong order on purpose: the rank decides, not the order.
    assert_eq!(config.workers, 5);
    assert_eq!(config.timeout, Duration::from_secs(4));
    assert_eq!(config.ratio, 0.3);
    assert_eq!(config.hosts, ["file"]);
    assert_eq!(config.origin("workers").unwrap().kind(), OriginKind::CommandLine);
    assert_eq!(config.origin("timeout").unwrap(), Origin::Env { var: "LAYERS_TIMEOUT" });
    assert!(matches!(config.origin("ratio").unwrap(), Origin::DotEnv { line: 3, var: "LAYERS_RATIO", .. }));
    assert_eq!(config.origin("hosts").unwrap().kind(), OriginKind::File);
    assert_eq!(config.origin("verbose").unwrap(), Origin::Default);

    // And code over everything, with the caller's place.
    let mut config = config;
    let line = line!() + 1;
    config.set("workers", 6).unwrap();
    match config.origin("workers").unwrap() {
        Origin::Code { location } => assert_eq!((location.file(), location.line()), (file!(), line)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_later_file_of_two_wins() {
    let dir = Dir::new("two-files");
    let base = dir.file("base.toml", "workers = 2\nratio = 0.2\n");
    let local = dir.file("local.toml", "workers = 3\n");
    let config = Service::builder().file(&base).file(&local).load().unwrap();
    assert_eq!((config.workers, config.ratio), (3, 0.2));
}

#[test]
fn every_problem_of_every_layer_in_one_report() {
    let dir = Dir::new("report");
    let toml = dir.file("app.toml", "workers = \"many\"\n[nested]\nx = 1\nwrokers = 3\n");
    let problems = Service::builder()
        .file(&toml)
        .source([("LAYERS_TIMEOUT", "soon")])
        .args(args(&[("ratio", "half")]))
        .file(dir.0.join("missing.toml"))
        .load()
        .unwrap_err();
    let text = problems.to_string();
    assert_eq!(problems.iter().count(), 3, "{text}");
    assert!(
        text.contains(&format!("{}:1:11: workers = \"many\": invalid value for setting `workers`", toml.display())),
        "{text}"
    );
    assert!(text.contains("LAYERS_TIMEOUT=\"soon\": invalid value for setting `timeout`"), "{text}");
    assert!(text.contains("--set ratio=\"half\": invalid value for setting `ratio`"), "{text}");
    assert!(text.contains("missing.toml: the configuration file does not exist"), "{text}");
}

#[test]
fn unknown_keys_are_warnings_with_a_suggestion_or_errors_if_asked() {
    let dir = Dir::new("unknown");
    // An unknown table is reported once: not its keys, nor its tables'.
    let toml = dir.file("app.toml", "wrokers = 3\n[cache]\nsize = 1\nttl = 2\n[cache.inner]\ndepth = 3\n");
    let config = Service::builder().file(&toml).load().unwrap();
    let warnings: Vec<String> = config.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].ends_with("app.toml:1:1: `wrokers` does not name a setting; did you mean `workers`?"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("app.toml:2:2: `cache` does not name a setting"), "{warnings:?}");

    let problems = Service::builder().file(&toml).unknown_names(Unknown::Error).load().unwrap_err();
    assert_eq!(problems.unknown().len(), 2);
    assert!(matches!(problems.unknown()[0], Warning::UnknownKey { .. }));
}

#[test]
fn a_rejected_value_gives_way_to_the_layer_below() {
    let dir = Dir::new("fallback");
    let toml = dir.file("app.toml", "workers = 7\n");
    let report = Service::builder().file(&toml).source([("LAYERS_WORKERS", "0")]).load_report();
    assert_eq!(report.problems.len(), 1);
    let config = report.settings.unwrap();
    assert_eq!(config.workers, 7, "the file's good value, not the default");
    assert_eq!(config.origin("workers").unwrap().kind(), OriginKind::File);
}

#[test]
fn an_optional_file_may_be_missing() {
    let config = Service::builder().optional_file("/nonexistent/app.toml").load().unwrap();
    assert_eq!(config.workers, 4);
}

#[test]
fn a_toml_syntax_error_names_the_line() {
    let dir = Dir::new("syntax");
    let toml = dir.file("app.toml", "workers = 3\nratio = = 1\n");
    let problems = Service::builder().file(&toml).load().unwrap_err();
    let source = &problems.sources()[0];
    assert!(source.place.ends_with("app.toml:2:9"), "{source}");
}

#[test]
fn explain_shows_every_layer_and_why_the_winner_won() {
    let dir = Dir::new("explain");
    let toml = dir.file("app.toml", "workers = 2\n");
    let config = Service::builder()
        .file(&toml)
        .source([("LAYERS_WORKERS", "100")])
        .args(args(&[("workers", "5")]))
        .load_report()
        .settings
        .unwrap();
    let explanation = config.explain("workers").unwrap();
    let outcomes: Vec<(OriginKind, &Outcome)> =
        explanation.steps.iter().map(|s| (s.origin.kind(), &s.outcome)).collect();
    assert_eq!(
        outcomes,
        [
            (OriginKind::CommandLine, &Outcome::Used),
            (OriginKind::Env, &Outcome::Rejected("must be between 1 and 64".into())),
            (OriginKind::File, &Outcome::Overridden),
            (OriginKind::Default, &Outcome::Overridden),
        ]
    );
    assert_eq!(explanation.value, "5");
    let text = explanation.to_string();
    assert!(text.starts_with("workers = 5 (from command-line argument --set workers)"), "{text}");
    assert!(text.contains("why: the command line takes precedence over a configuration file, the default"), "{text}");
    let json = serde_json::to_value(&explanation).unwrap();
    assert_eq!(json["steps"][1]["outcome"]["status"], "rejected");
    assert_eq!(json["steps"][2]["origin"]["line"], 1);
}

#[test]
fn reading_files_is_the_only_io() {
    // Nothing is read that the application did not ask for: a builder with
    // the environment only never touches the file system.
    let config = Service::builder().source([("LAYERS_WORKERS", "9")]).load().unwrap();
    assert_eq!(config.workers, 9);
    assert!(Service::builder().source([("A", "b")]).watch_paths().is_empty());
}

#[test]
fn a_key_file_directory_gives_one_setting_per_file() {
    let dir = Dir::new("keyfiles");
    dir.file("workers", "12\n");
    dir.file("LAYERS_TIMEOUT", "9s");
    dir.file("..data", "ignored");
    let config = Service::builder().dir(&dir.0).load().unwrap();
    assert_eq!(config.workers, 12);
    assert_eq!(config.timeout, Duration::from_secs(9));
    assert_eq!(config.origin("workers").unwrap(), Origin::KeyFile { path: dir.0.join("workers").into() });
    assert!(config.warnings().is_empty(), "{:?}", config.warnings());

    // Of the rank of configuration files (the later added wins), below
    // `.env` and the environment.
    let files = Dir::new("keyfiles-rank");
    let toml = files.file("app.toml", "workers = 2\ntimeout = \"2s\"\n");
    let dotenv = files.file(".env", "LAYERS_TIMEOUT=3s\n");
    let config = Service::builder().dotenv(&dotenv).file(&toml).dir(&dir.0).load().unwrap();
    assert_eq!(config.workers, 12, "a key file added after the file");
    assert_eq!(config.timeout, Duration::from_secs(3), ".env over a key file");
    let config = Service::builder().dir(&dir.0).file(&toml).load().unwrap();
    assert_eq!(config.workers, 2, "the file added after the key files");
    let config = Service::builder().dir(&dir.0).source([("LAYERS_WORKERS", "13")]).load().unwrap();
    assert_eq!(config.workers, 13, "the environment over a key file");
}

fn _paths_are_accepted(path: &Path) {
    let _ = Service::builder().file(path).optional_file(path.to_path_buf()).dotenv(path);
}
