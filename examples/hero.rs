//! Hero: the billboard at the top of a home screen. The backdrop fills the width; a scrim from
//! the left and one rising from the bottom keep the title, meta line, three-line synopsis and
//! buttons readable, and fade the picture into the page.
//!
//! Run it: `cargo run --example hero`. Headless:
//! `cargo run --example hero -- --screenshot hero.png --size 1280x720`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{button, column, heading, hero, row, tile};

/// The hero screen: the billboard and the start of a rail under it.
pub fn screen() -> El {
    let rail = (0..7).fold(row().gap(40.0).padding_xy(120.0, 0.0), |r, i| {
        r.child(tile(format!("posters/poster-{:02}.png", i + 3), format!("Title {}", i + 1)).width(170.0))
    });
    column()
        .name("home")
        .size(1920.0, 1080.0)
        .gap(8.0)
        .child(
            hero("backdrops/backdrop-00.jpg", "The Lighthouse Keeper")
                .meta("2024  \u{b7}  1 h 52 min  \u{b7}  Drama  \u{b7}  16+")
                .synopsis(
                    "On a rock far out in the northern sea, a keeper finds a message scratched into the \
                     lamp-room glass. The supply boat is late, the radio is silent, and the words change \
                     every night the lamp is lit. A slow-burning mystery about solitude, duty and the stories \
                     we tell ourselves to keep the light on.",
                )
                .button(button("Play").primary())
                .button(button("More info"))
                .height(680.0)
                .name("hero"),
        )
        .child(column().gap(24.0).child(heading("Because you watched Night Train").padding_xy(120.0, 0.0)).child(rail))
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
