//! The executor: task slots, a ready queue fed by wakers, and one guarded poll at a time.
//!
//! Single-threaded by design: futures are `!Send` boxes polled only from the tasks phase. The
//! wakers are `Arc`s (std's [`Wake`]) that push a task id into a mutex-guarded queue, so a host's
//! worker thread may wake a task (an image decoded on a pool), but nothing here starts a thread.
//! Owns: the futures and which entity owns each. Must not touch: the world or the app; the phase
//! in `mod.rs` decides what a finished, panicked or cancelled task means for them.

use crate::errors::panic_message;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use hecs::Entity;

/// A boxed task future. Not `Send`: tasks never leave the frame's thread.
pub(crate) type LocalFuture = Pin<Box<dyn Future<Output = ()>>>;

/// Names one task for as long as the app lives (ids are never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

impl std::fmt::Display for TaskId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "task #{}", self.0)
    }
}

/// Returned by the spawn calls: cancel the task with [`crate::App::cancel_task`] or ask whether it
/// still runs with [`crate::App::task_running`]. Dropping the handle does not cancel the task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TaskHandle {
    pub(crate) id: TaskId,
}

impl TaskHandle {
    pub fn id(&self) -> TaskId {
        self.id
    }
}

/// Task ids waiting to be polled, in wake order. Shared with every waker.
#[derive(Default)]
struct ReadyQueue(Mutex<VecDeque<TaskId>>);

impl ReadyQueue {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<TaskId>> {
        // A poisoned lock only means a waker panicked mid-push; the queue itself is still sound.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Wakes one task: queues its id once, however many times it is woken before its next poll.
struct TaskWaker {
    id: TaskId,
    queue: Arc<ReadyQueue>,
    queued: AtomicBool,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            self.queue.lock().push_back(self.id);
        }
    }
}

struct Slot {
    future: LocalFuture,
    owner: Option<Entity>,
    waker: Arc<TaskWaker>,
}

/// What one poll did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Polled {
    /// The task finished and was dropped.
    Done,
    /// The task waits for a wake.
    Pending,
    /// The task panicked and was dropped; the panic message.
    Panicked(String),
    /// No such task (finished or cancelled since it was woken).
    Gone,
}

/// The task slots and the ready queue.
#[derive(Default)]
pub(crate) struct Executor {
    slots: HashMap<TaskId, Slot>,
    queue: Arc<ReadyQueue>,
}

/// Drops a future, swallowing a panic in its destructor (a task being torn down must not take
/// the frame with it).
fn drop_guarded(future: LocalFuture) {
    let _ = catch_unwind(AssertUnwindSafe(move || drop(future)));
}

impl Executor {
    /// Adds a task and queues it for its first poll.
    pub(crate) fn insert(&mut self, id: TaskId, owner: Option<Entity>, future: LocalFuture) {
        let waker = Arc::new(TaskWaker { id, queue: self.queue.clone(), queued: AtomicBool::new(false) });
        waker.wake_by_ref();
        self.slots.insert(id, Slot { future, owner, waker });
    }

    /// The next task to poll.
    pub(crate) fn pop_ready(&mut self) -> Option<TaskId> {
        self.queue.lock().pop_front()
    }

    /// True when some task is queued for polling.
    pub(crate) fn has_ready(&self) -> bool {
        !self.queue.lock().is_empty()
    }

