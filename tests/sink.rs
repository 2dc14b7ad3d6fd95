//! The display-list sink on the real examples: every frame survives the stream exactly (same
//! list, same bytes when re-encoded) and replays to the same pixels as the direct CPU render;
//! a real stream cut or corrupted anywhere is an error, never a panic.

#![expect(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod hello;

#[path = "../examples/sink_bench.rs"]
#[expect(dead_code, reason = "only the example's screen and frames are used")]
mod sink_bench;

use tenfoot::cpu::CpuBackend;
use tenfoot::renderer::codec::{decode_stream, DecodeErrorKind, Encoder, EncoderOptions, FrameInfo, StreamReader};
use tenfoot::renderer::{Backend, DisplayList, PhysicalSize, Scale, SinkBackend};
use tenfoot::testing::{replay, resources};
use tenfoot::toolkit::{App, LOGICAL_SIZE};

/// The stream the sink writes for `lists`, drawn with `app`'s resources.
fn record(app: &mut App, lists: &[DisplayList]) -> Vec<u8> {
    let mut sink = SinkBackend::new(Vec::new());
    sink.set_background(app.background());
    for list in lists {
        let report = sink.draw(list, app.resources_mut(), None);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
    }
    sink.finish().unwrap()
}

/// Direct CPU render of `list` with the app's own resources.
fn direct(app: &mut App, list: &DisplayList, size: PhysicalSize) -> Vec<u8> {
    let mut backend = CpuBackend::new(size, Scale::fit(LOGICAL_SIZE, size));
    backend.set_background(app.background());
    backend.draw(list, app.resources_mut(), None);
    backend.pixmap().data().to_vec()
}

/// Replays `stream` with fresh resources (as `tenfoot-replay` does) and checks each frame's
/// pixels against the direct render of the matching list.
fn assert_replay_matches(app: &mut App, lists: &[DisplayList], stream: &[u8], size: PhysicalSize) {
    let expected: Vec<Vec<u8>> = lists.iter().map(|l| direct(app, l, size)).collect();
    let summary = replay(stream, size, &mut resources(), |i, frame, backend| {
        assert_eq!(&frame.list, &lists[i], "frame {i}: decoded list differs");
        if backend.pixmap().data() != expected[i].as_slice() {
            return Err(format!("frame {i}: replayed pixels differ from the direct render"));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(summary.frames, lists.len());
}

fn reencode(stream: &[u8]) -> Vec<u8> {
    let mut reader = StreamReader::new(stream);
    let mut out = Encoder::header().to_vec();
    let mut enc = Encoder::new(EncoderOptions::default());
    while let Some(frame) = reader.next() {
        let frame = frame.unwrap();
        let info = FrameInfo { logical_size: frame.logical_size, background: frame.background };
        out.extend_from_slice(&enc.encode_frame(&frame.list, &info, reader.decoder()).unwrap().bytes);
    }
    out.extend_from_slice(&Encoder::end_record());
    out
}

#[test]
fn hello_replays_to_the_same_pixels() {
    let mut app = hello::app();
    let list = app.display_list().clone();
    let stream = record(&mut app, std::slice::from_ref(&list));
    assert_eq!(reencode(&stream), stream);
    assert_replay_matches(&mut app, std::slice::from_ref(&list), &stream, PhysicalSize::new(1920, 1080));
    assert_replay_matches(&mut app, &[list], &stream, PhysicalSize::new(1280, 720));
}

#[test]
fn home_screen_full_focus_move_and_idle_replay_to_the_same_pixels() {
    let (mut app, lists) = sink_bench::frames();
    let stream = record(&mut app, &lists);
    let frames = decode_stream(&stream).unwrap();
    let kinds: Vec<_> = frames.iter().map(|f| f.kind).collect();
    use tenfoot::renderer::codec::FrameKind::{Delta, Full};
    assert_eq!(kinds, vec![Full, Delta, Delta]);
    // The focus move sends a small fraction of the frame; the idle frame almost nothing.
    let sizes: Vec<usize> = frames.iter().map(|f| f.record_bytes).collect();
    assert!(sizes[1] * 8 < sizes[0], "focus move {} vs full {}", sizes[1], sizes[0]);
    assert!(sizes[2] < 64, "idle frame {} bytes", sizes[2]);
    assert_eq!(frames[2].chunks_new, 0);
    assert_eq!(reencode(&stream), stream);
    assert_replay_matches(&mut app, &lists, &stream, PhysicalSize::new(960, 540));
}

#[test]
fn cutting_a_real_stream_anywhere_is_an_error_or_a_shorter_stream() {
    let (mut app, lists) = sink_bench::frames();
    let stream = record(&mut app, &lists);
    let whole = decode_stream(&stream).unwrap();
    let ends: Vec<usize> = whole.iter().map(|f| f.offset as usize + f.record_bytes).collect();
    for cut in 0..stream.len() {
        match decode_stream(&stream[..cut]) {
            Ok(frames) => {
                assert!(cut == 8 || ends.contains(&cut), "cut at {cut} decoded {} frames", frames.len());
                for (a, b) in frames.iter().zip(&whole) {
                    assert_eq!(a.list, b.list);
                }
            }
            Err(e) => assert_eq!(e.kind, DecodeErrorKind::Truncated, "cut at {cut}: {e}"),
        }
    }
}

#[test]
fn corrupting_a_real_stream_never_panics() {
    let mut app = hello::app();
    let list = app.display_list().clone();
    let stream = record(&mut app, &[list.clone(), list]);
    // Every byte, three ways; a decode may succeed (a colour byte is any value) or fail.
    let mut failures = 0;
    for i in 0..stream.len() {
        for x in [0x01u8, 0x80, 0xff] {
            let mut bad = stream.clone();
            bad[i] ^= x;
            failures += usize::from(decode_stream(&bad).is_err());
        }
    }
    assert!(failures > stream.len(), "only {failures} corruptions were caught");
}

#[test]
fn sink_flag_records_the_screenshot_frame() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sink-flag");
    std::fs::create_dir_all(&dir).unwrap();
    let (png, stream) = (dir.join("hello.png"), dir.join("hello.tfdl"));
    let args = ["--screenshot", png.to_str().unwrap(), "--sink", stream.to_str().unwrap()];
    tenfoot::preview::run_with(hello::app(), args.iter().map(|s| s.to_string()).collect()).unwrap();
    let bytes = std::fs::read(&stream).unwrap();
    let frames = decode_stream(&bytes).unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0].list, *hello::app().display_list());
    // The file ends with the end record.
    assert_eq!(bytes[bytes.len() - 5..], Encoder::end_record());
}
