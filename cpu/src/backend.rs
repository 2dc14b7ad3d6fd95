//! [`CpuBackend`]: the buffer, the frame's regions and the command dispatch. What each command
//! draws lives beside its kind: `clip.rs` (the clip stack), `cache.rs` (pre-scaled bitmaps),
//! `blit.rs` (pixel loops), `effects.rs` (shadows, gradients), `image.rs`, `glyphs.rs`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use cosmic_text::{CacheKey, SwashCache};
use tenfoot_renderer::{
    Backend, Color, Command, DisplayList, FrameReport, ImageDecoder, ImageId, PhysicalSize, Rect, Resources, Scale,
    Transform, MAX_NESTING,
};
use tiny_skia::{FillRule, IntRect, Paint, PathBuilder, Pixmap, PixmapMut, PixmapPaint};

use crate::blit::{blit, fill_opaque, overlapping_rows};
use crate::budget::{draw_fits, pixmap_bytes, Budget, FrameBudget, MAX_LAYER_DEPTH, MAX_MASK_DEPTH};
use crate::cache::{CachedPixmap, PixKey};
use crate::clip::{clip_mask, hard_edge_pixels, BlitClip, Clip, Region};
use crate::decode::ImageCodec;
use crate::effects::{draw_placeholder, gradient_paint};
use crate::glyphs::GlyphMask;
use crate::paths::{positive, rounded_rect_path, sk_color, sk_transform};
use crate::png::encode_png_fast;

/// Rasterizes display lists into a premultiplied RGBA8 buffer.
pub struct CpuBackend {
    pub(crate) pixmap: Pixmap,
    /// The frame's size (`pixmap` is lent out while a frame is drawn).
    pub(crate) frame_size: (u32, u32),
    pub(crate) scale: f32,
    pub(crate) background: Color,
    pub(crate) swash: SwashCache,
    pub(crate) glyphs: HashMap<CacheKey, Option<GlyphMask>>,
    pub(crate) pixmaps: HashMap<PixKey, CachedPixmap>,
    pub(crate) pixmap_bytes: usize,
    pub(crate) frame: u64,
    pub(crate) reported: HashSet<String>,
    /// The memory budget and its split (`budget.rs`).
    pub(crate) budget: Budget,
    /// Bytes of glyph masks cached.
    pub(crate) glyph_bytes: usize,
    /// Layers and masks the region being drawn holds.
    pub(crate) frame_budget: FrameBudget,
    /// Problems found where no report is at hand (a refused draw), flushed into the next report.
    pub(crate) notes: Vec<String>,
    /// Images whose decoded pixels are kept because they were copied at more than one size
    /// lately (a scale animation), with the frame of their last copy (`image.rs`).
    pub(crate) resizing: HashMap<ImageId, u64>,
    /// Regions as wide as the frame are drawn in place (off only in tests, to compare with
    /// the region pixmap they would otherwise get).
    pub(crate) in_place: bool,
}

impl fmt::Debug for CpuBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CpuBackend")
            .field("size", &(self.pixmap.width(), self.pixmap.height()))
            .field("scale", &self.scale)
            .finish_non_exhaustive()
    }
}

pub(crate) fn new_pixmap(w: u32, h: u32) -> Pixmap {
    // A zero-sized pixmap is not allowed; a 1x1 one stands in for an empty window.
    Pixmap::new(w.max(1), h.max(1)).unwrap_or_else(|| {
        #[expect(clippy::expect_used, reason = "1x1 is always a valid pixmap size")]
        Pixmap::new(1, 1).expect("1x1 pixmap")
    })
}

impl CpuBackend {
    /// A backend drawing into a `size` buffer, `scale` physical pixels per logical pixel.
    pub fn new(size: PhysicalSize, scale: Scale) -> Self {
        Self {
            pixmap: new_pixmap(size.width, size.height),
            frame_size: (size.width.max(1), size.height.max(1)),
            scale: if scale.0.is_finite() && scale.0 > 0.0 { scale.0 } else { 1.0 },
            background: Color::BLACK,
            swash: SwashCache::new(),
            glyphs: HashMap::new(),
            pixmaps: HashMap::new(),
            pixmap_bytes: 0,
            frame: 0,
            reported: HashSet::new(),
            budget: Budget::default(),
            glyph_bytes: 0,
            frame_budget: FrameBudget::default(),
            notes: Vec::new(),
            resizing: HashMap::new(),
            in_place: true,
        }
    }

