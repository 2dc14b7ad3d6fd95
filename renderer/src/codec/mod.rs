//! The display-list stream: a compact, versioned binary encoding of frames for a device.
//!
//! The format is specified in `docs/display-list.md`; this module is its reference
//! implementation. It owns the wire layout (`wire.rs`), command encoding and the stateful
//! frame [`Encoder`], the validating [`Decoder`], delta chunking ([`delta`]) and the
//! [`ResourceBinder`] that maps a stream's font and image ids onto a local [`crate::Resources`].
//! It does no I/O: bytes go to and come from slices (the sink backend adds `io::Write`).
//!
//! Decoding never panics and never trusts a count or length before checking it against the
//! bytes actually left and the limits below.

mod bind;
mod decode;
pub mod delta;
mod encode;
pub mod pack;
mod records;
mod wire;

use std::fmt;

pub use bind::{BindError, ResourceBinder};
pub use decode::{decode_stream, DecodedFrame, Decoder, StreamReader};
pub use encode::{EncodedFrame, Encoder, EncoderOptions, FrameInfo};
pub use pack::{ImageMode, ResourceOptions, ResourcePacker};
pub use records::{
    FontFile, GlyphAtlas, GlyphEntry, GlyphKey, ImageData, ImageForm, Release, ResourceKind, ResourceRecord,
    ResourceTable, VideoPlane, RECORD_FONT, RECORD_GLYPH_ATLAS, RECORD_IMAGE, RECORD_RELEASE, RECORD_VIDEO,
};

use crate::display_list::{FontId, ImageId};
use crate::resources::Resources;

/// The first four bytes of every stream.
pub const MAGIC: [u8; 4] = *b"TFDL";
/// The major version: a reader refuses any other.
pub const VERSION_MAJOR: u16 = 1;
/// The minor version: additions a version-1 reader can ignore (new optional record types).
/// Minor 1 added the resource records (fonts by hash, glyph atlases, image data, releases) and
/// the video record.
pub const VERSION_MINOR: u16 = 1;
/// Header length: magic, major, minor.
pub const HEADER_LEN: usize = 8;

/// Record tag of a frame.
pub const RECORD_FRAME: u8 = 0x01;
/// Record tag of the optional end-of-stream marker.
pub const RECORD_END: u8 = 0x02;
/// Record tags at or above this are optional: a reader skips the ones it does not know.
/// Unknown tags below it are errors.
pub const RECORD_OPTIONAL: u8 = 0x80;

/// The largest record payload, in bytes.
pub const MAX_RECORD_LEN: usize = 16 * 1024 * 1024;
/// The most commands one frame may hold (after its chunks are assembled).
pub const MAX_FRAME_COMMANDS: usize = 1 << 18;
/// The most encoded command bytes one frame may hold after its chunks are assembled. With
/// [`MAX_FRAME_COMMANDS`] this bounds the memory a decoded frame takes, however often a
/// small record repeats a large chunk.
pub const MAX_FRAME_BYTES: usize = 16 * 1024 * 1024;
/// The most chunk references in one frame's order, and the most live chunks a reader keeps.
/// Equal to [`MAX_FRAME_COMMANDS`]: a chunk holds at least one command, so any frame the
/// decoder accepts can be re-encoded.
pub const MAX_CHUNKS: usize = MAX_FRAME_COMMANDS;
/// The most glyphs in one glyph run.
pub const MAX_GLYPHS_PER_RUN: usize = 65_535;
/// The most stops in one gradient.
pub const MAX_GRADIENT_STOPS: usize = 256;
/// The longest resource path, in bytes of UTF-8.
pub const MAX_PATH_LEN: usize = 1024;
/// Font ids are below this.
pub const MAX_FONT_ID: u32 = 1 << 16;
/// Image ids are below this.
pub const MAX_IMAGE_ID: u32 = 1 << 20;
/// The widest and tallest glyph atlas.
pub const MAX_ATLAS_SIDE: u32 = 4096;
/// Atlas ids are below this; at most this many atlases are live.
pub const MAX_ATLAS_ID: u32 = 1 << 16;
/// The most glyph masks in one atlas.
pub const MAX_ATLAS_GLYPHS: usize = 65_535;
/// The most glyph masks all live atlases hold.
pub const MAX_LIVE_GLYPHS: usize = 1 << 18;
/// The most bytes all held resources take (atlas coverage, image data and decoded pixels).
pub const MAX_RESOURCE_BYTES: usize = 256 * 1024 * 1024;
/// The most video planes in one frame.
pub const MAX_VIDEO_PLANES: usize = 64;
/// The largest logical width or height of a frame.
pub const MAX_LOGICAL_SIDE: f32 = 16_384.0;

/// What a stream says about a font: the file it comes from and the face's weight.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FontDef {
    pub source: String,
    pub weight: u16,
}

/// What a stream says about an image: its source path and intrinsic pixel size (0x0 when the
/// encoder had not decoded it; the reader decodes it itself either way).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImageDef {
    pub source: String,
    pub width: u32,
    pub height: u32,
}

/// Where the encoder looks up the definitions of the ids a display list uses.
///
/// Implemented by [`Resources`] (the live app) and by [`Decoder`] (re-encoding a decoded stream).
pub trait ResourceDefs {
    fn font_def(&self, id: FontId) -> Option<FontDef>;
    fn image_def(&self, id: ImageId) -> Option<ImageDef>;
}

impl ResourceDefs for Resources {
    fn font_def(&self, id: FontId) -> Option<FontDef> {
        self.fonts.face(id).map(|f| FontDef { source: f.source.clone(), weight: f.weight.0 })
    }

    fn image_def(&self, id: ImageId) -> Option<ImageDef> {
        let source = self.images.source(id)?.to_owned();
        let (width, height) = self.images.decoded_size(id).unwrap_or((0, 0));
        Some(ImageDef { source, width, height })
    }
}

/// Whether a frame stands alone or builds on the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// Resets the reader's chunk and resource tables; decodable on its own.
    Full,
    /// Carries only new chunks, removals and the chunk order; needs the state since the last
    /// full frame.
    Delta,
}

/// What kind of problem a [`DecodeError`] is, for callers that branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecodeErrorKind {
    /// The input ended inside a header, record or value.
    Truncated,
    /// The stream does not start with [`MAGIC`].
    BadMagic,
    /// A major version this reader does not speak.
    UnsupportedVersion,
    /// An unknown record, command, fit or frame-kind tag.
    BadTag,
    /// A NaN or infinite float, or a float value out of its range.
    BadFloat,
    /// A font, image or chunk id that is not defined (or defined twice).
    BadId,
    /// Pushes and pops that do not match, or nesting deeper than [`crate::MAX_NESTING`].
    BadNesting,
    /// A count, length or size over its limit.
    LimitExceeded,
    /// Anything else that breaks the format: overlong varints, bad UTF-8, lengths that
    /// disagree with their contents, a delta with no full frame before it.
    Malformed,
}

/// A stream that could not be decoded: where, what kind of problem, and the details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset from the start of the stream (or of the slice given to the decoder).
    pub offset: u64,
    pub kind: DecodeErrorKind,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "display-list stream, byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A display list the encoder refuses because the decoder would refuse it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// The offending command's index, when one command is to blame.
    pub command: Option<usize>,
    pub message: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.command {
            Some(i) => write!(f, "cannot encode display list, command {i}: {}", self.message),
            None => write!(f, "cannot encode display list: {}", self.message),
        }
    }
}

impl std::error::Error for EncodeError {}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod records_tests;
