//! Screen transitions: a Home screen and a Details screen, two full-screen containers, trade
//! places every 1.6 s with `App::transition_screens`, cycling through the kinds: slide left
//! (going deeper), slide right (going back), zoom, and a cross-fade. The outgoing screen is
//! hidden when the transition ends. (The screen stack's `push_screen`/`pop_screen` will use the
//! same building block.)
//!
//! Run it in the preview window: `cargo run --example anim_screen_transition` (Escape closes).
//! Headless (first frame): `cargo run --example anim_screen_transition -- --screenshot screens.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::toolkit::{Align, App, Easing, El, Entity, Justify, ScreenTransition, Shadow, Tween};
use tenfoot::widgets::{button, caption, column, container, image, row, text, ButtonLook, Theme};

/// The transitions the demo cycles through, with the direction each goes.
const CYCLE: [(ScreenTransition, bool); 4] = [
    (ScreenTransition::SlideLeft, true),
    (ScreenTransition::SlideRight, false),
    (ScreenTransition::Zoom, true),
    (ScreenTransition::Fade, false),
];

fn home() -> El {
    let theme = Theme::dark();
    let poster = |i: usize| {
        image(format!("posters/poster-{i:02}.png")).size(240.0, 360.0).radius(theme.radius.medium).shadow(Shadow {
            y: 10.0,
            blur: 24.0,
            color: Color::rgba(0, 0, 0, 150),
            ..Shadow::NONE
        })
    };
    column()
        .name("home")
        .absolute(0.0, 0.0)
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(28.0)
        .background(theme.background)
        .child(text("Home").font_size(72.0).weight(FontWeight::BOLD))
        .child(caption("Continue watching"))
        .child(row().gap(40.0).children((0..6).map(poster).collect::<Vec<_>>()))
}

fn details() -> El {
    let theme = Theme::dark();
    container()
        .name("details")
        .absolute(0.0, 0.0)
        .size(1920.0, 1080.0)
        .background(theme.background)
        .clip()
        .child(image("backdrops/backdrop-00.jpg").absolute(0.0, 0.0).size(1920.0, 1080.0))
        .child(
            column()
                .absolute(0.0, 0.0)
                .size(1920.0, 1080.0)
                .padding_xy(120.0, 120.0)
                .gap(28.0)
                .justify(Justify::End)
                .align_items(Align::Start)
                .gradient(90.0, &[(0.0, Color::rgba(11, 13, 18, 250)), (0.55, Color::rgba(11, 13, 18, 140)), (1.0, Color::rgba(11, 13, 18, 0))])
                .child(text("Night Train").font_size(96.0).weight(FontWeight::BOLD))
                .child(
                    text("Three borders before dawn, and every passenger has a secret. 2024 \u{b7} Thriller \u{b7} 1 h 52")
                        .font_size(30.0)
                        .max_lines(2)
                        .width(900.0)
                        .color(theme.text_muted),
                )
                .child(
                    row()
                        .gap(24.0)
                        .child(button("Play").primary().look(ButtonLook::Focused))
                        .child(button("Trailer"))
                        .child(button("Watchlist")),
                ),
        )
}

/// Both screens stacked (Details on top; [`start`] hides it).
pub fn screen() -> El {
    container().size(1920.0, 1080.0).child(home()).child(details())
}

/// Runs transition `n` of [`CYCLE`] and schedules the next.
pub fn step(app: &mut App, n: usize) {
    let (Some(home), Some(details)) = (app.find("home"), app.find("details")) else { return };
    let (kind, deeper) = CYCLE[n % CYCLE.len()];
    let (from, to): (Entity, Entity) = if deeper { (home, details) } else { (details, home) };
    app.update_style(to, |s| s.display_none = false);
    let timing = Tween::ms(550).ease(Easing::CubicBezier(0.2, 0.8, 0.2, 1.0));
    let done = app.transition_screens(Some(from), to, kind, timing);
    // The covered screen stops painting once it is out of sight.
    app.on_done(done, move |app, _| app.update_style(from, |s| s.display_none = true));
    let next = app.timer(Duration::from_millis(1600));
    app.on_done(next, move |app, _| step(app, n + 1));
}

/// Starts the cycle after a short look at Home.
pub fn start(app: &mut App) {
    if let Some(details) = app.find("details") {
        app.update_style(details, |s| s.display_none = true);
    }
    let first = app.timer(Duration::from_millis(800));
    app.on_done(first, |app, _| step(app, 0));
}

/// The screen-transition app over the bundled assets, its cycle started.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    start(&mut app);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