    /// Polls task `id` once, catching a panic.
    pub(crate) fn poll(&mut self, id: TaskId) -> Polled {
        let Some(slot) = self.slots.get_mut(&id) else { return Polled::Gone };
        // Cleared before polling, so a wake during the poll queues the task again.
        slot.waker.queued.store(false, Ordering::Release);
        let waker = Waker::from(slot.waker.clone());
        let mut cx = Context::from_waker(&waker);
        let future = &mut slot.future;
        let outcome = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx)));
        match outcome {
            Ok(Poll::Pending) => Polled::Pending,
            Ok(Poll::Ready(())) => {
                if let Some(slot) = self.slots.remove(&id) {
                    drop_guarded(slot.future);
                }
                Polled::Done
            }
            Err(payload) => {
                let message = panic_message(payload.as_ref());
                if let Some(slot) = self.slots.remove(&id) {
                    drop_guarded(slot.future);
                }
                Polled::Panicked(message)
            }
        }
    }

    /// Drops task `id`; false when it had already finished.
    pub(crate) fn cancel(&mut self, id: TaskId) -> bool {
        match self.slots.remove(&id) {
            Some(slot) => {
                drop_guarded(slot.future);
                true
            }
            None => false,
        }
    }

    /// Drops every task owned by one of `owners`; returns how many.
    pub(crate) fn cancel_owned(&mut self, owners: &HashSet<Entity>) -> usize {
        let doomed: Vec<TaskId> = self
            .slots
            .iter()
            .filter(|(_, s)| s.owner.is_some_and(|o| owners.contains(&o)))
            .map(|(id, _)| *id)
            .collect();
        for id in &doomed {
            self.cancel(*id);
        }
        doomed.len()
    }

    /// The distinct owners of live tasks.
    pub(crate) fn owners(&self) -> HashSet<Entity> {
        self.slots.values().filter_map(|s| s.owner).collect()
    }

    pub(crate) fn contains(&self, id: TaskId) -> bool {
        self.slots.contains_key(&id)
    }

    pub(crate) fn owner(&self, id: TaskId) -> Option<Entity> {
        self.slots.get(&id).and_then(|s| s.owner)
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Tasks owned by `owner`.
    pub(crate) fn owned_by(&self, owner: Entity) -> usize {
        self.slots.values().filter(|s| s.owner == Some(owner)).count()
    }
}

/// A future that turns a panic in `inner` into `Err(message)`, so the code awaiting it can show an
/// error state instead of losing the task. See [`catch_panic`].
pub struct CatchPanic<F> {
    inner: Pin<Box<F>>,
}

/// Wraps `future` so that a panic while polling it resolves to `Err(panic message)`.
pub fn catch_panic<F: Future>(future: F) -> CatchPanic<F> {
    CatchPanic { inner: Box::pin(future) }
}

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.inner;
        match catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(panic_message(payload.as_ref()))),
        }
    }
}

#[cfg(test)]
#[expect(clippy::panic, reason = "the tests panic inside tasks on purpose")]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    /// Pending until the flag is set; wakes nobody (the test wakes by hand).
    struct Gate(Rc<Cell<bool>>, Rc<Cell<Option<Waker>>>);

    impl Future for Gate {
        type Output = ();
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0.get() {
                Poll::Ready(())
            } else {
                self.1.set(Some(cx.waker().clone()));
                Poll::Pending
            }
        }
    }

    #[test]
    fn wakes_queue_once_and_finished_tasks_are_dropped() {
        let mut ex = Executor::default();
        let open = Rc::new(Cell::new(false));
        let waker = Rc::new(Cell::new(None));
        ex.insert(TaskId(1), None, Box::pin(Gate(open.clone(), waker.clone())));
        assert_eq!(ex.pop_ready(), Some(TaskId(1)));
        assert_eq!(ex.poll(TaskId(1)), Polled::Pending);
        assert!(!ex.has_ready());
        let w = waker.take().unwrap();
        w.wake_by_ref();
        w.wake_by_ref();
        assert_eq!(ex.pop_ready(), Some(TaskId(1)));
        assert_eq!(ex.pop_ready(), None, "two wakes before a poll queue the task once");
        open.set(true);
        assert_eq!(ex.poll(TaskId(1)), Polled::Done);
        assert_eq!(ex.len(), 0);
        assert_eq!(ex.poll(TaskId(1)), Polled::Gone);
    }

    #[test]
    fn a_panicking_task_is_reported_and_dropped() {
        let mut ex = Executor::default();
        ex.insert(TaskId(7), None, Box::pin(async { panic!("boom") }));
        let id = ex.pop_ready().unwrap();
        assert_eq!(ex.poll(id), Polled::Panicked("boom".to_owned()));
        assert_eq!(ex.len(), 0);
    }

    #[test]
    fn catch_panic_turns_a_panic_into_an_error() {
        let mut ex = Executor::default();
        let seen = Rc::new(Cell::new(None));
        let s = seen.clone();
        ex.insert(
            TaskId(1),
            None,
            Box::pin(async move {
                let r: Result<u32, String> = catch_panic(async { panic!("loader failed") }).await;
                s.set(Some(r));
            }),
        );
        assert_eq!(ex.poll(TaskId(1)), Polled::Done);
        assert_eq!(seen.take(), Some(Err("loader failed".to_owned())));
    }
}
