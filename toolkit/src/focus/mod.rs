//! Focus phase: which element has focus, and what the remote's keys do to it.
//!
//! Per frame, for each key event in order: dispatch to the focused element and its ancestors
//! (`dispatch.rs`), then the defaults: an arrow moves focus by the scope-aware search
//! (`scope.rs` over `search.rs`), an unhandled Back pops the screen stack. Around that, the
//! phase keeps focus valid: initial focus on a new screen, into a trap when one appears, back
//! out when it goes, and to a sensible neighbour when the focused element disappears. The
//! search needs current rectangles, so the phase runs layout (and scroll) first when they are
//! stale instead of navigating over last frame's geometry.
//!
//! Reads: the tree, layout, [`Focusable`], [`Disabled`], [`InitialFocus`], scopes, scroll
//! offsets, handlers. Writes: [`Focused`] (the marker), [`FocusMemory`] of enclosing scopes,
//! the [`Visual`] and text colours of elements with a [`FocusStyle`] (restored on blur), and
//! whatever handlers change through their [`EventCtx`].

mod dispatch;
pub mod lint;
mod pointer;
mod scope;
pub mod search;

use std::collections::HashMap;

use hecs::{Entity, World};
use tenfoot_renderer::{Color, Rect};

pub use dispatch::{EventCtx, EventHandler, Handled, KeyHandler, MAX_PANICS};
pub(crate) use scope::{descend_transform, screen_rect_under};
pub use scope::{screen_rect, EnterPolicy, FocusMemory, FocusOverrides, FocusScope};
pub use search::{find_next, NavDirection};

use crate::app::App;
use crate::element::El;
use crate::errors::{panic_message, ErrorKind, FrameError};
use crate::input::{parse_keys, KeyEvent, RemoteKey, UnknownKey};
use crate::style::{TextContent, Visual};
use crate::tree;
use dispatch::{Handlers, Which};
use scope::NavSnapshot;

/// The element can take focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Focusable;

/// The element has focus (exactly one element carries it while anything is focusable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Focused;

/// The element is focusable in principle but skipped for now (a greyed-out button).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disabled;

/// Focus starts here when its screen is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InitialFocus;

/// How the element looks while its focus owner is focused: the [`Visual`] that replaces its
/// own, and the colour for the text in its subtree. Both are restored on blur. The owner is the
/// element itself when it is [`Focusable`], else its nearest focusable ancestor, so the parts of
/// a focusable item (a tile's poster, ring and title) each carry their own focus look.
///
/// This is the one focus-look mechanism: library widgets, markup `focused { }` blocks and app
/// code all use it. The visual goes through [`crate::App::update_visual`], so a declared
/// `transition` on the element animates the focus look in and out (text colours switch at
/// once). On a TV the focused element must be obvious from across the room: use a ring
/// (border) and a scale-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FocusStyle {
    pub visual: Option<Visual>,
    pub text_color: Option<Color>,
}

/// What a [`FocusStyle`] replaced, to put back on blur.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FocusSaved {
    pub(crate) visual: Option<Visual>,
    texts: Vec<(Entity, Color)>,
}

/// Handlers and overrides collected by the `El` builder, attached at spawn.
#[derive(Default)]
pub(crate) struct FocusSpec {
    handlers: Handlers,
    overrides: Vec<(NavDirection, String)>,
}

/// The app's focus bookkeeping.
#[derive(Default)]
pub(crate) struct FocusState {
    pub(crate) focused: Option<Entity>,
    /// The focused element's on-screen rectangle and its ancestors (nearest first), kept so
    /// focus can find a neighbour after the element is despawned.
    last_rect: Option<Rect>,
    last_chain: Vec<Entity>,
    pub(crate) handlers: HashMap<Entity, Handlers>,
    /// (trap scope, where focus was before it entered the trap).
    trap_returns: Vec<(Entity, Entity)>,
    /// Presses nobody handled this frame (Back at the bottom of the screen stack...).
    pub(crate) unhandled: Vec<KeyEvent>,
    /// Guards focus/blur handlers that move focus from recursing without end.
    depth: u32,
    /// Something changed that may invalidate the focused element.
    pub(crate) needs_check: bool,
}

