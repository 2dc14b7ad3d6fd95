//! tiny-skia conversions and the rounded-rectangle path every shape uses.

use tenfoot_renderer::{Color, Corners, Rect, Transform};
use tiny_skia::{Path, PathBuilder};

pub(crate) fn sk_color(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

pub(crate) fn sk_transform(t: &Transform) -> tiny_skia::Transform {
    tiny_skia::Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

pub(crate) fn radii_key(r: &Corners) -> [u32; 4] {
    [r.top_left, r.top_right, r.bottom_right, r.bottom_left].map(|v| (v.max(0.0) * 4.0).round() as u32)
}

/// A rounded-rectangle path; radii are clamped so adjacent corners never overlap.
pub(crate) fn rounded_rect_path(rect: &Rect, radii: &Corners) -> Option<Path> {
    if rect.is_empty() || !rect.is_finite() {
        return None;
    }
    let max = rect.width.min(rect.height) / 2.0;
    let c = |r: f32| if r.is_finite() { r.clamp(0.0, max) } else { 0.0 };
    let (tl, tr, br, bl) = (c(radii.top_left), c(radii.top_right), c(radii.bottom_right), c(radii.bottom_left));
    if tl == 0.0 && tr == 0.0 && br == 0.0 && bl == 0.0 {
        return tiny_skia::Rect::from_xywh(rect.x, rect.y, rect.width, rect.height).map(PathBuilder::from_rect);
    }
    // Cubic approximation of a quarter circle.
    const K: f32 = 0.552_284_8;
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + tl, y0);
    pb.line_to(x1 - tr, y0);
    pb.cubic_to(x1 - tr + tr * K, y0, x1, y0 + tr - tr * K, x1, y0 + tr);
    pb.line_to(x1, y1 - br);
    pb.cubic_to(x1, y1 - br + br * K, x1 - br + br * K, y1, x1 - br, y1);
    pb.line_to(x0 + bl, y1);
    pb.cubic_to(x0 + bl - bl * K, y1, x0, y1 - bl + bl * K, x0, y1 - bl);
    pb.line_to(x0, y0 + tl);
    pb.cubic_to(x0, y0 + tl - tl * K, x0 + tl - tl * K, y0, x0 + tl, y0);
    pb.close();
    pb.finish()
}

/// `v > 0`, false for NaN.
pub(crate) fn positive(v: f32) -> bool {
    v > 0.0
}
