//! Layout animations: a side menu expands and collapses, a tile is inserted into the rail and
//! removed again, and a focused tile grows; every element that layout moves glides from its
//! old rectangle to the new one (`El::animate_layout`) while layout itself is final at once.
//! The menu clips its labels to its animated box, so they are revealed as it opens. One step
//! per second, looping.
//!
//! Run it in the preview window: `cargo run --example anim_layout` (Escape closes).
//! Headless (first frame): `cargo run --example anim_layout -- --screenshot layout.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::toolkit::{px, Align, App, Easing, El, Motion, Shadow, Spring, Tween};
use tenfoot::widgets::{caption, column, container, image, row, text, Theme};

const COLLAPSED: f32 = 128.0;
const EXPANDED: f32 = 420.0;
const TILE_W: f32 = 220.0;
const GROWN_W: f32 = 360.0;
const TILE_H: f32 = 330.0;

fn glide() -> Tween {
    Tween::ms(450).ease(Easing::EaseInOut)
}

fn menu_item(label: &str, color: Color) -> El {
    row()
        .gap(28.0)
        .align_items(Align::Center)
        .child(container().size(64.0, 64.0).radius(18.0).background(color).shrink(0.0))
        .child(text(label).font_size(32.0).weight(FontWeight::SEMIBOLD).single_line().shrink(0.0))
}

fn tile(i: usize) -> El {
    image(format!("posters/poster-{i:02}.png"))
        .name(format!("tile-{i}"))
        .size(TILE_W, TILE_H)
        .shrink(0.0)
        .radius(Theme::dark().radius.medium)
        .shadow(Shadow { y: 10.0, blur: 24.0, color: Color::rgba(0, 0, 0, 150), ..Shadow::NONE })
        .animate_layout_with(Spring::new(260.0, 30.0, 1.0))
        .enter(Motion::fade().scale(0.8).timing(Tween::ms(380).ease(Easing::EaseOut).delay_ms(120)))
        .exit(Motion::fade().scale(0.8).timing(Tween::ms(280).ease(Easing::EaseIn)))
}

/// The layout screen.
pub fn screen() -> El {
    let theme = Theme::dark();
    let menu = column()
        .name("menu")
        .width(COLLAPSED)
        .height(1080.0)
        .shrink(0.0)
        .padding_xy(32.0, 80.0)
        .gap(36.0)
        .background(theme.surface)
        .clip()
        .animate_layout_with(glide())
        .child(menu_item("Home", theme.accent))
        .child(menu_item("Search", Color::hex(0x3a6df0)))
        .child(menu_item("Movies", Color::hex(0xd76d77)))
        .child(menu_item("Series", Color::hex(0x4caf7a)))
        .child(menu_item("Settings", Color::hex(0x8e7cc3)));
    let content = column()
        .name("content")
        .grow(1.0)
        .padding_xy(80.0, 80.0)
        .gap(28.0)
        .animate_layout_with(glide())
        .child(text("Layout animations").font_size(64.0).weight(FontWeight::BOLD))
        .child(caption("The menu opens, a tile is added, a tile grows; everything layout moves glides"))
        .child(row().name("rail").gap(32.0).padding_xy(0.0, 48.0).children((0..5).map(tile).collect::<Vec<_>>()));
    row().size(1920.0, 1080.0).background(theme.background).child(menu).child(content)
}

/// Applies step `n` of the loop and schedules the next one.
pub fn step(app: &mut App, n: usize) {
    let find = |app: &App, name: &str| app.find(name);
    match n % 6 {
        0 | 3 => {
            let w = match n % 6 {
                0 => EXPANDED,
                _ => COLLAPSED,
            };
            if let Some(menu) = find(app, "menu") {
                app.update_style(menu, |s| s.width = px(w));
            }
        }
        1 => {
            if let Some(rail) = find(app, "rail") {
                app.mount_at(rail, tile(9), Some(1));
            }
        }
        2 | 5 => {
            let w = match n % 6 {
                2 => GROWN_W,
                _ => TILE_W,
            };
            if let Some(t) = find(app, "tile-2") {
                app.update_style(t, |s| s.width = px(w));
            }
        }
        _ => {
            if let Some(t) = find(app, "tile-9") {
                app.despawn(t);
            }
        }
    }
    let next = app.timer(Duration::from_millis(1000));
    app.on_done(next, move |app, _| step(app, n + 1));
}

/// Starts the loop after the first layout (a layout animation needs an old rectangle).
pub fn start(app: &mut App) {
    let first = app.timer(Duration::from_millis(500));
    app.on_done(first, |app, _| step(app, 0));
}

/// The layout app over the bundled assets, its loop started.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    start(&mut app);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
