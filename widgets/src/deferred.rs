//! Deferred: a placeholder until a future resolves, then the real subtree; on error, a message
//! and a Retry button.
//!
//! ```ignore
//! deferred(
//!     |cx| async move { cx.request(TitleRequest { id }).await },   // the loader
//!     || skeleton(240.0, 360.0),                                    // while loading
//!     |title| poster_tile(&title),                                  // the content
//! )
//! .name("tile-3")
//! ```
//!
//! The loader runs as a task owned by the deferred element, started when the element is mounted
//! (so despawning it cancels the load). [`skeleton`] boxes shimmer on the frame clock while they
//! are shown. Swapping never moves focus unexpectedly: if focus was inside the old subtree, it
//! lands on the element of the new one with the same name, else on its first focusable element;
//! if focus was elsewhere, it stays there. The Retry button is named `retry`; selecting it calls
//! [`retry`] (which accepts any entity inside the deferred element).

use std::fmt::Display;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use tenfoot_renderer::{Color, Corners, FontWeight, TextAlign};
use tenfoot_toolkit::tasks::{catch_panic, OnMount};
use tenfoot_toolkit::{pct, tree, App, El, Entity, ErrorKind, Gradient, Name, TaskCx, Visual, Widget};

use crate::button::button;
use crate::container::column;
use crate::text::{caption, text};
use crate::theme::{themed, Theme};

/// Where a deferred element is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeferredState {
    /// The loader runs; the placeholder shows.
    Loading,
    /// The content shows.
    Ready,
    /// The error state shows, with this message.
    Failed(String),
}

type Start = dyn Fn(&mut App, Entity) + Send + Sync;

/// The component on a deferred element's root.
pub struct Deferred {
    state: DeferredState,
    attempts: u32,
    start: Arc<Start>,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deferred").field("state", &self.state).field("attempts", &self.attempts).finish()
    }
}

/// Marks a skeleton box: while it is shown, a light band sweeps across it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shimmer;

/// How often a shimmer moves (20 fps is smooth for a soft band and cheap for the CPU backend).
pub const SHIMMER_STEP: Duration = Duration::from_millis(50);
/// One sweep of the shimmer band.
pub const SHIMMER_PERIOD: Duration = Duration::from_millis(1600);

/// A rounded grey box of `width` x `height` that shimmers while shown: build a skeleton shaped
/// like the content from these.
pub fn skeleton(width: f32, height: f32) -> El {
    // In the app's theme (a dark box on a light page read as a hole, not as content coming);
    // the shimmer reads the box's fill each step, so it follows a switch too.
    themed(El::new().size(width, height).with(Shimmer), |t, l| {
        l.visual.background = Some(t.surface_raised);
        l.visual.radii = Corners::all(t.radius.medium);
    })
}

/// A skeleton line standing in for one line of text at `font_size`.
pub fn skeleton_line(width: f32, font_size: f32) -> El {
    skeleton(width, (font_size * 0.8).round()).radius((font_size * 0.25).round())
}

/// The shimmer gradient at frame time `now` over `base`.
pub fn shimmer_gradient(base: Color, now: Duration) -> Gradient {
    let period = SHIMMER_PERIOD.as_millis().max(1);
    let t = (now.as_millis() % period) as f32 / period as f32;
    // The band's centre travels from before the left edge to past the right one.
    let c = -0.3 + 1.6 * t;
    let light = Color::rgba(base.r.saturating_add(14), base.g.saturating_add(15), base.b.saturating_add(18), base.a);
    let stops = [(c - 0.3, base), (c, light), (c + 0.3, base)]
        .into_iter()
        .map(|(o, col)| (o.clamp(0.0, 1.0), col))
        .collect::<Vec<_>>();
    Gradient { angle: 105.0, stops: [vec![(0.0, base)], stops, vec![(1.0, base)]].concat() }
}

/// Moves the shimmer of every skeleton box under `root` to frame time `now`.
fn shimmer(app: &mut App, root: Entity) {
    let now = app.now();
    let boxes: Vec<(Entity, Color)> = tree::subtree(app.world(), root)
        .into_iter()
        .filter(|e| app.world().get::<&Shimmer>(*e).is_ok())
        .filter_map(|e| app.world().get::<&Visual>(e).ok().and_then(|v| v.background).map(|c| (e, c)))
        .collect();
    for (e, base) in boxes {
        let g = shimmer_gradient(base, now);
        app.update_visual(e, |v| v.gradient = Some(g));
    }
}

