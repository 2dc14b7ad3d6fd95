//! Images: drawn from a cached copy at their physical size (a row copy when opaque), sampled
//! through a shader only under rotation or skew.

use tenfoot_renderer::{Corners, ImageFit, ImageId, ImagePixels, Rect, Resources, Transform};
use tiny_skia::{FillRule, FilterQuality, Paint, Pixmap, PixmapRef, SpreadMode};

use crate::backend::{new_pixmap, CpuBackend};
use crate::blit::blit;
use crate::budget::draw_fits;
use crate::cache::PixKey;
use crate::clip::{BlitClip, Region};
use crate::paths::{radii_key, rounded_rect_path, sk_transform};

/// An image copied at its drawn size again within this many frames of its last copy (at another
/// size) is resizing, as under a scale animation: its decoded pixels are kept until it has
/// been still this long, instead of being decoded again for every frame's size.
pub(crate) const RESIZING_FRAMES: u64 = 120;

impl CpuBackend {
    /// Draws image `id` from its copy at the drawn size when the cache holds one; false when
    /// the image must be drawn from its decoded pixels ([`Self::draw_image`]).
    #[expect(clippy::too_many_arguments, reason = "the fields of one Image command plus drawing state")]
    pub(crate) fn draw_image_cached(
        &mut self,
        st: &mut Region,
        abs: &Transform,
        id: ImageId,
        rect: &Rect,
        fit: ImageFit,
        radii: &Corners,
        opacity: f32,
    ) -> bool {
        if !st.local(abs).is_axis_aligned() {
            return false;
        }
        let Some((key, x, y)) = image_key(id, abs, rect, fit, radii) else { return false };
        let Some((cached, opaque)) = self.touch(key) else { return false };
        let (ox, oy) = st.origin;
        let bc = st.blit_clip();
        blit(&mut st.target(), &cached, x - ox, y - oy, opaque, opacity, bc);
        true
    }

    /// After image `id` was copied into the cache at a new size: its decoded pixels are
    /// released back to the store (which decodes them again if another size is drawn), unless
    /// it was copied at another size lately, where they are kept while it keeps resizing.
    pub(crate) fn copied_image(&mut self, id: ImageId, res: &mut Resources) {
        let frame = self.frame;
        match self.resizing.insert(id, frame) {
            Some(last) if frame.saturating_sub(last) <= RESIZING_FRAMES => {}
            _ => {
                // A first copy: keep the frame to recognise a resize, and release now.
                res.images.release(id);
            }
        }
    }

    /// Releases the decoded pixels of images that stopped resizing (end of each frame).
    pub(crate) fn release_idle_decodes(&mut self, res: &mut Resources) {
        let frame = self.frame;
        self.resizing.retain(|id, last| {
            let idle = frame.saturating_sub(*last) > RESIZING_FRAMES;
            if idle {
                res.images.release(*id);
            }
            !idle
        });
    }

    /// Draws decoded `pixels` where [`Self::draw_image_cached`] found no copy at the drawn size;
    /// returns whether a copy was made and cached (the decoded pixels are then no longer needed
    /// to draw it at this size).
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
    ) -> bool {
        let abs = *t;
        let t = &st.local(&abs);
        let Some(pixels) = pixmap_ref(pixels) else { return false };
        let key = image_key(id, &abs, rect, fit, radii);
        let fits = matches!(key, Some((PixKey::Image { w, h, .. }, _, _)) if draw_fits(self.frame_size, w, h));
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
            return false;
        }
        // Axis-aligned: make the copy at its physical size, with corners baked in (the cache
        // was asked first and had none).
        let Some((key @ PixKey::Image { w, h, .. }, x, y)) = key else { return false };
        let scaled = prescale(pixels, w, h, fit, &radii.scaled(abs.sx.abs()));
        let (cached, opaque) = self.remember(key, scaled, true);
        // Past the cache's budget the copy is drawn once and dropped: keep the decode.
        let copied = self.pixmaps.contains_key(&key);
        let (ox, oy) = st.origin;
        let bc = st.blit_clip();
        blit(&mut st.target(), &cached, x - ox, y - oy, opaque, opacity, bc);
        copied
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
        blit(&mut out.as_mut(), &scaled, x0 as i32, y0 as i32, false, 1.0, BlitClip::None);
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

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::{Backend, Command, DisplayList, MemoryAssets, PhysicalSize, Scale};

    /// A 40x30 PNG of a gradient with a translucent corner (so resampling has work to do).
    #[expect(clippy::panic, reason = "a test fails by panicking")]
    fn png() -> Vec<u8> {
        let img = image::RgbaImage::from_fn(40, 30, |x, y| {
            let a = if x < 8 && y < 8 { 120 } else { 255 };
            image::Rgba([(x * 6) as u8, (y * 8) as u8, 200, a])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        match img.write_to(&mut out, image::ImageFormat::Png) {
            Ok(()) => out.into_inner(),
            Err(e) => panic!("encode: {e}"),
        }
    }

    fn list(image: ImageId, w: f32) -> DisplayList {
        DisplayList {
            commands: vec![Command::Image {
                image,
                rect: Rect::new(5.0, 4.0, w, w * 0.75),
                fit: ImageFit::Cover,
                radii: Corners::all(6.0),
                opacity: 1.0,
            }],
        }
    }

    #[test]
    fn a_decode_is_released_once_copied_and_kept_while_the_image_resizes() {
        let bytes = png();
        let mut res = Resources::embedded();
        res.assets = Box::new(MemoryAssets::new().with("p.png", bytes.clone()));
        let id = res.images.id("p.png");
        // The straightforward path: the same pixels pushed by a host, never released.
        let mut kept = Resources::embedded();
        let pushed = crate::decode_image("p.png", &bytes).map(std::sync::Arc::new);
        let kept_id = kept.images.insert_decoded("p.png", pushed);
        let new = || CpuBackend::new(PhysicalSize::new(120, 90), Scale(1.0));
        let (mut b, mut reference) = (new(), new());
        let frame =
            |w: f32, b: &mut CpuBackend, reference: &mut CpuBackend, res: &mut Resources, kept: &mut Resources| {
                let errors = b.draw(&list(id, w), res, None).errors;
                assert!(errors.is_empty(), "{errors:?}");
                reference.draw(&list(kept_id, w), kept, None);
                assert!(b.pixmap().data() == reference.pixmap().data(), "width {w}");
            };
        frame(80.0, &mut b, &mut reference, &mut res, &mut kept);
        assert!(res.images.decoded(id).is_none(), "released after its first copy");
        frame(80.0, &mut b, &mut reference, &mut res, &mut kept);
        assert!(res.images.decoded(id).is_none(), "a cache hit decodes nothing");
        // Another size: decoded again, and kept while sizes keep changing.
        for w in [84.0, 88.0, 92.0] {
            frame(w, &mut b, &mut reference, &mut res, &mut kept);
            assert!(res.images.decoded(id).is_some(), "kept while resizing (width {w})");
        }
        for _ in 0..=RESIZING_FRAMES {
            frame(92.0, &mut b, &mut reference, &mut res, &mut kept);
        }
        assert!(res.images.decoded(id).is_none(), "released once still");
        assert!(kept.images.decoded(kept_id).is_some(), "a host's pixels are never released");
        frame(60.0, &mut b, &mut reference, &mut res, &mut kept);
    }
}
