//! Glyph runs: each glyph rasterized once per (font, size, subpixel offset) into a coverage
//! mask and blended with a plain loop.

use cosmic_text::{CacheKey, CacheKeyFlags, SwashContent};
use tenfoot_renderer::{FrameReport, GlyphRun, Point, Resources, Transform};
use tiny_skia::{Pixmap, PixmapPaint};

use crate::backend::CpuBackend;
use crate::blit::blit_mask;
use crate::clip::Region;
use crate::paths::positive;

/// Glyph masks kept before the cache is emptied (it is also emptied past its byte budget).
pub(crate) const GLYPH_CACHE_LIMIT: usize = 16_384;

pub(crate) struct GlyphMask {
    pub(crate) left: i32,
    pub(crate) top: i32,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// One byte per pixel coverage, or premultiplied RGBA for colour glyphs.
    pub(crate) data: Vec<u8>,
    pub(crate) color: bool,
}

impl CpuBackend {
    pub(crate) fn draw_glyphs(
        &mut self,
        st: &mut Region,
        t: &Transform,
        run: &GlyphRun,
        res: &mut Resources,
        report: &mut FrameReport,
    ) {
        if run.color.a == 0 || !positive(run.size) || !run.size.is_finite() {
            return;
        }
        let Some(face) = res.fonts.face(run.font).cloned() else {
            self.report(report, format!("glyph run uses unknown font #{}", run.font.0));
            return;
        };
        // Glyphs are rasterized at their physical size; rotation is approximated by position.
        let s = (t.sx * t.sx + t.ky * t.ky).sqrt();
        let size = (run.size * s).min(2048.0);
        let (rw, rh) = st.size();
        let (ox, oy) = st.origin;
        for g in &run.glyphs {
            // Absolute position: the glyph's subpixel bin must not depend on the region.
            let p = t.apply(Point::new(run.origin.x + g.x, run.origin.y + g.y));
            let (lx, ly) = (p.x - ox as f32, p.y - oy as f32);
            if !p.x.is_finite()
                || !p.y.is_finite()
                || lx < -size * 4.0
                || ly < -size * 4.0
                || lx > rw as f32 + size
                || ly > rh as f32 + size * 4.0
            {
                continue;
            }
            let (key, ix, iy) = CacheKey::new(
                face.db_id,
                g.id,
                size,
                (p.x, p.y.trunc()),
                cosmic_text::fontdb::Weight(face.weight.0),
                CacheKeyFlags::empty(),
            );
            if !self.glyphs.contains_key(&key) {
                if self.glyphs.len() >= GLYPH_CACHE_LIMIT || self.glyph_bytes > self.budget.glyphs {
                    self.glyphs.clear();
                    self.glyph_bytes = 0;
                }
                let mask = self.swash.get_image_uncached(res.fonts.system_mut(), key).map(|img| GlyphMask {
                    left: img.placement.left,
                    top: img.placement.top,
                    width: img.placement.width,
                    height: img.placement.height,
                    color: img.content == SwashContent::Color,
                    data: img.data,
                });
                self.glyph_bytes += mask.as_ref().map_or(0, |m| m.data.len()) + std::mem::size_of::<GlyphMask>();
                self.glyphs.insert(key, mask);
            }
            let Some(Some(mask)) = self.glyphs.get(&key) else { continue };
            if mask.width == 0 || mask.height == 0 {
                continue;
            }
            let (gx, gy) = (ix + mask.left - ox, iy - mask.top - oy);
            let clip = st.clip_mask_for(Some([gx, gy, gx + mask.width as i32, gy + mask.height as i32]));
            if mask.color {
                let mut data = mask.data.clone();
                tenfoot_renderer::premultiply(&mut data);
                if let Some(size) = tiny_skia::IntSize::from_wh(mask.width, mask.height) {
                    if let Some(pm) = Pixmap::from_vec(data, size) {
                        st.target().draw_pixmap(
                            gx,
                            gy,
                            pm.as_ref(),
                            &PixmapPaint::default(),
                            tiny_skia::Transform::identity(),
                            clip.as_deref(),
                        );
                    }
                }
            } else if mask.data.len() >= (mask.width * mask.height) as usize {
                blit_mask(&mut st.target(), gx, gy, mask.width, mask.height, &mask.data, run.color, clip.as_deref());
            }
        }
    }
}
