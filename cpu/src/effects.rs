//! Shadows (blurred coverage, cached per size) and gradients (cached per drawn size), and the
//! placeholder for images that failed.

use tenfoot_renderer::{Color, Command, Corners, GradientStop, ImageFit, Point, Rect, Transform};
use tiny_skia::{
    FillRule, GradientStop as SkStop, LinearGradient, Mask, Paint, PathBuilder, Pixmap, PixmapMut, Shader, SpreadMode,
};

use crate::backend::{new_pixmap, CpuBackend};
use crate::blit::{blend_over, blit, over_row, over_span, overlapping_rows_at};
use crate::budget::{draw_fits, MAX_DRAW_AREA_FACTOR};
use crate::cache::PixKey;
use crate::clip::{BlitClip, Region};
use crate::image::image_key;
use crate::paths::{radii_key, rounded_rect_path, sk_color, sk_transform};

/// Three box-blur passes per axis approximate a Gaussian of `sigma`, on an A8 buffer.
pub(crate) fn blur_a8(data: &mut [u8], w: usize, h: usize, sigma: f32) {
    if sigma < 0.5 || w == 0 || h == 0 {
        return;
    }
    // Box width for three passes (W3C filter effects approximation).
    let d = ((sigma * 3.0 * (2.0 * std::f32::consts::PI).sqrt() / 4.0) + 0.5).floor().max(1.0) as usize;
    let r = d / 2;
    let mut tmp = vec![0u8; w.max(h)];
    for _ in 0..3 {
        for y in 0..h {
            box_pass(&mut data[y * w..(y + 1) * w], 1, w, r, &mut tmp);
        }
        for x in 0..w {
            box_pass(&mut data[x..], w, h, r, &mut tmp);
        }
    }
}

pub(crate) fn box_pass(line: &mut [u8], step: usize, n: usize, r: usize, tmp: &mut [u8]) {
    let win = (2 * r + 1) as u32;
    let get = |line: &[u8], i: isize| -> u32 {
        if i < 0 || i as usize >= n {
            0
        } else {
            line[i as usize * step] as u32
        }
    };
    let mut sum: u32 = (0..=r as isize).map(|i| get(line, i)).sum();
    for (i, t) in tmp.iter_mut().enumerate().take(n) {
        *t = ((sum + win / 2) / win) as u8;
        sum += get(line, i as isize + r as isize + 1);
        sum -= get(line, i as isize - r as isize);
    }
    for i in 0..n {
        line[i * step] = tmp[i];
    }
}

impl CpuBackend {
    /// Gradients are cached as pixmaps at their drawn size: a full-screen scrim is then one
    /// blend per frame instead of a gradient shader evaluated per pixel. False (nothing drawn)
    /// when the drawn size is past what the budget lets one bitmap cover: the caller shades it.
    #[expect(clippy::too_many_arguments, reason = "the fields of one LinearGradient command plus drawing state")]
    pub(crate) fn draw_gradient_cached(
        &mut self,
        st: &mut Region,
        t: &Transform,
        rect: &Rect,
        radii: &Corners,
        start: Point,
        end: Point,
        stops: &[GradientStop],
    ) -> bool {
        let dest = t.map_rect(rect);
        let (x, y) = (dest.x.round() as i32, dest.y.round() as i32);
        let w = (dest.right().round() as i32 - x).max(1) as u32;
        let h = (dest.bottom().round() as i32 - y).max(1) as u32;
        if !draw_fits(self.frame_size, w, h) {
            return false;
        }
        let (x, y) = (x - st.origin.0, y - st.origin.1);
        let s = t.sx.abs();
        let key = PixKey::Gradient {
            w,
            h,
            radii: radii_key(&radii.scaled(s)),
            scale: (s * 1024.0).round() as u32,
            params: gradient_hash(start, end, rect, stops),
        };
        let strip = Strip::of(start, end, radii);
        let (cached, opaque) = match self.touch(key) {
            Some(hit) => hit,
            None => {
                let pm = gradient_bitmap(w, h, rect, radii, start, end, stops, strip);
                let may_be_opaque = radii.is_zero() && stops.iter().all(|s| s.color.a == 255);
                self.remember(key, pm, may_be_opaque)
            }
        };
        let bc = st.blit_clip();
        match strip {
            Some(axis) => blit_strip(&mut st.target(), &cached, axis, [x, y, w as i32, h as i32], bc),
            None => blit(&mut st.target(), &cached, x, y, opaque, 1.0, bc),
        }
        true
    }

