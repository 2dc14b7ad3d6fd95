//! Scroll phase: rails and grids scroll so the focused descendant is visible.
//!
//! A [`Scroll`] container lays its children out at full size (give them `.shrink(0.0)` so flex
//! does not squeeze them) and shows them through its content box, moved by `offset` along one
//! axis; paint translates the children and clips to the container. After layout, every scroll
//! container that holds the focused element picks a new offset by its [`ScrollPolicy`].
//!
//! Reads: [`Focused`](crate::Focused) element, [`ComputedLayout`], the tree. Writes:
//! [`Scroll::offset`] and [`Scroll::target`] of the focused element's scroll ancestors.
//! Offsets are logical pixels in the container's own (un-scrolled) layout space. Nested scroll
//! containers on the same axis are each computed from layout positions alone (the inner
//! offset is not subtracted); rows inside a vertical page are the supported shape.

use hecs::{Entity, World};

use crate::layout::ComputedLayout;
use crate::tree;

/// Which way a container scrolls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScrollAxis {
    #[default]
    Horizontal,
    Vertical,
}

/// Where the focused element is kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScrollPolicy {
    /// Scroll only when the element would leave the view, keeping `margin` logical px of
    /// room beyond it (so the next tile peeks in).
    KeepInView { margin: f32 },
    /// The focused element always sits at the start of the view (the first slot of a rail).
    StickToStart,
    /// The focused element sits in the middle of the view.
    Centre,
}

impl Default for ScrollPolicy {
    fn default() -> Self {
        ScrollPolicy::KeepInView { margin: 0.0 }
    }
}

/// A scrolling container's state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scroll {
    pub axis: ScrollAxis,
    pub policy: ScrollPolicy,
    /// How far the content is moved, in logical px (0 shows the start). Paint and the focus
    /// search use this value.
    pub offset: f32,
    /// Where the offset is heading. Equal to `offset` until scrolling is animated.
    pub target: f32,
}

impl Scroll {
    pub fn horizontal(policy: ScrollPolicy) -> Self {
        Self { axis: ScrollAxis::Horizontal, policy, offset: 0.0, target: 0.0 }
    }

    pub fn vertical(policy: ScrollPolicy) -> Self {
        Self { axis: ScrollAxis::Vertical, policy, offset: 0.0, target: 0.0 }
    }

    /// The translation to apply to the children: (dx, dy).
    pub fn translation(&self) -> (f32, f32) {
        let o = if self.offset.is_finite() { self.offset } else { 0.0 };
        match self.axis {
            ScrollAxis::Horizontal => (-o, 0.0),
            ScrollAxis::Vertical => (0.0, -o),
        }
    }
}

/// Sets where the scroll container is heading. This is the one place a scroll changes: it
/// jumps now; when animation exists, start a tween or spring from `offset` to `target` here
/// (and let the animation phase write `offset`). Returns whether `offset` changed.
pub fn scroll_to(scroll: &mut Scroll, target: f32) -> bool {
    scroll.target = target;
    let changed = scroll.offset != target;
    scroll.offset = target;
    changed
}

/// The offset `policy` wants for an item spanning `item` inside a view spanning `view`, with
/// content spanning `content` (all on the scroll axis, un-scrolled), from `current`.
pub fn wanted_offset(
    policy: ScrollPolicy,
    item: (f32, f32),
    view: (f32, f32),
    content: (f32, f32),
    current: f32,
) -> f32 {
    let (il, ih) = item;
    let (vl, vh) = view;
    let want = match policy {
        ScrollPolicy::KeepInView { margin } => {
            let m = if margin.is_finite() { margin.max(0.0) } else { 0.0 };
            if il - current < vl + m {
                il - m - vl
            } else if ih - current > vh - m {
                ih + m - vh
            } else {
                current
            }
        }
        ScrollPolicy::StickToStart => il - vl,
        ScrollPolicy::Centre => (il + ih) / 2.0 - (vl + vh) / 2.0,
    };
    // Never scroll past the content: the first item stays at the start, the last at the end.
    let max = (content.1 - vh).max(0.0);
    let min = (content.0 - vl).min(0.0);
    if want.is_finite() {
        want.clamp(min, max)
    } else {
        current
    }
}

