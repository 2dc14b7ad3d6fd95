//! tenfoot-preview: the desktop side. A window driven by the keyboard, the folder-backed asset
//! source, and the headless command line every example shares through [`run`].

mod assets;
mod cli;
pub mod golden;
mod record;
mod replay;
mod window;

use std::process::ExitCode;

use tenfoot_toolkit::App;

pub use assets::{assets_dir, resources, DirAssets};
pub use cli::{parse_size, Options, USAGE};
pub use record::{record_frame, sink_hook};
pub use replay::{replay, ReplaySummary};
pub use window::{run_window, run_window_with, FrameHook};

/// Runs `app` as the command line asks: a headless screenshot with `--screenshot`, otherwise
/// the preview window. Returns the process exit code; errors are printed as one line.
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
pub fn run_with(mut app: App, args: Vec<String>) -> Result<(), String> {
    let options = Options::parse(args)?;
    if let Some(path) = &options.screenshot {
        let png = app.screenshot_png(options.size)?;
        std::fs::write(path, png).map_err(|e| format!("cannot write screenshot {}: {e}", path.display()))?;
        if let Some(sink) = &options.sink {
            record_frame(&mut app, sink)?;
        }
        return Ok(());
    }
    let hook = options.sink.as_deref().map(sink_hook).transpose()?;
    run_window_with(app, hook)
}

/// Renders `app` at `size` and compares it with the golden `<dir>/<name>.png`
/// (see [`golden::check`]); panics with the paths of the written files on a mismatch.
pub fn assert_screenshot_in(dir: &std::path::Path, name: &str, app: &mut App, size: tenfoot_renderer::PhysicalSize) {
    let (backend, _) = app.render(size);
    if let Err(e) = golden::check(dir, name, backend.pixmap(), golden::Tolerance::default()) {
        panic!("{e}");
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
