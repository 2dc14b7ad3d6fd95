//! [`ImageCodec`]: PNG and JPEG decoding through the `image` crate, within the store's limits.

use std::io::Cursor;

use tenfoot_renderer::{ImageDecoder, ImageError, ImagePixels, MAX_IMAGE_ALLOC, MAX_IMAGE_SIDE};

/// Decodes PNG and JPEG. The decoder the CPU backend uses for images the app did not decode
/// ahead (install it in `Resources` so `TaskCx::load_image` decodes off the frame too).
#[derive(Clone, Copy, Debug, Default)]
pub struct ImageCodec;

impl ImageDecoder for ImageCodec {
    fn decode(&self, source: &str, bytes: &[u8]) -> Result<ImagePixels, ImageError> {
        decode_image(source, bytes)
    }
}

/// Decodes PNG or JPEG bytes into premultiplied pixels, within the size limits.
pub fn decode_image(source: &str, bytes: &[u8]) -> Result<ImagePixels, ImageError> {
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
    ImagePixels::from_straight(w, h, rgba.into_raw()).ok_or_else(|| err(format!("empty image ({w}x{h})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::{ImageStore, MemoryAssets};

    #[expect(clippy::panic, reason = "a test fails by panicking")]
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
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
        let px = store.pixels(id, &assets, &ImageCodec).map_err(|e| e.to_string());
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
            let err = store.pixels(id, &assets, &ImageCodec).err().map(|e| e.to_string()).unwrap_or_default();
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
