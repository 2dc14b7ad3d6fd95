//! tenfoot: a Rust UI toolkit for 10-foot (TV) apps.
//!
//! This facade re-exports the crates: [`renderer`] (display list, resources, the stream),
//! [`toolkit`] (entity tree, layout, paint, frame loop), [`widgets`], and with the default
//! features [`cpu`] (the CPU backend), [`testing`] (harness, goldens, headless runs) and
//! [`preview`] (the desktop window). [`sample`] is the sample streaming app.
//!
//! ```no_run
//! use tenfoot::widgets::{button, column, text};
//!
//! fn main() -> std::process::ExitCode {
//!     tenfoot::run(tenfoot::app(column().gap(24.0).child(text("Hello")).child(button("OK"))))
//! }
//! ```

#[cfg(feature = "testing")]
pub use tenfoot_cpu as cpu;
#[cfg(feature = "preview")]
pub use tenfoot_preview as preview;
pub use tenfoot_renderer as renderer;
#[cfg(feature = "testing")]
pub use tenfoot_testing as testing;
pub use tenfoot_toolkit as toolkit;
pub use tenfoot_widgets as widgets;

pub mod sample;

#[cfg(feature = "testing")]
use tenfoot_toolkit::{App, El};

/// An app over the bundled assets (fonts, posters) with the dark theme, showing `screen`.
#[cfg(feature = "testing")]
pub fn app(screen: impl Into<El>) -> App {
    app_with(|_| screen.into())
}

/// [`app`], with the screen built by `build` once the app exists (so it can make signals and
/// contexts first): `tenfoot::app_with(|app| counter(app.signal(0)))`.
#[cfg(feature = "testing")]
pub fn app_with(build: impl FnOnce(&mut App) -> El) -> App {
    let mut app = App::new(tenfoot_testing::resources());
    tenfoot_widgets::set_theme(&mut app, tenfoot_widgets::Theme::dark());
    let screen = build(&mut app);
    app.set_root(screen);
    app
}

/// Runs `app` as the command line asks (see [`preview::run`]): the preview window, or headless
/// with `--screenshot`, `--print-focus` and the other flags every example shares.
#[cfg(feature = "preview")]
pub fn run(app: App) -> std::process::ExitCode {
    tenfoot_preview::run(app)
}
