//! [`ResourcePacker`]: the encoder's side of the resource records. For each frame it finds the
//! fonts, glyph masks and images the display list uses that the reader does not hold yet, and
//! writes their records (sent once; a full frame does not resend them). Over its budget it
//! releases what was used least recently and not by this frame.
//!
//! Glyph masks are rasterized exactly as the CPU backend does (cosmic-text's swash at the
//! glyph's physical size and quarter-pixel x bin, y on whole pixels), so a reader that draws
//! them matches the CPU render.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use cosmic_text::{CacheKey, CacheKeyFlags, SubpixelBin, SwashCache, SwashContent};

use super::delta::fnv1a;
use super::records::{
    put_atlas, put_font, put_image, put_release, FontFile, GlyphAtlas, GlyphEntry, GlyphKey, ImageData, ImageForm,
    Release, ResourceKind,
};
use super::{EncodeError, MAX_ATLAS_GLYPHS, MAX_ATLAS_ID, MAX_ATLAS_SIDE, MAX_RECORD_LEN};
use crate::display_list::{Command, DisplayList, FontId, ImageId};
use crate::geom::{Point, Transform};
use crate::images::MAX_IMAGE_SIDE;
use crate::resources::Resources;

/// How images travel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImageMode {
    /// PNG files as they are (the reader decodes them), other formats as decoded pixels.
    #[default]
    Encoded,
    /// Always decoded pixels (for readers with no image decoder).
    Decoded,
    /// Only the hash and size (the reader has the files).
    HashOnly,
}

/// What the packer sends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ResourceOptions {
    /// Physical pixels per logical pixel of the reader's buffer: glyph masks are rasterized at
    /// this scale (1.0 for a 1920x1080 device).
    pub glyph_scale: f32,
    pub images: ImageMode,
    /// Bytes of atlases and image data the reader is asked to hold at most; over it, the least
    /// recently used resources not used by the current frame are released.
    pub budget: usize,
}

impl Default for ResourceOptions {
    fn default() -> Self {
        Self { glyph_scale: 1.0, images: ImageMode::Encoded, budget: 96 * 1024 * 1024 }
    }
}

/// A resource the reader holds, when it was last used and what it costs the reader.
#[derive(Clone, Debug)]
struct Held {
    last_used: u64,
    bytes: usize,
}

/// The resource records of a stream, frame by frame.
pub struct ResourcePacker {
    options: ResourceOptions,
    frame: u64,
    release_all: bool,
    fonts: HashSet<FontId>,
    images: HashMap<ImageId, Held>,
    atlases: HashMap<u32, (Held, Vec<GlyphKey>)>,
    glyphs: HashMap<GlyphKey, u32>,
    next_atlas: u32,
    swash: SwashCache,
}

impl std::fmt::Debug for ResourcePacker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourcePacker")
            .field("fonts", &self.fonts.len())
            .field("images", &self.images.len())
            .field("atlases", &self.atlases.len())
            .finish_non_exhaustive()
    }
}

/// The key of a glyph drawn at physical point `p` and size `size`, with the pixel position the
/// mask's placement is relative to: cosmic-text's binning (x in quarter pixels, y truncated).
pub fn glyph_position(p: Point) -> (i32, i32, u8) {
    let (ix, bin) = SubpixelBin::new(p.x);
    let b = match bin {
        SubpixelBin::Zero => 0,
        SubpixelBin::One => 1,
        SubpixelBin::Two => 2,
        SubpixelBin::Three => 3,
    };
    (ix, p.y.trunc() as i32, b)
}

impl ResourcePacker {
    pub fn new(options: ResourceOptions) -> Self {
        Self {
            options,
            frame: 0,
            release_all: false,
            fonts: HashSet::new(),
            images: HashMap::new(),
            atlases: HashMap::new(),
            glyphs: HashMap::new(),
            next_atlas: 0,
            swash: SwashCache::new(),
        }
    }

    /// Forgets what the reader holds: the next records start with a release-all and send
    /// everything again (a reader joined, or a write failed).
    pub fn reset(&mut self) {
        self.release_all = true;
        self.fonts.clear();
        self.images.clear();
        self.atlases.clear();
        self.glyphs.clear();
    }

    /// Bytes of atlases and images the reader holds now.
    pub fn held_bytes(&self) -> usize {
        self.images.values().map(|h| h.bytes).sum::<usize>()
            + self.atlases.values().map(|(h, _)| h.bytes).sum::<usize>()
    }

