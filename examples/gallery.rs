//! Gallery: every widget on one screen. A top tab bar, text styles, buttons, a text input over
//! a compact on-screen keyboard, a virtualized rail of poster tiles (with progress and a
//! badge), toggles and a checkbox, a list/menu, a spinner, a progress bar and a seek bar, a
//! toast, loading skeletons and an image with each fit. Arrows move focus through everything
//! focusable; Select on a key types into the field.
//!
//! Run it: `cargo run --example gallery`. Headless:
//! `cargo run --example gallery -- --keys "Down Down Right" --screenshot gallery.png`.

use std::time::Duration;

use tenfoot::renderer::ImageFit;
use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{
    button, caption, checkbox, column, display, heading, image, keyboard, list, list_item, nav_bar, progress_bar, rail,
    row, seek_bar, skeleton, skeleton_line, spinner, text, text_input, tile, title, toast, toggle, ToastKind,
};

fn section(label: &str, body: impl Into<El>) -> El {
    column().gap(14.0).child(caption(label)).child(body)
}

/// The gallery screen.
pub fn screen(app: &mut App) -> El {
    let tab = app.signal(0usize);
    let autoplay = app.signal(true);
    let subtitles = app.signal(false);
    let hdr = app.signal(true);
    let query = app.signal("Dune".to_owned());
    column()
        .name("gallery")
        .size(1920.0, 1080.0)
        .padding_xy(80.0, 32.0)
        .gap(20.0)
        .child(nav_bar(["Widgets", "Media", "Settings"], tab).name("tabs"))
        .child(
            row()
                .gap(56.0)
                .align_items(Align::Start)
                .child(
                    column()
                        .gap(22.0)
                        .width(1100.0)
                        .child(
                            row()
                                .gap(40.0)
                                .align_items(Align::Start)
                                .child(
                                    column()
                                        .gap(22.0)
                                        .child(section(
                                            "Text: display, title, heading, body, caption",
                                            column()
                                                .gap(4.0)
                                                .child(
                                                    row()
                                                        .gap(32.0)
                                                        .align_items(Align::End)
                                                        .child(display("Display"))
                                                        .child(title("Title")),
                                                )
                                                .child(heading("Heading"))
                                                .child(text("Body text for synopses and descriptions."))
                                                .child(caption("Caption: 2024 \u{b7} Drama \u{b7} 1 h 52 min")),
                                        ))
                                        .child(section(
                                            "Buttons",
                                            row()
                                                .gap(20.0)
                                                .child(button("Play").primary().name("play").initial_focus())
                                                .child(button("Trailer"))
                                                .child(
                                                    button("Unavailable").look(tenfoot::widgets::ButtonLook::Disabled),
                                                ),
                                        )),
                                )
                                .child(section(
                                    "Text input and on-screen keyboard",
                                    column()
                                        .gap(12.0)
                                        .child(text_input(query).placeholder("Search").width(480.0).name("query"))
                                        .child(
                                            keyboard(query).columns(9).key_size(48.0, 40.0).gap(6.0).name("keyboard"),
                                        ),
                                )),
                        )
                        .child(section(
                            "Rail (virtualized) of tiles",
                            El::from(
                                rail("Continue watching", 1000, |s| {
                                    let i = s.index;
                                    let t =
                                        tile(format!("posters/poster-{:02}.png", i % 48), format!("Title {}", i + 1))
                                            .width(150.0);
                                    match i % 4 {
                                        0 => t.progress(0.35 + (i % 7) as f32 * 0.08).into(),
                                        1 => t.badge("NEW").into(),
                                        _ => t.into(),
                                    }
                                })
                                .item_width(150.0)
                                .item_gap(20.0)
                                .width(1100.0)
                                .inset(0.0)
                                .name("rail"),
                            ),
                        ))
                        .child(section(
                            "Progress bar, seek bar, spinner",
                            row()
                                .gap(32.0)
                                .align_items(Align::Center)
                                .child(progress_bar(0.62).width(280.0))
                                .child(seek_bar(Duration::from_secs(1834), Duration::from_secs(5520)).width(520.0))
                                .child(spinner(48.0)),
                        )),
                )
                .child(
                    column()
                        .gap(28.0)
                        .width(600.0)
                        .child(section(
                            "Toggles and a checkbox",
                            column()
                                .gap(10.0)
                                .child(toggle("Autoplay next episode", autoplay))
                                .child(toggle("Subtitles", subtitles))
                                .child(checkbox("Prefer HDR", hdr)),
                        ))
                        .child(section(
                            "List / menu",
                            El::from(
                                list([
                                    list_item("Audio").value("English 5.1").chevron(),
                                    list_item("Parental controls").chevron(),
                                    list_item("About").chevron(),
                                ])
                                .width(600.0),
                            ),
                        ))
                        .child(section(
                            "Loading skeletons, image fits (cover, contain, fill), toast",
                            column()
                                .gap(16.0)
                                .child(
                                    row()
                                        .gap(16.0)
                                        .child(
                                            column()
                                                .gap(8.0)
                                                .child(skeleton(90.0, 90.0))
                                                .child(skeleton_line(90.0, 16.0)),
                                        )
                                        .children([ImageFit::Cover, ImageFit::Contain, ImageFit::Fill].map(|f| {
                                            image("backdrops/backdrop-00.jpg").fit(f).size(120.0, 120.0).radius(10.0)
                                        })),
                                )
                                .child(toast("Saved to My List", ToastKind::Success)),
                        )),
                ),
        )
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
