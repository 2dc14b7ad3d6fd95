//! Image sources and their lazily decoded pixels.
//!
//! An [`ImageId`] names a source path; pixels are decoded on first draw, with limits against
//! decompression bombs, and kept as premultiplied tiny-skia pixmaps. A failed decode is a value
//! ([`ImageError`]) remembered for that source, so a corrupt file is reported once and drawn as a
//! placeholder every frame without retrying the decode.

use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;
use std::sync::Arc;

use tiny_skia::{IntSize, Pixmap};

use crate::assets::AssetSource;
use crate::display_list::ImageId;

/// The largest width or height accepted, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 8192;
/// The most memory one decode may allocate, in bytes.
pub const MAX_IMAGE_ALLOC: u64 = 256 * 1024 * 1024;

/// Why an image could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError {
    pub source: String,
    pub reason: String,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "image `{}`: {}", self.source, self.reason)
    }
}

impl std::error::Error for ImageError {}

/// Decodes PNG or JPEG bytes into a premultiplied pixmap, within the size limits.
pub fn decode_image(source: &str, bytes: &[u8]) -> Result<Pixmap, ImageError> {
    let err = |reason: String| ImageError { source: source.to_owned(), reason };
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| err(format!("cannot read: {e}")))?;
    if reader.format().is_none() {
        return Err(err("unknown image format (expected PNG or JPEG)".to_owned()));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| err(format!("cannot decode: {e}")))?;
    let rgba = decoded.into_rgba8();
    let (w, h) = rgba.dimensions();
    let size = IntSize::from_wh(w, h).ok_or_else(|| err(format!("empty image ({w}x{h})")))?;
    let mut data = rgba.into_raw();
    premultiply(&mut data);
    Pixmap::from_vec(data, size).ok_or_else(|| err("pixel buffer size mismatch".to_owned()))
}

/// Converts straight RGBA8 to premultiplied in place.
pub fn premultiply(data: &mut [u8]) {
    for px in data.chunks_exact_mut(4) {
        let a = px[3] as u16;
        if a == 255 {
            continue;
        }
        for c in &mut px[..3] {
            *c = ((*c as u16 * a + 127) / 255) as u8;
        }
    }
}

/// Registered image sources and their decode results.
#[derive(Default)]
pub struct ImageStore {
    sources: Vec<String>,
    by_source: HashMap<String, ImageId>,
    decoded: HashMap<ImageId, Result<Arc<Pixmap>, ImageError>>,
}

impl fmt::Debug for ImageStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageStore").field("sources", &self.sources).field("decoded", &self.decoded.len()).finish()
    }
}

impl ImageStore {
    /// The id for `source`, registering it on first use. Does no I/O.
    pub fn id(&mut self, source: &str) -> ImageId {
        if let Some(id) = self.by_source.get(source) {
            return *id;
        }
        let id = ImageId(self.sources.len() as u32);
        self.sources.push(source.to_owned());
        self.by_source.insert(source.to_owned(), id);
        id
    }

    pub fn source(&self, id: ImageId) -> Option<&str> {
        self.sources.get(id.0 as usize).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The decoded pixels of `id`, decoding on first call. Errors are cached too.
    pub fn pixels(&mut self, id: ImageId, assets: &dyn AssetSource) -> Result<Arc<Pixmap>, ImageError> {
        if let Some(done) = self.decoded.get(&id) {
            return done.clone();
        }
        let result = match self.sources.get(id.0 as usize) {
            None => Err(ImageError { source: format!("#{}", id.0), reason: "unknown image id".to_owned() }),
            Some(source) => assets
                .load(source)
                .map_err(|e| ImageError { source: source.clone(), reason: e.reason })
                .and_then(|bytes| decode_image(source, &bytes).map(Arc::new)),
        };
        self.decoded.insert(id, result.clone());
        result
    }

    /// The pixel size of `id` if it was already decoded successfully; never decodes. The sink
    /// uses it to describe images without touching their bytes.
    pub fn decoded_size(&self, id: ImageId) -> Option<(u32, u32)> {
        match self.decoded.get(&id) {
            Some(Ok(p)) => Some((p.width(), p.height())),
            _ => None,
        }
    }

    /// Stores pixels (or the error) for `source` decoded elsewhere, such as on a host's worker
    /// thread, so the first draw needs no decode. Registers the source if needed.
    pub fn insert_decoded(&mut self, source: &str, result: Result<Arc<Pixmap>, ImageError>) -> ImageId {
        let id = self.id(source);
        self.decoded.insert(id, result);
        id
    }

    /// The size of `source` if it is decoded already (`Some(Err)` if decoding failed), without
    /// decoding anything.
    pub fn decoded_result(&self, source: &str) -> Option<Result<(u32, u32), ImageError>> {
        let id = self.by_source.get(source)?;
        self.decoded.get(id).map(|r| r.as_ref().map(|p| (p.width(), p.height())).map_err(Clone::clone))
    }

    /// Forgets decoded pixels of `source` so the next draw reloads it (hot reload).
    pub fn invalidate(&mut self, source: &str) {
        if let Some(id) = self.by_source.get(source) {
            self.decoded.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::MemoryAssets;

    #[expect(clippy::panic, reason = "a test fails by panicking")]
    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([10, 20, 30, 255]));
        let mut out = Cursor::new(Vec::new());
        match img.write_to(&mut out, image::ImageFormat::Png) {
            Ok(()) => out.into_inner(),
            Err(e) => panic!("encode: {e}"),
        }
    }

    #[test]
    fn decodes_png_lazily_and_caches() {
        let assets = MemoryAssets::new().with("a.png", png(4, 3));
        let mut store = ImageStore::default();
        let id = store.id("a.png");
        assert_eq!(store.id("a.png"), id);
        let px = store.pixels(id, &assets).map_err(|e| e.to_string());
        assert_eq!(px.map(|p| (p.width(), p.height())), Ok((4, 3)));
    }

    #[test]
    fn corrupt_truncated_and_missing_images_are_errors() {
        let mut truncated = png(16, 16);
        truncated.truncate(truncated.len() / 2);
        let assets = MemoryAssets::new().with("junk.png", b"not an image".to_vec()).with("cut.png", truncated);
        let mut store = ImageStore::default();
        for name in ["junk.png", "cut.png", "missing.png"] {
            let id = store.id(name);
            let err = store.pixels(id, &assets).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn huge_dimensions_are_refused_before_allocating() {
        // A PNG header claiming 100000x100000 pixels: the limits must refuse it.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let err = decode_image("bomb.png", &bytes).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("image `bomb.png`"), "{err}");
    }
}
