//! The clip stack and per-region drawing state: rectangles kept as pixel bounds, masks only
//! where a shape crosses them or the clip is rounded or transformed.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use tenfoot_renderer::{Corners, Rect, Transform};
use tiny_skia::{FillRule, Mask, Pixmap, PixmapMut};

use crate::backend::new_pixmap;
use crate::paths::{rounded_rect_path, sk_transform};

/// Per-region drawing state.
pub(crate) struct Region<'a> {
    /// The region's pixels: rows of the frame itself when the region spans the frame's width
    /// (contiguous, so drawn in place), else a pixmap of the region's own size.
    pub(crate) base: PixmapMut<'a>,
    /// Open opacity layers above `base`, innermost last.
    pub(crate) layers: Vec<(Pixmap, f32)>,
    /// Stands in for `base` if it could not be borrowed again (it always can: same size).
    pub(crate) spare: Pixmap,
    pub(crate) origin: (i32, i32),
    pub(crate) transforms: Vec<Transform>,
    /// The clip stack: the combined clip at each depth.
    pub(crate) clips: Vec<Clip>,
}

/// One level of the clip stack (in the region's pixel coordinates).
#[derive(Clone, Default)]
pub(crate) enum Clip {
    #[default]
    None,
    /// A hard-edged axis-aligned rectangle `[x0, y0, x1, y1)` (rails, scroll containers, the
    /// page): bitmaps and fills inside it are clipped geometrically and keep their fast paths.
    /// Its mask is made only when a path or glyph crosses its edge.
    Rect([i32; 4], Rc<OnceCell<Option<Arc<Mask>>>>),
    /// Anything else (rounded corners, transforms, or inside such a clip): a coverage mask.
    Mask(Arc<Mask>),
}

impl Clip {
    pub(crate) fn rect(px: [i32; 4]) -> Self {
        Clip::Rect(px, Rc::default())
    }

    /// The clip as a mask the size of the region (made once for a rectangle).
    pub(crate) fn mask(&self, size: (u32, u32)) -> Option<Arc<Mask>> {
        match self {
            Clip::None => None,
            Clip::Mask(m) => Some(m.clone()),
            Clip::Rect(px, cell) => cell.get_or_init(|| rect_mask(size, *px).map(Arc::new)).clone(),
        }
    }
}

/// How a bitmap blit must be clipped.
#[derive(Clone)]
pub(crate) enum BlitClip {
    None,
    Rect([i32; 4]),
    Mask(Arc<Mask>),
}

impl<'a> Region<'a> {
    /// A region drawing into `base`, whose top-left pixel is `origin` in the frame, under the
    /// absolute transform `root`.
    pub(crate) fn new(base: PixmapMut<'a>, origin: (i32, i32), root: Transform) -> Self {
        Region {
            base,
            layers: Vec::new(),
            spare: new_pixmap(1, 1),
            origin,
            transforms: vec![root],
            clips: vec![Clip::None],
        }
    }

    /// The current transform in absolute physical pixels (independent of the region).
    pub(crate) fn transform(&self) -> Transform {
        self.transforms.last().copied().unwrap_or_default()
    }

    /// `abs` moved into this region's pixmap coordinates.
    pub(crate) fn local(&self, abs: &Transform) -> Transform {
        Transform::translate(-self.origin.0 as f32, -self.origin.1 as f32).then(abs)
    }

    /// Where draws go: the innermost opacity layer, or the region itself.
    pub(crate) fn target(&mut self) -> PixmapMut<'_> {
        if let Some((layer, _)) = self.layers.last_mut() {
            return layer.as_mut();
        }
        let (w, h) = (self.base.width(), self.base.height());
        match PixmapMut::from_bytes(self.base.data_mut(), w, h) {
            Some(p) => p,
            None => self.spare.as_mut(),
        }
    }

    /// The current clip for bitmap blits.
    pub(crate) fn blit_clip(&self) -> BlitClip {
        match self.clips.last() {
            None | Some(Clip::None) => BlitClip::None,
            Some(Clip::Rect(px, _)) => BlitClip::Rect(*px),
            Some(Clip::Mask(m)) => BlitClip::Mask(m.clone()),
        }
    }

    /// The mask a path or glyph covering `area` (region pixels, anti-aliasing included) must be
    /// drawn with: none when no clip applies or `area` lies inside a rectangle clip.
    pub(crate) fn clip_mask_for(&self, area: Option<[i32; 4]>) -> Option<Arc<Mask>> {
        match self.clips.last() {
            None | Some(Clip::None) => None,
            Some(Clip::Rect(px, _)) if area.is_some_and(|a| contains(px, &a)) => None,
            Some(clip) => clip.mask(self.size()),
        }
    }

    /// [`Self::clip_mask_for`] a shape `r` drawn with the region-local transform `t`.
    pub(crate) fn clip_mask_for_shape(&self, t: &Transform, r: &Rect) -> Option<Arc<Mask>> {
        let area = t.map_rect(r);
        let area = area.is_finite().then(|| {
            [area.x.floor() - 1.0, area.y.floor() - 1.0, area.right().ceil() + 1.0, area.bottom().ceil() + 1.0]
                .map(|v| v.clamp(-1e9, 1e9) as i32)
        });
        self.clip_mask_for(area)
    }

    pub(crate) fn size(&self) -> (u32, u32) {
        (self.base.width(), self.base.height())
    }
}

/// The pixel rectangle `[x0, y0, x1, y1)` a hard-edged (not anti-aliased) fill of `r` covers:
/// the pixels whose centres are inside, an edge through a centre rounding up (as tiny-skia's
/// scan converter rounds edges to the nearest pixel boundary).
pub(crate) fn hard_edge_pixels(r: &Rect) -> [i32; 4] {
    [r.x, r.y, r.right(), r.bottom()]
        .map(|v| (v + 0.5).floor())
        .map(|v| v.clamp(i32::MIN as f32, i32::MAX as f32) as i32)
}

