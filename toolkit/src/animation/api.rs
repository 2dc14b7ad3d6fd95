//! The public face of the animation system: [`App`] methods to start, observe and stop
//! animations, and [`El`] builder methods for transitions, layout animation and enter/exit.

use std::time::Duration;

use hecs::Entity;

use crate::app::App;
use crate::element::El;
use crate::LOGICAL_SIZE;

use super::channel::{self, AnimationEnd, Animations, Timing};
use super::layout_anim::LayoutAnimated;
use super::presence::{EnterMotion, ExitMotion, Exiting, Motion, ScreenTransition};
use super::spring::Spring;
use super::transition::{BadTransition, Transition};
use super::tween::Tween;
use super::value::{AnimProp, AnimValue, Lanes};
use super::{offstage, start, start_lanes};

/// Names one started animation; poll it with [`AnimationHandle::is_done`] or attach a callback
/// with [`App::on_done`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AnimationHandle {
    pub(crate) entity: Entity,
    pub(crate) id: u64,
}

impl AnimationHandle {
    /// The animated element.
    pub fn entity(&self) -> Entity {
        self.entity
    }

    /// True once the animation finished, was interrupted by a newer one, or its element was
    /// despawned. Cost: a look-up on the element.
    pub fn is_done(&self, app: &App) -> bool {
        !app.world().get::<&Animations>(self.entity).map(|a| a.holds(self.id)).unwrap_or(false)
    }
}

impl App {
    /// Tweens `prop` of `e` to `target`. Starts at the next frame from the property's current
    /// value (and velocity, if another animation of it is running: see the `tween` module on
    /// retargeting).
    pub fn animate(
        &mut self,
        e: Entity,
        prop: AnimProp,
        target: impl Into<AnimValue>,
        tween: Tween,
    ) -> AnimationHandle {
        start(self, e, prop, target.into(), Timing::Tween(tween))
    }

    /// Springs `prop` of `e` to `target`, keeping the current velocity when retargeting.
    pub fn spring(
        &mut self,
        e: Entity,
        prop: AnimProp,
        target: impl Into<AnimValue>,
        spring: Spring,
    ) -> AnimationHandle {
        start(self, e, prop, target.into(), Timing::Spring(spring))
    }

    /// [`App::animate`] or [`App::spring`], chosen by `timing`.
    pub fn animate_with(
        &mut self,
        e: Entity,
        prop: AnimProp,
        target: impl Into<AnimValue>,
        timing: impl Into<Timing>,
    ) -> AnimationHandle {
        start(self, e, prop, target.into(), timing.into())
    }

    /// Runs `callback` when the animation ends (finished, interrupted or cancelled), during the
    /// Animation phase of the frame it ends in. A callback registered after the end runs at the
    /// next frame. A panicking callback is caught and reported in `Frame::errors`.
    pub fn on_done(&mut self, handle: AnimationHandle, callback: impl FnOnce(&mut App, AnimationEnd) + 'static) {
        let held = self.world().get::<&Animations>(handle.entity).map(|a| a.holds(handle.id)).unwrap_or(false);
        let queued = self.anim.pending_ends.iter().any(|(id, _)| *id == handle.id);
        if !held && !queued {
            self.anim.pending_ends.push((handle.id, AnimationEnd::Finished));
        }
        self.anim.callbacks.insert(handle.id, (handle.entity, Box::new(callback)));
    }

    /// Stops the animation of `prop` on `e` where it is now (its callback gets `Interrupted`).
    pub fn stop_animation(&mut self, e: Entity, prop: AnimProp) {
        for id in channel::stop(self.world_mut(), e, prop) {
            self.anim.pending_ends.push((id, AnimationEnd::Interrupted));
        }
    }

    /// A handle that completes `after` from the next frame, on the frame clock; attach work to
    /// it with [`App::on_done`]. Not shortened by reduced motion.
    pub fn timer(&mut self, after: Duration) -> AnimationHandle {
        let root = self.root();
        start_lanes(self, root, AnimProp::Timer, Lanes::one(1.0), Tween::new(after).into())
    }

