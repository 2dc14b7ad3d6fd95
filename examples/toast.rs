//! Toast: three toasts (info, success, error) stacked at the bottom centre over a screen. Each
//! disappears after its time on the frame clock (4, 6 and 8 seconds), newest last.
//!
//! Run it: `cargo run --example toast` and watch them go. Headless:
//! `cargo run --example toast -- --screenshot toast.png --size 1280x720`.

use std::time::Duration;

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{column, set_theme, text, title, toast_stack, Theme, ToastKind, Toasts};

pub fn app() -> App {
    let mut app = App::new(tenfoot::testing::resources());
    set_theme(&mut app, Theme::dark());
    let toasts = Toasts::new(&mut app);
    app.set_root(
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
            .child(toast_stack(toasts)),
    );
    toasts.show(&mut app, "New episode of The Lighthouse Keeper is available", ToastKind::Info, Duration::from_secs(4));
    toasts.show(&mut app, "Added to My List", ToastKind::Success, Duration::from_secs(6));
    toasts.show(
        &mut app,
        "Download failed: the network is unreachable. Try again later.",
        ToastKind::Error,
        Duration::from_secs(8),
    );
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::preview::run(app())
}
