//! tenfoot-preview: the desktop window. The window driven by keyboard (and gamepad) as the
//! remote, hot reload of markup screens, `--watch` rebuilds, the overlays, and [`run`]: the
//! command line every example shares (headless runs are `tenfoot-testing`'s, which this crate
//! builds on and re-exports).

mod access;
pub mod batch;
#[cfg(feature = "gamepad")]
mod gamepad;
mod markup_cli;
mod measure;
mod offload;
mod overlay;
pub mod present;
mod reload;
mod remote;
mod stats;
mod stick;
pub mod watch;
mod window;

use std::process::ExitCode;

use tenfoot_testing::{apply_options, run_headless_cli, Driver, Options, Session};
use tenfoot_toolkit::App;

pub use markup_cli::{parse_screen_args, run_screen, screen_usage};
pub use offload::ThreadOffload;
pub use present::present_scaled;
pub use reload::{find_path, HotReload, Reloaded, ScreenFiles, SETTLE};
pub use remote::KeyMap;
pub use stats::{percentile, Stats};
pub use stick::Stick;
pub use window::{run_window, run_window_with, slowdown_sleep, Zoom};

/// Runs `app` as the command line asks: headless with `--screenshot`, `--print-focus` or
/// `--headless`, a rebuild-and-restart supervisor with `--watch` (see [`watch`]), otherwise the
/// preview window. Returns the exit code; errors print one line.
pub fn run(app: App) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run_with(app, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// [`run`] with explicit arguments (after the program name).
pub fn run_with(app: App, args: Vec<String>) -> Result<(), String> {
    let options = Options::parse(args.clone())?;
    if options.watch {
        // The supervisor only runs copies of this program; it needs no app of its own.
        drop(app);
        return watch::supervise(&args);
    }
    run_options(app, options, None)
}

/// Runs `app` with parsed options; `reload` (a markup screen's files) is watched in the window.
pub(crate) fn run_options(app: App, options: Options, reload: Option<HotReload>) -> Result<(), String> {
    if options.is_headless() {
        return run_headless_cli(app, &options);
    }
    let mut app = app;
    apply_options(&mut app, &options);
    let mut driver = Driver::new(app);
    if options.record.is_some() {
        driver.record();
    }
    if let Some(path) = &options.replay {
        let session = Session::load(path)?;
        if options.replay_fast {
            driver.fast_forward(session);
        } else {
            driver.replay(session);
        }
    }
    // Image decodes and other blocking task work leave the frame's thread in the window.
    if let Some(pool) = ThreadOffload::start() {
        driver.app.set_offload(pool);
    }
    run_window_with(driver, options, reload)
}