/// Runs the focus phase for this frame's key events.
pub(crate) fn run(app: &mut App, events: &[KeyEvent]) {
    if app.needs_layout || app.focus.needs_check {
        settle(app);
    }
    for ev in events {
        dispatch::dispatch_key(app, *ev);
        if app.needs_layout || app.focus.needs_check {
            settle(app);
        }
    }
}

/// Brings layout and scroll up to date, then makes sure focus is on an eligible element.
pub(crate) fn settle(app: &mut App) {
    app.refresh_geometry();
    app.check_focus();
}

/// Forgets everything focus keeps about despawned elements: handlers, memory pointing at
/// them, trap returns.
pub(crate) fn forget(world: &mut World, state: &mut FocusState, despawned: &[Entity]) -> Vec<Handlers> {
    let removed = dispatch::forget(&mut state.handlers, despawned);
    for m in world.query_mut::<&mut FocusMemory>() {
        if m.0.map(|e| despawned.contains(&e)).unwrap_or(false) {
            m.0 = None;
        }
    }
    state.trap_returns.retain(|(t, r)| !despawned.contains(t) || !despawned.contains(r));
    if state.focused.map(|f| despawned.contains(&f)).unwrap_or(false) {
        state.focused = None;
    }
    state.needs_check = true;
    removed
}

/// Attaches what the builder collected to the spawned entity `e`.
pub(crate) fn attach(world: &mut World, state: &mut FocusState, e: Entity, spec: FocusSpec) {
    if !spec.overrides.is_empty() {
        let _ = world.insert_one(e, FocusOverrides(spec.overrides));
    }
    if world.get::<&FocusScope>(e).is_ok() && world.get::<&FocusMemory>(e).is_err() {
        let _ = world.insert_one(e, FocusMemory(None));
    }
    if !spec.handlers.is_empty() {
        state.handlers.insert(e, spec.handlers);
    }
    state.needs_check = true;
}

// --- App: focus API ----------------------------------------------------------------------

impl App {
    /// The focused element.
    pub fn focused(&self) -> Option<Entity> {
        self.focus.focused.filter(|e| self.world.contains(*e))
    }

    /// The focused element's path of names from the root (`"home/rail-0/tile-3"`).
    pub fn focus_path(&self) -> Option<String> {
        self.focused().map(|e| tree::path(&self.world, e))
    }

    /// Moves focus to `e` now (blur and focus handlers run). Returns false, changing nothing,
    /// when `e` is not a focusable element.
    pub fn set_focus(&mut self, e: Entity) -> bool {
        if !self.world.contains(e) || self.world.get::<&Focusable>(e).is_err() {
            return false;
        }
        self.change_focus(Some(e));
        true
    }

    /// Enables or disables a focusable element; a disabled focused element loses focus to a
    /// neighbour.
    pub fn set_disabled(&mut self, e: Entity, disabled: bool) {
        if !self.world.contains(e) {
            return;
        }
        if disabled {
            let _ = self.world.insert_one(e, Disabled);
        } else {
            let _ = self.world.remove_one::<Disabled>(e);
        }
        self.focus.needs_check = true;
    }

