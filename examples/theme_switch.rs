//! Theme switch: one screen of themed widgets (text styles, tiles with progress, badge and
//! focus, a progress bar, buttons (the focused one shows the theme's focus look), a toast, a
//! spinner) that cycles dark -> light -> high contrast every
//! four seconds of the frame clock. Switching writes one signal; every mounted widget re-styles
//! itself in the next reactive phase, keeping the values the app set itself.
//!
//! Run it: `cargo run --example theme_switch` and wait for the switches. Headless, one theme:
//! `cargo run --example theme_switch -- --screenshot dark.png --size 960x540`.

use std::time::Duration;

use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{
    button, caption, column, heading, progress_bar, row, set_theme, spinner, text, tile, title, toast, Theme, ToastKind,
};

/// How long each theme stays.
pub const THEME_PERIOD: Duration = Duration::from_secs(4);

/// The theme shown at time `now` when cycling.
pub fn theme_at(now: Duration) -> Theme {
    match (now.as_millis() / THEME_PERIOD.as_millis()) % 3 {
        0 => Theme::dark(),
        1 => Theme::light(),
        _ => Theme::high_contrast(),
    }
}

/// The themed screen.
pub fn screen() -> El {
    let poster = |i: usize| format!("posters/poster-{i:02}.png");
    column()
        .name("theme-switch")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 88.0)
        .gap(40.0)
        .child(
            row()
                .align_items(Align::Center)
                .gap(32.0)
                .child(column().gap(8.0).grow(1.0).child(title("Tonight")).child(caption("Dark, light and high contrast from one set of tokens")))
                .child(spinner(56.0)),
        )
        .child(
            row()
                .gap(48.0)
                .align_items(Align::Start)
                .child(tile(poster(6), "Night Train").progress(0.4).focused(true))
                .child(tile(poster(7), "Salt Flats").badge("NEW"))
                .child(tile(poster(8), "The Lighthouse").progress(0.8))
                .child(
                    column()
                        .gap(20.0)
                        .width(620.0)
                        .child(heading("About"))
                        .child(text("Themes are data: colours, a type scale, spacing, radii and the focus style. Switching writes one signal.").max_lines(3))
                        .child(progress_bar(0.55))
                        .child(
                            row()
                                .gap(24.0)
                                .child(button("Play").primary().name("play"))
                                .child(button("Trailer").name("trailer")),
                        )
                        .child(toast("Theme switched", ToastKind::Success)),
                ),
        )
}

pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    let root = app.root();
    // Cycle the theme on the frame clock; the effect only writes when the theme changes.
    let mut shown = Theme::dark();
    app.effect(root, move |app| {
        let next = theme_at(app.clock());
        if next != shown {
            shown = next.clone();
            set_theme(app, next);
        }
    });
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
