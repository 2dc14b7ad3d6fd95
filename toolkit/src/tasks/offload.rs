//! Blocking work off the frame: the [`Offload`] hook, [`Blocking`] futures and image loading.
//!
//! The toolkit starts no threads. A host that has them installs an [`Offload`] (the preview runs
//! a worker thread); jobs run there and wake their task through its `Send` waker. Without one, a
//! blocking job runs inline at its task's poll, and image decodes run one per frame, so a screen
//! of posters decodes over a few frames instead of stalling one. Owns: the offload handle and
//! image requests in flight. Must not touch: the image store directly (the phase inserts decoded
//! pixels, so paint only ever sees finished images).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use tenfoot_renderer::{ImageDecoder, ImageError, ImagePixels};

use super::cx::Rt;
use crate::errors::panic_message;

/// A host's pool for blocking work (image decoding, parsing large JSON).
pub trait Offload {
    /// Runs `job` somewhere other than the frame's thread. The job wakes its task when done.
    fn run(&self, job: Box<dyn FnOnce() + Send + 'static>);
    /// True while jobs run. The app then asks for frames at about 60 Hz
    /// ([`crate::App::next_wakeup`]), since a worker's wake cannot wake a sleeping event loop.
    fn busy(&self) -> bool {
        false
    }
}

/// A value produced on another thread and the waker to call when it is there.
pub(crate) struct OneShot<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

pub(crate) type Shared<T> = Arc<Mutex<OneShot<T>>>;

fn fill<T>(shared: &Shared<T>, value: T) {
    let waker = {
        let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
        s.value = Some(value);
        s.waker.take()
    };
    if let Some(w) = waker {
        w.wake();
    }
}

/// Takes the value, or parks `waker` until it arrives.
fn take_or_park<T>(shared: &Shared<T>, waker: &Waker) -> Option<T> {
    let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
    match s.value.take() {
        Some(v) => Some(v),
        None => {
            s.waker = Some(waker.clone());
            None
        }
    }
}

type Job<T> = Box<dyn FnOnce() -> T + Send + 'static>;

enum BlockingState<T> {
    Start(Job<T>),
    /// The job's value, or the message of its panic on the pool.
    Waiting(Shared<Result<T, String>>),
    Done,
}

/// Carries a job's panic from the pool back into its task: the task's poll panics with it, so
/// the task's boundary reports it (and `deferred` shows its error view) exactly as when the job
/// ran inline, instead of the task waiting forever for a value that never comes.
fn resume_panic(message: String) -> ! {
    std::panic::resume_unwind(Box::new(format!("blocking job panicked on the offload pool: {message}")))
}

/// The future of [`super::TaskCx::blocking`].
#[must_use = "blocking work starts when first polled"]
pub struct Blocking<T> {
    rt: Rt,
    state: BlockingState<T>,
}

impl<T: Send + 'static> Blocking<T> {
    pub(crate) fn new(rt: Rt, job: Job<T>) -> Self {
        Blocking { rt, state: BlockingState::Start(job) }
    }
}

impl<T: Send + 'static> Future for Blocking<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = &mut *self;
        match std::mem::replace(&mut this.state, BlockingState::Done) {
            BlockingState::Start(job) => match this.rt.with(|s| s.offload.clone()) {
                None => Poll::Ready(job()),
                Some(pool) => {
                    let shared: Shared<Result<T, String>> = Arc::new(Mutex::new(OneShot { value: None, waker: None }));
                    shared.lock().unwrap_or_else(|p| p.into_inner()).waker = Some(cx.waker().clone());
                    let out = shared.clone();
                    pool.run(Box::new(move || {
                        let result = catch_unwind(AssertUnwindSafe(job)).map_err(|p| panic_message(p.as_ref()));
                        fill(&out, result);
                    }));
                    this.state = BlockingState::Waiting(shared);
                    Poll::Pending
                }
            },
            BlockingState::Waiting(shared) => match take_or_park(&shared, cx.waker()) {
                Some(Ok(v)) => Poll::Ready(v),
                Some(Err(message)) => resume_panic(message),
                None => {
                    this.state = BlockingState::Waiting(shared);
                    Poll::Pending
                }
            },
            // Polled after completion; nothing sensible to return, so stay pending.
            BlockingState::Done => Poll::Pending,
        }
    }
}

