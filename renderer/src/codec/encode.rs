//! Encoding: commands to bytes, and the stateful [`Encoder`] that turns display lists into
//! full or delta frame records.
//!
//! The encoder refuses (with [`EncodeError`]) anything the decoder would refuse: non-finite
//! floats, unbalanced or over-deep nesting, undefined resources, counts over the limits. A
//! refused frame leaves the encoder's state as it was.

use std::collections::{HashMap, HashSet};

use super::delta::{order_runs, Chunker};
use super::records::{put_video, VideoPlane};
use super::wire::{
    put_color, put_f32, put_raw_f32, put_str, put_u32, put_u8, put_varint, KIND_DELTA, KIND_FULL, RADII_EACH,
    RADII_UNIFORM, RADII_ZERO, TAG_BORDER, TAG_BOX_SHADOW, TAG_FILL_RECT, TAG_GLYPH_RUN, TAG_IMAGE,
    TAG_LINEAR_GRADIENT, TAG_POP_CLIP, TAG_POP_OPACITY, TAG_POP_TRANSFORM, TAG_PUSH_CLIP, TAG_PUSH_OPACITY,
    TAG_PUSH_TRANSFORM,
};
use super::{
    EncodeError, FrameKind, ResourceDefs, HEADER_LEN, MAGIC, MAX_CHUNKS, MAX_FONT_ID, MAX_FRAME_BYTES,
    MAX_FRAME_COMMANDS, MAX_GLYPHS_PER_RUN, MAX_GRADIENT_STOPS, MAX_IMAGE_ID, MAX_LOGICAL_SIDE, MAX_PATH_LEN,
    MAX_RECORD_LEN, MAX_VIDEO_PLANES, RECORD_END, RECORD_FRAME, VERSION_MAJOR, VERSION_MINOR,
};
use crate::display_list::{Command, DisplayList, FontId, ImageFit, ImageId};
use crate::geom::{Color, Corners, Rect, Size};
use crate::images::MAX_IMAGE_SIDE;

/// How the encoder chooses between full and delta frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncoderOptions {
    /// Send deltas after a full frame. Off: every frame is full.
    pub deltas: bool,
    /// Force a full frame after this many frames since the last one (0: never forced), so a
    /// reader that joins late waits at most this long.
    pub keyframe_interval: u32,
}

impl Default for EncoderOptions {
    fn default() -> Self {
        Self { deltas: true, keyframe_interval: 300 }
    }
}

/// The per-frame values outside the display list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameInfo {
    /// The logical design space the list is drawn in (1920x1080 for tenfoot screens).
    pub logical_size: Size,
    /// The colour under everything.
    pub background: Color,
}

impl Default for FrameInfo {
    fn default() -> Self {
        Self { logical_size: Size::new(1920.0, 1080.0), background: Color::BLACK }
    }
}

/// One encoded frame record and what went into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodedFrame {
    /// The frame's records: the video record when the list has video planes, then the frame
    /// record (tag, length, payload).
    pub bytes: Vec<u8>,
    pub kind: FrameKind,
    /// Chunks defined by this frame.
    pub new_chunks: usize,
    /// Chunks referenced from earlier frames.
    pub reused_chunks: usize,
}

/// Turns display lists into frame records, remembering what the reader already has.
///
/// Cost: one pass over the commands (encoding, hashing), one hash-map lookup per chunk, and
/// one copy of each chunk's bytes kept for the next frame's comparison (about the size of a
/// full frame).
#[derive(Debug)]
pub struct Encoder {
    options: EncoderOptions,
    sequence: u32,
    since_full: u32,
    /// False until a full frame was produced, and again after [`Encoder::force_full`].
    synced: bool,
    /// The reader's chunk table: content to id.
    chunks: HashMap<Vec<u8>, u32>,
    next_chunk_id: u32,
    fonts_sent: HashSet<FontId>,
    images_sent: HashSet<ImageId>,
}

impl Default for Encoder {
    fn default() -> Self {
        Self::new(EncoderOptions::default())
    }
}

