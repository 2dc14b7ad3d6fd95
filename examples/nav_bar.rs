//! NavBar / Tabs: a side menu and a top tab bar. The side menu is a column of icons that
//! expands (width animates, labels fade in) while focus is inside it and collapses when focus
//! moves right into the page; the tabs underline the selected one in the accent colour.
//! Up/Down/Left/Right move, Select picks an item; the page title follows both selections.
//!
//! Run it: `cargo run --example nav_bar`. Headless:
//! `cargo run --example nav_bar -- --keys "Down Select" --advance 500ms --screenshot nav_bar.png`.

use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{caption, column, nav_bar, row, title};

const SECTIONS: [&str; 5] = ["Home", "Search", "Films", "Series", "Settings"];
const TABS: [&str; 4] = ["For you", "New", "Trending", "My list"];

/// The screen: side menu, then the page with its tabs.
pub fn screen(app: &mut App) -> El {
    let section = app.signal(0usize);
    let tab = app.signal(0usize);
    let page = column()
        .name("page")
        .grow(1.0)
        .padding_xy(80.0, 64.0)
        .gap(24.0)
        .child(title("").bind_text(move |app| SECTIONS.get(section.get(app)).copied().unwrap_or_default().to_owned()))
        .child(nav_bar(TABS, tab).name("tabs"))
        .child(caption("").bind_text(move |app| {
            format!("Showing \u{201c}{}\u{201d}", TABS.get(tab.get(app)).copied().unwrap_or_default())
        }));
    row()
        .name("shell")
        .size(1920.0, 1080.0)
        .align_items(Align::Stretch)
        .child(nav_bar(SECTIONS, section).side().name("menu"))
        .child(page)
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
