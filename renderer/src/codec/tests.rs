//! Codec tests: round trips, deltas, and hostile input (every error path must be an error,
//! never a panic).

use super::wire::{put_color, put_f32, put_str, put_u32, put_u8, put_varint};
use super::wire::{TAG_FILL_RECT, TAG_GLYPH_RUN, TAG_IMAGE, TAG_POP_OPACITY, TAG_PUSH_OPACITY};
use super::*;
use crate::display_list::{Command, DisplayList, Glyph, GlyphRun, GradientStop, ImageFit};
use crate::geom::{Color, Corners, Point, Rect, Size, Transform};
use crate::MAX_NESTING;

fn resources() -> Resources {
    let mut r = Resources::embedded();
    r.images.id("posters/poster-00.png");
    r.images.id("backdrops/backdrop-00.jpg");
    r
}

fn tile(i: usize, focused: bool) -> Vec<Command> {
    let x = 100.0 + 260.0 * i as f32;
    let rect = Rect::new(x, 400.0, 240.0, 360.0);
    let mut out = Vec::new();
    if focused {
        out.push(Command::PushTransform(Transform::scale_about(1.06, rect.center())));
    }
    out.push(Command::BoxShadow {
        rect,
        radii: Corners::all(16.0),
        offset: Point::new(0.0, 12.0),
        blur: 32.0,
        spread: 0.0,
        color: Color::rgba(0, 0, 0, 170),
    });
    out.push(Command::Image { image: ImageId(0), rect, fit: ImageFit::Cover, radii: Corners::all(16.0), opacity: 1.0 });
    out.push(Command::GlyphRun(GlyphRun {
        font: FontId((i % 3) as u32),
        size: 26.0,
        color: Color::WHITE,
        origin: Point::new(x, 780.5),
        glyphs: (0..8)
            .map(|g| Glyph { id: 40 + g, x: g as f32 * 13.37, y: if g < 5 { 24.25 } else { 56.5 } })
            .collect(),
    }));
    if focused {
        out.push(Command::Border { rect, radii: Corners::all(16.0), width: 4.0, color: Color::WHITE });
        out.push(Command::PopTransform);
    }
    out
}

/// A list using every command kind, with nesting, odd floats and per-corner radii.
fn sample(focus: usize) -> DisplayList {
    let mut list = DisplayList::new();
    list.push(Command::Image {
        image: ImageId(1),
        rect: Rect::new(0.0, 0.0, 1920.0, 1080.0),
        fit: ImageFit::Fill,
        radii: Corners::ZERO,
        opacity: 0.75,
    });
    list.push(Command::PushOpacity(0.5));
    list.push(Command::FillRect {
        rect: Rect::new(0.0, 0.0, 1920.0, 96.5),
        radii: Corners { top_left: 0.0, top_right: 0.0, bottom_right: 8.0, bottom_left: -0.0 },
        color: Color::rgba(10, 20, 30, 200),
    });
    list.push(Command::PopOpacity);
    list.push(Command::PushClip { rect: Rect::new(50.0, 300.0, 1800.0, 600.0), radii: Corners::all(28.0) });
    for i in 0..30 {
        list.commands.extend(tile(i, i == focus));
    }
    list.push(Command::PopClip);
    list.push(Command::LinearGradient {
        rect: Rect::new(-10.0, 900.0, 820.25, 170.0),
        radii: Corners::all(28.0),
        start: Point::new(0.0, 900.0),
        end: Point::new(820.0, 1070.0),
        stops: vec![
            GradientStop { offset: 0.0, color: Color::hex(0x3a1c71) },
            GradientStop { offset: 0.333, color: Color::hex(0xd76d77) },
            GradientStop { offset: 1.0, color: Color::hex(0xffaf7b) },
        ],
    });
    list.push(Command::PushTransform(Transform::rotate(0.1)));
    list.push(Command::GlyphRun(GlyphRun {
        font: FontId(2),
        size: 96.0,
        color: Color::WHITE,
        origin: Point::new(120.0, 96.0),
        glyphs: vec![
            Glyph { id: 1, x: 0.0, y: 0.0 },
            Glyph { id: 2, x: -0.0, y: -0.0 },
            Glyph { id: 65535, x: 1e-3, y: 0.0 },
        ],
    }));
    list.push(Command::PopTransform);
    list
}

fn info() -> FrameInfo {
    FrameInfo { logical_size: Size::new(1920.0, 1080.0), background: Color::hex(0x0b0d12) }
}

