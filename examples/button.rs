//! Button: the four looks (normal, primary, focused, disabled) and what Select does. Arrows
//! move focus between the buttons; Select on one counts the presses in the line below
//! (a signal bound to the text). The disabled button is skipped by navigation.
//!
//! Run it: `cargo run --example button`. Headless:
//! `cargo run --example button -- --keys "Select Right Select Select" --screenshot button.png`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{button, caption, column, heading, row, text, ButtonLook, Widget};

/// The button screen: its presses are counted in `presses`.
pub fn screen(presses: tenfoot::toolkit::Signal<u32>) -> El {
    let press = move |label: &'static str| {
        button(label).name(label.to_lowercase()).on_select(move |ctx| {
            presses.update(ctx, |n| *n += 1);
        })
    };
    column()
        .name("buttons")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 120.0)
        .gap(40.0)
        .child(heading("Buttons"))
        .child(caption("Arrows move focus; Select presses. The disabled button is skipped."))
        .child(
            row()
                .gap(32.0)
                .child(button("Play").primary().name("play").initial_focus().on_select(move |ctx| {
                    presses.update(ctx, |n| *n += 1);
                }))
                .child(press("Trailer"))
                .child(press("Watchlist"))
                .child(button("Unavailable").look(ButtonLook::Disabled).name("unavailable")),
        )
        .child(text("").name("count").bind_text(move |app| match presses.get(app) {
            0 => "Nothing pressed yet".to_owned(),
            1 => "Pressed once".to_owned(),
            n => format!("Pressed {n} times"),
        }))
}

pub fn app() -> App {
    tenfoot::app_with(|app| screen(app.signal(0u32)))
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
