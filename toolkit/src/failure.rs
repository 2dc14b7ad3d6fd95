//! Panic boundaries that belong to no single phase, and the one error placeholder they all use.
//!
//! Owns: [`ErrorMark`] (the component that makes paint draw an element as a small neutral error
//! placeholder instead of itself and its subtree), custom systems ([`App::add_system`]: user
//! code run in a phase, under `catch_unwind`, switched off after [`MAX_SYSTEM_PANICS`]), checked
//! screen loading ([`App::mount_checked`], [`App::set_root_checked`], [`App::push_screen_checked`]:
//! a panicking builder mounts a placeholder instead) and the tree depth limit
//! ([`MAX_TREE_DEPTH`]).
//!
//! Every boundary ends the same way: the panic message goes to `Frame::errors` naming the
//! element or system, and, when the failing code is tied to an element and will not run again
//! (a task that panicked, a hook that ran once, handlers or an effect switched off), that
//! element is marked with [`ErrorMark`] through [`App::mark_failed`]. Marked elements keep their
//! layout box; focusable elements inside them are disabled so navigation skips what cannot be
//! seen, and the marked element itself stays focusable if it was, so focus never strands.
//! Must not touch: the phases' own bookkeeping (each phase catches its own callbacks and calls in
//! here only to report and mark).

use std::panic::{catch_unwind, AssertUnwindSafe};

use hecs::Entity;

use crate::app::{App, Phase};
use crate::element::El;
use crate::errors::{panic_message, ErrorKind, FrameError};
use crate::focus::Focusable;
use crate::tree;

/// Consecutive panics after which a custom system is switched off.
pub const MAX_SYSTEM_PANICS: u32 = 3;

/// The deepest element tree [`App::mount`] builds. Layout (taffy), paint and the focus search
/// walk the tree recursively, so depth is bounded to keep them far from the stack's end. A TV
/// screen is rarely 30 levels deep; deeper subtrees are cut at this level, the element there
/// shows the error placeholder and the cut is reported.
pub const MAX_TREE_DEPTH: usize = 256;

/// Marks an element whose code failed: paint draws a neutral error placeholder in its box
/// instead of the element and its subtree. Added by [`App::mark_failed`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorMark {
    /// What failed (the first report for this element).
    pub message: String,
}

type SystemFn = Box<dyn FnMut(&mut App)>;

struct System {
    phase: Phase,
    name: String,
    run: SystemFn,
    panics: u32,
    disabled: bool,
}

/// The custom systems of an app, in registration order.
#[derive(Default)]
pub(crate) struct Systems {
    list: Vec<System>,
    /// Set while systems run (they are taken out of the list), so a system may add another.
    running: bool,
}

/// How much an app holds, for leak checks in soak tests and for tools: every count must stay
/// bounded over a long session (see `tests/soak.rs`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppCounts {
    pub entities: usize,
    pub layout_nodes: usize,
    pub tasks: usize,
    pub timers: usize,
    /// Elements with key, select, focus or blur handlers.
    pub handlers: usize,
    pub animation_callbacks: usize,
    pub signals: usize,
    pub memos: usize,
    pub effects: usize,
    pub systems: usize,
    pub pushed_screens: usize,
    /// Registered image sources (an id per distinct path ever drawn).
    pub image_sources: usize,
    /// Shaped strings cached by the font library.
    pub shaped_texts: usize,
}