impl Encoder {
    pub fn new(options: EncoderOptions) -> Self {
        Self {
            options,
            sequence: 0,
            since_full: 0,
            synced: false,
            chunks: HashMap::new(),
            next_chunk_id: 0,
            fonts_sent: HashSet::new(),
            images_sent: HashSet::new(),
        }
    }

    /// The stream header: magic and version. Written once, before the first record.
    pub fn header() -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        h[..4].copy_from_slice(&MAGIC);
        h[4..6].copy_from_slice(&VERSION_MAJOR.to_le_bytes());
        h[6..8].copy_from_slice(&VERSION_MINOR.to_le_bytes());
        h
    }

    /// The optional end-of-stream record.
    pub fn end_record() -> [u8; 5] {
        let mut r = [0u8; 5];
        r[0] = RECORD_END;
        r
    }

    /// Makes the next frame a full one (after a write failed, or when a reader joins).
    pub fn force_full(&mut self) {
        self.synced = false;
    }

    /// Encodes `list` as the next frame record. Resources the list uses are defined from
    /// `defs` the first time each is used since the last full frame.
    pub fn encode_frame(
        &mut self,
        list: &DisplayList,
        info: &FrameInfo,
        defs: &dyn ResourceDefs,
    ) -> Result<EncodedFrame, EncodeError> {
        check_info(info)?;
        if list.len() > MAX_FRAME_COMMANDS {
            return Err(EncodeError {
                command: None,
                message: format!("{} commands, over the limit {MAX_FRAME_COMMANDS}", list.len()),
            });
        }
        list.validate().map_err(|e| EncodeError { command: Some(e.index), message: e.message })?;

        // Commands to bytes, cut into chunks; resources in order of first use.
        let mut chunker = Chunker::default();
        let mut fonts: Vec<FontId> = Vec::new();
        let mut images: Vec<ImageId> = Vec::new();
        let mut buf = Vec::with_capacity(256);
        let mut planes: Vec<VideoPlane> = Vec::new();
        for (index, command) in list.commands.iter().enumerate() {
            if let Command::Video { rect, label } = command {
                check_video(rect, label, planes.len())
                    .map_err(|message| EncodeError { command: Some(index), message })?;
                planes.push(VideoPlane { index: index - planes.len(), rect: *rect, label: label.clone() });
                continue;
            }
            buf.clear();
            encode_command(&mut buf, command).map_err(|message| EncodeError { command: Some(index), message })?;
            match command {
                Command::GlyphRun(run) if !fonts.contains(&run.font) => fonts.push(run.font),
                Command::Image { image, .. } if !images.contains(image) => images.push(*image),
                _ => {}
            }
            chunker.push(&buf);
        }
        let pending = chunker.finish();
        let total: usize = pending.iter().map(|c| c.bytes.len()).sum();
        if total > MAX_FRAME_BYTES {
            return Err(missing(format!("{total} bytes of commands, over the limit {MAX_FRAME_BYTES}")));
        }
        if pending.len() > MAX_CHUNKS {
            return Err(EncodeError { command: None, message: format!("{} chunks, over {MAX_CHUNKS}", pending.len()) });
        }

        let want_full = !self.options.deltas
            || !self.synced
            || (self.options.keyframe_interval > 0 && self.since_full + 1 >= self.options.keyframe_interval)
            || self.next_chunk_id.checked_add(pending.len() as u32).is_none();
        let reuses_any = pending.iter().any(|c| self.chunks.contains_key(&c.bytes));
        let kind = if want_full || !reuses_any { FrameKind::Full } else { FrameKind::Delta };

        // Chunk ids and the frame's order, without touching `self` yet (a refused frame must
        // leave the state as it was).
        let mut next_id = if kind == FrameKind::Full { 0 } else { self.next_chunk_id };
        let mut fresh: HashMap<&[u8], u32> = HashMap::new();
        let mut order: Vec<u32> = Vec::with_capacity(pending.len());
        let mut defined: Vec<usize> = Vec::new();
        let mut used: HashSet<u32> = HashSet::new();
        let mut reused = 0;
        for (index, chunk) in pending.iter().enumerate() {
            let old = if kind == FrameKind::Delta { self.chunks.get(&chunk.bytes).copied() } else { None };
            let id = match old.or_else(|| fresh.get(chunk.bytes.as_slice()).copied()) {
                Some(id) => id,
                None => {
                    let id = next_id;
                    next_id += 1;
                    fresh.insert(&chunk.bytes, id);
                    defined.push(index);
                    id
                }
            };
            if used.insert(id) && old.is_some() {
                reused += 1;
            }
            order.push(id);
        }
        let mut removed: Vec<u32> = match kind {
            FrameKind::Full => Vec::new(),
            FrameKind::Delta => self.chunks.values().copied().filter(|id| !used.contains(id)).collect(),
        };
        removed.sort_unstable();

        // Resource definitions this frame must carry.
        let (fonts_known, images_known) = match kind {
            FrameKind::Full => (HashSet::new(), HashSet::new()),
            FrameKind::Delta => (self.fonts_sent.clone(), self.images_sent.clone()),
        };
        let new_fonts: Vec<FontId> = fonts.into_iter().filter(|f| !fonts_known.contains(f)).collect();
        let new_images: Vec<ImageId> = images.into_iter().filter(|i| !images_known.contains(i)).collect();

        let mut p = Vec::with_capacity(pending.iter().map(|c| c.bytes.len() + 8).sum::<usize>() + 64);
        put_varint(&mut p, u64::from(self.sequence));
        put_u8(&mut p, if kind == FrameKind::Full { KIND_FULL } else { KIND_DELTA });
        put_f32(&mut p, info.logical_size.width);
        put_f32(&mut p, info.logical_size.height);
        put_color(&mut p, info.background);
        put_varint(&mut p, new_fonts.len() as u64);
        for &font in &new_fonts {
            let def = defs.font_def(font).ok_or_else(|| missing(format!("font #{} is not defined", font.0)))?;
            if font.0 >= MAX_FONT_ID || def.source.len() > MAX_PATH_LEN || def.weight == 0 || def.weight > 1000 {
                return Err(missing(format!(
                    "font #{} (`{}`, weight {}) is out of range",
                    font.0, def.source, def.weight
                )));
            }
            put_varint(&mut p, u64::from(font.0));
            put_varint(&mut p, u64::from(def.weight));
            put_str(&mut p, &def.source);
        }
        put_varint(&mut p, new_images.len() as u64);
        for &image in &new_images {
            let def = defs.image_def(image).ok_or_else(|| missing(format!("image #{} is not defined", image.0)))?;
            if image.0 >= MAX_IMAGE_ID
                || def.source.len() > MAX_PATH_LEN
                || def.width > MAX_IMAGE_SIDE
                || def.height > MAX_IMAGE_SIDE
            {
                return Err(missing(format!("image #{} (`{}`) is out of range", image.0, def.source)));
            }
            put_varint(&mut p, u64::from(image.0));
            put_varint(&mut p, u64::from(def.width));
            put_varint(&mut p, u64::from(def.height));
            put_str(&mut p, &def.source);
        }
        put_varint(&mut p, removed.len() as u64);
        for id in &removed {
            put_varint(&mut p, u64::from(*id));
        }
        put_varint(&mut p, defined.len() as u64);
        for &index in &defined {
            let (Some(chunk), Some(id)) = (pending.get(index), order.get(index)) else { continue };
            put_varint(&mut p, u64::from(*id));
            put_varint(&mut p, u64::from(chunk.commands));
            put_varint(&mut p, chunk.bytes.len() as u64);
            p.extend_from_slice(&chunk.bytes);
        }
        let runs = order_runs(&order);
        put_varint(&mut p, runs.len() as u64);
        for (first, len) in runs {
            put_varint(&mut p, u64::from(first));
            put_varint(&mut p, u64::from(len));
        }
        if p.len() > MAX_RECORD_LEN {
            return Err(missing(format!("frame of {} bytes is over the record limit {MAX_RECORD_LEN}", p.len())));
        }
        let mut bytes = Vec::with_capacity(p.len() + 5);
        if !planes.is_empty() {
            put_video(&mut bytes, &planes);
        }
        put_u8(&mut bytes, RECORD_FRAME);
        put_u32(&mut bytes, p.len() as u32);
        bytes.extend_from_slice(&p);

        // Commit: the reader will hold exactly this state after the frame.
        let new_chunks = defined.len();
        match kind {
            FrameKind::Full => self.chunks.clear(),
            FrameKind::Delta => self.chunks.retain(|_, id| used.contains(id)),
        }
        for (index, chunk) in pending.into_iter().enumerate() {
            if let (true, Some(&id)) = (defined.binary_search(&index).is_ok(), order.get(index)) {
                self.chunks.insert(chunk.bytes, id);
            }
        }
        self.next_chunk_id = next_id;
        match kind {
            FrameKind::Full => {
                self.fonts_sent = new_fonts.into_iter().collect();
                self.images_sent = new_images.into_iter().collect();
                self.since_full = 0;
            }
            FrameKind::Delta => {
                self.fonts_sent.extend(new_fonts);
                self.images_sent.extend(new_images);
                self.since_full += 1;
            }
        }
        self.synced = true;
        self.sequence = self.sequence.wrapping_add(1);
        Ok(EncodedFrame { bytes, kind, new_chunks, reused_chunks: reused })
    }
}