    /// Runs `f` with `e`'s resting look in place: while `e` or an ancestor is focused, the
    /// focus looks shown on `e` (its own, and the focused element's, whose text colour may
    /// reach `e`) are lifted first and applied again afterwards, from their [`FocusStyle`]s as
    /// `f` left them, both at once (no transition). For restyling (a theme switch), so that
    /// both the look shown now and the one returned to on blur change.
    pub fn with_resting_look(&mut self, e: Entity, f: impl FnOnce(&mut App)) {
        let focused = self.focused().filter(|h| *h == e || tree::ancestors(&self.world, e).contains(h));
        let mut lifted = Vec::new();
        if focused.is_some() {
            for h in [focused, Some(e)].into_iter().flatten() {
                if !lifted.contains(&h) && self.world.get::<&FocusSaved>(h).is_ok() {
                    crate::animation::stop_visual_animations(self, h);
                    if restore_look_now(&mut self.world, h).is_some() {
                        lifted.push(h);
                    }
                }
            }
        }
        f(self);
        for h in lifted {
            if self.world.contains(h) {
                apply_look(self, h, false);
            }
        }
        self.request_paint();
    }

    /// Sets `e`'s resting look and its focus look together, as a state look does (`selected`,
    /// `pressed`): whichever of the two is showing changes through `e`'s transition.
    /// `text_color` is `e`'s own resting text colour.
    pub fn set_looks(&mut self, e: Entity, resting: Visual, text_color: Option<Color>, focus: FocusStyle) {
        if !self.world.contains(e) {
            return;
        }
        let shown = match self.world.get::<&mut FocusSaved>(e) {
            Ok(mut saved) => {
                saved.visual = Some(resting.clone());
                if let Some(c) = text_color {
                    for t in saved.texts.iter_mut().filter(|t| t.0 == e) {
                        t.1 = c;
                    }
                }
                true
            }
            Err(_) => false,
        };
        // Mounted under an owner that already has focus: the look shows now.
        let owner = std::iter::once(e)
            .chain(tree::ancestors(&self.world, e))
            .find(|a| self.world.get::<&Focusable>(*a).is_ok());
        let show_now = !shown && owner.is_some() && owner == self.focus.focused;
        let (visual, color) = if shown {
            (focus.visual.clone().unwrap_or(resting), focus.text_color.or(text_color))
        } else {
            (resting, text_color)
        };
        let _ = self.world.insert_one(e, focus);
        if self.world.get::<&Visual>(e).ok().as_deref() != Some(&visual) {
            self.update_visual(e, move |v| *v = visual);
        }
        if let Some(c) = color {
            if let Ok(mut t) = self.world.get::<&mut TextContent>(e) {
                if t.color != c {
                    t.color = c;
                    self.needs_paint = true;
                }
            }
        }
        if show_now {
            apply_look(self, e, true);
        }
    }

    /// Replaces `e`'s [`FocusStyle`] (shown at once when `e` is focused).
    pub fn set_focus_style(&mut self, e: Entity, style: FocusStyle) {
        self.with_resting_look(e, move |app| {
            let _ = app.world.insert_one(e, style);
        });
    }

