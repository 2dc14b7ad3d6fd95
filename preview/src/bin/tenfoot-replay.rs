//! `tenfoot-replay STREAM --out DIR [--size WxH]`: rasterizes a recorded display-list stream
//! (`--sink FILE`) with the CPU backend, one PNG per frame (`DIR/frame-00000.png`, ...).
//! `tenfoot-replay STREAM --list` prints the frames and the resources the stream holds.
//!
//! Fonts and images are resolved by source path through the bundled fonts and the assets
//! folder (`$TENFOOT_ASSETS` or the workspace's `assets/`), as on a device. A replayed frame is
//! pixel-identical to the direct CPU render of the same display list at the same size.

use std::path::PathBuf;
use std::process::ExitCode;

use tenfoot_renderer::codec::{ResourceRecord, StreamReader};
use tenfoot_renderer::PhysicalSize;
use tenfoot_testing::{parse_size, replay, resources};

const USAGE: &str = "\
Usage: tenfoot-replay STREAM --out DIR [--size WxH]
       tenfoot-replay STREAM --list
  STREAM      a display-list stream recorded with --sink
  --out DIR   where to write frame-NNNNN.png (created if missing)
  --size WxH  physical size of the PNGs (default 1920x1080)
  --list      print each frame and the resource records (fonts, glyph atlases, images,
              releases, video planes) instead of drawing";

struct Args {
    stream: PathBuf,
    /// `None`: `--list`.
    out: Option<PathBuf>,
    size: PhysicalSize,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let (mut stream, mut out, mut size, mut list) = (None, None, PhysicalSize::new(1920, 1080), false);
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--size" => size = parse_size(&value("--size")?)?,
            "--list" => list = true,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`\n{USAGE}")),
            s if stream.is_none() => stream = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument `{s}`\n{USAGE}")),
        }
    }
    match (stream, out, list) {
        (Some(stream), None, true) => Ok(Args { stream, out: None, size }),
        (Some(stream), Some(out), false) => Ok(Args { stream, out: Some(out), size }),
        _ => Err(USAGE.to_owned()),
    }
}

/// One line per resource record.
fn describe(record: &ResourceRecord) -> String {
    match record {
        ResourceRecord::Font(f) => format!(
            "  font #{} {} {} ({}, {} bytes, fnv1a {:016x})",
            f.id.0, f.family, f.weight, f.source, f.file_len, f.hash
        ),
        ResourceRecord::Atlas(a) => format!(
            "  glyph atlas #{} {}x{}, {} masks ({} bytes)",
            a.id,
            a.width,
            a.height,
            a.entries.len(),
            a.pixels.len()
        ),
        ResourceRecord::Image(i) => format!(
            "  image #{} {}x{} {:?}, {} bytes (fnv1a {:016x})",
            i.id.0,
            i.width,
            i.height,
            i.form,
            i.bytes.len(),
            i.hash
        ),
        ResourceRecord::Release(r) => format!("  release {r:?}"),
    }
}

fn list(bytes: &[u8], name: &str) -> Result<(), String> {
    let mut reader = StreamReader::new(bytes);
    for (index, frame) in reader.by_ref().enumerate() {
        let frame = frame.map_err(|e| format!("{name}: {e}"))?;
        println!(
            "frame {index} (sequence {}, {:?}): {} commands, {} bytes at {}",
            frame.sequence,
            frame.kind,
            frame.list.len(),
            frame.record_bytes,
            frame.offset
        );
        for r in &frame.resources {
            println!("{}", describe(r));
        }
        for v in &frame.video {
            let r = v.rect;
            println!(
                "  video plane before command {}: {}x{} at {},{} `{}`",
                v.index, r.width, r.height, r.x, r.y, v.label
            );
        }
    }
    let held = reader.decoder().resources();
    println!(
        "held at the end: {} fonts, {} glyph atlases ({} masks), {} images, {} bytes",
        held.fonts().count(),
        held.atlases().count(),
        held.glyph_count(),
        held.images().count(),
        held.held_bytes()
    );
    Ok(())
}

fn run(args: Args) -> Result<(), String> {
    let bytes = std::fs::read(&args.stream).map_err(|e| format!("cannot read {}: {e}", args.stream.display()))?;
    let Some(out) = args.out else {
        return list(&bytes, &args.stream.display().to_string());
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let summary = replay(&bytes, args.size, &mut resources(), |index, _, backend| {
        let path = out.join(format!("frame-{index:05}.png"));
        std::fs::write(&path, backend.encode_png()?).map_err(|e| format!("cannot write {}: {e}", path.display()))
    })
    .map_err(|e| format!("{}: {e}", args.stream.display()))?;
    println!(
        "{} frames ({} full, {} delta), {} bytes -> {}",
        summary.frames,
        summary.full_frames,
        summary.frames - summary.full_frames,
        bytes.len(),
        out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tenfoot-replay: {e}");
            ExitCode::FAILURE
        }
    }
}
