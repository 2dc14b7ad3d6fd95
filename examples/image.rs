//! Image: one poster in a wide box with each fit mode (cover crops, contain letterboxes, fill
//! stretches), rounded corners, the placeholder shown while an image is loading, and a missing
//! image: once with an error image swapped in, once with the backend's neutral placeholder.
//!
//! Run it: `cargo run --example image`. Headless:
//! `cargo run --example image -- --screenshot image.png --size 1280x720`.

use tenfoot::renderer::ImageFit;
use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{caption, column, image, row, title, ImageExt};

const POSTER: &str = "posters/poster-03.png";

fn labelled(label: &str, el: El) -> El {
    column().gap(14.0).child(el).child(caption(label))
}

/// The image screen; `loading` drives the placeholder sample.
pub fn screen(loading: tenfoot::toolkit::Signal<bool>) -> El {
    let wide = |fit: ImageFit| {
        image(POSTER).image_fit(fit).size(400.0, 260.0).background(tenfoot::renderer::Color::hex(0x232733))
    };
    column()
        .name("image")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(56.0)
        .child(title("Image"))
        .child(
            row()
                .gap(48.0)
                .child(labelled("cover", wide(ImageFit::Cover)))
                .child(labelled("contain", wide(ImageFit::Contain)))
                .child(labelled("fill", wide(ImageFit::Fill))),
        )
        .child(
            row()
                .gap(48.0)
                .child(labelled("rounded 24", image(POSTER).size(240.0, 360.0).radius(24.0)))
                .child(labelled("loading", image(POSTER).loading_when(loading).size(240.0, 360.0).radius(16.0)))
                .child(labelled(
                    "missing, error image",
                    image("posters/missing.png").error_image("posters/poster-10.png").size(240.0, 360.0).radius(16.0),
                ))
                .child(labelled("missing, no fallback", image("posters/missing.png").size(240.0, 360.0).radius(16.0))),
        )
}

pub fn app() -> App {
    tenfoot::app_with(|app| screen(app.signal(true)))
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
