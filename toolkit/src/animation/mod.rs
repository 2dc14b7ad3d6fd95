//! Animation phase: tweens, springs, declarative transitions, layout animations, enter/exit and
//! screen transitions, all on the frame's clock.
//!
//! Reads: the frame time ([`crate::App::now`]), [`Animations`] (the running channels),
//! [`Exiting`]. Writes: the animated properties ([`crate::Visual`] fields, text colour,
//! [`crate::Style`] width/height, [`crate::ScrollOffset`], [`PaintRect`]); despawns elements whose
//! exit motion ended; runs completion callbacks. Runs before Layout (so animated sizes are laid
//! out this frame); layout animations start at the end of Layout ([`after_layout`]), which
//! needs the old and new rectangles.
//!
//! Time comes only from [`crate::App::frame`]: an animation requested between frames starts at
//! the next frame's time, and its value at any later frame is a pure function of the time since
//! then, so tests can sample exact instants. Nothing here reads a clock.
//!
//! Module map: `easing` (curves), `tween` and `spring` (pure motion), `value` (properties and
//! their lanes), `channel` (one animation per element and property; retargeting),
//! `transition` (the `"opacity 200ms ease-out"` parser), `layout_anim`, `presence` (enter, exit,
//! screens), `api` (the `App` and `El` methods).

mod api;
mod channel;
mod easing;
mod layout_anim;
mod presence;
mod spring;
mod transition;
mod tween;
mod value;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use hecs::Entity;
use tenfoot_renderer::Color;

use crate::app::App;
use crate::layout::LayoutNode;
use crate::style::{Length, Position, Style, Visual};

pub use api::AnimationHandle;
pub use channel::{AnimationEnd, Animations, Timing};
pub use easing::Easing;
pub use layout_anim::{LayoutAnimated, PaintRect};
pub use presence::{EnterMotion, ExitMotion, Exiting, Motion, ScreenTransition};
pub use spring::{Spring, MAX_SPRING_SECONDS};
pub use transition::{Transition, TransitionError};
pub use tween::{Repeat, Tween};
pub use value::{AnimProp, AnimValue};

use transition::BadTransition;
use value::Lanes;

type Callback = Box<dyn FnOnce(&mut App, AnimationEnd)>;

/// Values for several properties of one element.
type PropValues = Vec<(AnimProp, Lanes)>;

/// The animation system's state inside [`App`].
#[derive(Default)]
pub(crate) struct AnimState {
    next_id: u64,
    reduced: bool,
    /// Completion callbacks by animation id, with the animated element.
    callbacks: HashMap<u64, (Entity, Callback)>,
    /// Ends not yet delivered to callbacks (delivered in the next Animation phase).
    pending_ends: Vec<(u64, AnimationEnd)>,
    /// Elements whose painted values the animation system changed this frame.
    changed: Vec<Entity>,
}

impl AnimState {
    /// Starts a frame's record of changed elements (layout can add to it before this phase
    /// runs, when focus needs fresh rectangles early).
    pub(crate) fn begin_frame(&mut self) {
        self.changed.clear();
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

impl AnimState {
    /// Completion callbacks waiting for their animation to end.
    pub(crate) fn callback_count(&self) -> usize {
        self.callbacks.len()
    }
}

/// The Animation phase: advances every running animation to the frame time, writes the values,
/// finishes exits, then runs completion callbacks (each behind `catch_unwind`; a panic is
/// reported in `Frame::errors`, the element shows the error placeholder, the frame goes on).
pub(crate) fn run(app: &mut App) {
    let now = app.now();
    let reduced = app.anim.reduced;
    let entities: Vec<Entity> = app.world().query::<(Entity, &Animations)>().iter().map(|(e, _)| e).collect();
    let mut ends = std::mem::take(&mut app.anim.pending_ends);
    for e in entities {
        let out = channel::step(app.world_mut(), e, now, reduced);
        if out.changed {
            app.anim.changed.push(e);
            app.request_paint();
        }
        if out.layout {
            sync_style(app, e);
        }
        for (id, prop, end) in out.ended {
            if prop == AnimProp::LayoutRect && end == AnimationEnd::Finished {
                let _ = app.world_mut().remove_one::<PaintRect>(e);
                app.request_paint();
            }
            ends.push((id, end));
        }
    }
    // Exits whose motion has ended leave for real.
    let done: Vec<Entity> =
        app.world().query::<hecs::Without<(Entity, &Exiting), &Animations>>().iter().map(|(e, _)| e).collect();
    for e in done {
        let _ = app.world_mut().remove_one::<ExitMotion>(e);
        app.despawn(e);
    }
    deliver(app, ends);
}

fn deliver(app: &mut App, ends: Vec<(u64, AnimationEnd)>) {
    for (id, end) in ends {
        let Some((e, cb)) = app.anim.callbacks.remove(&id) else { continue };
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| cb(app, end))) {
            let msg =
                format!("animation completion callback panicked: {}", crate::errors::panic_message(panic.as_ref()));
            app.report_on(e, crate::ErrorKind::Panic, msg.clone());
            app.mark_failed(e, msg);
        }
    }
}