pub(crate) fn clip_mask(
    size: (u32, u32),
    t: &Transform,
    rect: &Rect,
    radii: &Corners,
    previous: Option<&Mask>,
) -> Option<Mask> {
    let mut mask = Mask::new(size.0, size.1)?;
    if let Some(path) = rounded_rect_path(rect, radii) {
        mask.fill_path(&path, FillRule::Winding, !(radii.is_zero() && t.is_axis_aligned()), sk_transform(t));
    }
    if let Some(prev) = previous {
        for (m, p) in mask.data_mut().iter_mut().zip(prev.data()) {
            *m = ((*m as u32 * *p as u32 + 127) / 255) as u8;
        }
    }
    Some(mask)
}

/// A region-sized mask covering the pixel rectangle `px` (clamped to the region).
pub(crate) fn rect_mask(size: (u32, u32), px: [i32; 4]) -> Option<Mask> {
    let mut mask = Mask::new(size.0, size.1)?;
    let (w, h) = (size.0 as i32, size.1 as i32);
    let (x0, x1) = (px[0].clamp(0, w), px[2].clamp(0, w));
    let (y0, y1) = (px[1].clamp(0, h), px[3].clamp(0, h));
    if x0 < x1 {
        let data = mask.data_mut();
        for y in y0..y1 {
            let row = (y * w) as usize;
            data[row + x0 as usize..row + x1 as usize].fill(255);
        }
    }
    Some(mask)
}

/// Whether the pixel rectangle `outer` contains `inner`.
pub(crate) fn contains(outer: &[i32; 4], inner: &[i32; 4]) -> bool {
    inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blit::fill_opaque;
    use crate::paths::sk_color;
    use tenfoot_renderer::Color;
    use tiny_skia::Paint;

    #[test]
    fn the_opaque_rect_fill_covers_what_a_hard_edged_path_fill_covers() {
        let color = Color::rgb(200, 30, 90);
        let mut n = 0u32;
        // Fractional positions and sizes, some partly off the pixmap.
        for i in 0..800 {
            // Arbitrary fractions, then quarters (edges exactly through pixel centres).
            let steps = if i < 400 { 1000 } else { 4 };
            let f =
                |k: u32| ((i * 7919 + k * 104_729) % 1000 % steps) as f32 / steps as f32 + ((i * k) % 7) as f32 / 7.0;
            let r = Rect::new(f(1) * 40.0 - 8.0, f(2) * 30.0 - 6.0, f(3) * 30.0, f(4) * 20.0);
            let mut want = new_pixmap(32, 24);
            let mut paint = Paint::default();
            paint.set_color(sk_color(color));
            paint.anti_alias = false;
            if let Some(path) = rounded_rect_path(&r, &Corners::ZERO) {
                want.fill_path(&path, &paint, FillRule::Winding, tiny_skia::Transform::identity(), None);
            }
            let mut got = new_pixmap(32, 24);
            fill_opaque(&mut got.as_mut(), hard_edge_pixels(&r), None, color);
            assert!(want.data() == got.data(), "rect {r:?}");
            n += u32::from(want.data().iter().any(|&b| b != 0));
        }
        assert!(n > 250, "most rectangles cover pixels ({n})");
    }

    #[test]
    fn a_rectangle_clip_is_the_mask_tiny_skia_would_make() {
        // Fractional rectangles under the scales the preview uses, some crossing the region's
        // edges: the clip's pixel rectangle as a mask equals the hard-edged mask fill.
        let size = (48u32, 40u32);
        for i in 0..600u32 {
            let f = |k: u32| ((i * 7919 + k * 104_729) % 1000) as f32 / 1000.0;
            let quarter = |k: u32| ((i * 31 + k * 17) % 4) as f32 / 4.0;
            let scale = [0.5, 1.0, 1.5, 2.0][(i % 4) as usize];
            let t = Transform::translate(-3.0, -5.0).then(&Transform::scale(scale, scale));
            let (fx, fy) = if i % 2 == 0 { (f(1), f(2)) } else { (quarter(1), quarter(2)) };
            let r = Rect::new(fx * 40.0 - 5.0, fy * 30.0 - 5.0, f(3) * 35.0 + 0.5, f(4) * 30.0 + 0.5);
            let want = clip_mask(size, &t, &r, &Corners::ZERO, None).expect("mask");
            let got = rect_mask(size, hard_edge_pixels(&t.map_rect(&r))).expect("mask");
            assert!(want.data() == got.data(), "rect {r:?} scale {scale}");
        }
    }

    #[test]
    fn draws_inside_a_rectangle_clip_need_no_mask_and_crossing_ones_get_it() {
        let mut pm = new_pixmap(100, 80);
        let mut st = Region::new(pm.as_mut(), (0, 0), Transform::IDENTITY);
        st.clips.push(Clip::rect([10, 10, 90, 70]));
        assert!(st.clip_mask_for(Some([20, 20, 40, 40])).is_none(), "inside: clipped by nothing");
        let m = st.clip_mask_for(Some([5, 20, 40, 40])).expect("crossing the left edge");
        assert_eq!(m.data()[10 * 100 + 9], 0);
        assert_eq!(m.data()[10 * 100 + 10], 255);
        assert_eq!(m.data()[69 * 100 + 89], 255);
        assert_eq!(m.data()[70 * 100 + 89], 0);
        st.clips.pop();
        assert!(st.clip_mask_for(Some([5, 20, 40, 40])).is_none(), "no clip");
    }
}
