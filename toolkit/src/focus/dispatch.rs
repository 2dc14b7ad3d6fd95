//! Key dispatch: the focused element gets each key first, then its ancestors until one
//! handles it; what nobody handles gets the default behaviour (arrows navigate, Back pops the
//! screen stack).
//!
//! Handlers are user closures kept beside the world (not components, so they may capture
//! non-`Send` state such as `Rc` signals). A handler sees the world read-only through an
//! [`EventCtx`] and changes the app by queueing [`AppCommand`]s, applied as soon as it
//! returns. Every call is wrapped in `catch_unwind`: a panic is reported in `Frame::errors`
//! and, after [`MAX_PANICS`], the element's handlers are switched off and it shows the error
//! placeholder ([`crate::ErrorMark`]); the app goes on.

use std::collections::HashMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use hecs::{Entity, World};

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

/// A change to the app requested by a handler, applied right after the handler returns.
pub enum AppCommand {
    SetText(Entity, String),
    UpdateVisual(Entity, Box<dyn FnOnce(&mut Visual)>),
    Mount(Entity, El),
    Despawn(Entity),
    SetFocus(Entity),
    PushScreen(El),
    PopScreen,
    /// Anything else, with the whole app.
    Run(Box<dyn FnOnce(&mut App)>),
}

impl fmt::Debug for AppCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppCommand::SetText(e, t) => write!(f, "SetText({e:?}, {t:?})"),
            AppCommand::UpdateVisual(e, _) => write!(f, "UpdateVisual({e:?})"),
            AppCommand::Mount(e, el) => write!(f, "Mount({e:?}, {:?})", el.get_name()),
            AppCommand::Despawn(e) => write!(f, "Despawn({e:?})"),
            AppCommand::SetFocus(e) => write!(f, "SetFocus({e:?})"),
            AppCommand::PushScreen(el) => write!(f, "PushScreen({:?})", el.get_name()),
            AppCommand::PopScreen => f.write_str("PopScreen"),
            AppCommand::Run(_) => f.write_str("Run(..)"),
        }
    }
}

/// What a handler gets: read access to the world and a queue of changes.
pub struct EventCtx<'a> {
    world: &'a World,
    root: Entity,
    target: Entity,
    focused: Option<Entity>,
    commands: Vec<AppCommand>,
}

impl fmt::Debug for EventCtx<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventCtx").field("target", &self.target).field("commands", &self.commands).finish()
    }
}

impl<'a> EventCtx<'a> {
    /// The element whose handler is running (an ancestor of the focused one while bubbling).
    pub fn target(&self) -> Entity {
        self.target
    }

    pub fn focused(&self) -> Option<Entity> {
        self.focused
    }

    pub fn world(&self) -> &World {
        self.world
    }

    /// The first element named `name` anywhere in the app.
    pub fn find(&self, name: &str) -> Option<Entity> {
        tree::find_by_name(self.world, self.root, name)
    }

    /// The `/`-separated path of names to `e`.
    pub fn path(&self, e: Entity) -> String {
        tree::path(self.world, e)
    }

    pub fn command(&mut self, c: AppCommand) {
        self.commands.push(c);
    }

    pub fn set_text(&mut self, e: Entity, text: impl Into<String>) {
        self.commands.push(AppCommand::SetText(e, text.into()));
    }

    pub fn update_visual(&mut self, e: Entity, f: impl FnOnce(&mut Visual) + 'static) {
        self.commands.push(AppCommand::UpdateVisual(e, Box::new(f)));
    }

    pub fn mount(&mut self, parent: Entity, el: impl Into<El>) {
        self.commands.push(AppCommand::Mount(parent, el.into()));
    }

    pub fn despawn(&mut self, e: Entity) {
        self.commands.push(AppCommand::Despawn(e));
    }

    pub fn set_focus(&mut self, e: Entity) {
        self.commands.push(AppCommand::SetFocus(e));
    }

    pub fn push_screen(&mut self, el: impl Into<El>) {
        self.commands.push(AppCommand::PushScreen(el.into()));
    }

    pub fn pop_screen(&mut self) {
        self.commands.push(AppCommand::PopScreen);
    }

    /// Runs `f` with the whole app once the handler has returned.
    pub fn defer(&mut self, f: impl FnOnce(&mut App) + 'static) {
        self.commands.push(AppCommand::Run(Box::new(f)));
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

/// Calls one handler of `e`, if it has it, catching panics; applies its commands. Returns
/// `None` when `e` has no such handler.
pub(crate) fn invoke(app: &mut App, e: Entity, which: Which) -> Option<Handled> {
    if !app.world.contains(e) {
        return None;
    }
    let mut h = app.focus.handlers.remove(&e)?;
    let present = match which {
        Which::Key(_) => h.on_key.is_some(),
        Which::Select => h.on_select.is_some(),
        Which::Focus => h.on_focus.is_some(),
        Which::Blur => h.on_blur.is_some(),
    };
    if !present {
        app.focus.handlers.insert(e, h);
        return None;
    }
    let mut ctx =
        EventCtx { world: &app.world, root: app.root, target: e, focused: app.focus.focused, commands: vec![] };
    let result = catch_unwind(AssertUnwindSafe(|| match which {
        Which::Key(ev) => h.on_key.as_mut().map(|f| f(&mut ctx, &ev)).unwrap_or(Handled::No),
        Which::Select => {
            if let Some(f) = h.on_select.as_mut() {
                f(&mut ctx);
            }
            Handled::Yes
        }
        Which::Focus => {
            if let Some(f) = h.on_focus.as_mut() {
                f(&mut ctx);
            }
            Handled::Yes
        }
        Which::Blur => {
            if let Some(f) = h.on_blur.as_mut() {
                f(&mut ctx);
            }
            Handled::Yes
        }
    }));
    let commands = std::mem::take(&mut ctx.commands);
    match result {
        Ok(handled) => {
            app.focus.handlers.insert(e, h);
            app.apply_commands(commands, e);
            Some(handled)
        }
        Err(payload) => {
            h.panics += 1;
            let path = tree::path(&app.world, e);
            let what = match which {
                Which::Key(ev) => format!("key handler ({} {:?})", ev.key, ev.phase),
                Which::Select => "select handler".to_owned(),
                Which::Focus => "focus handler".to_owned(),
                Which::Blur => "blur handler".to_owned(),
            };
            let mut msg = format!("{what} panicked: {}", panic_message(payload.as_ref()));
            if h.panics >= MAX_PANICS {
                msg.push_str(&format!("; handlers disabled after {MAX_PANICS} panics"));
                app.report_on(e, ErrorKind::Panic, msg.clone());
                app.mark_failed(e, format!("`{path}`: {msg}"));
                crate::failure::drop_guarded(app, h, &format!("the handlers of `{path}`"));
            } else {
                app.focus.handlers.insert(e, h);
                app.report_on(e, ErrorKind::Panic, msg);
            }
            // A panicking handler's half-queued commands are dropped: they may be inconsistent.
            Some(Handled::Yes)
        }
    }
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
