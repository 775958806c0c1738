//! The fixed environment every loader runs under, so that runs compare: 34
//! variables, none of gevent's ("nothing set") or 8 of them in place of 8
//! others ("8 set").

/// 34 variables of an ordinary shell session.
const ORDINARY: [(&str, &str); 34] = [
    ("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
    ("HOME", "/home/user"),
    ("USER", "user"),
    ("LOGNAME", "user"),
    ("SHELL", "/bin/bash"),
    ("LANG", "en_US.UTF-8"),
    ("LC_ALL", "en_US.UTF-8"),
    ("TERM", "xterm-256color"),
    ("PWD", "/home/user/project"),
    ("OLDPWD", "/home/user"),
    ("HOSTNAME", "build-01"),
    ("EDITOR", "vim"),
    ("PAGER", "less"),
    ("LESS", "-R"),
    ("TZ", "UTC"),
    ("TMPDIR", "/tmp"),
    ("XDG_RUNTIME_DIR", "/run/user/1000"),
    ("XDG_CONFIG_HOME", "/home/user/.config"),
    ("XDG_DATA_HOME", "/home/user/.local/share"),
    ("XDG_CACHE_HOME", "/home/user/.cache"),
    ("SSH_AUTH_SOCK", "/tmp/ssh-agent.sock"),
    ("DISPLAY", ":0"),
    ("COLORTERM", "truecolor"),
    ("SHLVL", "2"),
    ("MAIL", "/var/mail/user"),
    ("CARGO_HOME", "/home/user/.cargo"),
    ("RUSTUP_HOME", "/home/user/.rustup"),
    ("PYTHONPATH", "/home/user/project/src"),
    ("VIRTUAL_ENV", "/home/user/project/.venv"),
    ("HISTSIZE", "10000"),
    ("HISTFILESIZE", "20000"),
    ("GOPATH", "/home/user/go"),
    ("JAVA_HOME", "/usr/lib/jvm/default"),
    ("NODE_ENV", "production"),
];

/// The 8 gevent variables of the "8 set" scenario.
pub const GEVENT_8: [(&str, &str); 8] = [
    ("GEVENT_RESOLVER", "block,thread"),
    ("GEVENT_LOOP", "libuv"),
    ("GEVENT_NOWAITPID", "1"),
    ("GEVENT_MONITOR_THREAD_ENABLE", "true"),
    ("GEVENT_MAX_BLOCKING_TIME", "0.5"),
    ("GEVENT_MONITOR_MEMORY_MAX", "512mb"),
    ("GEVENT_BACKEND", "select,poll"),
    ("GEVENT_RESOLVER_NAMESERVERS", "8.8.8.8,1.1.1.1"),
];

/// The example service's scenario: its two required database URLs and 6
/// other settings, in place of 8 ordinary variables.
pub const SERVICE_8: [(&str, &str); 8] = [
    ("APP_PRIMARY_URL", "postgres://app:secret@db1.example.org/app"),
    ("APP_REPLICA_URL", "postgres://app:secret@db2.example.org/app"),
    ("APP_WORKERS", "8"),
    ("APP_REQUEST_TIMEOUT", "45s"),
    ("APP_MAX_BODY", "4mb"),
    ("APP_LOG_FORMAT", "json"),
    ("APP_ALLOWED_ORIGINS", "https://app.example.org,https://admin.example.org"),
    ("APP_PRIMARY_POOL_SIZE", "20"),
];

/// Which scenario the process environment is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// 34 ordinary variables.
    NothingSet,
    /// 26 ordinary variables and 8 of gevent's.
    EightSet,
    /// 26 ordinary variables and 8 of the example service's.
    Service,
}

impl Scenario {
    /// The name benchmarks are filed under.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::NothingSet => "nothing_set",
            Scenario::EightSet => "8_set",
            Scenario::Service => "service",
        }
    }

    /// The scenario filed under `name`.
    pub fn named(name: &str) -> Option<Scenario> {
        [Scenario::NothingSet, Scenario::EightSet, Scenario::Service].into_iter().find(|s| s.name() == name)
    }

    /// The scenario's 34 variables.
    pub fn variables(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Scenario::NothingSet => ORDINARY.to_vec(),
            Scenario::EightSet => ORDINARY[..26].iter().chain(&GEVENT_8).copied().collect(),
            Scenario::Service => ORDINARY[..26].iter().chain(&SERVICE_8).copied().collect(),
        }
    }

    /// Makes the process environment exactly the scenario's 34 variables.
    pub fn apply(self) {
        let keys: Vec<_> = std::env::vars_os().map(|(k, _)| k).collect();
        // SAFETY: benchmarks set the environment before any measurement,
        // on the one thread criterion runs them on.
        unsafe {
            for key in keys {
                std::env::remove_var(key);
            }
            for (key, value) in self.variables() {
                std::env::set_var(key, value);
            }
        }
        assert_eq!(std::env::vars_os().count(), 34);
    }
}
