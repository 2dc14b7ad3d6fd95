//! Toggle and Checkbox: a playback settings panel. Up/Down move between rows (the focused row
//! is ringed and lifted), Select flips the setting: the knob slides, the track takes the
//! accent colour, the check mark fades in. A line at the bottom reads the signals back.
//!
//! Run it: `cargo run --example toggle`. Headless:
//! `cargo run --example toggle -- --keys "Down Select Down" --advance 500ms --screenshot toggle.png`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{caption, checkbox, column, heading, toggle};

/// The settings screen over four signals.
pub fn screen(app: &mut App) -> El {
    let autoplay = app.signal(true);
    let previews = app.signal(false);
    let subtitles = app.signal(false);
    let audio_desc = app.signal(false);
    let on = |b: bool| if b { "on" } else { "off" };
    column()
        .name("settings")
        .size(1160.0, 1080.0)
        .padding_xy(160.0, 120.0)
        .gap(24.0)
        .child(heading("Playback"))
        .child(toggle("Autoplay next episode", autoplay).name("autoplay"))
        .child(toggle("Play previews while browsing", previews).name("previews"))
        .child(heading("Accessibility").margin_edges(tenfoot::toolkit::Edges { top: 32.0, ..Default::default() }))
        .child(checkbox("Subtitles", subtitles).name("subtitles"))
        .child(checkbox("Audio description", audio_desc).name("audio-description"))
        .child(caption("").name("summary").bind_text(move |app| {
            format!(
                "autoplay {} · previews {} · subtitles {} · audio description {}",
                on(autoplay.get(app)),
                on(previews.get(app)),
                on(subtitles.get(app)),
                on(audio_desc.get(app))
            )
        }))
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
