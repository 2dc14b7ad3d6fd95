//! ProgressBar and SeekBar: progress bars at 0 %, 35 % and 100 % and one driven by a signal
//! (it fills over ten seconds of the frame clock), and a player's seek bar with elapsed and total
//! time over a dimmed backdrop, its position bound to a signal.
//!
//! Run it: `cargo run --example progress`. Headless:
//! `cargo run --example progress -- --screenshot progress.png --size 1280x720`.

use std::time::Duration;

use tenfoot::toolkit::{pct, App, El, Insets, Signal};
use tenfoot::widgets::{caption, column, heading, image, progress_bar, progress_bar_bound, seek_bar_bound, text};

/// The progress screen; `position` drives the seek bar.
pub fn screen(position: Signal<Duration>) -> El {
    let bar = |label: &str, bar: El| column().gap(14.0).width(720.0).child(caption(label)).child(bar);
    let player = El::new()
        .name("player")
        .width(pct(100.0))
        .height(420.0)
        .radius(28.0)
        .clip()
        .child(image("backdrops/backdrop-00.jpg").inset(Insets::fill(0.0)))
        .child(El::new().inset(Insets::fill(0.0)).gradient(
            180.0,
            &[(0.3, tenfoot::renderer::Color::rgba(0, 0, 0, 0)), (1.0, tenfoot::renderer::Color::rgba(0, 0, 0, 230))],
        ))
        .child(
            column()
                .inset(Insets::AUTO.left(56.0).right(56.0).bottom(48.0))
                .gap(20.0)
                .child(text("The Lighthouse Keeper \u{b7} Episode 3"))
                .child(seek_bar_bound(position, Duration::from_secs(52 * 60 + 8))),
        );
    column()
        .name("progress")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(36.0)
        .child(heading("Progress"))
        .child(bar("0 %", progress_bar(0.0)))
        .child(bar("35 %", progress_bar(0.35)))
        .child(bar("100 %", progress_bar(1.0)))
        .child(bar("bound to the clock (10 s)", progress_bar_bound(|app: &App| app.clock().as_secs_f32() / 10.0 % 1.0)))
        .child(player)
}

pub fn app() -> App {
    tenfoot::app_with(|app| screen(app.signal(Duration::from_secs(18 * 60 + 42))))
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