fn encode_all(lists: &[DisplayList], options: EncoderOptions) -> (Vec<u8>, Vec<EncodedFrame>) {
    let res = resources();
    let mut enc = Encoder::new(options);
    let mut bytes = Encoder::header().to_vec();
    let mut frames = Vec::new();
    for list in lists {
        let f = enc.encode_frame(list, &info(), &res).unwrap();
        bytes.extend_from_slice(&f.bytes);
        frames.push(f);
    }
    (bytes, frames)
}

/// Bitwise list equality (PartialEq calls 0.0 == -0.0; the codec must keep the sign too).
fn assert_same_bits(a: &DisplayList, b: &DisplayList) {
    assert_eq!(a, b);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn display_list_round_trips_through_bytes() {
    let list = sample(2);
    let (bytes, frames) = encode_all(std::slice::from_ref(&list), EncoderOptions::default());
    assert_eq!(frames[0].kind, FrameKind::Full);
    let decoded = decode_stream(&bytes).unwrap();
    assert_eq!(decoded.len(), 1);
    assert_same_bits(&decoded[0].list, &list);
    assert_eq!(decoded[0].background, info().background);
    assert_eq!(decoded[0].logical_size, info().logical_size);
    assert_eq!(decoded[0].fonts_defined.len(), 3);
    assert_eq!(decoded[0].images_defined[0].1.source, "backdrops/backdrop-00.jpg");
}

#[test]
fn encode_decode_encode_is_byte_identical() {
    let lists: Vec<DisplayList> = [0, 0, 1, 3, 3, 5, 0].iter().map(|&f| sample(f)).collect();
    for options in [EncoderOptions::default(), EncoderOptions { deltas: false, keyframe_interval: 0 }] {
        let (bytes, _) = encode_all(&lists, options);
        // Re-encode each decoded frame against the decoder's own resource table.
        let mut reader = StreamReader::new(&bytes);
        let mut again = Encoder::header().to_vec();
        let mut enc = Encoder::new(options);
        while let Some(frame) = reader.next() {
            let frame = frame.unwrap();
            let info = FrameInfo { logical_size: frame.logical_size, background: frame.background };
            again.extend_from_slice(&enc.encode_frame(&frame.list, &info, reader.decoder()).unwrap().bytes);
        }
        assert_eq!(again, bytes);
    }
}

#[test]
fn deltas_reconstruct_every_frame_exactly() {
    let lists: Vec<DisplayList> = [0, 1, 1, 4, 2, 2, 5].iter().map(|&f| sample(f)).collect();
    let (bytes, frames) = encode_all(&lists, EncoderOptions::default());
    let kinds: Vec<FrameKind> = frames.iter().map(|f| f.kind).collect();
    assert_eq!(kinds[0], FrameKind::Full);
    assert!(kinds[1..].iter().all(|k| *k == FrameKind::Delta), "{kinds:?}");
    // A focus move is much smaller than the full frame; an idle frame is tiny.
    assert!(
        frames[1].bytes.len() * 2 < frames[0].bytes.len(),
        "{} vs {}",
        frames[1].bytes.len(),
        frames[0].bytes.len()
    );
    assert!(frames[2].bytes.len() < 40, "idle frame is {} bytes", frames[2].bytes.len());
    let sizes: Vec<usize> = frames.iter().map(|f| f.bytes.len()).collect();
    println!("frame sizes {sizes:?}");
    assert_eq!(frames[2].new_chunks, 0);
    let decoded = decode_stream(&bytes).unwrap();
    for (d, l) in decoded.iter().zip(&lists) {
        assert_same_bits(&d.list, l);
    }
}

#[test]
fn keyframe_interval_forces_full_frames() {
    let lists: Vec<DisplayList> = (0..7).map(|i| sample(i % 2)).collect();
    let (bytes, frames) = encode_all(&lists, EncoderOptions { deltas: true, keyframe_interval: 3 });
    let kinds: Vec<FrameKind> = frames.iter().map(|f| f.kind).collect();
    use FrameKind::{Delta as D, Full as F};
    assert_eq!(kinds, vec![F, D, D, F, D, D, F]);
    assert_eq!(decode_stream(&bytes).unwrap().len(), 7);
}

#[test]
fn late_joiner_waits_for_a_full_frame() {
    let lists: Vec<DisplayList> = (0..7).map(|i| sample(i % 3)).collect();
    let (bytes, frames) = encode_all(&lists, EncoderOptions { deltas: true, keyframe_interval: 4 });
    // Join after the header and the first two frames.
    let skip = HEADER_LEN + frames[0].bytes.len() + frames[1].bytes.len();
    let mut joined = Encoder::header().to_vec();
    joined.extend_from_slice(&bytes[skip..]);
    let strict = decode_stream(&joined).unwrap_err();
    assert!(strict.message.contains("no full frame"), "{strict}");
    let late: Vec<DecodedFrame> =
        StreamReader::with_decoder(&joined, Decoder::joining()).collect::<Result<_, _>>().unwrap();
    assert_eq!(late.first().map(|f| f.kind), Some(FrameKind::Full));
    // Frames: F D D D F D D; joining at frame 2 skips two deltas and starts at frame 4.
    assert_eq!(late.len(), 3);
    assert_same_bits(&late[0].list, &lists[4]);
}

#[test]
fn empty_list_and_end_record() {
    let (mut bytes, _) = encode_all(&[DisplayList::new()], EncoderOptions::default());
    bytes.extend_from_slice(&Encoder::end_record());
    let decoded = decode_stream(&bytes).unwrap();
    assert!(decoded[0].list.is_empty());
    bytes.push(0);
    assert!(decode_stream(&bytes).unwrap_err().message.contains("after the end record"));
}

#[test]
fn encoder_refuses_what_the_decoder_would() {
    let res = resources();
    let mut enc = Encoder::default();
    let mut nan = sample(0);
    nan.commands.insert(1, Command::PushOpacity(f32::NAN));
    nan.commands.insert(2, Command::PopOpacity);
    let e = enc.encode_frame(&nan, &info(), &res).unwrap_err();
    assert_eq!(e.command, Some(1));
    let mut unbalanced = sample(0);
    unbalanced.push(Command::PopClip);
    assert!(enc.encode_frame(&unbalanced, &info(), &res).is_err());
    let mut unknown = DisplayList::new();
    unknown.push(Command::Image {
        image: ImageId(99),
        rect: Rect::default(),
        fit: ImageFit::Cover,
        radii: Corners::ZERO,
        opacity: 1.0,
    });
    assert!(enc.encode_frame(&unknown, &info(), &res).unwrap_err().message.contains("image #99"));
    // A refused frame leaves no trace: the next good frame is still the first, a full one.
    let ok = enc.encode_frame(&sample(0), &info(), &res).unwrap();
    assert_eq!(ok.kind, FrameKind::Full);
}

// ---- hostile input ----

/// A stream of one hand-built frame record.
struct Frame {
    kind: u8,
    fonts: Vec<(u64, u64, String)>,
    images: Vec<(u64, u64, u64, String)>,
    removed: Vec<u64>,
    chunks: Vec<(u64, u64, Vec<u8>)>,
    order: Vec<(u64, u64)>,
}

impl Frame {
    fn with(chunk: Vec<u8>, commands: u64) -> Self {
        Frame {
            kind: 0,
            fonts: vec![(0, 400, "fonts/Inter-Regular.otf".into())],
            images: vec![(0, 0, 0, "posters/poster-00.png".into())],
            removed: vec![],
            chunks: vec![(0, commands, chunk)],
            order: vec![(0, 1)],
        }
    }

    fn payload(&self) -> Vec<u8> {
        let mut p = Vec::new();
        put_varint(&mut p, 0);
        put_u8(&mut p, self.kind);
        put_f32(&mut p, 1920.0);
        put_f32(&mut p, 1080.0);
        put_color(&mut p, Color::BLACK);
        put_varint(&mut p, self.fonts.len() as u64);
        for (id, w, s) in &self.fonts {
            put_varint(&mut p, *id);
            put_varint(&mut p, *w);
            put_str(&mut p, s);
        }
        put_varint(&mut p, self.images.len() as u64);
        for (id, w, h, s) in &self.images {
            put_varint(&mut p, *id);
            put_varint(&mut p, *w);
            put_varint(&mut p, *h);
            put_str(&mut p, s);
        }
        put_varint(&mut p, self.removed.len() as u64);
        for id in &self.removed {
            put_varint(&mut p, *id);
        }
        put_varint(&mut p, self.chunks.len() as u64);
        for (id, n, bytes) in &self.chunks {
            put_varint(&mut p, *id);
            put_varint(&mut p, *n);
            put_varint(&mut p, bytes.len() as u64);
            p.extend_from_slice(bytes);
        }
        put_varint(&mut p, self.order.len() as u64);
        for (a, b) in &self.order {
            put_varint(&mut p, *a);
            put_varint(&mut p, *b);
        }
        p
    }

    fn stream(&self) -> Vec<u8> {
        let p = self.payload();
        let mut s = Encoder::header().to_vec();
        put_u8(&mut s, RECORD_FRAME);
        put_u32(&mut s, p.len() as u32);
        s.extend_from_slice(&p);
        s
    }
}

fn fill_rect() -> Vec<u8> {
    let mut c = vec![TAG_FILL_RECT];
    for v in [0.0, 0.0, 10.0, 10.0] {
        put_f32(&mut c, v);
    }
    c.push(0);
    put_color(&mut c, Color::WHITE);
    c
}

fn error_of(stream: &[u8]) -> DecodeError {
    decode_stream(stream).map(|f| f.len()).unwrap_err()
}

#[test]
fn hand_built_frame_decodes() {
    let frames = decode_stream(&Frame::with(fill_rect(), 1).stream()).unwrap();
    assert_eq!(frames[0].list.counts(), vec![("FillRect", 1)]);
}

#[test]
fn bad_header_is_rejected() {
    assert_eq!(error_of(b"").kind, DecodeErrorKind::Truncated);
    assert_eq!(error_of(b"PNG\x00\x01\x00\x00\x00").kind, DecodeErrorKind::BadMagic);
    let e = error_of(b"TFDL\x02\x00\x00\x00");
    assert_eq!(e.kind, DecodeErrorKind::UnsupportedVersion);
    assert!(e.to_string().starts_with("display-list stream, byte 4:"), "{e}");
}

#[test]
fn unknown_tags_are_rejected_and_optional_records_skipped() {
    let mut bad = fill_rect();
    bad[0] = 0x3f;
    let e = error_of(&Frame::with(bad, 1).stream());
    assert_eq!(e.kind, DecodeErrorKind::BadTag);
    assert!(e.message.contains("unknown command tag 0x3f"), "{e}");

    let mut kind = Frame::with(fill_rect(), 1);
    kind.kind = 7;
    assert_eq!(error_of(&kind.stream()).kind, DecodeErrorKind::BadTag);

    let mut radii = fill_rect();
    let len = radii.len();
    radii[len - 5] = 9;
    assert_eq!(error_of(&Frame::with(radii, 1).stream()).kind, DecodeErrorKind::BadTag);

    let mut image = vec![TAG_IMAGE, 0];
    for v in [0.0, 0.0, 10.0, 10.0] {
        put_f32(&mut image, v);
    }
    image.extend_from_slice(&[3, 0]);
    put_f32(&mut image, 1.0);
    assert!(error_of(&Frame::with(image, 1).stream()).message.contains("unknown image fit 3"));

    let good = Frame::with(fill_rect(), 1).stream();
    let mut unknown_critical = good.clone();
    unknown_critical.extend_from_slice(&[0x10, 0, 0, 0, 0]);
    assert_eq!(error_of(&unknown_critical).kind, DecodeErrorKind::BadTag);
    let mut optional = good;
    optional.extend_from_slice(&[0x90, 3, 0, 0, 0, 1, 2, 3]);
    assert_eq!(decode_stream(&optional).map(|f| f.len()), Ok(1));
}

#[test]
fn nan_and_infinite_floats_are_rejected() {
    for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let mut c = vec![TAG_PUSH_OPACITY, 1];
        c.extend_from_slice(&bad.to_le_bytes());
        c.push(TAG_POP_OPACITY);
        let e = error_of(&Frame::with(c, 2).stream());
        assert_eq!(e.kind, DecodeErrorKind::BadFloat, "{e}");
        assert!(e.message.contains("opacity is not finite"), "{e}");
    }
    let mut glyph = vec![TAG_GLYPH_RUN, 0];
    put_f32(&mut glyph, 20.0);
    put_color(&mut glyph, Color::WHITE);
    put_f32(&mut glyph, 0.0);
    put_f32(&mut glyph, 0.0);
    glyph.extend_from_slice(&[1, 2]);
    glyph.extend_from_slice(&f32::NAN.to_le_bytes());
    assert_eq!(error_of(&Frame::with(glyph, 1).stream()).kind, DecodeErrorKind::BadFloat);
}

