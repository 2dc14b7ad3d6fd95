//! What the sample app's test files share: the app on a deterministic simulated host, its
//! harness, the golden check (`screenshots/NAME.png`, bless with `TENFOOT_BLESS=1`) and the
//! `tenfoot` binary run as a user runs it.

#![allow(dead_code, reason = "each test file uses its own part of this module")]

use std::path::Path;
use std::time::Duration;

use tenfoot::sample::SimSettings;
use tenfoot::testing::golden::{self, Tolerance};
use tenfoot::testing::{Device, Harness};
use tenfoot::toolkit::{App, Locale};

/// Long enough for the simulated host's 300 ms answers and the motion after them.
pub const LOAD: Duration = Duration::from_millis(500);

/// The sample app, its host answering after exactly 300 ms (no jitter, so the same keys give
/// the same frames).
pub fn sample_app() -> App {
    let settings =
        SimSettings { latency: Duration::from_millis(300), jitter: Some(Duration::ZERO), ..SimSettings::default() };
    tenfoot::sample::app_with(settings)
}

/// [`sample_app`] at 720p in `locale` (the app's default when `None`), after `LOAD`.
pub fn sample_harness(locale: Option<&str>) -> Harness {
    let mut app = sample_app();
    if let Some(tag) = locale {
        app.set_locale(Locale::parse(tag).unwrap_or_else(|e| panic!("{tag}: {e}")));
    }
    let mut h = Harness::with_app(app, Device::Hd720);
    h.advance(LOAD);
    h
}

/// Renders the frame and checks it against `screenshots/NAME.png`.
pub fn screenshot(h: &mut Harness, name: &str) {
    let backend = h.render();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    if let Err(e) = golden::check(&dir, name, backend.pixmap(), Tolerance::default()) {
        panic!("{}", e.message);
    }
}

/// Runs the `tenfoot` binary (the sample app) with `args`: (exit status was 0, stdout).
pub fn tenfoot(args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tenfoot")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}
