//! Tests of the 1.1 records: resources sent once and released, glyph masks the reader can
//! look up, video planes in place, old readers unaffected, and hostile records refused.

use std::sync::Arc;

use super::records::{put_atlas, put_image, put_video};
use super::*;
use crate::display_list::{Command, DisplayList, Glyph, GlyphRun, ImageFit};
use crate::geom::{Color, Corners, Point, Rect, Transform};
use crate::{EmbeddedAssets, MemoryAssets};

const POSTER: &[u8] = include_bytes!("../../../assets/posters/poster-00.png");

fn resources() -> Resources {
    let assets = EmbeddedAssets::over(MemoryAssets::new().with("posters/a.png", POSTER).with("posters/b.png", POSTER));
    let mut r = Resources::new(assets).unwrap_or_else(|_| Resources::embedded());
    r.images.id("posters/a.png");
    r.images.id("posters/b.png");
    r
}

fn list(image: u32, zoom: f32) -> DisplayList {
    let run = |x: f32| {
        Command::GlyphRun(GlyphRun {
            font: FontId(0),
            size: 28.0,
            color: Color::WHITE,
            origin: Point::new(x, 200.0),
            glyphs: (0..6).map(|g| Glyph { id: 40 + g, x: g as f32 * 15.3, y: 0.0 }).collect(),
        })
    };
    let rect = Rect::new(100.0, 300.0, 240.0, 360.0);
    DisplayList {
        commands: vec![
            Command::FillRect { rect: Rect::new(0.0, 0.0, 1920.0, 1080.0), radii: Corners::ZERO, color: Color::BLACK },
            Command::Video { rect: Rect::new(0.0, 0.0, 1920.0, 1080.0), label: "Trailer".to_owned() },
            run(80.0),
            Command::PushTransform(Transform::scale_about(zoom, rect.center())),
            Command::Image {
                image: ImageId(image),
                rect,
                fit: ImageFit::Cover,
                radii: Corners::all(12.0),
                opacity: 1.0,
            },
            run(120.25),
            Command::PopTransform,
        ],
    }
}

fn record_stream(lists: &[DisplayList], options: ResourceOptions) -> (Vec<u8>, Vec<usize>) {
    let mut res = resources();
    let mut packer = ResourcePacker::new(options);
    let mut enc = Encoder::default();
    let mut out = Encoder::header().to_vec();
    let mut sizes = Vec::new();
    let info = FrameInfo::default();
    for l in lists {
        let recs = packer.records(l, &mut res).unwrap();
        sizes.push(recs.len());
        out.extend_from_slice(&recs);
        out.extend_from_slice(&enc.encode_frame(l, &info, &res).unwrap().bytes);
    }
    (out, sizes)
}

#[test]
fn resources_are_sent_once_and_the_reader_can_draw_from_them() {
    let lists = [list(0, 1.0), list(0, 1.0), list(0, 1.06)];
    let (stream, sizes) = record_stream(&lists, ResourceOptions::default());
    assert!(sizes[0] > POSTER.len(), "first frame sends the poster and the glyphs: {sizes:?}");
    assert_eq!(sizes[1], 0, "nothing new in an identical frame");
    assert!(sizes[2] > 0 && sizes[2] < 20_000, "a zoom sends only the glyphs at the new size: {sizes:?}");

    let mut reader = StreamReader::new(&stream);
    let mut frames = Vec::new();
    for f in reader.by_ref() {
        frames.push(f.unwrap());
    }
    assert_eq!(frames.len(), 3);
    for (f, l) in frames.iter().zip(&lists) {
        assert_eq!(&f.list, l, "the video command is back in its place");
        assert_eq!(f.video.len(), 1);
    }
    let table = reader.decoder().resources();
    let font = table.font(FontId(0)).unwrap();
    assert_eq!(font.hash, delta::fnv1a(crate::BUNDLED_FONTS[0].1));
    assert!(!font.family.is_empty());
    let image = table.image(ImageId(0)).unwrap();
    assert_eq!((image.form, image.width, image.height), (ImageForm::Encoded, 240, 360));
    assert_eq!(&image.bytes[..], POSTER);
    // Every glyph of the first frame can be found by the key a reader computes.
    let p = Point::new(80.0 + 15.3, 200.0);
    let (_, _, bin) = pack::glyph_position(p);
    let key = GlyphKey { font: 0, glyph: 41, size_bits: 28f32.to_bits(), bin };
    let (atlas, entry) = table.glyph(&key).unwrap();
    assert!(entry.width > 0 && entry.height > 0);
    assert!(atlas.mask_rows(entry).flatten().any(|c| *c > 200), "the mask has ink");
}

#[test]
fn over_budget_the_least_recently_used_image_is_released() {
    let lists = [list(0, 1.0), list(1, 1.0), list(0, 1.0)];
    let options = ResourceOptions { budget: POSTER.len() + 240 * 360 * 4 + 300_000, ..ResourceOptions::default() };
    let (stream, _) = record_stream(&lists, options);
    let frames = decode_stream(&stream).unwrap();
    let released = |f: &DecodedFrame| {
        f.resources
            .iter()
            .filter_map(|r| match r {
                ResourceRecord::Release(r) => Some(r.clone()),
                _ => None,
            })
            .flatten()
            .collect::<Vec<_>>()
    };
    assert_eq!(released(&frames[1]), vec![Release::One(ResourceKind::Image, 0)]);
    assert_eq!(released(&frames[2]), vec![Release::One(ResourceKind::Image, 1)]);
    assert!(frames[2].resources.iter().any(|r| matches!(r, ResourceRecord::Image(i) if i.id == ImageId(0))));
}