    /// Absolute pixels that `next` certainly covers with opaque colour when it is the box of
    /// the shadow cast by `rect` (same rectangle and corners): an opaque fill, or an image
    /// already cached at this size, between its rounded corners.
    pub(crate) fn opaque_cover(
        &self,
        next: Option<&Command>,
        rect: &Rect,
        radii: &Corners,
        abs: &Transform,
    ) -> Option<[i32; 4]> {
        if !abs.is_axis_aligned() {
            return None;
        }
        match next? {
            Command::FillRect { rect: r, radii: rr, color } if r == rect && rr == radii && color.a == 255 => {
                let m = abs.map_rect(rect);
                let inset = [radii.top_left, radii.top_right, radii.bottom_right, radii.bottom_left]
                    .into_iter()
                    .fold(0.0f32, f32::max)
                    * abs.sx.abs();
                // Whole pixels inside, one pixel of margin from the anti-aliased edges.
                let band = [
                    (m.x + inset).ceil() + 1.0,
                    m.y.ceil() + 1.0,
                    (m.right() - inset).floor() - 1.0,
                    m.bottom().floor() - 1.0,
                ]
                .map(|v| v.clamp(-1e9, 1e9) as i32);
                (band[0] < band[2] && band[1] < band[3]).then_some(band)
            }
            Command::Image { image, rect: r, fit, radii: rr, opacity }
                if r == rect && rr == radii && *opacity >= 1.0 && *fit != ImageFit::Contain =>
            {
                let (key, x, y) = image_key(*image, abs, rect, *fit, radii)?;
                let b = self.pixmaps.get(&key)?.opaque_band?;
                Some([b[0] + x, b[1] + y, b[2] + x, b[3] + y])
            }
            _ => None,
        }
    }

    #[expect(clippy::too_many_arguments, reason = "the fields of one BoxShadow command plus drawing state")]
    pub(crate) fn draw_shadow(
        &mut self,
        st: &mut Region,
        t: &Transform,
        shape: &Rect,
        radii: &Corners,
        blur: f32,
        color: Color,
        hole: Option<[i32; 4]>,
    ) {
        let s = (t.sx * t.sx + t.ky * t.ky).sqrt();
        let mapped = t.map_rect(shape);
        let pad = (blur * s).ceil() as i32 + 1;
        let (x, y) = (mapped.x.round() as i32 - pad - st.origin.0, mapped.y.round() as i32 - pad - st.origin.1);
        let w = (mapped.width.round() as i32 + 2 * pad).max(1) as u32;
        let h = (mapped.height.round() as i32 + 2 * pad).max(1) as u32;
        if w > 8192 || h > 8192 || !draw_fits(self.frame_size, w, h) {
            self.note(format!("a {w}x{h} px shadow is larger than {MAX_DRAW_AREA_FACTOR} times the target: not drawn"));
            return;
        }
        let key =
            PixKey::Shadow { w, h, blur: (blur * s * 4.0).round() as u32, radii: radii_key(&radii.scaled(s)), color };
        let (pixmap, _) = match self.touch(key) {
            Some(hit) => hit,
            None => {
                let made = make_shadow(w, h, pad as f32, &radii.scaled(s), blur * s, color);
                // A shadow always fades out at its edges, and is blended whatever its alpha.
                self.remember(key, made, false)
            }
        };
        let rect = match st.blit_clip() {
            BlitClip::Mask(m) => {
                blit(&mut st.target(), &pixmap, x, y, false, 1.0, BlitClip::Mask(m));
                return;
            }
            BlitClip::Rect(r) => Some(r),
            BlitClip::None => None,
        };
        let Some([hx0, hy0, hx1, hy1]) = hole else {
            blend_over(&mut st.target(), &pixmap, x, y, 1.0, rect);
            return;
        };
        // Rows beside the hole are blended whole; rows through it, left and right of it.
        overlapping_rows_at(&mut st.target(), &pixmap, x, y, rect, |row, x0, srow, drow| {
            if row < hy0 || row >= hy1 {
                over_row(srow, drow);
                return;
            }
            let n = srow.len() / 4;
            let cut0 = (hx0 - x0).clamp(0, n as i32) as usize * 4;
            let cut1 = (hx1 - x0).clamp(0, n as i32) as usize * 4;
            over_row(&srow[..cut0], &mut drow[..cut0]);
            if cut1 > cut0 {
                over_row(&srow[cut1..], &mut drow[cut1..]);
            } else {
                over_row(&srow[cut0..], &mut drow[cut0..]);
            }
        });
    }
}