/// What an image request produced: fresh pixels, or the size of pixels already in the store.
pub(crate) enum Decoded {
    Pixels(Result<Arc<ImagePixels>, ImageError>),
    Cached(Result<(u32, u32), ImageError>),
}

/// Image requests waiting for the phase, and decoded pixels waiting to enter the store.
#[derive(Default)]
pub(crate) struct ImageState {
    pub(crate) requests: Vec<(String, Shared<Decoded>)>,
    /// Decodes waiting for the frame's thread when no offload exists: one runs per frame.
    pub(crate) inline: std::collections::VecDeque<DecodeJob>,
    pub(crate) decoded: Vec<(String, Result<Arc<ImagePixels>, ImageError>)>,
}

/// One image to decode: its source, its bytes, the decoder and where the result goes.
pub(crate) struct DecodeJob {
    pub(crate) source: String,
    pub(crate) bytes: Arc<[u8]>,
    pub(crate) decoder: Arc<dyn ImageDecoder>,
    pub(crate) out: Shared<Decoded>,
}

impl DecodeJob {
    /// Decodes and fills `out`: what an offload pool runs.
    /// A panicking decoder (installed code) is a decode error naming the image, so the request
    /// is always answered, on the pool or inline.
    pub(crate) fn run(self) {
        let result = catch_unwind(AssertUnwindSafe(|| self.decoder.decode(&self.source, &self.bytes)))
            .unwrap_or_else(|p| {
                let reason = format!("the image decoder panicked: {}", panic_message(p.as_ref()));
                Err(ImageError { source: self.source.clone(), reason })
            })
            .map(Arc::new);
        fill(&self.out, Decoded::Pixels(result));
    }
}

/// Resolves a request already answered by the store (or by a load error).
pub(crate) fn answer(out: &Shared<Decoded>, size: Result<(u32, u32), ImageError>) {
    fill(out, Decoded::Cached(size));
}

/// Hands a decode to the offload pool, or queues it for the frame's thread.
pub(crate) fn dispatch(pool: Option<Rc<dyn Offload>>, state: &mut ImageState, job: DecodeJob) {
    match pool {
        Some(pool) => pool.run(Box::new(move || job.run())),
        None => state.inline.push_back(job),
    }
}

/// The future of [`super::TaskCx::load_image`]: the image's pixel size once its pixels are in
/// the store (or about to be, in this frame's phase, before any paint).
#[must_use = "an image load starts when first polled"]
pub struct ImageLoad {
    rt: Rt,
    source: String,
    shared: Option<Shared<Decoded>>,
}

impl ImageLoad {
    pub(crate) fn new(rt: Rt, source: String) -> Self {
        ImageLoad { rt, source, shared: None }
    }
}

impl Future for ImageLoad {
    type Output = Result<(u32, u32), ImageError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let shared = match &this.shared {
            Some(s) => s.clone(),
            None => {
                let s: Shared<Decoded> = Arc::new(Mutex::new(OneShot { value: None, waker: None }));
                let source = this.source.clone();
                this.rt.with(|st| st.images.requests.push((source, s.clone())));
                this.shared = Some(s.clone());
                s
            }
        };
        match take_or_park(&shared, cx.waker()) {
            None => Poll::Pending,
            Some(Decoded::Cached(size)) => Poll::Ready(size),
            Some(Decoded::Pixels(result)) => {
                let size = result.as_ref().map(|p| (p.width(), p.height())).map_err(Clone::clone);
                let source = this.source.clone();
                this.rt.with(|st| st.images.decoded.push((source, result)));
                Poll::Ready(size)
            }
        }
    }
}