/// Starts the shimmer of the placeholder `ph`: a task owned by it, so it stops when it goes.
fn start_shimmer(app: &mut App, ph: Entity) {
    let world = app.world();
    if !tree::subtree(world, ph).into_iter().any(|e| world.get::<&Shimmer>(e).is_ok()) {
        return;
    }
    app.spawn_owned_with(ph, move |cx| async move {
        let mut tick = cx.interval(SHIMMER_STEP);
        loop {
            cx.update(move |app| shimmer(app, ph));
            tick.tick().await;
        }
    });
}

/// The error state: a message and a Retry button, filling the deferred element's box.
pub fn error_view(message: &str) -> El {
    let theme = Theme::dark();
    themed(
        column()
            .name("deferred-error")
            .size(pct(100.0), pct(100.0))
            .center()
            .gap(theme.spacing.s)
            .padding(theme.spacing.s),
        |t, l| {
            l.visual.background = Some(t.surface);
            l.visual.radii = Corners::all(t.radius.medium);
            l.visual.border = Some((2.0, Color::rgba(255, 120, 110, 90)));
        },
    )
    .child(text("Couldn\u{2019}t load").weight(FontWeight::SEMIBOLD).name("error-title"))
    .child(caption(message).max_lines(3).text_align(TextAlign::Center).name("error-message"))
    .child(button("Retry").name("retry").on_select(|ctx| {
        let target = ctx.target();
        retry(ctx, target);
    }))
}

/// A deferred element: `placeholder()` until `loader` resolves, then `view(data)`; on `Err` (or
/// a panic in the loader or the view) the [`error_view`]. Size the returned element like the
/// content (`.size(..)`), so nothing moves when the content arrives.
pub fn deferred<T, E, Fut>(
    loader: impl Fn(TaskCx) -> Fut + Send + Sync + 'static,
    placeholder: impl Fn() -> El + Send + Sync + 'static,
    view: impl Fn(T) -> El + Send + Sync + 'static,
) -> El
where
    T: 'static,
    E: Display + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    deferred_with(loader, placeholder, move |_: &mut App, data| view(data))
}

/// [`deferred`] whose view gets the app: for content that creates signals or reads app state
/// while it is built (a page's own selection signal, what the profile watched). The view runs
/// in the tasks phase, before the content is mounted; it must not mount or despawn elements
/// itself (put an `OnMount` hook on the content for work that needs its entities).
pub fn deferred_with<T, E, Fut>(
    loader: impl Fn(TaskCx) -> Fut + Send + Sync + 'static,
    placeholder: impl Fn() -> El + Send + Sync + 'static,
    view: impl Fn(&mut App, T) -> El + Send + Sync + 'static,
) -> El
where
    T: 'static,
    E: Display + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    let loader = Arc::new(loader);
    let view = Arc::new(view);
    let placeholder = Arc::new(placeholder);
    let first = placeholder();
    let start: Arc<Start> = Arc::new(move |app: &mut App, e: Entity| {
        let ph = match tree::children(app.world(), e).first() {
            // First start: the placeholder was mounted with the element.
            Some(c) if matches!(deferred_state(app, e), Some(DeferredState::Loading)) => *c,
            _ => swap(app, e, placeholder(), DeferredState::Loading),
        };
        start_shimmer(app, ph);
        if let Ok(mut d) = app.world_mut().get::<&mut Deferred>(e) {
            d.attempts += 1;
        }
        let (loader, view) = (loader.clone(), view.clone());
        app.spawn_owned_with(e, move |cx| async move {
            let result = catch_panic(loader(cx.clone())).await;
            cx.update(move |app| {
                let (el, st) = match result {
                    Ok(Ok(data)) => match catch_unwind(AssertUnwindSafe(|| view(app, data))) {
                        Ok(el) => (el, DeferredState::Ready),
                        Err(_) => panicked(app, e, "the view panicked while building".to_owned()),
                    },
                    Ok(Err(err)) => failed(&err.to_string()),
                    Err(panic) => panicked(app, e, format!("the loader panicked: {panic}")),
                };
                swap(app, e, el, st);
            });
        });
    });
    El::new()
        .with(Deferred { state: DeferredState::Loading, attempts: 0, start: start.clone() })
        .busy(true)
        .with(OnMount::new(move |app: &mut App, e| start(app, e)))
        .child(first)
}

/// A panic is a bug, not a load failure: it is reported too (the error view offers Retry).
fn panicked(app: &mut App, e: Entity, message: String) -> (El, DeferredState) {
    app.report_on(e, ErrorKind::Panic, format!("deferred: {message}"));
    failed(&message)
}

