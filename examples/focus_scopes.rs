//! Focus scopes: two rails that remember their last tile (go down, come back up: you land
//! where you were), a row that wraps around at its ends, an explicit override (Left from the
//! first tile of the second rail jumps to the Settings button), and a modal that traps
//! focus: Select on "Open dialog" pushes it; arrows stay inside; Back closes it and focus
//! returns to the button.
//!
//! Run it: `cargo run --example focus_scopes`. Headless, with the focus path printed:
//! `cargo run --example focus_scopes -- --keys "Right Right Down Up" --print-focus`.

use tenfoot::renderer::Color;
use tenfoot::toolkit::{App, El, FocusScope, FocusStyle, NavDirection, Visual};
use tenfoot::widgets::{button, caption, column, container, heading, row, text, Widget};

fn tile(name: String, label: String) -> El {
    let base = Visual {
        background: Some(Color::hex(0x232733)),
        radii: tenfoot::renderer::Corners::all(14.0),
        ..Visual::default()
    };
    let focused = Visual {
        background: Some(Color::hex(0xf3f4f7)),
        border: Some((4.0, Color::hex(0xe8b44a))),
        scale: tenfoot::renderer::Point::new(1.08, 1.08),
        ..base.clone()
    };
    container()
        .name(name)
        .size(180.0, 110.0)
        .center()
        .visual(|v| *v = base)
        .focusable()
        .focus_style(FocusStyle { visual: Some(focused), text_color: Some(Color::hex(0x0b0d12)) })
        .child(text(label))
}

fn rail(title: &str, prefix: &str, scope: FocusScope, first_left: Option<&str>) -> El {
    column().gap(16.0).child(caption(title)).child(row().name(prefix.to_owned()).gap(24.0).focus_scope(scope).children(
        (0..5).map(|i| {
            let t = tile(format!("{prefix}-{i}"), format!("{} {}", prefix.to_uppercase(), i + 1));
            match first_left {
                Some(target) if i == 0 => t.focus_override(NavDirection::Left, target),
                _ => t,
            }
        }),
    ))
}

fn dialog() -> El {
    container().name("dialog").size(1920.0, 1080.0).center().background(Color::rgba(0, 0, 0, 170)).child(
        column()
            .name("panel")
            .gap(28.0)
            .padding(56.0)
            .radius(28.0)
            .background(Color::hex(0x171a22))
            .focus_scope(FocusScope::trap())
            .child(heading("A modal dialog"))
            .child(text("Arrows stay inside until it closes. Back closes it."))
            .child(
                row()
                    .gap(24.0)
                    .child(button("OK").primary().name("ok").on_select(|ctx| ctx.pop_screen()))
                    .child(button("Cancel").name("cancel").on_select(|ctx| ctx.pop_screen())),
            ),
    )
}

/// The focus scopes screen.
pub fn screen() -> El {
    column()
        .name("scopes")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(40.0)
        .child(heading("Focus scopes"))
        .child(rail("Remembers its last tile", "a", FocusScope::remembered(), None))
        .child(rail(
            "Remembers too; Left from its first tile jumps to Settings (an override)",
            "b",
            FocusScope::remembered(),
            Some("settings"),
        ))
        .child(rail("Wraps around at both ends", "c", FocusScope::remembered().wrap(true, false), None))
        .child(
            row()
                .gap(24.0)
                .child(button("Open dialog").name("open").on_select(|ctx| ctx.push_screen(dialog())))
                .child(button("Settings").name("settings")),
        )
}

pub fn app() -> App {
    tenfoot::app(screen())
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