#[test]
fn a_reader_that_skips_the_new_records_sees_the_1_0_stream() {
    let lists = [list(0, 1.0), list(0, 1.06)];
    let (stream, _) = record_stream(&lists, ResourceOptions::default());
    // Drop every optional record, as a 1.0 reader does.
    let mut old = stream[..HEADER_LEN].to_vec();
    let mut at = HEADER_LEN;
    while at + 5 <= stream.len() {
        let len = u32::from_le_bytes([stream[at + 1], stream[at + 2], stream[at + 3], stream[at + 4]]) as usize;
        if stream[at] < RECORD_OPTIONAL {
            old.extend_from_slice(&stream[at..at + 5 + len]);
        }
        at += 5 + len;
    }
    let frames = decode_stream(&old).unwrap();
    for (f, l) in frames.iter().zip(&lists) {
        let without: Vec<Command> =
            l.commands.iter().filter(|c| !matches!(c, Command::Video { .. })).cloned().collect();
        assert_eq!(f.list.commands, without);
        assert!(f.resources.is_empty());
    }
}

fn with_record(record: Vec<u8>) -> Vec<u8> {
    let mut s = Encoder::header().to_vec();
    s.extend_from_slice(&record);
    s
}

fn err(stream: &[u8]) -> DecodeError {
    decode_stream(stream).map(|f| f.len()).unwrap_err()
}

#[test]
fn hostile_resource_records_are_refused() {
    let key = GlyphKey { font: 0, glyph: 1, size_bits: 12f32.to_bits(), bin: 0 };
    let entry = GlyphEntry { key, left: 0, top: 0, x: 6, y: 0, width: 4, height: 2 };
    let mut bad = Vec::new();
    put_atlas(&mut bad, &GlyphAtlas { id: 0, width: 8, height: 2, entries: vec![entry], pixels: vec![0; 16] });
    assert!(err(&with_record(bad)).message.contains("outside the 8x2 atlas"));

    let mut short = Vec::new();
    let ok = GlyphEntry { x: 0, ..entry };
    put_atlas(&mut short, &GlyphAtlas { id: 0, width: 8, height: 2, entries: vec![ok], pixels: vec![0; 15] });
    assert_eq!(err(&with_record(short)).kind, DecodeErrorKind::Malformed);

    let image = |form, w, h, bytes: Vec<u8>, hash| {
        let mut out = Vec::new();
        put_image(&mut out, &ImageData { id: ImageId(0), hash, width: w, height: h, form, bytes: Arc::from(bytes) });
        with_record(out)
    };
    assert_eq!(err(&image(ImageForm::Rgba, 2, 2, vec![0; 15], 0)).kind, DecodeErrorKind::Malformed);
    assert!(err(&image(ImageForm::Encoded, 2, 2, vec![1, 2, 3], 7)).message.contains("hash"));
    assert_eq!(err(&image(ImageForm::Rgba, 8192, 8193, vec![], 0)).kind, DecodeErrorKind::LimitExceeded);
    assert!(decode_stream(&image(ImageForm::Rgba, 1, 1, vec![9; 4], 0)).is_ok());

    // A video plane past the end of its frame, and planes out of order.
    let plane = |index| VideoPlane { index, rect: Rect::new(0.0, 0.0, 10.0, 10.0), label: String::new() };
    let frame = Encoder::default().encode_frame(&DisplayList::new(), &FrameInfo::default(), &resources()).unwrap();
    let mut past = Vec::new();
    put_video(&mut past, &[plane(3)]);
    past.extend_from_slice(&frame.bytes);
    let e = err(&with_record(past));
    assert!(e.message.contains("video plane at command 3"), "{e}");
    let mut order = Vec::new();
    put_video(&mut order, &[plane(1), plane(0)]);
    assert!(err(&with_record(order)).message.contains("out of order"));

    // Truncating or flipping bytes anywhere in a stream with resources never panics.
    let (stream, _) = record_stream(&[list(0, 1.0)], ResourceOptions::default());
    for cut in (0..stream.len()).step_by(97) {
        let _ = decode_stream(&stream[..cut]);
    }
    for i in (0..stream.len().min(20_000)).step_by(7) {
        let mut s = stream.clone();
        s[i] ^= 0x5a;
        let _ = decode_stream(&s);
    }
}

#[test]
fn spec_resource_example_bytes() {
    // The examples in docs/display-list.md ("Resource records", "Video planes").
    let hex = |b: &[u8]| b.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ");
    let key = GlyphKey { font: 0, glyph: 36, size_bits: 24f32.to_bits(), bin: 2 };
    let entry = GlyphEntry { key, left: 1, top: 17, x: 0, y: 0, width: 2, height: 1 };
    let mut out = Vec::new();
    put_atlas(&mut out, &GlyphAtlas { id: 0, width: 2, height: 1, entries: vec![entry], pixels: vec![0x80, 0xff] });
    assert_eq!(hex(&out), "81 13 00 00 00 00 02 01 01 00 24 00 00 c0 41 02 02 22 00 00 02 01 80 ff");
    let mut out = Vec::new();
    super::records::put_release(&mut out, &[Release::One(ResourceKind::Image, 3)]);
    assert_eq!(hex(&out), "83 03 00 00 00 01 01 03");
    let mut out = Vec::new();
    put_video(
        &mut out,
        &[VideoPlane { index: 1, rect: Rect::new(0.0, 0.0, 1920.0, 1080.0), label: "Trailer".to_owned() }],
    );
    assert_eq!(hex(&out), "84 10 00 00 00 01 01 00 00 80 3c e0 21 07 54 72 61 69 6c 65 72");
    assert_eq!(crate::VIDEO_FONT[1], [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11]);
}