    /// One frame at the current time with `key` pressed and released.
    pub fn press(&mut self, key: RemoteKey) -> crate::app::Frame<'_> {
        let now = self.now;
        self.frame(now, &[KeyEvent::press(key), KeyEvent::release(key)])
    }

    /// Presses each key of a space-separated script (`"Right Right Select"`), one frame each.
    /// Errors those frames report are carried over into the next frame's `errors`.
    pub fn press_keys(&mut self, script: &str) -> Result<(), UnknownKey> {
        for key in parse_keys(script)? {
            let errors = self.press(key).errors;
            self.carry_errors(errors);
        }
        Ok(())
    }

    /// The on-screen rectangle of `e` (after scroll offsets and visual transforms), as the
    /// direction search sees it.
    pub fn screen_rect(&self, e: Entity) -> Option<Rect> {
        screen_rect(&self.world, e)
    }

    /// Forgets where focus was (a new screen starts at its initial focus, not at a neighbour
    /// of the last focused position).
    pub(crate) fn focus_forget_position(&mut self) {
        self.focus.last_rect = None;
        self.focus.last_chain.clear();
    }

    /// Lays out and scrolls now if either is stale, so navigation sees current rectangles.
    pub(crate) fn refresh_geometry(&mut self) {
        self.layout();
        if self.needs_scroll {
            self.run_scroll();
        }
    }

    /// Moves focus one step in `dir` from the focused element (the default for arrows).
    pub(crate) fn navigate(&mut self, dir: NavDirection) {
        self.refresh_geometry();
        let screen = self.screen_root();
        let (target, errors) = {
            let snap = NavSnapshot::build(&self.world, screen, true);
            let target = match self.focus.focused {
                Some(f) if snap.is_eligible(f) => snap.navigate(f, dir),
                _ => None,
            };
            (target, snap.errors)
        };
        for e in errors {
            self.report(FrameError::new(ErrorKind::InvalidValue, e));
        }
        match target {
            Some(t) => self.change_focus(Some(t)),
            None => self.check_focus(),
        }
    }

    /// Makes sure focus is on an eligible element of the top screen (inside the top trap, if
    /// any): keeps it, returns it from a closed trap, moves it to a neighbour of a vanished
    /// element, or picks the screen's initial focus.
    pub(crate) fn check_focus(&mut self) {
        self.focus.needs_check = false;
        let screen = self.screen_root();
        let target = {
            let snap = NavSnapshot::build(&self.world, screen, true);
            let current = self.focus.focused.filter(|f| snap.is_eligible(*f));
            let top_trap = snap.traps.last().copied();
            // Return from traps that closed.
            let mut returned = None;
            while let Some((trap, back)) = self.focus.trap_returns.last().copied() {
                if snap.is_scope(trap) && Some(trap) == top_trap {
                    break;
                }
                self.focus.trap_returns.pop();
                if current.map(|c| snap.is_within(c, trap)).unwrap_or(true) && snap.is_eligible(back) {
                    returned = Some(back);
                }
            }
            if let Some(back) = returned.filter(|b| top_trap.map(|t| snap.is_within(*b, t)).unwrap_or(true)) {
                Some(back)
            } else if let Some(trap) = top_trap.filter(|t| !current.map(|c| snap.is_within(c, *t)).unwrap_or(false)) {
                // A trap appeared: focus goes in, and comes back here when it closes.
                if let Some(c) = current.or(self.focus.focused) {
                    self.focus.trap_returns.push((trap, c));
                }
                // Its initial focus if it marks one (a dialog's safe choice), else as entered.
                snap.marked_within(trap).or_else(|| snap.enter(trap, current.and_then(|c| snap.rect(c)), None))
            } else if current.is_some() {
                current
            } else if self.focus.last_rect.is_some() {
                self.neighbour_of_lost(&snap).or_else(|| snap.initial())
            } else {
                snap.initial()
            }
        };
        if target != self.focus.focused {
            self.change_focus(target);
        } else if let Some(t) = target {
            self.focus.last_rect = screen_rect(&self.world, t);
        }
    }

    /// A neighbour for focus whose element vanished (despawned, hidden, disabled): the
    /// nearest eligible focusable inside the closest surviving ancestor that has any.
    fn neighbour_of_lost(&self, snap: &NavSnapshot<'_>) -> Option<Entity> {
        let last = self.focus.last_rect?;
        let c = last.center();
        let nearest = |cands: &[Entity]| {
            cands
                .iter()
                .filter_map(|e| snap.rect(*e).map(|r| (*e, r)))
                .map(|(e, r)| {
                    let p = r.center();
                    (e, (p.x - c.x).powi(2) + (p.y - c.y).powi(2))
                })
                .fold(None::<(Entity, f32)>, |best, (e, d)| match best {
                    Some((_, bd)) if bd <= d => best,
                    _ => Some((e, d)),
                })
                .map(|b| b.0)
        };
        for a in &self.focus.last_chain {
            if !self.world.contains(*a) || !snap.is_within(*a, snap.screen) {
                continue;
            }
            let inside = snap.focusables_within(*a);
            if !inside.is_empty() {
                return nearest(&inside);
            }
        }
        nearest(&snap.focusables)
    }

    /// Moves the [`Focused`] marker and focus looks from the old element to `new`, updates
    /// scope memory and runs blur/focus handlers.
    pub(crate) fn change_focus(&mut self, new: Option<Entity>) {
        let old = self.focus.focused.filter(|e| self.world.contains(*e));
        if old == new {
            self.focus.focused = new;
            return;
        }
        if let Some(o) = old {
            let _ = self.world.remove_one::<Focused>(o);
            for h in look_holders(&self.world, o) {
                restore_look(self, h);
            }
        }
        self.focus.focused = new;
        self.needs_paint = true;
        self.needs_scroll = true;
        if let Some(n) = new {
            let _ = self.world.insert_one(n, Focused);
            for h in look_holders(&self.world, n) {
                apply_look(self, h, true);
            }
            let chain = tree::ancestors(&self.world, n);
            for a in &chain {
                if let Ok(mut m) = self.world.get::<&mut FocusMemory>(*a) {
                    m.0 = Some(n);
                }
            }
            self.focus.last_chain = chain;
            self.focus.last_rect = screen_rect(&self.world, n);
        }
        if self.focus.depth > 8 {
            self.report(FrameError::new(ErrorKind::Limit, "focus: focus/blur handlers keep moving focus; stopped"));
            return;
        }
        self.focus.depth += 1;
        if let Some(o) = old {
            let _ = dispatch::invoke(self, o, Which::Blur);
        }
        if let Some(n) = new {
            let _ = dispatch::invoke(self, n, Which::Focus);
        }
        self.focus.depth -= 1;
    }

    /// Runs what a handler of `from` deferred, in order, each under `catch_unwind` like the
    /// handler itself: a panic is reported, the app goes on.
    pub(crate) fn run_deferred(&mut self, deferred: Vec<dispatch::Deferred>, from: Entity) {
        for f in deferred {
            if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self))) {
                let msg = panic_message(payload.as_ref());
                self.report_on(from, ErrorKind::Panic, format!("deferred command panicked: {msg}"));
            }
        }
    }
}