fn check_video(rect: &Rect, label: &str, planes: usize) -> Result<(), String> {
    if planes >= MAX_VIDEO_PLANES {
        return Err(format!("more than {MAX_VIDEO_PLANES} video planes"));
    }
    for v in [rect.x, rect.y, rect.width, rect.height] {
        finite(v, "video rect")?;
    }
    if rect.width < 0.0 || rect.height < 0.0 {
        return Err("video rect with a negative size".to_owned());
    }
    if label.len() > MAX_PATH_LEN {
        return Err(format!("video label of {} bytes, over {MAX_PATH_LEN}", label.len()));
    }
    Ok(())
}

fn missing(message: String) -> EncodeError {
    EncodeError { command: None, message }
}

fn check_info(info: &FrameInfo) -> Result<(), EncodeError> {
    let ok = |v: f32| v.is_finite() && v > 0.0 && v <= MAX_LOGICAL_SIDE;
    if !ok(info.logical_size.width) || !ok(info.logical_size.height) {
        return Err(missing(format!(
            "logical size {}x{} must be finite, positive and at most {MAX_LOGICAL_SIDE}",
            info.logical_size.width, info.logical_size.height
        )));
    }
    Ok(())
}

fn finite(v: f32, what: &str) -> Result<f32, String> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("{what} is not finite ({v})"))
    }
}