/// The bitmap of a gradient over `rect` drawn at `w`x`h` pixels, or one middle row (column) of
/// it for a strip: the shader is moved by whole pixels, so it computes exactly that row's pixels.
#[expect(clippy::too_many_arguments, reason = "the fields of one LinearGradient command plus its size")]
pub(crate) fn gradient_bitmap(
    w: u32,
    h: u32,
    rect: &Rect,
    radii: &Corners,
    start: Point,
    end: Point,
    stops: &[GradientStop],
    strip: Option<Strip>,
) -> Pixmap {
    let (pw, ph, sx, sy) = match strip {
        Some(Strip::Row) => (w, 1, 0, h / 2),
        Some(Strip::Column) => (1, h, w / 2, 0),
        None => (w, h, 0, 0),
    };
    let mut pm = new_pixmap(pw, ph);
    // Local space: the rect's origin at (0, 0), scaled like the target.
    let local = Transform::translate(-(sx as f32), -(sy as f32)).then(
        &Transform::scale(w as f32 / rect.width.max(1e-3), h as f32 / rect.height.max(1e-3))
            .then(&Transform::translate(-rect.x, -rect.y)),
    );
    if let (Some(paint), Some(path)) =
        (gradient_paint(start, end, stops, tiny_skia::Transform::identity()), rounded_rect_path(rect, radii))
    {
        pm.fill_path(&path, &paint, FillRule::Winding, sk_transform(&local), None);
    }
    pm
}

/// A gradient whose colour changes along one axis only, over square corners: every row (or
/// column) of its bitmap is the same, so one row (column) is cached instead of the whole area
/// (a full-screen scrim is 8 MB as a bitmap, 7.5 KB as a strip).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strip {
    /// Colour by column: one row is kept.
    Row,
    /// Colour by row: one column is kept.
    Column,
}

impl Strip {
    pub(crate) fn of(start: Point, end: Point, radii: &Corners) -> Option<Strip> {
        // Exactly axis-aligned: the shader's matrix then has an exact zero for the other axis.
        if !radii.is_zero() || start == end || !(start.x.is_finite() && start.y.is_finite()) {
            return None;
        }
        if start.y == end.y {
            Some(Strip::Row)
        } else if start.x == end.x {
            Some(Strip::Column)
        } else {
            None
        }
    }
}