/// Runs the custom systems registered for `phase`, each under `catch_unwind`.
pub(crate) fn run_systems(app: &mut App, phase: Phase) {
    if app.systems.list.is_empty() || app.systems.running {
        return;
    }
    app.systems.running = true;
    let mut list = std::mem::take(&mut app.systems.list);
    for s in list.iter_mut().filter(|s| s.phase == phase && !s.disabled) {
        match catch_unwind(AssertUnwindSafe(|| (s.run)(app))) {
            Ok(()) => s.panics = 0,
            Err(payload) => {
                s.panics += 1;
                let mut msg = format!("system `{}` ({phase:?}) panicked: {}", s.name, panic_message(payload.as_ref()));
                if s.panics >= MAX_SYSTEM_PANICS {
                    s.disabled = true;
                    msg.push_str(&format!("; disabled after {MAX_SYSTEM_PANICS} panics in a row"));
                }
                app.report(FrameError::new(ErrorKind::Panic, msg));
            }
        }
    }
    // Systems added while these ran go after them.
    list.append(&mut app.systems.list);
    app.systems.list = list;
    app.systems.running = false;
}

/// A box filling its parent that paints as the error placeholder.
fn placeholder(message: String) -> El {
    El::new().name("error").width(crate::style::pct(100.0)).height(crate::style::pct(100.0)).with(ErrorMark { message })
}

impl App {
    /// Registers `f` to run every frame in `phase`, after the phase's own work (for
    /// [`Phase::Paint`], just before painting, so its changes are in the frame). Systems run in
    /// registration order. A panic is caught and reported in `Frame::errors` naming the system;
    /// after [`MAX_SYSTEM_PANICS`] panics in a row the system is switched off. Cost: one call
    /// per frame; a system that changes nothing should return early.
    pub fn add_system(&mut self, phase: Phase, name: impl Into<String>, f: impl FnMut(&mut App) + 'static) {
        self.systems.list.push(System { phase, name: name.into(), run: Box::new(f), panics: 0, disabled: false });
    }

    /// What the app holds now (entities, tasks, timers, handlers, reactive nodes, caches).
    /// Cost: a few map lengths.
    pub fn counts(&self) -> AppCounts {
        let r = self.reactive_stats();
        AppCounts {
            entities: self.world.len() as usize,
            layout_nodes: self.layout_engine().node_count(),
            tasks: self.task_count(),
            timers: self.timer_count(),
            handlers: self.focus.handlers.len(),
            animation_callbacks: self.anim.callback_count(),
            signals: r.signals,
            memos: r.memos,
            effects: r.effects,
            systems: self.systems.list.len(),
            pushed_screens: self.pushed_screens(),
            image_sources: self.resources().images.len(),
            shaped_texts: self.resources().fonts.shape_cache_len(),
        }
    }

    /// Whether the system `name` exists and still runs (false once switched off by panics).
    pub fn system_enabled(&self, name: &str) -> Option<bool> {
        self.systems.list.iter().find(|s| s.name == name).map(|s| !s.disabled)
    }

    /// Shows `e` as the error placeholder from now on (see [`ErrorMark`]) and disables the
    /// focusable elements inside it (focus on one of them moves to `e` or a neighbour). The
    /// first message is kept. Does nothing for the root or a despawned entity. Does not report:
    /// the caller has reported what failed.
    pub fn mark_failed(&mut self, e: Entity, message: impl Into<String>) {
        if e == self.root || !self.world.contains(e) || self.world.get::<&ErrorMark>(e).is_ok() {
            return;
        }
        let _ = self.world.insert_one(e, ErrorMark { message: message.into() });
        let inside: Vec<Entity> = tree::subtree(&self.world, e)
            .into_iter()
            .skip(1)
            .filter(|d| self.world.get::<&Focusable>(*d).is_ok())
            .collect();
        let focused_inside = self.focused().is_some_and(|f| inside.contains(&f));
        for d in inside {
            self.set_disabled(d, true);
        }
        if focused_inside {
            let _ = self.set_focus(e);
        }
        self.request_paint();
    }

    /// The elements showing the error placeholder, in tree order.
    pub fn failed_elements(&self) -> Vec<Entity> {
        tree::subtree(&self.world, self.root).into_iter().filter(|e| self.world.get::<&ErrorMark>(*e).is_ok()).collect()
    }