#[test]
fn undefined_and_duplicate_ids_are_rejected() {
    let mut c = vec![TAG_IMAGE, 5];
    for v in [0.0, 0.0, 10.0, 10.0] {
        put_f32(&mut c, v);
    }
    c.extend_from_slice(&[0, 0]);
    put_f32(&mut c, 1.0);
    let e = error_of(&Frame::with(c, 1).stream());
    assert_eq!(e.kind, DecodeErrorKind::BadId);
    assert!(e.message.contains("image #5 is not defined"), "{e}");

    let mut missing_chunk = Frame::with(fill_rect(), 1);
    missing_chunk.order = vec![(0, 2)];
    assert!(error_of(&missing_chunk.stream()).message.contains("chunk #1 is not defined"));

    let mut twice = Frame::with(fill_rect(), 1);
    twice.chunks.push((0, 1, fill_rect()));
    assert!(error_of(&twice.stream()).message.contains("chunk #0 defined twice"));

    let mut font_twice = Frame::with(fill_rect(), 1);
    font_twice.fonts.push((0, 700, "fonts/Inter-Bold.otf".into()));
    assert_eq!(error_of(&font_twice.stream()).kind, DecodeErrorKind::BadId);

    let mut removes = Frame::with(fill_rect(), 1);
    removes.removed = vec![0];
    assert!(error_of(&removes.stream()).message.contains("full frame removes no chunks"));
}

