//! TextInput and Keyboard: TV search and a sign-in panel. The arrows move over the on-screen
//! keyboard (wide keys span the columns above them; Up from one goes back to the column you
//! came from), Select types into the search field, whose caret shows while a key has focus.
//! `#+=` switches to symbols and accents, Search submits. On the right: a remembered email too
//! long for its field (its end stays in view) and a secure PIN field over a digits-only pad
//! limited to four characters.
//!
//! Run it: `cargo run --example text_input`. Headless:
//! `cargo run --example text_input -- --keys "Right Right Right Select Down Down Down Left Select"
//! --screenshot text_input.png`.

use tenfoot::toolkit::{Align, App, Edges, El};
use tenfoot::widgets::{caption, column, heading, keyboard, row, text_input, title, KeyAction, KeyLayout};

/// The search column and the sign-in panel.
pub fn screen(app: &mut App) -> El {
    let query = app.signal(String::new());
    let searched = app.signal(String::new());
    let email = app.signal("alexandra.bergstrom-whitfield@streaming.example".to_owned());
    let pin = app.signal(String::new());
    let signed_in = app.signal(false);
    let label = |s: &str| caption(s.to_owned()).margin_edges(Edges { top: 12.0, ..Edges::default() });
    row()
        .name("text-input-example")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(120.0)
        .align_items(Align::Start)
        .child(
            column()
                .name("search")
                .gap(28.0)
                .child(title("Search"))
                .child(text_input(query).placeholder("Titles, genres, moods").max_len(40).width(588.0).name("query"))
                .child(
                    keyboard(query)
                        .on_submit("Search", move |app, q| searched.set(app, q.trim().to_owned()))
                        .initial_focus()
                        .name("keyboard"),
                )
                .child(caption("").name("searched").bind_text(move |app| {
                    let q = searched.get(app);
                    if q.is_empty() {
                        "Select Search to submit the query".to_owned()
                    } else {
                        format!("Searched for \u{201c}{q}\u{201d}")
                    }
                })),
        )
        .child(
            column()
                .name("sign-in")
                .gap(16.0)
                .child(heading("Sign in"))
                .child(label("Email"))
                .child(text_input(email).width(560.0).name("email"))
                .child(label("PIN"))
                .child(text_input(pin).placeholder("4 digits").secure().max_len(4).width(488.0).name("pin"))
                .child(
                    keyboard(pin)
                        .layouts([KeyLayout::new("123", "1234567890".chars())])
                        .columns(5)
                        .actions([KeyAction::Backspace, KeyAction::Clear, KeyAction::Submit])
                        .on_submit("Sign in", move |app, p| signed_in.set(app, p.chars().count() == 4))
                        .name("pin-pad"),
                )
                .child(caption("").name("pin-status").bind_text(move |app| {
                    match (signed_in.get(app), pin.with(app, |p| p.chars().count())) {
                        (true, _) => "Signed in".to_owned(),
                        (false, n) => format!("{n} of 4 digits"),
                    }
                })),
        )
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
