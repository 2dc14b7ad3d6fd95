//! Layout: rows and columns as taffy lays them out. Gap and padding, wrapping, the
//! justify and align options, percentage and fixed sizes, min/max, an aspect ratio, and an
//! absolutely positioned badge, each in a labelled box.
//!
//! Run it: `cargo run --example layout`. Headless:
//! `cargo run --example layout -- --screenshot layout.png --size 1280x720`.

use tenfoot::renderer::Color;
use tenfoot::toolkit::{pct, Align, App, El, Justify};
use tenfoot::widgets::{caption, column, container, heading, row};

fn chip(w: f32, h: f32, c: u32) -> El {
    container().size(w, h).radius(8.0).background(Color::hex(c))
}

fn panel(label: &str, body: El) -> El {
    column()
        .gap(12.0)
        .width(540.0)
        .child(caption(label))
        .child(body.padding(16.0).radius(16.0).background(Color::hex(0x171a22)))
}

/// The layout screen.
pub fn screen() -> El {
    let justify = |j: Justify| {
        row().width(pct(100.0)).justify(j).gap(8.0).children((0..3).map(|i| chip(60.0, 30.0, 0xe8b44a - i * 0x101010)))
    };
    column().name("layout").size(1920.0, 1080.0).padding_xy(120.0, 96.0).gap(36.0).child(heading("Layout")).child(
        row()
            .gap(48.0)
            .wrap()
            .child(panel(
                "row: gap 16, padding 16",
                row().gap(16.0).children((0..5).map(|_| chip(70.0, 70.0, 0x5b8def))),
            ))
            .child(panel(
                "row with wrap",
                row().wrap().gap(10.0).children((0..14).map(|i| chip(40.0 + (i % 3) as f32 * 20.0, 30.0, 0x43b581))),
            ))
            .child(panel(
                "justify: start, center, end, space-between",
                column()
                    .gap(10.0)
                    .children([Justify::Start, Justify::Center, Justify::End, Justify::SpaceBetween].map(justify)),
            ))
            .child(panel(
                "align items: start, center, end, stretch",
                row().height(120.0).gap(16.0).children([Align::Start, Align::Center, Align::End, Align::Stretch].map(
                    |a| {
                        row().width(100.0).height(pct(100.0)).align_items(a).background(Color::hex(0x232733)).child(
                            chip(100.0, 30.0, 0xd76d77).style(|s| {
                                if a == Align::Stretch {
                                    s.height = tenfoot::toolkit::Length::Auto
                                }
                            }),
                        )
                    },
                )),
            ))
            .child(panel(
                "percent widths 25% / 75%, aspect ratio 16:9",
                row().gap(12.0).child(chip(0.0, 60.0, 0x9b59b6).width(pct(25.0))).child(
                    container().width(pct(70.0)).aspect_ratio(16.0 / 9.0).radius(8.0).background(Color::hex(0x3a1c71)),
                ),
            ))
            .child(panel(
                "absolute badge over a poster",
                row().child(
                    tenfoot::widgets::image("posters/poster-03.png")
                        .size(120.0, 180.0)
                        .radius(12.0)
                        .child(chip(48.0, 24.0, 0xe74c3c).absolute(8.0, 8.0)),
                ),
            )),
    )
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