/// Pushes the (animated) style of `e` to the layout engine.
fn sync_style(app: &mut App, e: Entity) {
    let node = app.world().get::<&LayoutNode>(e).map(|n| n.0).ok();
    let style = app.world().get::<&Style>(e).map(|s| (*s).clone()).ok();
    if let (Some(node), Some(style)) = (node, style) {
        app.layout_engine_mut().set_style(node, &style);
    }
    app.invalidate();
}

/// True while any animation runs or waits to start, or a completion waits to be delivered.
pub(crate) fn is_animating(app: &App) -> bool {
    !app.anim.pending_ends.is_empty() || app.world().query::<&Animations>().iter().any(|a| a.is_active())
}

/// End of the Layout phase: starts layout animations for opted-in elements that moved.
pub(crate) fn after_layout(app: &mut App) {
    let moved = layout_anim::moved(app.world_mut());
    let now = app.now();
    let reduced = app.anim.reduced;
    for (e, before, _after, timing) in moved {
        if app.world().get::<&PaintRect>(e).is_err() {
            let _ = app.world_mut().insert_one(e, PaintRect { local: before });
        }
        let Some(target) = layout_anim::local_rect(app.world(), e) else { continue };
        let id = app.anim.id();
        let ended = channel::request(
            app.world_mut(),
            e,
            AnimProp::LayoutRect,
            Lanes::four(target.x as f64, target.y as f64, target.width as f64, target.height as f64),
            timing,
            id,
        );
        app.anim.pending_ends.extend(ended.into_iter().map(|(id, _, end)| (id, end)));
        // Sample right away: this frame paints the old rectangle, the next has moved.
        let out = channel::step(app.world_mut(), e, now, reduced);
        for (id, prop, end) in out.ended {
            if prop == AnimProp::LayoutRect && end == AnimationEnd::Finished {
                let _ = app.world_mut().remove_one::<PaintRect>(e);
            }
            app.anim.pending_ends.push((id, end));
        }
        app.anim.changed.push(e);
        app.request_paint();
    }
}

/// Queues an animation of `prop` on `e` and returns its handle. Errors (a target that does not
/// fit the property, bad spring numbers) are reported in `Frame::errors`.
pub(crate) fn start(app: &mut App, e: Entity, prop: AnimProp, target: AnimValue, timing: Timing) -> AnimationHandle {
    let id = app.anim.id();
    let handle = AnimationHandle { entity: e, id };
    let lanes = match value::to_lanes(prop, target) {
        Ok(l) => l,
        Err(msg) => {
            app.report_on(e, crate::ErrorKind::InvalidValue, msg);
            app.anim.pending_ends.push((id, AnimationEnd::Cancelled));
            return handle;
        }
    };
    let timing = match timing {
        Timing::Spring(s) => {
            let (clean, changed) = s.sanitized();
            if changed {
                let msg = format!("spring {s:?}: stiffness and mass must be positive; used {clean:?}");
                app.report_on(e, crate::ErrorKind::InvalidValue, msg);
            }
            Timing::Spring(clean)
        }
        t => t,
    };
    let ended = channel::request(app.world_mut(), e, prop, lanes, timing, id);
    app.anim.pending_ends.extend(ended.into_iter().map(|(id, _, end)| (id, end)));
    handle
}

/// Hook for [`App`]'s mount: reports bad transition strings and plays enter motions.
pub(crate) fn on_spawn(app: &mut App, e: Entity) {
    if let Ok(bad) = app.world_mut().remove_one::<BadTransition>(e) {
        app.report_on(e, crate::ErrorKind::InvalidValue, bad.0.to_string());
    }
    let Ok(motion) = app.world().get::<&EnterMotion>(e).map(|m| m.0) else { return };
    if app.anim.reduced {
        return;
    }
    let declared = app.world().get::<&Visual>(e).map(|v| (*v).clone()).unwrap_or_default();
    let (from, to) = offstage(&declared, &motion);
    for (prop, target) in to {
        if let Some((_, start)) = from.iter().find(|(p, _)| *p == prop) {
            value::write(app.world_mut(), e, prop, start);
        }
        let _ = start_lanes(app, e, prop, target, motion.timing);
    }
}

