//! Timers on the frame clock: [`sleep`], [`interval`] and [`next_frame`].
//!
//! The only clock is the `now` passed to `App::frame`; a timer fires in the first tasks phase
//! whose `now` reaches its deadline, so a test that steps virtual time sees the same firings on
//! every run. Owns: timer registrations in the runtime's timer map (removed on completion and on
//! drop, so a cancelled task leaves nothing behind). Must not touch: anything else.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::cx::{current_rt, Rt};

/// (Re)registers `waker` for `deadline`, reusing the timer id in `key`.
fn register(rt: &Rt, key: &mut Option<(Duration, u64)>, deadline: Duration, waker: &Waker) {
    rt.with(|s| {
        if let Some(k) = key.take() {
            s.timers.remove(&k);
        }
        let id = s.next_timer;
        s.next_timer += 1;
        let k = (deadline, id);
        s.timers.insert(k, waker.clone());
        *key = Some(k);
    });
}

fn unregister(rt: &Rt, key: &mut Option<(Duration, u64)>) {
    if let Some(k) = key.take() {
        rt.with(|s| s.timers.remove(&k));
    }
}

/// A future that resolves once frame time reaches its deadline. See [`sleep`].
#[must_use = "a sleep does nothing unless awaited"]
pub struct Sleep {
    rt: Option<Rt>,
    duration: Duration,
    deadline: Option<Duration>,
    key: Option<(Duration, u64)>,
}

/// Sleeps for `d` of frame time. Inside a task, the clock starts now; created outside one, it
/// starts at its first poll inside a task. Polled outside a tenfoot task it never resolves (there
/// is no clock to compare with); use [`super::TaskCx::sleep`] to bind it explicitly.
pub fn sleep(d: Duration) -> Sleep {
    let rt = current_rt();
    let deadline = rt.as_ref().map(|rt| rt.now() + d);
    Sleep { rt, duration: d, deadline, key: None }
}

impl Sleep {
    pub(crate) fn with_rt(rt: Rt, d: Duration) -> Self {
        let deadline = Some(rt.now() + d);
        Sleep { rt: Some(rt), duration: d, deadline, key: None }
    }

    /// The frame time this sleep resolves at, once known.
    pub fn deadline(&self) -> Option<Duration> {
        self.deadline
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if this.rt.is_none() {
            this.rt = current_rt();
        }
        let Some(rt) = this.rt.clone() else { return Poll::Pending };
        let deadline = *this.deadline.get_or_insert_with(|| rt.now() + this.duration);
        if rt.now() >= deadline {
            unregister(&rt, &mut this.key);
            return Poll::Ready(());
        }
        register(&rt, &mut this.key, deadline, cx.waker());
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(rt) = &self.rt {
            unregister(rt, &mut self.key);
        }
    }
}

/// Ticks every period of frame time. See [`interval`].
pub struct Interval {
    rt: Option<Rt>,
    period: Duration,
    next: Option<Duration>,
    key: Option<(Duration, u64)>,
}

/// Ticks every `period` (at least 1 ms), the first tick one period after creation. When frames
/// are late, missed ticks are skipped, not bunched: one tick fires and the next is the first
/// period boundary after now.
pub fn interval(period: Duration) -> Interval {
    let rt = current_rt();
    Interval::new(rt, period)
}

impl Interval {
    pub(crate) fn with_rt(rt: Rt, period: Duration) -> Self {
        Self::new(Some(rt), period)
    }

    fn new(rt: Option<Rt>, period: Duration) -> Self {
        let period = period.max(Duration::from_millis(1));
        let next = rt.as_ref().map(|rt| rt.now() + period);
        Interval { rt, period, next, key: None }
    }

    pub fn period(&self) -> Duration {
        self.period
    }

    /// Resolves at the next tick with the tick's scheduled time.
    pub fn tick(&mut self) -> Tick<'_> {
        Tick { interval: self }
    }

    fn poll_tick(&mut self, cx: &mut Context<'_>) -> Poll<Duration> {
        if self.rt.is_none() {
            self.rt = current_rt();
        }
        let Some(rt) = self.rt.clone() else { return Poll::Pending };
        let now = rt.now();
        let due = *self.next.get_or_insert(now + self.period);
        if now >= due {
            let mut next = due + self.period;
            if next <= now {
                // Skip the ticks the frames missed.
                let period = self.period.as_nanos().max(1);
                let behind = (now - due).as_nanos() / period;
                let at = due.as_nanos().saturating_add(period.saturating_mul(behind + 1));
                next = Duration::from_nanos(u64::try_from(at).unwrap_or(u64::MAX));
            }
            self.next = Some(next);
            unregister(&rt, &mut self.key);
            return Poll::Ready(due);
        }
        register(&rt, &mut self.key, due, cx.waker());
        Poll::Pending
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(rt) = &self.rt {
            unregister(rt, &mut self.key);
        }
    }
}

/// The future of [`Interval::tick`].
#[must_use = "a tick does nothing unless awaited"]
pub struct Tick<'a> {
    interval: &'a mut Interval,
}

impl Future for Tick<'_> {
    type Output = Duration;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Duration> {
        self.interval.poll_tick(cx)
    }
}

/// Resolves in a later tasks phase than the one it was first polled in.
#[must_use = "next_frame does nothing unless awaited"]
pub struct NextFrame {
    rt: Option<Rt>,
    started: Option<u64>,
}

/// Yields until the next frame: long work split into steps awaits this between steps so each
/// frame does one step.
pub fn next_frame() -> NextFrame {
    NextFrame { rt: current_rt(), started: None }
}

impl NextFrame {
    pub(crate) fn with_rt(rt: Rt) -> Self {
        NextFrame { rt: Some(rt), started: None }
    }
}

impl Future for NextFrame {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.rt.is_none() {
            self.rt = current_rt();
        }
        let Some(rt) = self.rt.clone() else { return Poll::Pending };
        let frame = rt.with(|s| s.frame);
        let started = *self.started.get_or_insert(frame);
        if frame > started {
            return Poll::Ready(());
        }
        rt.with(|s| s.frame_waiters.push(cx.waker().clone()));
        Poll::Pending
    }
}
