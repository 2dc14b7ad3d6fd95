//! Spinner: three sizes of the eight-dot spinner. It steps one dot clockwise every 100 ms of
//! the frame clock, so it turns in the preview window and renders the same frame for the same
//! time headless.
//!
//! Run it: `cargo run --example spinner`. Headless (any time gives a deterministic frame):
//! `cargo run --example spinner -- --screenshot spinner.png --size 1280x720`.

use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{caption, column, row, spinner, title};

/// The spinner screen.
pub fn screen() -> El {
    let sample = |size: f32| {
        column().gap(24.0).align_items(Align::Center).child(spinner(size)).child(caption(format!("{size} px")))
    };
    column()
        .name("spinners")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 120.0)
        .gap(80.0)
        .child(title("Loading"))
        .child(row().gap(120.0).align_items(Align::End).child(sample(48.0)).child(sample(64.0)).child(sample(112.0)))
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
