//! `tenfoot-replay STREAM --out DIR [--size WxH]`: rasterizes a recorded display-list stream
//! (`--sink FILE`) with the CPU backend, one PNG per frame (`DIR/frame-00000.png`, ...).
//!
//! Fonts and images are resolved by source path through the bundled fonts and the assets
//! folder (`$TENFOOT_ASSETS` or the workspace's `assets/`), as on a device. A replayed frame is
//! pixel-identical to the direct CPU render of the same display list at the same size.

use std::path::PathBuf;
use std::process::ExitCode;

use tenfoot_preview::{parse_size, resources};
use tenfoot_renderer::codec::{FrameKind, ResourceBinder, StreamReader};
use tenfoot_renderer::{Backend, CpuBackend, PhysicalSize, Scale};

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
    let mut res = resources();
    let mut binder = ResourceBinder::new();
    let mut backend: Option<CpuBackend> = None;
    let (mut frames, mut full) = (0usize, 0usize);
    for frame in StreamReader::new(&bytes) {
        let frame = frame.map_err(|e| format!("{}: {e}", args.stream.display()))?;
        let list =
            binder.bind(&frame, &mut res).map_err(|e| format!("{}: frame {frames}: {e}", args.stream.display()))?;
        let scale = Scale::fit(frame.logical_size, args.size);
        let backend = backend.get_or_insert_with(|| CpuBackend::new(args.size, scale));
        backend.resize(args.size, scale);
        backend.set_background(frame.background);
        for e in backend.draw(&list, &mut res, None).errors {
            eprintln!("tenfoot-replay: frame {frames}: {e}");
        }
        let png = backend.encode_png()?;
        let path = args.out.join(format!("frame-{frames:05}.png"));
        std::fs::write(&path, png).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        full += usize::from(frame.kind == FrameKind::Full);
        frames += 1;
    }
    println!("{frames} frames ({full} full, {} delta), {} bytes -> {}", frames - full, bytes.len(), args.out.display());
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
