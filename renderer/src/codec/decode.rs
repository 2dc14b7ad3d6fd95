//! Decoding: the validating [`Decoder`] (frame records against the chunk and resource state)
//! and [`StreamReader`] (header and record framing over a byte slice).
//!
//! Nothing here trusts the input: every tag, float, id, count and length is checked before it
//! is used, and a failure is a [`DecodeError`] naming the byte offset. After a rejected frame
//! the decoder forgets its state and waits for the next full frame.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::records::{read_video, ResourceRecord, ResourceTable, VideoPlane, RECORD_FONT, RECORD_VIDEO};
use super::wire::Reader;
use super::wire::{
    KIND_DELTA, KIND_FULL, RADII_EACH, RADII_UNIFORM, RADII_ZERO, TAG_BORDER, TAG_BOX_SHADOW, TAG_FILL_RECT,
    TAG_GLYPH_RUN, TAG_IMAGE, TAG_LINEAR_GRADIENT, TAG_POP_CLIP, TAG_POP_OPACITY, TAG_POP_TRANSFORM, TAG_PUSH_CLIP,
    TAG_PUSH_OPACITY, TAG_PUSH_TRANSFORM,
};
use super::{
    DecodeError, DecodeErrorKind as K, FontDef, FrameKind, ImageDef, ResourceDefs, MAGIC, MAX_CHUNKS, MAX_FONT_ID,
    MAX_FRAME_BYTES, MAX_FRAME_COMMANDS, MAX_GLYPHS_PER_RUN, MAX_GRADIENT_STOPS, MAX_IMAGE_ID, MAX_LOGICAL_SIDE,
    MAX_PATH_LEN, MAX_RECORD_LEN, RECORD_END, RECORD_FRAME, RECORD_OPTIONAL, VERSION_MAJOR,
};
use crate::display_list::{Command, DisplayList, FontId, Glyph, GlyphRun, GradientStop, ImageFit, ImageId};
use crate::geom::{Color, Corners, Point, Rect, Size, Transform};
use crate::images::MAX_IMAGE_SIDE;

/// One decoded frame: the full display list (deltas already applied) and what it defined.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedFrame {
    /// The encoder's frame counter.
    pub sequence: u32,
    pub kind: FrameKind,
    pub logical_size: Size,
    pub background: Color,
    pub list: DisplayList,
    /// Fonts and images this frame defined (a full frame defines everything it uses).
    pub fonts_defined: Vec<(FontId, FontDef)>,
    pub images_defined: Vec<(ImageId, ImageDef)>,
    /// Chunks this frame defined and removed.
    pub chunks_new: usize,
    pub chunks_removed: usize,
    /// Offset and size of the frame's record (tag and length included).
    pub offset: u64,
    pub record_bytes: usize,
    /// The resource records read since the previous frame (stream minor 1).
    pub resources: Vec<ResourceRecord>,
    /// The video planes of this frame; each is also in `list` as a [`Command::Video`].
    pub video: Vec<VideoPlane>,
}

/// A decoded chunk: its commands and their encoded size (for the frame-size limit).
#[derive(Clone, Debug)]
struct Chunk {
    commands: Arc<[Command]>,
    bytes: usize,
}

/// Applies frame records to the reader state: fonts, images and chunks by id.
#[derive(Clone, Debug, Default)]
pub struct Decoder {
    fonts: BTreeMap<FontId, FontDef>,
    images: BTreeMap<ImageId, ImageDef>,
    chunks: HashMap<u32, Chunk>,
    /// Commands and encoded bytes held by `chunks`, bounded like one frame so that chunks
    /// defined and never used cannot grow memory without limit.
    live_commands: usize,
    live_bytes: usize,
    synced: bool,
    joining: bool,
    /// Fonts by hash, glyph atlases and image data: kept across full frames, freed by releases.
    resources: ResourceTable,
    /// Resource records and the video record read since the last frame.
    pending_records: Vec<ResourceRecord>,
    pending_video: Vec<VideoPlane>,
}

impl ResourceDefs for Decoder {
    fn font_def(&self, id: FontId) -> Option<FontDef> {
        self.fonts.get(&id).cloned()
    }

