//! What the sample app's test files share: the harness on a deterministic simulated host and
//! the golden check (`screenshots/NAME.png`, bless with `TENFOOT_BLESS=1`).

use std::path::Path;
use std::time::Duration;

use tenfoot::sample::SimSettings;
use tenfoot::testing::golden::{self, Tolerance};
use tenfoot::testing::{Device, Harness};
use tenfoot::toolkit::Locale;

/// Long enough for the simulated host's 300 ms answers and the motion after them.
pub const LOAD: Duration = Duration::from_millis(500);

/// The sample app at 720p in `locale` (the app's default when `None`), its host answering
/// after exactly 300 ms (no jitter, so the same keys give the same frames), after `LOAD`.
pub fn sample_harness(locale: Option<&str>) -> Harness {
    let settings =
        SimSettings { latency: Duration::from_millis(300), jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let mut app = tenfoot::sample::app_with(settings);
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
