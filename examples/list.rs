//! List / Menu: a settings menu (icons, labels, values, chevrons) beside an audio-language
//! list with a selected row. Up/Down move within a list (the focused row flips to a light
//! fill), Left/Right switch lists (each remembers its row), Select picks a language: the accent
//! bar moves and the menu's value follows.
//!
//! Run it: `cargo run --example list`. Headless:
//! `cargo run --example list -- --keys "Right Down Down Select" --advance 500ms --screenshot list.png`.

use tenfoot::toolkit::{Align, App, El};
use tenfoot::widgets::{column, heading, list, list_item, row, Widget};

const LANGUAGES: [&str; 8] =
    ["English", "Français", "Deutsch", "Español", "Italiano", "Português", "Nederlands", "Svenska"];

/// The menu screen.
pub fn screen(app: &mut App) -> El {
    let language = app.signal(0usize);
    let menu = list([
        list_item("Profile").icon("posters/poster-03.png").value("Alex").chevron(),
        list_item("Audio language").icon("posters/poster-07.png").value(LANGUAGES[0]).chevron(),
        list_item("Subtitles").icon("posters/poster-11.png").value("Off").chevron(),
        list_item("Parental controls").icon("posters/poster-15.png").chevron(),
        list_item("About").icon("posters/poster-19.png").value("1.0").chevron(),
    ])
    .name("menu")
    .width(760.0);
    let languages = list(LANGUAGES.map(list_item)).name("languages").width(560.0).height(520.0).selected(language);
    column().name("menus").size(1920.0, 1080.0).padding_xy(160.0, 120.0).gap(32.0).child(heading("Settings")).child(
        row()
            .gap(64.0)
            .align_items(Align::Start)
            .child(menu.bind(move |app, e| {
                // The menu's value follows the selected language.
                let lang = LANGUAGES.get(language.get(app)).copied().unwrap_or_default();
                let value = tenfoot::toolkit::tree::find_by_name(app.world(), e, "row-1")
                    .and_then(|r| tenfoot::toolkit::tree::find_by_name(app.world(), r, "value"));
                if let Some(v) = value {
                    app.set_text(v, lang);
                }
            }))
            .child(languages),
    )
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
