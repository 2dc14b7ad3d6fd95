//! The resource records of stream version 1.1: font files named by content hash, glyph mask
//! atlases, image data, releases, and the video planes of the next frame. All are *optional*
//! records (tags `0x80..`), so a 1.0 reader skips them and still draws from the frame records
//! (fonts and images by path, no video plane).
//!
//! Resources live in a [`ResourceTable`] beside the frame state: a full frame does not empty it;
//! a resource stays until a release record names it (or a release-all). A definition of an id
//! that is already held replaces it. Glyph masks are looked up by [`GlyphKey`]; when two
//! atlases hold the same key, the newer one wins; releasing an atlas removes the keys it won.
//!
//! Decoding checks every count against the bytes left and the limits in `codec/mod.rs`, checks
//! every atlas entry lies inside its atlas and bounds the bytes all held resources take.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::wire::{put_f32, put_raw_f32, put_str, put_u64, put_u8, put_varint, put_zvarint, Reader};
use super::{
    DecodeError, DecodeErrorKind as K, MAX_ATLAS_GLYPHS, MAX_ATLAS_ID, MAX_ATLAS_SIDE, MAX_FONT_ID, MAX_FRAME_COMMANDS,
    MAX_IMAGE_ID, MAX_LIVE_GLYPHS, MAX_PATH_LEN, MAX_RESOURCE_BYTES, MAX_VIDEO_PLANES,
};
use crate::display_list::{FontId, ImageId};
use crate::geom::Rect;
use crate::images::{MAX_IMAGE_ALLOC, MAX_IMAGE_SIDE};

/// Record tag: a font file, by content hash.
pub const RECORD_FONT: u8 = 0x80;
/// Record tag: a glyph mask atlas.
pub const RECORD_GLYPH_ATLAS: u8 = 0x81;
/// Record tag: an image's data (encoded bytes, pixels, or only its hash).
pub const RECORD_IMAGE: u8 = 0x82;
/// Record tag: resources the reader may free.
pub const RECORD_RELEASE: u8 = 0x83;
/// Record tag: the video planes of the next frame record.
pub const RECORD_VIDEO: u8 = 0x84;

/// The font file behind a stream font id: a reader checks it holds the same file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FontFile {
    pub id: FontId,
    pub weight: u16,
    /// 64-bit FNV-1a of the whole file ([`super::delta::fnv1a`]): an identity check, not security.
    pub hash: u64,
    pub file_len: u64,
    pub family: String,
    pub source: String,
}

/// What a glyph mask is keyed by: the rasterized glyph for one font, id, physical size and
/// horizontal subpixel bin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlyphKey {
    pub font: u32,
    pub glyph: u16,
    /// `f32::to_bits` of the physical pixel size the mask was rasterized at.
    pub size_bits: u32,
    /// Quarter-pixel bin of the glyph's physical x position (0..=3).
    pub bin: u8,
}

/// One mask in an atlas: its key, its placement relative to the glyph's pixel position, and
/// the atlas rectangle holding its coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlyphEntry {
    pub key: GlyphKey,
    /// Mask left edge right of the glyph's pixel x, and top edge above its baseline pixel y.
    pub left: i32,
    pub top: i32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// An A8 coverage atlas and the glyphs it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlyphAtlas {
    pub id: u32,
    pub width: u32,
    pub height: u32,
    pub entries: Vec<GlyphEntry>,
    /// `width * height` coverage bytes, rows top to bottom.
    pub pixels: Vec<u8>,
}

impl GlyphAtlas {
    /// The coverage rows of `entry` (`entry.width` bytes each).
    pub fn mask_rows<'a>(&'a self, entry: &GlyphEntry) -> impl Iterator<Item = &'a [u8]> + 'a {
        let (x, w, stride) = (entry.x as usize, entry.width as usize, self.width as usize);
        (entry.y as usize..(entry.y + entry.height) as usize)
            .filter_map(move |row| self.pixels.get(row * stride + x..row * stride + x + w))
    }
}

/// How an image record carries the image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageForm {
    /// Only the hash (and size): the reader has the file already.
    Hash = 0,
    /// The encoded file as stored (PNG, JPEG): the reader decodes it.
    Encoded = 1,
    /// Decoded pixels: premultiplied RGBA8, rows top to bottom.
    Rgba = 2,
}