/// The elements whose focus look follows `owner`: `owner` and its descendants, not entering
/// nested focusables (they own their own looks), that carry a [`FocusStyle`].
fn look_holders(world: &World, owner: Entity) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut stack = vec![owner];
    while let Some(n) = stack.pop() {
        if world.get::<&FocusStyle>(n).is_ok() {
            out.push(n);
        }
        for c in tree::children(world, n).into_iter().rev() {
            if world.get::<&Focusable>(c).is_err() {
                stack.push(c);
            }
        }
    }
    out
}

/// Saves `e`'s resting look and applies its [`FocusStyle`]: through `update_visual` (so the
/// element's transition animates it) when `animate`, else written at once.
fn apply_look(app: &mut App, e: Entity, animate: bool) {
    let Ok(style) = app.world.get::<&FocusStyle>(e).map(|s| (*s).clone()) else { return };
    if app.world.get::<&FocusSaved>(e).is_ok() {
        restore_look(app, e);
    }
    let visual = crate::animation::settled_visual(app, e);
    let mut texts = Vec::new();
    if let Some(color) = style.text_color {
        for n in tree::subtree(&app.world, e) {
            if let Ok(mut t) = app.world.get::<&mut TextContent>(n) {
                texts.push((n, t.color));
                t.color = color;
            }
        }
    }
    let _ = app.world.insert_one(e, FocusSaved { visual, texts });
    if let Some(v) = style.visual {
        if animate {
            app.update_visual(e, move |x| *x = v);
        } else {
            crate::animation::stop_visual_animations(app, e);
            let _ = app.world.insert_one(e, v);
        }
    }
}

/// Puts `e`'s resting look back at once. `None` when it had no focus look applied.
fn restore_look_now(world: &mut World, e: Entity) -> Option<()> {
    let saved = world.remove_one::<FocusSaved>(e).ok()?;
    match saved.visual {
        Some(v) => {
            let _ = world.insert_one(e, v);
        }
        None => {
            let _ = world.remove_one::<Visual>(e);
        }
    }
    restore_texts(world, saved.texts);
    Some(())
}

