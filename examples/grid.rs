//! Grid: a "see all" page of 1,000 poster tiles in six columns, virtualized by rows (only the
//! rows in view plus two above and below exist). Arrows move by cell, Up/Down by row; the
//! grid glides vertically to keep the focused row in view. The header shows the focused
//! title through the grid's focused-index signal.
//!
//! Run it: `cargo run --example grid`. Headless:
//! `cargo run --example grid -- --keys "Right Down Down Down" --advance 1s --screenshot grid.png`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{caption, column, grid, tile, title};

/// The grid screen; `focused` receives the focused item's index.
pub fn screen(app: &mut App) -> El {
    let focused = app.signal(0usize);
    column()
        .name("see-all")
        .size(1920.0, 1080.0)
        .padding_edges(tenfoot::toolkit::Edges { left: 88.0, top: 56.0, ..Default::default() })
        .gap(8.0)
        .child(title("All films").padding_xy(32.0, 0.0))
        .child(
            caption("")
                .name("focused-title")
                .padding_xy(32.0, 0.0)
                .bind_text(move |app| format!("Title {} of 1,000", focused.get(app) + 1)),
        )
        .child(
            grid(1_000, 6, |s| {
                tile(format!("posters/poster-{:02}.png", s.index % 48), format!("Title {}", s.index + 1))
                    .width(200.0)
                    .into()
            })
            .item_size(200.0, 372.0)
            .item_gap(40.0)
            .column_gap(64.0)
            .height(940.0)
            .focused_index(focused),
        )
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
