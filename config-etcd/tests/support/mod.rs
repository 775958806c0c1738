//! A real etcd server for tests and examples: started on free loopback
//! ports with a data directory of its own, killed on drop; and a client
//! that writes to it.
#![allow(dead_code)] // each test file and example uses a part

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use etcd_client::{Client, CompactionOptions, Txn, TxnOp};
use tokio::runtime::Runtime;

/// A single-member etcd cluster on loopback.
pub struct EtcdServer {
    child: Option<Child>,
    client_port: u16,
    peer_port: u16,
    dir: PathBuf,
    name: String,
}

impl EtcdServer {
    /// Starts a server; fails the test when there is no `etcd` to run.
    pub fn start(name: &str) -> EtcdServer {
        assert!(
            Command::new("etcd").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success()),
            "the etcd server is not installed: run .ci/setup-etcd (it installs Debian's etcd-server)"
        );
        // In memory when the machine has a tmpfs: etcd syncs every write.
        let base =
            if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("config-etcd-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut server = EtcdServer { child: None, client_port: 0, peer_port: 0, dir, name: name.to_owned() };
        // Another process may take a port between our probe and etcd's
        // bind: then etcd exits, and we try other ports on a clean slate.
        for _ in 0..5 {
            (server.client_port, server.peer_port) = (free_port(), free_port());
            let _ = std::fs::remove_dir_all(server.dir.join("data"));
            if server.spawn() {
                return server;
            }
        }
        panic!("etcd did not start; its log: {}", server.log());
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.client_port)
    }

    /// Kills the server (as a crash would) and waits for it to be gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again with the same ports and data.
    pub fn restart(&mut self) {
        self.kill();
        assert!(self.spawn(), "etcd did not restart: {}", self.log());
    }

    /// Starts the server again, with the same ports and no data: a new
    /// cluster, whose revisions start over.
    pub fn restart_empty(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(self.dir.join("data"));
        assert!(self.spawn(), "etcd did not restart: {}", self.log());
    }

    /// The server's log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("etcd.log")).unwrap_or_default()
    }

    /// Starts etcd and waits until it answers; `false` if it exited.
    fn spawn(&mut self) -> bool {
        let client = self.endpoint();
        let peer = format!("http://127.0.0.1:{}", self.peer_port);
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join("etcd.log")).unwrap();
        let child = Command::new("etcd")
            .args(["--name", &self.name, "--data-dir"])
            .arg(self.dir.join("data"))
            .args(["--listen-client-urls", &client, "--advertise-client-urls", &client])
            .args(["--listen-peer-urls", &peer, "--initial-advertise-peer-urls", &peer])
            .args(["--initial-cluster", &format!("{}={peer}", self.name)])
            .args(["--logger", "zap", "--log-level", "warn"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("cannot run etcd");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(Ok(Some(_))) = self.child.as_mut().map(Child::try_wait) {
                return false;
            }
            if ready(&client) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("etcd did not answer within 20 s: {}", self.log());
    }
}

impl Drop for EtcdServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Whether the server at `endpoint` answers a read.
fn ready(endpoint: &str) -> bool {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return false };
    runtime.block_on(async {
        let attempt = async {
            let mut client = Client::connect([endpoint], None).await.ok()?;
            client.get("/ready", None).await.ok()
        };
        tokio::time::timeout(Duration::from_millis(500), attempt).await.ok().flatten().is_some()
    })
}

/// A client that writes to the server, as an operator would.
pub struct Writer {
    runtime: Runtime,
    client: Client,
}

impl Writer {
    pub fn connect(endpoint: &str) -> Writer {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let client = runtime.block_on(Client::connect([endpoint], None)).unwrap();
        Writer { runtime, client }
    }

    /// Puts one key; returns the revision of the change.
    pub fn put(&mut self, key: &str, value: impl Into<Vec<u8>>) -> i64 {
        let response = self.runtime.block_on(self.client.put(key, value, None)).unwrap();
        response.header().unwrap().revision()
    }

    /// Puts several keys in one transaction (one revision).
    pub fn put_all(&mut self, pairs: &[(&str, &str)]) -> i64 {
        let ops: Vec<TxnOp> = pairs.iter().map(|(k, v)| TxnOp::put(*k, *v, None)).collect();
        let response = self.runtime.block_on(self.client.txn(Txn::new().and_then(ops))).unwrap();
        assert!(response.succeeded());
        response.header().unwrap().revision()
    }

    pub fn delete(&mut self, key: &str) -> i64 {
        let response = self.runtime.block_on(self.client.delete(key, None)).unwrap();
        response.header().unwrap().revision()
    }

    /// Compacts the history up to `revision`, waiting until it is done.
    pub fn compact(&mut self, revision: i64) {
        self.runtime.block_on(self.client.compact(revision, Some(CompactionOptions::new().with_physical()))).unwrap();
    }
}