fn failed(message: &str) -> (El, DeferredState) {
    (error_view(message), DeferredState::Failed(message.to_owned()))
}

/// The state of the deferred element `e`.
pub fn deferred_state(app: &App, e: Entity) -> Option<DeferredState> {
    app.world().get::<&Deferred>(e).ok().map(|d| d.state.clone())
}

/// How many times the deferred element `e` started its loader.
pub fn deferred_attempts(app: &App, e: Entity) -> u32 {
    app.world().get::<&Deferred>(e).map(|d| d.attempts).unwrap_or(0)
}

/// The deferred element `e` is, or is inside of.
pub fn deferred_of(app: &App, e: Entity) -> Option<Entity> {
    let world = app.world();
    std::iter::once(e).chain(tree::ancestors(world, e)).find(|a| world.get::<&Deferred>(*a).is_ok())
}

/// Loads again: shows the placeholder and restarts the loader. `e` is the deferred element or
/// anything inside it (the Retry button). False while it is still loading or if `e` is in no
/// deferred element.
pub fn retry(app: &mut App, e: Entity) -> bool {
    let Some(d) = deferred_of(app, e) else { return false };
    let start = match app.world().get::<&Deferred>(d) {
        Ok(def) if def.state != DeferredState::Loading => def.start.clone(),
        _ => return false,
    };
    start(app, d);
    true
}

/// Where focus should go in the new subtree `new` when it was on an element named `name` in the
/// old one: the same name, else the first focusable element of `new`.
pub fn focus_target(app: &App, new: Entity, name: Option<&str>) -> Option<Entity> {
    let world = app.world();
    let inside = tree::subtree(world, new);
    name.and_then(|n| inside.iter().copied().find(|e| world.get::<&Name>(*e).is_ok_and(|x| x.0 == n)))
        .or_else(|| app.focusables().into_iter().find(|f| inside.contains(f)))
}

/// Replaces the children of `e` with `el`, records `st`, and keeps focus where the user expects.
/// Returns the new child.
fn swap(app: &mut App, e: Entity, el: El, st: DeferredState) -> Entity {
    let old = tree::children(app.world(), e);
    let focused_inside = app.focused().filter(|f| tree::ancestors(app.world(), *f).contains(&e));
    let focus_name = focused_inside.and_then(|f| app.world().get::<&Name>(f).ok().map(|n| n.0.clone()));
    let new = app.mount(e, el);
    for o in old {
        app.despawn(o);
    }
    // A reader says "loading" for the element while its content is not there.
    let busy = st == DeferredState::Loading;
    app.update_semantics(e, |s| s.busy = busy);
    if let Ok(mut d) = app.world_mut().get::<&mut Deferred>(e) {
        d.state = st;
    }
    if focused_inside.is_some() {
        if let Some(t) = focus_target(app, new, focus_name.as_deref()) {
            app.set_focus(t);
        }
    }
    new
}