    fn image_def(&self, id: ImageId) -> Option<ImageDef> {
        self.images.get(&id).cloned()
    }
}

impl Decoder {
    /// A decoder for a stream read from its start: a delta before the first full frame is an
    /// error.
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder for a reader joining a live stream: deltas are skipped (decoded as `None`)
    /// until the first full frame.
    pub fn joining() -> Self {
        Self { joining: true, ..Self::default() }
    }

    /// True once a full frame was applied (and no frame was rejected since).
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// The fonts defined since the last full frame.
    pub fn fonts(&self) -> impl Iterator<Item = (FontId, &FontDef)> {
        self.fonts.iter().map(|(id, d)| (*id, d))
    }

    /// The images defined since the last full frame.
    pub fn images(&self) -> impl Iterator<Item = (ImageId, &ImageDef)> {
        self.images.iter().map(|(id, d)| (*id, d))
    }

    /// The resources (font files, glyph atlases, image data) the stream's resource records
    /// left, which outlive full frames.
    pub fn resources(&self) -> &ResourceTable {
        &self.resources
    }

    /// Applies one resource or video record (tags `0x80..=0x84`) whose payload starts at
    /// stream offset `offset`. A video record applies to the next frame record.
    pub fn decode_record(&mut self, tag: u8, payload: &[u8], offset: u64) -> Result<(), DecodeError> {
        if tag == RECORD_VIDEO {
            let mut r = Reader::new(payload, offset);
            self.pending_video = read_video(&mut r)?;
            return Ok(());
        }
        let record = self.resources.apply(tag, payload, offset)?;
        self.pending_records.push(record);
        Ok(())
    }

    fn reset(&mut self) {
        self.fonts.clear();
        self.images.clear();
        self.chunks.clear();
        self.live_commands = 0;
        self.live_bytes = 0;
        self.synced = false;
    }

    /// Decodes the payload of one frame record whose first byte is at stream offset `offset`
    /// (used in errors). `Ok(None)` is a delta skipped while joining. On error the state is
    /// dropped: later deltas are refused (or skipped, when joining) until a full frame.
    pub fn decode_frame(&mut self, payload: &[u8], offset: u64) -> Result<Option<DecodedFrame>, DecodeError> {
        let video = std::mem::take(&mut self.pending_video);
        let mut result = self.frame(payload, offset);
        if let Ok(Some(frame)) = &mut result {
            if let Err(e) = insert_video(frame, video, offset) {
                result = Err(e);
            }
        }
        match &mut result {
            Err(_) => self.reset(),
            Ok(Some(frame)) => frame.resources = std::mem::take(&mut self.pending_records),
            Ok(None) => {}
        }
        result
    }

