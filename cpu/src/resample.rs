//! Image resampling for the pre-scaled image cache: area averaging when shrinking (every source
//! pixel contributes by the area it covers, so posters never alias), bilinear when enlarging.
//!
//! Separable: a horizontal pass into a 16-bit intermediate, then a vertical pass. Works on
//! premultiplied pixels, where averaging is correct. Cost is linear in source plus output
//! pixels, about a millisecond for a poster and a few for a full-screen backdrop.

use tiny_skia::{FillRule, Mask, Pixmap, PixmapRef};

use tenfoot_renderer::{Corners, Rect};

/// Contributions of source pixels to one output pixel: the first source index and fixed-point
/// weights summing to exactly `ONE`.
struct Taps {
    first: usize,
    weights: Vec<u32>,
}

const ONE_BITS: u32 = 14;
const ONE: u32 = 1 << ONE_BITS;

/// Converts float weights (summing to 1) to fixed point summing to exactly [`ONE`].
fn fixed(first: usize, weights: &[f32]) -> Taps {
    let mut w: Vec<u32> = weights.iter().map(|v| (v * ONE as f32 + 0.5) as u32).collect();
    let sum: u32 = w.iter().sum();
    if let Some(big) = w.iter_mut().max() {
        *big = (*big + ONE).saturating_sub(sum);
    }
    Taps { first, weights: w }
}

/// Taps for `n_out` output pixels covering source span `[start, start + len)` of an axis with
/// `n_src` pixels.
fn taps(n_out: usize, n_src: usize, start: f32, len: f32) -> Vec<Taps> {
    let scale = len / n_out as f32;
    let last = n_src.saturating_sub(1) as f32;
    (0..n_out)
        .map(|i| {
            if scale >= 1.0 {
                // Area average over [a, b).
                let a = (start + i as f32 * scale).clamp(0.0, n_src as f32);
                let b = (start + (i + 1) as f32 * scale).clamp(0.0, n_src as f32);
                let first = (a.floor() as usize).min(n_src.saturating_sub(1));
                let end = (b.ceil() as usize).clamp(first + 1, n_src.max(first + 1));
                let mut weights: Vec<f32> =
                    (first..end).map(|j| (b.min(j as f32 + 1.0) - a.max(j as f32)).max(0.0)).collect();
                let sum: f32 = weights.iter().sum();
                if sum > 0.0 {
                    weights.iter_mut().for_each(|w| *w /= sum);
                } else {
                    weights = vec![1.0];
                }
                fixed(first, &weights)
            } else {
                // Bilinear between the two nearest source centres.
                let c = (start + (i as f32 + 0.5) * scale - 0.5).clamp(0.0, last);
                let j = c.floor();
                let f = c - j;
                let first = j as usize;
                if f <= 0.0 || first + 1 >= n_src {
                    fixed(first, &[1.0])
                } else {
                    fixed(first, &[1.0 - f, f])
                }
            }
        })
        .collect()
}

/// Resamples the source window `window` (in source pixels) of `src` to `w`x`h`.
pub(crate) fn resample(src: PixmapRef<'_>, window: Rect, w: u32, h: u32) -> Option<Pixmap> {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let (w, h) = (w.max(1) as usize, h.max(1) as usize);
    if (w, h) == (sw, sh) && window == Rect::new(0.0, 0.0, sw as f32, sh as f32) {
        // Drawn at its own size: every output pixel is its source pixel (the passes below
        // would reproduce it exactly, through a 16-bit intermediate twice the image's size).
        let size = tiny_skia::IntSize::from_wh(w as u32, h as u32)?;
        return Pixmap::from_vec(src.data().to_vec(), size);
    }
    passes(src, window, w, h)
}

/// Output rows computed per band: the horizontal pass keeps only the source rows one band
/// needs (a 1080p enlargement held a 16 MB intermediate of every row; a band holds ~0.5 MB).
const BAND: usize = 64;