fn start_lanes(app: &mut App, e: Entity, prop: AnimProp, target: Lanes, timing: Timing) -> AnimationHandle {
    let id = app.anim.id();
    let ended = channel::request(app.world_mut(), e, prop, target, timing, id);
    app.anim.pending_ends.extend(ended.into_iter().map(|(id, _, end)| (id, end)));
    AnimationHandle { entity: e, id }
}

/// The (offstage, onstage) lanes of each property `motion` moves, for an element whose
/// onstage look is `visual`.
fn offstage(visual: &Visual, motion: &Motion) -> (PropValues, PropValues) {
    let (mut off, mut on) = (Vec::new(), Vec::new());
    if let Some(o) = motion.opacity {
        off.push((AnimProp::Opacity, Lanes::one(o.clamp(0.0, 1.0) as f64)));
        on.push((AnimProp::Opacity, Lanes::one(visual.opacity as f64)));
    }
    if let Some(t) = motion.translate {
        let (x, y) = (visual.translate.x as f64, visual.translate.y as f64);
        off.push((AnimProp::Translate, Lanes::two(x + t.x as f64, y + t.y as f64)));
        on.push((AnimProp::Translate, Lanes::two(x, y)));
    }
    if let Some(s) = motion.scale {
        let s = s as f64;
        let (x, y) = (visual.scale.x as f64, visual.scale.y as f64);
        off.push((AnimProp::Scale, Lanes::two(x * s, y * s)));
        on.push((AnimProp::Scale, Lanes::two(x, y)));
    }
    (off, on)
}

/// Hook for [`App::despawn`]: returns true when `e` has an exit motion and the despawn is
/// deferred until it has played (or is already playing).
pub(crate) fn begin_exit(app: &mut App, e: Entity) -> bool {
    let Ok(motion) = app.world().get::<&ExitMotion>(e).map(|m| m.0) else { return false };
    if app.world().get::<&Exiting>(e).is_ok() {
        return true;
    }
    if app.anim.reduced || motion.props().is_empty() {
        return false;
    }
    // The exit owns the element now: other animations stop (a looping pulse would otherwise
    // keep it alive forever), except a layout glide in progress.
    let others: Vec<AnimProp> = app
        .world()
        .get::<&Animations>(e)
        .map(|a| a.0.iter().map(|c| c.prop).filter(|p| *p != AnimProp::LayoutRect).collect())
        .unwrap_or_default();
    for p in others {
        for id in channel::stop(app.world_mut(), e, p) {
            app.anim.pending_ends.push((id, AnimationEnd::Interrupted));
        }
    }
    // Out of flow at its last rectangle: siblings reflow now, it stays where it was.
    if let Some(local) = layout_anim::local_rect(app.world(), e) {
        if let Ok(mut s) = app.world_mut().get::<&mut Style>(e) {
            s.position = Position::Absolute;
            s.inset = [Some(Length::Px(local.x)), None, Some(Length::Px(local.y)), None];
            s.width = Length::Px(local.width);
            s.height = Length::Px(local.height);
            s.margin = Default::default();
        }
        sync_style(app, e);
    }
    let _ = app.world_mut().remove_one::<LayoutAnimated>(e);
    let _ = app.world_mut().insert_one(e, Exiting);
    let current = app.world().get::<&Visual>(e).map(|v| (*v).clone()).unwrap_or_default();
    let (off, _) = offstage(&current, &motion);
    for (prop, target) in off {
        let _ = start_lanes(app, e, prop, target, motion.timing);
    }
    true
}

/// Hook for [`App::despawn`]: the animations of a subtree being despawned end as cancelled.
pub(crate) fn cancel_subtree(app: &mut App, e: Entity) {
    for n in crate::tree::subtree(app.world(), e) {
        let ids = app.world().get::<&Animations>(n).map(|a| a.ids()).unwrap_or_default();
        app.anim.pending_ends.extend(ids.into_iter().map(|id| (id, AnimationEnd::Cancelled)));
    }
}

/// Hook for [`App::update_visual`]: properties with a transition keep their current value in
/// `new` and animate towards the value `new` asked for.
pub(crate) fn intercept_visual(app: &mut App, e: Entity, new: &mut Visual) {
    let Some(transition) = app.world().get::<&Transition>(e).ok().map(|t| (*t).clone()) else { return };
    if app.anim.reduced {
        return;
    }
    let Ok(old) = app.world().get::<&Visual>(e).map(|v| (*v).clone()) else { return };
    let mut starts = Vec::new();
    for (prop, timing) in &transition.items {
        let (was, wants) = (value::read_visual(&old, *prop), value::read_visual(new, *prop));
        let (Some(was), Some(wants)) = (was, wants) else { continue };
        if !needs_request(app, e, *prop, was, wants) {
            continue;
        }
        restore(new, &old, *prop);
        starts.push((*prop, wants, *timing));
    }
    for (prop, target, timing) in starts {
        let _ = start_lanes(app, e, prop, target, timing);
    }
}

