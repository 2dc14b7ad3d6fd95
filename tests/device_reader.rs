//! The C reference device layer (`examples/device-reader/reader.c`) against the Rust side:
//!
//! - it draws the sample app's home, details and player streams (recorded with resources on:
//!   fonts by hash, glyph atlases, image data, the video plane) and its pictures match the
//!   Rust replay through the CPU backend: at most 0.5 % of pixels differ by more than 8 levels
//!   in any channel (the figures are printed);
//! - built with AddressSanitizer and UndefinedBehaviorSanitizer, it refuses the same hostile
//!   streams as the Rust decoder (corrupt, truncated, 262,144 chunks, a chunk-reference bomb,
//!   totals that would overflow 32 bits, bad resource records) with no sanitizer finding;
//!   each case's time is printed.
//!
//! Needs `cc` (and libpng for PNG images; without it posters draw as placeholders and the
//! comparison is skipped). Without `cc` every test prints `skipped:` and passes.

#![expect(clippy::unwrap_used, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use tenfoot::renderer::codec::{decode_stream, Encoder, ResourceOptions, MAX_CHUNKS, RECORD_FRAME};
use tenfoot::renderer::{PhysicalSize, SinkBackend};
use tenfoot::sample::SimSettings;
use tenfoot::testing::{replay, resources, Device, Harness};

const LOAD: Duration = Duration::from_millis(500);

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("device-reader");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Builds the reader; `sanitize` adds ASan + UBSan. `None` (with the reason) when there is no
/// C compiler. With libpng when it links, else without (PNG images not decoded).
fn compile(name: &str, sanitize: bool) -> Result<(PathBuf, bool), String> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/device-reader/reader.c");
    let exe = dir().join(name);
    let mut tried = Vec::new();
    for png in [true, false] {
        let mut cmd = Process::new("cc");
        cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-ffp-contract=off"]);
        if sanitize {
            cmd.args([
                "-O1",
                "-g",
                "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all",
                "-fno-omit-frame-pointer",
            ]);
        } else {
            cmd.arg("-O2");
        }
        if png {
            cmd.arg("-DTF_PNG");
        }
        cmd.arg("-o").arg(&exe).arg(&source);
        if png {
            cmd.args(["-lpng", "-lz"]);
        }
        cmd.arg("-lm");
        match cmd.output() {
            Err(e) => return Err(format!("no C compiler (cc): {e}")),
            Ok(o) if o.status.success() => return Ok((exe, png)),
            Ok(o) => tried.push(String::from_utf8_lossy(&o.stderr).into_owned()),
        }
    }
    panic!("cc failed to build {}:\n{}", source.display(), tried.join("\n"))
}

/// Streams of the sample app's pages, each a full frame then a delta.
fn streams() -> Vec<(&'static str, Vec<u8>)> {
    let settings =
        SimSettings { latency: Duration::from_millis(300), jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let mut h = Harness::with_app(tenfoot::sample::app_with(settings), Device::Hd1080);
    h.advance(LOAD);
    let mut out = Vec::new();
    let mut record = |h: &mut Harness, name: &'static str, next: &dyn Fn(&mut Harness)| {
        let mut sink = SinkBackend::new(Vec::new());
        sink.set_resources(Some(ResourceOptions::default()));
        sink.set_background(h.app().background());
        assert!(h.app_mut().draw(&mut sink).errors.is_empty());
        next(h);
        assert!(h.app_mut().draw(&mut sink).errors.is_empty());
        out.push((name, sink.finish().unwrap()));
    };
    h.press_keys("Select").unwrap();
    h.advance(LOAD);
    record(&mut h, "home", &|h| h.press_keys("Right").unwrap());
    h.press_keys("Down Down Down Select").unwrap();
    h.advance(LOAD);
    record(&mut h, "details", &|h| h.press_keys("Right").unwrap());
    h.press_keys("Left Select").unwrap();
    h.advance(Duration::from_millis(1000));
    record(&mut h, "player", &|h| h.advance(Duration::from_millis(4000)));
    out
}

fn read_ppm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

