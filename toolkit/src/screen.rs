//! The screen stack: an app is a stack of screens (profile picker, home, details...). A
//! pushed screen covers the ones below; they are hidden, not despawned, so they keep their
//! state (scroll offsets, focus memory, text) and get focus back where it was when the top
//! screen pops.
//!
//! The bottom of the stack is whatever is mounted under the app root; pushed screens are
//! mounted after it. Focus and navigation only look at the top screen.

use hecs::Entity;

use crate::app::App;
use crate::element::El;
use crate::tree;

/// One pushed screen.
#[derive(Clone, Debug)]
pub(crate) struct ScreenEntry {
    /// The pushed screen's root element.
    root: Entity,
    /// The elements this screen hid (those under the root that were showing when it was
    /// pushed). Hidden ones are not listed: a deep stack records only what each push hid, so
    /// memory grows with the depth, not with its square.
    covered: Vec<Entity>,
    /// Where focus was on the screen below.
    return_focus: Option<Entity>,
}

impl ScreenEntry {
    /// How many elements this push hid (for the screen stack's memory test).
    #[cfg(test)]
    pub(crate) fn covered_len(&self) -> usize {
        self.covered.len()
    }
}

impl App {
    /// The root of the top screen: the last pushed screen, or the app root.
    pub fn screen_root(&self) -> Entity {
        self.screens.iter().rev().map(|s| s.root).find(|r| self.world.contains(*r)).unwrap_or(self.root)
    }

    /// How many screens are pushed above the bottom one.
    pub fn pushed_screens(&self) -> usize {
        self.screens.len()
    }

    /// The roots of the pushed screens, bottom first.
    pub fn pushed_screen_roots(&self) -> Vec<Entity> {
        self.screens.iter().map(|s| s.root).collect()
    }

    /// Shows `el` as a new screen over the current one, which keeps its state while hidden.
    /// Focus moves to the new screen's initial focus. Returns the new screen's root.
    pub fn push_screen(&mut self, el: impl Into<El>) -> Entity {
        let return_focus = self.focused();
        let mut covered = Vec::new();
        // What shows: the bottom screen's elements when nothing is pushed, else the top
        // screen and anything mounted under the root after it (a toast). Everything before
        // the top screen was covered by an earlier push, so only that tail is looked at, found
        // from the end: a push is O(1) in the stack's depth, not O(depth).
        let showing: Vec<Entity> = match self.world.get::<&tree::Children>(self.root) {
            Ok(children) => {
                let top = self.screens.last().map(|s| s.root);
                let from = top.and_then(|t| children.0.iter().rposition(|c| *c == t)).unwrap_or(0);
                children.0[from..].to_vec()
            }
            Err(_) => Vec::new(),
        };
        for c in showing {
            let hidden = self.world.get::<&crate::style::Style>(c).map(|s| s.display_none).unwrap_or(false);
            if !hidden {
                covered.push(c);
                self.update_style(c, |s| s.display_none = true);
            }
        }
        // Leave the covered screen's focus look behind; it comes back on pop.
        self.change_focus(None);
        self.focus_forget_position();
        let root = self.mount(self.root, el);
        self.screens.push(ScreenEntry { root, covered, return_focus });
        self.focus.needs_check = true;
        root
    }

    /// Closes the top screen (despawning it) and shows the one below with focus where it
    /// was. Returns false when no screen was pushed.
    pub fn pop_screen(&mut self) -> bool {
        let Some(entry) = self.screens.pop() else { return false };
        self.change_focus(None);
        self.focus_forget_position();
        self.despawn(entry.root);
        for e in entry.covered {
            self.update_style(e, |s| s.display_none = false);
        }
        if let Some(f) = entry.return_focus.filter(|f| self.world.contains(*f)) {
            let _ = self.set_focus(f);
        }
        self.focus.needs_check = true;
        true
    }

    /// Forgets the pushed screens (after `set_root` replaced everything).
    pub(crate) fn reset_screens(&mut self) {
        self.screens.clear();
        self.focus_forget_position();
    }
}