    /// The resource records `list` needs before its frame record. A failure leaves the state as
    /// it was (nothing is marked sent).
    pub fn records(&mut self, list: &DisplayList, res: &mut Resources) -> Result<Vec<u8>, EncodeError> {
        let frame = self.frame + 1;
        let mut out = Vec::new();
        let mut releases: Vec<Release> = Vec::new();
        if self.release_all {
            releases.push(Release::All);
        }

        // Fonts and images in order of first use; glyph keys with their rasterization keys.
        let mut fonts: Vec<FontId> = Vec::new();
        let mut images: Vec<ImageId> = Vec::new();
        let mut glyphs: Vec<(GlyphKey, CacheKey)> = Vec::new();
        let mut seen: HashSet<GlyphKey> = HashSet::new();
        let root = Transform::scale(self.options.glyph_scale, self.options.glyph_scale);
        let mut stack = vec![root];
        for c in &list.commands {
            let t = *stack.last().unwrap_or(&root);
            match c {
                Command::PushTransform(m) => stack.push(t.then(m)),
                Command::PopTransform if stack.len() > 1 => drop(stack.pop()),
                Command::Image { image, .. } if !images.contains(image) => images.push(*image),
                Command::GlyphRun(run) => {
                    if !fonts.contains(&run.font) {
                        fonts.push(run.font);
                    }
                    if run.color.a == 0 || run.size.is_nan() || run.size <= 0.0 || !run.size.is_finite() {
                        continue;
                    }
                    let Some(face) = res.fonts.face(run.font) else { continue };
                    let s = (t.sx * t.sx + t.ky * t.ky).sqrt();
                    let size = (run.size * s).min(2048.0);
                    if size.is_nan() || size <= 0.0 || !size.is_finite() {
                        continue;
                    }
                    for g in &run.glyphs {
                        let p = t.apply(Point::new(run.origin.x + g.x, run.origin.y + g.y));
                        if !p.x.is_finite() || !p.y.is_finite() || p.x.abs() > 1e7 || p.y.abs() > 1e7 {
                            continue;
                        }
                        let (_, _, bin) = glyph_position(p);
                        let key = GlyphKey { font: run.font.0, glyph: g.id, size_bits: size.to_bits(), bin };
                        if self.glyphs.contains_key(&key) || !seen.insert(key) {
                            continue;
                        }
                        let (ck, _, _) = CacheKey::new(
                            face.db_id,
                            g.id,
                            size,
                            (p.x, p.y.trunc()),
                            cosmic_text::fontdb::Weight(face.weight.0),
                            CacheKeyFlags::empty(),
                        );
                        glyphs.push((key, ck));
                    }
                }
                _ => {}
            }
        }

        for &id in &fonts {
            if self.fonts.contains(&id) {
                continue;
            }
            let Some(face) = res.fonts.face(id) else { continue };
            let bytes = res.assets.load(&face.source).map_err(|e| missing(format!("font #{}: {e}", id.0)))?;
            put_font(
                &mut out,
                &FontFile {
                    id,
                    weight: face.weight.0,
                    hash: fnv1a(&bytes),
                    file_len: bytes.len() as u64,
                    family: face.family.clone(),
                    source: face.source.clone(),
                },
            );
        }

        // New glyph masks, packed into as few atlases as fit.
        let mut masks: Vec<(GlyphKey, i32, i32, u32, u32, Vec<u8>)> = Vec::new();
        for (key, ck) in glyphs {
            let img = self.swash.get_image_uncached(res.fonts.system_mut(), ck);
            match img {
                Some(img) if img.content == SwashContent::Mask => {
                    let (w, h) = (img.placement.width, img.placement.height);
                    if w > MAX_ATLAS_SIDE || h > MAX_ATLAS_SIDE || img.data.len() < (w * h) as usize {
                        continue;
                    }
                    masks.push((key, img.placement.left, img.placement.top, w, h, img.data));
                }
                // Colour glyphs (emoji) are not sent as masks; an empty outline is a 0x0 mask.
                Some(_) => {}
                None => masks.push((key, 0, 0, 0, 0, Vec::new())),
            }
        }
        let mut new_atlases: Vec<(u32, usize, Vec<GlyphKey>)> = Vec::new();
        let mut next_atlas = self.next_atlas;
        for atlas in pack(masks) {
            let id = next_atlas;
            next_atlas = (next_atlas + 1) % MAX_ATLAS_ID;
            let atlas = GlyphAtlas { id, ..atlas };
            let bytes = atlas.pixels.len();
            if bytes + atlas.entries.len() * 16 > MAX_RECORD_LEN {
                return Err(missing(format!("glyph atlas of {bytes} bytes is over the record limit")));
            }
            // The same id again replaces the old atlas: release it from our books first.
            if self.atlases.contains_key(&id) {
                releases.push(Release::One(ResourceKind::Atlas, id));
            }
            put_atlas(&mut out, &atlas);
            new_atlases.push((id, bytes, atlas.entries.iter().map(|e| e.key).collect()));
        }

        let mut new_images: Vec<(ImageId, usize)> = Vec::new();
        for &id in &images {
            if self.images.contains_key(&id) {
                continue;
            }
            if let Some(data) = self.image_data(id, res) {
                put_image(&mut out, &data);
                new_images.push((id, data.held_bytes()));
            }
        }

        // Commit: mark use, add what was sent, then release over the budget.
        self.frame = frame;
        self.release_all = false;
        self.next_atlas = next_atlas;
        self.fonts.extend(fonts.iter().copied().filter(|f| res.fonts.face(*f).is_some()));
        for id in &images {
            if let Some(h) = self.images.get_mut(id) {
                h.last_used = frame;
            }
        }
        for (_, atlas) in seen_atlases(&self.glyphs, list, self.options.glyph_scale) {
            if let Some((h, _)) = self.atlases.get_mut(&atlas) {
                h.last_used = frame;
            }
        }
        for (id, bytes, keys) in new_atlases {
            if let Some((_, old)) = self.atlases.remove(&id) {
                for k in old {
                    self.glyphs.remove(&k);
                }
            }
            for k in &keys {
                self.glyphs.insert(*k, id);
            }
            self.atlases.insert(id, (Held { last_used: frame, bytes }, keys));
        }
        for (id, bytes) in new_images {
            self.images.insert(id, Held { last_used: frame, bytes });
        }
        self.evict(frame, &mut releases);
        if releases.is_empty() {
            return Ok(out);
        }
        // Releases go first: they free room for what this frame sends.
        let mut with = Vec::new();
        put_release(&mut with, &releases);
        with.extend_from_slice(&out);
        Ok(with)
    }

