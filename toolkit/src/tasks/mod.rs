//! Tasks phase: async tasks, timers, image loads and the host bus, run once per frame.
//!
//! Reads: the frame time, the host's envelopes, [`OnMount`] hooks on newly mounted elements.
//! Writes: the app, only through closures tasks queue with [`TaskCx::update`] (applied after
//! the polls, in queue order) and through message handlers; decoded images into the store.
//!
//! Order within the phase: the clock moves to `now` and next-frame waiters wake; mount hooks
//! run (they usually spawn); envelopes move between the bus and the host, responses resolve
//! their requests and messages reach their handlers; overdue requests time out; due timers
//! fire; image requests are answered or dispatched; tasks of despawned owners are dropped; then
//! ready tasks are polled until none is ready or the budget is spent; decoded pixels enter the
//! store; queued updates run; the outbox goes to the host.
//!
//! **Budget.** The toolkit has no clock, so the budget is a count of polls per frame
//! ([`DEFAULT_BUDGET`], see [`App::set_task_budget`]). A poll should be short: blocking work
//! belongs on the host's [`Offload`] pool ([`TaskCx::blocking`]). Tasks left ready when the
//! budget runs out are polled first next frame, and [`App::next_wakeup`] says a frame is due now.
//!
//! **Panics.** Each poll, each update and each handler runs inside `catch_unwind`: a panicking
//! task is dropped and reported in `Frame::errors`, and the frame goes on. The element owning a
//! panicked task, or whose mount hook panicked, shows the error placeholder
//! ([`crate::ErrorMark`]).

mod bus;
mod cx;
mod executor;
mod offload;
mod timer;

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use hecs::Entity;
use serde_json::Value;

pub use bus::{
    decode, BusError, Envelope, Host, HostRequest, JsonRequest, Message, NetworkSim, Request, RequestFuture,
    DEFAULT_TIMEOUT,
};
pub use cx::{current, TaskCx};
pub use executor::{catch_panic, CatchPanic, TaskHandle, TaskId};
pub use offload::{Blocking, ImageLoad, Offload};
pub use timer::{interval, next_frame, sleep, Interval, NextFrame, Sleep, Tick};

use crate::app::App;
use crate::errors::{panic_message, ErrorKind, FrameError};
use cx::{Enter, Rt};
use executor::{Executor, Polled};

/// Polls per frame when the app does not say otherwise.
pub const DEFAULT_BUDGET: usize = 256;

type Handler = Box<dyn FnMut(&mut App, Value) -> Result<(), BusError>>;
/// Serves one host request: the body in, the response body or the error message out.
type RequestHandler = Box<dyn FnMut(&mut App, Value) -> Result<Value, String>>;

/// A hook run once in the first tasks phase after its element is mounted, with the app and the
/// element: the usual place to spawn the element's owned tasks. Widgets add it with
/// [`crate::El::with`]`(OnMount::new(..))`.
pub struct OnMount(Box<MountHook>);

type MountHook = dyn FnOnce(&mut App, Entity) + Send + Sync;

impl OnMount {
    pub fn new(f: impl FnOnce(&mut App, Entity) + Send + Sync + 'static) -> Self {
        OnMount(Box::new(f))
    }
}

/// The app's task state: the executor, the runtime shared with tasks, the host and handlers.
pub(crate) struct Tasks {
    exec: Executor,
    rt: Rt,
    host: Option<Box<dyn Host>>,
    handlers: HashMap<String, Handler>,
    /// Handlers of host-to-app requests, by topic.
    request_handlers: HashMap<String, RequestHandler>,
    /// Consecutive panics of each message handler; at `MAX_HANDLER_PANICS` it is removed.
    handler_panics: HashMap<String, u32>,
    budget: usize,
    polls_last_frame: usize,
    /// Frames in a row in which a host call panicked.
    host_panics: u32,
}

/// Consecutive panics after which a host message handler is removed.
pub const MAX_HANDLER_PANICS: u32 = 3;

impl Default for Tasks {
    fn default() -> Self {
        Self {
            exec: Executor::default(),
            rt: Rt::default(),
            host: None,
            handlers: HashMap::new(),
            request_handlers: HashMap::new(),
            handler_panics: HashMap::new(),
            budget: DEFAULT_BUDGET,
            polls_last_frame: 0,
            host_panics: 0,
        }
    }
}

