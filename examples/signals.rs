//! Signals: a counter signal, a memo derived from it (only recomputed when the count
//! changes), text bound to both, and a keyed list that reorders in place. Select on "+1" adds
//! one; Select on "Shuffle" rotates the list: the rows keep their entities and only move.
//! Effects run in the frame's reactive phase, never in the middle of another phase.
//!
//! Run it: `cargo run --example signals`. Headless:
//! `cargo run --example signals -- --keys "Select Select Right Select" --screenshot signals.png`.

use tenfoot::renderer::Color;
use tenfoot::toolkit::{App, El, Memo, Signal};
use tenfoot::widgets::{button, caption, column, heading, row, text, Widget};

/// The signals screen over a counter and a list of titles.
pub fn screen(count: Signal<u32>, doubled: Memo<u32>, titles: Signal<Vec<String>>) -> El {
    column()
        .name("signals")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(32.0)
        .child(heading("Signals"))
        .child(caption("Select +1 to count; Shuffle rotates the keyed list (rows keep their entities)."))
        .child(
            row()
                .gap(24.0)
                .child(button("+1").primary().name("plus").on_select(move |ctx| {
                    count.update(ctx, |n| *n += 1);
                }))
                .child(button("Shuffle").name("shuffle").on_select(move |ctx| {
                    titles.update(ctx, |t| t.rotate_left(1));
                })),
        )
        .child(text("").name("count").font_size(40.0).bind_text(move |app| format!("count = {}", count.get(app))))
        .child(text("").name("doubled").bind_text(move |app| format!("memo: count x 2 = {}", doubled.get(app))))
        .child(column().name("list").gap(12.0).width(700.0).for_each(
            titles,
            |t: &String| t.clone(),
            |t: &String| {
                row()
                    .name(format!("row-{t}"))
                    .padding_xy(24.0, 14.0)
                    .radius(12.0)
                    .background(Color::hex(0x232733))
                    .child(text(t.clone()))
            },
        ))
}

pub fn app() -> App {
    tenfoot::app_with(|app| {
        let count = app.signal(0u32);
        let doubled = app.memo(move |app| count.get(app) * 2);
        let titles =
            app.signal(["Night Train", "Salt Flats", "The Lighthouse", "Red Canyon"].map(String::from).to_vec());
        screen(count, doubled, titles)
    })
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