#[cfg(test)]
#[expect(clippy::panic, reason = "a test loader panics on purpose")]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use tenfoot_toolkit::TextContent;

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    fn run(app: &mut App, from: u64, to: u64) {
        let mut t = from;
        while t < to {
            t = (t + 16).min(to);
            let _ = app.frame(ms(t), &[]);
        }
    }

    /// Loads after 500 ms; the first `fail_first` attempts fail.
    fn tile(fail_first: u32) -> El {
        let calls = Arc::new(AtomicU32::new(0));
        deferred(
            move |cx| {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                async move {
                    cx.sleep(ms(500)).await;
                    if n < fail_first {
                        Err(format!("network unreachable (attempt {})", n + 1))
                    } else {
                        Ok(format!("Loaded after {} tries", n + 1))
                    }
                }
            },
            || skeleton(240.0, 360.0).name("skeleton"),
            |s: String| text(s).name("content"),
        )
        .name("tile")
        .size(240.0, 360.0)
    }

    fn text_of(app: &App, name: &str) -> Option<String> {
        app.find(name).and_then(|e| app.world().get::<&TextContent>(e).ok().map(|t| t.text.clone()))
    }

    #[test]
    fn loading_then_content() {
        let mut app = App::headless();
        app.set_root(tile(0));
        let t = app.find("tile").unwrap();
        app.frame(ms(0), &[]);
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Loading));
        assert!(app.find("skeleton").is_some());
        run(&mut app, 0, 496);
        assert!(app.find("content").is_none());
        run(&mut app, 496, 512);
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Ready));
        assert_eq!(text_of(&app, "content").as_deref(), Some("Loaded after 1 tries"));
        assert!(app.find("skeleton").is_none());
        assert_eq!((app.task_count(), app.timer_count()), (0, 0), "loader and shimmer are gone");
    }

    #[test]
    fn loading_error_retry_content() {
        let mut app = App::headless();
        app.set_root(tile(1));
        let t = app.find("tile").unwrap();
        run(&mut app, 0, 600);
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Failed("network unreachable (attempt 1)".into())));
        assert_eq!(text_of(&app, "error-message").as_deref(), Some("network unreachable (attempt 1)"));
        assert_eq!(app.task_count(), 0);
        let retry_button = app.find("retry").unwrap();
        assert!(retry(&mut app, retry_button));
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Loading));
        assert!(!retry(&mut app, t), "no retry while loading");
        assert!(app.find("skeleton").is_some() && app.find("retry").is_none());
        run(&mut app, 600, 1200);
        assert_eq!(text_of(&app, "content").as_deref(), Some("Loaded after 2 tries"));
        assert_eq!(deferred_attempts(&app, t), 2);
    }

    #[test]
    fn selecting_the_focused_retry_button_loads_again() {
        let mut app = App::headless();
        app.set_root(tile(1));
        let t = app.find("tile").unwrap();
        run(&mut app, 0, 600);
        let retry_button = app.find("retry").unwrap();
        assert_eq!(app.focused(), Some(retry_button), "the only focusable on screen gets focus");
        app.press(tenfoot_toolkit::RemoteKey::Select);
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Loading));
        run(&mut app, 600, 1200);
        assert_eq!(text_of(&app, "content").as_deref(), Some("Loaded after 2 tries"));
    }

    #[test]
    fn despawning_cancels_the_load() {
        let mut app = App::headless();
        app.set_root(column().child(tile(0)));
        run(&mut app, 0, 100);
        assert_eq!(app.task_count(), 2, "the loader and the shimmer");
        let t = app.find("tile").unwrap();
        app.despawn(t);
        assert_eq!((app.task_count(), app.timer_count()), (0, 0));
        run(&mut app, 100, 700);
    }

    #[test]
    fn a_panicking_loader_shows_the_error_state() {
        let mut app = App::headless();
        let el = deferred(
            |_cx| async {
                if true {
                    panic!("parser bug");
                }
                Ok::<u32, String>(1)
            },
            || skeleton(100.0, 100.0),
            |n: u32| text(n.to_string()),
        );
        let t = app.mount(app.root(), el.name("d"));
        let errors = app.frame(ms(0), &[]).errors;
        // Handled by the widget (not a lost task), but a panic is a bug: it is reported once.
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors, vec!["element `root/d`: deferred: the loader panicked: parser bug".to_owned()]);
        assert_eq!(deferred_state(&app, t), Some(DeferredState::Failed("the loader panicked: parser bug".into())));
    }

    #[test]
    fn skeletons_shimmer_with_frame_time() {
        let mut app = App::headless();
        app.set_root(tile(0));
        app.frame(ms(0), &[]);
        let sk = app.find("skeleton").unwrap();
        let at = |app: &App| app.world().get::<&Visual>(sk).ok().and_then(|v| v.gradient.clone());
        let g0 = at(&app).unwrap();
        run(&mut app, 0, 400);
        let g1 = at(&app).unwrap();
        assert_ne!(g0, g1);
        assert_eq!(g1, shimmer_gradient(Theme::dark().surface_raised, ms(400)));
        assert_eq!(app.next_wakeup(), Some(ms(450)), "the next shimmer step is scheduled");
    }

    #[test]
    fn skeletons_follow_the_theme() {
        let mut app = App::headless();
        crate::theme::set_theme(&mut app, Theme::light());
        app.set_root(column().child(skeleton(100.0, 50.0).name("sk")));
        app.frame(ms(0), &[]);
        let sk = app.find("sk").unwrap();
        let bg = app.world().get::<&Visual>(sk).unwrap().background;
        assert_eq!(bg, Some(Theme::light().surface_raised), "a light box on a light page");
    }

    #[test]
    fn focus_lands_on_the_element_of_the_same_name() {
        let mut app = App::headless();
        let root = app.root();
        let new = app.mount(root, column().child(text("a").name("play")).child(text("b").name("more")));
        assert_eq!(focus_target(&app, new, Some("more")), app.find("more"));
        assert_eq!(focus_target(&app, new, Some("gone")), None, "no focusables until the focus branch");
    }
}
