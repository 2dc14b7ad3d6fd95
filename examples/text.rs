//! Text: the theme's five text styles (display, title, heading, body, caption), a paragraph
//! wrapped at word boundaries inside a fixed width, the same paragraph cut to two lines with an
//! ellipsis, and a single ellipsized line.
//!
//! Run it: `cargo run --example text` (Escape closes). Headless:
//! `cargo run --example text -- --screenshot text.png --size 1280x720`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{caption, column, display, heading, row, text, title};

const STORY: &str = "The night train crosses three borders before dawn. Every passenger carries a secret, \
and the conductor, who has worked this line for thirty years, knows most of them already.";

fn sample(label: &str, body: El) -> El {
    column().gap(12.0).width(520.0).child(caption(label)).child(body)
}

/// The text screen.
pub fn screen() -> El {
    column()
        .name("text")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(40.0)
        .child(
            column()
                .gap(8.0)
                .child(display("Display 72"))
                .child(title("Title 48"))
                .child(heading("Heading 34"))
                .child(text("Body 26: the default for everything you read on a sofa."))
                .child(caption("Caption 20: secondary details, credits and metadata")),
        )
        .child(
            row()
                .gap(80.0)
                .child(sample("Wrapped at 520 px", text(STORY).name("wrapped")))
                .child(sample("max_lines(2)", text(STORY).max_lines(2).name("two-lines")))
                .child(sample("single_line()", text(STORY).single_line().name("one-line"))),
        )
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
