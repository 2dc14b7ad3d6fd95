//! tenfoot-preview: the desktop side. The window driven by keyboard (and gamepad) as the
//! remote, the headless runner, the folder-backed asset source, golden screenshots, and the
//! command line every example shares through [`run`].

mod assets;
pub mod catalog;
mod cli;
mod driver;
#[cfg(feature = "gamepad")]
mod gamepad;
pub mod golden;
mod harness;
mod headless;
mod markup_cli;
mod offload;
mod overlay;
mod record;
mod reload;
mod remote;
mod replay;
mod session;
mod sim_host;
mod stats;
mod stick;
pub mod watch;
mod window;

use std::process::ExitCode;

use tenfoot_toolkit::App;

pub use assets::{assets_dir, resources, DirAssets};
pub use cli::{parse_duration, parse_position, parse_rate, parse_size, Device, Options, USAGE};
pub use driver::{Driver, FRAME_STEP};
pub use harness::{check_snapshot, diff_snapshots, snapshot, FocusInfo, Harness};
pub use headless::{run_headless, HeadlessResult, KEY_STEP};
pub use markup_cli::{parse_screen_args, run_screen, screen_usage};
pub use offload::ThreadOffload;
pub use record::{record_frame, sink_hook};
pub use reload::{find_path, HotReload, Reloaded, ScreenFiles, SETTLE};
pub use remote::{KeyMap, RepeatConfig, RepeatEngine};
pub use replay::{replay, ReplaySummary};
pub use session::{Edge, Session, TimedEdge};
pub use sim_host::{apply_options, cycle_latency, toggle_failures, SimHost, SimSettings, LATENCY_PRESETS};
pub use stats::{percentile, Stats};
pub use stick::Stick;
pub use window::{present_scaled, run_window, run_window_with, FrameHook, Zoom};

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
    let mut app = app;
    sim_host::apply_options(&mut app, &options);
    let mut driver = Driver::new(app);
    let replay = match &options.replay {
        Some(path) => Some(window::load_session(path)?),
        None => None,
    };
    if options.is_headless() {
        let result = run_headless(&mut driver, &options, replay)?;
        for e in &result.errors {
            eprintln!("tenfoot-preview: {e}");
        }
        if let (Some(path), Some(png)) = (&options.screenshot, &result.png) {
            std::fs::write(path, png).map_err(|e| format!("cannot write screenshot {}: {e}", path.display()))?;
        }
        if let Some(sink) = &options.sink {
            record_frame(&mut driver.app, sink)?;
        }
        if options.print_focus {
            println!("{}", result.focus.as_deref().unwrap_or("(nothing focused)"));
        }
        if let Some(lint) = &result.lint {
            print!("{lint}");
            if !lint.unreachable.is_empty() || !lint.traps.is_empty() {
                return Err("focus lint found problems".to_owned());
            }
        }
        return Ok(());
    }
    if options.record.is_some() {
        driver.record();
    }
    if let Some(session) = replay {
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

/// Renders `app` at `size` and compares it with the golden `<dir>/<name>.png`
/// (see [`golden::check`]); panics with the paths of the written files on a mismatch.
pub fn assert_screenshot_in(dir: &std::path::Path, name: &str, app: &mut App, size: tenfoot_renderer::PhysicalSize) {
    let (backend, _) = app.render(size);
    if let Err(e) = golden::check(dir, name, backend.pixmap(), golden::Tolerance::default()) {
        #[expect(clippy::panic, reason = "a screenshot assertion fails the test by panicking, like assert!")]
        {
            panic!("{e}");
        }
    }
}

/// `assert_screenshot!(app, "name")` or `assert_screenshot!(app, "name", size)`: compares the
/// app's frame with `<calling crate>/screenshots/<name>.png`.
#[macro_export]
macro_rules! assert_screenshot {
    ($app:expr, $name:expr) => {
        $crate::assert_screenshot!($app, $name, $crate::__PhysicalSize::new(1920, 1080))
    };
    ($app:expr, $name:expr, $size:expr) => {
        $crate::assert_screenshot_in(
            &::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots"),
            $name,
            $app,
            $size,
        )
    };
}

#[doc(hidden)]
pub use tenfoot_renderer::PhysicalSize as __PhysicalSize;