    fn frame(&mut self, payload: &[u8], offset: u64) -> Result<Option<DecodedFrame>, DecodeError> {
        let mut r = Reader::new(payload, offset);
        let sequence = r.u32_varint("frame sequence")?;
        let kind = match r.u8("frame kind")? {
            KIND_FULL => FrameKind::Full,
            KIND_DELTA => FrameKind::Delta,
            other => return Err(r.error_at(r.offset() - 1, K::BadTag, format!("unknown frame kind {other}"))),
        };
        match kind {
            FrameKind::Full => self.reset(),
            FrameKind::Delta if !self.synced => {
                if self.joining {
                    return Ok(None);
                }
                return Err(r.error_at(offset, K::Malformed, "delta frame with no full frame before it"));
            }
            FrameKind::Delta => {}
        }
        let side = |r: &mut Reader, what: &str| -> Result<f32, DecodeError> {
            let at = r.offset();
            let v = r.f32(what)?;
            if v <= 0.0 || v > MAX_LOGICAL_SIDE {
                return Err(r.error_at(at, K::BadFloat, format!("{what} {v} is not in 0..={MAX_LOGICAL_SIDE}")));
            }
            Ok(v)
        };
        let logical_size = Size::new(side(&mut r, "logical width")?, side(&mut r, "logical height")?);
        let background = r.color("background")?;

        let mut fonts_defined = Vec::new();
        let n = r.item_count("font definition count", MAX_FONT_ID as usize, 3)?;
        for _ in 0..n {
            let at = r.offset();
            let id = FontId(r.count("font id", u64::from(MAX_FONT_ID - 1))? as u32);
            let weight = r.count("font weight", 1000)? as u16;
            if weight == 0 {
                return Err(r.error_at(at, K::Malformed, format!("font #{} has weight 0", id.0)));
            }
            let source = r.string("font path", MAX_PATH_LEN)?;
            let def = FontDef { source, weight };
            if self.fonts.insert(id, def.clone()).is_some() {
                return Err(r.error_at(at, K::BadId, format!("font #{} defined twice", id.0)));
            }
            fonts_defined.push((id, def));
        }
        let mut images_defined = Vec::new();
        let n = r.item_count("image definition count", MAX_IMAGE_ID as usize, 4)?;
        for _ in 0..n {
            let at = r.offset();
            let id = ImageId(r.count("image id", u64::from(MAX_IMAGE_ID - 1))? as u32);
            let width = r.count("image width", u64::from(MAX_IMAGE_SIDE))? as u32;
            let height = r.count("image height", u64::from(MAX_IMAGE_SIDE))? as u32;
            let source = r.string("image path", MAX_PATH_LEN)?;
            let def = ImageDef { source, width, height };
            if self.images.insert(id, def.clone()).is_some() {
                return Err(r.error_at(at, K::BadId, format!("image #{} defined twice", id.0)));
            }
            images_defined.push((id, def));
        }

        let removed = r.item_count("removed chunk count", MAX_CHUNKS, 1)?;
        if kind == FrameKind::Full && removed > 0 {
            return Err(r.error(K::Malformed, "a full frame removes no chunks"));
        }
        for _ in 0..removed {
            let at = r.offset();
            let id = r.u32_varint("removed chunk id")?;
            match self.chunks.remove(&id) {
                Some(chunk) => {
                    self.live_commands = self.live_commands.saturating_sub(chunk.commands.len());
                    self.live_bytes = self.live_bytes.saturating_sub(chunk.bytes);
                }
                None => return Err(r.error_at(at, K::BadId, format!("removed chunk #{id} is not defined"))),
            }
        }

        let new = r.item_count("new chunk count", MAX_CHUNKS, 3)?;
        for _ in 0..new {
            let at = r.offset();
            let id = r.u32_varint("chunk id")?;
            if self.chunks.contains_key(&id) {
                return Err(r.error_at(at, K::BadId, format!("chunk #{id} defined twice")));
            }
            let count = r.count("chunk command count", MAX_FRAME_COMMANDS as u64)? as usize;
            let len = r.count("chunk length", MAX_FRAME_BYTES as u64)? as usize;
            let mut c = r.sub(len, "chunk")?;
            if count > len {
                return Err(r.error_at(at, K::Malformed, format!("chunk #{id}: {count} commands in {len} bytes")));
            }
            self.live_commands += count;
            self.live_bytes += len;
            if self.live_commands > MAX_FRAME_COMMANDS || self.live_bytes > MAX_FRAME_BYTES {
                return Err(r.error_at(at, K::LimitExceeded, "live chunks over the frame's command or byte limit"));
            }
            let mut commands = Vec::with_capacity(count);
            for _ in 0..count {
                commands.push(self.command(&mut c)?);
            }
            if !c.is_empty() {
                return Err(c.error(K::Malformed, format!("chunk #{id}: {} bytes after its commands", c.remaining())));
            }
            self.chunks.insert(id, Chunk { commands: commands.into(), bytes: len });
            if self.chunks.len() > MAX_CHUNKS {
                return Err(r.error_at(at, K::LimitExceeded, format!("more than {MAX_CHUNKS} live chunks")));
            }
        }

        let order_at = r.offset();
        let runs = r.item_count("order run count", MAX_CHUNKS, 2)?;
        let mut order: Vec<&Chunk> = Vec::new();
        let (mut total_commands, mut total_bytes) = (0usize, 0usize);
        for _ in 0..runs {
            let at = r.offset();
            let first = r.u32_varint("order run start")?;
            let len = r.count("order run length", MAX_CHUNKS as u64)? as u32;
            if len == 0 || order.len() + len as usize > MAX_CHUNKS {
                return Err(r.error_at(at, K::LimitExceeded, format!("order run of {len} chunks")));
            }
            for k in 0..len {
                let id = first
                    .checked_add(k)
                    .ok_or_else(|| r.error_at(at, K::Malformed, format!("order run {first}+{len} overflows")))?;
                let chunk = self
                    .chunks
                    .get(&id)
                    .ok_or_else(|| r.error_at(at, K::BadId, format!("chunk #{id} is not defined")))?;
                total_commands += chunk.commands.len();
                total_bytes += chunk.bytes;
                if total_commands > MAX_FRAME_COMMANDS || total_bytes > MAX_FRAME_BYTES {
                    return Err(r.error_at(at, K::LimitExceeded, "frame over the command or byte limit"));
                }
                order.push(chunk);
            }
        }
        if !r.is_empty() {
            return Err(r.error(K::Malformed, format!("{} bytes after the frame's last field", r.remaining())));
        }
        let mut list = DisplayList { commands: Vec::with_capacity(total_commands) };
        for chunk in order {
            list.commands.extend(chunk.commands.iter().cloned());
        }
        if let Err(e) = list.validate() {
            return Err(r.error_at(order_at, K::BadNesting, e.to_string()));
        }
        self.synced = true;
        Ok(Some(DecodedFrame {
            sequence,
            kind,
            logical_size,
            background,
            list,
            fonts_defined,
            images_defined,
            chunks_new: new,
            chunks_removed: removed,
            offset: offset.saturating_sub(5),
            record_bytes: payload.len() + 5,
            resources: Vec::new(),
            video: Vec::new(),
        }))
    }

