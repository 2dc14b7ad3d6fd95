//! tenfoot-testing: everything a screenshot test or a headless run needs, and nothing that
//! opens a window. The [`Harness`] (build a screen, press keys, advance virtual time, assert
//! focus and pixels), golden screenshots ([`golden`], [`assert_screenshot!`]), the [`Driver`]
//! (an app plus the remote's key edges) and the headless runner behind `--screenshot` and
//! `--print-focus`, the shared command line ([`Options`]), `--sink` recording and replay, and
//! [`DirAssets`] (the only file-system asset source).
//!
//! `cargo tree -p tenfoot-testing` shows no winit: the preview window is `tenfoot-preview`,
//! which builds on this crate.

mod assets;
mod cli;
mod device;
mod driver;
pub mod golden;
mod harness;
mod headless;
mod network;
mod record;
mod render;
mod replay;
mod session;
mod speech;

pub use assets::{assets_dir, resources, DirAssets, MAX_ASSET_BYTES};
pub use cli::{parse_duration, parse_key_map, parse_position, parse_rate, parse_size, Device, Options, USAGE};
pub use device::{safe_area_overlay, DeviceProfile, SAFE_AREA_LINE};
pub use driver::{Driver, FRAME_STEP, SETTLE_FRAMES};
pub use harness::{check_snapshot, diff_snapshots, snapshot, FocusInfo, Harness};
pub use headless::{run_headless, run_headless_cli, strict_outcome, terminal_safe, HeadlessResult, KEY_STEP};
pub use network::{apply_options, cycle_latency, toggle_failures, DEFAULT_FAILURE_RATE, LATENCY_PRESETS};
pub use record::{record_frame, sink_hook, FrameHook};
pub use render::{device_screenshot_png, render, screenshot_png};
pub use replay::{replay, ReplaySummary};
pub use session::{PointerAction, Session, TimedEdge, TimedPointer};
pub use speech::{announce_line, Speaker, ESPEAK};
pub use tenfoot_toolkit::Edge;

/// Renders `app` at `size` and compares it with the golden `<dir>/<name>.png`
/// (see [`golden::check`]); panics with the paths of the written files on a mismatch.
pub fn assert_screenshot_in(
    dir: &std::path::Path,
    name: &str,
    app: &mut tenfoot_toolkit::App,
    size: tenfoot_renderer::PhysicalSize,
) {
    let (backend, _) = render(app, size);
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
