//! The `service` program as an operator runs it: the mounted settings
//! command, flags, and `serve` reloading when a file changes.

mod running;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The program, in `dir`, with an environment of its own.
fn service(dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_service"));
    command.current_dir(dir).env_clear().envs(env.iter().copied());
    command
}

fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

#[test]
fn show_as_json_gives_each_value_its_exact_origin() {
    let (status, out, err) = run(service(&example_dir(), &[("APP_WORKERS", "6")]).args([
        "--max-body",
        "2mb",
        "settings",
        "show",
        "--format",
        "json",
    ]));
    assert_eq!(status, 0, "{err}");
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["workers"]["value"], 6);
    assert_eq!(shown["workers"]["origin"], serde_json::json!({"kind": "environment", "var": "APP_WORKERS"}));
    assert_eq!(shown["max_body"]["value"], 2 << 20);
    assert_eq!(shown["max_body"]["origin"]["arg"], "--max-body");
    assert_eq!(shown["request_timeout"]["origin"]["kind"], "file");
    assert_eq!(shown["request_timeout"]["origin"]["path"], "./app.toml");
    assert_eq!(shown["request_timeout"]["origin"]["line"], 8);
    assert_eq!(shown["primary.url"]["value"], "<redacted>");
    assert_eq!(shown["primary.url"]["origin"]["kind"], "dotenv");
    assert_eq!(shown["replica.url"]["origin"]["path"], "./secrets/replica.url");
    assert!(!out.contains("dev-password"));
}

#[test]
fn check_names_every_problem_and_fails() {
    let (status, _, err) = run(service(&example_dir(), &[("APP_LISTEN", "localhost")]).args([
        "--workers",
        "0",
        "--set",
        "primary.pool_size",
        "settings",
        "check",
    ]));
    assert_eq!(status, 1);
    assert!(err.contains("--set primary.pool_size: no `=`: expected `name=value`"), "{err}");
    assert!(err.contains("--workers=\"0\": invalid value for setting `workers`"), "{err}");
    assert!(err.contains("APP_LISTEN=\"localhost\": invalid value for setting `listen`"), "{err}");
    assert!(err.ends_with("3 error(s) and 0 warning(s) in the configuration\n"), "{err}");
}

#[test]
fn explain_and_the_generated_artefacts() {
    let (status, out, _) = run(service(&example_dir(), &[]).args([
        "--set",
        "primary.pool_size=40",
        "settings",
        "explain",
        "primary.pool_size",
    ]));
    assert_eq!(status, 0);
    assert!(out.starts_with("primary.pool_size = 40 (from command-line argument --set primary.pool_size)\n"), "{out}");
    assert!(out.contains("overridden    APP_PRIMARY_POOL_SIZE in ./.env:4: \"30\""), "{out}");
    let committed = |file: &str| fs::read_to_string(example_dir().join("docs").join(file)).unwrap();
    for (args, file) in [
        (&["settings", "docs", "--format", "markdown"][..], "configuration.md"),
        (&["settings", "schema"][..], "app.schema.json"),
        (&["settings", "template", "--format", "toml"][..], "app.template.toml"),
        (&["settings", "template", "--format", "env"][..], "template.env"),
    ] {
        let (status, out, err) = run(service(&example_dir(), &[]).args(args));
        assert_eq!((status, err.as_str()), (0, ""));
        assert_eq!(out, committed(file), "`service {}` differs from docs/{file}", args.join(" "));
    }
}

/// A running `serve`, its standard output read line by line.
struct Serving {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Serving {
    fn start(dir: &Path) -> Serving {
        let mut child = service(dir, &[])
            .args(["serve", "--stop-after", "60"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let lines = running::stdout_lines(&mut child);
        Serving { child, lines }
    }

    /// The first line starting with `prefix`, within `limit`.
    fn wait_for(&self, prefix: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        panic!("no line starting with {prefix:?} within {limit:?}");
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_reloads_when_a_file_changes_and_keeps_the_last_good_configuration() {
    let dir = std::env::temp_dir().join(format!("service-example-serve-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("secrets")).unwrap();
    for file in ["app.toml", ".env", "secrets/replica.url"] {
        fs::copy(example_dir().join(file), dir.join(file)).unwrap();
    }
    let serving = Serving::start(&dir);
    assert_eq!(
        serving.wait_for("service: listening", Duration::from_secs(20)),
        "service: listening on 127.0.0.1:8080 with 8 workers"
    );
    // Output written beside the configuration is no reason to reload.
    fs::write(dir.join("service.log"), "a line\n").unwrap();

    // One write per edit, each replacement made once.
    let edits = |replacements: &[(&str, &str)]| {
        let mut text = fs::read_to_string(dir.join("app.toml")).unwrap();
        for (from, to) in replacements {
            assert!(text.contains(from), "app.toml has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        fs::write(dir.join("app.toml"), text).unwrap();
    };
    let edit = |from: &str, to: &str| edits(&[(from, to)]);
    edit("request_timeout = \"45s\"", "request_timeout = \"50s\"");
    let line = serving.wait_for("reload:", Duration::from_secs(5));
    assert!(line.starts_with("reload: request_timeout = 50s (`request_timeout` in ./app.toml:8:19)"), "{line}");

    edit("request_timeout = \"50s\"", "request_timeout = \"1h\"");
    assert_eq!(serving.wait_for("reload:", Duration::from_secs(5)), "reload: kept the last good configuration:");

    edits(&[("request_timeout = \"1h\"", "request_timeout = \"55s\""), ("workers = 8", "workers = 9")]);
    let mut lines =
        [serving.wait_for("reload:", Duration::from_secs(5)), serving.wait_for("reload:", Duration::from_secs(5))];
    lines.sort();
    let refused = "reload: refused: setting `workers` takes effect only at start and cannot change: \
                   it was first read at examples/service/src/main.rs:";
    assert!(lines[0].starts_with(refused), "{lines:?}");
    assert!(lines[1].starts_with("reload: request_timeout = 55s"), "{lines:?}");

    // The secret directory is watched too, and a secret is never printed.
    fs::write(dir.join("secrets/replica.url"), "postgres://reports:new-password@replica/app\n").unwrap();
    let line = serving.wait_for("reload:", Duration::from_secs(5));
    assert!(line.starts_with("reload: replica.url = <redacted> ("), "{line}");
    drop(serving);
    let _ = fs::remove_dir_all(&dir);
}