    fn command(&self, r: &mut Reader) -> Result<Command, DecodeError> {
        let at = r.offset();
        let tag = r.u8("command tag")?;
        Ok(match tag {
            TAG_FILL_RECT => Command::FillRect { rect: rect(r)?, radii: radii(r)?, color: r.color("fill colour")? },
            TAG_LINEAR_GRADIENT => {
                let (rect, radii) = (rect(r)?, radii(r)?);
                let start = point(r, "gradient start")?;
                let end = point(r, "gradient end")?;
                let n = r.item_count("gradient stop count", MAX_GRADIENT_STOPS, 5)?;
                let mut stops = Vec::with_capacity(n);
                for _ in 0..n {
                    stops.push(GradientStop { offset: r.f32("gradient stop offset")?, color: r.color("stop colour")? });
                }
                Command::LinearGradient { rect, radii, start, end, stops }
            }
            TAG_BORDER => Command::Border {
                rect: rect(r)?,
                radii: radii(r)?,
                width: r.f32("border width")?,
                color: r.color("border colour")?,
            },
            TAG_BOX_SHADOW => Command::BoxShadow {
                rect: rect(r)?,
                radii: radii(r)?,
                offset: point(r, "shadow offset")?,
                blur: r.f32("shadow blur")?,
                spread: r.f32("shadow spread")?,
                color: r.color("shadow colour")?,
            },
            TAG_IMAGE => {
                let id_at = r.offset();
                let image = ImageId(r.u32_varint("image id")?);
                if !self.images.contains_key(&image) {
                    return Err(r.error_at(id_at, K::BadId, format!("image #{} is not defined", image.0)));
                }
                let rect = rect(r)?;
                let fit_at = r.offset();
                let fit = match r.u8("image fit")? {
                    0 => ImageFit::Cover,
                    1 => ImageFit::Contain,
                    2 => ImageFit::Fill,
                    other => return Err(r.error_at(fit_at, K::BadTag, format!("unknown image fit {other}"))),
                };
                Command::Image { image, rect, fit, radii: radii(r)?, opacity: r.f32("image opacity")? }
            }
            TAG_GLYPH_RUN => {
                let id_at = r.offset();
                let font = FontId(r.u32_varint("font id")?);
                if !self.fonts.contains_key(&font) {
                    return Err(r.error_at(id_at, K::BadId, format!("font #{} is not defined", font.0)));
                }
                let size = r.f32("font size")?;
                let color = r.color("text colour")?;
                let origin = point(r, "glyph run origin")?;
                let n = r.item_count("glyph count", MAX_GLYPHS_PER_RUN, 5)?;
                let mut glyphs = Vec::with_capacity(n);
                let mut y = 0.0f32;
                for _ in 0..n {
                    let g_at = r.offset();
                    let v = r.count("glyph id", (u64::from(u16::MAX) << 1) | 1)?;
                    let x = r.raw_f32("glyph x")?;
                    if v & 1 == 1 {
                        let new_y = r.raw_f32("glyph y")?;
                        if new_y.to_bits() == y.to_bits() {
                            return Err(r.error_at(g_at, K::Malformed, "glyph repeats the previous y"));
                        }
                        y = new_y;
                    }
                    glyphs.push(Glyph { id: (v >> 1) as u16, x, y });
                }
                Command::GlyphRun(GlyphRun { font, size, color, origin, glyphs })
            }
            TAG_PUSH_CLIP => Command::PushClip { rect: rect(r)?, radii: radii(r)? },
            TAG_POP_CLIP => Command::PopClip,
            TAG_PUSH_OPACITY => Command::PushOpacity(r.f32("opacity")?),
            TAG_POP_OPACITY => Command::PopOpacity,
            TAG_PUSH_TRANSFORM => {
                let mut v = [0f32; 6];
                for slot in &mut v {
                    *slot = r.f32("transform")?;
                }
                let [sx, ky, kx, sy, tx, ty] = v;
                Command::PushTransform(Transform { sx, ky, kx, sy, tx, ty })
            }
            TAG_POP_TRANSFORM => Command::PopTransform,
            other => return Err(r.error_at(at, K::BadTag, format!("unknown command tag 0x{other:02x}"))),
        })
    }
}

