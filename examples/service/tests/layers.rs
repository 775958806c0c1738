//! The example service's configuration from its committed files: every
//! layer, each precedence pair, the exact origin of each value, `explain`
//! for a setting given in four layers, and one report for problems in
//! every layer. The process environment is never read: a map stands in.

use std::fs;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use config_core::{Builder, Origin, OriginKind};
use service_example::{AppConfig, LogFormat, Paths, files};

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn committed() -> Paths {
    Paths::in_dir(example_dir())
}

/// The committed files, a stand-in environment and a command line.
fn builder(env: &[(&'static str, &'static str)], argv: &[&str]) -> Builder<AppConfig> {
    let argv = std::iter::once("service").chain(argv.iter().copied());
    files(&committed()).source(env.to_vec()).argv(argv)
}

#[test]
fn each_value_comes_from_its_layer_with_its_exact_place() {
    let config = builder(&[], &[]).load().unwrap();
    let dir = example_dir();
    // app.toml
    assert_eq!(config.workers, 8);
    assert_eq!(config.request_timeout, Duration::from_secs(45));
    assert_eq!(config.max_body, 4 << 20);
    assert_eq!(config.log_format, LogFormat::Json);
    assert_eq!(
        config.trusted_proxies,
        [IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)), IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2))]
    );
    assert_eq!(config.allowed_origins.len(), 2);
    assert_eq!(
        config.origin("request_timeout"),
        Ok(Origin::File { path: dir.join("app.toml").into(), line: 8, column: 19, key: "request_timeout" })
    );
    // .env
    assert_eq!(config.log_level, log::LevelFilter::Debug);
    assert_eq!(config.primary.pool_size, 30);
    assert_eq!(
        config.origin("primary.pool_size"),
        Ok(Origin::DotEnv { path: dir.join(".env").into(), line: 4, var: "APP_PRIMARY_POOL_SIZE" })
    );
    // secrets/
    assert_eq!(config.replica.url, "postgres://reports:dev-password@localhost:5432/app");
    assert_eq!(config.origin("replica.url"), Ok(Origin::KeyFile { path: dir.join("secrets/replica.url").into() }));
    // defaults
    assert_eq!(config.shutdown_grace, Duration::from_secs(10));
    assert_eq!(config.csv_separator, ',');
    assert_eq!(config.admin_token, None);
    assert_eq!(config.origin("shutdown_grace"), Ok(Origin::Default));
}

#[test]
fn environment_beats_dotenv_beats_file_and_flags_beat_them_all() {
    let env = [("APP_PRIMARY_POOL_SIZE", "50"), ("APP_REQUEST_TIMEOUT", "1m")];
    let config = builder(&env, &[]).load().unwrap();
    assert_eq!(config.primary.pool_size, 50, "environment over .env");
    assert_eq!(config.request_timeout, Duration::from_secs(60), "environment over the file");
    assert_eq!(config.origin("primary.pool_size").unwrap().kind(), OriginKind::Env);

    let config = builder(&env, &["--set", "primary.pool_size=60", "--request-timeout", "2m"]).load().unwrap();
    assert_eq!(config.primary.pool_size, 60, "command line over the environment");
    assert_eq!(config.request_timeout, Duration::from_secs(120));
    assert_eq!(config.origin("request_timeout"), Ok(Origin::CommandLine { arg: "--request-timeout".into() }));

    let config = builder(&[("APP_LOG_LEVEL", "warn")], &[]).load().unwrap();
    assert_eq!(config.log_level, log::LevelFilter::Warn, "environment over .env");
}

#[test]
fn explain_lists_every_layer_that_gave_a_value() {
    let env = [("APP_PRIMARY_POOL_SIZE", "50")];
    let config = builder(&env, &["--set", "primary.pool_size=60"]).load().unwrap();
    let explained = config.explain("primary.pool_size").unwrap().to_string();
    let dir = example_dir();
    assert_eq!(
        explained,
        format!(
            "primary.pool_size = 60 (from command-line argument --set primary.pool_size)\n\
             \x20 used          command-line argument --set primary.pool_size: \"60\"\n\
             \x20 overridden    environment variable APP_PRIMARY_POOL_SIZE: \"50\"\n\
             \x20 overridden    APP_PRIMARY_POOL_SIZE in {dotenv}:4: \"30\"\n\
             \x20 overridden    `primary.pool_size` in {toml}:15:13: 20\n\
             \x20 overridden    the default: 10\n\
             \x20 why: the command line takes precedence over the environment, the .env file, a configuration file, the default",
            dotenv = dir.join(".env").display(),
            toml = dir.join("app.toml").display(),
        )
    );
    // A secret's raw values are never shown, and a required setting lists
    // no default.
    let explained = config.explain("primary.url").unwrap().to_string();
    assert!(!explained.contains("dev-password"), "{explained}");
    assert!(explained.contains("<redacted>"), "{explained}");
    assert!(!explained.contains("default"), "{explained}");
}

