//! Chaos: every kind of user code on a screen panics now and then (key, select, focus and blur
//! handlers, effects, tasks, animation completion callbacks, a custom system, a deferred
//! loader, a mount hook, a screen builder), decided by a seeded generator, while 1,000 frames of
//! random remote navigation run on virtual time. No panic may escape; every frame's display list
//! must be valid; focus must stay on an existing, enabled focusable; the panics must be reported;
//! callbacks that keep panicking must be switched off and their elements show the placeholder.

#![expect(clippy::panic, reason = "panicking inside callbacks is the point of this test")]

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tenfoot::cpu::CpuBackend;
use tenfoot::renderer::{Backend, PhysicalSize, Scale};
use tenfoot::toolkit::tasks::OnMount;
use tenfoot::toolkit::{
    AnimProp, App, Disabled, El, Entity, Focusable, Handled, KeyEvent, Phase, RemoteKey, Tween, LOGICAL_SIZE,
};
use tenfoot::widgets::deferred;

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `percent`%.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Decides which callbacks panic. Shared by every closure on the screen.
struct Chaos {
    rng: RefCell<Rng>,
    frame: Cell<u32>,
}

impl Chaos {
    fn maybe_panic(&self, what: &str, percent: u64) {
        if self.rng.borrow_mut().chance(percent) {
            panic!("chaos: {what} at frame {}", self.frame.get());
        }
    }
}

/// A deferred loader may run on any thread, so it draws from an atomic generator.
static LOADER_SEED: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);

fn loader_fails() -> bool {
    let mut r = Rng(LOADER_SEED.fetch_add(0x9E37_79B9, Ordering::Relaxed) | 1);
    r.chance(50)
}

fn tile(chaos: &Rc<Chaos>, row: usize, col: usize) -> El {
    let name = format!("tile-{row}-{col}");
    let (c1, c2, c3, c4) = (chaos.clone(), chaos.clone(), chaos.clone(), chaos.clone());
    let mut el = El::new()
        .name(name)
        .size(200.0, 120.0)
        .background(tenfoot::renderer::Color::rgb(40, 60, 90))
        .text(format!("{row},{col}"))
        .focusable()
        .on_key(move |_, ev| {
            c1.maybe_panic("key handler", 2);
            Handled::from(ev.key == RemoteKey::PlayPause)
        })
        .on_select(move |ctx| {
            c2.maybe_panic("select handler", 10);
            let me = ctx.target();
            ctx.update_visual(me, |v| v.opacity = 0.9);
        })
        .on_focus(move |_| c3.maybe_panic("focus handler", 3))
        .on_blur(move |_| c4.maybe_panic("blur handler", 3));
    // One tile whose focus handler always panics: switched off after three.
    if (row, col) == (1, 2) {
        el = el.on_focus(|_| panic!("chaos: this focus handler always panics"));
    }
    // Mount hooks run once; one of them panics.
    if (row, col) == (2, 5) {
        el = el.with(OnMount::new(|_, _| panic!("chaos: mount hook")));
    }
    el
}

fn screen(chaos: &Rc<Chaos>) -> El {
    let rows = (0..3).map(|r| {
        El::new()
            .name(format!("row-{r}"))
            .direction(tenfoot::toolkit::Direction::Row)
            .gap(20.0)
            .children((0..6).map(|c| tile(chaos, r, c)))
    });
    let loaders = (0..4).map(|i| {
        deferred(
            |_cx| async move {
                if loader_fails() {
                    panic!("chaos: deferred loader");
                }
                Ok::<_, String>(7)
            },
            || El::new().size(200.0, 80.0),
            move |n: i32| El::new().name(format!("loaded-{i}")).size(200.0, 80.0).text(n.to_string()).focusable(),
        )
        .name(format!("deferred-{i}"))
    });
    El::new()
        .name("home")
        .gap(30.0)
        .padding(40.0)
        .children(rows)
        .child(El::new().name("loaders").direction(tenfoot::toolkit::Direction::Row).gap(20.0).children(loaders))
}

/// Every focusable that is enabled and not hidden on a covered screen or in a failed element.
fn focus_is_sane(app: &App) -> Result<(), String> {
    let Some(f) = app.focused() else { return Ok(()) };
    let world = app.world();
    if !world.contains(f) {
        return Err(format!("focus on a despawned entity {f:?}"));
    }
    if world.get::<&Focusable>(f).is_err() || world.get::<&Disabled>(f).is_ok() {
        return Err(format!("focus on `{}`, which is not an enabled focusable", app.focus_path().unwrap_or_default()));
    }
    Ok(())
}