    /// Reduced motion (an accessibility setting): tweens take no time, springs snap, enter and
    /// exit motions and declarative transitions are skipped. Running animations jump to their
    /// ends at the next frame.
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.anim.reduced = reduced;
    }

    pub fn reduced_motion(&self) -> bool {
        self.anim.reduced
    }

    /// True while an animation runs or is about to start: the host should keep producing
    /// frames (also reported as `Frame::animating`).
    pub fn is_animating(&self) -> bool {
        super::is_animating(self) || crate::reactive::uses_clock(self)
    }

    /// The elements whose painted values animation changed in the last frame (the damage the
    /// animation system is responsible for).
    pub fn changed_this_frame(&self) -> &[Entity] {
        &self.anim.changed
    }

    /// True for an element playing its exit motion (despawned as far as the app is concerned).
    pub fn is_exiting(&self, e: Entity) -> bool {
        self.world().get::<&Exiting>(e).is_ok()
    }

    /// True when `e` exists and is not on its way out.
    pub fn is_alive(&self, e: Entity) -> bool {
        self.world().contains(e) && !self.is_exiting(e)
    }

    /// Moves screen container `to` in and `from` (if any) out with `kind`. `to` ends at its
    /// resting look (opacity 1, no translate, scale 1), whatever look it had before (a screen
    /// left half-way by an interrupted transition comes back from there); `from` ends offstage
    /// and stays mounted:
    /// hide or despawn it from the returned handle's [`App::on_done`]. The handle tracks the
    /// incoming screen's motion (both run on the same timing).
    pub fn transition_screens(
        &mut self,
        from: Option<Entity>,
        to: Entity,
        kind: ScreenTransition,
        timing: impl Into<Timing>,
    ) -> AnimationHandle {
        let timing = timing.into();
        let size = self.rect(to).filter(|r| !r.is_empty()).map(|r| (r.width, r.height));
        let (w, h) = size.unwrap_or((LOGICAL_SIZE.width, LOGICAL_SIZE.height));
        let (incoming, outgoing) = kind.motions(w, h, timing);
        let rest = crate::style::Visual::default();
        if let Some(from) = from {
            let current = self.world().get::<&crate::style::Visual>(from).map(|v| (*v).clone()).unwrap_or_default();
            let (off, _) = offstage(&current, &outgoing);
            for (prop, target) in off {
                let _ = start_lanes(self, from, prop, target, timing);
            }
        }
        // The incoming screen always ends at rest, starting offstage for what its motion moves
        // and from wherever it is for the rest (it may be the half-faded screen just left).
        let (off, _) = offstage(&rest, &incoming);
        let mut handle = None;
        for prop in [AnimProp::Opacity, AnimProp::Translate, AnimProp::Scale] {
            let Some(target) = super::value::read_visual(&rest, prop) else { continue };
            let from_value = match off.iter().find(|(p, _)| *p == prop) {
                Some((_, v)) => *v,
                None => super::value::read(self.world(), to, prop),
            };
            if from_value == target {
                continue;
            }
            super::value::write(self.world_mut(), to, prop, &from_value);
            let h = start_lanes(self, to, prop, target, timing);
            handle.get_or_insert(h);
        }
        self.request_paint();
        handle.unwrap_or_else(|| self.timer(Duration::ZERO))
    }
}

impl El {
    /// Declarative transitions: `"opacity 200ms ease-out, transform 300ms"` (see
    /// [`Transition::parse`] for the grammar). A string that does not parse is reported in
    /// `Frame::errors` when the element mounts, naming the column, and the element mounts
    /// without transitions.
    pub fn transition(self, spec: &str) -> El {
        match Transition::parse(spec) {
            Ok(t) => self.with(t),
            Err(e) => self.with(BadTransition(e)),
        }
    }

    /// Glides the element from its old rectangle to the new one whenever layout moves or
    /// resizes it, with the default spring.
    pub fn animate_layout(self) -> El {
        self.with(LayoutAnimated::default())
    }

    /// [`El::animate_layout`] with a chosen tween or spring.
    pub fn animate_layout_with(self, timing: impl Into<Timing>) -> El {
        self.with(LayoutAnimated::new(timing))
    }

    /// Plays `motion` in reverse when the element is mounted: it starts offstage and moves to
    /// the look it was built with.
    pub fn enter(self, motion: Motion) -> El {
        self.with(EnterMotion(motion))
    }

    /// Plays `motion` when the element is despawned, then despawns it (see the `presence`
    /// module).
    pub fn exit(self, motion: Motion) -> El {
        self.with(ExitMotion(motion))
    }
}