    /// Mounts what `build` returns under `parent`. If `build` panics, the panic is reported in
    /// `Frame::errors` and an error placeholder filling `parent` is mounted instead (named
    /// `error`); the rest of the app goes on. Use it to load screens from code or data that may
    /// be wrong.
    pub fn mount_checked(&mut self, parent: Entity, build: impl FnOnce() -> El) -> Entity {
        let el = self.build_checked(build);
        self.mount(parent, el)
    }

    /// [`App::set_root`] with a checked builder (see [`App::mount_checked`]).
    pub fn set_root_checked(&mut self, build: impl FnOnce() -> El) -> Entity {
        let el = self.build_checked(build);
        self.set_root(el)
    }

    /// [`App::push_screen`] with a checked builder: a screen whose builder panics is pushed as
    /// the error placeholder, so Back still returns to the screen below.
    pub fn push_screen_checked(&mut self, build: impl FnOnce() -> El) -> Entity {
        let el = self.build_checked(build);
        self.push_screen(el)
    }

    fn build_checked(&mut self, build: impl FnOnce() -> El) -> El {
        match catch_unwind(AssertUnwindSafe(build)) {
            Ok(el) => el,
            Err(payload) => {
                let msg = format!("loading a screen panicked: {}", panic_message(payload.as_ref()));
                self.report(FrameError::new(ErrorKind::Panic, msg.clone()));
                placeholder(msg)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::panic, reason = "the tests panic inside callbacks on purpose")]

    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    use super::*;
    use crate::input::RemoteKey;

    fn frame(app: &mut App) -> crate::app::Frame<'_> {
        let t = app.now() + Duration::from_millis(16);
        app.frame(t, &[])
    }

    fn row_of_buttons(n: usize) -> El {
        El::new()
            .name("row")
            .direction(crate::style::Direction::Row)
            .children((0..n).map(|i| El::new().name(format!("b{i}")).size(100.0, 60.0).focusable().on_select(|_| {})))
    }

