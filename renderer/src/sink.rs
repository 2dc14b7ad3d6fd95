//! [`SinkBackend`]: the production backend. Instead of drawing, it encodes each frame into the
//! display-list stream (`docs/display-list.md`) and writes it to any `io::Write`: a file, a
//! pipe, a socket.
//!
//! It owns no pixels and opens nothing itself; the writer is given to it. Resource definitions
//! (font source and weight, image source and size) come from the [`Resources`] lent to
//! [`Backend::draw`], the first time each id is used.

use std::io::{self, Write};

use crate::backend::{Backend, FrameReport};
use crate::codec::{Encoder, EncoderOptions, FrameInfo, FrameKind, ResourceOptions, ResourcePacker};
use crate::display_list::DisplayList;
use crate::geom::{Color, Rect, Size};
use crate::resources::Resources;

/// Counters for what the sink has written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SinkStats {
    pub frames: u64,
    pub full_frames: u64,
    /// Bytes written, header included.
    pub bytes: u64,
    /// Size of the last frame's records (the video record included), resource records not.
    pub last_frame_bytes: usize,
    /// Size of the resource records sent before the last frame (0 with resources off).
    pub last_resource_bytes: usize,
    /// All resource record bytes written.
    pub resource_bytes: u64,
}

/// Encodes frames to a writer.
#[derive(Debug)]
pub struct SinkBackend<W: Write> {
    out: W,
    encoder: Encoder,
    info: FrameInfo,
    header_written: bool,
    stats: SinkStats,
    /// With resources on: the font, glyph atlas and image records (stream minor 1).
    packer: Option<ResourcePacker>,
}

impl<W: Write> SinkBackend<W> {
    /// A sink with the default options: deltas on, a full frame at least every 300 frames.
    pub fn new(out: W) -> Self {
        Self::with_options(out, EncoderOptions::default())
    }

    pub fn with_options(out: W, options: EncoderOptions) -> Self {
        Self {
            out,
            encoder: Encoder::new(options),
            info: FrameInfo::default(),
            header_written: false,
            stats: SinkStats::default(),
            packer: None,
        }
    }

    /// Sends resources with the frames (`Some`): fonts by content hash, the glyph masks the
    /// frames use in atlases, image data; each once, released over the budget. `None` (the
    /// default): frames name fonts and images by path only, as in stream 1.0.
    pub fn set_resources(&mut self, options: Option<ResourceOptions>) {
        self.packer = options.map(ResourcePacker::new);
    }

    /// The colour under everything, sent with each frame (black by default).
    pub fn set_background(&mut self, color: Color) {
        self.info.background = color;
    }

    /// The logical size the lists are drawn in (1920x1080 by default).
    pub fn set_logical_size(&mut self, size: Size) {
        self.info.logical_size = size;
    }

    /// Makes the next frame a full one, for a reader that just joined.
    pub fn force_full(&mut self) {
        self.encoder.force_full();
        if let Some(p) = &mut self.packer {
            p.reset();
        }
    }

    pub fn stats(&self) -> SinkStats {
        self.stats
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// Writes the end record, flushes, and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_header()?;
        self.out.write_all(&Encoder::end_record())?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn write_header(&mut self) -> io::Result<()> {
        if !self.header_written {
            self.out.write_all(&Encoder::header())?;
            self.header_written = true;
            self.stats.bytes += Encoder::header().len() as u64;
        }
        Ok(())
    }

    fn write_frame(&mut self, list: &DisplayList, resources: &mut Resources) -> Result<(), String> {
        let records = match &mut self.packer {
            Some(p) => p.records(list, resources).map_err(|e| format!("sink: {e}"))?,
            None => Vec::new(),
        };
        let frame = match self.encoder.encode_frame(list, &self.info, resources) {
            Ok(f) => f,
            Err(e) => {
                // The resources were not sent after all.
                if let Some(p) = &mut self.packer {
                    p.reset();
                }
                return Err(format!("sink: {e}"));
            }
        };
        let written = self
            .write_header()
            .and_then(|()| self.out.write_all(&records))
            .and_then(|()| self.out.write_all(&frame.bytes))
            .and_then(|()| self.out.flush());
        if let Err(e) = written {
            // The reader may hold a partial record: resynchronise with a full frame.
            self.force_full();
            return Err(format!("sink: write failed: {e}"));
        }
        self.stats.last_resource_bytes = records.len();
        self.stats.resource_bytes += records.len() as u64;
        self.stats.bytes += records.len() as u64;
        self.stats.frames += 1;
        self.stats.full_frames += u64::from(frame.kind == FrameKind::Full);
        self.stats.bytes += frame.bytes.len() as u64;
        self.stats.last_frame_bytes = frame.bytes.len();
        Ok(())
    }
}

impl<W: Write> Backend for SinkBackend<W> {
    /// Encodes and writes `list` as the next frame. `damage` is not needed: the delta encoding
    /// finds what changed by content. A list the decoder would refuse (NaN, unbalanced pushes)
    /// or a write error is reported in [`FrameReport::errors`] and the frame is dropped.
    fn draw(&mut self, list: &DisplayList, resources: &mut Resources, _damage: Option<&[Rect]>) -> FrameReport {
        let mut report = FrameReport::default();
        if let Err(e) = self.write_frame(list, resources) {
            report.errors.push(e);
        }
        report
    }
}
