//! Settings: toggle rows (autoplay, subtitles, reduced motion) and the theme switch (dark,
//! light, high contrast through `tenfoot_widgets::set_theme`; every themed element re-styles in
//! the next frame, covered screens included). The toggles are the app's shared state, so the
//! player shows subtitles once they are on.

use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::{pct, Align, App, Edges, El, EnterPolicy, FocusScope, Justify};
use tenfoot_widgets::{caption, column, row, set_theme, text, theme, tile, title, Theme};

use super::ui::{chip, row_caption, row_visual, toggle_row, ChipKind, SAFE_X};

/// The themes offered, by name.
pub const THEMES: [(&str, &str); 3] = [("dark", "Dark"), ("light", "Light"), ("high-contrast", "High contrast")];

fn theme_named(name: &str) -> Theme {
    match name {
        "light" => Theme::light(),
        "high-contrast" => Theme::high_contrast(),
        _ => Theme::dark(),
    }
}

/// Pushes the settings screen.
pub fn open(app: &mut App) {
    let el = screen(app);
    let root = app.push_screen(el);
    app.set_route(root, "settings");
}

fn screen(app: &mut App) -> El {
    let state = super::state(app);
    let who = state.profile.get(app).map(|p| p.name).unwrap_or_else(|| "Guest".to_owned());
    let reduced = app.signal(app.reduced_motion());
    let rows = column()
        .name("settings-list")
        .width(1040.0)
        .shrink(0.0)
        .gap(16.0)
        .focus_scope(FocusScope::remembered())
        .child(
            toggle_row(
                app,
                "toggle-autoplay",
                "Autoplay next episode",
                "Start the next episode when one ends",
                state.autoplay,
            )
            .initial_focus(),
        )
        .child(toggle_row(app, "toggle-subtitles", "Subtitles", "Show subtitles in the player", state.subtitles))
        .child(
            toggle_row(app, "toggle-motion", "Reduce motion", "Cut animations short: no glides, no fades", reduced)
                .owns(reduced)
                .bind(move |app, _| {
                    let on = reduced.get(app);
                    if app.reduced_motion() != on {
                        app.set_reduced_motion(on);
                    }
                }),
        )
        .child(theme_row(app));
    super::ui::page("settings")
        .padding_edges(Edges { left: SAFE_X, right: SAFE_X, top: 72.0, bottom: 72.0 })
        .gap(12.0)
        .child(title("Settings").name("settings-title"))
        .child(caption(format!("Profile: {who}")).margin_edges(Edges { bottom: 36.0, ..Edges::default() }))
        .child(row().gap(96.0).align_items(Align::Start).child(rows).child(preview()))
}

/// Theme: three choices; the current one is outlined.
fn theme_row(app: &mut App) -> El {
    let chips: Vec<El> = THEMES
        .iter()
        .map(|(name, label)| {
            let name = *name;
            chip(app, &format!("theme-{name}"), label, ChipKind::Solid, move |app: &App| theme(app).name == name)
                .on_select(move |ctx| set_theme(ctx, theme_named(name)))
        })
        .collect();
    // The row is a scope holding the choices, not a focus target itself; it is entered on the
    // current theme wherever focus comes from.
    column()
        .name("theme-row")
        .focus_scope(FocusScope::remembered().with_enter(EnterPolicy::Selected))
        .width(pct(100.0))
        .padding_xy(32.0, 20.0)
        .gap(16.0)
        .bind_visual(move |app, v| *v = row_visual(&theme(app), false))
        .child(column().gap(4.0).child(text("Theme").weight(FontWeight::SEMIBOLD)).child(row_caption(
            "Dark for the evening, light for bright rooms, high contrast for legibility",
            |_: &App| false,
        )))
        .child(row().gap(16.0).justify(Justify::Start).children(chips))
}

/// A tile and some text, to see the theme at a glance.
fn preview() -> El {
    column()
        .name("theme-preview")
        .gap(20.0)
        .child(text("Preview").weight(FontWeight::SEMIBOLD))
        .child(tile("posters/poster-07.png", "The Quiet Orbit").width(220.0).progress(0.4).badge("NEW"))
        .child(caption("Tiles, text and buttons follow the theme."))
}
