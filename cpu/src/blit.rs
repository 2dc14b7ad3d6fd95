//! Pixel loops: opaque fills, row copies, source-over blends and glyph-mask blends.

use tenfoot_renderer::Color;
use tiny_skia::{FilterQuality, Mask, Pixmap, PixmapMut, PixmapPaint};

use crate::clip::BlitClip;

/// Blends a coverage mask of `color` onto premultiplied RGBA8 `dst` at (`x`, `y`), clipped to the
/// destination and multiplied by `clip` (a coverage mask the size of `dst`) when present.
#[expect(clippy::too_many_arguments, reason = "a hot inner blit; a struct would only rename the arguments")]
pub(crate) fn blit_mask(
    dst: &mut PixmapMut<'_>,
    x: i32,
    y: i32,
    w: u32,
    h: u32,
    mask: &[u8],
    color: Color,
    clip: Option<&Mask>,
) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let x0 = x.max(0);
    let y0 = y.max(0);
    let x1 = (x + w as i32).min(dw);
    let y1 = (y + h as i32).min(dh);
    if x0 >= x1 || y0 >= y1 || color.a == 0 {
        return;
    }
    let crb = color.r as u32 | (color.b as u32) << 16;
    let cga = color.g as u32 | (color.a as u32) << 16;
    let stride = dw as usize * 4;
    let clip_data = clip.map(|m| m.data());
    let data = dst.data_mut();
    for row in y0..y1 {
        let src_row = &mask[((row - y) as usize * w as usize)..];
        let dst_row = &mut data[row as usize * stride..(row as usize + 1) * stride];
        for col in x0..x1 {
            let mut cov = src_row[(col - x) as usize] as u32;
            if let Some(c) = clip_data {
                cov = cov * c[row as usize * dw as usize + col as usize] as u32 / 255;
            }
            if cov == 0 {
                continue;
            }
            let p = &mut dst_row[col as usize * 4..col as usize * 4 + 4];
            let d = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
            p.copy_from_slice(&mask_over(d, cov, crb, cga).to_le_bytes());
        }
    }
}

