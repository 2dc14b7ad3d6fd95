//! Image: an asset drawn with a fit mode (cover, contain, fill), clipped to rounded corners.
//!
//! While the image is loading ([`ImageExt::loading_when`]: a host that fetches images sets a
//! signal) a placeholder block in the theme's raised-surface colour stands in for it. A source that cannot be decoded is swapped for an error image when one
//! is given ([`ImageExt::error_image`]) and reported; without one the backend draws a neutral
//! placeholder. Nothing here panics on bad bytes.

use tenfoot_renderer::{ImageError, ImageFit};
use tenfoot_toolkit::{App, El, Entity, ImageContent, Source};

use crate::theme::theme;

/// An image element showing the asset at `source` (fit: cover). Give it a size or an aspect
/// ratio: images do not size themselves from their pixels, so layout never waits on a decode.
pub fn image(source: impl Into<String>) -> El {
    El::new().image(source)
}

/// Image options, chainable on any element made by [`image`].
pub trait ImageExt {
    /// How the image fills its box.
    fn image_fit(self, fit: ImageFit) -> El;
    /// Shows `fallback` instead when the source cannot be loaded or decoded (checked when the
    /// element mounts; the failure is reported once in `Frame::errors`).
    fn error_image(self, fallback: impl Into<String>) -> El;
    /// Shows only the placeholder while `loading` is true (a `Signal<bool>` or `Memo<bool>`).
    fn loading_when(self, loading: impl Source<bool>) -> El;
}

impl ImageExt for El {
    fn image_fit(self, fit: ImageFit) -> El {
        self.fit(fit)
    }

    fn error_image(self, fallback: impl Into<String>) -> El {
        let fallback = fallback.into();
        self.bind(move |app, e| swap_if_broken(app, e, &fallback))
    }

    fn loading_when(self, loading: impl Source<bool>) -> El {
        self.bind(move |app, e| {
            let loading = loading.read(app);
            // The placeholder block is painted only while loading: under a loaded image its
            // anti-aliased rounded edge would show as a faint rim around the picture.
            let placeholder = loading.then(|| theme(app).surface_raised);
            app.update_image(e, |i| i.opacity = if loading { 0.0 } else { 1.0 });
            app.update_visual(e, |v| v.background = placeholder);
        })
    }
}

/// Decodes the image of `e` now with the app's decoder (the backend would on first draw; the
/// result is cached either way) and swaps in `fallback` if that fails. Without a decoder (a
/// device decodes on its own side) only a missing file can be seen here.
fn swap_if_broken(app: &mut App, e: Entity, fallback: &str) {
    let Some(source) = app.world().get::<&ImageContent>(e).ok().map(|i| i.source.clone()) else { return };
    if source == fallback {
        return;
    }
    let resources = app.resources_mut();
    let id = resources.images.id(&source);
    let checked = match resources.decoder.clone() {
        Some(decoder) => resources.images.pixels(id, resources.assets.as_ref(), decoder.as_ref()).map(drop),
        None => resources
            .assets
            .load(&source)
            .map(drop)
            .map_err(|e| ImageError { source: source.clone(), reason: e.reason }),
    };
    if let Err(err) = checked {
        app.report_error(format!("{err}; showing `{fallback}` instead"));
        let fallback = fallback.to_owned();
        app.update_image(e, |i| i.source = fallback);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tenfoot_renderer::{Command, MemoryAssets, PhysicalSize, Resources};
    use tenfoot_toolkit::App;

    /// A 2x2 PNG of one colour.
    fn png(color: [u8; 4]) -> Vec<u8> {
        let mut pixmap = tenfoot_cpu::Pixmap::new(2, 2).unwrap();
        pixmap.fill(tiny_skia::Color::from_rgba8(color[0], color[1], color[2], color[3]));
        tenfoot_cpu::encode_png_fast(&pixmap).unwrap()
    }

    fn app_with(files: &[(&str, Vec<u8>)]) -> App {
        let mut assets = MemoryAssets::new();
        for (p, b) in files {
            assets.insert(*p, b.clone());
        }
        let resources = Resources::new(tenfoot_renderer::EmbeddedAssets::over(assets)).unwrap();
        App::new(resources.with_decoder(tenfoot_cpu::ImageCodec))
    }

    fn render(app: &mut App, size: PhysicalSize) -> (tenfoot_cpu::CpuBackend, tenfoot_renderer::FrameReport) {
        let mut backend = tenfoot_cpu::CpuBackend::new(size, tenfoot_renderer::Scale::fit(app.viewport(), size));
        let report = app.draw(&mut backend);
        (backend, report)
    }

    #[test]
    fn image_paints_an_image_command_with_radii() {
        let mut app = App::headless();
        app.set_root(image("posters/none.png").size(200.0, 300.0).radius(16.0));
        let list = app.display_list().clone();
        let found = list.commands.iter().any(|c| matches!(c, Command::Image { radii, .. } if radii.top_left == 16.0));
        assert!(found, "{list:?}");
    }

    #[test]
    fn missing_image_reports_and_draws_placeholder() {
        let mut app = App::headless();
        app.set_root(image("posters/none.png").size(200.0, 300.0));
        let (backend, report) = render(&mut app, PhysicalSize::new(480, 270));
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        assert!(report.errors[0].contains("posters/none.png"));
        let px = backend.pixmap().pixel(20, 20).map(|p| p.red()).unwrap_or(0);
        assert!(px > 30, "placeholder pixel {px}");
    }

    #[test]
    fn a_broken_image_is_swapped_for_the_error_image() {
        let mut app = app_with(&[("broken.png", b"not a png".to_vec()), ("error.png", png([200, 0, 0, 255]))]);
        app.set_root(image("broken.png").error_image("error.png").size(100.0, 100.0).name("img"));
        let e = app.find("img").unwrap();
        assert_eq!(app.world().get::<&ImageContent>(e).unwrap().source, "error.png");
        let errors = app.frame(Duration::from_millis(16), &[]).errors;
        assert!(errors.iter().any(|m| m.contains("broken.png") && m.contains("error.png")), "{errors:?}");
        // A good image is left alone.
        app.set_root(image("error.png").error_image("other.png").size(100.0, 100.0).name("ok"));
        let ok = app.find("ok").unwrap();
        assert_eq!(app.world().get::<&ImageContent>(ok).unwrap().source, "error.png");
    }

    #[test]
    fn loading_hides_the_image_until_the_signal_clears() {
        let mut app = App::headless();
        let loading = app.signal(true);
        app.set_root(image("posters/poster-00.png").loading_when(loading).size(100.0, 150.0).name("img"));
        let e = app.find("img").unwrap();
        assert_eq!(app.world().get::<&ImageContent>(e).unwrap().opacity, 0.0);
        let bg = |app: &App| app.world().get::<&tenfoot_toolkit::Visual>(e).unwrap().background;
        assert_eq!(bg(&app), Some(crate::Theme::dark().surface_raised), "placeholder while loading");
        loading.set(&mut app, false);
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(app.world().get::<&ImageContent>(e).unwrap().opacity, 1.0);
        assert_eq!(bg(&app), None);
    }
}