fn put_fin(out: &mut Vec<u8>, v: f32, what: &str) -> Result<(), String> {
    put_f32(out, finite(v, what)?);
    Ok(())
}

fn put_rect(out: &mut Vec<u8>, r: &Rect) -> Result<(), String> {
    for v in [r.x, r.y, r.width, r.height] {
        put_fin(out, v, "rect")?;
    }
    Ok(())
}

fn put_radii(out: &mut Vec<u8>, c: &Corners) -> Result<(), String> {
    let all = [c.top_left, c.top_right, c.bottom_right, c.bottom_left];
    for v in all {
        finite(v, "corner radius")?;
    }
    let bits = all.map(f32::to_bits);
    if bits.iter().all(|b| *b == 0) {
        put_u8(out, RADII_ZERO);
    } else if bits.iter().all(|b| *b == bits[0]) {
        put_u8(out, RADII_UNIFORM);
        put_f32(out, c.top_left);
    } else {
        put_u8(out, RADII_EACH);
        for v in all {
            put_f32(out, v);
        }
    }
    Ok(())
}

pub(crate) fn fit_tag(fit: ImageFit) -> u8 {
    match fit {
        ImageFit::Cover => 0,
        ImageFit::Contain => 1,
        ImageFit::Fill => 2,
    }
}

