//! Replay: a recorded display-list stream rasterized by the CPU backend, frame by frame. The
//! `tenfoot-replay` binary and the replay tests share this loop.

use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::codec::{DecodedFrame, FrameKind, ResourceBinder, StreamReader};
use tenfoot_renderer::{Backend, PhysicalSize, Resources, Scale};

/// What a replay went through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplaySummary {
    pub frames: usize,
    pub full_frames: usize,
}

/// Decodes `stream` and draws each frame at `size` into one CPU backend (resources resolved by
/// source path through `resources`), calling `on_frame` with the frame index, the decoded
/// frame and the backend holding its pixels. Stops at the first decode, bind or callback error.
pub fn replay(
    stream: &[u8],
    size: PhysicalSize,
    resources: &mut Resources,
    mut on_frame: impl FnMut(usize, &DecodedFrame, &CpuBackend) -> Result<(), String>,
) -> Result<ReplaySummary, String> {
    let mut binder = ResourceBinder::new();
    let mut backend: Option<CpuBackend> = None;
    let mut summary = ReplaySummary::default();
    for frame in StreamReader::new(stream) {
        let frame = frame.map_err(|e| e.to_string())?;
        let index = summary.frames;
        let list = binder.bind(&frame, resources).map_err(|e| format!("frame {index}: {e}"))?;
        let scale = Scale::fit(frame.logical_size, size);
        let backend = backend.get_or_insert_with(|| CpuBackend::new(size, scale));
        backend.resize(size, scale);
        backend.set_background(frame.background);
        for e in backend.draw(&list, resources, None).errors {
            eprintln!("tenfoot-replay: frame {index}: {e}");
        }
        on_frame(index, &frame, backend)?;
        summary.frames += 1;
        summary.full_frames += usize::from(frame.kind == FrameKind::Full);
    }
    Ok(summary)
}
