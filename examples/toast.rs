//! Toast: three toasts (info, success, error) stacked at the bottom centre over a screen. Each
//! disappears after its time on the frame clock (4, 6 and 8 seconds), newest last.
//!
//! Run it: `cargo run --example toast` and watch them go. Headless:
//! `cargo run --example toast -- --screenshot toast.png --size 1280x720`.

use std::time::Duration;

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{column, text, title, toast_stack, ToastKind, Toasts};

pub fn app() -> App {
    tenfoot::app_with(|app| {
        let toasts = Toasts::new(app);
        toasts.show(app, "New episode of The Lighthouse Keeper is available", ToastKind::Info, Duration::from_secs(4));
        toasts.show(app, "Added to My List", ToastKind::Success, Duration::from_secs(6));
        toasts.show(
            app,
            "Download failed: the network is unreachable. Try again later.",
            ToastKind::Error,
            Duration::from_secs(8),
        );
        El::new()
            .name("toast")
            .size(1920.0, 1080.0)
            .child(
                column()
                    .padding_xy(120.0, 96.0)
                    .gap(24.0)
                    .child(title("Toasts"))
                    .child(text("Messages that need no answer: they stack at the bottom and leave on their own.")),
            )
            .child(toast_stack(toasts))
    })
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
