//! `tenfoot-replay STREAM --out DIR [--size WxH]`: rasterizes a recorded display-list stream
//! (`--sink FILE`) with the CPU backend, one PNG per frame (`DIR/frame-00000.png`, ...).
//!
//! Fonts and images are resolved by source path through the bundled fonts and the assets
//! folder (`$TENFOOT_ASSETS` or the workspace's `assets/`), as on a device. A replayed frame is
//! pixel-identical to the direct CPU render of the same display list at the same size.

use std::path::PathBuf;
use std::process::ExitCode;

use tenfoot_renderer::PhysicalSize;
use tenfoot_testing::{parse_size, replay, resources};

const USAGE: &str = "\
Usage: tenfoot-replay STREAM --out DIR [--size WxH]
  STREAM      a display-list stream recorded with --sink
  --out DIR   where to write frame-NNNNN.png (created if missing)
  --size WxH  physical size of the PNGs (default 1920x1080)";

struct Args {
    stream: PathBuf,
    out: PathBuf,
    size: PhysicalSize,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let (mut stream, mut out, mut size) = (None, None, PhysicalSize::new(1920, 1080));
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--size" => size = parse_size(&value("--size")?)?,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`\n{USAGE}")),
            s if stream.is_none() => stream = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument `{s}`\n{USAGE}")),
        }
    }
    match (stream, out) {
        (Some(stream), Some(out)) => Ok(Args { stream, out, size }),
        _ => Err(USAGE.to_owned()),
    }
}

fn run(args: Args) -> Result<(), String> {
    let bytes = std::fs::read(&args.stream).map_err(|e| format!("cannot read {}: {e}", args.stream.display()))?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let summary = replay(&bytes, args.size, &mut resources(), |index, _, backend| {
        let path = args.out.join(format!("frame-{index:05}.png"));
        std::fs::write(&path, backend.encode_png()?).map_err(|e| format!("cannot write {}: {e}", path.display()))
    })
    .map_err(|e| format!("{}: {e}", args.stream.display()))?;
    println!(
        "{} frames ({} full, {} delta), {} bytes -> {}",
        summary.frames,
        summary.full_frames,
        summary.frames - summary.full_frames,
        bytes.len(),
        args.out.display()
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