#[test]
fn over_deep_and_unbalanced_nesting_is_rejected() {
    let deep: Vec<u8> = vec![vec![TAG_PUSH_OPACITY, 2]; MAX_NESTING + 1]
        .concat()
        .into_iter()
        .chain(std::iter::repeat_n(TAG_POP_OPACITY, MAX_NESTING + 1))
        .collect();
    let e = error_of(&Frame::with(deep, 2 * (MAX_NESTING as u64 + 1)).stream());
    assert_eq!(e.kind, DecodeErrorKind::BadNesting);
    assert!(e.message.contains("deeper than 256"), "{e}");
    let unbalanced = vec![TAG_PUSH_OPACITY, 2];
    assert_eq!(error_of(&Frame::with(unbalanced, 1).stream()).kind, DecodeErrorKind::BadNesting);
}

#[test]
fn huge_counts_and_lengths_are_rejected_without_allocating() {
    // A chunk claiming 200000 commands in 1 byte.
    let e = error_of(&Frame::with(vec![TAG_POP_OPACITY], 200_000).stream());
    assert_eq!(e.kind, DecodeErrorKind::Malformed, "{e}");
    // Counts over the limits.
    let mut huge = Frame::with(fill_rect(), 1);
    huge.order = vec![(0, u32::MAX as u64)];
    assert_eq!(error_of(&huge.stream()).kind, DecodeErrorKind::LimitExceeded);
    let mut glyphs = vec![TAG_GLYPH_RUN, 0];
    put_f32(&mut glyphs, 20.0);
    put_color(&mut glyphs, Color::WHITE);
    put_f32(&mut glyphs, 0.0);
    put_f32(&mut glyphs, 0.0);
    put_varint(&mut glyphs, 60_000);
    assert_eq!(error_of(&Frame::with(glyphs, 1).stream()).kind, DecodeErrorKind::Truncated);
    let mut record = Encoder::header().to_vec();
    record.push(RECORD_FRAME);
    record.extend_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(error_of(&record).kind, DecodeErrorKind::LimitExceeded);
    // One small chunk repeated past the frame's command limit.
    let mut repeat = Frame::with([TAG_PUSH_OPACITY, 2, TAG_POP_OPACITY].repeat(4), 8);
    repeat.order = vec![(0, 1); MAX_CHUNKS];
    let e = error_of(&repeat.stream());
    assert_eq!(e.kind, DecodeErrorKind::LimitExceeded, "{e}");
    // Chunks defined but never used still count against the limits.
    let mut unused = Frame::with(fill_rect(), 1);
    for id in 1..4 {
        unused.chunks.push((id, 100_000, vec![TAG_POP_OPACITY; 100_000]));
    }
    let e = error_of(&unused.stream());
    assert!(e.kind == DecodeErrorKind::LimitExceeded && e.message.contains("live chunks"), "{e}");
}