/// An image's data, for the image id the frame records name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageData {
    pub id: ImageId,
    /// 64-bit FNV-1a of the encoded file.
    pub hash: u64,
    /// The decoded size (0x0 only in the hash form, when unknown).
    pub width: u32,
    pub height: u32,
    pub form: ImageForm,
    pub bytes: Arc<[u8]>,
}

impl ImageData {
    /// Bytes a reader holds for it: the decoded pixels for the forms that carry data.
    pub fn held_bytes(&self) -> usize {
        match self.form {
            ImageForm::Hash => 0,
            ImageForm::Encoded => self.bytes.len() + self.width as usize * self.height as usize * 4,
            ImageForm::Rgba => self.bytes.len(),
        }
    }
}

/// A kind of resource a release record names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    Font = 0,
    Image = 1,
    Atlas = 2,
}

/// One entry of a release record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Release {
    One(ResourceKind, u32),
    /// Everything held (sent before resources are sent again to a reader that joined).
    All,
}

/// Kind tag of [`Release::All`] on the wire.
const RELEASE_ALL: u8 = 0xff;

/// A rectangle of the next frame reserved for the platform's video plane.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoPlane {
    /// The plane sits before the command with this index in the frame's display list (the
    /// list without video commands), so the transform and clip in force there apply to it.
    pub index: usize,
    pub rect: Rect,
    pub label: String,
}

/// A decoded resource record, as [`super::DecodedFrame::resources`] reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceRecord {
    Font(FontFile),
    Atlas(Arc<GlyphAtlas>),
    Image(Arc<ImageData>),
    Release(Vec<Release>),
}

fn record(out: &mut Vec<u8>, tag: u8, payload: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
}

pub(crate) fn put_font(out: &mut Vec<u8>, f: &FontFile) {
    let mut p = Vec::with_capacity(64);
    put_varint(&mut p, u64::from(f.id.0));
    put_varint(&mut p, u64::from(f.weight));
    put_u64(&mut p, f.hash);
    put_varint(&mut p, f.file_len);
    put_str(&mut p, &f.family);
    put_str(&mut p, &f.source);
    record(out, RECORD_FONT, &p);
}

pub(crate) fn put_atlas(out: &mut Vec<u8>, a: &GlyphAtlas) {
    let mut p = Vec::with_capacity(a.pixels.len() + a.entries.len() * 16 + 16);
    put_varint(&mut p, u64::from(a.id));
    put_varint(&mut p, u64::from(a.width));
    put_varint(&mut p, u64::from(a.height));
    put_varint(&mut p, a.entries.len() as u64);
    for e in &a.entries {
        put_varint(&mut p, u64::from(e.key.font));
        put_varint(&mut p, u64::from(e.key.glyph));
        put_raw_f32(&mut p, f32::from_bits(e.key.size_bits));
        put_u8(&mut p, e.key.bin);
        put_zvarint(&mut p, i64::from(e.left));
        put_zvarint(&mut p, i64::from(e.top));
        for v in [e.x, e.y, e.width, e.height] {
            put_varint(&mut p, u64::from(v));
        }
    }
    p.extend_from_slice(&a.pixels);
    record(out, RECORD_GLYPH_ATLAS, &p);
}

pub(crate) fn put_image(out: &mut Vec<u8>, i: &ImageData) {
    let mut p = Vec::with_capacity(i.bytes.len() + 32);
    put_varint(&mut p, u64::from(i.id.0));
    put_u64(&mut p, i.hash);
    put_varint(&mut p, u64::from(i.width));
    put_varint(&mut p, u64::from(i.height));
    put_u8(&mut p, i.form as u8);
    put_varint(&mut p, i.bytes.len() as u64);
    p.extend_from_slice(&i.bytes);
    record(out, RECORD_IMAGE, &p);
}

pub(crate) fn put_release(out: &mut Vec<u8>, releases: &[Release]) {
    let mut p = Vec::new();
    put_varint(&mut p, releases.len() as u64);
    for r in releases {
        match r {
            Release::One(kind, id) => {
                put_u8(&mut p, *kind as u8);
                put_varint(&mut p, u64::from(*id));
            }
            Release::All => {
                put_u8(&mut p, RELEASE_ALL);
                put_varint(&mut p, 0);
            }
        }
    }
    record(out, RECORD_RELEASE, &p);
}