impl Tasks {
    /// Drops the tasks owned by any entity in `doomed` (called by `App::despawn`).
    pub(crate) fn cancel_owned(&mut self, doomed: &[Entity]) {
        if self.exec.len() == 0 {
            return;
        }
        let set: HashSet<Entity> = doomed.iter().copied().collect();
        self.exec.cancel_owned(&set);
    }
}

/// Runs the tasks phase (see the module docs for the order).
pub(crate) fn run(app: &mut App) {
    let now = app.now();
    let rt = app.tasks.rt.clone();
    let waiters = rt.with(|s| {
        s.now = now;
        s.frame += 1;
        std::mem::take(&mut s.frame_waiters)
    });
    waiters.into_iter().for_each(|w| w.wake());

    start_mounted(app);
    let mut host_panicked = exchange_with_host(app, now);
    deliver_inbox(app);
    let due = rt.with(|s| {
        s.bus.expire(now);
        let later = s.timers.split_off(&(now + Duration::from_nanos(1), 0));
        std::mem::replace(&mut s.timers, later)
    });
    due.into_values().for_each(|w| w.wake());
    serve_images(app);

    let dead: HashSet<Entity> = app.tasks.exec.owners().into_iter().filter(|o| !app.world().contains(*o)).collect();
    if !dead.is_empty() {
        app.tasks.exec.cancel_owned(&dead);
    }
    poll_ready(app);

    let decoded = rt.with(|s| std::mem::take(&mut s.images.decoded));
    for (source, result) in decoded {
        // Decoded from the app's assets: a backend holding a drawn-size copy may release them.
        app.resources_mut().images.insert_loaded(&source, result);
    }
    apply_updates(app);
    host_panicked |= exchange_with_host(app, now);
    count_host_panics(app, host_panicked);
}

/// Moves tasks spawned and cancelled from inside tasks into the executor.
fn adopt(tasks: &mut Tasks) {
    let (spawned, cancelled) = tasks.rt.with(|s| (std::mem::take(&mut s.spawned), std::mem::take(&mut s.cancelled)));
    for (id, owner, future) in spawned {
        tasks.exec.insert(id, owner, future);
    }
    for id in cancelled {
        tasks.exec.cancel(id);
    }
}

fn poll_ready(app: &mut App) {
    let _current = Enter::new(&app.tasks.rt);
    let mut polls = 0;
    loop {
        adopt(&mut app.tasks);
        if polls >= app.tasks.budget {
            break;
        }
        let Some(id) = app.tasks.exec.pop_ready() else { break };
        let owner = app.tasks.exec.owner(id);
        match app.tasks.exec.poll(id) {
            Polled::Gone => continue,
            Polled::Panicked(message) => {
                let msg = format!("{id} panicked and was dropped: {message}");
                match owner {
                    Some(o) => {
                        app.report_on(o, ErrorKind::Panic, msg.clone());
                        app.mark_failed(o, msg);
                    }
                    None => app.report(FrameError::new(ErrorKind::Panic, msg)),
                }
            }
            Polled::Done | Polled::Pending => {}
        }
        polls += 1;
    }
    app.tasks.polls_last_frame = polls;
}

fn start_mounted(app: &mut App) {
    let mounted: Vec<Entity> = app.world().query::<(Entity, &OnMount)>().iter().map(|(e, _)| e).collect();
    for e in mounted {
        if let Ok(hook) = app.world_mut().remove_one::<OnMount>(e) {
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| (hook.0)(app, e))) {
                let msg = format!("mount hook panicked: {}", panic_message(payload.as_ref()));
                app.report_on(e, ErrorKind::Panic, msg.clone());
                app.mark_failed(e, msg);
            }
        }
    }
}

