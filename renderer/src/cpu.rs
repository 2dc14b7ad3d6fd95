//! The CPU backend: rasterizes display lists with tiny-skia into an RGBA buffer.
//!
//! Each frame is drawn region by region (the whole buffer, or each damaged rectangle): a region
//! is a small pixmap with its own origin, so clip masks and layers are only as large as the
//! region. Glyphs are rasterized once from outlines into coverage masks and blitted with a
//! tight loop; images are cached pre-scaled to their drawn size with rounded corners baked in,
//! so a steady-state tile is one blit (a row copy when opaque).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use cosmic_text::{CacheKey, CacheKeyFlags, SwashCache, SwashContent};
use tiny_skia::{
    FillRule, FilterQuality, GradientStop as SkStop, IntRect, LinearGradient, Mask, Paint, Path, PathBuilder, Pixmap,
    PixmapPaint, Shader, SpreadMode,
};

use crate::backend::{Backend, FrameReport};
use crate::display_list::{Command, DisplayList, GlyphRun, GradientStop, ImageFit, ImageId, MAX_NESTING};
use crate::geom::{Color, Corners, PhysicalSize, Point, Rect, Scale, Transform};
use crate::resources::Resources;

/// Glyph masks kept before the cache is emptied.
const GLYPH_CACHE_LIMIT: usize = 16_384;
/// Bytes of pre-scaled images and shadows kept before least-recently-used entries are dropped.
const PIXMAP_CACHE_BYTES: usize = 96 * 1024 * 1024;

struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    /// One byte per pixel coverage, or premultiplied RGBA for colour glyphs.
    data: Vec<u8>,
    color: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PixKey {
    Image { id: ImageId, w: u32, h: u32, fit: ImageFit, radii: [u32; 4] },
    Shadow { w: u32, h: u32, blur: u32, radii: [u32; 4], color: Color },
    Gradient { w: u32, h: u32, radii: [u32; 4], scale: u32, params: u64 },
}

struct CachedPixmap {
    pixmap: Arc<Pixmap>,
    opaque: bool,
    /// The widest band of whole columns `[x0, 0, x1, h)` that is fully opaque (a poster between
    /// its rounded corners), for shadows it hides.
    opaque_band: Option<[i32; 4]>,
    last_used: u64,
}

/// Rasterizes display lists into a premultiplied RGBA8 buffer.
pub struct CpuBackend {
    pixmap: Pixmap,
    scale: f32,
    background: Color,
    swash: SwashCache,
    glyphs: HashMap<CacheKey, Option<GlyphMask>>,
    pixmaps: HashMap<PixKey, CachedPixmap>,
    pixmap_bytes: usize,
    frame: u64,
    reported: HashSet<String>,
}

impl fmt::Debug for CpuBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CpuBackend")
            .field("size", &(self.pixmap.width(), self.pixmap.height()))
            .field("scale", &self.scale)
            .finish_non_exhaustive()
    }
}

fn new_pixmap(w: u32, h: u32) -> Pixmap {
    // A zero-sized pixmap is not allowed; a 1x1 one stands in for an empty window.
    Pixmap::new(w.max(1), h.max(1)).unwrap_or_else(|| {
        #[expect(clippy::expect_used, reason = "1x1 is always a valid pixmap size")]
        Pixmap::new(1, 1).expect("1x1 pixmap")
    })
}

fn sk_color(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

fn sk_transform(t: &Transform) -> tiny_skia::Transform {
    tiny_skia::Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

fn radii_key(r: &Corners) -> [u32; 4] {
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

/// Blends a coverage mask of `color` onto premultiplied RGBA8 `dst` at (`x`, `y`), clipped to the
/// destination and multiplied by `clip` (a coverage mask the size of `dst`) when present.
#[expect(clippy::too_many_arguments, reason = "a hot inner blit; a struct would only rename the arguments")]
fn blit_mask(dst: &mut Pixmap, x: i32, y: i32, w: u32, h: u32, mask: &[u8], color: Color, clip: Option<&Mask>) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let x0 = x.max(0);
    let y0 = y.max(0);
    let x1 = (x + w as i32).min(dw);
    let y1 = (y + h as i32).min(dh);
    if x0 >= x1 || y0 >= y1 || color.a == 0 {
        return;
    }
    let (cr, cg, cb, ca) = (color.r as u32, color.g as u32, color.b as u32, color.a as u32);
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
            let a = (cov * ca + 127) / 255;
            let inv = 255 - a;
            let p = &mut dst_row[col as usize * 4..col as usize * 4 + 4];
            p[0] = ((cr * a + p[0] as u32 * inv + 127) / 255) as u8;
            p[1] = ((cg * a + p[1] as u32 * inv + 127) / 255) as u8;
            p[2] = ((cb * a + p[2] as u32 * inv + 127) / 255) as u8;
            p[3] = (a + (p[3] as u32 * inv + 127) / 255) as u8;
        }
    }
}

