//! The window's present path without a window: the device buffer (premultiplied RGBA8, opaque)
//! scaled by the zoom into a window buffer of 0RGB `u32` pixels, centred and letterboxed, for
//! the whole frame or only the window pixels showing a damaged region. The bench times it
//! (`window_present_zoom_fit_ms`) with a plain `Vec<u32>` as softbuffer's buffer.
//!
//! Downscaling averages the source pixels under each window pixel: window pixel `o` of `n_out`
//! covers source pixels `[o * n_src / n_out, (o + 1) * n_src / n_out)` (at least one) on each
//! axis, and the average is the integer quotient of the channel sums. 1:1 is a conversion.

use tenfoot_renderer::PhysicalSize;
use tiny_skia::Pixmap;

/// The source span of window pixel `o` of `n_out` over `n_src` source pixels.
fn span(o: usize, n_out: usize, n_src: usize) -> (usize, usize) {
    let a = o * n_src / n_out;
    let b = ((o + 1) * n_src / n_out).max(a + 1).min(n_src);
    (a, b)
}

/// Scales frames into window buffers, keeping the per-column spans of the last geometry (so a
/// damaged present costs only its rows). Its pixels are the straightforward present's (tested).
#[derive(Debug, Default)]
pub struct Presenter {
    geometry: Option<(usize, usize, usize, usize, u32)>,
    /// Source span of each output column and row.
    xs: Vec<(usize, usize)>,
    ys: Vec<(usize, usize)>,
    /// Channel sums of one output row's source rows, per source column (scratch).
    sums: Vec<[u32; 3]>,
}

impl Presenter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Scales all of `src` into `dst`, clearing the letterbox.
    pub fn present(&mut self, src: &Pixmap, dst: &mut [u32], win: PhysicalSize, factor: f32) {
        dst.fill(0);
        self.present_region(src, dst, win, factor, None);
    }

    /// Writes the window pixels showing source `region` (x, y, w, h; `None`: all of it), leaving
    /// the rest of `dst` as it was. Returns the window rectangle written (x, y, w, h).
    pub fn present_region(
        &mut self,
        src: &Pixmap,
        dst: &mut [u32],
        win: PhysicalSize,
        factor: f32,
        region: Option<[u32; 4]>,
    ) -> Option<[u32; 4]> {
        let (sw, sh) = (src.width() as usize, src.height() as usize);
        let f = if factor.is_finite() && factor > 0.0 { factor } else { 1.0 };
        let out_w = ((sw as f32 * f).round() as usize).max(1);
        let out_h = ((sh as f32 * f).round() as usize).max(1);
        let (ww, wh) = (win.width as usize, win.height as usize);
        if dst.len() < ww * wh {
            return None;
        }
        let geometry = (sw, sh, out_w, out_h, f.to_bits());
        if self.geometry != Some(geometry) {
            self.xs = (0..out_w).map(|x| span(x, out_w, sw)).collect();
            self.ys = (0..out_h).map(|y| span(y, out_h, sh)).collect();
            self.geometry = Some(geometry);
        }
        // Centred; a zoom larger than the window shows the middle.
        let ox = (ww as isize - out_w as isize) / 2;
        let oy = (wh as isize - out_h as isize) / 2;
        let (rx0, ry0, rx1, ry1) = match region {
            Some([x, y, w, h]) => (x as usize, y as usize, (x + w) as usize, (y + h) as usize),
            None => (0, 0, sw, sh),
        };
        // Output columns whose source spans touch the region, cut to the window.
        let first_col = self.xs.iter().position(|&(_, b)| b > rx0).unwrap_or(out_w);
        let end_col = self.xs.iter().rposition(|&(a, _)| a < rx1).map_or(0, |i| i + 1);
        let col0 = first_col.max((-ox).max(0) as usize);
        let col1 = end_col.min((ww as isize - ox).max(0) as usize);
        if col0 >= col1 {
            return None;
        }
        let (src_x0, src_x1) = (self.xs[col0].0, self.xs[col1 - 1].1);
        let data = src.data();
        let mut written: Option<[u32; 4]> = None;
        for y in 0..out_h {
            let wy = oy + y as isize;
            if wy < 0 || wy >= wh as isize {
                continue;
            }
            let (sy0, sy1) = self.ys[y];
            if sy1 <= ry0 || sy0 >= ry1 {
                continue;
            }
            let (wx0, wx1) = ((ox + col0 as isize) as u32, (ox + col1 as isize) as u32);
            written = Some(match written {
                None => [wx0, wy as u32, wx1 - wx0, 1],
                Some([x, y0, w, _]) => [x, y0, w, wy as u32 - y0 + 1],
            });
            let row = &mut dst[wy as usize * ww + wx0 as usize..wy as usize * ww + wx1 as usize];
            let xs = &self.xs[col0..col1];
            let stride = sw * 4;
            if sy1 - sy0 == 1 && xs.iter().all(|&(a, b)| b - a == 1) {
                // One source pixel per window pixel (100 %, or columns not shrunk).
                let srow = &data[sy0 * stride..(sy0 + 1) * stride];
                for (out, &(a, _)) in row.iter_mut().zip(xs) {
                    let p = &srow[a * 4..a * 4 + 3];
                    *out = (p[0] as u32) << 16 | (p[1] as u32) << 8 | p[2] as u32;
                }
                continue;
            }
            // Column sums over this output row's source rows, then each span's sum.
            self.sums.clear();
            self.sums.resize(src_x1 - src_x0, [0; 3]);
            for sy in sy0..sy1 {
                let srow = &data[sy * stride + src_x0 * 4..sy * stride + src_x1 * 4];
                for (s, p) in self.sums.iter_mut().zip(srow.chunks_exact(4)) {
                    s[0] += p[0] as u32;
                    s[1] += p[1] as u32;
                    s[2] += p[2] as u32;
                }
            }
            let rows = (sy1 - sy0) as u32;
            for (out, &(a, b)) in row.iter_mut().zip(xs) {
                let (mut r, mut g, mut bl) = (0u32, 0u32, 0u32);
                for s in &self.sums[a - src_x0..b - src_x0] {
                    r += s[0];
                    g += s[1];
                    bl += s[2];
                }
                let n = rows * (b - a) as u32;
                // The zoom-fit spans are 1 or 2 pixels: a power of two is a shift.
                let (r, g, bl) = if n.is_power_of_two() {
                    let k = n.trailing_zeros();
                    (r >> k, g >> k, bl >> k)
                } else {
                    (r / n, g / n, bl / n)
                };
                *out = r << 16 | g << 8 | bl;
            }
        }
        written
    }
}