/// Puts the video planes into the frame's list, each before the command its index names.
fn insert_video(frame: &mut DecodedFrame, video: Vec<VideoPlane>, offset: u64) -> Result<(), DecodeError> {
    if video.is_empty() {
        return Ok(());
    }
    let n = frame.list.commands.len();
    if let Some(bad) = video.iter().find(|v| v.index > n) {
        return Err(DecodeError {
            offset,
            kind: K::Malformed,
            message: format!("video plane at command {} of a {n}-command frame", bad.index),
        });
    }
    let old = std::mem::take(&mut frame.list.commands);
    let mut commands = Vec::with_capacity(n + video.len());
    let mut planes = video.iter().peekable();
    for (i, c) in old.into_iter().enumerate() {
        while let Some(v) = planes.next_if(|v| v.index == i) {
            commands.push(Command::Video { rect: v.rect, label: v.label.clone() });
        }
        commands.push(c);
    }
    for v in planes {
        commands.push(Command::Video { rect: v.rect, label: v.label.clone() });
    }
    frame.list.commands = commands;
    frame.video = video;
    Ok(())
}

fn point(r: &mut Reader, what: &str) -> Result<Point, DecodeError> {
    Ok(Point::new(r.f32(what)?, r.f32(what)?))
}

fn rect(r: &mut Reader) -> Result<Rect, DecodeError> {
    Ok(Rect::new(r.f32("rect x")?, r.f32("rect y")?, r.f32("rect width")?, r.f32("rect height")?))
}

fn radii(r: &mut Reader) -> Result<Corners, DecodeError> {
    let at = r.offset();
    match r.u8("radii form")? {
        RADII_ZERO => Ok(Corners::ZERO),
        RADII_UNIFORM => {
            let v = r.f32("corner radius")?;
            if v.to_bits() == 0 {
                return Err(r.error_at(at, K::Malformed, "uniform radii of zero should use the zero form"));
            }
            Ok(Corners::all(v))
        }
        RADII_EACH => {
            let c = Corners {
                top_left: r.f32("corner radius")?,
                top_right: r.f32("corner radius")?,
                bottom_right: r.f32("corner radius")?,
                bottom_left: r.f32("corner radius")?,
            };
            let b = [c.top_left, c.top_right, c.bottom_right, c.bottom_left].map(f32::to_bits);
            if b.iter().all(|v| *v == b[0]) {
                return Err(r.error_at(at, K::Malformed, "four equal radii should use the uniform form"));
            }
            Ok(c)
        }
        other => Err(r.error_at(at, K::BadTag, format!("unknown radii form {other}"))),
    }
}

