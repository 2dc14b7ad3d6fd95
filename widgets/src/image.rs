//! Image: an asset drawn with a fit mode, clipped to rounded corners. A missing or corrupt
//! source draws a neutral placeholder and is reported once; it never panics.

use tenfoot_toolkit::El;

/// An image element showing the asset at `source` (fit: cover). Give it a size or an aspect
/// ratio: images do not size themselves from their pixels, so layout never waits on a decode.
pub fn image(source: impl Into<String>) -> El {
    El::new().image(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::{Command, PhysicalSize};
    use tenfoot_toolkit::App;

    #[test]
    fn image_paints_an_image_command_with_radii() {
        let mut app = App::headless();
        app.set_root(image("posters/none.png").size(200.0, 300.0).radius(16.0));
        let list = app.display_list();
        let found = list.commands.iter().any(|c| matches!(c, Command::Image { radii, .. } if radii.top_left == 16.0));
        assert!(found, "{list:?}");
    }

    #[test]
    fn missing_image_reports_and_draws_placeholder() {
        let mut app = App::headless();
        app.set_root(image("posters/none.png").size(200.0, 300.0));
        let (backend, report) = app.render(PhysicalSize::new(480, 270));
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        assert!(report.errors[0].contains("posters/none.png"));
        // The placeholder is drawn where the image would be (not left black).
        let px = backend.pixmap().pixel(20, 20).map(|p| p.red()).unwrap_or(0);
        assert!(px > 30, "placeholder pixel {px}");
    }
}
