//! [`TaskCx`]: what a task can reach while it runs, and the runtime state behind it.
//!
//! A task cannot borrow the [`App`] across an `.await` (the app is being framed meanwhile), so it
//! talks to the runtime instead: the frame clock and timers, spawns and cancels, the host bus,
//! and [`TaskCx::update`], which queues a closure the tasks phase applies to the app after the
//! polls. Owns: the runtime state shared by tasks and the phase. Must not touch: the app (only
//! queued closures do, in the phase).

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use hecs::Entity;

use super::bus::{BusState, Message, Request, RequestFuture};
use super::executor::{LocalFuture, TaskHandle, TaskId};
use super::offload::{Blocking, ImageLoad, ImageState, Offload};
use super::timer::{Interval, NextFrame, Sleep};
use crate::app::App;

/// A closure queued by a task, applied to the app in the tasks phase.
pub(crate) type Update = Box<dyn FnOnce(&mut App)>;

/// The runtime state tasks share with the phase.
pub(crate) struct RtState {
    /// The time of the current (or last) frame: the only clock tasks see.
    pub(crate) now: Duration,
    /// Counts tasks phases, for [`NextFrame`].
    pub(crate) frame: u64,
    pub(crate) next_task: u64,
    pub(crate) next_timer: u64,
    /// Sleeping timers by (deadline, timer id): fired in deadline order, ties in creation order.
    pub(crate) timers: BTreeMap<(Duration, u64), Waker>,
    pub(crate) frame_waiters: Vec<Waker>,
    /// Tasks spawned from inside tasks, inserted into the executor by the phase.
    pub(crate) spawned: Vec<(TaskId, Option<Entity>, LocalFuture)>,
    pub(crate) cancelled: Vec<TaskId>,
    /// Closures for the app, with the entity whose task queued them (skipped once it is gone).
    pub(crate) updates: VecDeque<(Option<Entity>, Update)>,
    pub(crate) bus: BusState,
    pub(crate) offload: Option<Rc<dyn Offload>>,
    pub(crate) images: ImageState,
}

impl Default for RtState {
    fn default() -> Self {
        Self {
            now: Duration::ZERO,
            frame: 0,
            next_task: 1,
            next_timer: 1,
            timers: BTreeMap::new(),
            frame_waiters: Vec::new(),
            spawned: Vec::new(),
            cancelled: Vec::new(),
            updates: VecDeque::new(),
            bus: BusState::default(),
            offload: None,
            images: ImageState::default(),
        }
    }
}

/// A handle on the runtime state. Borrows are short and never held across a poll or a drop of
/// a future, so futures may borrow it from inside their own `poll` and `drop`.
#[derive(Clone, Default)]
pub(crate) struct Rt(Rc<RefCell<RtState>>);

impl Rt {
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut RtState) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }

    pub(crate) fn now(&self) -> Duration {
        self.0.borrow().now
    }

    pub(crate) fn alloc_task(&self) -> TaskId {
        self.with(|s| {
            let id = TaskId(s.next_task);
            s.next_task += 1;
            id
        })
    }
}

thread_local! {
    /// The runtime whose tasks are being polled on this thread, for [`current`] and the free
    /// timer functions. Set only for the duration of a tasks phase's polls.
    static CURRENT: RefCell<Option<Rt>> = const { RefCell::new(None) };
}

/// Makes `rt` current until the guard drops (restoring whatever was current before, so two apps
/// framed from one thread do not see each other's runtime).
pub(crate) struct Enter(Option<Rt>);

impl Enter {
    pub(crate) fn new(rt: &Rt) -> Self {
        Enter(CURRENT.with(|c| c.replace(Some(rt.clone()))))
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        let prev = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = prev);
    }
}

pub(crate) fn current_rt() -> Option<Rt> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The context of the task being polled (unowned), or `None` outside a tasks phase.
pub fn current() -> Option<TaskCx> {
    current_rt().map(|rt| TaskCx { rt, owner: None })
}

