//! Channels: one running animation per (element, property), stored on the element in its
//! [`Animations`] component, so despawning an element drops its animations with it.
//!
//! A new request does not start at once: it waits for the next Animation phase, where it
//! starts at that frame's time from the property's value and velocity *at that time* (the old
//! animation sampled at the same instant). That makes a retarget continuous however long the
//! app was idle before it, and makes "starts at the next frame" the rule for every animation.

use std::time::Duration;

use hecs::{Entity, World};

use super::spring::{Spring, SpringRun};
use super::tween::{Tween, TweenRun};
use super::value::{self, AnimProp, Lanes};

/// How an animation moves: a timed tween or a physical spring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Timing {
    Tween(Tween),
    Spring(Spring),
}

impl From<Tween> for Timing {
    fn from(t: Tween) -> Self {
        Timing::Tween(t)
    }
}
impl From<Spring> for Timing {
    fn from(s: Spring) -> Self {
        Timing::Spring(s)
    }
}

/// Why an animation ended; passed to completion callbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnimationEnd {
    /// It reached its target (or its last repeat).
    Finished,
    /// A newer animation of the same property took over, or it was stopped.
    Interrupted,
    /// Its element was despawned first.
    Cancelled,
}

#[derive(Clone, Debug, PartialEq)]
struct Request {
    id: u64,
    target: Lanes,
    timing: Timing,
}

#[derive(Clone, Debug, PartialEq)]
enum Run {
    Tween(TweenRun),
    Spring(SpringRun),
}

impl Run {
    fn sample(&self, t: f64) -> (Lanes, Lanes, bool) {
        match self {
            Run::Spring(s) => s.sample(t),
            Run::Tween(tw) => {
                let (v, done) = tw.sample(t);
                // Velocity over a short step: backward where possible so the value at a
                // tween's end is not mixed with what comes after it.
                let h = 1e-4;
                let vel = if t >= h {
                    v.sub(&tw.sample(t - h).0).scale(1.0 / h)
                } else {
                    tw.sample(t + h).0.sub(&v).scale(1.0 / h)
                };
                (v, if done { Lanes::zero(v.n) } else { vel }, done)
            }
        }
    }

    /// Where the animation ends (reduced motion jumps there).
    fn end_value(&self) -> Lanes {
        match self {
            Run::Spring(s) => s.target,
            Run::Tween(t) => {
                if t.tween.total().is_none() {
                    t.to
                } else {
                    t.sample(f64::INFINITY).0
                }
            }
        }
    }
}

/// One property's animation on one element.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Channel {
    pub prop: AnimProp,
    /// The animation currently running (0 before the first request resolves).
    pub id: u64,
    pending: Option<Request>,
    run: Option<Run>,
    start: Duration,
    /// The last sampled value and velocity (per second).
    pub value: Lanes,
    pub velocity: Lanes,
}

/// The running animations of an element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Animations(pub(crate) Vec<Channel>);

impl Animations {
    /// True while any animation runs or waits to start.
    pub fn is_active(&self) -> bool {
        !self.0.is_empty()
    }

    /// The ids of every animation held here (running or waiting).
    pub(crate) fn ids(&self) -> Vec<u64> {
        let mut out = Vec::new();
        for c in &self.0 {
            if c.run.is_some() {
                out.push(c.id);
            }
            if let Some(p) = &c.pending {
                out.push(p.id);
            }
        }
        out
    }

    pub(crate) fn holds(&self, id: u64) -> bool {
        self.0.iter().any(|c| (c.run.is_some() && c.id == id) || c.pending.as_ref().is_some_and(|p| p.id == id))
    }
}

/// What a step produced for one element.
#[derive(Debug, Default)]
pub(crate) struct StepOut {
    pub changed: bool,
    pub layout: bool,
    pub ended: Vec<(u64, AnimProp, AnimationEnd)>,
}

