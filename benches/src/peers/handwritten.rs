//! The baseline: the least work that reads gevent's 23 settings with
//! gevent's rules. One `std::env::var_os` per variable; the value checked as
//! UTF-8 in place (`OsString::into_string` moves, it does not copy) and
//! parsed from the borrowed text; nothing allocated that the result does not
//! keep, beyond the copy `var_os` makes of each value that is set (as
//! config-core's environment source does too). It stops at the first
//! invalid variable.
//!
//! What it does not do, and config-core does: resolve importables in a
//! registry (it keeps each preference list unresolved, as the variable's
//! text), record where each value came from, collect every invalid variable
//! with its value and what was expected (it stops at the first, with a
//! fixed reason), warn about deprecated settings in use.

use std::ffi::OsString;

use crate::rules::{self, Rejection};
use crate::values::{Names, Values, defaults};

/// The first invalid variable met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub variable: &'static str,
    pub reason: Rejection,
}

/// Loads gevent's settings from the process environment.
pub fn load() -> Result<Values, Invalid> {
    load_from(&|name| std::env::var_os(name))
}

/// Loads gevent's settings from `var`, which looks a variable up (the
/// process environment in [`load`]; a fixed list in tests).
pub fn load_from(var: &impl Fn(&str) -> Option<OsString>) -> Result<Values, Invalid> {
    let env = Env(var);
    Ok(Values {
        resolver: env.names("GEVENT_RESOLVER", defaults::RESOLVER)?,
        threadpool: env.names("GEVENT_THREADPOOL", defaults::THREADPOOL)?,
        threadpool_idle_task_timeout: env
            .number("GEVENT_THREADPOOL_IDLE_TASK_TIMEOUT", super::idle_timeout)?
            .unwrap_or(5.0),
        r#loop: env.names("GEVENT_LOOP", defaults::LOOP)?,
        format_context: env.names("GEVENT_FORMAT_CONTEXT", defaults::FORMAT_CONTEXT)?,
        libev_backend: env.list("GEVENT_BACKEND")?,
        fileobject: env.names("GEVENT_FILE", defaults::FILEOBJECT)?,
        disable_watch_children: env.boolean("GEVENT_NOWAITPID")?.unwrap_or(false),
        trace_malloc: env.number("PYTHONTRACEMALLOC", rules::integer)?.unwrap_or(0),
        track_greenlet_tree: env.boolean("GEVENT_TRACK_GREENLET_TREE")?.unwrap_or(true),
        monitor_thread: env.boolean("GEVENT_MONITOR_THREAD_ENABLE")?.unwrap_or(false),
        max_blocking_time: env.number("GEVENT_MAX_BLOCKING_TIME", super::seconds)?.unwrap_or(0.1),
        memory_monitor_period: env.number("GEVENT_MONITOR_MEMORY_PERIOD", super::seconds)?.unwrap_or(5.0),
        max_memory_usage: env.number("GEVENT_MONITOR_MEMORY_MAX", super::memory_limit)?,
        ares_flags: env.text("GEVENTARES_FLAGS")?,
        ares_timeout: env.text("GEVENTARES_TIMEOUT")?,
        ares_tries: env.text("GEVENTARES_TRIES")?,
        ares_ndots: env.text("GEVENTARES_NDOTS")?,
        ares_udp_port: env.text("GEVENTARES_UDP_PORT")?,
        ares_tcp_port: env.text("GEVENTARES_TCP_PORT")?,
        ares_servers: env.list("GEVENTARES_SERVERS")?,
        resolver_nameservers: env.list("GEVENT_RESOLVER_NAMESERVERS")?,
        resolver_timeout: env.number("GEVENT_RESOLVER_TIMEOUT", super::seconds)?,
    })
}

/// The variables, read one at a time.
struct Env<'a, F>(&'a F);

impl<F: Fn(&str) -> Option<OsString>> Env<'_, F> {
    /// The variable's text, if set; an error if it is not UTF-8.
    fn text(&self, variable: &'static str) -> Result<Option<String>, Invalid> {
        match (self.0)(variable).map(OsString::into_string) {
            None => Ok(None),
            Some(Ok(text)) => Ok(Some(text)),
            Some(Err(_)) => Err(Invalid { variable, reason: "not valid UTF-8" }),
        }
    }

    fn boolean(&self, variable: &'static str) -> Result<Option<bool>, Invalid> {
        match self.text(variable)? {
            Some(text) => rules::boolean(&text).map(Some).map_err(|reason| Invalid { variable, reason }),
            None => Ok(None),
        }
    }

    /// A number: an empty variable means "not set", as in gevent.
    fn number<T>(
        &self,
        variable: &'static str,
        parse: impl Fn(&str) -> Result<T, Rejection>,
    ) -> Result<Option<T>, Invalid> {
        match self.text(variable)? {
            Some(text) if !text.is_empty() => parse(&text).map(Some).map_err(|reason| Invalid { variable, reason }),
            _ => Ok(None),
        }
    }

    fn list(&self, variable: &'static str) -> Result<Option<Vec<String>>, Invalid> {
        Ok(self.text(variable)?.map(|text| rules::list(&text)))
    }

    fn names(&self, variable: &'static str, default: &'static [&'static str]) -> Result<Names, Invalid> {
        Ok(self.text(variable)?.map_or(Names::Default(default), Names::Given))
    }
}
