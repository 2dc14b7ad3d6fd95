//! Springs: a focus ring glides between poster tiles on a spring, retargeted every 450 ms,
//! often while still moving, so it carries its velocity into each new move (no jumps). The
//! focused tile grows through a declarative `transition("scale 220ms ease-out")`. Below, three
//! balls compare spring presets (snappy, gentle, wobbly), bouncing between the ends of their
//! tracks whenever they settle.
//!
//! Run it in the preview window: `cargo run --example anim_spring` (Escape closes).
//! Headless (first frame): `cargo run --example anim_spring -- --screenshot spring.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight, Point};
use tenfoot::toolkit::{Align, AnimProp, App, El, Entity, Shadow, Spring};
use tenfoot::widgets::{caption, column, container, image, row, text, Theme};

const TILE_W: f32 = 220.0;
const TILE_H: f32 = 330.0;
const GAP: f32 = 56.0;
const RING: f32 = 10.0;
const TILES: usize = 6;
const TRACK: f32 = 1180.0;
const BALL: f32 = 56.0;

/// The order the ring visits tiles in (jumps of different lengths).
const VISITS: [usize; 8] = [0, 3, 1, 5, 2, 4, 0, 5];

fn presets() -> [(&'static str, Spring); 3] {
    [
        ("snappy  (400, 32, 1)", Spring::snappy()),
        ("gentle  (120, 21.9, 1)", Spring::gentle()),
        ("wobbly  (180, 12, 1)", Spring::wobbly()),
    ]
}

/// The spring screen (nothing moves until [`start`] runs).
pub fn screen() -> El {
    let theme = Theme::dark();
    let tiles = (0..TILES).map(|i| {
        image(format!("posters/poster-{:02}.png", i + 3))
            .name(format!("tile-{i}"))
            .size(TILE_W, TILE_H)
            .radius(theme.radius.medium)
            .shadow(Shadow { y: 10.0, blur: 24.0, color: Color::rgba(0, 0, 0, 150), ..Shadow::NONE })
            .transition("scale 220ms ease-out")
    });
    let ring = container()
        .name("ring")
        .absolute(-RING, 28.0 - RING)
        .size(TILE_W + 2.0 * RING, TILE_H + 2.0 * RING)
        .radius(theme.radius.medium + RING)
        .border(5.0, theme.focus_ring)
        .scale(theme.focus_scale);
    let track = |i: usize, label: &str| {
        row()
            .gap(40.0)
            .align_items(Align::Center)
            .child(text(label).width(380.0).font_size(28.0).color(theme.text_muted))
            .child(
                container()
                    .size(TRACK, BALL + 8.0)
                    .padding(4.0)
                    .radius(BALL / 2.0 + 4.0)
                    .background(theme.surface)
                    .child(
                        container()
                            .name(format!("ball-{i}"))
                            .size(BALL, BALL)
                            .radius(BALL / 2.0)
                            .background(theme.accent),
                    ),
            )
    };
    column()
        .size(1920.0, 1080.0)
        .padding_xy(160.0, 72.0)
        .gap(32.0)
        .background(theme.background)
        .child(text("Springs").font_size(64.0).weight(FontWeight::BOLD))
        .child(caption("Focus motion on a spring, retargeted mid-flight; presets compared below"))
        .child(row().name("tiles").gap(GAP).padding_xy(0.0, 28.0).children(tiles.collect::<Vec<_>>()).child(ring))
        .child(
            column()
                .gap(24.0)
                .children(presets().iter().enumerate().map(|(i, (l, _))| track(i, l)).collect::<Vec<_>>()),
        )
}

/// Springs the ring to the `step`th tile of [`VISITS`] and schedules the next hop.
fn hop(app: &mut App, step: usize) {
    let (Some(ring), Some(tile)) = (app.find("ring"), app.find(&format!("tile-{}", VISITS[step % VISITS.len()])))
    else {
        return;
    };
    let previous = app.find(&format!("tile-{}", VISITS[(step + VISITS.len() - 1) % VISITS.len()]));
    if let Some(p) = previous {
        app.update_visual(p, |v| v.scale = Point::new(1.0, 1.0));
    }
    app.update_visual(tile, |v| v.scale = Point::new(Theme::dark().focus_scale, Theme::dark().focus_scale));
    let x = VISITS[step % VISITS.len()] as f32 * (TILE_W + GAP);
    app.spring(ring, AnimProp::Translate, Point::new(x, 0.0), Spring::snappy());
    let next = app.timer(Duration::from_millis(450));
    app.on_done(next, move |app, _| hop(app, step + 1));
}

/// Sends ball `i` to the other end of its track, and back again once it settles.
fn bounce(app: &mut App, i: usize, to_end: bool) {
    let Some(ball) = app.find(&format!("ball-{i}")) else { return };
    let x = if to_end { TRACK - BALL - 8.0 } else { 0.0 };
    let h = app.spring(ball, AnimProp::Translate, Point::new(x, 0.0), presets()[i].1);
    app.on_done(h, move |app, _| bounce(app, i, !to_end));
}

/// Starts the focus hops and the preset comparison.
pub fn start(app: &mut App) {
    hop(app, 0);
    for i in 0..presets().len() {
        bounce(app, i, true);
    }
}

/// The ring entity (for tests).
pub fn ring(app: &App) -> Option<Entity> {
    app.find("ring")
}

/// The spring app over the bundled assets, its motion started.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    start(&mut app);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
