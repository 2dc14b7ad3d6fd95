//! The `chaos` app of the bundle: a grid of tiles where every kind of callback panics now and
//! then, so a host can show that the panic boundaries hold on the device (`host.mjs --chaos`).
//!
//! Kinds: key, select, focus and blur handlers, effects, owned tasks, timers awaited by tasks,
//! animation completion callbacks, a custom system, deferred loaders, mount hooks, a screen
//! builder, host message handlers (`chaos.poke`) and host request handlers (`chaos.ask`).
//! Which call panics is decided by a seeded generator, so a run is the same every time.

#![expect(clippy::panic, reason = "panicking inside callbacks is what this app is for")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tenfoot_renderer::{Color, Resources};
use tenfoot_toolkit::tasks::{HostRequest, Message, OnMount};
use tenfoot_toolkit::{AnimProp, App, Direction, El, Entity, Handled, Phase, RemoteKey, Tween};
use tenfoot_widgets::deferred;

/// xorshift64*: small, seeded, the same on every target.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Chaos {
    rng: RefCell<Rng>,
    frame: Cell<u64>,
}

impl Chaos {
    fn maybe_panic(&self, what: &str, percent: u64) {
        if self.rng.borrow_mut().chance(percent) {
            panic!("chaos: {what} at frame {}", self.frame.get());
        }
    }
}

/// Host to app: a poke; its handler panics now and then.
#[derive(Serialize, Deserialize)]
pub struct Poke {}

impl Message for Poke {
    const TOPIC: &'static str = "chaos.poke";
}

/// Host to app: a question answered with the frame count; its handler panics now and then.
#[derive(Deserialize)]
pub struct Ask {}

impl HostRequest for Ask {
    const TOPIC: &'static str = "chaos.ask";
    type Response = u64;
}

/// A deferred loader must be `Send`, so it draws from an atomic generator.
static LOADER_SEED: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);

fn loader_fails() -> bool {
    Rng(LOADER_SEED.fetch_add(0x9E37_79B9, Ordering::Relaxed) | 1).chance(50)
}

fn tile(chaos: &Rc<Chaos>, row: usize, col: usize) -> El {
    let (c1, c2, c3, c4) = (chaos.clone(), chaos.clone(), chaos.clone(), chaos.clone());
    let mut el = El::new()
        .name(format!("tile-{row}-{col}"))
        .size(220.0, 130.0)
        .radius(12.0)
        .background(Color::rgb(40, 60, 90))
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
    if (row, col) == (2, 5) {
        el = el.with(OnMount::new(|_, _| panic!("chaos: mount hook")));
    }
    el
}

fn screen(chaos: &Rc<Chaos>) -> El {
    let rows = (0..3).map(|r| {
        El::new()
            .name(format!("row-{r}"))
            .direction(Direction::Row)
            .gap(24.0)
            .children((0..6).map(|c| tile(chaos, r, c)))
    });
    let loaders = (0..4).map(|i| {
        deferred(
            move |_cx| {
                let fails = loader_fails();
                async move {
                    if fails {
                        panic!("chaos: deferred loader");
                    }
                    Ok::<_, String>(i)
                }
            },
            || El::new().size(220.0, 90.0),
            move |n: i32| El::new().name(format!("loaded-{n}")).size(220.0, 90.0).text(n.to_string()).focusable(),
        )
        .name(format!("deferred-{i}"))
    });
    El::new()
        .name("chaos")
        .gap(32.0)
        .padding(64.0)
        .children(rows)
        .child(El::new().name("loaders").direction(Direction::Row).gap(24.0).children(loaders))
}

/// The chaos app over `resources`.
pub fn app(resources: Resources) -> App {
    let chaos = Rc::new(Chaos { rng: RefCell::new(Rng(0x5EED_0DE1_1CE0_0042)), frame: Cell::new(0) });
    let mut app = App::new(resources);
    tenfoot_widgets::set_theme(&mut app, tenfoot_widgets::Theme::dark());
    let c = chaos.clone();
    app.set_root_checked(move || screen(&c));
    let tiles: Vec<Entity> = app.focusables();
    let tick = app.signal(0u64);
    for (i, &t) in tiles.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let c = chaos.clone();
        app.effect(t, move |app| {
            let _ = tick.get(app);
            c.maybe_panic(&format!("effect of tile {i}"), 4);
        });
    }
    // The frame counter, the animations and an occasional broken screen come from a system.
    let c = chaos.clone();
    let animated = tiles.clone();
    app.add_system(Phase::Reactive, "chaos-ticker", move |app| {
        let n = c.frame.get() + 1;
        c.frame.set(n);
        tick.set(app, n);
        c.maybe_panic("system", 1);
        if n.is_multiple_of(7) {
            let t = animated[(n as usize / 7) % animated.len()];
            if app.world().contains(t) {
                let scale = if n.is_multiple_of(14) { 1.04 } else { 1.0 };
                let h = app.animate(t, AnimProp::Scale, scale, Tween::ms(90));
                let c = c.clone();
                app.on_done(h, move |_, _| c.maybe_panic("animation callback", 25));
            }
        }
        if n.is_multiple_of(97) {
            app.push_screen_checked(|| panic!("chaos: screen builder"));
            app.pop_screen();
        }
    });
    for &t in tiles.iter().step_by(2) {
        let c = chaos.clone();
        app.spawn_owned_with(t, move |cx| async move {
            loop {
                cx.sleep(Duration::from_millis(100)).await;
                c.maybe_panic("task", 5);
                cx.update(move |app| app.update_visual(t, |v| v.opacity = 1.0));
            }
        });
    }
    let c = chaos.clone();
    app.on_message(move |_: &mut App, _: Poke| c.maybe_panic("message handler", 30));
    let c = chaos.clone();
    app.on_request(move |_: &mut App, _: Ask| {
        c.maybe_panic("request handler", 30);
        Ok(c.frame.get())
    });
    app
}
