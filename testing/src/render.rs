//! Rendering an app's current frame to pixels with the CPU backend: what screenshot tests and
//! headless runs need, kept out of the toolkit so the core names no rasterizer.

use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{Backend, DisplayList, FrameReport, PhysicalSize, Scale};
use tenfoot_toolkit::App;

use crate::device::{safe_area_overlay, DeviceProfile};

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

/// A headless run's screenshot: drawn within the device profile's memory budget (so what the
/// device's backend would refuse or cheapen shows here too), with the safe-area overlay over it
/// when `safe_area` is set.
pub fn device_screenshot_png(
    app: &mut App,
    size: PhysicalSize,
    profile: &DeviceProfile,
    safe_area: bool,
) -> Result<(Vec<u8>, FrameReport), String> {
    let mut backend = CpuBackend::new(size, Scale::fit(app.viewport(), size));
    backend.set_memory_budget(profile.memory_budget);
    backend.set_background(app.background());
    let mut report = app.draw(&mut backend);
    if safe_area {
        if let Some((list, resources)) = app.last_display_list() {
            let commands = list.commands.iter().cloned().chain(safe_area_overlay(profile).commands).collect();
            report = backend.draw(&DisplayList { commands }, resources, None);
        }
    }
    Ok((backend.encode_png()?, report))
}