/// The two resampling passes, band by band of output rows (each intermediate row is computed
/// the same way whichever band asks for it, so banding changes no pixel).
fn passes(src: PixmapRef<'_>, window: Rect, w: usize, h: usize) -> Option<Pixmap> {
    passes_in_bands(src, window, w, h, BAND)
}

/// [`passes`] with `band` output rows per band (`usize::MAX`: one band, every row at once).
fn passes_in_bands(src: PixmapRef<'_>, window: Rect, w: usize, h: usize, band_rows: usize) -> Option<Pixmap> {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let xt = taps(w, sw, window.x, window.width);
    let yt = taps(h, sh, window.y, window.height);
    let data = src.data();
    let mut out = Pixmap::new(w as u32, h as u32)?;
    let odata = out.data_mut();
    let shift = ONE_BITS + 8;
    let mut mid = Vec::new();
    for (band, bt) in yt.chunks(band_rows.max(1)).enumerate() {
        let row_lo = bt.iter().map(|t| t.first).min().unwrap_or(0);
        let row_hi = bt.iter().map(|t| t.first + t.weights.len()).max().unwrap_or(0).min(sh);
        // Horizontal pass over the source rows this band needs, 8 fractional bits kept.
        mid.clear();
        mid.resize(row_hi.saturating_sub(row_lo) * w * 4, 0u16);
        for (r, sy) in (row_lo..row_hi).enumerate() {
            let srow = &data[sy * sw * 4..(sy + 1) * sw * 4];
            let mrow = &mut mid[r * w * 4..(r + 1) * w * 4];
            for (x, t) in xt.iter().enumerate() {
                let mut acc = [0u32; 4];
                for (k, wgt) in t.weights.iter().enumerate() {
                    let i = (t.first + k) * 4;
                    for c in 0..4 {
                        acc[c] += srow[i + c] as u32 * wgt;
                    }
                }
                for c in 0..4 {
                    mrow[x * 4 + c] = ((acc[c] + (1 << (ONE_BITS - 9))) >> (ONE_BITS - 8)) as u16;
                }
            }
        }
        for (i, t) in bt.iter().enumerate() {
            let y = band * band_rows.max(1) + i;
            let orow = &mut odata[y * w * 4..(y + 1) * w * 4];
            let base = (t.first - row_lo) * w * 4;
            for x in 0..w {
                let mut acc = [0u32; 4];
                for (k, wgt) in t.weights.iter().enumerate() {
                    let i = base + k * w * 4 + x * 4;
                    for c in 0..4 {
                        acc[c] += mid[i + c] as u32 * wgt;
                    }
                }
                let a = ((acc[3] + (1 << (shift - 1))) >> shift).min(255);
                orow[x * 4 + 3] = a as u8;
                for c in 0..3 {
                    // Rounding must not break the premultiplied invariant (colour <= alpha).
                    orow[x * 4 + c] = ((acc[c] + (1 << (shift - 1))) >> shift).min(a) as u8;
                }
            }
        }
    }
    Some(out)
}