fn restore_texts(world: &mut World, texts: Vec<(Entity, Color)>) {
    for (n, c) in texts {
        if let Ok(mut t) = world.get::<&mut TextContent>(n) {
            t.color = c;
        }
    }
}

/// Puts `e`'s resting look back through `update_visual`, so its transition animates the blur.
fn restore_look(app: &mut App, e: Entity) {
    let Ok(saved) = app.world.remove_one::<FocusSaved>(e) else { return };
    match saved.visual {
        Some(v) => app.update_visual(e, move |x| *x = v),
        None => {
            let _ = app.world.remove_one::<Visual>(e);
        }
    }
    restore_texts(&mut app.world, saved.texts);
}

// --- El: focus builder methods -------------------------------------------------------------

impl El {
    /// Makes the element focusable.
    pub fn focusable(self) -> Self {
        self.with(Focusable)
    }

    /// Makes the element a focus scope (a row, a grid, a modal).
    pub fn focus_scope(self, scope: FocusScope) -> Self {
        self.with(scope).with(FocusMemory(None))
    }

    /// Pressing `dir` on this element goes to the element named `target` (on a scope: leaving
    /// the scope in `dir` does).
    pub fn focus_override(mut self, dir: NavDirection, target: impl Into<String>) -> Self {
        self.focus.overrides.push((dir, target.into()));
        self
    }

    /// Focus starts here when the screen is shown.
    pub fn initial_focus(self) -> Self {
        self.with(InitialFocus)
    }

    /// Skipped by navigation while disabled (see [`App::set_disabled`]).
    pub fn disabled(self, disabled: bool) -> Self {
        if disabled {
            self.with(Disabled)
        } else {
            self
        }
    }

    /// The look while focused.
    pub fn focus_style(self, style: FocusStyle) -> Self {
        self.with(style)
    }

    /// The look while focused: the element's visual as built so far, edited by `f`.
    pub fn focus_visual(self, f: impl FnOnce(&mut Visual)) -> Self {
        let mut v = self.visual.clone().unwrap_or_default();
        f(&mut v);
        self.focus_style(FocusStyle { visual: Some(v), text_color: None })
    }