    #[test]
    fn a_system_runs_in_its_phase_and_is_switched_off_after_repeated_panics() {
        let mut app = App::headless();
        let runs = Rc::new(Cell::new(0));
        let r = runs.clone();
        app.add_system(Phase::Tasks, "counter", move |_| r.set(r.get() + 1));
        let n = Rc::new(Cell::new(0));
        let n2 = n.clone();
        app.add_system(Phase::Layout, "flaky", move |_| {
            n2.set(n2.get() + 1);
            panic!("flaky system {}", n2.get());
        });
        let mut errors = Vec::new();
        for _ in 0..5 {
            errors.extend(frame(&mut app).errors);
        }
        assert_eq!(runs.get(), 5);
        assert_eq!(n.get(), MAX_SYSTEM_PANICS as i32, "switched off after {MAX_SYSTEM_PANICS} panics");
        assert_eq!(app.system_enabled("flaky"), Some(false));
        assert_eq!(app.system_enabled("counter"), Some(true));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("system `flaky` (Layout) panicked: flaky system 1"), "{errors:?}");
        assert!(errors[2].contains("disabled after 3"), "{errors:?}");
    }

    #[test]
    fn a_paint_system_change_is_in_the_same_frame() {
        let mut app = App::headless();
        let e = app.mount(app.root(), El::new().name("box").size(10.0, 10.0));
        frame(&mut app);
        app.add_system(Phase::Paint, "grow", move |app| app.update_style(e, |s| s.width = crate::style::px(50.0)));
        let f = frame(&mut app);
        assert!(f.display_list.is_some());
        assert_eq!(app.rect(e).map(|r| r.width), Some(50.0));
    }

    #[test]
    fn a_panicking_screen_builder_mounts_a_placeholder() {
        let mut app = App::headless();
        let e = app.set_root_checked(|| panic!("catalog screen: bad row"));
        let f = frame(&mut app);
        assert!(f.errors.iter().any(|m| m.contains("loading a screen panicked: catalog screen: bad row")), "{f:?}");
        let list = f.display_list.cloned().unwrap_or_default();
        assert_eq!(app.failed_elements(), vec![e]);
        assert_eq!(app.rect(e).map(|r| (r.width, r.height)), Some((1920.0, 1080.0)));
        assert!(list.validate().is_ok());
        assert!(
            list.commands.iter().any(|c| matches!(c, tenfoot_renderer::Command::GlyphRun(_))),
            "the placeholder has text"
        );
        // A good screen pushed on top, then a broken one: Back returns to the good one.
        app.set_root(row_of_buttons(2));
        frame(&mut app);
        app.push_screen_checked(|| panic!("details"));
        frame(&mut app);
        assert!(app.focused().is_none());
        app.press(RemoteKey::Back);
        assert_eq!(app.focus_path().as_deref(), Some("root/row/b0"));
    }

    #[test]
    fn marking_an_element_failed_keeps_focus_on_something_visible() {
        let mut app = App::headless();
        app.set_root(
            El::new()
                .name("screen")
                .direction(crate::style::Direction::Row)
                .child(El::new().name("card").child(row_of_buttons(2)))
                .child(El::new().name("other").size(100.0, 60.0).focusable()),
        );
        frame(&mut app);
        assert_eq!(app.focus_path().as_deref(), Some("root/screen/card/row/b0"));
        let card = app.find("card").unwrap_or(app.root());
        app.mark_failed(card, "test");
        frame(&mut app);
        // `card` is not focusable: focus leaves the hidden buttons for a neighbour.
        assert_eq!(app.focus_path().as_deref(), Some("root/screen/other"));
        app.press(RemoteKey::Left);
        assert_eq!(app.focus_path().as_deref(), Some("root/screen/other"), "the buttons inside are skipped");
    }

    #[test]
    fn the_placeholder_replaces_the_subtree_and_shows_focus() {
        use tenfoot_renderer::Command;
        let mut app = App::headless();
        app.set_root(row_of_buttons(2));
        frame(&mut app);
        let (b0, b1) = (app.find("b0").unwrap_or(app.root()), app.find("b1").unwrap_or(app.root()));
        app.mount(b1, El::new().size(10.0, 10.0).background(tenfoot_renderer::Color::rgb(1, 2, 3)));
        app.mark_failed(b0, "test");
        app.mark_failed(b1, "test");
        let list = frame(&mut app).display_list.cloned().unwrap_or_default();
        let borders: Vec<f32> = list
            .commands
            .iter()
            .filter_map(|c| match c {
                Command::Border { width, .. } => Some(*width),
                _ => None,
            })
            .collect();
        assert_eq!(borders, vec![4.0, 2.0], "focused b0 gets the light outline, b1 the red one");
        let child_drawn = list
            .commands
            .iter()
            .any(|c| matches!(c, Command::FillRect { color, .. } if *color == tenfoot_renderer::Color::rgb(1, 2, 3)));
        assert!(!child_drawn, "the subtree is not painted");
        assert_eq!(app.focused(), Some(b0), "a focusable placeholder keeps focus");
        app.press(RemoteKey::Right);
        assert_eq!(app.focused(), Some(b1), "and focus moves between placeholders");
    }

    #[test]
    fn a_tree_deeper_than_the_limit_is_cut_and_reported() {
        let mut app = App::headless();
        let mut el = El::new().name("leaf").size(10.0, 10.0).focusable();
        for i in 0..10_000 {
            el = El::new().name(format!("n{i}")).child(el);
        }
        app.set_root(el);
        let f = frame(&mut app);
        assert!(f.errors.iter().any(|m| m.contains("deeper than 256 levels")), "{:?}", f.errors);
        assert!(f.display_list.is_some_and(|l| l.validate().is_ok()));
        assert!(app.world().len() < 300, "{} entities", app.world().len());
        assert_eq!(app.failed_elements().len(), 1);
    }
}