/// Sends the outbox to the host and takes what the host has due; true if a host call panicked.
/// The host is foreign code: each call runs under `catch_unwind`. A panicking `receive` loses
/// that envelope (a request then times out), a panicking `poll` delivers nothing this call; both
/// are reported. The tasks phase calls this twice a frame (before polling tasks, and after, so
/// what they sent leaves in the same frame); [`count_host_panics`] judges the frame as a whole.
fn exchange_with_host(app: &mut App, now: Duration) -> bool {
    let Some(mut host) = app.tasks.host.take() else { return false };
    let outbox = app.tasks.rt.with(|s| std::mem::take(&mut s.bus.outbox));
    let mut failures = Vec::new();
    for env in outbox {
        let what = envelope_name(&env);
        if let Err(p) = catch_unwind(AssertUnwindSafe(|| host.receive(now, env))) {
            failures.push(format!("host panicked receiving {what}: {}", panic_message(p.as_ref())));
        }
    }
    match catch_unwind(AssertUnwindSafe(|| host.poll(now))) {
        Ok(incoming) => app.tasks.rt.with(|s| s.bus.inbox.extend(incoming)),
        Err(p) => failures.push(format!("host panicked in poll: {}", panic_message(p.as_ref()))),
    }
    let panicked = !failures.is_empty();
    for msg in failures {
        app.report(FrameError::new(ErrorKind::Panic, msg));
    }
    if app.tasks.host.is_none() {
        app.tasks.host = Some(host);
    } else {
        // `receive` or `poll` cannot install a host, but keep whichever is newer.
        crate::failure::drop_guarded(app, host, "the replaced host");
    }
    panicked
}

/// Counts frames in a row in which a host call panicked (however many calls did) and removes
/// the host, dropped behind the same boundary, after [`MAX_HOST_PANICS`] of them. A frame whose
/// host calls all returned ends the streak.
fn count_host_panics(app: &mut App, panicked: bool) {
    if !panicked {
        app.tasks.host_panics = 0;
        return;
    }
    app.tasks.host_panics += 1;
    if app.tasks.host_panics < MAX_HOST_PANICS {
        return;
    }
    app.tasks.host_panics = 0;
    if let Some(host) = app.tasks.host.take() {
        let msg = format!("host removed after {MAX_HOST_PANICS} frames in a row with a panic; the bus is offline");
        app.report(FrameError::new(ErrorKind::Bus, msg));
        crate::failure::drop_guarded(app, host, "the host");
    }
}

/// Frames in a row with a panicking host call after which the host is removed.
pub const MAX_HOST_PANICS: u32 = 3;

/// An envelope's kind and topic for reports (never its body, which may be large).
fn envelope_name(env: &Envelope) -> String {
    match env {
        Envelope::Message { topic, .. } => format!("message `{topic}`"),
        Envelope::Request { id, topic, .. } => format!("request {id} `{topic}`"),
        Envelope::Response { id, .. } => format!("response {id}"),
        Envelope::Error { id, .. } => format!("error {id}"),
    }
}

fn deliver_inbox(app: &mut App) {
    let inbox = app.tasks.rt.with(|s| std::mem::take(&mut s.bus.inbox));
    for env in inbox {
        match env {
            Envelope::Response { id, body } => {
                app.tasks.rt.with(|s| s.bus.resolve(id, Ok(body)));
            }
            Envelope::Error { id, message } => {
                app.tasks.rt.with(|s| s.bus.resolve(id, Err(message)));
            }
            Envelope::Request { id, topic, body } => {
                let answer = serve_request(app, &topic, body);
                let reply = match answer {
                    Ok(body) => Envelope::Response { id, body },
                    Err(message) => Envelope::Error { id, message },
                };
                app.tasks.rt.with(|s| s.bus.outbox.push(reply));
            }
            Envelope::Message { topic, body } => {
                let Some(mut handler) = app.tasks.handlers.remove(&topic) else {
                    let msg = format!("host message `{topic}` has no handler (App::on_message)");
                    app.report(FrameError::new(ErrorKind::Bus, msg));
                    continue;
                };
                let panicked = match catch_unwind(AssertUnwindSafe(|| handler(app, body))) {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => {
                        app.report(FrameError::new(ErrorKind::Bus, format!("host message: {e}")));
                        None
                    }
                    Err(p) => Some(panic_message(p.as_ref())),
                };
                let Some(message) = panicked else {
                    app.tasks.handler_panics.remove(&topic);
                    // A handler that registered a replacement for itself keeps the replacement.
                    match app.tasks.handlers.entry(topic) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(handler);
                        }
                        std::collections::hash_map::Entry::Occupied(o) => {
                            let what = format!("the handler of `{}`", o.key());
                            crate::failure::drop_guarded(app, handler, &what);
                        }
                    }
                    continue;
                };
                let count = app.tasks.handler_panics.entry(topic.clone()).or_insert(0);
                *count += 1;
                if *count >= MAX_HANDLER_PANICS {
                    app.tasks.handler_panics.remove(&topic);
                    let msg = format!(
                        "handler of `{topic}` panicked: {message}; removed after {MAX_HANDLER_PANICS} panics in a row"
                    );
                    app.report(FrameError::new(ErrorKind::Panic, msg));
                    crate::failure::drop_guarded(app, handler, &format!("the handler of `{topic}`"));
                } else {
                    let msg = format!("handler of `{topic}` panicked: {message}");
                    app.report(FrameError::new(ErrorKind::Panic, msg));
                    app.tasks.handlers.entry(topic).or_insert(handler);
                }
            }
        }
    }
}