#[test]
fn trailing_bytes_in_a_chunk_or_frame_are_rejected() {
    let mut c = fill_rect();
    c.push(TAG_POP_OPACITY);
    assert!(error_of(&Frame::with(c, 1).stream()).message.contains("bytes after its commands"));
    let mut f = Frame::with(fill_rect(), 1).payload();
    f.push(0);
    let mut s = Encoder::header().to_vec();
    s.push(RECORD_FRAME);
    s.extend_from_slice(&(f.len() as u32).to_le_bytes());
    s.extend_from_slice(&f);
    assert!(error_of(&s).message.contains("after the frame's last field"));
}

#[test]
fn truncation_at_every_offset_is_an_error_or_a_shorter_stream() {
    let lists: Vec<DisplayList> = [0, 1, 1, 2].iter().map(|&f| sample(f)).collect();
    let (bytes, frames) = encode_all(&lists, EncoderOptions::default());
    let mut boundaries = vec![HEADER_LEN];
    for f in &frames {
        boundaries.push(boundaries.last().copied().unwrap_or(0) + f.bytes.len());
    }
    for cut in 0..bytes.len() {
        match decode_stream(&bytes[..cut]) {
            Ok(decoded) => {
                let whole = boundaries.iter().position(|&b| b == cut);
                assert_eq!(whole, Some(decoded.len()), "cut at {cut} decoded {} frames", decoded.len());
            }
            Err(e) => {
                assert_eq!(e.kind, DecodeErrorKind::Truncated, "cut at {cut}: {e}");
                assert!(e.offset <= cut as u64, "cut at {cut}: error names offset {}", e.offset);
            }
        }
    }
}

