//! Hello, tenfoot: one 1080p screen showing the foundation at work. Text in three weights
//! (regular, semibold, bold), a rounded poster image with a drop shadow, a gradient panel and
//! buttons. Focus starts on Trailer; Left and Right move it between the enabled buttons
//! (Watchlist is disabled and skipped).
//!
//! Run it in the preview window: `cargo run --example hello` (Escape closes).
//! Headless: `cargo run --example hello -- --screenshot hello.png [--size 3840x2160]`.

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::toolkit::{Align, App, El, Justify, Shadow};
use tenfoot::widgets::{button, caption, column, container, image, row, text, ButtonLook, Theme};

/// The hello screen.
pub fn screen() -> El {
    let theme = Theme::dark();
    let poster = |i: usize| {
        image(format!("posters/poster-{i:02}.png"))
            .name(format!("poster-{i}"))
            .size(240.0, 360.0)
            .radius(theme.radius.medium)
            .shadow(Shadow { y: 12.0, blur: 32.0, color: Color::rgba(0, 0, 0, 170), ..Shadow::NONE })
    };
    column()
        .name("hello")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(48.0)
        .background(theme.background)
        .child(
            column()
                .gap(12.0)
                .child(text("tenfoot").font_size(96.0).weight(FontWeight::BOLD).name("title"))
                .child(text("A Rust UI toolkit for the ten-foot screen").font_size(40.0).weight(FontWeight::SEMIBOLD))
                .child(
                    text("Laid out with taffy, shaped with cosmic-text, rasterized with tiny-skia.")
                        .font_size(30.0)
                        .color(theme.text_muted),
                ),
        )
        .child(
            row().gap(56.0).align_items(Align::Start).child(poster(0)).child(poster(2)).child(
                column()
                    .name("panel")
                    .width(820.0)
                    .height(360.0)
                    .padding(48.0)
                    .gap(20.0)
                    .justify(Justify::End)
                    .radius(theme.radius.large)
                    .gradient(
                        135.0,
                        &[(0.0, Color::hex(0x3a1c71)), (0.5, Color::hex(0xd76d77)), (1.0, Color::hex(0xffaf7b))],
                    )
                    .shadow(Shadow { y: 16.0, blur: 40.0, color: Color::rgba(0, 0, 0, 160), ..Shadow::NONE })
                    .child(text("Gradient panel").font_size(44.0).weight(FontWeight::BOLD))
                    .child(
                        text("Rounded corners, a soft shadow and crisp text at 0.5x, 1x and 2x scale.")
                            .font_size(28.0)
                            .max_lines(2),
                    )
                    .child(
                        row()
                            .gap(24.0)
                            .child(button("Play").primary().name("play"))
                            .child(button("Trailer").initial_focus().name("trailer"))
                            .child(button("Watchlist").look(ButtonLook::Disabled)),
                    ),
            ),
        )
        .child(container().grow(1.0))
        .child(caption(
            "Regular 400 \u{b7} SemiBold 600 \u{b7} Bold 700 \u{2014} Inter, bundled under the SIL Open Font License",
        ))
}

/// The hello app over the bundled assets.
pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