/// Encodes a premultiplied pixmap as PNG with fast compression.
pub fn encode_png_fast(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == 255);
    let (color, data): (png::ColorType, Vec<u8>) = if opaque {
        let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
        for px in pixmap.data().chunks_exact(4) {
            rgb.extend_from_slice(&px[..3]);
        }
        (png::ColorType::Rgb, rgb)
    } else {
        let data = pixmap.pixels().iter().flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        });
        (png::ColorType::Rgba, data.collect())
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.write_image_data(&data).map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.finish().map_err(|e| format!("PNG encoding failed: {e}"))?;
    Ok(out)
}

/// Three box-blur passes per axis approximate a Gaussian of `sigma`, on an A8 buffer.
fn blur_a8(data: &mut [u8], w: usize, h: usize, sigma: f32) {
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

/// `v > 0`, false for NaN.
fn positive(v: f32) -> bool {
    v > 0.0
}

fn box_pass(line: &mut [u8], step: usize, n: usize, r: usize, tmp: &mut [u8]) {
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

/// Per-region drawing state.
struct Region {
    /// The layer stack: index 0 is the region itself, later entries are opacity layers.
    layers: Vec<(Pixmap, f32)>,
    origin: (i32, i32),
    transforms: Vec<Transform>,
    /// The clip stack: the combined clip at each depth.
    clips: Vec<Clip>,
}

/// One level of the clip stack (in the region's pixel coordinates).
#[derive(Clone, Default)]
enum Clip {
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
    fn rect(px: [i32; 4]) -> Self {
        Clip::Rect(px, Rc::default())
    }

    /// The clip as a mask the size of the region (made once for a rectangle).
    fn mask(&self, size: (u32, u32)) -> Option<Arc<Mask>> {
        match self {
            Clip::None => None,
            Clip::Mask(m) => Some(m.clone()),
            Clip::Rect(px, cell) => cell.get_or_init(|| rect_mask(size, *px).map(Arc::new)).clone(),
        }
    }
}

/// How a bitmap blit must be clipped.
#[derive(Clone)]
enum BlitClip {
    None,
    Rect([i32; 4]),
    Mask(Arc<Mask>),
}

impl Region {
    /// The current transform in absolute physical pixels (independent of the region).
    fn transform(&self) -> Transform {
        self.transforms.last().copied().unwrap_or_default()
    }

    /// `abs` moved into this region's pixmap coordinates.
    fn local(&self, abs: &Transform) -> Transform {
        Transform::translate(-self.origin.0 as f32, -self.origin.1 as f32).then(abs)
    }

    fn target(&mut self) -> &mut Pixmap {
        let last = self.layers.len() - 1;
        &mut self.layers[last].0
    }

    /// The current clip for bitmap blits.
    fn blit_clip(&self) -> BlitClip {
        match self.clips.last() {
            None | Some(Clip::None) => BlitClip::None,
            Some(Clip::Rect(px, _)) => BlitClip::Rect(*px),
            Some(Clip::Mask(m)) => BlitClip::Mask(m.clone()),
        }
    }

    /// The mask a path or glyph covering `area` (region pixels, anti-aliasing included) must be
    /// drawn with: none when no clip applies or `area` lies inside a rectangle clip.
    fn clip_mask_for(&self, area: Option<[i32; 4]>) -> Option<Arc<Mask>> {
        match self.clips.last() {
            None | Some(Clip::None) => None,
            Some(Clip::Rect(px, _)) if area.is_some_and(|a| contains(px, &a)) => None,
            Some(clip) => clip.mask(self.size()),
        }
    }

    /// [`Self::clip_mask_for`] a shape `r` drawn with the region-local transform `t`.
    fn clip_mask_for_shape(&self, t: &Transform, r: &Rect) -> Option<Arc<Mask>> {
        let area = t.map_rect(r);
        let area = area.is_finite().then(|| {
            [area.x.floor() - 1.0, area.y.floor() - 1.0, area.right().ceil() + 1.0, area.bottom().ceil() + 1.0]
                .map(|v| v.clamp(-1e9, 1e9) as i32)
        });
        self.clip_mask_for(area)
    }

    fn size(&self) -> (u32, u32) {
        (self.layers[0].0.width(), self.layers[0].0.height())
    }
}

impl CpuBackend {
    /// A backend drawing into a `size` buffer, `scale` physical pixels per logical pixel.
    pub fn new(size: PhysicalSize, scale: Scale) -> Self {
        Self {
            pixmap: new_pixmap(size.width, size.height),
            scale: if scale.0.is_finite() && scale.0 > 0.0 { scale.0 } else { 1.0 },
            background: Color::BLACK,
            swash: SwashCache::new(),
            glyphs: HashMap::new(),
            pixmaps: HashMap::new(),
            pixmap_bytes: 0,
            frame: 0,
            reported: HashSet::new(),
        }
    }

    /// The colour under everything (black by default).
    pub fn set_background(&mut self, color: Color) {
        self.background = color;
    }

    /// Resizes the buffer; the next frame should be drawn in full.
    pub fn resize(&mut self, size: PhysicalSize, scale: Scale) {
        if (self.pixmap.width(), self.pixmap.height()) != (size.width.max(1), size.height.max(1)) {
            self.pixmap = new_pixmap(size.width, size.height);
        }
        if scale.0.is_finite() && scale.0 > 0.0 {
            self.scale = scale.0;
        }
    }

    pub fn size(&self) -> PhysicalSize {
        PhysicalSize::new(self.pixmap.width(), self.pixmap.height())
    }

    pub fn scale(&self) -> Scale {
        Scale(self.scale)
    }

    /// The premultiplied RGBA8 buffer.
    pub fn pixmap(&self) -> &Pixmap {
        &self.pixmap
    }

    /// The frame as straight-alpha RGBA8 rows.
    pub fn to_rgba(&self) -> Vec<u8> {
        self.pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    }

    /// The frame as a PNG file, encoded for speed (fast deflate; RGB when the frame is opaque,
    /// as screens over a background always are). Cost at 1080p: a few milliseconds.
    pub fn encode_png(&self) -> Result<Vec<u8>, String> {
        encode_png_fast(&self.pixmap)
    }

    /// Physical-pixel rectangle covering logical `r`, clamped to the buffer.
    fn physical_region(&self, r: &Rect) -> Option<IntRect> {
        let s = self.scale;
        let x0 = ((r.x * s).floor() as i32).max(0);
        let y0 = ((r.y * s).floor() as i32).max(0);
        let x1 = ((r.right() * s).ceil() as i32).min(self.pixmap.width() as i32);
        let y1 = ((r.bottom() * s).ceil() as i32).min(self.pixmap.height() as i32);
        IntRect::from_ltrb(x0, y0, x1, y1)
    }

    fn report(&mut self, report: &mut FrameReport, message: String) {
        if self.reported.insert(message.clone()) {
            report.errors.push(message);
        }
    }

    fn draw_region(&mut self, list: &DisplayList, res: &mut Resources, region: IntRect, report: &mut FrameReport) {
        let full = region.x() == 0
            && region.y() == 0
            && region.width() == self.pixmap.width()
            && region.height() == self.pixmap.height();
        let mut base = if full {
            std::mem::replace(&mut self.pixmap, new_pixmap(1, 1))
        } else {
            new_pixmap(region.width(), region.height())
        };
        base.fill(sk_color(self.background));
        let origin = (region.x(), region.y());
        // Transforms stay absolute; each draw moves them into the region at the last step, so
        // a region computes exactly the pixels a full frame would.
        let root = Transform::scale(self.scale, self.scale);
        let mut st = Region { layers: vec![(base, 1.0)], origin, transforms: vec![root], clips: vec![Clip::None] };
        let bounds = Rect::new(origin.0 as f32, origin.1 as f32, region.width() as f32, region.height() as f32);
        for (i, command) in list.commands.iter().enumerate() {
            self.command(command, list.commands.get(i + 1), res, &mut st, &bounds, report);
        }
        // Unbalanced pushes are closed so a malformed list still produces a frame.
        while st.layers.len() > 1 {
            self.pop_layer(&mut st);
        }
        let Some((base, _)) = st.layers.pop() else { return };
        if full {
            self.pixmap = base;
        } else {
            // The region replaces what was there: a row copy.
            overlapping_rows(&mut self.pixmap, &base, origin.0, origin.1, None, |s, d| d.copy_from_slice(s));
        }
    }

    fn pop_layer(&mut self, st: &mut Region) {
        if st.layers.len() <= 1 {
            return;
        }
        let Some((layer, opacity)) = st.layers.pop() else { return };
        let paint = PixmapPaint { opacity, ..PixmapPaint::default() };
        st.target().draw_pixmap(0, 0, layer.as_ref(), &paint, tiny_skia::Transform::identity(), None);
    }

    /// Draws `command`; `next` is the command after it (a shadow skips what it will cover).
    fn command(
        &mut self,
        command: &Command,
        next: Option<&Command>,
        res: &mut Resources,
        st: &mut Region,
        bounds: &Rect,
        report: &mut FrameReport,
    ) {
        let abs = st.transform();
        if !abs.is_axis_aligned() && command.bounds().is_some() {
            self.draw_rotated(command, res, st, bounds, report);
            return;
        }
        self.draw_command(command, next, res, st, bounds, report);
    }

    /// Draws one command (or applies one push/pop) in the region's coordinates.
    fn draw_command(
        &mut self,
        command: &Command,
        next: Option<&Command>,
        res: &mut Resources,
        st: &mut Region,
        bounds: &Rect,
        report: &mut FrameReport,
    ) {
        let abs = st.transform();
        let t = st.local(&abs);
        // Cull draws that cannot touch this region (the physical bounds after transform).
        let visible = |r: &Rect, grow: f32| -> bool { abs.map_rect(&r.inflate(grow)).intersect(bounds).is_some() };
        match command {
            Command::FillRect { rect, radii, color } => {
                if color.a == 0 || !visible(rect, 1.0) {
                    return;
                }
                // An opaque, square-cornered, axis-aligned rectangle inside no shaped clip is
                // a fill of the pixels whose centres it covers (what a hard-edged path fill
                // covers), written directly.
                let clip_rect = match st.blit_clip() {
                    BlitClip::None => Some(None),
                    BlitClip::Rect(px) => Some(Some(px)),
                    BlitClip::Mask(_) => None,
                };
                if let (255, true, true, Some(clip_rect)) = (color.a, radii.is_zero(), t.is_axis_aligned(), clip_rect) {
                    let r = t.map_rect(rect);
                    if r.is_finite() {
                        fill_opaque(st.target(), hard_edge_pixels(&r), clip_rect, *color);
                        return;
                    }
                }
                let mut paint = Paint::default();
                paint.set_color(sk_color(*color));
                paint.anti_alias = !(radii.is_zero() && t.is_axis_aligned());
                let clip = st.clip_mask_for_shape(&t, rect);
                if let Some(path) = rounded_rect_path(rect, radii) {
                    st.target().fill_path(&path, &paint, FillRule::Winding, sk_transform(&t), clip.as_deref());
                }
            }
            Command::LinearGradient { rect, radii, start, end, stops } => {
                if !visible(rect, 1.0) || stops.is_empty() {
                    return;
                }
                if t.is_axis_aligned() {
                    self.draw_gradient_cached(st, &abs, rect, radii, *start, *end, stops);
                } else if let Some(path) = rounded_rect_path(rect, radii) {
                    let Some(paint) = gradient_paint(*start, *end, stops, tiny_skia::Transform::identity()) else {
                        return;
                    };
                    let clip = st.clip_mask_for_shape(&t, rect);
                    st.target().fill_path(&path, &paint, FillRule::Winding, sk_transform(&t), clip.as_deref());
                }
            }
            Command::Border { rect, radii, width, color } => {
                if !positive(*width) || color.a == 0 || !visible(rect, 1.0) {
                    return;
                }
                let w = width.min(rect.width / 2.0).min(rect.height / 2.0);
                let mut pb = PathBuilder::new();
                if let Some(outer) = rounded_rect_path(rect, radii) {
                    pb.push_path(&outer);
                }
                if let Some(inner) = rounded_rect_path(&rect.inflate(-w), &radii.inset(w)) {
                    pb.push_path(&inner);
                }
                let Some(path) = pb.finish() else { return };
                let mut paint = Paint::default();
                paint.set_color(sk_color(*color));
                paint.anti_alias = true;
                let clip = st.clip_mask_for_shape(&t, rect);
                st.target().fill_path(&path, &paint, FillRule::EvenOdd, sk_transform(&t), clip.as_deref());
            }
            Command::BoxShadow { rect, radii, offset, blur, spread, color } => {
                let blur = if blur.is_finite() { blur.clamp(0.0, 500.0) } else { 0.0 };
                let spread = if spread.is_finite() { spread.clamp(-500.0, 500.0) } else { 0.0 };
                let shape = rect.translate(offset.x, offset.y).inflate(spread);
                if color.a == 0 || shape.is_empty() || !visible(&shape, blur) {
                    return;
                }
                // The opaque box drawn next hides the shadow under it: those pixels are skipped.
                let hole = self.opaque_cover(next, rect, radii, &abs).map(|h| {
                    let (ox, oy) = st.origin;
                    [h[0] - ox, h[1] - oy, h[2] - ox, h[3] - oy]
                });
                self.draw_shadow(st, &abs, &shape, &radii.inset(-spread), blur, *color, hole);
            }
            Command::Image { image, rect, fit, radii, opacity } => {
                if !visible(rect, 1.0) || !positive(*opacity) {
                    return;
                }
                match res.images.pixels(*image, res.assets.as_ref()) {
                    Ok(pixels) => self.draw_image(st, &abs, *image, &pixels, rect, *fit, radii, opacity.min(1.0)),
                    Err(e) => {
                        self.report(report, e.to_string());
                        draw_placeholder(st, &t, rect, radii);
                    }
                }
            }
            Command::GlyphRun(run) => {
                self.draw_glyphs(st, &abs, run, res, report);
            }
            Command::PushClip { rect, radii } => {
                let previous = st.clips.last().cloned().unwrap_or_default();
                let r = t.map_rect(rect);
                let plain = radii.is_zero() && t.is_axis_aligned() && r.is_finite();
                let clip = match previous {
                    // A hard-edged rectangle covers the pixels whose centres it contains, as
                    // its mask would (`hard_edge_pixels`); no mask is made for it.
                    Clip::None if plain => Clip::rect(hard_edge_pixels(&r)),
                    Clip::Rect(p, _) if plain => {
                        let px = hard_edge_pixels(&r);
                        Clip::rect([px[0].max(p[0]), px[1].max(p[1]), px[2].min(p[2]), px[3].min(p[3])])
                    }
                    previous => {
                        let prev = previous.mask(st.size());
                        match clip_mask(st.size(), &t, rect, radii, prev.as_deref()) {
                            Some(m) => Clip::Mask(Arc::new(m)),
                            None => previous,
                        }
                    }
                };
                st.clips.push(clip);
            }
            Command::PopClip => {
                if st.clips.len() > 1 {
                    st.clips.pop();
                }
            }
            Command::PushOpacity(o) => {
                let o = if o.is_finite() { o.clamp(0.0, 1.0) } else { 1.0 };
                if st.layers.len() > MAX_NESTING {
                    return;
                }
                let (w, h) = st.size();
                st.layers.push((new_pixmap(w, h), o));
            }
            Command::PopOpacity => self.pop_layer(st),
            Command::PushTransform(m) => {
                let m = if m.is_finite() { *m } else { Transform::IDENTITY };
                st.transforms.push(abs.then(&m));
            }
            Command::PopTransform => {
                if st.transforms.len() > 1 {
                    st.transforms.pop();
                }
            }
        }
    }

    /// A draw under rotation or skew. Its pixels are computed in a scratch pixmap anchored to
    /// the command's own absolute bounds, then composited, so a damaged region and a full
    /// frame produce identical pixels (a region-relative transform would resample differently).
    fn draw_rotated(
        &mut self,
        command: &Command,
        res: &mut Resources,
        st: &mut Region,
        bounds: &Rect,
        report: &mut FrameReport,
    ) {
        let abs = st.transform();
        let Some(b) = command.bounds() else { return };
        let area = abs.map_rect(&b);
        if area.intersect(bounds).is_none() || !area.is_finite() {
            return;
        }
        let (bx, by) = (area.x.floor() as i32, area.y.floor() as i32);
        let bw = (area.right().ceil() as i32 - bx).clamp(1, 8192) as u32;
        let bh = (area.bottom().ceil() as i32 - by).clamp(1, 8192) as u32;
        let mut scratch = Region {
            layers: vec![(new_pixmap(bw, bh), 1.0)],
            origin: (bx, by),
            transforms: vec![abs],
            clips: vec![Clip::None],
        };
        let scratch_bounds = Rect::new(bx as f32, by as f32, bw as f32, bh as f32);
        self.draw_command(command, None, res, &mut scratch, &scratch_bounds, report);
        let Some((layer, _)) = scratch.layers.pop() else { return };
        let (ox, oy) = st.origin;
        let bc = st.blit_clip();
        blit(st.target(), &layer, bx - ox, by - oy, false, 1.0, bc);
    }

    fn touch(&mut self, key: PixKey) -> Option<(Arc<Pixmap>, bool)> {
        let frame = self.frame;
        self.pixmaps.get_mut(&key).map(|e| {
            e.last_used = frame;
            (e.pixmap.clone(), e.opaque)
        })
    }

    fn remember(&mut self, key: PixKey, pixmap: Pixmap) -> (Arc<Pixmap>, bool) {
        let bytes = pixmap.data().len();
        // One pass over the alpha: the pixmap is opaque when its opaque band is all of it.
        let opaque_band = opaque_band(&pixmap);
        let opaque = opaque_band.is_some_and(|b| b[2] - b[0] == pixmap.width() as i32);
        let opaque_band = opaque_band.filter(|_| matches!(key, PixKey::Image { .. }));
        if self.pixmap_bytes + bytes > PIXMAP_CACHE_BYTES {
            // Drop everything not drawn this frame, oldest first, until the new entry fits.
            let mut entries: Vec<(PixKey, u64, usize)> =
                self.pixmaps.iter().map(|(k, v)| (*k, v.last_used, v.pixmap.data().len())).collect();
            entries.sort_by_key(|e| e.1);
            for (k, used, size) in entries {
                if self.pixmap_bytes + bytes <= PIXMAP_CACHE_BYTES || used == self.frame {
                    break;
                }
                self.pixmaps.remove(&k);
                self.pixmap_bytes -= size;
            }
        }
        let pixmap = Arc::new(pixmap);
        self.pixmap_bytes += bytes;
        self.pixmaps.insert(key, CachedPixmap { pixmap: pixmap.clone(), opaque, opaque_band, last_used: self.frame });
        (pixmap, opaque)
    }

    /// Drops every pre-scaled copy of image `id`, so the next draw rescales it from fresh
    /// pixels (hot reload of a changed image file, after `ImageStore::invalidate`).
    pub fn forget_image(&mut self, id: ImageId) {
        let mut freed = 0;
        self.pixmaps.retain(|k, v| match k {
            PixKey::Image { id: cached, .. } if *cached == id => {
                freed += v.pixmap.data().len();
                false
            }
            _ => true,
        });
        self.pixmap_bytes -= freed;
    }

    /// Bytes held by the pre-scaled image and shadow cache.
    pub fn cache_bytes(&self) -> usize {
        self.pixmap_bytes
    }

    #[expect(clippy::too_many_arguments, reason = "the fields of one Image command plus drawing state")]
    fn draw_image(
        &mut self,
        st: &mut Region,
        t: &Transform,
        id: ImageId,
        pixels: &Pixmap,
        rect: &Rect,
        fit: ImageFit,
        radii: &Corners,
        opacity: f32,
    ) {
        let abs = *t;
        let t = &st.local(&abs);
        if !t.is_axis_aligned() {
            // Rotated or skewed: sample through a shader each frame (rare on TV screens).
            let clip = st.clip_mask_for(None);
            let (pattern, path_rect) = fit_transform(pixels, rect, fit);
            let shader = tiny_skia::Pattern::new(
                pixels.as_ref(),
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
        let Some((key, x, y)) = image_key(id, &abs, rect, fit, radii) else { return };
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

    /// Gradients are cached as pixmaps at their drawn size: a full-screen scrim is then one
    /// blend per frame instead of a gradient shader evaluated per pixel.
    #[expect(clippy::too_many_arguments, reason = "the fields of one LinearGradient command plus drawing state")]
    fn draw_gradient_cached(
        &mut self,
        st: &mut Region,
        t: &Transform,
        rect: &Rect,
        radii: &Corners,
        start: Point,
        end: Point,
        stops: &[GradientStop],
    ) {
        let dest = t.map_rect(rect);
        let (x, y) = (dest.x.round() as i32, dest.y.round() as i32);
        let w = (dest.right().round() as i32 - x).max(1) as u32;
        let h = (dest.bottom().round() as i32 - y).max(1) as u32;
        if w > 16_384 || h > 16_384 {
            return;
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
        let (cached, opaque) = match self.touch(key) {
            Some(hit) => hit,
            None => {
                let mut pm = new_pixmap(w, h);
                // Local space: the rect's origin at (0, 0), scaled like the target.
                let local = Transform::scale(w as f32 / rect.width.max(1e-3), h as f32 / rect.height.max(1e-3))
                    .then(&Transform::translate(-rect.x, -rect.y));
                if let (Some(paint), Some(path)) = (
                    gradient_paint(start, end, stops, tiny_skia::Transform::identity()),
                    rounded_rect_path(rect, radii),
                ) {
                    pm.fill_path(&path, &paint, FillRule::Winding, sk_transform(&local), None);
                }
                self.remember(key, pm)
            }
        };
        let bc = st.blit_clip();
        blit(st.target(), &cached, x, y, opaque, 1.0, bc);
    }

    /// Absolute pixels that `next` certainly covers with opaque colour when it is the box of
    /// the shadow cast by `rect` (same rectangle and corners): an opaque fill, or an image
    /// already cached at this size, between its rounded corners.
    fn opaque_cover(&self, next: Option<&Command>, rect: &Rect, radii: &Corners, abs: &Transform) -> Option<[i32; 4]> {
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
    fn draw_shadow(
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
        if w > 8192 || h > 8192 {
            return;
        }
        let key =
            PixKey::Shadow { w, h, blur: (blur * s * 4.0).round() as u32, radii: radii_key(&radii.scaled(s)), color };
        let (pixmap, _) = match self.touch(key) {
            Some(hit) => hit,
            None => {
                let made = make_shadow(w, h, pad as f32, &radii.scaled(s), blur * s, color);
                self.remember(key, made)
            }
        };
        let rect = match st.blit_clip() {
            BlitClip::Mask(m) => {
                blit(st.target(), &pixmap, x, y, false, 1.0, BlitClip::Mask(m));
                return;
            }
            BlitClip::Rect(r) => Some(r),
            BlitClip::None => None,
        };
        let Some([hx0, hy0, hx1, hy1]) = hole else {
            blend_over(st.target(), &pixmap, x, y, 1.0, rect);
            return;
        };
        // Rows beside the hole are blended whole; rows through it, left and right of it.
        overlapping_rows_at(st.target(), &pixmap, x, y, rect, |row, x0, srow, drow| {
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

    fn draw_glyphs(
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
                if self.glyphs.len() >= GLYPH_CACHE_LIMIT {
                    self.glyphs.clear();
                }
                let mask = self.swash.get_image_uncached(res.fonts.system_mut(), key).map(|img| GlyphMask {
                    left: img.placement.left,
                    top: img.placement.top,
                    width: img.placement.width,
                    height: img.placement.height,
                    color: img.content == SwashContent::Color,
                    data: img.data,
                });
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
                crate::images::premultiply(&mut data);
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
                blit_mask(st.target(), gx, gy, mask.width, mask.height, &mask.data, run.color, clip.as_deref());
            }
        }
    }
}

/// A paint for a linear gradient from `start` to `end` (in the space `transform` maps from).
fn gradient_paint(
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
fn gradient_hash(start: Point, end: Point, rect: &Rect, stops: &[GradientStop]) -> u64 {
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

/// The pattern transform (image pixels to logical) and the rect the image covers for `fit`.
fn fit_transform(pixels: &Pixmap, rect: &Rect, fit: ImageFit) -> (Transform, Rect) {
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
fn prescale(pixels: &Pixmap, w: u32, h: u32, fit: ImageFit, radii: &Corners) -> Pixmap {
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
fn image_key(id: ImageId, abs: &Transform, rect: &Rect, fit: ImageFit, radii: &Corners) -> Option<(PixKey, i32, i32)> {
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

/// The widest run of fully opaque whole columns of `pm`, as `[x0, 0, x1, height)`.
fn opaque_band(pm: &Pixmap) -> Option<[i32; 4]> {
    let (w, h) = (pm.width() as usize, pm.height() as usize);
    let mut column_opaque = vec![true; w];
    for row in pm.pixels().chunks_exact(w) {
        for (c, p) in column_opaque.iter_mut().zip(row) {
            *c &= p.alpha() == 255;
        }
    }
    let (mut best, mut start) = ((0, 0), None);
    for (i, &o) in column_opaque.iter().chain([&false]).enumerate() {
        match (o, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s > best.1 - best.0 {
                    best = (s, i);
                }
                start = None;
            }
            _ => {}
        }
    }
    (best.1 > best.0).then_some([best.0 as i32, 0, best.1 as i32, h as i32])
}

/// Calls `f` with each pair of source and destination rows where `src` placed at integer
/// (`x`, `y`) overlaps `dst` (clipped to both), as RGBA8 byte slices.
fn overlapping_rows(
    dst: &mut Pixmap,
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
fn overlapping_rows_at(
    dst: &mut Pixmap,
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

/// The pixel rectangle `[x0, y0, x1, y1)` a hard-edged (not anti-aliased) fill of `r` covers:
/// the pixels whose centres are inside, an edge through a centre rounding up (as tiny-skia's
/// scan converter rounds edges to the nearest pixel boundary).
fn hard_edge_pixels(r: &Rect) -> [i32; 4] {
    [r.x, r.y, r.right(), r.bottom()]
        .map(|v| (v + 0.5).floor())
        .map(|v| v.clamp(i32::MIN as f32, i32::MAX as f32) as i32)
}

/// Fills the pixel rectangle `px` (within `clip`, if any) with an opaque colour.
fn fill_opaque(dst: &mut Pixmap, px: [i32; 4], clip: Option<[i32; 4]>, color: Color) {
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
fn blit(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32, opaque: bool, opacity: f32, clip: BlitClip) {
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
fn blend_over(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32, opacity: f32, clip: Option<[i32; 4]>) {
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
fn over_row(srow: &[u8], drow: &mut [u8]) {
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

/// Premultiplied source-over of one RGBA8 pixel (little-endian `u32`): `s + d * (255 - a) / 255`
/// per channel, rounded like [`div255`]. Two channels per multiply, each in its own 16-bit
/// lane; premultiplied input keeps every sum <= 255, so no lane carries into the next.
#[inline(always)]
fn over(s: u32, d: u32) -> u32 {
    let inv = 255 - (s >> 24);
    let rb = (d & 0x00FF_00FF) * inv + 0x0080_0080;
    let rb = ((rb + ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF;
    let ag = ((d >> 8) & 0x00FF_00FF) * inv + 0x0080_0080;
    let ag = (ag + ((ag >> 8) & 0x00FF_00FF)) & 0xFF00_FF00;
    s + (rb | ag)
}

/// `v / 255` rounded, exact for `v` in `0..=65535`.
#[inline(always)]
fn div255(v: u32) -> u32 {
    let v = v + 128;
    (v + (v >> 8)) >> 8
}

fn make_shadow(w: u32, h: u32, pad: f32, radii: &Corners, blur: f32, color: Color) -> Pixmap {
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

fn clip_mask(size: (u32, u32), t: &Transform, rect: &Rect, radii: &Corners, previous: Option<&Mask>) -> Option<Mask> {
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
fn rect_mask(size: (u32, u32), px: [i32; 4]) -> Option<Mask> {
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
fn contains(outer: &[i32; 4], inner: &[i32; 4]) -> bool {
    inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

/// A neutral tile with a crossed frame, standing in for an image that failed to load.
fn draw_placeholder(st: &mut Region, t: &Transform, rect: &Rect, radii: &Corners) {
    let clip = st.clip_mask_for_shape(t, &rect.inflate(2.0));
    let mut paint = Paint::default();
    paint.set_color(sk_color(Color::rgb(58, 62, 72)));
    paint.anti_alias = true;
    let target = st.target();
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

impl Backend for CpuBackend {
    fn draw(&mut self, list: &DisplayList, resources: &mut Resources, damage: Option<&[Rect]>) -> FrameReport {
        self.frame += 1;
        let mut report = FrameReport::default();
        let full =
            Rect::new(0.0, 0.0, self.pixmap.width() as f32 / self.scale, self.pixmap.height() as f32 / self.scale);
        let regions: Vec<IntRect> = match damage {
            None => self.physical_region(&full).into_iter().collect(),
            Some(rects) => rects.iter().filter_map(|r| self.physical_region(r)).collect(),
        };
        for region in regions {
            self.draw_region(list, resources, region, &mut report);
            report.drawn.push(Rect::new(
                region.x() as f32,
                region.y() as f32,
                region.width() as f32,
                region.height() as f32,
            ));
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            fill_opaque(&mut got, hard_edge_pixels(&r), None, color);
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
        let mut st = Region {
            layers: vec![(new_pixmap(100, 80), 1.0)],
            origin: (0, 0),
            transforms: vec![Transform::IDENTITY],
            clips: vec![Clip::None, Clip::rect([10, 10, 90, 70])],
        };
        assert!(st.clip_mask_for(Some([20, 20, 40, 40])).is_none(), "inside: clipped by nothing");
        let m = st.clip_mask_for(Some([5, 20, 40, 40])).expect("crossing the left edge");
        assert_eq!(m.data()[10 * 100 + 9], 0);
        assert_eq!(m.data()[10 * 100 + 10], 255);
        assert_eq!(m.data()[69 * 100 + 89], 255);
        assert_eq!(m.data()[70 * 100 + 89], 0);
        st.clips.pop();
        assert!(st.clip_mask_for(Some([5, 20, 40, 40])).is_none(), "no clip");
    }

    /// A display list drawn twice (the second time with every cache warm) into 1x pixels.
    fn render_twice(list: &DisplayList, res: &mut Resources) -> Vec<u8> {
        let mut b = CpuBackend::new(PhysicalSize::new(160, 120), Scale(1.0));
        b.set_background(Color::rgb(30, 60, 90));
        b.draw(list, res, None);
        b.draw(list, res, Some(&[Rect::new(0.0, 0.0, 160.0, 120.0)]));
        b.pixmap().data().to_vec()
    }

    #[test]
    fn a_shadow_under_an_opaque_box_skips_only_hidden_pixels() {
        let mut res = Resources::embedded();
        // An opaque image with a gradient, so any misplaced pixel shows.
        let mut poster = new_pixmap(30, 45);
        for (i, p) in poster.data_mut().chunks_exact_mut(4).enumerate() {
            p.copy_from_slice(&[(i % 30 * 8) as u8, (i / 30 * 5) as u8, 120, 255]);
        }
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

    #[test]
    fn an_opaque_band_avoids_rounded_corners() {
        let mut pm = new_pixmap(20, 10);
        pm.fill(tiny_skia::Color::WHITE);
        crate::resample::cut_corners(&mut pm, &Rect::new(0.0, 0.0, 20.0, 10.0), &Corners::all(4.0));
        let band = opaque_band(&pm).expect("a band");
        assert!(band[0] >= 3 && band[2] <= 17 && band[2] - band[0] >= 10, "{band:?}");
        assert_eq!([band[1], band[3]], [0, 10]);
        for y in 0..10 {
            for x in band[0]..band[2] {
                assert_eq!(pm.pixel(x as u32, y).map(|p| p.alpha()), Some(255));
            }
        }
        assert_eq!(opaque_band(&new_pixmap(5, 5)), None, "nothing opaque");
    }
}
