//! Rendering an app's current frame to pixels with the CPU backend: what screenshot tests and
//! headless runs need, kept out of the toolkit so the core names no rasterizer.

use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{FrameReport, PhysicalSize, Scale};
use tenfoot_toolkit::App;

/// Renders the app's current frame into a `size` buffer (the logical 1920x1080 screen scaled to
/// fit). Cost: one full rasterization (and a frame, if the app has changes not yet painted).
pub fn render(app: &mut App, size: PhysicalSize) -> (CpuBackend, FrameReport) {
    let mut backend = CpuBackend::new(size, Scale::fit(app.viewport(), size));
    backend.set_background(app.background());
    let report = app.draw(&mut backend);
    (backend, report)
}

/// The app's current frame as PNG bytes, and what the backend reported while drawing it
/// (images that failed to load...).
pub fn screenshot_png(app: &mut App, size: PhysicalSize) -> Result<(Vec<u8>, FrameReport), String> {
    let (backend, report) = render(app, size);
    Ok((backend.encode_png()?, report))
}