/// Multiplies `pm` by an antialiased rounded-rect coverage of `rect` (pixels outside go clear).
pub(crate) fn cut_corners(pm: &mut Pixmap, rect: &Rect, radii: &Corners) {
    if radii.is_zero()
        && rect.x <= 0.0
        && rect.y <= 0.0
        && rect.right() >= pm.width() as f32
        && rect.bottom() >= pm.height() as f32
    {
        return;
    }
    let Some(mut mask) = Mask::new(pm.width(), pm.height()) else { return };
    if let Some(path) = crate::paths::rounded_rect_path(rect, radii) {
        mask.fill_path(&path, FillRule::Winding, true, tiny_skia::Transform::identity());
    }
    for (px, m) in pm.data_mut().chunks_exact_mut(4).zip(mask.data()) {
        if *m == 255 {
            continue;
        }
        let m = *m as u32;
        for c in px {
            *c = ((*c as u32 * m + 127) / 255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(w: u32, h: u32, v: u8) -> Pixmap {
        let mut p = Pixmap::new(w, h).unwrap();
        p.fill(tiny_skia::Color::from_rgba8(v, v, v, 255));
        p
    }

    #[test]
    fn shrinking_averages_areas() {
        // Left half black, right half white: a 2:1 shrink to 2 px keeps them apart, 1 px averages.
        let mut p = solid(4, 1, 0);
        for x in 2..4 {
            p.data_mut()[x * 4..x * 4 + 3].copy_from_slice(&[255, 255, 255]);
        }
        let two = resample(p.as_ref(), Rect::new(0.0, 0.0, 4.0, 1.0), 2, 1).unwrap();
        assert_eq!((two.data()[0], two.data()[4]), (0, 255));
        let one = resample(p.as_ref(), Rect::new(0.0, 0.0, 4.0, 1.0), 1, 1).unwrap();
        assert_eq!(one.data()[0], 128);
    }

    #[test]
    fn enlarging_is_bilinear_and_keeps_flat_colour() {
        let p = solid(3, 3, 90);
        let big = resample(p.as_ref(), Rect::new(0.0, 0.0, 3.0, 3.0), 10, 7).unwrap();
        assert!(big.data().chunks_exact(4).all(|px| px == [90, 90, 90, 255]));
    }

    #[test]
    fn an_image_at_its_own_size_is_copied_exactly_as_the_passes_would_compute_it() {
        // Premultiplied pixels of every kind (opaque, translucent, empty).
        let (w, h) = (37u32, 23u32);
        let mut p = Pixmap::new(w, h).unwrap();
        for (i, px) in p.data_mut().chunks_exact_mut(4).enumerate() {
            let a = ((i * 97) % 256) as u8;
            let c = |k: usize| ((i * k) % 256) as u8 % a.saturating_add(1);
            px.copy_from_slice(&[c(31), c(57), c(11), a]);
        }
        let window = Rect::new(0.0, 0.0, w as f32, h as f32);
        let copied = resample(p.as_ref(), window, w, h).unwrap();
        assert!(copied.data() == p.data());
        let computed = passes(p.as_ref(), window, w as usize, h as usize).unwrap();
        assert!(computed.data() == copied.data());
    }

    #[test]
    fn bands_give_the_pixels_of_one_pass_over_every_row() {
        let (w, h) = (53u32, 211u32);
        let mut p = Pixmap::new(w, h).unwrap();
        for (i, px) in p.data_mut().chunks_exact_mut(4).enumerate() {
            let a = ((i * 37) % 256) as u8;
            let c = |k: usize| ((i * k) % 256) as u8 % a.saturating_add(1);
            px.copy_from_slice(&[c(13), c(71), c(5), a]);
        }
        // Enlarging, shrinking, and a window inside the source, as a cover fit asks.
        for (window, ow, oh) in [
            (Rect::new(0.0, 0.0, 53.0, 211.0), 120, 500),
            (Rect::new(0.0, 0.0, 53.0, 211.0), 20, 70),
            (Rect::new(3.5, 20.25, 40.0, 150.0), 61, 333),
        ] {
            let whole = passes_in_bands(p.as_ref(), window, ow, oh, usize::MAX).unwrap();
            for band in [1, 7, BAND] {
                let banded = passes_in_bands(p.as_ref(), window, ow, oh, band).unwrap();
                assert!(banded.data() == whole.data(), "{window:?} -> {ow}x{oh}, {band} rows per band");
            }
        }
    }

    #[test]
    fn corners_are_cut() {
        let mut p = solid(40, 40, 200);
        cut_corners(&mut p, &Rect::new(0.0, 0.0, 40.0, 40.0), &Corners::all(10.0));
        assert_eq!(p.pixel(0, 0).map(|c| c.alpha()), Some(0));
        assert_eq!(p.pixel(20, 20).map(|c| c.alpha()), Some(255));
    }
}