/// One glyph-mask pixel: `color` at coverage `cov` over premultiplied `d` (little-endian
/// RGBA8), as `(c * a + d * (255 - a) + 127) / 255` per colour channel and
/// `a + (d * (255 - a) + 127) / 255` for alpha, with `a = (cov * alpha + 127) / 255`. Two
/// channels per multiply in 16-bit lanes, divisions by 255 done as shifts ([`div255`]); each
/// lane's sum stays under 65,536, so no lane carries into the next. `crb` is the colour's red
/// and blue lanes (`r | b << 16`), `cga` its green lane and alpha (`g | alpha << 16`).
#[inline(always)]
pub(crate) fn mask_over(d: u32, cov: u32, crb: u32, cga: u32) -> u32 {
    let a = div255(cov * (cga >> 16));
    let inv = 255 - a;
    let rb = crb * a + (d & 0x00FF_00FF) * inv + 0x0080_0080;
    let rb = ((rb + ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF;
    // Green with the colour, alpha with 255 (a * 255 / 255 = a, as the formula's `a +`).
    let ga = ((cga & 0xFF) | (255 << 16)) * a + ((d >> 8) & 0x00FF_00FF) * inv + 0x0080_0080;
    let ga = (ga + ((ga >> 8) & 0x00FF_00FF)) & 0xFF00_FF00;
    rb | ga
}

/// Calls `f` with each pair of source and destination rows where `src` placed at integer
/// (`x`, `y`) overlaps `dst` (clipped to both), as RGBA8 byte slices.
pub(crate) fn overlapping_rows(
    dst: &mut PixmapMut<'_>,
    src: &Pixmap,
    x: i32,
    y: i32,
    clip: Option<[i32; 4]>,
    mut f: impl FnMut(&[u8], &mut [u8]),
) {
    overlapping_rows_at(dst, src, x, y, clip, |_, _, s, d| f(s, d));
}

/// [`overlapping_rows`], also passing the destination row and the column of the slices' first
/// pixel.
pub(crate) fn overlapping_rows_at(
    dst: &mut PixmapMut<'_>,
    src: &Pixmap,
    x: i32,
    y: i32,
    clip: Option<[i32; 4]>,
    mut f: impl FnMut(i32, i32, &[u8], &mut [u8]),
) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let [cx0, cy0, cx1, cy1] = clip.unwrap_or([0, 0, dw, dh]);
    let x0 = x.max(0).max(cx0);
    let x1 = (x + src.width() as i32).min(dw).min(cx1);
    let y0 = y.max(0).max(cy0);
    let y1 = (y + src.height() as i32).min(dh).min(cy1);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let sw = src.width() as usize * 4;
    let dwb = dw as usize * 4;
    let bytes = (x1 - x0) as usize * 4;
    let sdata = src.data();
    let ddata = dst.data_mut();
    for row in y0..y1 {
        let s = (row - y) as usize * sw + (x0 - x) as usize * 4;
        let d = row as usize * dwb + x0 as usize * 4;
        f(row, x0, &sdata[s..s + bytes], &mut ddata[d..d + bytes]);
    }
}

/// Fills the pixel rectangle `px` (within `clip`, if any) with an opaque colour.
pub(crate) fn fill_opaque(dst: &mut PixmapMut<'_>, px: [i32; 4], clip: Option<[i32; 4]>, color: Color) {
    let (w, h) = (dst.width() as i32, dst.height() as i32);
    let [cx0, cy0, cx1, cy1] = clip.unwrap_or([0, 0, w, h]);
    let (x0, x1) = (px[0].max(cx0).max(0), px[2].min(cx1).min(w));
    let (y0, y1) = (px[1].max(cy0).max(0), px[3].min(cy1).min(h));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let pixel = [color.r, color.g, color.b, 255];
    let stride = w as usize * 4;
    let data = dst.data_mut();
    for y in y0..y1 {
        let row = y as usize * stride;
        for p in data[row + x0 as usize * 4..row + x1 as usize * 4].chunks_exact_mut(4) {
            p.copy_from_slice(&pixel);
        }
    }
}

/// Draws `src` at integer (`x`, `y`): a row copy when it is opaque and unfaded, a blend
/// otherwise; a rectangular clip keeps both fast paths, only a shaped clip needs the mask.
pub(crate) fn blit(dst: &mut PixmapMut<'_>, src: &Pixmap, x: i32, y: i32, opaque: bool, opacity: f32, clip: BlitClip) {
    let rect = match clip {
        BlitClip::None => None,
        BlitClip::Rect(r) => Some(r),
        BlitClip::Mask(m) => {
            let paint = PixmapPaint { opacity, quality: FilterQuality::Nearest, ..PixmapPaint::default() };
            dst.draw_pixmap(x, y, src.as_ref(), &paint, tiny_skia::Transform::identity(), Some(&m));
            return;
        }
    };
    if opaque && opacity >= 1.0 {
        overlapping_rows(dst, src, x, y, rect, |s, d| d.copy_from_slice(s));
    } else {
        blend_over(dst, src, x, y, opacity, rect);
    }
}

/// Premultiplied source-over of `src` at integer (`x`, `y`), scaled by `opacity`: a plain loop
/// the compiler vectorizes, several times faster than a general pipeline for cached bitmaps.
pub(crate) fn blend_over(dst: &mut PixmapMut<'_>, src: &Pixmap, x: i32, y: i32, opacity: f32, clip: Option<[i32; 4]>) {
    let o = (opacity.clamp(0.0, 1.0) * 256.0).round() as u32;
    if o == 0 {
        return;
    }
    overlapping_rows(dst, src, x, y, clip, |srow, drow| {
        if o >= 256 {
            over_row(srow, drow);
        } else {
            for (sp, dp) in srow.chunks_exact(4).zip(drow.chunks_exact_mut(4)) {
                let inv = 255 - ((sp[3] as u32 * o) >> 8);
                for c in 0..4 {
                    dp[c] = (((sp[c] as u32 * o) >> 8) + div255(dp[c] as u32 * inv)).min(255) as u8;
                }
            }
        }
    });
}

/// Source-over of a row of premultiplied pixels onto another of the same length.
pub(crate) fn over_row(srow: &[u8], drow: &mut [u8]) {
    for (sp, dp) in srow.chunks_exact(4).zip(drow.chunks_exact_mut(4)) {
        let s = u32::from_le_bytes([sp[0], sp[1], sp[2], sp[3]]);
        // Cached bitmaps are mostly opaque (poster interiors) or empty (around shadows and
        // corners): those pixels need no arithmetic.
        match s >> 24 {
            255 => dp.copy_from_slice(sp),
            0 if s == 0 => {}
            _ => {
                let d = u32::from_le_bytes([dp[0], dp[1], dp[2], dp[3]]);
                dp.copy_from_slice(&over(s, d).to_le_bytes());
            }
        }
    }
}

/// Source-over of one premultiplied pixel `s` (little-endian RGBA8) onto every pixel of a row:
/// [`over_row`] with a row of `s`.
pub(crate) fn over_span(s: u32, drow: &mut [u8]) {
    match s >> 24 {
        255 => {
            let px = s.to_le_bytes();
            drow.chunks_exact_mut(4).for_each(|dp| dp.copy_from_slice(&px));
        }
        0 if s == 0 => {}
        _ => {
            for dp in drow.chunks_exact_mut(4) {
                let d = u32::from_le_bytes([dp[0], dp[1], dp[2], dp[3]]);
                dp.copy_from_slice(&over(s, d).to_le_bytes());
            }
        }
    }
}

/// Premultiplied source-over of one RGBA8 pixel (little-endian `u32`): `s + d * (255 - a) / 255`
/// per channel, rounded like [`div255`]. Two channels per multiply, each in its own 16-bit
/// lane; premultiplied input keeps every sum <= 255, so no lane carries into the next.
#[inline(always)]
pub(crate) fn over(s: u32, d: u32) -> u32 {
    let inv = 255 - (s >> 24);
    let rb = (d & 0x00FF_00FF) * inv + 0x0080_0080;
    let rb = ((rb + ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF;
    let ag = ((d >> 8) & 0x00FF_00FF) * inv + 0x0080_0080;
    let ag = (ag + ((ag >> 8) & 0x00FF_00FF)) & 0xFF00_FF00;
    s + (rb | ag)
}

/// `v / 255` rounded, exact for `v` in `0..=65535`.
#[inline(always)]
pub(crate) fn div255(v: u32) -> u32 {
    let v = v + 128;
    (v + (v >> 8)) >> 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_lane_glyph_blend_matches_the_per_channel_formula() {
        // Every coverage and colour alpha, destination values across the range (premultiplied),
        // colour channels at both ends and between.
        for ca in (0..=255u32).step_by(5).chain([254, 255]) {
            for cov in 0..=255u32 {
                let a = (cov * ca + 127) / 255;
                let inv = 255 - a;
                for da in (0..=255u32).step_by(17) {
                    for dc in [0, da / 3, da / 2, da] {
                        for c in [0u32, 1, 128, 254, 255] {
                            let (cr, cg, cb) = (c, 255 - c, c / 2);
                            let d = dc | (dc / 2) << 8 | (da - dc / 3) << 16 | da << 24;
                            let dp = d.to_le_bytes().map(u32::from);
                            let want = [
                                (cr * a + dp[0] * inv + 127) / 255,
                                (cg * a + dp[1] * inv + 127) / 255,
                                (cb * a + dp[2] * inv + 127) / 255,
                                a + (dp[3] * inv + 127) / 255,
                            ];
                            let got = mask_over(d, cov, cr | cb << 16, cg | ca << 16).to_le_bytes().map(u32::from);
                            assert_eq!(got, want, "cov {cov} ca {ca} d {d:08x} c {c}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn two_lane_source_over_matches_the_per_channel_formula() {
        // Every alpha, every premultiplied source channel, every destination channel, in each
        // of the four lanes.
        for a in 0..=255u32 {
            for sc in 0..=a {
                for dc in (0..=255u32).step_by(3).chain([255]) {
                    let want = sc + div255(dc * (255 - a));
                    for lane in 0..3 {
                        let s = (a << 24) | (sc << (8 * lane));
                        let d = (dc << 24) | (dc << (8 * lane));
                        let got = over(s, d);
                        assert_eq!((got >> (8 * lane)) & 0xFF, want, "a {a} s {sc} d {dc} lane {lane}");
                        assert_eq!(got >> 24, a + div255(dc * (255 - a)), "alpha lane");
                    }
                }
            }
        }
    }
}