#[test]
fn c_reader_draws_the_sample_app_like_the_cpu_backend() {
    let (reader, png) = match compile("reader", false) {
        Ok(r) => r,
        Err(why) => return println!("skipped: {why}"),
    };
    if !png {
        println!("skipped: libpng not found, the C reader cannot decode the posters");
        return;
    }
    let size = PhysicalSize::new(1920, 1080);
    for (name, stream) in streams() {
        let path = dir().join(format!("{name}.tfdl"));
        std::fs::write(&path, &stream).unwrap();
        let out = dir().join(name);
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let run = Process::new(&reader).arg(&path).arg("--out").arg(&out).arg("--ppm").output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{name}: reader failed: {stderr}");
        assert!(!stderr.contains("not in any atlas"), "{name}: {stderr}");
        let frames = decode_stream(&stream).unwrap();
        let lines = String::from_utf8_lossy(&run.stdout).lines().count();
        assert_eq!(lines, frames.len(), "{name}: one line per frame");
        let mut res = resources();
        let mut rust = Vec::new();
        replay(&stream, size, &mut res, |_, _, backend| {
            rust.push(backend.pixmap().data().to_vec());
            Ok(())
        })
        .unwrap();
        for (i, want) in rust.iter().enumerate() {
            let (w, h, got) = read_ppm(&out.join(format!("frame-{i:05}.ppm")));
            assert_eq!((w, h), (1920, 1080));
            let (mut over, mut worst) = (0usize, 0u8);
            for (a, b) in want.chunks_exact(4).zip(got.chunks_exact(3)) {
                let d = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
                worst = worst.max(d);
                over += usize::from(d > 8);
            }
            let share = over as f64 * 100.0 / (w * h) as f64;
            println!(
                "{name} frame {i}: {over} of {} pixels differ by more than 8 levels ({share:.3} %), worst {worst}",
                w * h
            );
            assert!(share <= 0.5, "{name} frame {i}: {share:.3} % of pixels differ by more than 8 levels");
        }
    }
}