/// Reads a whole stream from a byte slice, frame by frame. Stops (returns `None`) after the
/// end record, at the end of the input, or after the first error.
#[derive(Debug)]
pub struct StreamReader<'a> {
    reader: Reader<'a>,
    decoder: Decoder,
    started: bool,
    done: bool,
    version_minor: u16,
}

impl<'a> StreamReader<'a> {
    /// A reader of `bytes` from the stream's start (header first).
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_decoder(bytes, Decoder::new())
    }

    pub fn with_decoder(bytes: &'a [u8], decoder: Decoder) -> Self {
        Self { reader: Reader::new(bytes, 0), decoder, started: false, done: false, version_minor: 0 }
    }

    /// The decoder with the state after the frames read so far.
    pub fn decoder(&self) -> &Decoder {
        &self.decoder
    }

    /// The stream's minor version (after the header was read).
    pub fn version_minor(&self) -> u16 {
        self.version_minor
    }

    fn header(&mut self) -> Result<(), DecodeError> {
        let r = &mut self.reader;
        let magic = r.bytes(4, "stream header")?;
        if magic != MAGIC {
            return Err(r.error_at(0, K::BadMagic, "not a tenfoot display-list stream (bad magic)"));
        }
        let major = r.u16("major version")?;
        if major != VERSION_MAJOR {
            return Err(r.error_at(
                4,
                K::UnsupportedVersion,
                format!("version {major}, this reader reads {VERSION_MAJOR}"),
            ));
        }
        self.version_minor = r.u16("minor version")?;
        Ok(())
    }

    fn next_frame(&mut self) -> Result<Option<DecodedFrame>, DecodeError> {
        if !self.started {
            self.started = true;
            self.header()?;
        }
        loop {
            if self.reader.is_empty() {
                return Ok(None);
            }
            let at = self.reader.offset();
            let tag = self.reader.u8("record tag")?;
            let len = self.reader.u32("record length")? as usize;
            if len > MAX_RECORD_LEN {
                return Err(self.reader.error_at(
                    at,
                    K::LimitExceeded,
                    format!("record of {len} bytes is over the limit {MAX_RECORD_LEN}"),
                ));
            }
            let mut payload = self.reader.sub(len, "record")?;
            match tag {
                RECORD_FRAME => {
                    let base = payload.offset();
                    let bytes = payload.bytes(len, "record")?;
                    if let Some(frame) = self.decoder.decode_frame(bytes, base)? {
                        return Ok(Some(frame));
                    }
                }
                RECORD_END => {
                    if len != 0 {
                        return Err(self.reader.error_at(at, K::Malformed, "end record with a payload"));
                    }
                    if !self.reader.is_empty() {
                        return Err(self.reader.error(K::Malformed, "bytes after the end record"));
                    }
                    return Ok(None);
                }
                t if (RECORD_FONT..=RECORD_VIDEO).contains(&t) => {
                    let base = payload.offset();
                    let bytes = payload.bytes(len, "record")?;
                    self.decoder.decode_record(t, bytes, base)?;
                }
                t if t >= RECORD_OPTIONAL => {}
                t => return Err(self.reader.error_at(at, K::BadTag, format!("unknown record tag 0x{t:02x}"))),
            }
        }
    }
}

impl Iterator for StreamReader<'_> {
    type Item = Result<DecodedFrame, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_frame() {
            Ok(Some(frame)) => Some(Ok(frame)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Decodes a whole stream held in memory; the first error stops it.
pub fn decode_stream(bytes: &[u8]) -> Result<Vec<DecodedFrame>, DecodeError> {
    StreamReader::new(bytes).collect()
}