    /// Sets the memory budget: the bytes the backend may hold besides its frame buffer (default
    /// [`crate::DEFAULT_MEMORY_BUDGET`], at least 16 MiB). 3/8 go to pre-scaled images, shadows
    /// and gradients, 1/8 to glyph masks, 1/2 to the opacity layers and clip masks one frame
    /// holds at once. Caches shrink to fit at their next insertion.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.budget = Budget::new(bytes);
    }

    /// The memory budget in bytes (see [`CpuBackend::set_memory_budget`]).
    pub fn memory_budget(&self) -> usize {
        self.budget.total
    }

    /// Bytes held by the glyph-mask cache.
    pub fn glyph_cache_bytes(&self) -> usize {
        self.glyph_bytes
    }

    /// Remembers a problem found where no report is at hand; it goes into this frame's report.
    pub(crate) fn note(&mut self, message: String) {
        self.notes.push(message);
    }

    /// The colour under everything (black by default).
    pub fn set_background(&mut self, color: Color) {
        self.background = color;
    }

    /// Resizes the buffer; the next frame should be drawn in full.
    pub fn resize(&mut self, size: PhysicalSize, scale: Scale) {
        if (self.pixmap.width(), self.pixmap.height()) != (size.width.max(1), size.height.max(1)) {
            self.pixmap = new_pixmap(size.width, size.height);
            self.frame_size = (self.pixmap.width(), self.pixmap.height());
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
    pub(crate) fn physical_region(&self, r: &Rect) -> Option<IntRect> {
        let s = self.scale;
        let x0 = ((r.x * s).floor() as i32).max(0);
        let y0 = ((r.y * s).floor() as i32).max(0);
        let x1 = ((r.right() * s).ceil() as i32).min(self.pixmap.width() as i32);
        let y1 = ((r.bottom() * s).ceil() as i32).min(self.pixmap.height() as i32);
        IntRect::from_ltrb(x0, y0, x1, y1)
    }

    pub(crate) fn report(&mut self, report: &mut FrameReport, message: String) {
        if self.reported.insert(message.clone()) {
            report.errors.push(message);
        }
    }

    pub(crate) fn draw_region(
        &mut self,
        list: &DisplayList,
        res: &mut Resources,
        region: IntRect,
        report: &mut FrameReport,
    ) {
        let mut frame = std::mem::replace(&mut self.pixmap, new_pixmap(1, 1));
        let (fw, fh) = (frame.width(), frame.height());
        let origin = (region.x(), region.y());
        // A region as wide as the frame is a run of whole rows, contiguous in the buffer: it is
        // drawn in place (the whole frame, and a page scroll's tall regions: no region-sized
        // pixmap, no copy back). A narrower one gets a pixmap of its own, copied back after.
        // Either way the region's pixmap has the same size and origin, so its pixels are equal.
        let rows = (self.in_place && origin.0 == 0 && region.width() == fw && region.bottom() as u32 <= fh)
            .then(|| (origin.1 as usize * fw as usize * 4, region.bottom() as usize * fw as usize * 4));
        let mut own = None;
        {
            let in_place = rows.and_then(|(a, b)| {
                frame.data_mut().get_mut(a..b).and_then(|d| PixmapMut::from_bytes(d, fw, region.height()))
            });
            let mut base = match in_place {
                Some(rows) => rows,
                None => own.insert(new_pixmap(region.width(), region.height())).as_mut(),
            };
            if !self.first_command_covers(list, region) {
                base.fill(sk_color(self.background));
            }
            self.frame_budget = FrameBudget::default();
            // Transforms stay absolute; each draw moves them into the region at the last step, so
            // a region computes exactly the pixels a full frame would.
            let root = Transform::scale(self.scale, self.scale);
            let mut st = Region::new(base, origin, root);
            let bounds = Rect::new(origin.0 as f32, origin.1 as f32, region.width() as f32, region.height() as f32);
            for (i, command) in list.commands.iter().enumerate() {
                self.command(command, list.commands.get(i + 1), res, &mut st, &bounds, report);
            }
            // Unbalanced pushes are closed so a malformed list still produces a frame.
            while !st.layers.is_empty() {
                self.pop_layer(&mut st);
            }
        }
        if let Some(own) = own {
            // The region replaces what was there: a row copy.
            overlapping_rows(&mut frame.as_mut(), &own, origin.0, origin.1, None, |s, d| d.copy_from_slice(s));
        }
        self.pixmap = frame;
    }

    /// Whether the list starts with an opaque, square-cornered fill under no transform or clip
    /// that covers every pixel of `region` (a screen's background): clearing under it first
    /// would write every pixel twice.
    fn first_command_covers(&self, list: &DisplayList, region: IntRect) -> bool {
        let Some(Command::FillRect { rect, radii, color }) = list.commands.first() else { return false };
        if color.a != 255 || !radii.is_zero() {
            return false;
        }
        let r = Transform::scale(self.scale, self.scale).map_rect(rect);
        if !r.is_finite() {
            return false;
        }
        let px = hard_edge_pixels(&r);
        px[0] <= region.x() && px[1] <= region.y() && px[2] >= region.right() && px[3] >= region.bottom()
    }

    pub(crate) fn pop_layer(&mut self, st: &mut Region) {
        let Some((layer, opacity)) = st.layers.pop() else { return };
        let paint = PixmapPaint { opacity, ..PixmapPaint::default() };
        st.target().draw_pixmap(0, 0, layer.as_ref(), &paint, tiny_skia::Transform::identity(), None);
    }

    /// Draws `command`; `next` is the command after it (a shadow skips what it will cover).
    pub(crate) fn command(
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
    pub(crate) fn draw_command(
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
                        fill_opaque(&mut st.target(), hard_edge_pixels(&r), clip_rect, *color);
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
                // A gradient too large to cache is shaded straight into the target.
                let cached =
                    t.is_axis_aligned() && self.draw_gradient_cached(st, &abs, rect, radii, *start, *end, stops);
                if let (false, Some(path)) = (cached, rounded_rect_path(rect, radii)) {
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
                // A copy at the drawn size needs no decoded pixels (they may have been released).
                if self.draw_image_cached(st, &abs, *image, rect, *fit, radii, opacity.min(1.0)) {
                    return;
                }
                // The app's decoder when it installed one, else PNG and JPEG through `image`.
                let decoder: &dyn ImageDecoder = match &res.decoder {
                    Some(d) => d.as_ref(),
                    None => &ImageCodec,
                };
                match res.images.pixels(*image, res.assets.as_ref(), decoder) {
                    Ok(pixels) => {
                        let copied = self.draw_image(st, &abs, *image, &pixels, rect, *fit, radii, opacity.min(1.0));
                        drop(pixels);
                        if copied {
                            self.copied_image(*image, res);
                        }
                    }
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
                        let (w, h) = st.size();
                        let bytes = w as usize * h as usize;
                        let masks = st.clips.iter().filter(|c| matches!(c, Clip::Mask(_))).count();
                        if masks >= MAX_MASK_DEPTH || self.frame_budget.held + bytes > self.budget.frame {
                            // Hide what it contains rather than allocate past the budget.
                            let mib = self.budget.frame >> 20;
                            let msg = format!("clips nested deeper than {MAX_MASK_DEPTH} masks or past the frame's memory budget ({mib} MiB) hide their contents");
                            self.report(report, msg);
                            self.frame_budget.clip_bytes.push(0);
                            st.clips.push(Clip::rect([0, 0, 0, 0]));
                            return;
                        }
                        let prev = previous.mask(st.size());
                        match clip_mask(st.size(), &t, rect, radii, prev.as_deref()) {
                            Some(m) => {
                                self.frame_budget.held += bytes;
                                self.frame_budget.clip_bytes.push(bytes);
                                st.clips.push(Clip::Mask(Arc::new(m)));
                                return;
                            }
                            None => previous,
                        }
                    }
                };
                self.frame_budget.clip_bytes.push(0);
                st.clips.push(clip);
            }
            Command::PopClip => {
                if st.clips.len() > 1 {
                    st.clips.pop();
                    let fb = &mut self.frame_budget;
                    fb.held -= fb.clip_bytes.pop().unwrap_or(0).min(fb.held);
                }
            }
            Command::PushOpacity(o) => {
                let o = if o.is_finite() { o.clamp(0.0, 1.0) } else { 1.0 };
                let (w, h) = st.size();
                let bytes = pixmap_bytes(w, h);
                let fb = &mut self.frame_budget;
                // Past the depth or the frame's share of the budget, the layer's contents are
                // drawn straight into its parent (so are layers inside it, keeping pops paired).
                if fb.flattened > 0
                    || st.layers.len() + 1 > MAX_LAYER_DEPTH.min(MAX_NESTING)
                    || fb.held + bytes > self.budget.frame
                {
                    fb.flattened += 1;
                    let mib = self.budget.frame >> 20;
                    let msg = format!("opacity layers nested deeper than {MAX_LAYER_DEPTH} or past the frame's memory budget ({mib} MiB) are drawn without their opacity");
                    self.report(report, msg);
                    return;
                }
                fb.held += bytes;
                fb.layer_bytes.push(bytes);
                st.layers.push((new_pixmap(w, h), o));
            }
            Command::PopOpacity => {
                let fb = &mut self.frame_budget;
                if fb.flattened > 0 {
                    fb.flattened -= 1;
                } else if !st.layers.is_empty() {
                    fb.held -= fb.layer_bytes.pop().unwrap_or(0).min(fb.held);
                    self.pop_layer(st);
                }
            }
            Command::PushTransform(m) => {
                let m = if m.is_finite() { *m } else { Transform::IDENTITY };
                st.transforms.push(abs.then(&m));
            }
            Command::PopTransform => {
                if st.transforms.len() > 1 {
                    st.transforms.pop();
                }
            }
            Command::Video { rect, label } => {
                // No video plane here: the reference placeholder, made of plain fills.
                if !visible(rect, 1.0) {
                    return;
                }
                for c in tenfoot_renderer::video_placeholder(rect, label) {
                    self.command(&c, None, res, st, bounds, report);
                }
            }
        }
    }

    /// A draw under rotation or skew. Its pixels are computed in a scratch pixmap anchored to
    /// the command's own absolute bounds, then composited, so a damaged region and a full
    /// frame produce identical pixels (a region-relative transform would resample differently).
    pub(crate) fn draw_rotated(
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
        // The scratch is anchored to the command's own bounds; one larger than the budget allows
        // is cut to the region (its pixels may then differ from a full frame's by resampling).
        let area = match draw_fits(self.frame_size, area.width.min(1e6) as u32, area.height.min(1e6) as u32) {
            true => area,
            false => match area.intersect(bounds) {
                Some(a) => a,
                None => return,
            },
        };
        let (bx, by) = (area.x.floor() as i32, area.y.floor() as i32);
        let bw = (area.right().ceil() as i32 - bx).clamp(1, 8192) as u32;
        let bh = (area.bottom().ceil() as i32 - by).clamp(1, 8192) as u32;
        let mut layer = new_pixmap(bw, bh);
        let mut scratch = Region::new(layer.as_mut(), (bx, by), abs);
        let scratch_bounds = Rect::new(bx as f32, by as f32, bw as f32, bh as f32);
        self.draw_command(command, None, res, &mut scratch, &scratch_bounds, report);
        while !scratch.layers.is_empty() {
            self.pop_layer(&mut scratch);
        }
        drop(scratch);
        let (ox, oy) = st.origin;
        let bc = st.blit_clip();
        blit(&mut st.target(), &layer, bx - ox, by - oy, false, 1.0, bc);
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
        self.release_idle_decodes(resources);
        for note in std::mem::take(&mut self.notes) {
            self.report(&mut report, note);
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::Corners;

    fn render(list: &DisplayList, damage: Option<&[Rect]>, scale: f32) -> Vec<u8> {
        let mut b = CpuBackend::new(PhysicalSize::new(90, 60), Scale(scale));
        b.set_background(Color::rgb(200, 10, 10));
        let mut res = Resources::embedded();
        // A first frame in another colour, so a partial redraw shows what it did not clear.
        let first = DisplayList {
            commands: vec![Command::FillRect {
                rect: Rect::new(0.0, 0.0, 200.0, 200.0),
                radii: Corners::ZERO,
                color: Color::rgb(1, 2, 3),
            }],
        };
        b.draw(&first, &mut res, None);
        b.draw(list, &mut res, damage);
        b.pixmap().data().to_vec()
    }

    #[test]
    fn a_region_drawn_in_place_equals_one_drawn_into_its_own_pixmap() {
        // Shapes crossing the region's edges (anti-aliased curves, a border, a soft shadow, a
        // rounded clip, an opacity layer, a gradient and text), under scales 1 and 1.5.
        let rect = |x, y, w, h| Rect::new(x, y, w, h);
        let list = DisplayList {
            commands: vec![
                Command::FillRect {
                    rect: rect(0.0, 0.0, 90.0, 60.0),
                    radii: Corners::ZERO,
                    color: Color::rgb(9, 20, 40),
                },
                Command::BoxShadow {
                    rect: rect(8.0, 12.0, 40.0, 30.0),
                    radii: Corners::all(6.0),
                    offset: tenfoot_renderer::Point::new(0.0, 3.0),
                    blur: 9.0,
                    spread: 1.0,
                    color: Color::rgba(0, 0, 0, 160),
                },
                Command::FillRect {
                    rect: rect(8.3, 12.6, 40.0, 30.0),
                    radii: Corners::all(7.5),
                    color: Color::rgba(240, 200, 90, 220),
                },
                Command::Border {
                    rect: rect(50.5, 9.2, 30.0, 36.0),
                    radii: Corners::all(9.0),
                    width: 2.5,
                    color: Color::WHITE,
                },
                Command::PushClip { rect: rect(20.0, 18.0, 60.0, 30.0), radii: Corners::all(10.0) },
                Command::PushOpacity(0.6),
                Command::LinearGradient {
                    rect: rect(10.0, 10.0, 70.0, 40.0),
                    radii: Corners::all(4.0),
                    start: tenfoot_renderer::Point::new(0.0, 0.0),
                    end: tenfoot_renderer::Point::new(1.0, 1.0),
                    stops: vec![
                        tenfoot_renderer::GradientStop { offset: 0.0, color: Color::rgba(255, 0, 80, 200) },
                        tenfoot_renderer::GradientStop { offset: 1.0, color: Color::rgba(0, 120, 255, 90) },
                    ],
                },
                Command::PopOpacity,
                Command::PopClip,
                Command::GlyphRun(tenfoot_renderer::GlyphRun {
                    font: tenfoot_renderer::FontId(0),
                    size: 14.0,
                    color: Color::WHITE,
                    origin: tenfoot_renderer::Point::new(12.0, 31.0),
                    glyphs: (0..6).map(|i| tenfoot_renderer::Glyph { id: 36 + i, x: i as f32 * 9.0, y: 0.0 }).collect(),
                }),
            ],
        };
        for scale in [1.0, 1.5] {
            let draw = |in_place: bool, damage: &[Rect]| {
                let mut b = CpuBackend::new(PhysicalSize::new(90, 60), Scale(scale));
                b.in_place = in_place;
                let mut res = Resources::embedded();
                b.draw(&list, &mut res, None);
                let shifted = DisplayList {
                    commands: std::iter::once(Command::PushTransform(Transform::translate(1.5, 2.0)))
                        .chain(list.commands.iter().cloned())
                        .chain([Command::PopTransform])
                        .collect(),
                };
                b.draw(&shifted, &mut res, Some(damage));
                b.pixmap().data().to_vec()
            };
            // Bands of whole rows (drawn in place) and a full frame.
            for damage in [rect(0.0, 14.3, 90.0 / scale, 17.0), rect(0.0, 0.0, 90.0, 60.0), rect(0.0, 25.0, 90.0, 3.0)]
            {
                let (fast, slow) = (draw(true, &[damage]), draw(false, &[damage]));
                assert!(fast == slow, "damage {damage:?} x{scale}");
            }
        }
    }

    #[test]
    fn no_clear_under_an_opaque_cover_gives_the_pixels_of_a_clear() {
        let body = |first: Rect| {
            vec![
                Command::FillRect { rect: first, radii: Corners::ZERO, color: Color::rgb(20, 30, 40) },
                Command::FillRect {
                    rect: Rect::new(10.3, 5.7, 30.0, 20.0),
                    radii: Corners::all(4.0),
                    color: Color::rgba(250, 250, 250, 128),
                },
            ]
        };
        // Covering the screen (and exactly its edges at scale 1.5), covering a damaged region
        // only, and not covering: each equal to the same list behind a no-op push, which clears.
        for (first, scale) in [
            (Rect::new(0.0, 0.0, 90.0, 60.0), 1.0),
            (Rect::new(0.0, 0.0, 60.0, 40.0), 1.5),
            (Rect::new(0.0, 0.0, 50.0, 60.0), 1.0),
            (Rect::new(0.4, 0.0, 90.0, 60.0), 1.0),
        ] {
            let fast = DisplayList { commands: body(first) };
            let mut slow = vec![Command::PushTransform(Transform::translate(0.0, 0.0))];
            slow.extend(body(first));
            slow.push(Command::PopTransform);
            let slow = DisplayList { commands: slow };
            let damage = [Rect::new(5.0, 5.0, 20.0, 20.0)];
            for d in [None, Some(&damage[..])] {
                assert!(render(&fast, d, scale) == render(&slow, d, scale), "{first:?} x{scale} damage {d:?}");
            }
        }
    }
}