/// What a task can do while it runs. Cheap to clone; capture it in the task's `async move` block.
///
/// ```
/// # use tenfoot_toolkit::{App, El};
/// # use std::time::Duration;
/// let mut app = App::headless();
/// let label = app.mount(app.root(), El::new().text("Loading"));
/// app.spawn_with(move |cx| async move {
///     cx.sleep(Duration::from_millis(500)).await;
///     cx.update(move |app| app.set_text(label, "Ready"));
/// });
/// ```
#[derive(Clone)]
pub struct TaskCx {
    pub(crate) rt: Rt,
    pub(crate) owner: Option<Entity>,
}

impl std::fmt::Debug for TaskCx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskCx").field("owner", &self.owner).field("now", &self.now()).finish()
    }
}

impl TaskCx {
    /// The frame time (the `now` of the frame being run, or of the last one).
    pub fn now(&self) -> Duration {
        self.rt.now()
    }

    /// The entity that owns this task, if any.
    pub fn owner(&self) -> Option<Entity> {
        self.owner
    }

    /// Queues `f` to run on the app in this frame's tasks phase, after the polls (or in the next
    /// one when queued from outside a frame). Skipped if the owning entity is despawned first.
    /// A panic in `f` is reported in `Frame::errors` and does not stop the frame.
    pub fn update(&self, f: impl FnOnce(&mut App) + 'static) {
        let owner = self.owner;
        self.rt.with(|s| s.updates.push_back((owner, Box::new(f))));
    }

    /// Spawns a task with the same owner as this one (so it is cancelled with it); it is first
    /// polled in this frame if the budget allows.
    pub fn spawn(&self, future: impl Future<Output = ()> + 'static) -> TaskHandle {
        self.spawn_owned_by(self.owner, Box::pin(future))
    }

    /// Spawns a task with no owner: it runs until it finishes or is cancelled.
    pub fn spawn_detached(&self, future: impl Future<Output = ()> + 'static) -> TaskHandle {
        self.spawn_owned_by(None, Box::pin(future))
    }

    fn spawn_owned_by(&self, owner: Option<Entity>, future: LocalFuture) -> TaskHandle {
        let id = self.rt.alloc_task();
        self.rt.with(|s| s.spawned.push((id, owner, future)));
        TaskHandle { id }
    }

    /// Cancels a task (drops its future) before the next poll.
    pub fn cancel(&self, task: TaskHandle) {
        self.rt.with(|s| s.cancelled.push(task.id));
    }

    /// Resolves at the first frame whose time is at least `now + d`.
    pub fn sleep(&self, d: Duration) -> Sleep {
        Sleep::with_rt(self.rt.clone(), d)
    }

    /// Ticks every `period` of frame time, the first tick one period from now.
    pub fn interval(&self, period: Duration) -> Interval {
        Interval::with_rt(self.rt.clone(), period)
    }

    /// Resolves in the next frame's tasks phase: yields the rest of this frame to other work.
    pub fn next_frame(&self) -> NextFrame {
        NextFrame::with_rt(self.rt.clone())
    }

    /// Sends a one-way message to the host (delivered in the tasks phase, in order).
    pub fn send<M: Message>(&self, message: M) {
        self.rt.with(|s| s.bus.send(message));
    }

    /// Sends a request to the host and resolves with its response, an error the host gave, or
    /// [`super::BusError::Timeout`] after the bus's default timeout of frame time (see
    /// [`RequestFuture::timeout`]).
    pub fn request<R: Request>(&self, request: R) -> RequestFuture<R> {
        RequestFuture::new(self.rt.clone(), request)
    }

    /// Like [`TaskCx::request`] for a topic chosen at run time: sends `body` as it is and
    /// resolves with the answer's JSON.
    pub fn request_json(&self, topic: impl Into<String>, body: serde_json::Value) -> RequestFuture<super::JsonRequest> {
        RequestFuture::json(self.rt.clone(), topic.into(), body)
    }

    /// Runs blocking work `f` on the host's offload pool when one is installed (see
    /// [`crate::App::set_offload`]); without one, inline in this task's next poll.
    pub fn blocking<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Blocking<T> {
        Blocking::new(self.rt.clone(), Box::new(f))
    }

    /// Loads and decodes the image at `source` off the frame's critical path (on the offload
    /// pool where there is one) and stores the pixels, so its first draw is a cache hit.
    /// Resolves with the image's pixel size.
    pub fn load_image(&self, source: impl Into<String>) -> ImageLoad {
        ImageLoad::new(self.rt.clone(), source.into())
    }
}
