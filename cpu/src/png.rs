//! PNG encoding of a frame, tuned for speed.

use tiny_skia::Pixmap;

/// Encodes a premultiplied pixmap as PNG with fast compression (for screenshots and test
/// frames; goldens are written by `tiny_skia::Pixmap::save_png`, smaller files).
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
    // Fastest: fdeflate's ultra-fast mode with the Up filter (Fast picks a filter per row by
    // trying them all, most of the encode time). Still lossless: only the file is bigger.
    encoder.set_compression(png::Compression::Fastest);
    let mut writer = encoder.write_header().map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.write_image_data(&data).map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.finish().map_err(|e| format!("PNG encoding failed: {e}"))?;
    Ok(out)
}
