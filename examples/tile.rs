//! Tile: poster cards in a row. Plain, with watch progress, with a badge, focused (scaled up
//! with the focus ring and a deeper shadow, title brightened), and a long title ellipsized to
//! one line.
//!
//! Run it: `cargo run --example tile`. Headless:
//! `cargo run --example tile -- --screenshot tile.png --size 1280x720`.

use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{column, heading, row, tile};

fn poster(i: usize) -> String {
    format!("posters/poster-{i:02}.png")
}

/// The tile screen.
pub fn screen() -> El {
    column()
        .name("tiles")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 120.0)
        .gap(40.0)
        .child(heading("Continue watching"))
        .child(
            row()
                .gap(48.0)
                .align_items(Align::Start)
                .child(tile(poster(0), "Night Train").name("plain"))
                .child(tile(poster(1), "The Lighthouse").progress(0.62).name("progress"))
                .child(tile(poster(2), "Salt Flats").badge("NEW").name("badge"))
                .child(tile(poster(4), "Red Canyon").progress(0.25).badge("4K").focused(true).name("focused"))
                .child(tile(poster(5), "An Extraordinarily Long Film Title Indeed").name("long")),
        )
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