    /// Handles keys while this element or a descendant has focus. Return [`Handled::Yes`] to
    /// stop the key (no navigation, no bubbling).
    pub fn on_key(mut self, f: impl FnMut(&mut EventCtx<'_>, &KeyEvent) -> Handled + 'static) -> Self {
        self.focus.handlers.on_key = Some(Box::new(f));
        self
    }

    /// Runs when Select is pressed on this element (or a descendant that does not handle it).
    pub fn on_select(mut self, f: impl FnMut(&mut EventCtx<'_>) + 'static) -> Self {
        self.focus.handlers.on_select = Some(Box::new(f));
        self
    }

    /// Runs when this element gains focus.
    pub fn on_focus(mut self, f: impl FnMut(&mut EventCtx<'_>) + 'static) -> Self {
        self.focus.handlers.on_focus = Some(Box::new(f));
        self
    }

    /// Runs when this element loses focus.
    pub fn on_blur(mut self, f: impl FnMut(&mut EventCtx<'_>) + 'static) -> Self {
        self.focus.handlers.on_blur = Some(Box::new(f));
        self
    }

    /// Makes the element scroll (and clip) its children (see [`crate::Scroll`]).
    pub fn scroll(self, scroll: crate::scroll::Scroll) -> Self {
        self.with(scroll)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::style::Direction;
    use tenfoot_renderer::Point;

    fn tile(name: &str) -> El {
        El::new().name(name).size(100.0, 100.0).focusable().on_select(|_| {}).on_key(|_, _| Handled::No)
    }

    #[test]
    fn despawn_forgets_handlers_memory_and_focus() {
        let mut app = App::headless();
        let rail = El::new().name("s").direction(Direction::Row).focus_scope(FocusScope::remembered());
        app.set_root(rail.child(tile("a")).child(tile("b")));
        app.frame(Duration::ZERO, &[]);
        app.press(RemoteKey::Right);
        assert_eq!(app.focus_path().as_deref(), Some("root/s/b"));
        let (s, b) = (app.find("s").unwrap(), app.find("b").unwrap());
        assert_eq!(app.world.get::<&FocusMemory>(s).unwrap().0, Some(b));
        assert_eq!(app.focus.handlers.len(), 2);

        app.despawn(b);
        assert_eq!(app.focus.handlers.len(), 1, "b's handlers are gone");
        assert_eq!(app.world.get::<&FocusMemory>(s).unwrap().0, None, "memory no longer points at b");
        app.frame(Duration::ZERO, &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/s/a"));

        app.set_root(El::new().name("empty"));
        app.frame(Duration::ZERO, &[]);
        assert!(app.focus.handlers.is_empty());
        assert_eq!(app.focused(), None);
        assert_eq!(app.focus.trap_returns.len(), 0);
    }

    #[test]
    fn focus_and_blur_handlers_run_and_can_change_the_app() {
        let mut app = App::headless();
        let label = El::new().name("label").text("none");
        let t = |n: &'static str| {
            El::new().name(n).size(100.0, 100.0).focusable().on_focus(move |ctx| {
                if let Some(l) = ctx.find("label") {
                    ctx.set_text(l, n);
                }
            })
        };
        app.set_root(El::new().direction(Direction::Row).child(t("a")).child(t("b")).child(label));
        app.frame(Duration::ZERO, &[]);
        let text = |app: &App| app.world.get::<&TextContent>(app.find("label").unwrap()).unwrap().text.clone();
        assert_eq!(text(&app), "a");
        app.press(RemoteKey::Right);
        assert_eq!(text(&app), "b");
    }

    #[test]
    fn a_handler_writes_signals_and_the_tree_directly() {
        let mut app = App::headless();
        let count = app.signal(0u32);
        let plus = El::new().name("plus").size(100.0, 100.0).focusable().on_select(move |ctx| {
            count.update(ctx, |n| *n += 1);
            let me = ctx.target();
            ctx.mount(me, El::new().name("extra"));
        });
        let label = El::new().name("label").text("").bind_text(move |app| format!("{}", count.get(app)));
        app.set_root(El::new().child(plus).child(label));
        app.frame(Duration::ZERO, &[]);
        app.press(RemoteKey::Select);
        assert_eq!(count.get(&app), 1, "written while the handler ran");
        let text = app.world.get::<&TextContent>(app.find("label").unwrap()).unwrap().text.clone();
        assert_eq!(text, "1", "its effect ran in the same frame");
        assert!(app.find("extra").is_some());
        app.press(RemoteKey::Select);
        assert_eq!(count.get(&app), 2, "the handler was put back");
    }

    #[test]
    fn moving_focus_in_on_select_runs_the_elements_own_on_blur() {
        let mut app = App::headless();
        let blurred = app.signal(false);
        let a =
            El::new().name("a").size(100.0, 100.0).focusable().on_blur(move |ctx| blurred.set(ctx, true)).on_select(
                |ctx| {
                    if let Some(b) = ctx.find("b") {
                        ctx.set_focus(b);
                    }
                },
            );
        app.set_root(El::new().direction(Direction::Row).child(a).child(tile("b")));
        app.frame(Duration::ZERO, &[]);
        app.press(RemoteKey::Select);
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/b"));
        assert!(blurred.get(&app), "a's on_blur stayed callable while its on_select ran");
    }

    #[test]
    fn a_handler_may_despawn_its_own_element() {
        let mut app = App::headless();
        let gone = El::new().name("gone").size(100.0, 100.0).focusable().on_select(|ctx| ctx.despawn(ctx.target()));
        app.set_root(El::new().direction(Direction::Row).child(gone).child(tile("b")));
        app.frame(Duration::ZERO, &[]);
        app.press(RemoteKey::Select);
        assert!(app.find("gone").is_none());
        assert_eq!(app.focus.handlers.len(), 1, "only b's handlers are left");
        app.frame(Duration::ZERO, &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/b"));
    }

    #[test]
    fn set_focus_refuses_non_focusable_elements() {
        let mut app = App::headless();
        app.set_root(El::new().name("box").child(tile("a")));
        app.frame(Duration::ZERO, &[]);
        assert!(!app.set_focus(app.find("box").unwrap()));
        assert_eq!(app.focus_path().as_deref(), Some("root/box/a"));
    }

    /// A scaled, ringed focus look on a tile's inner poster, with a `transition` on the poster.
    fn looked(name: &str) -> El {
        let rest = Visual { background: Some(Color::rgb(40, 40, 40)), ..Visual::default() };
        let focused = Visual { scale: Point::new(1.2, 1.2), border: Some((4.0, Color::WHITE)), ..rest.clone() };
        El::new().name(name).size(100.0, 100.0).focusable().child(
            El::new()
                .name(format!("{name}-poster"))
                .size(100.0, 100.0)
                .visual(|v| *v = rest)
                .transition("scale 100ms linear")
                .focus_style(FocusStyle { visual: Some(focused), text_color: None })
                .child(
                    El::new()
                        .name(format!("{name}-title"))
                        .text(name)
                        .focus_style(FocusStyle { visual: None, text_color: Some(Color::rgb(255, 0, 0)) }),
                ),
        )
    }

    #[test]
    fn a_focus_look_follows_its_owner_and_its_declared_transition_animates_it() {
        let mut app = App::headless();
        app.set_root(El::new().direction(Direction::Row).child(looked("a")).child(looked("b")));
        fn poster(app: &App, n: &str) -> Visual {
            (*app.world.get::<&Visual>(app.find(n).unwrap()).unwrap()).clone()
        }
        let title = |app: &App, n: &str| app.world.get::<&TextContent>(app.find(n).unwrap()).unwrap().color;
        let resting = title(&app, "a-title");
        app.frame(Duration::ZERO, &[]);
        // Focus is on `a`: its poster's ring is there at once, the scale starts moving.
        assert_eq!(poster(&app, "a-poster").border, Some((4.0, Color::WHITE)));
        assert_eq!(title(&app, "a-title"), Color::rgb(255, 0, 0), "text colours switch at once");
        app.frame(Duration::from_millis(50), &[]);
        let s = poster(&app, "a-poster").scale.x;
        assert!((s - 1.1).abs() < 0.01, "halfway through the transition: {s}");
        app.frame(Duration::from_millis(100), &[]);
        assert_eq!(poster(&app, "a-poster").scale, Point::new(1.2, 1.2));
        // Right: `b` takes the look, `a` animates back to rest.
        app.frame(
            Duration::from_millis(100),
            &[KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)],
        );
        app.frame(Duration::from_millis(150), &[]);
        let (sa, sb) = (poster(&app, "a-poster").scale.x, poster(&app, "b-poster").scale.x);
        assert!((sa - 1.1).abs() < 0.01 && (sb - 1.1).abs() < 0.01, "both halfway: {sa} {sb}");
        assert_eq!(poster(&app, "a-poster").border, None);
        assert_eq!(title(&app, "a-title"), resting);
        // Back to `a` mid-flight: it returns to rest afterwards, not to a midway scale.
        app.frame(Duration::from_millis(150), &[KeyEvent::press(RemoteKey::Left), KeyEvent::release(RemoteKey::Left)]);
        app.frame(
            Duration::from_millis(175),
            &[KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)],
        );
        app.frame(Duration::from_millis(400), &[]);
        assert_eq!(poster(&app, "a-poster").scale, Point::new(1.0, 1.0));
        assert_eq!(poster(&app, "b-poster").scale, Point::new(1.2, 1.2));
    }
}