/// Queues animation `id` of `prop` towards `target`. An animation already queued or running
/// on the property is interrupted (its id is returned in `ended`).
pub(crate) fn request(
    world: &mut World,
    e: Entity,
    prop: AnimProp,
    target: Lanes,
    timing: Timing,
    id: u64,
) -> Vec<(u64, AnimProp, AnimationEnd)> {
    let mut ended = Vec::new();
    if !world.contains(e) {
        ended.push((id, prop, AnimationEnd::Cancelled));
        return ended;
    }
    if world.get::<&Animations>(e).is_err() {
        let _ = world.insert_one(e, Animations::default());
    }
    let Ok(mut anims) = world.get::<&mut Animations>(e) else { return ended };
    let req = Request { id, target, timing };
    let existing = anims.0.iter_mut().find(|c| c.prop == prop && prop != AnimProp::Timer);
    match existing {
        Some(ch) => {
            if let Some(p) = ch.pending.take() {
                ended.push((p.id, prop, AnimationEnd::Interrupted));
            }
            ch.pending = Some(req);
        }
        None => anims.0.push(Channel {
            prop,
            id: 0,
            pending: Some(req),
            run: None,
            start: Duration::ZERO,
            value: Lanes::zero(prop.lanes()),
            velocity: Lanes::zero(prop.lanes()),
        }),
    }
    ended
}

/// Where the animation of `prop` on `e` is heading: the target of the request waiting to
/// start, else the end of the one running. `None` when nothing animates `prop`.
pub(crate) fn heading(world: &World, e: Entity, prop: AnimProp) -> Option<Lanes> {
    let anims = world.get::<&Animations>(e).ok()?;
    let ch = anims.0.iter().find(|c| c.prop == prop)?;
    match (&ch.pending, &ch.run) {
        (Some(p), _) => Some(p.target),
        (None, Some(r)) => Some(r.end_value()),
        (None, None) => None,
    }
}

/// Removes the animation of `prop` on `e`, leaving the property where it is now.
pub(crate) fn stop(world: &mut World, e: Entity, prop: AnimProp) -> Vec<u64> {
    let Ok(mut anims) = world.get::<&mut Animations>(e) else { return Vec::new() };
    let mut ids = Vec::new();
    anims.0.retain(|c| {
        if c.prop != prop {
            return true;
        }
        if c.run.is_some() {
            ids.push(c.id);
        }
        if let Some(p) = &c.pending {
            ids.push(p.id);
        }
        false
    });
    ids
}

/// Advances every animation of `e` to `now`: starts queued requests, samples, writes the
/// values, and drops the finished channels (and the component once empty).
pub(crate) fn step(world: &mut World, e: Entity, now: Duration, reduced: bool) -> StepOut {
    let mut out = StepOut::default();
    let Ok(mut channels) = world.get::<&mut Animations>(e).map(|mut a| std::mem::take(&mut a.0)) else {
        return out;
    };
    let mut keep = Vec::with_capacity(channels.len());
    for mut ch in channels.drain(..) {
        if let Some(req) = ch.pending.take() {
            // The state the property is in right now: the old animation sampled at this very
            // instant, or the value on the element when nothing was running.
            let (from, velocity) = match &ch.run {
                Some(run) => {
                    let (v, vel, _) = run.sample(now.saturating_sub(ch.start).as_secs_f64());
                    (v, Some(vel))
                }
                None => (value::read(world, e, ch.prop), None),
            };
            if ch.run.is_some() {
                out.ended.push((ch.id, ch.prop, AnimationEnd::Interrupted));
            }
            let precision = ch.prop.precision();
            let run = match req.timing {
                Timing::Tween(t) => {
                    let t = if reduced { t.instant() } else { t };
                    Run::Tween(TweenRun::new(from, velocity, req.target, t))
                }
                Timing::Spring(_) if reduced => Run::Tween(TweenRun::new(from, None, req.target, Tween::ms(0))),
                Timing::Spring(s) => {
                    let v = velocity.unwrap_or(Lanes::zero(ch.prop.lanes()));
                    Run::Spring(SpringRun::new(from, v, req.target, s, precision))
                }
            };
            ch.run = Some(run);
            ch.id = req.id;
            ch.start = now;
        }
        let Some(run) = &ch.run else { continue };
        let (value, velocity, done) = if reduced {
            (run.end_value(), Lanes::zero(ch.prop.lanes()), true)
        } else {
            run.sample(now.saturating_sub(ch.start).as_secs_f64())
        };
        ch.value = value;
        ch.velocity = velocity;
        if value::write(world, e, ch.prop, &value) {
            out.changed = true;
            out.layout |= ch.prop.affects_layout();
        }
        if done {
            out.ended.push((ch.id, ch.prop, AnimationEnd::Finished));
        } else {
            keep.push(ch);
        }
    }
    if keep.is_empty() {
        let _ = world.remove_one::<Animations>(e);
    } else if let Ok(mut a) = world.get::<&mut Animations>(e) {
        // Requests made while stepping (none today) would have landed in the emptied list.
        keep.append(&mut a.0);
        a.0 = keep;
    }
    out
}