/// Appends the encoding of one command to `out`.
pub(crate) fn encode_command(out: &mut Vec<u8>, command: &Command) -> Result<(), String> {
    match command {
        Command::FillRect { rect, radii, color } => {
            put_u8(out, TAG_FILL_RECT);
            put_rect(out, rect)?;
            put_radii(out, radii)?;
            put_color(out, *color);
        }
        Command::LinearGradient { rect, radii, start, end, stops } => {
            put_u8(out, TAG_LINEAR_GRADIENT);
            put_rect(out, rect)?;
            put_radii(out, radii)?;
            for v in [start.x, start.y, end.x, end.y] {
                put_fin(out, v, "gradient point")?;
            }
            if stops.len() > MAX_GRADIENT_STOPS {
                return Err(format!("{} gradient stops, over {MAX_GRADIENT_STOPS}", stops.len()));
            }
            put_varint(out, stops.len() as u64);
            for s in stops {
                put_fin(out, s.offset, "gradient stop offset")?;
                put_color(out, s.color);
            }
        }
        Command::Border { rect, radii, width, color } => {
            put_u8(out, TAG_BORDER);
            put_rect(out, rect)?;
            put_radii(out, radii)?;
            put_fin(out, *width, "border width")?;
            put_color(out, *color);
        }
        Command::BoxShadow { rect, radii, offset, blur, spread, color } => {
            put_u8(out, TAG_BOX_SHADOW);
            put_rect(out, rect)?;
            put_radii(out, radii)?;
            put_fin(out, offset.x, "shadow offset")?;
            put_fin(out, offset.y, "shadow offset")?;
            put_fin(out, *blur, "shadow blur")?;
            put_fin(out, *spread, "shadow spread")?;
            put_color(out, *color);
        }
        Command::Image { image, rect, fit, radii, opacity } => {
            put_u8(out, TAG_IMAGE);
            if image.0 >= MAX_IMAGE_ID {
                return Err(format!("image id {} is over {MAX_IMAGE_ID}", image.0));
            }
            put_varint(out, u64::from(image.0));
            put_rect(out, rect)?;
            put_u8(out, fit_tag(*fit));
            put_radii(out, radii)?;
            put_fin(out, *opacity, "image opacity")?;
        }
        Command::GlyphRun(run) => {
            put_u8(out, TAG_GLYPH_RUN);
            if run.font.0 >= MAX_FONT_ID {
                return Err(format!("font id {} is over {MAX_FONT_ID}", run.font.0));
            }
            put_varint(out, u64::from(run.font.0));
            put_fin(out, run.size, "font size")?;
            put_color(out, run.color);
            put_fin(out, run.origin.x, "glyph run origin")?;
            put_fin(out, run.origin.y, "glyph run origin")?;
            if run.glyphs.len() > MAX_GLYPHS_PER_RUN {
                return Err(format!("{} glyphs in one run, over {MAX_GLYPHS_PER_RUN}", run.glyphs.len()));
            }
            put_varint(out, run.glyphs.len() as u64);
            // Glyphs on one line share `y`: a flag bit in the id says when it changes.
            let mut y_bits = 0f32.to_bits();
            for g in &run.glyphs {
                finite(g.x, "glyph x")?;
                finite(g.y, "glyph y")?;
                let new_y = g.y.to_bits() != y_bits;
                put_varint(out, (u64::from(g.id) << 1) | u64::from(new_y));
                put_raw_f32(out, g.x);
                if new_y {
                    put_raw_f32(out, g.y);
                    y_bits = g.y.to_bits();
                }
            }
        }
        Command::PushClip { rect, radii } => {
            put_u8(out, TAG_PUSH_CLIP);
            put_rect(out, rect)?;
            put_radii(out, radii)?;
        }
        Command::PopClip => put_u8(out, TAG_POP_CLIP),
        Command::PushOpacity(o) => {
            put_u8(out, TAG_PUSH_OPACITY);
            put_fin(out, *o, "opacity")?;
        }
        Command::PopOpacity => put_u8(out, TAG_POP_OPACITY),
        Command::PushTransform(t) => {
            put_u8(out, TAG_PUSH_TRANSFORM);
            for v in [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty] {
                put_fin(out, v, "transform")?;
            }
        }
        Command::PopTransform => put_u8(out, TAG_POP_TRANSFORM),
        Command::Video { .. } => return Err("a video command goes in the video record, not a chunk".to_owned()),
    }
    Ok(())
}