/// Whether a transitioned property shown at `was` must start moving to `wants`. Not when it is
/// already heading there (a binding re-run mid-flight must not restart the motion); but yes
/// when it is heading elsewhere even though it still shows `wants`: a change and its undo in
/// the same frame (focus passing over an element) would otherwise leave the first change
/// playing out.
fn needs_request(app: &App, e: Entity, prop: AnimProp, was: Lanes, wants: Lanes) -> bool {
    match channel::heading(app.world(), e, prop) {
        Some(target) => target != wants,
        None => was != wants,
    }
}

/// Hook for [`App::set_style`]: width and height with a transition animate to a new px value.
pub(crate) fn intercept_style(app: &mut App, e: Entity, new: &mut Style) {
    let Some(transition) = app.world().get::<&Transition>(e).ok().map(|t| (*t).clone()) else { return };
    if app.anim.reduced {
        return;
    }
    let Ok(old) = app.world().get::<&Style>(e).map(|s| (*s).clone()) else { return };
    let mut starts = Vec::new();
    for (prop, slot_new, slot_old) in
        [(AnimProp::Width, &mut new.width, old.width), (AnimProp::Height, &mut new.height, old.height)]
    {
        let (Some(timing), Length::Px(target)) = (transition.timing(prop), *slot_new) else { continue };
        let was = match slot_old {
            Length::Px(v) => Lanes::one(v as f64),
            _ => Lanes::one(f64::NAN),
        };
        if !needs_request(app, e, prop, was, Lanes::one(target as f64)) {
            continue;
        }
        *slot_new = slot_old;
        starts.push((prop, target, timing));
    }
    for (prop, target, timing) in starts {
        let _ = start_lanes(app, e, prop, Lanes::one(target as f64), timing);
    }
}

/// `e`'s visual as it will rest once its running animations end: the current one with every
/// animated visual property at the value it is heading to. What a focus look saves to return
/// to, so that focusing an element while its blur still plays does not keep a midway value.
pub(crate) fn settled_visual(app: &App, e: Entity) -> Option<Visual> {
    let world = app.world();
    let mut v = (*world.get::<&Visual>(e).ok()?).clone();
    if let Ok(anims) = world.get::<&channel::Animations>(e) {
        for prop in anims.0.iter().map(|c| c.prop) {
            if let Some(target) = channel::heading(world, e, prop) {
                value::write_visual(&mut v, prop, &target);
            }
        }
    }
    Some(v)
}

/// Stops `e`'s visual animations where they are (their callbacks get `Interrupted`), so a
/// visual written at once stays. For lifting a focus look to restyle what is under it.
pub(crate) fn stop_visual_animations(app: &mut App, e: Entity) {
    let props: Vec<AnimProp> = app
        .world()
        .get::<&channel::Animations>(e)
        .map(|a| a.0.iter().map(|c| c.prop).filter(|p| value::read_visual(&Visual::default(), *p).is_some()).collect())
        .unwrap_or_default();
    for p in props {
        app.stop_animation(e, p);
    }
}

/// Puts `prop` of `old` back into `new`.
fn restore(new: &mut Visual, old: &Visual, prop: AnimProp) {
    match prop {
        AnimProp::Opacity => new.opacity = old.opacity,
        AnimProp::Translate => new.translate = old.translate,
        AnimProp::Scale => new.scale = old.scale,
        AnimProp::BackgroundColor => new.background = old.background,
        AnimProp::BorderColor => match (&mut new.border, old.border) {
            (Some(n), Some(o)) => n.1 = o.1,
            // A border appearing fades in from transparent.
            (Some(n), None) => n.1 = Color::TRANSPARENT,
            // A border disappearing stays while it fades out.
            (None, Some(o)) => new.border = Some(o),
            (None, None) => {}
        },
        AnimProp::Radii => new.radii = old.radii,
        AnimProp::ShadowBlur | AnimProp::ShadowColor | AnimProp::ShadowOffset => {
            match (&mut new.shadow, old.shadow) {
                (Some(n), Some(o)) => match prop {
                    AnimProp::ShadowBlur => n.blur = o.blur,
                    AnimProp::ShadowColor => n.color = o.color,
                    _ => (n.x, n.y) = (o.x, o.y),
                },
                // A shadow appearing grows from a transparent, unblurred, unmoved one.
                (Some(n), None) => match prop {
                    AnimProp::ShadowBlur => n.blur = 0.0,
                    AnimProp::ShadowColor => n.color = Color::TRANSPARENT,
                    _ => (n.x, n.y) = (0.0, 0.0),
                },
                // A shadow disappearing stays while it fades out.
                (None, Some(o)) => new.shadow = Some(o),
                (None, None) => {}
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
