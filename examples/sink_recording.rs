//! Sink recording: the display-list stream a device would receive. The hello screen is drawn
//! through the `SinkBackend` into memory for a full frame, a focus move (Left: Trailer to Play)
//! and an idle frame; the screen shows each frame's size in bytes (deltas after the first).
//! Any example records to a file with `--sink FILE`; `tenfoot-replay FILE --out DIR` turns a
//! stream back into PNGs (`tests/sink.rs` checks those equal the direct render).
//!
//! Run it: `cargo run --example sink_recording`. Headless:
//! `cargo run --example sink_recording -- --screenshot sink.png --size 1280x720`.

#[path = "hello.rs"]
#[expect(dead_code, reason = "only the hello screen is used")]
mod hello;

use std::time::Duration;

use tenfoot::renderer::{Backend, SinkBackend};
use tenfoot::toolkit::{App, El, KeyEvent, RemoteKey, LOGICAL_SIZE};
use tenfoot::widgets::{caption, column, heading, text};

/// Records hello's frames; returns (label, bytes) per frame and the whole stream.
pub fn record() -> (Vec<(String, usize)>, Vec<u8>) {
    let mut app = hello::app();
    let mut sink = SinkBackend::new(Vec::new());
    sink.set_logical_size(LOGICAL_SIZE);
    sink.set_background(app.background());
    let mut sizes = Vec::new();
    let steps: [(&str, Vec<KeyEvent>); 3] = [
        ("full frame", vec![]),
        ("focus move (Left)", vec![KeyEvent::press(RemoteKey::Left), KeyEvent::release(RemoteKey::Left)]),
        ("idle frame", vec![]),
    ];
    for (i, (label, keys)) in steps.into_iter().enumerate() {
        let _ = app.frame(Duration::from_millis(16 * i as u64), &keys);
        let list = app.display_list().clone();
        sink.draw(&list, app.resources_mut(), None);
        sizes.push((label.to_owned(), sink.stats().last_frame_bytes));
    }
    let stream = sink.finish().unwrap_or_default();
    (sizes, stream)
}

/// The screen reporting what was recorded.
pub fn screen(sizes: &[(String, usize)], total: usize) -> El {
    column()
        .name("sink")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(24.0)
        .child(heading("Display-list stream"))
        .child(caption("The hello screen recorded through the sink, as a device would receive it."))
        .children(sizes.iter().map(|(label, bytes)| text(format!("{label}: {bytes} bytes")).name(label.clone())))
        .child(text(format!("whole stream (header and end record included): {total} bytes")))
        .child(caption("Replay: tenfoot-replay STREAM --out DIR writes one PNG per frame."))
}

pub fn app() -> App {
    let (sizes, stream) = record();
    tenfoot::app(screen(&sizes, stream.len()))
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
