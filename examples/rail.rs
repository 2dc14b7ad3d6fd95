//! Rail: two virtualized carousels of poster tiles. "Trending" has 10,000 items, yet only the
//! ones in view plus two on each side exist; the rail below runs right to left (item 0 at the
//! right edge, Left moves forward). Left/Right move along a rail and it glides to keep the
//! focused tile in view; Up/Down switch rails, each remembering its last focused tile.
//!
//! Run it: `cargo run --example rail`. Headless:
//! `cargo run --example rail -- --keys "Right Right Right Right Right" --advance 1s --screenshot rail.png`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{column, rail, tile, title, ItemState};

fn poster_tile(s: &ItemState) -> El {
    tile(format!("posters/poster-{:02}.png", s.index % 48), format!("Title {}", s.index + 1)).width(200.0).into()
}

/// The rail screen.
pub fn screen() -> El {
    column()
        .name("rails")
        .size(1920.0, 1080.0)
        .padding_edges(tenfoot::toolkit::Edges { top: 64.0, ..Default::default() })
        .gap(8.0)
        .child(title("Browse").padding_xy(120.0, 0.0))
        .child(rail("Trending (10,000 titles)", 10_000, poster_tile).item_width(200.0).item_gap(40.0).name("trending"))
        .child(rail("من اليمين إلى اليسار", 40, poster_tile).item_width(200.0).item_gap(40.0).rtl(true).name("rtl"))
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
