//! The CPU backend's memory budget: one number in bytes for everything it allocates besides its
//! frame buffer, split between the bitmap cache, the glyph cache and what one frame holds at
//! once (opacity layers, clip masks). Hostile display lists (thousands of distinct shadows, deep
//! stacks of rounded clips or opacity layers, a bitmap drawn at 16,384 px) stay within it: caches
//! evict or refuse, a frame past its share draws the rest in a cheaper, reported way.
//!
//! Owns: the numbers and the per-frame accounting ([`FrameBudget`]). Must not touch: pixel
//! loops (`blit.rs`) or what a command draws; callers ask here and pick their fallback.

/// The default budget: 256 MiB beyond the frame buffer.
pub const DEFAULT_MEMORY_BUDGET: usize = 256 * 1024 * 1024;

/// Opacity layers nested deeper than this are drawn straight into their parent (reported).
pub const MAX_LAYER_DEPTH: usize = 16;

/// Clip masks nested deeper than this hide what they contain (reported).
pub const MAX_MASK_DEPTH: usize = 16;

/// A pre-scaled bitmap (image, shadow, gradient) may cover at most this many times the
/// target's pixels; larger draws take a path that allocates nothing of their size.
pub const MAX_DRAW_AREA_FACTOR: u64 = 4;

/// The budget's split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Budget {
    /// The whole budget.
    pub(crate) total: usize,
    /// Pre-scaled images, shadows and gradients (3/8).
    pub(crate) pixmaps: usize,
    /// Glyph masks (1/8).
    pub(crate) glyphs: usize,
    /// Opacity layers and clip masks alive at once within a frame (1/2).
    pub(crate) frame: usize,
}

impl Budget {
    pub(crate) fn new(total: usize) -> Self {
        // Below 16 MiB nothing useful fits (one 1080p layer is 8 MiB).
        let total = total.max(16 * 1024 * 1024);
        Budget { total, pixmaps: total / 8 * 3, glyphs: total / 8, frame: total / 2 }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(DEFAULT_MEMORY_BUDGET)
    }
}

/// What the frame being drawn holds in layers and masks, and what it refused.
#[derive(Default)]
pub(crate) struct FrameBudget {
    /// Bytes of layers and masks on the stacks now.
    pub(crate) held: usize,
    /// Bytes each pushed layer or mask clip added (0 for those that allocated nothing), so pops
    /// give them back.
    pub(crate) layer_bytes: Vec<usize>,
    pub(crate) clip_bytes: Vec<usize>,
    /// Opacity pushes drawn without a layer, still open (their pops must not pop a layer).
    pub(crate) flattened: usize,
}

/// Bytes of an RGBA8 pixmap of `w` x `h`.
pub(crate) fn pixmap_bytes(w: u32, h: u32) -> usize {
    w as usize * h as usize * 4
}

