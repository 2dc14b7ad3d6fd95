//! Enter and exit transitions: an "Up next" rail where, every 900 ms, the first poster leaves
//! (fades, lifts and shrinks: `El::exit`) while a new one arrives at the end (fades in from the
//! right: `El::enter`), and the rest glide left (`El::animate_layout`). On the right,
//! notification toasts pop in from below and the oldest slides away. A despawned element with
//! an exit motion stays painted, out of flow, until its motion ends, then is despawned.
//!
//! Run it in the preview window: `cargo run --example anim_enter_exit` (Escape closes).
//! Headless (first frame): `cargo run --example anim_enter_exit -- --screenshot enter_exit.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::toolkit::{Align, App, Easing, El, Justify, Motion, Shadow, Spring, Tween};
use tenfoot::widgets::{caption, column, container, image, row, text, Theme};

const VISIBLE: usize = 5;
const TOASTS: [&str; 5] = [
    "New episode: Night Train",
    "Download finished",
    "Trailer added to Watchlist",
    "Remind me: 8 pm",
    "Resume Harbour?",
];

fn poster(n: usize) -> El {
    image(format!("posters/poster-{:02}.png", n % 12))
        .name(format!("poster-{n}"))
        .size(220.0, 330.0)
        .shrink(0.0)
        .radius(Theme::dark().radius.medium)
        .shadow(Shadow { y: 10.0, blur: 24.0, color: Color::rgba(0, 0, 0, 150), ..Shadow::NONE })
        .animate_layout_with(Spring::new(220.0, 28.0, 1.0))
        .enter(Motion::fade().slide(120.0, 0.0).timing(Tween::ms(450).ease(Easing::EaseOut)))
        .exit(Motion::fade().slide(0.0, -60.0).scale(0.85).timing(Tween::ms(350).ease(Easing::EaseIn)))
}

fn toast(n: usize) -> El {
    let theme = Theme::dark();
    row()
        .name(format!("toast-{n}"))
        .width(560.0)
        .padding_xy(28.0, 22.0)
        .gap(20.0)
        .align_items(Align::Center)
        .radius(theme.radius.medium)
        .background(theme.surface_raised)
        .shadow(Shadow { y: 8.0, blur: 20.0, color: Color::rgba(0, 0, 0, 140), ..Shadow::NONE })
        .animate_layout_with(Spring::new(260.0, 30.0, 1.0))
        .enter(Motion::fade().slide(0.0, 80.0).scale(0.95).timing(Spring::new(260.0, 24.0, 1.0)))
        .exit(Motion::fade().slide(200.0, 0.0).timing(Tween::ms(300).ease(Easing::EaseIn)))
        .child(container().size(16.0, 16.0).radius(8.0).background(theme.accent))
        .child(text(TOASTS[n % TOASTS.len()]).font_size(26.0).single_line())
}

/// The enter/exit screen with its first posters and toasts.
pub fn screen() -> El {
    let theme = Theme::dark();
    column()
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 80.0)
        .gap(28.0)
        .background(theme.background)
        .child(text("Enter and exit").font_size(64.0).weight(FontWeight::BOLD))
        .child(caption("Up next: the first poster leaves, a new one arrives, the rest make room"))
        .child(
            row().name("rail").gap(32.0).padding_xy(0.0, 48.0).children((0..VISIBLE).map(poster).collect::<Vec<_>>()),
        )
        .child(
            column()
                .name("toasts")
                .grow(1.0)
                .gap(20.0)
                .align_items(Align::End)
                .justify(Justify::End)
                .children((0..3).map(toast).collect::<Vec<_>>()),
        )
}

/// Step `n`: replaces the oldest poster and toast with new ones, then schedules step `n + 1`.
pub fn step(app: &mut App, n: usize) {
    if let Some(old) = app.find(&format!("poster-{n}")) {
        app.despawn(old);
    }
    if let Some(rail) = app.find("rail") {
        app.mount(rail, poster(n + VISIBLE));
    }
    // A toast every other step.
    if n & 1 == 0 {
        let k = n / 2;
        if let Some(old) = app.find(&format!("toast-{k}")) {
            app.despawn(old);
        }
        if let Some(list) = app.find("toasts") {
            app.mount(list, toast(k + 3));
        }
    }
    let next = app.timer(Duration::from_millis(900));
    app.on_done(next, move |app, _| step(app, n + 1));
}

/// Starts the loop after the first frame has laid everything out.
pub fn start(app: &mut App) {
    let first = app.timer(Duration::from_millis(600));
    app.on_done(first, |app, _| step(app, 0));
}

/// The enter/exit app over the bundled assets, its loop started.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    start(&mut app);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
