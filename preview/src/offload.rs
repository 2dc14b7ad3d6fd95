//! [`ThreadOffload`]: the preview's pool for blocking task work (image decodes): one worker
//! thread fed by a channel. Threads are allowed here, never in the toolkit; the window installs
//! it, headless runs do not (a worker's timing would make screenshots depend on the machine).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;

use tenfoot_toolkit::tasks::Offload;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// One worker thread running jobs in order.
#[derive(Debug)]
pub struct ThreadOffload {
    jobs: Sender<Job>,
    in_flight: Arc<AtomicUsize>,
}

impl ThreadOffload {
    /// Starts the worker; `None` if the OS refuses a thread (tasks then run inline).
    pub fn start() -> Option<ThreadOffload> {
        let (tx, rx) = channel::<Job>();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let count = in_flight.clone();
        std::thread::Builder::new()
            .name("tenfoot-offload".to_owned())
            .spawn(move || {
                for job in rx {
                    // A panicking job must not kill the worker. The toolkit's jobs catch their
                    // own panics and hand them to their task (reported as a failed load); this
                    // guard keeps the worker alive for any other job.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    count.fetch_sub(1, Ordering::AcqRel);
                }
            })
            .ok()?;
        Some(ThreadOffload { jobs: tx, in_flight })
    }
}

impl Offload for ThreadOffload {
    fn run(&self, job: Job) {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        if let Err(e) = self.jobs.send(job) {
            // The worker is gone: run here rather than lose the job.
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            (e.0)();
        }
    }

    fn busy(&self) -> bool {
        self.in_flight.load(Ordering::Acquire) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tenfoot_toolkit::App;

    #[test]
    fn blocking_work_runs_on_the_worker_and_wakes_the_task() {
        let mut app = App::headless();
        app.set_offload(ThreadOffload::start().unwrap());
        let out = std::rc::Rc::new(std::cell::Cell::new(None));
        let o = out.clone();
        app.spawn_with(move |cx| async move {
            let name = cx.blocking(|| std::thread::current().name().map(str::to_owned)).await;
            o.set(Some(name));
        });
        let mut t = Duration::ZERO;
        while out.take().map(|n| assert_eq!(n.as_deref(), Some("tenfoot-offload"))).is_none() {
            assert!(t < Duration::from_secs(10), "the worker never answered");
            app.frame(t, &[]);
            std::thread::sleep(Duration::from_millis(2));
            t += Duration::from_millis(16);
        }
    }
}
