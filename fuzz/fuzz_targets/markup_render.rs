//! Fuzzes a screen from markup all the way to pixels: load the text, mount it in an app, run
//! frames and draw them with the CPU backend. Whatever the text says (deep nesting, huge sizes,
//! many shadows, long strings), loading returns a screen or diagnostics, and the frames and the
//! draw never panic or exceed the memory limit (`-rss_limit_mb=2048` in scripts/fuzz.sh).
//! Seeds: the `markup_load` corpus (the script shares it).

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{PhysicalSize, Scale};
use tenfoot_toolkit::App;
use tenfoot_widgets::{markup, Theme};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let screen = text.split('\0').next().unwrap_or("");
    let Ok(root) = markup::load_screen("fuzz.kdl", screen, &Theme::dark(), None) else { return };
    let mut app = App::headless();
    app.set_root(root);
    let mut backend = CpuBackend::new(PhysicalSize::new(480, 270), Scale(0.25));
    for i in 1..=3u64 {
        let mut frame = app.frame(Duration::from_millis(16 * i), &[]);
        let _ = frame.draw(&mut backend);
    }
});
