//! Key dispatch: the focused element gets each key first, then its ancestors until one
//! handles it; what nobody handles gets the default behaviour (arrows navigate, Back pops the
//! screen stack).
//!
//! Handlers are user closures kept beside the world (not components, so they may capture
//! non-`Send` state such as `Rc` signals). A handler gets an [`EventCtx`], which is the whole
//! [`App`] plus the element it runs for, and changes the app directly. Every call is wrapped in `catch_unwind`: a panic is reported in `Frame::errors`
//! and, after [`MAX_PANICS`], the element's handlers are switched off and it shows the error
//! placeholder ([`crate::ErrorMark`]); the app goes on.

use std::collections::HashMap;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::panic::{catch_unwind, AssertUnwindSafe};

use hecs::Entity;

use super::search::NavDirection;
use crate::app::App;
use crate::element::El;
use crate::errors::{panic_message, ErrorKind};
use crate::input::{KeyEvent, KeyPhase, RemoteKey};
use crate::style::Visual;
use crate::tree;

/// Whether a key handler consumed the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handled {
    /// Stop: the key does nothing else.
    Yes,
    /// Pass it on to the parent, and finally to the default behaviour.
    No,
}

impl From<bool> for Handled {
    fn from(b: bool) -> Self {
        if b {
            Handled::Yes
        } else {
            Handled::No
        }
    }
}

/// After this many panics an element's handlers are switched off.
pub const MAX_PANICS: u32 = 3;

pub type KeyHandler = Box<dyn FnMut(&mut EventCtx<'_>, &KeyEvent) -> Handled>;
pub type EventHandler = Box<dyn FnMut(&mut EventCtx<'_>)>;
/// Work a handler left for after it returns ([`EventCtx::defer`]).
pub(crate) type Deferred = Box<dyn FnOnce(&mut App)>;

/// The handlers of one element.
#[derive(Default)]
pub(crate) struct Handlers {
    pub(crate) on_key: Option<KeyHandler>,
    pub(crate) on_select: Option<EventHandler>,
    pub(crate) on_focus: Option<EventHandler>,
    pub(crate) on_blur: Option<EventHandler>,
    panics: u32,
}

impl Handlers {
    pub(crate) fn is_empty(&self) -> bool {
        self.on_key.is_none() && self.on_select.is_none() && self.on_focus.is_none() && self.on_blur.is_none()
    }

    /// Whether anything here reacts to keys (the lint's "a way out of a trap").
    pub(crate) fn handles_keys(&self) -> bool {
        self.on_key.is_some() || self.on_select.is_some()
    }
}

/// What a handler gets: the whole [`App`] (through `Deref`/`DerefMut`, so a handler writes
/// signals, edits the tree, moves focus and pushes screens directly: `count.set(ctx, 1)`,
/// `ctx.set_focus(e)`), plus which element's handler is running.
///
/// While a handler runs, only that one closure is out of the app (so it cannot re-enter
/// itself); the element's other handlers stay in place, so moving focus away from it in
/// `on_select` still runs its `on_blur`. A handler may despawn its own element.
pub struct EventCtx<'a> {
    app: &'a mut App,
    target: Entity,
    deferred: Vec<Deferred>,
}

impl fmt::Debug for EventCtx<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventCtx").field("target", &self.target).field("deferred", &self.deferred.len()).finish()
    }
}

impl Deref for EventCtx<'_> {
    type Target = App;
    fn deref(&self) -> &App {
        self.app
    }
}

impl DerefMut for EventCtx<'_> {
    fn deref_mut(&mut self) -> &mut App {
        self.app
    }
}

impl<'a> EventCtx<'a> {
    /// The element whose handler is running (an ancestor of the focused one while bubbling).
    pub fn target(&self) -> Entity {
        self.target
    }

    /// The app, for calls that want `&mut App` by name (`EventCtx` derefs to it as well).
    pub fn app(&mut self) -> &mut App {
        self.app
    }

    /// The `/`-separated path of names to `e`.
    pub fn path(&self, e: Entity) -> String {
        tree::path(self.app.world(), e)
    }

    // The App calls handlers make most, repeated here so that `ctx.despawn(ctx.target())`
    // borrows cleanly (a call through `DerefMut` borrows the context before its arguments).
    // They return nothing, so `|ctx| ctx.pop_screen()` is a handler; `ctx.app().pop_screen()`
    // has the App's result.

    /// [`App::set_text`].
    pub fn set_text(&mut self, e: Entity, text: impl Into<String>) {
        self.app.set_text(e, text);
    }

    /// [`App::update_visual`].
    pub fn update_visual(&mut self, e: Entity, f: impl FnOnce(&mut Visual)) {
        self.app.update_visual(e, f);
    }

    /// [`App::mount`].
    pub fn mount(&mut self, parent: Entity, el: impl Into<El>) {
        self.app.mount(parent, el);
    }

    /// [`App::despawn`] (the element whose handler is running may despawn itself).
    pub fn despawn(&mut self, e: Entity) {
        self.app.despawn(e);
    }

    /// [`App::set_focus`] (now: its blur and focus handlers run before this returns).
    pub fn set_focus(&mut self, e: Entity) {
        self.app.set_focus(e);
    }

    /// [`App::push_screen`].
    pub fn push_screen(&mut self, el: impl Into<El>) {
        self.app.push_screen(el);
    }

    /// [`App::pop_screen`].
    pub fn pop_screen(&mut self) {
        self.app.pop_screen();
    }

