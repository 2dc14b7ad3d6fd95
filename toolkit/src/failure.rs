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
/// shows the error placeholder and the cut is reported. Sized by measurement: taffy's flexbox
/// takes about 9.5 KiB of stack per level in a debug build, so 128 levels fit a 2 MiB thread
/// (a test thread, a small device stack) with room to spare; 256 overflowed it.
pub const MAX_TREE_DEPTH: usize = 128;

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

/// Drops `value` (a user closure, a captured value, a component) under `catch_unwind`: a
/// panicking `Drop` is reported in `Frame::errors` as a panic in dropping `what`, never
/// unwound into the frame. Every place the toolkit throws away user code goes through here
/// (handlers of despawned elements, disposed effects and signals, replaced host handlers).
pub(crate) fn drop_guarded<T>(app: &mut App, value: T, what: &str) {
    if let Err(payload) = catch_unwind(AssertUnwindSafe(move || drop(value))) {
        let msg = format!("dropping {what} panicked: {}", panic_message(payload.as_ref()));
        app.report(FrameError::new(ErrorKind::Panic, msg));
    }
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
        assert!(f.errors.iter().any(|m| m.contains(&format!("deeper than {MAX_TREE_DEPTH} levels"))), "{:?}", f.errors);
        assert!(f.display_list.is_some_and(|l| l.validate().is_ok()));
        assert!((app.world().len() as usize) < MAX_TREE_DEPTH + 10, "{} entities", app.world().len());
        assert_eq!(app.failed_elements().len(), 1);
    }
    /// A value whose `Drop` panics, captured by user closures in the tests below.
    struct Bomb(&'static str);

    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("{} dropped", self.0);
        }
    }

    fn all_errors(app: &mut App, frames: usize) -> Vec<String> {
        (0..frames).flat_map(|_| frame(app).errors).map(|e| e.to_string()).collect()
    }

    #[test]
    fn a_handler_whose_captured_value_panics_on_drop_is_reported_when_back_pops_its_screen() {
        let mut app = App::headless();
        app.set_root(row_of_buttons(1));
        frame(&mut app);
        let bomb = Bomb("the details screen's state");
        app.push_screen(El::new().name("details").size(100.0, 60.0).focusable().on_select(move |_| {
            let _ = &bomb;
        }));
        frame(&mut app);
        let errors: Vec<String> = app.press(RemoteKey::Back).errors.iter().map(ToString::to_string).collect();
        assert_eq!(app.pushed_screens(), 0);
        assert!(
            errors.iter().any(|e| e
                .contains("dropping the handlers of a despawned element panicked: the details screen's state dropped")),
            "{errors:?}"
        );
        assert_eq!(app.focus_path().as_deref(), Some("root/row/b0"), "the screen below is back");
    }

    #[test]
    fn an_effect_whose_captured_value_panics_on_drop_is_reported_when_disabled() {
        let mut app = App::headless();
        let owner = app.mount(app.root(), El::new().name("card").size(10.0, 10.0));
        let s = app.signal(0);
        let bomb = Bomb("the effect's capture");
        app.effect(owner, move |app| {
            let _ = &bomb;
            if s.get(app) > 0 {
                panic!("effect fails");
            }
        });
        frame(&mut app);
        let mut errors = Vec::new();
        for i in 1..=4 {
            s.set(&mut app, i);
            errors.extend(all_errors(&mut app, 1));
        }
        assert!(errors.iter().any(|e| e.contains("disabled after 3")), "{errors:?}");
        assert!(
            errors.iter().any(|e| e.contains("dropping a disabled effect panicked: the effect's capture dropped")),
            "{errors:?}"
        );
        assert_eq!(app.failed_elements(), vec![owner]);
    }

    #[test]
    fn a_component_whose_drop_panics_is_reported_when_its_element_is_despawned() {
        let mut app = App::headless();
        let e = app.mount(app.root(), El::new().name("x").with(Bomb("a user component")));
        frame(&mut app);
        app.despawn(e);
        let errors = all_errors(&mut app, 1);
        assert!(errors.iter().any(|m| m.contains("a user component dropped")), "{errors:?}");
        assert!(!app.world().contains(e));
        assert_eq!(app.world().len(), 1, "only the root is left");
    }

    struct HostileHost {
        poll_panics: bool,
        receive_panics: bool,
    }

    impl crate::tasks::Host for HostileHost {
        fn receive(&mut self, _: Duration, _: crate::tasks::Envelope) {
            if self.receive_panics {
                panic!("host receive fails");
            }
        }
        fn poll(&mut self, _: Duration) -> Vec<crate::tasks::Envelope> {
            if self.poll_panics {
                panic!("host poll fails");
            }
            Vec::new()
        }
        fn next_deadline(&self) -> Option<Duration> {
            panic!("host deadline fails")
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Ping;

    impl crate::tasks::Message for Ping {
        const TOPIC: &'static str = "test.ping";
    }

    #[test]
    fn a_panicking_host_is_reported_and_removed_after_three_frames() {
        let mut app = App::headless();
        app.set_host(HostileHost { poll_panics: true, receive_panics: true });
        app.send(Ping);
        let first = all_errors(&mut app, 1);
        assert!(
            first.iter().any(|e| e.contains("host panicked receiving message `test.ping`: host receive fails")),
            "{first:?}"
        );
        assert!(first.iter().any(|e| e.contains("host panicked in poll: host poll fails")), "{first:?}");
        assert_eq!(app.next_wakeup(), None, "a panicking next_deadline names no time");
        let later = all_errors(&mut app, 3);
        assert!(later.iter().any(|e| e.contains("host removed after 3 frames")), "{later:?}");
        assert!(all_errors(&mut app, 2).is_empty(), "the removed host is not called again");
    }

    /// The frame (1-based) in which the host is reported removed, if within `frames`; `send`
    /// queues one envelope before each frame.
    fn frame_of_removal(app: &mut App, frames: usize, send: bool) -> Option<usize> {
        (1..=frames).find(|_| {
            if send {
                app.send(Ping);
            }
            all_errors(app, 1).iter().any(|e| e.contains("host removed after 3 frames"))
        })
    }

    #[test]
    fn a_host_whose_receive_always_panics_is_removed_in_the_third_frame() {
        // The tasks phase talks to the host twice a frame; the second call has nothing to send
        // and must not end the streak the first one started.
        let mut app = App::headless();
        app.set_host(HostileHost { poll_panics: false, receive_panics: true });
        assert_eq!(frame_of_removal(&mut app, 5, true), Some(3));
    }

    #[test]
    fn a_host_whose_poll_always_panics_is_removed_in_the_third_frame_not_the_second() {
        // Two panicking calls in one frame are one frame with a panic.
        let mut app = App::headless();
        app.set_host(HostileHost { poll_panics: true, receive_panics: false });
        assert_eq!(frame_of_removal(&mut app, 5, false), Some(3));
    }

    #[test]
    fn a_host_that_recovers_is_kept() {
        let mut app = App::headless();
        app.set_host(HostileHost { poll_panics: false, receive_panics: true });
        for _ in 0..5 {
            app.send(Ping);
            app.send(Ping);
            let errors = all_errors(&mut app, 1);
            assert_eq!(errors.len(), 2, "{errors:?}");
            // A frame with no envelope to send makes no host call panic: the streak ends.
            assert!(all_errors(&mut app, 1).is_empty());
        }
    }

    #[test]
    fn single_element_mounts_past_the_depth_limit_are_refused() {
        let mut app = App::headless();
        let mut parent = app.root();
        let mut errors = Vec::new();
        for i in 0..4_000 {
            parent = app.mount(parent, El::new().name(format!("n{i}")).size(10.0, 10.0));
            if i % 100 == 0 {
                errors.extend(all_errors(&mut app, 1));
            }
        }
        errors.extend(all_errors(&mut app, 1));
        assert!(app.world().len() as usize <= MAX_TREE_DEPTH + 1, "{} entities", app.world().len());
        assert!(
            errors.iter().any(|m| m.contains(&format!("deeper than {MAX_TREE_DEPTH} levels: 1 elements not mounted"))),
            "{errors:?}"
        );
        assert!(errors.iter().any(|m| m.contains("mount under an element that does not exist")), "{errors:?}");
        assert_eq!(app.failed_elements().len(), 1, "the element at the limit shows the placeholder");
        assert!(app.display_list().validate().is_ok());
    }

    #[test]
    fn a_deep_screen_stack_records_only_what_each_push_hid() {
        let mut app = App::headless();
        app.set_root(row_of_buttons(1));
        for i in 0..2_000 {
            app.push_screen(El::new().name(format!("s{i}")).size(10.0, 10.0).focusable());
        }
        frame(&mut app);
        let recorded: usize = app.screens.iter().map(|s| s.covered_len()).sum();
        assert_eq!(recorded, 2_000, "one hidden screen per push, not every screen below");
        for _ in 0..2_000 {
            assert!(app.pop_screen());
        }
        frame(&mut app);
        assert_eq!(app.focus_path().as_deref(), Some("root/row/b0"));
    }

    type Jobs = Rc<std::cell::RefCell<Vec<Box<dyn FnOnce() + Send>>>>;

    struct LaterPool(Jobs);

    impl crate::tasks::Offload for LaterPool {
        fn run(&self, job: Box<dyn FnOnce() + Send + 'static>) {
            self.0.borrow_mut().push(job);
        }
    }

    #[test]
    fn a_blocking_job_that_panics_on_the_pool_fails_its_task() {
        let mut app = App::headless();
        let jobs = Rc::new(std::cell::RefCell::new(Vec::new()));
        app.set_offload(LaterPool(jobs.clone()));
        let owner = app.mount(app.root(), El::new().name("slot").size(10.0, 10.0));
        app.spawn_owned_with(owner, |cx| async move {
            let () = cx.blocking(|| panic!("parse failed")).await;
        });
        frame(&mut app);
        let queued: Vec<_> = jobs.borrow_mut().drain(..).collect();
        assert_eq!(queued.len(), 1);
        // The pool runs the job on its own thread.
        for job in queued {
            let worker = std::thread::spawn(job);
            assert!(worker.join().is_ok(), "the job's panic stays inside the job");
        }
        let errors = all_errors(&mut app, 1);
        assert!(
            errors.iter().any(|e| e.contains("blocking job panicked on the offload pool: parse failed")),
            "{errors:?}"
        );
        assert_eq!(app.failed_elements(), vec![owner]);
        assert_eq!(app.task_count(), 0);
    }
}