#[test]
fn flipping_any_byte_never_panics() {
    let (bytes, _) = encode_all(&[sample(1), sample(2)], EncoderOptions::default());
    for i in 0..bytes.len() {
        for x in [0x01u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[i] ^= x;
            let _ = decode_stream(&b);
        }
    }
}

#[test]
fn decoder_recovers_at_the_next_full_frame_after_a_bad_one() {
    let (bytes, frames) = encode_all(&[sample(0), sample(1)], EncoderOptions::default());
    let res = resources();
    let mut enc = Encoder::new(EncoderOptions { deltas: true, keyframe_interval: 0 });
    let _ = enc.encode_frame(&sample(0), &info(), &res);
    enc.force_full();
    let full = enc.encode_frame(&sample(3), &info(), &res).unwrap();
    let mut d = Decoder::new();
    let first = HEADER_LEN + 5;
    let one = bytes.get(first..HEADER_LEN + frames[0].bytes.len()).unwrap();
    assert!(d.decode_frame(one, first as u64).unwrap().is_some());
    // Corrupt the delta: it is rejected and the state is dropped...
    let delta_at = HEADER_LEN + frames[0].bytes.len() + 5;
    let mut delta = bytes[delta_at..].to_vec();
    let last = delta.len() - 1;
    delta[last] ^= 0x40;
    assert!(d.decode_frame(&delta, delta_at as u64).is_err());
    assert!(!d.is_synced());
    // ...and a full frame brings it back.
    let again = d.decode_frame(&full.bytes[5..], 0).unwrap().unwrap();
    assert_same_bits(&again.list, &sample(3));
}

#[test]
fn binder_maps_stream_ids_to_local_ones() {
    let (bytes, _) = encode_all(&[sample(0)], EncoderOptions::default());
    let frame = decode_stream(&bytes).unwrap().remove(0);
    // A reader whose image store registered other images first.
    let mut local = Resources::embedded();
    local.images.id("other.png");
    let list = ResourceBinder::new().bind(&frame, &mut local).unwrap();
    let sources: Vec<String> = list
        .commands
        .iter()
        .filter_map(|c| match c {
            Command::Image { image, .. } => local.images.source(*image).map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(sources[0], "backdrops/backdrop-00.jpg");
    assert_eq!(sources[1], "posters/poster-00.png");
}

#[test]
fn spec_worked_example_bytes() {
    // The example in docs/display-list.md ("A worked example"): keep the two in step.
    let mut list = DisplayList::new();
    list.push(Command::FillRect { rect: Rect::new(0.0, 0.0, 100.0, 50.0), radii: Corners::ZERO, color: Color::WHITE });
    let info = FrameInfo { logical_size: Size::new(1920.0, 1080.0), background: Color::BLACK };
    let frame = Encoder::default().encode_frame(&list, &info, &Resources::embedded()).unwrap();
    let mut stream = Encoder::header().to_vec();
    stream.extend_from_slice(&frame.bytes);
    stream.extend_from_slice(&Encoder::end_record());
    let hex: Vec<String> = stream.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex.join(" "),
        "54 46 44 4c 01 00 01 00 \
         01 20 00 00 00 \
         00 00 80 3c e0 21 00 00 00 ff 00 00 00 01 00 01 0c \
         01 00 00 90 03 c8 01 00 ff ff ff ff \
         01 00 01 \
         02 00 00 00 00"
    );
}