/// Runs the handler of a host request under `catch_unwind`; a panic answers with an error and
/// is reported (the handler stays: a request is the host's to retry).
fn serve_request(app: &mut App, topic: &str, body: Value) -> Result<Value, String> {
    let Some(mut handler) = app.tasks.request_handlers.remove(topic) else {
        return Err(format!("the app serves no request `{topic}`"));
    };
    let result = match catch_unwind(AssertUnwindSafe(|| handler(app, body))) {
        Ok(r) => r,
        Err(p) => {
            let message = format!("handler of request `{topic}` panicked: {}", panic_message(p.as_ref()));
            app.report(FrameError::new(ErrorKind::Panic, message.clone()));
            Err(message)
        }
    };
    app.tasks.request_handlers.entry(topic.to_owned()).or_insert(handler);
    result
}

/// Answers image requests from the store, loads bytes for new ones and dispatches decodes; runs
/// one inline decode per frame when there is no offload pool.
fn serve_images(app: &mut App) {
    let (requests, pool) = app.tasks.rt.with(|s| (std::mem::take(&mut s.images.requests), s.offload.clone()));
    for (source, out) in requests {
        let resources = app.resources_mut();
        if let Some(size) = resources.images.decoded_result(&source) {
            offload::answer(&out, size);
            continue;
        }
        match resources.assets.load(&source) {
            Err(e) => {
                let err = tenfoot_renderer::ImageError { source: source.clone(), reason: e.reason };
                resources.images.insert_decoded(&source, Err(err.clone()));
                offload::answer(&out, Err(err));
            }
            Ok(bytes) => {
                let Some(decoder) = resources.decoder.clone() else {
                    let reason = "no image decoder installed (Resources::with_decoder)".to_owned();
                    let err = tenfoot_renderer::ImageError { source: source.clone(), reason };
                    offload::answer(&out, Err(err));
                    continue;
                };
                let job = offload::DecodeJob { source, bytes, decoder, out };
                app.tasks.rt.with(|s| offload::dispatch(pool.clone(), &mut s.images, job));
            }
        }
    }
    if let Some(job) = app.tasks.rt.with(|s| s.images.inline.pop_front()) {
        job.run();
    }
}

fn apply_updates(app: &mut App) {
    let count = app.tasks.rt.with(|s| s.updates.len());
    for _ in 0..count {
        let Some((owner, update)) = app.tasks.rt.with(|s| s.updates.pop_front()) else { break };
        if owner.is_some_and(|o| !app.world().contains(o)) {
            continue;
        }
        if let Err(p) = catch_unwind(AssertUnwindSafe(|| update(app))) {
            let msg = format!("a task's update panicked: {}", panic_message(p.as_ref()));
            app.report(FrameError::new(ErrorKind::Panic, msg));
        }
    }
}

impl App {
    fn spawn_boxed(&mut self, owner: Option<Entity>, future: executor::LocalFuture) -> TaskHandle {
        let id = self.tasks.rt.alloc_task();
        self.tasks.exec.insert(id, owner, future);
        TaskHandle { id }
    }

    /// A context for tasks spawned from outside a task (handlers, setup code).
    pub fn task_cx(&self) -> TaskCx {
        TaskCx { rt: self.tasks.rt.clone(), owner: None }
    }