/// Runs the scroll phase for the focused element. Returns whether any offset changed.
/// Returns the containers whose offset changed, with their offset before the change.
pub(crate) fn run(world: &mut World, focused: Option<Entity>) -> Vec<(Entity, f32)> {
    let Some(f) = focused.filter(|f| world.contains(*f)) else { return Vec::new() };
    let Ok(item) = world.get::<&ComputedLayout>(f).map(|l| l.rect) else { return Vec::new() };
    let mut changed = Vec::new();
    for a in tree::ancestors(world, f) {
        let Ok(scroll) = world.get::<&Scroll>(a).map(|s| *s) else { continue };
        let Ok(view) = world.get::<&ComputedLayout>(a).map(|l| l.content) else { continue };
        let children: Vec<_> = tree::children(world, a)
            .into_iter()
            .filter_map(|c| world.get::<&ComputedLayout>(c).ok().map(|l| l.rect))
            .collect();
        let horizontal = scroll.axis == ScrollAxis::Horizontal;
        let span = |r: &tenfoot_renderer::Rect| if horizontal { (r.x, r.right()) } else { (r.y, r.bottom()) };
        let content = children.iter().map(span).fold((f32::MAX, f32::MIN), |acc, s| (acc.0.min(s.0), acc.1.max(s.1)));
        let content = if children.is_empty() { span(&view) } else { content };
        let want = wanted_offset(scroll.policy, span(&item), span(&view), content, scroll.offset);
        if let Ok(mut s) = world.get::<&mut Scroll>(a) {
            let before = s.offset;
            if scroll_to(&mut s, want) {
                changed.push((a, before));
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: (f32, f32) = (100.0, 1100.0);
    const CONTENT: (f32, f32) = (100.0, 3000.0);

    #[test]
    fn keep_in_view_scrolls_only_when_needed_with_margin() {
        let p = ScrollPolicy::KeepInView { margin: 50.0 };
        // Visible: no change.
        assert_eq!(wanted_offset(p, (300.0, 500.0), VIEW, CONTENT, 0.0), 0.0);
        // Past the end: the item's end plus margin meets the view's end.
        assert_eq!(wanted_offset(p, (1000.0, 1200.0), VIEW, CONTENT, 0.0), 150.0);
        // Back before the start: the item's start minus margin meets the view's start.
        assert_eq!(wanted_offset(p, (400.0, 600.0), VIEW, CONTENT, 500.0), 250.0);
        // The first item never leaves a gap before the content.
        assert_eq!(wanted_offset(p, (100.0, 300.0), VIEW, CONTENT, 500.0), 0.0);
    }

    #[test]
    fn stick_to_start_and_centre_clamp_to_the_content() {
        assert_eq!(wanted_offset(ScrollPolicy::StickToStart, (700.0, 900.0), VIEW, CONTENT, 0.0), 600.0);
        // Near the end the view stops at the content's end.
        assert_eq!(wanted_offset(ScrollPolicy::StickToStart, (2800.0, 3000.0), VIEW, CONTENT, 0.0), 1900.0);
        assert_eq!(wanted_offset(ScrollPolicy::Centre, (1500.0, 1700.0), VIEW, CONTENT, 0.0), 1000.0);
        assert_eq!(wanted_offset(ScrollPolicy::Centre, (100.0, 300.0), VIEW, CONTENT, 0.0), 0.0);
        // Content shorter than the view never scrolls.
        assert_eq!(wanted_offset(ScrollPolicy::Centre, (500.0, 700.0), VIEW, (100.0, 900.0), 0.0), 0.0);
    }

    #[test]
    fn scroll_to_jumps_and_reports_change() {
        let mut s = Scroll::horizontal(ScrollPolicy::StickToStart);
        assert!(scroll_to(&mut s, 240.0));
        assert_eq!((s.offset, s.target), (240.0, 240.0));
        assert!(!scroll_to(&mut s, 240.0));
        assert_eq!(s.translation(), (-240.0, 0.0));
    }
}
