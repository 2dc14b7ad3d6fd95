//! tenfoot-renderer: the display list, the resources it refers to (fonts, images, shaped text),
//! the [`Backend`] trait and the display-list stream: what a device build needs.
//!
//! This crate knows nothing of entities, layout or input, and names no rasterizer (the CPU
//! backend on tiny-skia is the `tenfoot-cpu` crate, as vello_cpu is to vello_common). It owns no
//! window and opens no files: bytes arrive through [`AssetSource`], image bytes become pixels
//! through an [`ImageDecoder`] someone installs. The [`codec`] module encodes and decodes the
//! display-list stream the [`SinkBackend`] writes for a device.

pub mod art;
mod assets;
mod backend;
pub mod codec;
mod display_list;
mod geom;
mod images;
mod resources;
mod sink;
mod text;
mod video;

pub use assets::{AssetError, AssetSource, EmbeddedAssets, MemoryAssets, BUNDLED_FONTS};
pub use backend::{Backend, FrameReport};
pub use display_list::{
    Command, DisplayList, FontId, Glyph, GlyphRun, GradientStop, ImageFit, ImageId, Nesting, NestingError, MAX_NESTING,
};
pub use geom::{Color, Corners, PhysicalSize, Point, Rect, Scale, Size, Transform};
pub use images::{
    premultiply, Decoded, ImageDecoder, ImageError, ImagePixels, ImageStore, DEFAULT_DECODED_BUDGET, MAX_IMAGE_ALLOC,
    MAX_IMAGE_SIDE,
};
pub use resources::Resources;
pub use sink::{SinkBackend, SinkStats};
pub use text::{
    clip_text, FontError, FontFace, FontLibrary, FontWeight, ShapedGlyph, ShapedText, TextAlign, TextStyle,
    DEFAULT_FAMILY, MAX_TEXT_BYTES,
};
pub use video::{video_placeholder, VIDEO_FONT, VIDEO_FONT_CHARS, VIDEO_FRAME, VIDEO_PANEL, VIDEO_TEXT};
