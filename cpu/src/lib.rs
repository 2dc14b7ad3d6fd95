//! tenfoot-cpu: the CPU backend. Rasterizes display lists with tiny-skia into an RGBA buffer,
//! decodes PNG and JPEG ([`ImageCodec`]) and encodes frames as PNG.
//!
//! A leaf: it consumes what `tenfoot-renderer` defines (the display list, resources, the
//! [`Backend`](tenfoot_renderer::Backend) trait) and nothing above it knows it exists, so a
//! device build that only encodes the stream never links tiny-skia.
//!
//! Each frame is drawn region by region (the whole buffer, or each damaged rectangle): a region
//! is a pixmap with its own origin (rows of the frame itself when it spans the frame's width,
//! else a pixmap of its own), so clip masks and layers are only as large as the region. Glyphs are rasterized once from outlines into coverage masks and blitted with a
//! tight loop; images are cached pre-scaled to their drawn size with rounded corners baked in,
//! so a steady-state tile is one blit (a row copy when opaque).

mod backend;
mod blit;
mod budget;
mod cache;
mod clip;
mod decode;
mod effects;
mod glyphs;
mod image;
mod paths;
mod png;
mod resample;

pub use backend::CpuBackend;
pub use budget::{DEFAULT_MEMORY_BUDGET, MAX_DRAW_AREA_FACTOR, MAX_LAYER_DEPTH, MAX_MASK_DEPTH};
pub use decode::{decode_image, ImageCodec};
pub use png::encode_png_fast;
/// The pixel buffer type of [`CpuBackend::pixmap`].
pub use tiny_skia::Pixmap;
