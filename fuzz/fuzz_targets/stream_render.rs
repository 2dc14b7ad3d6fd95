//! Fuzzes the path a device host takes with a stream: decode each frame and draw it with the
//! CPU backend (not only decode it), so hostile commands (huge shadows, deep clips and layers,
//! bitmaps drawn at 16,384 px, unknown fonts and images) reach the rasterizer. Drawing must
//! never panic, and with `-rss_limit_mb=2048` (scripts/fuzz.sh) a memory blow-up is a crash.
//! Seeds: the `display_list_decode` corpus (the script shares it).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::codec::StreamReader;
use tenfoot_renderer::{Backend, PhysicalSize, Rect, Resources, Scale};

fuzz_target!(|data: &[u8]| {
    let mut res = Resources::embedded();
    // A small buffer keeps each run fast; the budget's floors still allow 1080p-sized bitmaps.
    let mut backend = CpuBackend::new(PhysicalSize::new(480, 270), Scale(0.25));
    let mut reader = StreamReader::new(data);
    let mut frames = 0;
    while let Some(Ok(frame)) = reader.next() {
        backend.set_background(frame.background);
        // Full frames, then the same list as damage (the region path).
        let _ = backend.draw(&frame.list, &mut res, None);
        let _ = backend.draw(&frame.list, &mut res, Some(&[Rect::new(100.0, 100.0, 700.0, 400.0)]));
        frames += 1;
        if frames >= 8 {
            break;
        }
    }
});
