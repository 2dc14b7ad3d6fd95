//! RTL: right-to-left screens. Arabic and Hebrew headings and paragraphs start at the right
//! edge and read right to left (glyphs from the bundled Noto fallback fonts), a mixed string is
//! reordered by the bidi algorithm, and a right-to-left row of tiles starts at the right, with
//! a left-to-right row above for comparison.
//!
//! Run it: `cargo run --example rtl`. Headless:
//! `cargo run --example rtl -- --screenshot rtl.png --size 1280x720`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{caption, column, heading, progress_bar, row, text, tile, title};

fn poster(i: usize) -> String {
    format!("posters/poster-{i:02}.png")
}

/// The RTL screen.
pub fn screen() -> El {
    let ltr = row()
        .name("ltr-row")
        .gap(40.0)
        .children((0..3).map(|i| tile(poster(i), format!("Title {}", i + 1)).width(160.0)));
    let arabic_titles = [
        "\u{627}\u{644}\u{642}\u{637}\u{627}\u{631} \u{627}\u{644}\u{644}\u{64a}\u{644}\u{64a}",
        "\u{627}\u{644}\u{645}\u{646}\u{627}\u{631}\u{629}",
        "\u{627}\u{644}\u{628}\u{62d}\u{631}",
    ];
    let rtl = row()
        .name("rtl-row")
        .rtl(true)
        .gap(40.0)
        .children(arabic_titles.iter().enumerate().map(|(i, t)| tile(poster(i), *t).width(160.0)));
    column()
        .name("rtl")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 80.0)
        .gap(28.0)
        .child(
            row()
                .gap(80.0)
                .child(
                    column()
                        .gap(16.0)
                        .grow(1.0)
                        .style(|s| s.basis = tenfoot::toolkit::px(0.0))
                        .child(title("Left to right"))
                        .child(text("Rows and text start at the left edge. Episode 3 of the series."))
                        .child(progress_bar(0.3))
                        .child(ltr),
                )
                .child(
                    column()
                        .gap(16.0)
                        .grow(1.0)
                        .style(|s| s.basis = tenfoot::toolkit::px(0.0))
                        .child(title("\u{645}\u{631}\u{62d}\u{628}\u{627} \u{628}\u{643}").name("arabic-title"))
                        .child(text("\u{62a}\u{628}\u{62f}\u{623} \u{627}\u{644}\u{635}\u{641}\u{648}\u{641} \u{648}\u{627}\u{644}\u{646}\u{635}\u{648}\u{635} \u{645}\u{646} \u{627}\u{644}\u{62d}\u{627}\u{641}\u{629} \u{627}\u{644}\u{64a}\u{645}\u{646}\u{649}. Episode 3 \u{645}\u{646} \u{627}\u{644}\u{645}\u{633}\u{644}\u{633}\u{644}.").name("arabic-body"))
                        .child(progress_bar(0.3).rtl(true))
                        .child(rtl),
                ),
        )
        .child(
            column()
                .gap(12.0)
                .child(heading("\u{5d1}\u{5e8}\u{5d5}\u{5db}\u{5d9}\u{5dd} \u{5d4}\u{5d1}\u{5d0}\u{5d9}\u{5dd}").name("hebrew-title"))
                .child(text("\u{5e8}\u{5db}\u{5d1}\u{5ea} \u{5d4}\u{5dc}\u{5d9}\u{5dc}\u{5d4} \u{5d9}\u{5d5}\u{5e6}\u{5d0}\u{5ea} \u{5d1}-22:40 \u{5de}\u{5e8}\u{5e6}\u{5d9}\u{5e3} 4"))
                .child(caption("Mixed: Hebrew, a time and a platform number keep their order")),
        )
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