/// The video record for `planes` (callers check the limits first).
pub(crate) fn put_video(out: &mut Vec<u8>, planes: &[VideoPlane]) {
    let mut p = Vec::new();
    put_varint(&mut p, planes.len() as u64);
    for v in planes {
        put_varint(&mut p, v.index as u64);
        for f in [v.rect.x, v.rect.y, v.rect.width, v.rect.height] {
            put_f32(&mut p, f);
        }
        put_str(&mut p, &v.label);
    }
    record(out, RECORD_VIDEO, &p);
}

/// Decodes a video record's payload.
pub(crate) fn read_video(r: &mut Reader) -> Result<Vec<VideoPlane>, DecodeError> {
    let n = r.item_count("video plane count", MAX_VIDEO_PLANES, 6)?;
    let mut planes: Vec<VideoPlane> = Vec::with_capacity(n);
    for _ in 0..n {
        let at = r.offset();
        let index = r.count("video plane index", MAX_FRAME_COMMANDS as u64)? as usize;
        if planes.last().is_some_and(|p| p.index > index) {
            return Err(r.error_at(at, K::Malformed, "video planes out of order"));
        }
        let rect = Rect::new(r.f32("video x")?, r.f32("video y")?, r.f32("video width")?, r.f32("video height")?);
        if rect.width < 0.0 || rect.height < 0.0 {
            return Err(r.error_at(at, K::BadFloat, "video plane with a negative size"));
        }
        let label = r.string("video label", MAX_PATH_LEN)?;
        planes.push(VideoPlane { index, rect, label });
    }
    end(r, "video record")?;
    Ok(planes)
}

fn end(r: &Reader, what: &str) -> Result<(), DecodeError> {
    if r.is_empty() {
        Ok(())
    } else {
        Err(r.error(K::Malformed, format!("{} bytes after the {what}'s last field", r.remaining())))
    }
}

/// Resources a reader holds across frames, by id, with the glyph index.
#[derive(Clone, Debug, Default)]
pub struct ResourceTable {
    fonts: BTreeMap<FontId, FontFile>,
    images: BTreeMap<ImageId, Arc<ImageData>>,
    /// Atlases by id, with the order they were defined in.
    atlases: BTreeMap<u32, (u64, Arc<GlyphAtlas>)>,
    glyphs: HashMap<GlyphKey, (u32, usize)>,
    next_seq: u64,
    bytes: usize,
}

impl ResourceTable {
    pub fn font(&self, id: FontId) -> Option<&FontFile> {
        self.fonts.get(&id)
    }

    pub fn fonts(&self) -> impl Iterator<Item = &FontFile> {
        self.fonts.values()
    }

    pub fn image(&self, id: ImageId) -> Option<&Arc<ImageData>> {
        self.images.get(&id)
    }

    pub fn images(&self) -> impl Iterator<Item = &Arc<ImageData>> {
        self.images.values()
    }

    pub fn atlases(&self) -> impl Iterator<Item = &Arc<GlyphAtlas>> {
        self.atlases.values().map(|(_, a)| a)
    }

    /// The mask for `key` and the atlas holding it.
    pub fn glyph(&self, key: &GlyphKey) -> Option<(&GlyphAtlas, &GlyphEntry)> {
        let (atlas, index) = self.glyphs.get(key)?;
        let (_, a) = self.atlases.get(atlas)?;
        Some((a, a.entries.get(*index)?))
    }

    /// Glyph masks held (each key once).
    pub fn glyph_count(&self) -> usize {
        self.glyphs.len()
    }

    /// Bytes held by atlases and image data (images counted at their decoded size).
    pub fn held_bytes(&self) -> usize {
        self.bytes
    }

    fn charge(&mut self, r: &Reader, at: u64, add: usize, free: usize) -> Result<(), DecodeError> {
        let next = self.bytes.saturating_sub(free).saturating_add(add);
        if next > MAX_RESOURCE_BYTES {
            return Err(r.error_at(
                at,
                K::LimitExceeded,
                format!("resources would hold {next} bytes, over the limit {MAX_RESOURCE_BYTES}"),
            ));
        }
        self.bytes = next;
        Ok(())
    }

