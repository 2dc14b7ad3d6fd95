//! tenfoot-renderer: the display list, the resources it refers to (fonts, images, shaped text),
//! and the backends that consume it.
//!
//! This crate knows nothing of entities, layout or input; it draws what it is told. It owns no
//! window and opens no files: bytes arrive through [`AssetSource`]. The [`codec`] module encodes
//! and decodes the display-list stream the [`SinkBackend`] writes for a device.

mod assets;
mod backend;
pub mod codec;
mod cpu;
mod display_list;
mod geom;
mod images;
mod resample;
mod resources;
mod sink;
mod text;

pub use assets::{AssetError, AssetSource, EmbeddedAssets, MemoryAssets, BUNDLED_FONTS};
pub use backend::{Backend, FrameReport};
pub use cpu::CpuBackend;
pub use display_list::{
    Command, DisplayList, FontId, Glyph, GlyphRun, GradientStop, ImageFit, ImageId, Nesting, NestingError, MAX_NESTING,
};
pub use geom::{Color, Corners, PhysicalSize, Point, Rect, Scale, Size, Transform};
pub use images::{decode_image, ImageError, ImageStore, MAX_IMAGE_ALLOC, MAX_IMAGE_SIDE};
pub use resources::Resources;
pub use sink::{SinkBackend, SinkStats};
pub use text::{
    clip_text, FontError, FontFace, FontLibrary, FontWeight, ShapedGlyph, ShapedText, TextAlign, TextStyle,
    DEFAULT_FAMILY, MAX_TEXT_BYTES,
};
/// The decoded image type of [`ImageStore`] (for hosts that decode off the frame's thread).
pub use tiny_skia::Pixmap;
