//! The `gevent-config` command, run in-process against a fixed environment
//! (snapshots) and as a process (exit codes, stderr).

use std::process::Command as Process;

use config_cli::SettingsCommand;
use gevent_settings::cli::{Cli, Command, ShowFormat, run};

/// A fixed environment for the snapshots. The importables are all set so
/// that the output is the same on every platform.
const ENV: &[(&str, &str)] = &[
    ("GEVENT_RESOLVER", "nonexistent.Resolver,block"),
    ("GEVENT_LOOP", "libuv"),
    ("GEVENT_FILE", "thread"),
    ("GEVENT_MONITOR_THREAD_ENABLE", "yes"),
    ("GEVENT_MONITOR_MEMORY_MAX", "512mb"),
    ("GEVENT_BACKEND", "select,poll"),
    ("GEVENTARES_FLAGS", "line1\nline2\u{1b}[31m"),
    ("PYTHONTRACEMALLOC", "5"),
    ("HOME", "/home/user"),
];

fn gevent_config(command: Command, env: &[(&str, &str)]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    let status = run(&Cli::new(command), env, &mut out, &mut err).unwrap();
    (status, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn show(format: ShowFormat) -> Command {
    Command::Settings(SettingsCommand::Show { format })
}

fn check() -> Command {
    Command::Settings(SettingsCommand::Check)
}

fn metadata() -> Command {
    Command::Settings(SettingsCommand::Metadata)
}

#[test]
fn show_prints_every_setting_with_value_and_source() {
    let (status, out, err) = gevent_config(show(ShowFormat::Table), ENV);
    assert_eq!((status, err.as_str()), (0, ""));
    // The newline and the escape sequence of GEVENTARES_FLAGS are escaped.
    assert!(out.contains(r"'line1\nline2\u{1b}[31m'"), "{out}");
    assert!(!out.contains('\u{1b}'));
    insta::assert_snapshot!("show_table", out);
}

#[test]
fn show_json_escapes_control_characters_too() {
    let (_, out, _) = gevent_config(show(ShowFormat::Json), ENV);
    assert!(out.contains(r#""value": "line1\nline2\u001b[31m""#), "{out}");
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn unknown_variable_names_are_escaped_in_warnings() {
    let env = [("GEVENT_\u{1b}[2JLOOP", "libuv")];
    let (status, _, err) = gevent_config(check(), &env);
    assert_eq!(status, 1);
    assert!(err.contains("environment variable GEVENT_\\u{1b}[2JLOOP does not name a setting"), "{err}");
    assert!(!err.contains('\u{1b}'));
}

/// The table redacts a secret, whichever struct it shows.
#[test]
fn the_table_redacts_secrets() {
    #[derive(Clone, config_core::Settings)]
    #[settings(env_prefix = "TABLE_")]
    pub struct WithSecret {
        /// A password.
        #[setting(secret)]
        pub password: Option<String>,
    }
    let loaded = <WithSecret as config_core::Settings>::from_source(&[("TABLE_PASSWORD", "hunter2")]).unwrap();
    let table = gevent_settings::cli::table(&loaded);
    assert!(table.contains("password  <redacted>  environment  TABLE_PASSWORD"), "{table}");
    assert!(!table.contains("hunter2"));
}

#[test]
fn show_json_is_one_object_keyed_by_setting_name() {
    let (status, out, _) = gevent_config(show(ShowFormat::Json), ENV);
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_object().unwrap().len(), 23);
    assert_eq!(
        json["resolver"],
        serde_json::json!({
            "value": "gevent.resolver.blocking.Resolver",
            "source": "environment",
            "env": "GEVENT_RESOLVER",
            "origin": {"kind": "environment", "var": "GEVENT_RESOLVER"}
        })
    );
    assert_eq!(json["max_memory_usage"]["value"], 512 * 1024 * 1024);
    assert_eq!(json["libev_backend"]["value"], serde_json::json!(["select", "poll"]));
    assert_eq!(
        json["max_blocking_time"],
        serde_json::json!({
            "value": 0.1,
            "source": "default",
            "env": "GEVENT_MAX_BLOCKING_TIME",
            "origin": {"kind": "default"}
        })
    );
    assert_eq!(json["resolver_timeout"]["value"], serde_json::Value::Null);
    insta::assert_snapshot!("show_json", out);
}

#[test]
fn the_default_resolver_shows_as_its_dotted_path() {
    let (_, out, _) = gevent_config(show(ShowFormat::Json), &[]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["resolver"]["value"], "gevent.resolver.thread.Resolver");
    assert_eq!(json["resolver"]["source"], "default");
}

#[test]
fn show_with_an_invalid_variable_fails_and_names_it() {
    let env = [("GEVENT_MAX_BLOCKING_TIME", "soon"), ("GEVENT_NOWAITPID", "1")];
    let (status, out, err) = gevent_config(show(ShowFormat::Table), &env);
    assert_eq!(status, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: GEVENT_MAX_BLOCKING_TIME=\"soon\": invalid value for setting `max_blocking_time`: not a number; \
         expected a finite number, greater than 0\nfix the problems above; nothing is shown\n"
    );
}

#[test]
fn check_passes_a_clean_environment() {
    let (status, out, err) = gevent_config(check(), &[("GEVENT_LOOP", "libuv"), ("PATH", "/bin")]);
    assert_eq!((status, err.as_str()), (0, ""));
    assert_eq!(out, "the configuration is valid (1 setting(s) given a value)\n");
}

#[test]
fn check_names_every_invalid_unknown_and_deprecated_variable() {
    let env = [
        ("GEVENT_LOOP", "bogus"),
        ("GEVENT_MONITOR_MEMORY_MAX", "0"),
        ("GEVENT_RESOLVR", "block"),
        ("GEVENTARES_SERVERS", "8.8.8.8"),
    ];
    let (status, out, err) = gevent_config(check(), &env);
    assert_eq!((status, out.as_str()), (1, ""));
    insta::assert_snapshot!("check_problems", err);
}

#[cfg(not(windows))] // The loop's documented default differs on Windows.
#[test]
fn help_prints_each_setting_and_its_description() {
    let (status, out, _) = gevent_config(Command::Help, &[]);
    assert_eq!(status, 0);
    let names: Vec<&str> = out.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).collect();
    // Hidden settings too, as `python -m gevent._config` prints them.
    assert_eq!(names.len(), 23);
    assert_eq!(names[0], "resolver");
    assert!(out.contains("ares_flags"));
    insta::assert_snapshot!("help", out);
}

#[test]
fn metadata_is_the_settings_table_as_json() {
    let (status, out, _) = gevent_config(metadata(), &[]);
    assert_eq!(status, 0);
    let meta = config_core::meta::StructMeta::from_json(&out).unwrap();
    assert_eq!(meta, <gevent_settings::Config as config_core::Settings>::META);
}

#[test]
fn the_binary_exits_non_zero_and_names_the_variable() {
    let output = Process::new(env!("CARGO_BIN_EXE_gevent-config"))
        .arg("show")
        .env_clear()
        .env("GEVENT_TRACK_GREENLET_TREE", "sometimes")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("GEVENT_TRACK_GREENLET_TREE=\"sometimes\""), "{stderr}");
    assert!(output.stdout.is_empty());

    let output = Process::new(env!("CARGO_BIN_EXE_gevent-config")).arg("check").env_clear().output().unwrap();
    assert_eq!(output.status.code(), Some(0));
}

/// A value wider than `format!`'s width limit (65,535): the table shows
/// it in full, and only its own row is wider than the others.
#[test]
fn a_value_wider_than_a_format_width_is_shown_in_full() {
    let wide = "x".repeat(70_000);
    let env = [("GEVENTARES_FLAGS", wide.as_str()), ("GEVENT_BACKEND", "select")];
    let (status, out, err) = gevent_config(show(ShowFormat::Table), &env);
    assert_eq!((status, err.as_str()), (0, ""));
    let wide_row = out.lines().find(|l| l.starts_with("ares_flags")).unwrap();
    assert_eq!(wide_row, format!("ares_flags                    '{wide}'  environment  GEVENTARES_FLAGS"));
    // The other rows stay aligned among themselves, not padded to 70,000.
    let backend = out.lines().find(|l| l.starts_with("libev_backend")).unwrap();
    let source_column = backend.find("environment").unwrap();
    assert_eq!(out.lines().next().unwrap().find("SOURCE"), Some(source_column), "{backend}");
    assert!(out.len() < wide.len() + 5_000, "{} bytes", out.len());

    // The public `table`, with the same value.
    let loaded = <gevent_settings::Config as config_core::Settings>::from_source(&env).unwrap();
    let table = gevent_settings::cli::table(&loaded);
    assert!(table.contains(&format!("'{wide}'  environment  GEVENTARES_FLAGS\n")));
}

/// The characters no output of gevent-config may print raw: C0 (but the
/// line breaks between lines), DEL, C1, the bidirectional controls and the
/// line and paragraph separators.
fn is_unsafe(c: char) -> bool {
    matches!(u32::from(c), 0x00..=0x09 | 0x0b..=0x1f | 0x7f..=0x9f | 0x61c | 0x200e | 0x200f | 0x2028..=0x202e | 0x2066..=0x2069)
}

/// One of each kind of unsafe character, in a value.
const HOSTILE: &str = "a\u{1b}[2J\u{7f}\u{9b}31m\u{202e}txt.exe\u{2066}\u{200f}\u{61c}\u{2028}\u{85}\t\r";

fn assert_safe(what: &str, text: &str) {
    let raw: Vec<String> = text.chars().filter(|&c| is_unsafe(c)).map(|c| format!("U+{:04X}", u32::from(c))).collect();
    assert!(raw.is_empty(), "{what} prints {raw:?} raw:\n{text}");
}

#[test]
fn show_json_escapes_every_unsafe_character_and_keeps_the_value() {
    let (status, out, _) = gevent_config(show(ShowFormat::Json), &[("GEVENTARES_FLAGS", HOSTILE)]);
    assert_eq!(status, 0);
    assert_safe("show --format json", &out);
    assert!(
        out.contains(r#""value": "a\u001b[2J\u007f\u009b31m\u202etxt.exe\u2066\u200f\u061c\u2028\u0085\t\r""#),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["ares_flags"]["value"], HOSTILE);
}

#[test]
fn show_table_escapes_every_unsafe_character() {
    let env = [("GEVENTARES_FLAGS", HOSTILE), ("GEVENT_BACKEND", HOSTILE), ("GEVENT_RESOLVER_NAMESERVERS", HOSTILE)];
    let (status, out, _) = gevent_config(show(ShowFormat::Table), &env);
    assert_eq!(status, 0);
    assert_safe("show", &out);
    assert!(
        out.contains(r"'a\u{1b}[2J\u{7f}\u{9b}31m\u{202e}txt.exe\u{2066}\u{200f}\u{61c}\u{2028}\u{85}\t\r'"),
        "{out}"
    );
}

#[test]
fn messages_on_stderr_escape_every_unsafe_character() {
    let env = [
        ("GEVENT_MAX_BLOCKING_TIME", HOSTILE),
        ("GEVENT_RESOLVER", HOSTILE),
        ("GEVENT_MONITOR_MEMORY_MAX", HOSTILE),
        ("PYTHONTRACEMALLOC", HOSTILE),
    ];
    for command in [check(), show(ShowFormat::Table), show(ShowFormat::Json)] {
        let (status, out, err) = gevent_config(command, &env);
        assert_eq!((status, out.as_str()), (1, ""));
        assert_eq!(err.matches("error: ").count(), 4, "{err}");
        assert_safe("an error", &err);
    }
    let unknown = format!("GEVENT_{HOSTILE}");
    let (status, _, err) = gevent_config(check(), &[(unknown.as_str(), "1")]);
    assert_eq!(status, 1);
    assert!(err.contains("does not name a setting"), "{err}");
    assert_safe("a warning", &err);
}

#[test]
fn help_and_metadata_print_no_unsafe_character() {
    let (_, help, _) = gevent_config(Command::Help, &[]);
    assert_safe("help", &help);
    let (_, metadata, _) = gevent_config(metadata(), &[]);
    assert_safe("metadata", &metadata);
}

/// clap's own messages repeat what was given on the command line.
#[test]
fn command_line_errors_escape_what_they_repeat() {
    let output =
        Process::new(env!("CARGO_BIN_EXE_gevent-config")).args(["show", "--format", HOSTILE]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("invalid value 'a\\u{1b}[2J"), "{stderr}");
    assert_safe("a usage error", &stderr);
}

/// gevent reads `GEVENT_DEBUG` outside its settings (in `gevent._ffi`): it
/// is not an unknown variable. A typo of it still is.
#[test]
fn variables_gevent_reads_elsewhere_are_not_unknown() {
    let (status, out, err) = gevent_config(check(), &[("GEVENT_DEBUG", "debug"), ("GEVENT_MANYLINUX", "1")]);
    assert_eq!((status, err.as_str()), (0, ""));
    assert_eq!(out, "the configuration is valid (0 setting(s) given a value)\n");
    let (status, _, err) = gevent_config(show(ShowFormat::Json), &[("GEVENT_DEBUG", "debug")]);
    assert_eq!((status, err.as_str()), (0, ""));

    let (status, _, err) = gevent_config(check(), &[("GEVENT_DEBUG", "debug"), ("GEVENT_DEBGU", "debug")]);
    assert_eq!(status, 1);
    assert_eq!(
        err,
        "warning: environment variable GEVENT_DEBGU does not name a setting; did you mean GEVENT_DEBUG?\n\
         0 error(s) and 1 warning(s) in the configuration\n"
    );
}

/// A gevent user's configuration file, as `gevent-config --file` reads it.
struct TomlFile(std::path::PathBuf);

impl TomlFile {
    fn new(name: &str, text: &str) -> TomlFile {
        let path = std::env::temp_dir().join(format!("gevent-config-{name}-{}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        TomlFile(path)
    }
}

impl Drop for TomlFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn gevent_config_process(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let output = Process::new(env!("CARGO_BIN_EXE_gevent-config"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

#[test]
fn a_file_is_a_layer_under_the_environment_with_each_values_place() {
    let file = TomlFile::new(
        "layer",
        "# gevent.toml\nmax_blocking_time = 0.5\nresolver = [\"thread\", \"block\"]\nloop = \"libuv\"\n",
    );
    let path = file.0.to_str().unwrap();
    let (status, out, err) =
        gevent_config_process(&["--file", path, "show", "--format", "json"], &[("GEVENT_LOOP", "libev-cffi")]);
    assert_eq!((status, err.as_str()), (Some(0), ""));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Each entry keeps `value`, `source` and `env`, and gains `origin`.
    assert_eq!(
        json["max_blocking_time"],
        serde_json::json!({
            "value": 0.5,
            "source": "file",
            "env": "GEVENT_MAX_BLOCKING_TIME",
            "origin": {"kind": "file", "path": path, "line": 2, "column": 21, "key": "max_blocking_time"}
        })
    );
    assert_eq!(json["resolver"]["origin"]["line"], 3);
    // The environment wins over the file.
    assert_eq!(json["loop"]["source"], "environment");
    assert_eq!(json["loop"]["origin"], serde_json::json!({"kind": "environment", "var": "GEVENT_LOOP"}));
    assert_eq!(json["fileobject"]["origin"], serde_json::json!({"kind": "default"}));
}

#[test]
fn explain_prints_the_chain_for_one_setting() {
    let file = TomlFile::new("explain", "max_blocking_time = 0.5\n");
    let path = file.0.to_str().unwrap();
    let (status, out, err) =
        gevent_config_process(&["--file", path, "explain", "max_blocking_time"], &[("GEVENT_MAX_BLOCKING_TIME", "2")]);
    assert_eq!((status, err.as_str()), (Some(0), ""));
    assert_eq!(
        out,
        format!(
            "max_blocking_time = 2.0 (from environment variable GEVENT_MAX_BLOCKING_TIME)\n\
             \x20 used          environment variable GEVENT_MAX_BLOCKING_TIME: \"2\"\n\
             \x20 overridden    `max_blocking_time` in {path}:1:21: 0.5\n\
             \x20 overridden    the default: 0.1\n\
             \x20 why: the environment takes precedence over a configuration file, the default\n"
        )
    );
    // A bad value in the file is named with its place, and what is used instead.
    let file = TomlFile::new("bad", "max_blocking_time = -1\n");
    let path = file.0.to_str().unwrap();
    let (status, out, _) = gevent_config_process(&["--file", path, "explain", "max_blocking_time"], &[]);
    assert_eq!(status, Some(0));
    assert!(out.contains(&format!("rejected      `max_blocking_time` in {path}:1:21: -1")), "{out}");
    let (status, _, err) = gevent_config_process(&["--file", path, "check"], &[]);
    assert_eq!(status, Some(1));
    assert!(err.contains(&format!("{path}:1:21: max_blocking_time = -1: invalid value")), "{err}");
    // An unknown setting's name is an error naming it.
    let (status, _, err) = gevent_config_process(&["explain", "max_blocking"], &[]);
    assert_eq!(status, Some(1));
    assert!(err.contains("max_blocking"), "{err}");
}