/// Scales `src` by `factor` into the window buffer `dst` (0RGB u32), centred. Downscaling
/// averages the source pixels under each window pixel (no aliasing); 1:1 copies.
pub fn present_scaled(src: &Pixmap, dst: &mut [u32], win: PhysicalSize, factor: f32) {
    Presenter::new().present(src, dst, win, factor);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward present (per window pixel, every source pixel of its span summed
    /// and divided), as the window did before [`Presenter`].
    fn reference(src: &Pixmap, dst: &mut [u32], win: PhysicalSize, f: f32, region: Option<[u32; 4]>) {
        let (sw, sh) = (src.width() as usize, src.height() as usize);
        let out_w = ((sw as f32 * f).round() as usize).max(1);
        let out_h = ((sh as f32 * f).round() as usize).max(1);
        let (ww, wh) = (win.width as usize, win.height as usize);
        let ox = (ww as isize - out_w as isize) / 2;
        let oy = (wh as isize - out_h as isize) / 2;
        let (rx0, ry0, rx1, ry1) = match region {
            Some([x, y, w, h]) => (x as usize, y as usize, (x + w) as usize, (y + h) as usize),
            None => (0, 0, sw, sh),
        };
        let data = src.data();
        for y in 0..out_h {
            let (y0, y1) = span(y, out_h, sh);
            let wy = oy + y as isize;
            if wy < 0 || wy >= wh as isize || y1 <= ry0 || y0 >= ry1 {
                continue;
            }
            for x in 0..out_w {
                let (x0, x1) = span(x, out_w, sw);
                let wx = ox + x as isize;
                if wx < 0 || wx >= ww as isize || x1 <= rx0 || x0 >= rx1 {
                    continue;
                }
                let (mut r, mut g, mut b) = (0u32, 0u32, 0u32);
                for sy in y0..y1 {
                    for sx in x0..x1 {
                        let i = (sy * sw + sx) * 4;
                        r += data[i] as u32;
                        g += data[i + 1] as u32;
                        b += data[i + 2] as u32;
                    }
                }
                let n = ((y1 - y0) * (x1 - x0)) as u32;
                dst[wy as usize * ww + wx as usize] = (r / n) << 16 | (g / n) << 8 | (b / n);
            }
        }
    }

    #[test]
    fn the_presenter_writes_the_pixels_of_the_straightforward_present() {
        let mut src = Pixmap::new(192, 108).expect("pixmap");
        for (i, p) in src.data_mut().chunks_exact_mut(4).enumerate() {
            p.copy_from_slice(&[(i * 7 % 256) as u8, (i * 13 % 251) as u8, (i / 192 * 3 % 256) as u8, 255]);
        }
        let mut presenter = Presenter::new();
        // Zoom fit into a 1536x864-like window (0.8), 50 %, 100 %, an odd fit, a zoom larger
        // than the window; whole frames and damaged regions, some at the edges.
        for (win, f) in [((154, 87), 0.8), ((96, 54), 0.5), ((192, 108), 1.0), ((131, 90), 0.68), ((150, 80), 1.0)] {
            let win = PhysicalSize::new(win.0, win.1);
            for region in [None, Some([10, 7, 33, 21]), Some([0, 0, 192, 3]), Some([180, 100, 12, 8])] {
                let fill = |seed: u32| (0..win.width * win.height).map(|i| i.wrapping_mul(seed)).collect::<Vec<u32>>();
                let (mut want, mut got) = (fill(2_654_435_761), fill(2_654_435_761));
                reference(&src, &mut want, win, f, region);
                let rect = presenter.present_region(&src, &mut got, win, f, region);
                assert!(want == got, "window {win:?} zoom {f} region {region:?}");
                // What it says it wrote covers every pixel that changed.
                let before = fill(2_654_435_761);
                for (i, (a, b)) in before.iter().zip(&got).enumerate() {
                    if a != b {
                        let (x, y) = ((i % win.width as usize) as u32, (i / win.width as usize) as u32);
                        let [rx, ry, rw, rh] = rect.unwrap_or_default();
                        assert!(x >= rx && x < rx + rw && y >= ry && y < ry + rh, "({x}, {y}) outside {rect:?}");
                    }
                }
            }
        }
    }
}