/// Draws the `[x, y, w, h)` bitmap a strip stands for at the target's pixel (`x`, `y`): each row
/// blended with the strip's row, or with its column's pixel for that row (the same source-over
/// a whole bitmap's blit does, so the same pixels).
pub(crate) fn blit_strip(dst: &mut PixmapMut<'_>, strip: &Pixmap, axis: Strip, area: [i32; 4], clip: BlitClip) {
    let [x, y, w, h] = area;
    let rect = match clip {
        BlitClip::None => None,
        BlitClip::Rect(r) => Some(r),
        BlitClip::Mask(m) => {
            // A shaped clip: the covered part of the bitmap is made and drawn as a whole one.
            let (x0, y0) = (x.max(0), y.max(0));
            let x1 = (x + w).min(dst.width() as i32);
            let y1 = (y + h).min(dst.height() as i32);
            if x0 >= x1 || y0 >= y1 {
                return;
            }
            let mut part = new_pixmap((x1 - x0) as u32, (y1 - y0) as u32);
            let pw = part.width() as usize * 4;
            let sdata = strip.data();
            for (r, row) in part.data_mut().chunks_exact_mut(pw).enumerate() {
                match axis {
                    Strip::Row => {
                        let s = (x0 - x) as usize * 4;
                        row.copy_from_slice(&sdata[s..s + pw]);
                    }
                    Strip::Column => {
                        let i = (y0 - y) as usize + r;
                        let px = &sdata[i * 4..i * 4 + 4];
                        row.chunks_exact_mut(4).for_each(|p| p.copy_from_slice(px));
                    }
                }
            }
            blit(dst, &part, x0, y0, false, 1.0, BlitClip::Mask(m));
            return;
        }
    };
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let [cx0, cy0, cx1, cy1] = rect.unwrap_or([0, 0, dw, dh]);
    let (x0, x1) = (x.max(0).max(cx0), (x + w).min(dw).min(cx1));
    let (y0, y1) = (y.max(0).max(cy0), (y + h).min(dh).min(cy1));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let stride = dw as usize * 4;
    let (sdata, ddata) = (strip.data(), dst.data_mut());
    for row in y0..y1 {
        let drow = &mut ddata[row as usize * stride + x0 as usize * 4..row as usize * stride + x1 as usize * 4];
        match axis {
            Strip::Row => {
                let s = (x0 - x) as usize * 4;
                over_row(&sdata[s..s + drow.len()], drow);
            }
            Strip::Column => {
                let i = (row - y) as usize * 4;
                over_span(u32::from_le_bytes([sdata[i], sdata[i + 1], sdata[i + 2], sdata[i + 3]]), drow);
            }
        }
    }
}

/// A paint for a linear gradient from `start` to `end` (in the space `transform` maps from).
pub(crate) fn gradient_paint(
    start: Point,
    end: Point,
    stops: &[GradientStop],
    transform: tiny_skia::Transform,
) -> Option<Paint<'static>> {
    let sk_stops: Vec<SkStop> = stops
        .iter()
        .map(|s| SkStop::new(if s.offset.is_finite() { s.offset.clamp(0.0, 1.0) } else { 0.0 }, sk_color(s.color)))
        .collect();
    let shader = match sk_stops.len() {
        0 => return None,
        1 => Shader::SolidColor(sk_color(stops[0].color)),
        _ => LinearGradient::new(
            tiny_skia::Point::from_xy(start.x, start.y),
            tiny_skia::Point::from_xy(end.x, end.y),
            sk_stops,
            SpreadMode::Pad,
            transform,
        )?,
    };
    Some(Paint { shader, anti_alias: true, ..Paint::default() })
}

/// A hash of a gradient's shape-independent parameters, for the pixmap cache key.
pub(crate) fn gradient_hash(start: Point, end: Point, rect: &Rect, stops: &[GradientStop]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // Relative to the rect, so a gradient that moves with its element stays cached.
    for v in [start.x - rect.x, start.y - rect.y, end.x - rect.x, end.y - rect.y] {
        ((v * 16.0).round() as i64).hash(&mut h);
    }
    for s in stops {
        ((s.offset * 4096.0).round() as i64).hash(&mut h);
        s.color.hash(&mut h);
    }
    h.finish()
}

pub(crate) fn make_shadow(w: u32, h: u32, pad: f32, radii: &Corners, blur: f32, color: Color) -> Pixmap {
    let mut mask = match Mask::new(w, h) {
        Some(m) => m,
        None => return new_pixmap(1, 1),
    };
    let shape = Rect::new(pad, pad, w as f32 - 2.0 * pad, h as f32 - 2.0 * pad);
    if let Some(path) = rounded_rect_path(&shape, radii) {
        mask.fill_path(&path, FillRule::Winding, true, tiny_skia::Transform::identity());
    }
    let mut data = mask.data().to_vec();
    blur_a8(&mut data, w as usize, h as usize, blur / 2.0);
    let mut out = new_pixmap(w, h);
    let (r, g, b, a) = (color.r as u32, color.g as u32, color.b as u32, color.a as u32);
    for (px, cov) in out.data_mut().chunks_exact_mut(4).zip(data) {
        let alpha = (cov as u32 * a + 127) / 255;
        px[0] = ((r * alpha + 127) / 255) as u8;
        px[1] = ((g * alpha + 127) / 255) as u8;
        px[2] = ((b * alpha + 127) / 255) as u8;
        px[3] = alpha as u8;
    }
    out
}