    /// Frees atlas `id` and the glyph keys it owns (a key an older atlas also held is gone
    /// too: releasing is O(its entries), never a rebuild).
    fn release_atlas(&mut self, id: u32) {
        if let Some((_, a)) = self.atlases.remove(&id) {
            self.bytes = self.bytes.saturating_sub(a.pixels.len());
            for e in &a.entries {
                if self.glyphs.get(&e.key).is_some_and(|(owner, _)| *owner == id) {
                    self.glyphs.remove(&e.key);
                }
            }
        }
    }

    /// Applies the resource record `tag` (one of the `RECORD_*` resource tags) whose payload
    /// starts at stream offset `offset`. Returns what it defined, for listings.
    pub(crate) fn apply(&mut self, tag: u8, payload: &[u8], offset: u64) -> Result<ResourceRecord, DecodeError> {
        let mut r = Reader::new(payload, offset);
        let at = r.offset();
        match tag {
            RECORD_FONT => {
                let id = FontId(r.count("font id", u64::from(MAX_FONT_ID - 1))? as u32);
                let weight = r.count("font weight", 1000)? as u16;
                if weight == 0 {
                    return Err(r.error_at(at, K::Malformed, format!("font #{} has weight 0", id.0)));
                }
                let hash = r.u64("font hash")?;
                let file_len = r.count("font file length", 1 << 32)?;
                let family = r.string("font family", MAX_PATH_LEN)?;
                let source = r.string("font path", MAX_PATH_LEN)?;
                end(&r, "font record")?;
                let f = FontFile { id, weight, hash, file_len, family, source };
                self.fonts.insert(id, f.clone());
                Ok(ResourceRecord::Font(f))
            }
            RECORD_GLYPH_ATLAS => {
                let id = r.count("atlas id", u64::from(MAX_ATLAS_ID - 1))? as u32;
                let width = r.count("atlas width", u64::from(MAX_ATLAS_SIDE))? as u32;
                let height = r.count("atlas height", u64::from(MAX_ATLAS_SIDE))? as u32;
                let n = r.item_count("atlas glyph count", MAX_ATLAS_GLYPHS, 13)?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let e_at = r.offset();
                    let font = r.count("glyph font id", u64::from(MAX_FONT_ID - 1))? as u32;
                    let glyph = r.count("glyph id", u64::from(u16::MAX))? as u16;
                    let size = r.raw_f32("glyph size")?;
                    if size <= 0.0 || size > 2048.0 {
                        return Err(r.error_at(e_at, K::BadFloat, format!("glyph size {size} not in (0, 2048]")));
                    }
                    let bin = r.u8("glyph bin")?;
                    if bin > 3 {
                        return Err(r.error_at(e_at, K::BadTag, format!("glyph bin {bin} over 3")));
                    }
                    let left = r.zvarint("glyph left", u64::from(MAX_ATLAS_SIDE) * 4)? as i32;
                    let top = r.zvarint("glyph top", u64::from(MAX_ATLAS_SIDE) * 4)? as i32;
                    let mut v = [0u32; 4];
                    for (slot, what) in v.iter_mut().zip(["glyph x", "glyph y", "glyph width", "glyph height"]) {
                        *slot = r.count(what, u64::from(MAX_ATLAS_SIDE))? as u32;
                    }
                    let [x, y, w, h] = v;
                    if x + w > width || y + h > height {
                        return Err(r.error_at(
                            e_at,
                            K::Malformed,
                            format!("glyph mask {w}x{h} at {x},{y} is outside the {width}x{height} atlas"),
                        ));
                    }
                    let key = GlyphKey { font, glyph, size_bits: size.to_bits(), bin };
                    entries.push(GlyphEntry { key, left, top, x, y, width: w, height: h });
                }
                let len = width as usize * height as usize;
                if r.remaining() != len {
                    return Err(r.error(
                        K::Malformed,
                        format!("atlas {width}x{height} needs {len} coverage bytes, the record has {}", r.remaining()),
                    ));
                }
                let pixels = r.bytes(len, "atlas pixels")?.to_vec();
                let live = self.glyphs.len() + entries.len();
                if live > MAX_LIVE_GLYPHS {
                    return Err(r.error_at(
                        at,
                        K::LimitExceeded,
                        format!("{live} glyph masks, over {MAX_LIVE_GLYPHS}"),
                    ));
                }
                let old = self.atlases.get(&id).map_or(0, |(_, a)| a.pixels.len());
                self.charge(&r, at, len, old)?;
                if self.atlases.contains_key(&id) {
                    // Its bytes were already discounted above.
                    self.bytes += old;
                    self.release_atlas(id);
                }
                let atlas = Arc::new(GlyphAtlas { id, width, height, entries, pixels });
                for (i, e) in atlas.entries.iter().enumerate() {
                    self.glyphs.insert(e.key, (id, i));
                }
                self.atlases.insert(id, (self.next_seq, atlas.clone()));
                self.next_seq += 1;
                Ok(ResourceRecord::Atlas(atlas))
            }
            RECORD_IMAGE => {
                let id = ImageId(r.count("image id", u64::from(MAX_IMAGE_ID - 1))? as u32);
                let hash = r.u64("image hash")?;
                let width = r.count("image width", u64::from(MAX_IMAGE_SIDE))? as u32;
                let height = r.count("image height", u64::from(MAX_IMAGE_SIDE))? as u32;
                let form_at = r.offset();
                let form = match r.u8("image form")? {
                    0 => ImageForm::Hash,
                    1 => ImageForm::Encoded,
                    2 => ImageForm::Rgba,
                    other => return Err(r.error_at(form_at, K::BadTag, format!("unknown image form {other}"))),
                };
                let len_at = r.offset();
                let len = r.count("image byte length", r.remaining() as u64)? as usize;
                let decoded = u64::from(width) * u64::from(height) * 4;
                if decoded > MAX_IMAGE_ALLOC {
                    return Err(r.error_at(at, K::LimitExceeded, format!("image {width}x{height} is too large")));
                }
                let ok = match form {
                    ImageForm::Hash => len == 0,
                    ImageForm::Encoded => len > 0 && width > 0 && height > 0,
                    ImageForm::Rgba => len as u64 == decoded && len > 0,
                };
                if !ok {
                    return Err(r.error_at(
                        len_at,
                        K::Malformed,
                        format!("image #{} ({width}x{height}, form {form:?}) with {len} bytes", id.0),
                    ));
                }
                let bytes: Arc<[u8]> = r.bytes(len, "image bytes")?.into();
                if form == ImageForm::Encoded && super::delta::fnv1a(&bytes) != hash {
                    return Err(r.error_at(at, K::Malformed, format!("image #{}: bytes do not match its hash", id.0)));
                }
                end(&r, "image record")?;
                let data = Arc::new(ImageData { id, hash, width, height, form, bytes });
                let old = self.images.get(&id).map_or(0, |i| i.held_bytes());
                self.charge(&r, at, data.held_bytes(), old)?;
                self.images.insert(id, data.clone());
                Ok(ResourceRecord::Image(data))
            }
            RECORD_RELEASE => {
                let n = r.item_count("release count", MAX_IMAGE_ID as usize, 2)?;
                let mut out = Vec::with_capacity(n);
                for _ in 0..n {
                    let k_at = r.offset();
                    let kind = r.u8("release kind")?;
                    let id = r.u32_varint("released id")?;
                    let release = match kind {
                        0 => Release::One(ResourceKind::Font, id),
                        1 => Release::One(ResourceKind::Image, id),
                        2 => Release::One(ResourceKind::Atlas, id),
                        RELEASE_ALL => Release::All,
                        other => return Err(r.error_at(k_at, K::BadTag, format!("unknown release kind {other}"))),
                    };
                    // Releasing what is not held is no error: a reader that joined late never saw it.
                    match release {
                        Release::One(ResourceKind::Font, id) => drop(self.fonts.remove(&FontId(id))),
                        Release::One(ResourceKind::Image, id) => {
                            if let Some(i) = self.images.remove(&ImageId(id)) {
                                self.bytes = self.bytes.saturating_sub(i.held_bytes());
                            }
                        }
                        Release::One(ResourceKind::Atlas, id) => self.release_atlas(id),
                        Release::All => *self = ResourceTable { next_seq: self.next_seq, ..Self::default() },
                    }
                    out.push(release);
                }
                end(&r, "release record")?;
                Ok(ResourceRecord::Release(out))
            }
            other => Err(r.error_at(at, K::BadTag, format!("0x{other:02x} is not a resource record"))),
        }
    }
}
