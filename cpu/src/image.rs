//! Images: drawn from a cached copy at their physical size (a row copy when opaque), sampled
//! through a shader only under rotation or skew.

use tenfoot_renderer::{Corners, ImageFit, ImageId, ImagePixels, Rect, Transform};
use tiny_skia::{FillRule, FilterQuality, Paint, Pixmap, PixmapRef, SpreadMode};

use crate::backend::{new_pixmap, CpuBackend};
use crate::blit::blit;
use crate::budget::draw_fits;
use crate::cache::PixKey;
use crate::clip::{BlitClip, Region};
use crate::paths::{radii_key, rounded_rect_path, sk_transform};

impl CpuBackend {
    #[expect(clippy::too_many_arguments, reason = "the fields of one Image command plus drawing state")]
    pub(crate) fn draw_image(
        &mut self,
        st: &mut Region,
        t: &Transform,
        id: ImageId,
        pixels: &ImagePixels,
        rect: &Rect,
        fit: ImageFit,
        radii: &Corners,
        opacity: f32,
    ) {
        let abs = *t;
        let t = &st.local(&abs);
        let Some(pixels) = pixmap_ref(pixels) else { return };
        let key = image_key(id, &abs, rect, fit, radii);
        let fits = matches!(key, Some((PixKey::Image { w, h, .. }, _, _)) if draw_fits(&self.pixmap, w, h));
        if !t.is_axis_aligned() || !fits {
            // Rotated or skewed: sample through a shader each frame (rare on TV screens). So is
            // an image drawn far larger than the target: a copy at its drawn size would be past
            // the budget, the shader allocates nothing of that size.
            let clip = st.clip_mask_for(None);
            let (pattern, path_rect) = fit_transform(pixels, rect, fit);
            let shader = tiny_skia::Pattern::new(
                pixels,
                SpreadMode::Pad,
                FilterQuality::Bilinear,
                opacity,
                sk_transform(&pattern),
            );
            let paint = Paint { shader, anti_alias: true, ..Paint::default() };
            if let Some(path) = rounded_rect_path(&path_rect, radii) {
                st.target().fill_path(&path, &paint, FillRule::Winding, sk_transform(t), clip.as_deref());
            }
            return;
        }
        // Axis-aligned: draw a cached copy at its physical size, with corners baked in.
        let Some((key, x, y)) = key else { return };
        let (cached, opaque) = match self.touch(key) {
            Some(hit) => hit,
            None => {
                let PixKey::Image { w, h, .. } = key else { return };
                let scaled = prescale(pixels, w, h, fit, &radii.scaled(abs.sx.abs()));
                self.remember(key, scaled)
            }
        };
        let (ox, oy) = st.origin;
        let bc = st.blit_clip();
        blit(st.target(), &cached, x - ox, y - oy, opaque, opacity, bc);
    }
}

/// Decoded pixels seen as a tiny-skia pixmap, without a copy.
pub(crate) fn pixmap_ref(pixels: &ImagePixels) -> Option<PixmapRef<'_>> {
    PixmapRef::from_bytes(pixels.data(), pixels.width(), pixels.height())
}

/// The pattern transform (image pixels to logical) and the rect the image covers for `fit`.
pub(crate) fn fit_transform(pixels: PixmapRef<'_>, rect: &Rect, fit: ImageFit) -> (Transform, Rect) {
    let (iw, ih) = (pixels.width() as f32, pixels.height() as f32);
    let (sx, sy) = match fit {
        ImageFit::Fill => (rect.width / iw, rect.height / ih),
        ImageFit::Cover => {
            let s = (rect.width / iw).max(rect.height / ih);
            (s, s)
        }
        ImageFit::Contain => {
            let s = (rect.width / iw).min(rect.height / ih);
            (s, s)
        }
    };
    let (dw, dh) = (iw * sx, ih * sy);
    let (ox, oy) = (rect.x + (rect.width - dw) / 2.0, rect.y + (rect.height - dh) / 2.0);
    let covered = match fit {
        ImageFit::Contain => Rect::new(ox, oy, dw, dh),
        _ => *rect,
    };
    (Transform::translate(ox, oy).then(&Transform::scale(sx, sy)), covered)
}

/// The image resampled to `w`x`h` for `fit`, with the rounded corners cut (antialiased).
pub(crate) fn prescale(pixels: PixmapRef<'_>, w: u32, h: u32, fit: ImageFit, radii: &Corners) -> Pixmap {
    let rect = Rect::new(0.0, 0.0, w as f32, h as f32);
    let (pattern, covered) = fit_transform(pixels, &rect, fit);
    // The output pixels that show the image, and the source window they map to.
    let x0 = covered.x.round().max(0.0);
    let y0 = covered.y.round().max(0.0);
    let cw = ((covered.right().round().min(w as f32)) - x0).max(1.0);
    let ch = ((covered.bottom().round().min(h as f32)) - y0).max(1.0);
    let window =
        Rect::new((x0 - pattern.tx) / pattern.sx, (y0 - pattern.ty) / pattern.sy, cw / pattern.sx, ch / pattern.sy);
    let Some(scaled) = crate::resample::resample(pixels, window, cw as u32, ch as u32) else { return new_pixmap(w, h) };
    let mut out = if (cw as u32, ch as u32) == (w, h) {
        scaled
    } else {
        let mut out = new_pixmap(w, h);
        blit(&mut out, &scaled, x0 as i32, y0 as i32, false, 1.0, BlitClip::None);
        out
    };
    crate::resample::cut_corners(&mut out, &covered, radii);
    out
}

/// The cache key of image `id` drawn into `rect` under `abs` (axis-aligned), and its absolute
/// pixel position. `None` for absurd sizes.
pub(crate) fn image_key(
    id: ImageId,
    abs: &Transform,
    rect: &Rect,
    fit: ImageFit,
    radii: &Corners,
) -> Option<(PixKey, i32, i32)> {
    let dest = abs.map_rect(rect);
    let (x, y) = (dest.x.round() as i32, dest.y.round() as i32);
    let w = (dest.right().round() as i32 - x).max(1) as u32;
    let h = (dest.bottom().round() as i32 - y).max(1) as u32;
    if w > 16_384 || h > 16_384 {
        return None;
    }
    let radii = radii_key(&radii.scaled(abs.sx.abs()));
    Some((PixKey::Image { id, w, h, fit, radii }, x, y))
}