/// A neutral tile with a crossed frame, standing in for an image that failed to load.
pub(crate) fn draw_placeholder(st: &mut Region, t: &Transform, rect: &Rect, radii: &Corners) {
    let clip = st.clip_mask_for_shape(t, &rect.inflate(2.0));
    let mut paint = Paint::default();
    paint.set_color(sk_color(Color::rgb(58, 62, 72)));
    paint.anti_alias = true;
    let mut target = st.target();
    if let Some(path) = rounded_rect_path(rect, radii) {
        target.fill_path(&path, &paint, FillRule::Winding, sk_transform(t), clip.as_deref());
    }
    let mut pb = PathBuilder::new();
    let inner = rect.inflate(-(rect.width.min(rect.height) * 0.3));
    if !inner.is_empty() {
        pb.move_to(inner.x, inner.y);
        pb.line_to(inner.right(), inner.bottom());
        pb.move_to(inner.right(), inner.y);
        pb.line_to(inner.x, inner.bottom());
    }
    if let Some(path) = pb.finish() {
        paint.set_color(sk_color(Color::rgb(110, 116, 130)));
        let stroke = tiny_skia::Stroke { width: 3.0, ..tiny_skia::Stroke::default() };
        target.stroke_path(&path, &paint, &stroke, sk_transform(t), clip.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tenfoot_renderer::{Backend, DisplayList, ImagePixels, PhysicalSize, Resources, Scale};

    /// A display list drawn twice (the second time with every cache warm) into 1x pixels.
    fn render_twice(list: &DisplayList, res: &mut Resources) -> Vec<u8> {
        let mut b = CpuBackend::new(PhysicalSize::new(160, 120), Scale(1.0));
        b.set_background(Color::rgb(30, 60, 90));
        b.draw(list, res, None);
        b.draw(list, res, Some(&[Rect::new(0.0, 0.0, 160.0, 120.0)]));
        b.pixmap().data().to_vec()
    }

    #[test]
    fn a_gradient_strip_draws_the_pixels_of_the_whole_bitmap() {
        let stops = [
            GradientStop { offset: 0.0, color: Color::rgba(10, 20, 30, 250) },
            GradientStop { offset: 0.4, color: Color::rgba(0, 0, 0, 90) },
            GradientStop { offset: 1.0, color: Color::rgba(0, 0, 0, 0) },
        ];
        // Fractional rects, drawn sizes that scale them unevenly, both axes and both directions,
        // drawn at, across and past the target's edges, plain, rect-clipped and mask-clipped.
        let cases = [
            (Rect::new(3.3, 7.9, 140.4, 77.7), 141, 78),
            (Rect::new(0.0, 0.0, 1920.0, 600.0), 288, 90),
            (Rect::new(-4.5, 2.25, 31.0, 250.5), 47, 376),
        ];
        let mut dst = new_pixmap(120, 90);
        for (i, p) in dst.data_mut().chunks_exact_mut(4).enumerate() {
            p.copy_from_slice(&[(i % 120 * 2) as u8, (i / 120 * 2) as u8, 200, 255]);
        }
        let mask = {
            let mut m = Mask::new(120, 90).expect("mask");
            if let Some(path) = rounded_rect_path(&Rect::new(5.0, 5.0, 100.0, 70.0), &Corners::all(20.0)) {
                m.fill_path(&path, FillRule::Winding, true, tiny_skia::Transform::identity());
            }
            std::sync::Arc::new(m)
        };
        for (rect, w, h) in cases {
            let a = Point::new(rect.x + 1.5, rect.y + 2.0);
            let dirs = [
                (a, Point::new(rect.right() - 3.0, a.y), Strip::Row),
                (Point::new(rect.right(), a.y), a, Strip::Row),
                (a, Point::new(a.x, rect.bottom()), Strip::Column),
                (Point::new(a.x, rect.bottom() - 7.0), a, Strip::Column),
            ];
            for (start, end, axis) in dirs {
                assert_eq!(Strip::of(start, end, &Corners::ZERO), Some(axis));
                let whole = gradient_bitmap(w, h, &rect, &Corners::ZERO, start, end, &stops, None);
                let strip = gradient_bitmap(w, h, &rect, &Corners::ZERO, start, end, &stops, Some(axis));
                for (x, y) in [(0, 0), (-20, 10), (30, -5), (100, 70)] {
                    for clip in [BlitClip::None, BlitClip::Rect([10, 12, 90, 80]), BlitClip::Mask(mask.clone())] {
                        let (mut want, mut got) = (dst.clone(), dst.clone());
                        blit(&mut want.as_mut(), &whole, x, y, false, 1.0, clip.clone());
                        blit_strip(&mut got.as_mut(), &strip, axis, [x, y, w as i32, h as i32], clip);
                        assert!(want == got, "{rect:?} {w}x{h} {axis:?} {start:?}->{end:?} at ({x}, {y})");
                    }
                }
            }
        }
        assert_eq!(Strip::of(Point::new(0.0, 0.0), Point::new(3.0, 1.0), &Corners::ZERO), None);
        assert_eq!(Strip::of(Point::new(0.0, 0.0), Point::new(3.0, 0.0), &Corners::all(2.0)), None);
    }

    #[test]
    fn a_shadow_under_an_opaque_box_skips_only_hidden_pixels() {
        let mut res = Resources::embedded();
        // An opaque image with a gradient, so any misplaced pixel shows.
        let mut poster = new_pixmap(30, 45);
        for (i, p) in poster.data_mut().chunks_exact_mut(4).enumerate() {
            p.copy_from_slice(&[(i % 30 * 8) as u8, (i / 30 * 5) as u8, 120, 255]);
        }
        let poster = ImagePixels::from_premultiplied(30, 45, poster.data().to_vec()).expect("30x45 pixels");
        let image = res.images.insert_decoded("poster", Ok(Arc::new(poster)));
        let rect = Rect::new(20.3, 15.6, 60.0, 80.0);
        let radii = Corners::all(9.0);
        let shadow = Command::BoxShadow {
            rect,
            radii,
            offset: Point::new(0.0, 8.0),
            blur: 14.0,
            spread: 0.0,
            color: Color::rgba(0, 0, 0, 200),
        };
        let boxes = [
            Command::Image { image, rect, fit: ImageFit::Cover, radii, opacity: 1.0 },
            Command::FillRect { rect, radii, color: Color::rgb(200, 180, 40) },
        ];
        for b in boxes {
            // Right after the shadow, the box hides part of it; with a no-op between them the
            // shadow is drawn whole. The pixels must be the same.
            let adjacent = DisplayList { commands: vec![shadow.clone(), b.clone()] };
            let apart = DisplayList {
                commands: vec![
                    shadow.clone(),
                    Command::PushTransform(Transform::IDENTITY),
                    Command::PopTransform,
                    b.clone(),
                ],
            };
            assert!(render_twice(&adjacent, &mut res) == render_twice(&apart, &mut res), "{b:?}");
        }
        let mut b = CpuBackend::new(PhysicalSize::new(160, 120), Scale(1.0));
        let list =
            DisplayList { commands: vec![shadow.clone(), Command::FillRect { rect, radii, color: Color::WHITE }] };
        b.draw(&list, &mut res, None);
        let hole = b.opaque_cover(list.commands.get(1), &rect, &radii, &Transform::IDENTITY);
        assert!(hole.is_some_and(|h| (h[2] - h[0]) * (h[3] - h[1]) > 1500), "most of the box is a hole: {hole:?}");
    }
}
