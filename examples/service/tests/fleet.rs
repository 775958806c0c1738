//! Two instances of the service, one etcd prefix (the README's two-process
//! demonstration, as a test): a put reaches both, an instance's own
//! environment still wins, and a bad value is refused by both with the last
//! good configuration kept. A real etcd, started on free loopback ports.

mod running;
#[path = "../../../config-etcd/tests/support/mod.rs"]
mod support;

use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::{EtcdServer, Writer};

/// One running instance, its output read line by line.
struct Instance {
    child: Child,
    lines: mpsc::Receiver<String>,
    dir: PathBuf,
}

impl Instance {
    fn start(name: &str, endpoint: &str, env: &[(&str, &str)]) -> Instance {
        let dir = std::env::temp_dir().join(format!("service-example-fleet-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_service"))
            .current_dir(&dir)
            .env_clear()
            .envs(env.iter().copied())
            .env("APP_PRIMARY_URL", "postgres://app@primary/app")
            .env("APP_REPLICA_URL", "postgres://reports@replica/app")
            .args(["--etcd", endpoint, "serve", "--stop-after", "60", "--name", name])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let lines = running::stdout_lines(&mut child);
        Instance { child, lines, dir }
    }

    /// The next line that starts with `prefix`, within a bound.
    fn wait_for(&self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line starting with {prefix:?}; saw:\n{}", seen.join("\n"));
    }

    /// No line starting with `prefix` for a while.
    fn quiet(&self, prefix: &str) {
        let deadline = Instant::now() + Duration::from_millis(500);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.lines.recv_timeout(left) {
                assert!(!line.starts_with(prefix), "unexpected: {line}");
            }
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn one_put_reaches_every_instance_unless_its_environment_overrides_it() {
    let server = EtcdServer::start("service-fleet");
    let endpoint = server.endpoint();
    let mut etcd = Writer::connect(&endpoint);
    let first = etcd.put("/apps/service/request_timeout", "20s");

    let a = Instance::start("a", &endpoint, &[]);
    let b = Instance::start("b", &endpoint, &[("APP_PRIMARY_POOL_SIZE", "7")]);
    for instance in [&a, &b] {
        let name = if std::ptr::eq(instance, &a) { "a" } else { "b" };
        instance.wait_for(&format!("[{name}] service: listening"));
        let row = instance.wait_for("request_timeout ");
        assert!(row.contains(&format!("etcd {endpoint} /apps/service/request_timeout (revision {first})")), "{row}");
    }

    let revision = etcd.put("/apps/service/request_timeout", "40s");
    let store = format!("key /apps/service/request_timeout of etcd {endpoint} (revision {revision})");
    assert_eq!(a.wait_for("[a] reload:"), format!("[a] reload: request_timeout = 40s ({store})"));
    assert_eq!(b.wait_for("[b] reload:"), format!("[b] reload: request_timeout = 40s ({store})"));

    // b's environment sets the pool size: only a takes the fleet's value.
    etcd.put("/apps/service/primary/pool_size", "25");
    assert!(
        a.wait_for("[a] reload:")
            .starts_with("[a] reload: primary.pool_size = 25 (key /apps/service/primary/pool_size")
    );
    b.quiet("[b] reload: primary.pool_size");

    // A bad value: both keep the last good configuration.
    etcd.put("/apps/service/trace_sample_rate", "2");
    for (instance, name) in [(&a, "a"), (&b, "b")] {
        assert_eq!(
            instance.wait_for(&format!("[{name}] reload:")),
            format!("[{name}] reload: kept the last good configuration:")
        );
        let problem = instance.wait_for("key /apps/service/trace_sample_rate");
        assert!(
            problem.contains("\"2\": invalid value for setting `trace_sample_rate`: must be between 0.0 and 1.0"),
            "{problem}"
        );
    }
}