/// Whether a bitmap of `w` x `h` may be allocated for a draw into a frame of `frame` pixels.
pub(crate) fn draw_fits(frame: (u32, u32), w: u32, h: u32) -> bool {
    let target_area = u64::from(frame.0.max(1920)) * u64::from(frame.1.max(1080));
    u64::from(w) * u64::from(h) <= MAX_DRAW_AREA_FACTOR * target_area
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CpuBackend;
    use std::sync::Arc;
    use tenfoot_renderer::{
        Backend, Color, Command, Corners, DisplayList, FontId, Glyph, GlyphRun, GradientStop, ImageFit, ImagePixels,
        PhysicalSize, Point, Rect, Resources, Scale,
    };

    fn draw(b: &mut CpuBackend, commands: Vec<Command>, res: &mut Resources) -> Vec<String> {
        b.draw(&DisplayList { commands }, res, None).errors
    }

    fn small_backend() -> CpuBackend {
        let mut b = CpuBackend::new(PhysicalSize::new(320, 180), Scale(1.0));
        b.set_memory_budget(16 * 1024 * 1024);
        b
    }

    #[test]
    fn distinct_shadows_in_one_frame_stay_within_the_bitmap_budget() {
        let mut b = small_backend();
        let mut res = Resources::embedded();
        let shadows = (0..80)
            .map(|i| Command::BoxShadow {
                rect: Rect::new(10.0, 10.0, 100.0 + i as f32, 120.0),
                radii: Corners::all(8.0),
                offset: Point::new(0.0, 4.0),
                blur: 30.0,
                spread: 0.0,
                color: Color::rgba(0, 0, 0, 100),
            })
            .collect();
        let errors = draw(&mut b, shadows, &mut res);
        assert!(b.cache_bytes() <= b.budget.pixmaps, "{} bytes cached", b.cache_bytes());
        assert!(errors.iter().any(|e| e.contains("drawn uncached")), "{errors:?}");
        assert!(b.pixmap().pixels().iter().any(|p| p.alpha() == 255 && p.red() < 20), "shadows were drawn");
    }

    #[test]
    fn distinct_gradients_stay_within_the_bitmap_budget() {
        let mut b = small_backend();
        let mut res = Resources::embedded();
        let stops = vec![
            GradientStop { offset: 0.0, color: Color::rgb(255, 0, 0) },
            GradientStop { offset: 1.0, color: Color::rgb(0, 0, 255) },
        ];
        let list = (0..100)
            .map(|i| Command::LinearGradient {
                rect: Rect::new(0.0, 0.0, 300.0 + i as f32, 170.0),
                radii: Corners::ZERO,
                start: Point::new(0.0, 0.0),
                end: Point::new(1.0, 0.0),
                stops: stops.clone(),
            })
            .collect();
        draw(&mut b, list, &mut res);
        assert!(b.cache_bytes() <= b.budget.pixmaps);
    }

    #[test]
    fn glyphs_at_many_sizes_stay_within_the_glyph_budget() {
        let mut b = small_backend();
        let mut res = Resources::embedded();
        let runs = (0..150)
            .map(|i| {
                Command::GlyphRun(GlyphRun {
                    font: FontId(0),
                    size: 200.0 + i as f32 * 10.0,
                    color: Color::WHITE,
                    origin: Point::new(10.0, 150.0),
                    glyphs: vec![Glyph { id: 36, x: 0.0, y: 0.0 }, Glyph { id: 37, x: 80.0, y: 0.0 }],
                })
            })
            .collect();
        draw(&mut b, runs, &mut res);
        // The cache is emptied when it passes its share, before the next mask goes in.
        assert!(b.glyph_cache_bytes() <= b.budget.glyphs + 2048 * 2048 * 4, "{}", b.glyph_cache_bytes());
    }

    #[test]
    fn deep_opacity_layers_are_flattened_and_reported() {
        let mut b = small_backend();
        let mut res = Resources::embedded();
        let rect = Rect::new(0.0, 0.0, 100.0, 100.0);
        let mut list = vec![Command::PushOpacity(0.5); 256];
        list.push(Command::FillRect { rect, radii: Corners::ZERO, color: Color::WHITE });
        list.extend(vec![Command::PopOpacity; 256]);
        let errors = draw(&mut b, list, &mut res);
        assert!(errors.iter().any(|e| e.contains("drawn without their opacity")), "{errors:?}");
        assert_eq!(b.frame_budget.held, 0, "every layer given back");
        // 16 layers at one half each: 255 / 2^16 rounds to nothing visible; what matters is
        // that the pushes and pops stayed paired, so the frame is whole and the background shows.
        let px = b.pixmap().pixel(200, 100).map(|p| (p.red(), p.alpha()));
        assert_eq!(px, Some((0, 255)));

        // A shallow stack is unchanged: 2 layers of one half give a quarter.
        let mut list = vec![Command::PushOpacity(0.5); 2];
        list.push(Command::FillRect { rect, radii: Corners::ZERO, color: Color::WHITE });
        list.extend(vec![Command::PopOpacity; 2]);
        draw(&mut b, list, &mut res);
        let red = b.pixmap().pixel(50, 50).map(|p| p.red()).unwrap_or(0);
        assert!((62..=66).contains(&red), "{red}");
    }

    #[test]
    fn deep_rounded_clips_hide_their_contents_past_the_limit() {
        let mut b = CpuBackend::new(PhysicalSize::new(3840, 2160), Scale(2.0));
        let mut res = Resources::embedded();
        let mut list = Vec::new();
        for i in 0..256 {
            let r = Rect::new(i as f32, i as f32, 1900.0 - 2.0 * i as f32, 1000.0 - 2.0 * i as f32);
            list.push(Command::PushClip { rect: r, radii: Corners::all(20.0) });
        }
        list.push(Command::FillRect {
            rect: Rect::new(0.0, 0.0, 1920.0, 1080.0),
            radii: Corners::ZERO,
            color: Color::WHITE,
        });
        list.extend(vec![Command::PopClip; 256]);
        let errors = draw(&mut b, list, &mut res);
        assert!(errors.iter().any(|e| e.contains("hide their contents")), "{errors:?}");
        assert_eq!(b.frame_budget.held, 0);
        assert!(b.frame_budget.clip_bytes.is_empty());

        // Within the limit, a rounded clip still clips.
        let list = vec![
            Command::PushClip { rect: Rect::new(100.0, 100.0, 200.0, 200.0), radii: Corners::all(20.0) },
            Command::FillRect { rect: Rect::new(0.0, 0.0, 1920.0, 1080.0), radii: Corners::ZERO, color: Color::WHITE },
            Command::PopClip,
        ];
        draw(&mut b, list, &mut res);
        assert_eq!(b.pixmap().pixel(400, 400).map(|p| p.red()), Some(255));
        assert_eq!(b.pixmap().pixel(100, 100).map(|p| p.red()), Some(0));
    }

    #[test]
    fn an_image_drawn_far_larger_than_the_target_is_not_copied_at_that_size() {
        let mut b = small_backend();
        let mut res = Resources::embedded();
        let pixels = ImagePixels::from_premultiplied(2, 2, vec![255; 16]).map(Arc::new).ok_or("2x2");
        let image = res.images.insert_decoded(
            "tiny",
            pixels.map_err(|e| tenfoot_renderer::ImageError { source: "tiny".into(), reason: e.into() }),
        );
        let list = vec![Command::Image {
            image,
            rect: Rect::new(-8000.0, -8000.0, 16384.0, 16384.0),
            fit: ImageFit::Fill,
            radii: Corners::ZERO,
            opacity: 1.0,
        }];
        draw(&mut b, list, &mut res);
        assert_eq!(b.cache_bytes(), 0, "drawn through the shader, nothing cached");
        assert_eq!(b.pixmap().pixel(100, 100).map(|p| p.red()), Some(255), "and it is drawn");
    }

    #[test]
    fn the_split_adds_up_and_has_a_floor() {
        let b = Budget::default();
        assert_eq!(b.pixmaps + b.glyphs + b.frame, b.total);
        assert_eq!(b.pixmaps, 96 * 1024 * 1024, "the bitmap cache keeps its former size");
        assert_eq!(Budget::new(0).total, 16 * 1024 * 1024);
    }
}