    /// Releases least-recently-used resources not used by frame `frame` until within budget.
    fn evict(&mut self, frame: u64, releases: &mut Vec<Release>) {
        let mut held = self.held_bytes();
        if held <= self.options.budget {
            return;
        }
        let mut old: Vec<(u64, ResourceKind, u32, usize)> = self
            .images
            .iter()
            .filter(|(_, h)| h.last_used < frame)
            .map(|(id, h)| (h.last_used, ResourceKind::Image, id.0, h.bytes))
            .chain(
                self.atlases
                    .iter()
                    .filter(|(_, (h, _))| h.last_used < frame)
                    .map(|(id, (h, _))| (h.last_used, ResourceKind::Atlas, *id, h.bytes)),
            )
            .collect();
        old.sort_unstable_by_key(|(used, kind, id, _)| (*used, *kind as u8, *id));
        for (_, kind, id, bytes) in old {
            if held <= self.options.budget {
                break;
            }
            match kind {
                ResourceKind::Image => drop(self.images.remove(&ImageId(id))),
                _ => {
                    if let Some((_, keys)) = self.atlases.remove(&id) {
                        for k in keys {
                            self.glyphs.remove(&k);
                        }
                    }
                }
            }
            held = held.saturating_sub(bytes);
            releases.push(Release::One(kind, id));
        }
    }

    /// The image record for `id`, or `None` when its file cannot be read (the reader then
    /// loads it by path or draws its placeholder).
    fn image_data(&self, id: ImageId, res: &mut Resources) -> Option<ImageData> {
        let source = res.images.source(id)?.to_owned();
        let bytes = res.assets.load(&source).ok()?;
        let hash = fnv1a(&bytes);
        let png = png_size(&bytes);
        let hashed = |(width, height): (u32, u32)| ImageData {
            id,
            hash,
            width,
            height,
            form: ImageForm::Hash,
            bytes: Arc::from(Vec::new()),
        };
        let known = res.images.decoded_size(id).or(png).unwrap_or((0, 0));
        match (self.options.images, png) {
            (ImageMode::HashOnly, _) => Some(hashed(known)),
            (ImageMode::Encoded, Some((width, height))) if bytes.len() + 64 <= MAX_RECORD_LEN => {
                Some(ImageData { id, hash, width, height, form: ImageForm::Encoded, bytes })
            }
            _ => {
                let pixels = match res.images.decoded(id) {
                    Some(p) => p,
                    None => {
                        let decoder = res.decoder.clone()?;
                        res.images.pixels(id, res.assets.as_ref(), decoder.as_ref()).ok()?
                    }
                };
                if pixels.data().len() + 64 > MAX_RECORD_LEN {
                    return Some(hashed((pixels.width(), pixels.height())));
                }
                Some(ImageData {
                    id,
                    hash,
                    width: pixels.width(),
                    height: pixels.height(),
                    form: ImageForm::Rgba,
                    bytes: Arc::from(pixels.data()),
                })
            }
        }
    }
}

