//! Headless runs: keys, time, then a screenshot and/or the focus path, with no window.

use std::time::Duration;

use crate::cli::Options;
use crate::driver::Driver;
use crate::session::Session;

/// What a headless run produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeadlessResult {
    /// The PNG, when a screenshot was asked for.
    pub png: Option<Vec<u8>>,
    /// The focus path after the keys (None when nothing is focused).
    pub focus: Option<String>,
    /// Errors the frames reported (bad style values, images that failed to load...).
    pub errors: Vec<String>,
    /// Virtual time at the end of the run.
    pub ended_at: Duration,
    /// The navigation lint, when asked for.
    pub lint: Option<tenfoot_toolkit::LintReport>,
}

/// The gap between keys of a `--keys` script.
pub const KEY_STEP: Duration = Duration::from_millis(150);

/// Plays the session (or key script), lets `advance` pass, then captures what was asked for.
pub fn run_headless(
    driver: &mut Driver,
    options: &Options,
    session: Option<Session>,
) -> Result<HeadlessResult, String> {
    let session = session.unwrap_or_else(|| Session::from_keys(&options.keys, KEY_STEP));
    let mut result = HeadlessResult::default();
    let end_of_keys = session.duration() + KEY_STEP;
    driver.replay(session);
    let (first, _) = driver.step(Duration::ZERO);
    result.errors.extend(first.errors);
    let mut t = Duration::ZERO;
    while t < end_of_keys || driver.replaying() {
        t += crate::driver::FRAME_STEP;
        let (frame, _) = driver.step(t);
        result.errors.extend(frame.errors);
    }
    let t = driver.run_until(t, t + options.advance);
    result.ended_at = t;
    result.focus = driver.app.focus_path();
    if options.lint_focus {
        result.lint = Some(tenfoot_toolkit::navigation_lint(&driver.app));
    }
    if options.screenshot.is_some() {
        result.png = Some(driver.app.screenshot_png(options.buffer())?);
    }
    Ok(result)
}