    /// Runs `f` with the whole app once this handler has returned, under the same panic
    /// boundary. Nothing needs this to set a signal or change the tree (the context is the
    /// app); it is for work that must see this handler back in place, such as simulating a
    /// key press on the element whose handler is running ([`App::press`]), which would
    /// otherwise find that handler missing.
    pub fn defer(&mut self, f: impl FnOnce(&mut App) + 'static) {
        self.deferred.push(Box::new(f));
    }
}

/// Which handler to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Which {
    Key(KeyEvent),
    Select,
    Focus,
    Blur,
}

/// Calls one handler of `e`, if it has it, catching panics; then runs what it deferred.
/// Returns `None` when `e` has no such handler.
pub(crate) fn invoke(app: &mut App, e: Entity, which: Which) -> Option<Handled> {
    if !app.world.contains(e) {
        return None;
    }
    let h = app.focus.handlers.get_mut(&e)?;
    // Only the closure being called leaves the map: the element's other handlers (its
    // on_blur, when this handler moves focus away) stay callable meanwhile.
    let mut taken = match which {
        Which::Key(_) => Taken::Key(h.on_key.take()?),
        Which::Select => Taken::Event(h.on_select.take()?),
        Which::Focus => Taken::Event(h.on_focus.take()?),
        Which::Blur => Taken::Event(h.on_blur.take()?),
    };
    let mut ctx = EventCtx { app, target: e, deferred: Vec::new() };
    let result = catch_unwind(AssertUnwindSafe(|| match (&mut taken, which) {
        (Taken::Key(f), Which::Key(ev)) => f(&mut ctx, &ev),
        (Taken::Event(f), _) => {
            f(&mut ctx);
            Handled::Yes
        }
        (Taken::Key(_), _) => Handled::No,
    }));
    let deferred = std::mem::take(&mut ctx.deferred);
    // The handler may have despawned its own element (and so its handlers): then the closure
    // is dropped (behind a panic boundary: it is user code) instead of being put back.
    if !app.world.contains(e) {
        let path = tree::path(&app.world, e);
        crate::failure::drop_guarded(app, taken, &format!("a handler of `{path}`"));
    } else {
        let h = app.focus.handlers.entry(e).or_default();
        match taken {
            Taken::Key(f) => {
                h.on_key.get_or_insert(f);
            }
            Taken::Event(f) => {
                let slot = match which {
                    Which::Select => &mut h.on_select,
                    Which::Focus => &mut h.on_focus,
                    _ => &mut h.on_blur,
                };
                slot.get_or_insert(f);
            }
        }
    }
    match result {
        Ok(handled) => {
            app.run_deferred(deferred, e);
            Some(handled)
        }
        Err(payload) => {
            let path = tree::path(&app.world, e);
            let what = match which {
                Which::Key(ev) => format!("key handler ({} {:?})", ev.key, ev.phase),
                Which::Select => "select handler".to_owned(),
                Which::Focus => "focus handler".to_owned(),
                Which::Blur => "blur handler".to_owned(),
            };
            let mut msg = format!("{what} panicked: {}", panic_message(payload.as_ref()));
            let panics = match app.focus.handlers.get_mut(&e) {
                Some(h) => {
                    h.panics += 1;
                    h.panics
                }
                None => 0,
            };
            if panics >= MAX_PANICS {
                msg.push_str(&format!("; handlers disabled after {MAX_PANICS} panics"));
                app.report_on(e, ErrorKind::Panic, msg.clone());
                app.mark_failed(e, format!("`{path}`: {msg}"));
                if let Some(h) = app.focus.handlers.remove(&e) {
                    crate::failure::drop_guarded(app, h, &format!("the handlers of `{path}`"));
                }
            } else {
                app.report_on(e, ErrorKind::Panic, msg);
            }
            // What a panicking handler deferred is dropped: it may be inconsistent. (What it
            // already changed stays changed, as with any code that panics halfway.)
            crate::failure::drop_guarded(app, deferred, &format!("what a handler of `{path}` deferred"));
            Some(Handled::Yes)
        }
    }
}

/// The closure taken out of an element's [`Handlers`] while it runs.
enum Taken {
    Key(KeyHandler),
    Event(EventHandler),
}

/// Dispatches one key event: handlers from the focused element up, then the defaults.
pub(crate) fn dispatch_key(app: &mut App, ev: KeyEvent) {
    let start = app.focus.focused.filter(|e| app.world.contains(*e)).unwrap_or_else(|| app.screen_root());
    let mut chain = vec![start];
    chain.extend(tree::ancestors(&app.world, start));
    for e in chain {
        if invoke(app, e, Which::Key(ev)) == Some(Handled::Yes) {
            return;
        }
        if ev.key == RemoteKey::Select && ev.phase == KeyPhase::Press && invoke(app, e, Which::Select).is_some() {
            return;
        }
    }
    if !ev.is_activation() {
        return;
    }
    if let Some(dir) = NavDirection::from_key(ev.key) {
        app.navigate(dir);
        return;
    }
    if ev.key == RemoteKey::Back && ev.phase == KeyPhase::Press && app.pop_screen() {
        return;
    }
    if ev.phase == KeyPhase::Press {
        app.focus.unhandled.push(ev);
    }
}

/// Forgets the handlers of despawned elements.
/// Removes the handlers of despawned elements and returns them: they are user closures, so
/// the caller drops them behind a panic boundary.
pub(crate) fn forget(handlers: &mut HashMap<Entity, Handlers>, despawned: &[Entity]) -> Vec<Handlers> {
    despawned.iter().filter_map(|e| handlers.remove(e)).collect()
}