    /// Spawns `future` as a task with no owner; it is first polled in the next tasks phase.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + 'static) -> TaskHandle {
        self.spawn_boxed(None, Box::pin(future))
    }

    /// Spawns a task owned by `owner`: despawning `owner` (or an ancestor) cancels it, and
    /// updates it queued are skipped once `owner` is gone.
    pub fn spawn_owned(&mut self, owner: Entity, future: impl Future<Output = ()> + 'static) -> TaskHandle {
        self.spawn_boxed(Some(owner), Box::pin(future))
    }

    /// Spawns the future `f` makes from a [`TaskCx`]: `app.spawn_with(|cx| async move { .. })`.
    pub fn spawn_with<F: Future<Output = ()> + 'static>(&mut self, f: impl FnOnce(TaskCx) -> F) -> TaskHandle {
        let future = f(self.task_cx());
        self.spawn(future)
    }

    /// [`App::spawn_with`], owned by `owner`; the context's [`TaskCx::owner`] is `owner`.
    pub fn spawn_owned_with<F: Future<Output = ()> + 'static>(
        &mut self,
        owner: Entity,
        f: impl FnOnce(TaskCx) -> F,
    ) -> TaskHandle {
        let future = f(TaskCx { rt: self.tasks.rt.clone(), owner: Some(owner) });
        self.spawn_owned(owner, future)
    }

    /// Cancels (drops) a task; false if it had already finished.
    pub fn cancel_task(&mut self, task: TaskHandle) -> bool {
        self.tasks.exec.cancel(task.id)
    }

    /// True while `task` has neither finished, panicked nor been cancelled.
    pub fn task_running(&self, task: TaskHandle) -> bool {
        self.tasks.exec.contains(task.id) || self.tasks.rt.with(|s| s.spawned.iter().any(|(id, _, _)| *id == task.id))
    }

    /// Live tasks (a leak check: returns to zero when everything finished or was cancelled).
    pub fn task_count(&self) -> usize {
        self.tasks.exec.len() + self.tasks.rt.with(|s| s.spawned.len())
    }

    /// Live tasks owned by `owner`.
    pub fn tasks_owned_by(&self, owner: Entity) -> usize {
        self.tasks.exec.owned_by(owner)
    }

    /// Sleeping timers (a leak check, like [`App::task_count`]).
    pub fn timer_count(&self) -> usize {
        self.tasks.rt.with(|s| s.timers.len())
    }

    /// Polls per frame at most (at least 1). See the module docs.
    pub fn set_task_budget(&mut self, polls: usize) {
        self.tasks.budget = polls.max(1);
    }

    /// How many polls the last tasks phase made.
    pub fn task_polls_last_frame(&self) -> usize {
        self.tasks.polls_last_frame
    }

    /// When the app next needs a frame: now if tasks are ready, mount hooks wait, the host
    /// delivered envelopes (`App::deliver_from_host`) or a signal
    /// written outside a frame (by a host callback, a test) has effects to run; else the
    /// earliest timer, request timeout or host deadline. `None`: nothing is scheduled.
    pub fn next_wakeup(&self) -> Option<Duration> {
        let now = self.now();
        let busy = self.reactive.has_work()
            || self.tasks.exec.has_ready()
            || self.world().query::<&OnMount>().iter().next().is_some()
            || self.tasks.rt.with(|s| {
                !s.spawned.is_empty()
                    || !s.updates.is_empty()
                    || !s.bus.outbox.is_empty()
                    || !s.bus.inbox.is_empty()
                    || !s.images.requests.is_empty()
                    || !s.images.inline.is_empty()
                    || !s.frame_waiters.is_empty()
            });
        if busy {
            return Some(now);
        }
        let own = self.tasks.rt.with(|s| {
            let timer = s.timers.keys().next().map(|k| k.0);
            let pool = s.offload.as_ref().filter(|p| p.busy()).map(|_| now + Duration::from_millis(16));
            [timer, s.bus.next_deadline(), pool].into_iter().flatten().min()
        });
        // Foreign code: a panicking `next_deadline` counts as naming no time.
        let host =
            self.tasks.host.as_ref().and_then(|h| catch_unwind(AssertUnwindSafe(|| h.next_deadline())).ok().flatten());
        // A request is waiting but the host names no time for its answer (it may answer at any
        // frame): keep frames coming rather than sleeping until the request's timeout. Idle
        // frames cost next to nothing.
        let waiting = (host.is_none() && self.pending_requests() > 0).then(|| now + Duration::from_millis(16));
        [own, host, waiting].into_iter().flatten().min()
    }

    /// Installs the host side of the bus; envelopes move in every tasks phase.
    pub fn set_host(&mut self, host: impl Host + 'static) {
        self.tasks.host_panics = 0;
        if let Some(old) = self.tasks.host.replace(Box::new(host)) {
            crate::failure::drop_guarded(self, old, "the replaced host");
        }
    }

    /// The installed host, downcast to `H` (see [`Host::as_any_mut`]).
    pub fn host_mut<H: 'static>(&mut self) -> Option<&mut H> {
        self.tasks.host.as_mut()?.as_any_mut()?.downcast_mut::<H>()
    }

    /// The installed host's network simulation, if it is one (see [`Host::network_sim`]).
    pub fn network_sim(&mut self) -> Option<&mut dyn NetworkSim> {
        self.tasks.host.as_mut()?.network_sim()
    }

    /// Sends a one-way message to the host (delivered in the next tasks phase).
    pub fn send<M: Message>(&mut self, message: M) {
        self.tasks.rt.with(|s| s.bus.send(message));
    }

    /// Calls `handler` for every `M` the host sends, in the tasks phase. Replaces an earlier
    /// handler for the same topic. A body that does not decode as `M` is reported, not delivered.
    pub fn on_message<M: Message>(&mut self, mut handler: impl FnMut(&mut App, M) + 'static) {
        let h: Handler = Box::new(move |app, body| {
            let m = decode::<M>(M::TOPIC, body)?;
            handler(app, m);
            Ok(())
        });
        if let Some(old) = self.tasks.handlers.insert(M::TOPIC.to_owned(), h) {
            crate::failure::drop_guarded(self, old, &format!("the replaced handler of `{}`", M::TOPIC));
        }
    }

    /// Serves the host's requests of type `R` in the tasks phase: the handler's `Ok` goes back
    /// as the `response`, its `Err` (or a panic, which is also reported) as the `error`. A body
    /// that does not decode as `R` is answered with an error naming the topic. Replaces an
    /// earlier handler for the same topic. Requests with no handler are answered with an error.
    pub fn on_request<R: HostRequest>(
        &mut self,
        mut handler: impl FnMut(&mut App, R) -> Result<R::Response, String> + 'static,
    ) {
        let h: RequestHandler = Box::new(move |app, body| {
            let request = decode::<R>(R::TOPIC, body).map_err(|e| e.to_string())?;
            let response = handler(app, request)?;
            serde_json::to_value(response).map_err(|e| format!("`{}`: cannot encode the answer: {e}", R::TOPIC))
        });
        self.tasks.request_handlers.insert(R::TOPIC.to_owned(), h);
    }

    /// For hosts without a [`Host`] impl: takes the envelopes the app sent so far.
    pub fn take_host_outbox(&mut self) -> Vec<Envelope> {
        self.tasks.rt.with(|s| std::mem::take(&mut s.bus.outbox))
    }

    /// For hosts without a [`Host`] impl: queues an envelope for the next tasks phase.
    pub fn deliver_from_host(&mut self, envelope: Envelope) {
        self.tasks.rt.with(|s| s.bus.inbox.push_back(envelope));
    }

    /// How long requests wait for a response unless they say otherwise ([`DEFAULT_TIMEOUT`]).
    pub fn set_request_timeout(&mut self, d: Duration) {
        self.tasks.rt.with(|s| s.bus.default_timeout = d);
    }

    /// Requests still waiting for their response.
    pub fn pending_requests(&self) -> usize {
        self.tasks.rt.with(|s| s.bus.pending_len())
    }

    /// Installs the host's pool for blocking work and image decodes.
    pub fn set_offload(&mut self, pool: impl Offload + 'static) {
        let pool: std::rc::Rc<dyn Offload> = std::rc::Rc::new(pool);
        self.tasks.rt.with(|s| s.offload = Some(pool));
    }
}

#[cfg(test)]
mod tests;