/// A record with `tag` and `payload`.
fn record(tag: u8, payload: &[u8]) -> Vec<u8> {
    let mut r = vec![tag];
    r.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    r.extend_from_slice(payload);
    r
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A full frame's payload up to its chunks: sequence 0, full, 1920x1080, black, no resources.
fn frame_head() -> Vec<u8> {
    vec![0, 0, 0x80, 0x3c, 0xe0, 0x21, 0, 0, 0, 0xff, 0, 0, 0]
}

/// A FillRect 10x10 at the origin, opaque white.
const FILL: [u8; 12] = [0x01, 0, 0, 0x28, 0x28, 0, 0xff, 0xff, 0xff, 0xff, 0, 0];

fn stream_of(records: &[Vec<u8>]) -> Vec<u8> {
    let mut s = Encoder::header().to_vec();
    for r in records {
        s.extend_from_slice(r);
    }
    s
}

/// Hostile streams, each with a name.
fn hostile() -> Vec<(String, Vec<u8>)> {
    let fill = &FILL[..10];
    let mut cases = Vec::new();

    // 262,144 chunks of one command each, in one valid frame.
    let mut p = frame_head();
    varint(&mut p, MAX_CHUNKS as u64);
    for id in 0..MAX_CHUNKS as u64 {
        varint(&mut p, id);
        p.extend_from_slice(&[1, fill.len() as u8]);
        p.extend_from_slice(fill);
    }
    p.extend_from_slice(&[1, 0]);
    varint(&mut p, MAX_CHUNKS as u64);
    cases.push(("262144 chunks".to_owned(), stream_of(&[record(RECORD_FRAME, &p)])));

    // A chunk of 4,096 commands named 262,144 times: a billion commands if believed.
    let mut p = frame_head();
    p.push(1);
    varint(&mut p, 0);
    varint(&mut p, 4096);
    varint(&mut p, 4096 * fill.len() as u64);
    for _ in 0..4096 {
        p.extend_from_slice(fill);
    }
    varint(&mut p, MAX_CHUNKS as u64);
    for _ in 0..MAX_CHUNKS {
        p.extend_from_slice(&[0, 1]);
    }
    cases.push(("chunk-reference bomb".to_owned(), stream_of(&[record(RECORD_FRAME, &p)])));

    // Totals past 2^32: 64 chunks of 65,536 one-byte pops... kept valid up to the limit check:
    // chunks whose command counts sum past u32 when repeated (each claims 262,144 commands).
    let mut p = frame_head();
    p.push(1);
    varint(&mut p, 0);
    varint(&mut p, 1 << 18);
    varint(&mut p, 1 << 18);
    p.extend(std::iter::repeat_n(0x08u8, 1 << 18));
    varint(&mut p, 1 << 14);
    for _ in 0..1 << 14 {
        p.extend_from_slice(&[0, 1]);
    }
    cases.push(("overflowing totals".to_owned(), stream_of(&[record(RECORD_FRAME, &p)])));

    // Resource records: an atlas entry outside its atlas, an image claiming 8192x8192 pixels
    // with four bytes, a release of a billion ids, a video plane past its frame.
    let mut atlas = vec![0, 8, 2, 1, 0, 1];
    atlas.extend_from_slice(&12f32.to_le_bytes());
    atlas.extend_from_slice(&[0, 0, 0, 6, 0, 4, 2]);
    atlas.extend_from_slice(&[0; 16]);
    cases.push(("atlas entry outside".to_owned(), stream_of(&[record(0x81, &atlas)])));
    let mut image = vec![0];
    image.extend_from_slice(&[0; 8]);
    varint(&mut image, 8192);
    varint(&mut image, 8192);
    image.extend_from_slice(&[2, 4, 1, 2, 3, 4]);
    cases.push(("image size lie".to_owned(), stream_of(&[record(0x82, &image)])));
    let mut release = Vec::new();
    varint(&mut release, 1 << 30);
    release.extend_from_slice(&[1, 0]);
    cases.push(("release count bomb".to_owned(), stream_of(&[record(0x83, &release)])));
    let mut frame = frame_head();
    frame.extend_from_slice(&[0, 0]);
    cases.push((
        "video past its frame".to_owned(),
        stream_of(&[record(0x84, &[1, 5, 0, 0, 20, 20, 0]), record(RECORD_FRAME, &frame)]),
    ));

    // A recorded stream with resources, cut short and corrupted at many offsets.
    let (_, real) = streams().swap_remove(0);
    for cut in [9, 100, real.len() / 3, real.len() / 2, real.len() - 3] {
        cases.push((format!("home cut at {cut}"), real[..cut].to_vec()));
    }
    for (k, at) in (13..real.len()).step_by(real.len() / 24).enumerate() {
        let mut bad = real.clone();
        bad[at] ^= 0x41 + k as u8;
        cases.push((format!("home byte {at} flipped"), bad));
    }
    cases
}

#[test]
fn c_reader_refuses_hostile_streams_like_the_rust_decoder_under_sanitizers() {
    let (reader, _) = match compile("reader-asan", true) {
        Ok(r) => r,
        Err(why) => return println!("skipped: {why}"),
    };
    let mut slowest = Duration::ZERO;
    for (name, stream) in hostile() {
        let path = dir().join("hostile.tfdl");
        std::fs::write(&path, &stream).unwrap();
        let rust_start = Instant::now();
        let rust = decode_stream(&stream);
        let rust_time = rust_start.elapsed();
        let start = Instant::now();
        let out = Process::new(&reader)
            .arg(&path)
            .env("ASAN_OPTIONS", "detect_leaks=1:exitcode=86")
            .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=87")
            .output()
            .unwrap();
        let took = start.elapsed();
        slowest = slowest.max(took);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("Sanitizer") && !stderr.contains("runtime error"),
            "{name}: sanitizer finding:\n{stderr}"
        );
        let code = out.status.code();
        assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}\n{stderr}");
        let c_ok = code == Some(0);
        println!(
            "{name}: C {} in {:.3} s, Rust {} in {:.3} s",
            if c_ok { "accepts" } else { "refuses" },
            took.as_secs_f64(),
            if rust.is_ok() { "accepts" } else { "refuses" },
            rust_time.as_secs_f64()
        );
        assert_eq!(c_ok, rust.is_ok(), "{name}: C and Rust disagree ({stderr}; Rust: {:?})", rust.err());
        if !c_ok {
            assert!(stderr.contains("error at byte"), "{name}: {stderr}");
        }
    }
    println!("slowest hostile case under ASan+UBSan: {:.3} s", slowest.as_secs_f64());
}
