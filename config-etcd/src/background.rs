//! The crate's own tokio runtime, on a thread it owns: every etcd request
//! runs there, so the application needs no async runtime, and a reader of
//! the settings never waits on the network.

use std::future::Future;
use std::io;
use std::sync::mpsc;
use std::thread::{self, JoinHandle, ThreadId};
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::oneshot;
use tokio::task::AbortHandle;

/// A single-threaded runtime driven by a thread of its own; dropping it
/// stops the thread and cancels every task.
pub(crate) struct Background {
    handle: Handle,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    thread_id: ThreadId,
}

impl Background {
    pub(crate) fn start() -> io::Result<Background> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = thread::Builder::new().name("config-etcd".to_owned()).spawn(move || {
            // Tasks run while this waits; the runtime, dropped here outside
            // any task, cancels those left.
            runtime.block_on(async {
                let _ = stopped.await;
            });
        })?;
        let thread_id = thread.thread().id();
        Ok(Background { handle, stop: Some(stop), thread: Some(thread), thread_id })
    }

    /// Runs `task` in the background.
    pub(crate) fn spawn(&self, task: impl Future<Output = ()> + Send + 'static) -> AbortHandle {
        self.handle.spawn(task).abort_handle()
    }

    /// Runs `task` and waits for its output, at most `limit`: `None` when
    /// it did not finish in time (it is then canceled). Safe to call from
    /// any thread, inside another runtime too: it only waits on a channel.
    pub(crate) fn run<T: Send + 'static>(
        &self,
        limit: Duration,
        task: impl Future<Output = T> + Send + 'static,
    ) -> Option<T> {
        let (sender, receiver) = mpsc::sync_channel(1);
        let abort = self.spawn(async move {
            let _ = sender.send(task.await);
        });
        let output = receiver.recv_timeout(limit).ok();
        if output.is_none() {
            abort.abort();
        }
        output
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        drop(self.stop.take());
        // Never join from the runtime's own thread (a task that dropped the
        // last handle): that would wait for itself.
        if thread::current().id() != self.thread_id
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
    }
}