/// The atlases whose masks `list` uses (for least-recently-used eviction).
fn seen_atlases(glyphs: &HashMap<GlyphKey, u32>, list: &DisplayList, scale: f32) -> HashMap<u32, u32> {
    let mut out = HashMap::new();
    if glyphs.is_empty() {
        return out;
    }
    let root = Transform::scale(scale, scale);
    let mut stack = vec![root];
    for c in &list.commands {
        let t = *stack.last().unwrap_or(&root);
        match c {
            Command::PushTransform(m) => stack.push(t.then(m)),
            Command::PopTransform if stack.len() > 1 => drop(stack.pop()),
            Command::GlyphRun(run) => {
                let size = (run.size * (t.sx * t.sx + t.ky * t.ky).sqrt()).min(2048.0);
                for g in &run.glyphs {
                    let p = t.apply(Point::new(run.origin.x + g.x, run.origin.y + g.y));
                    if !p.x.is_finite() || !p.y.is_finite() {
                        continue;
                    }
                    let (_, _, bin) = glyph_position(p);
                    let key = GlyphKey { font: run.font.0, glyph: g.id, size_bits: size.to_bits(), bin };
                    if let Some(a) = glyphs.get(&key) {
                        out.insert(*a, *a);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Width and height from a PNG file's header, if `bytes` is a PNG within the size limits.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    if bytes.get(..8)? != SIGNATURE || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    (w > 0 && h > 0 && w <= MAX_IMAGE_SIDE && h <= MAX_IMAGE_SIDE).then_some((w, h))
}

/// Shelf-packs masks (tallest first) into atlases at most [`MAX_ATLAS_SIDE`] square, 1024
/// wide (narrower when everything fits in one shelf).
fn pack(mut masks: Vec<(GlyphKey, i32, i32, u32, u32, Vec<u8>)>) -> Vec<GlyphAtlas> {
    masks.sort_by(|a, b| b.4.cmp(&a.4).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
    let mut atlases = Vec::new();
    let mut rest = masks.as_slice();
    while !rest.is_empty() {
        let total_w: u32 = rest.iter().map(|m| m.3).sum();
        let widest = rest.iter().map(|m| m.3).max().unwrap_or(1);
        let width = total_w.clamp(1, 1024).max(widest);
        let (mut x, mut y, mut shelf) = (0u32, 0u32, 0u32);
        let mut placed: Vec<(u32, u32)> = Vec::new();
        for m in rest {
            if placed.len() >= MAX_ATLAS_GLYPHS {
                break;
            }
            if x + m.3 > width {
                x = 0;
                y += shelf;
                shelf = 0;
            }
            if y + m.4 > MAX_ATLAS_SIDE {
                break;
            }
            placed.push((x, y));
            x += m.3;
            shelf = shelf.max(m.4);
        }
        let height = (y + shelf).max(1);
        let mut pixels = vec![0u8; (width * height) as usize];
        let mut entries = Vec::with_capacity(placed.len());
        for (m, &(px, py)) in rest.iter().zip(&placed) {
            let (key, left, top, w, h, data) = m;
            for row in 0..*h as usize {
                let src = data.get(row * *w as usize..(row + 1) * *w as usize);
                let at = (py as usize + row) * width as usize + px as usize;
                if let (Some(src), Some(dst)) = (src, pixels.get_mut(at..at + *w as usize)) {
                    dst.copy_from_slice(src);
                }
            }
            entries.push(GlyphEntry { key: *key, left: *left, top: *top, x: px, y: py, width: *w, height: *h });
        }
        let n = placed.len().max(1);
        atlases.push(GlyphAtlas { id: 0, width, height, entries, pixels });
        rest = rest.get(n..).unwrap_or(&[]);
    }
    atlases
}

fn missing(message: String) -> EncodeError {
    EncodeError { command: None, message }
}