#[test]
fn chaos_1000_frames_of_navigation_with_panics_everywhere() {
    let chaos = Rc::new(Chaos { rng: RefCell::new(Rng(0x5EED_CAFE_F00D_1234)), frame: Cell::new(0) });
    let mut app = App::headless();
    let built = app.set_root_checked({
        let chaos = chaos.clone();
        move || screen(&chaos)
    });
    assert!(app.world().contains(built));

    // Effects on every tile, re-run by a signal a system writes every frame.
    let tick = app.signal(0u32);
    let tiles: Vec<Entity> = app.focusables();
    for (i, &t) in tiles.iter().enumerate() {
        let c = chaos.clone();
        app.effect(t, move |app| {
            let n = tick.get(app);
            if i % 3 == 0 {
                c.maybe_panic("effect", 4);
            }
            let _ = n;
        });
    }
    // A custom system that panics now and then, and one that always does.
    {
        let c = chaos.clone();
        app.add_system(Phase::Reactive, "ticker", move |app| {
            c.maybe_panic("system", 2);
            let n = tick.get(app);
            tick.set(app, n + 1);
        });
        app.add_system(Phase::Animation, "broken", |_| panic!("chaos: broken system"));
    }
    // Tasks owned by tiles: each ticks on an interval and panics now and then (then is dropped).
    for &t in tiles.iter().step_by(2) {
        let c = chaos.clone();
        app.spawn_owned_with(t, move |cx| async move {
            let mut every = cx.interval(Duration::from_millis(100));
            loop {
                every.tick().await;
                c.maybe_panic("task", 5);
                cx.update(move |app| app.update_visual(t, |v| v.opacity = 1.0));
            }
        });
    }

    let keys = [RemoteKey::Up, RemoteKey::Down, RemoteKey::Left, RemoteKey::Right, RemoteKey::Select];
    let mut rng = Rng(0xD1CE_BA5E_0000_0042);
    let mut errors: Vec<String> = Vec::new();
    let mut lists = 0;
    let mut backend =
        CpuBackend::new(PhysicalSize::new(480, 270), Scale::fit(LOGICAL_SIZE, PhysicalSize::new(480, 270)));
    let mut screen_pushed = false;
    for n in 0..1000u32 {
        chaos.frame.set(n);
        let now = Duration::from_millis(16 * u64::from(n + 1));
        // Animations with completion callbacks that panic now and then.
        if rng.chance(10) {
            let t = tiles[rng.below(tiles.len() as u64) as usize];
            if app.world().contains(t) {
                let h = app.animate(t, AnimProp::Scale, 1.0 + rng.below(10) as f32 / 100.0, Tween::ms(120));
                let c = chaos.clone();
                app.on_done(h, move |_, _| c.maybe_panic("animation callback", 20));
            }
        }
        // Now and then a screen whose builder panics is pushed, and later popped with Back.
        let mut input = Vec::new();
        if !screen_pushed && rng.chance(1) {
            app.push_screen_checked(|| panic!("chaos: details screen"));
            screen_pushed = true;
        } else if screen_pushed && rng.chance(10) {
            input.push(KeyEvent::press(RemoteKey::Back));
            input.push(KeyEvent::release(RemoteKey::Back));
            screen_pushed = false;
        } else {
            let key = keys[rng.below(keys.len() as u64) as usize];
            input.push(KeyEvent::press(key));
            input.push(KeyEvent::release(key));
        }
        let mut frame = app.frame(now, &input);
        if let Some(list) = frame.display_list {
            lists += 1;
            if let Err(e) = list.validate() {
                panic!("frame {n}: invalid display list: {e:?}");
            }
            if n % 200 == 0 {
                backend.draw(list, frame.resources(), None);
            }
        }
        errors.extend(frame.errors.iter().map(ToString::to_string));
        if let Err(e) = focus_is_sane(&app) {
            panic!("frame {n}: {e}");
        }
        if !screen_pushed && app.focused().is_none() {
            panic!("frame {n}: nothing focused on the home screen");
        }
    }
    // The home screen still renders through the CPU backend.
    let (backend, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(480, 270));
    assert!(backend.pixmap().data().iter().any(|b| *b != 0));

    let kinds: BTreeSet<&str> = [
        ("key handler", "key handler"),
        ("select handler", "select handler"),
        ("focus handler", "focus handler"),
        ("blur handler", "blur handler"),
        ("effect #", "effect"),
        ("panicked and was dropped", "task"),
        ("animation completion callback", "animation callback"),
        ("system `ticker`", "system"),
        ("mount hook", "mount hook"),
        ("loading a screen panicked", "screen builder"),
        ("deferred loader", "deferred loader"),
    ]
    .into_iter()
    .filter(|(needle, _)| errors.iter().any(|e| e.contains(needle)))
    .map(|(_, kind)| kind)
    .collect();
    assert_eq!(kinds.len(), 11, "panics reported for {kinds:?} only; errors: {:#?}", &errors[..errors.len().min(40)]);
    assert!(lists > 500, "only {lists} of 1000 frames painted");
    // Repeat offenders are switched off and shown as placeholders.
    assert_eq!(app.system_enabled("broken"), Some(false));
    assert_eq!(errors.iter().filter(|e| e.contains("system `broken`")).count(), 3);
    assert!(errors.iter().any(|e| e.contains("tile-1-2") && e.contains("handlers disabled after 3 panics")));
    let failed: Vec<String> =
        app.failed_elements().into_iter().map(|e| tenfoot::toolkit::tree::path(app.world(), e)).collect();
    assert!(failed.iter().any(|p| p.ends_with("tile-1-2")), "{failed:?}");
    assert!(failed.iter().any(|p| p.ends_with("tile-2-5")), "the mount hook's tile: {failed:?}");
    // Navigation still reaches a healthy tile.
    app.set_focus(tiles[0]);
    let now = app.now();
    app.frame(
        now + Duration::from_millis(16),
        &[KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)],
    );
    assert!(app.focus_path().is_some_and(|p| p.contains("tile-0-")), "{:?}", app.focus_path());
}
