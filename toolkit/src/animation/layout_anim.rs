//! Layout animations: an element opted in with [`crate::El::animate_layout`] glides from its
//! old rectangle to the new one whenever layout moves or resizes it.
//!
//! The *layout* result stays the target: [`ComputedLayout`] (and so focus search, hit tests and
//! tests) sees the final rectangle at once. What animates is the *painted* rectangle, held in
//! [`PaintRect`] relative to the parent's layout box, so a child gliding inside a parent that
//! also glides does not count its parent's motion twice. Paint draws the element's own box at
//! the painted rectangle (position and size) and moves its subtree with it (children keep their
//! final sizes, so text inside a growing tile does not re-wrap every frame).
//!
//! Runs at the end of the Layout phase (it needs the old and new rectangles); the animation it
//! starts is sampled at the current frame time right away, so this frame already paints the old
//! rectangle and the next one has moved.

use hecs::{Entity, World};
use tenfoot_renderer::Rect;

use crate::layout::ComputedLayout;
use crate::tree;

use super::channel::Timing;
use super::spring::Spring;

/// Opts an element into layout animation; `timing` says how it moves to each new rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutAnimated {
    pub timing: Timing,
    /// The rectangle (relative to the parent) seen by the previous layout.
    pub(crate) last: Option<Rect>,
}

impl LayoutAnimated {
    pub fn new(timing: impl Into<Timing>) -> Self {
        Self { timing: timing.into(), last: None }
    }
}

impl Default for LayoutAnimated {
    /// A spring: layout moves are often interrupted by the next one (a held remote key), and a
    /// spring carries the velocity across.
    fn default() -> Self {
        Self::new(Spring::new(300.0, 30.0, 1.0))
    }
}

/// Where paint draws an element while a layout animation runs: relative to its parent's
/// *layout* origin. Removed when the animation ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaintRect {
    pub local: Rect,
}

/// The layout rectangle of `e` relative to its parent's layout rectangle.
pub(crate) fn local_rect(world: &World, e: Entity) -> Option<Rect> {
    let rect = world.get::<&ComputedLayout>(e).ok()?.rect;
    let origin = tree::parent(world, e)
        .and_then(|p| world.get::<&ComputedLayout>(p).ok().map(|l| (l.rect.x, l.rect.y)))
        .unwrap_or((0.0, 0.0));
    Some(rect.translate(-origin.0, -origin.1))
}

/// Elements whose layout moved since the last layout: (element, old local rect, new local
/// rect, timing). Updates each element's remembered rectangle.
pub(crate) fn moved(world: &mut World) -> Vec<(Entity, Rect, Rect, Timing)> {
    let mut out = Vec::new();
    let animated: Vec<Entity> = world.query::<(Entity, &LayoutAnimated)>().iter().map(|(e, _)| e).collect();
    for e in animated {
        let Some(now) = local_rect(world, e) else { continue };
        let Ok(mut la) = world.get::<&mut LayoutAnimated>(e) else { continue };
        let before = la.last.replace(now);
        if let Some(before) = before {
            if before != now && now.is_finite() && before.is_finite() {
                out.push((e, before, now, la.timing));
            }
        }
    }
    out
}