#[test]
fn a_former_name_still_works_with_a_warning() {
    let config = builder(&[("APP_THREADS", "12")], &[]).load().unwrap();
    assert_eq!(config.workers, 12);
    let warnings: Vec<String> = config.warnings().iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("APP_THREADS") && w.contains("workers")), "{warnings:?}");
}

/// A copy of the committed files in a directory of the test's own.
struct Copy(PathBuf);

impl Copy {
    fn new(name: &str) -> Copy {
        let to = std::env::temp_dir().join(format!("service-example-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&to);
        fs::create_dir_all(to.join("secrets")).unwrap();
        for file in ["app.toml", ".env", "secrets/replica.url"] {
            fs::copy(example_dir().join(file), to.join(file)).unwrap();
        }
        Copy(to)
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.0.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    fn paths(&self) -> Paths {
        Paths::in_dir(&self.0)
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn every_problem_in_every_layer_is_in_one_report() {
    let copy = Copy::new("problems");
    copy.edit("app.toml", "workers = 8", "workers = 0");
    copy.edit(".env", "APP_LOG_LEVEL=debug", "APP_LOG_LEVEL=chatty");
    fs::write(copy.0.join("secrets/replica.url"), "mysql://reports@db/app\n").unwrap();
    let env = vec![("APP_LISTEN", ":80")];
    let argv = ["service", "--trace-sample-rate", "2", "--set", "primary.pool_sise=3"];
    let problems = files(&copy.paths()).source(env).argv(argv).load().unwrap_err();
    let text = problems.to_string();
    let dir = copy.0.display();
    for expected in [
        format!("{dir}/app.toml:7:11: workers = 0: invalid value for setting `workers`: must be between 1 and 256"),
        format!("{dir}/.env:5: APP_LOG_LEVEL=\"chatty\": invalid value for setting `log_level`"),
        "expected one of off, error, warn, info, debug, trace".to_owned(),
        format!(
            "{dir}/secrets/replica.url: <redacted>: invalid value for setting `replica.url`: the scheme is \"mysql\", not postgres; expected a postgres:// URL"
        ),
        "APP_LISTEN=\":80\": invalid value for setting `listen`".to_owned(),
        "--trace-sample-rate=\"2\": invalid value for setting `trace_sample_rate`: must be between 0.0 and 1.0"
            .to_owned(),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    // The secret's value is not in the report.
    assert!(!text.contains("mysql://reports"), "{text}");
    // An unknown name is a warning, not an error, unless asked.
    let report = files(&copy.paths()).argv(["service", "--set", "primary.pool_sise=3"]).load_report();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("did you mean `primary.pool_size`")), "{warnings:?}");
}

#[test]
fn the_files_are_optional_and_the_database_urls_required() {
    let empty = std::env::temp_dir().join(format!("service-example-empty-{}", std::process::id()));
    let problems = files(&Paths::in_dir(&empty)).load().unwrap_err().to_string();
    assert!(problems.contains("setting `primary.url` is required: set APP_PRIMARY_URL"), "{problems}");
    assert!(problems.contains("setting `replica.url` is required: set APP_REPLICA_URL"), "{problems}");
    let env = vec![("APP_PRIMARY_URL", "postgres://p/app"), ("APP_REPLICA_URL", "postgres://r/app")];
    let config = files(&Paths::in_dir(&empty)).source(env).load().unwrap();
    assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 8080)));
    assert_eq!(config.static_dir, Path::new("static"));
}

#[test]
fn a_file_that_cannot_be_read_is_the_problem_not_the_settings_it_would_set() {
    let copy = Copy::new("unreadable");
    fs::remove_file(copy.0.join("secrets/replica.url")).unwrap();
    fs::write(copy.0.join("app.toml"), "[replica]\nurl = \"postgres://reports@replica/app\"\njunk = [\n").unwrap();
    let problems = files(&copy.paths()).load().unwrap_err();
    let text = problems.to_string();
    assert_eq!((problems.iter().count(), problems.sources().len()), (0, 1), "{text}");
    assert!(text.contains("app.toml:3:9: invalid TOML"), "{text}");
    assert!(!text.contains("is required"), "{text}");
}
