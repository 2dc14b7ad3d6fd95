//! Pointing at elements: what a pointer remote (or a laptop's mouse in the preview) is over.
//!
//! A pointer moves focus (hover focuses the focusable under it) and Select acts on it, so
//! pointing needs nothing from widgets beyond what the remote already uses: the focus search's
//! snapshot of eligible focusables and their on-screen rectangles. Reads the tree, writes
//! nothing.

use tenfoot_renderer::Point;

use super::scope::{screen_rect, NavSnapshot};
use crate::scroll::{Scroll, ScrollAxis};
use crate::style::Visual;
use crate::tree;
use crate::{App, Entity};

impl App {
    /// The focusable element under `p` (logical px) on the top screen: eligible as for the
    /// arrows (not disabled, not hidden, inside the top focus trap if one is open), with `p`
    /// inside it and inside every clipping or scrolling ancestor (a tile scrolled out of its
    /// rail is not under the pointer). The last in tree order wins, as it is painted on top.
    /// Lays out first if styles changed.
    pub fn focusable_at(&mut self, p: Point) -> Option<Entity> {
        self.refresh_geometry();
        let screen = self.screen_root();
        let snap = NavSnapshot::build(&self.world, screen, true);
        let trap = snap.traps.last().copied();
        let world = &self.world;
        let visible_at = |e: Entity| {
            tree::ancestors(world, e).into_iter().all(|a| {
                let clips = world.get::<&Visual>(a).is_ok_and(|v| v.clip) || world.get::<&Scroll>(a).is_ok();
                !clips || screen_rect(world, a).is_some_and(|r| r.contains(p))
            })
        };
        snap.focusables_within(trap.unwrap_or(screen))
            .into_iter()
            .rev()
            .filter(|e| snap.rect(*e).is_some_and(|r| r.contains(p)))
            .find(|e| visible_at(*e))
    }

    /// The nearest scrolling ancestor of `e` and its axis: where a wheel over `e` scrolls.
    pub fn scroll_axis_of(&self, e: Entity) -> Option<ScrollAxis> {
        tree::ancestors(&self.world, e).into_iter().find_map(|a| self.world.get::<&Scroll>(a).ok().map(|s| s.axis))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::{El, Name, ScrollPolicy};

    fn at(app: &mut App, x: f32, y: f32) -> String {
        let e = app.focusable_at(Point { x, y });
        e.and_then(|e| app.world().get::<&Name>(e).ok().map(|n| n.0.clone())).unwrap_or_default()
    }

    #[test]
    fn the_pointer_finds_visible_eligible_focusables_only() {
        let mut app = App::headless();
        let tile = |n: &str| El::new().name(n).size(200.0, 100.0).shrink(0.0).focusable();
        let rail = El::new()
            .name("rail")
            .direction(crate::Direction::Row)
            .width(500.0)
            .scroll(Scroll::horizontal(ScrollPolicy::KeepInView { margin: 0.0 }))
            .child(tile("a"))
            .child(tile("b"))
            .child(tile("c"));
        app.set_root(El::new().child(rail).child(tile("below")).child(tile("off").disabled(true)));
        app.frame(Duration::ZERO, &[]);
        assert_eq!(at(&mut app, 50.0, 50.0), "a");
        assert_eq!(at(&mut app, 250.0, 50.0), "b");
        // `c` starts at 400 and is cut by the rail's 500 px width: it is under the pointer
        // only where the rail shows it.
        assert_eq!(at(&mut app, 450.0, 50.0), "c");
        assert_eq!(at(&mut app, 550.0, 50.0), "");
        assert_eq!(at(&mut app, 50.0, 150.0), "below");
        assert_eq!(at(&mut app, 50.0, 250.0), "", "disabled");
        let a = app.find("a").unwrap_or(Entity::DANGLING);
        assert_eq!(app.scroll_axis_of(a), Some(ScrollAxis::Horizontal));
    }
}
