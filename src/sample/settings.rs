//! Settings: toggle rows (autoplay, subtitles, reduced motion) and the theme switch (dark,
//! light, high contrast through `tenfoot_widgets::set_theme`; every themed element re-styles in
//! the next frame, covered screens included). The toggles are the app's shared state, so the
//! player shows subtitles once they are on.

use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::{pct, Align, App, Edges, El, FocusScope};
use tenfoot_widgets::{
    caption, column, icon_text, nav_bar, row, set_theme, text, theme, themed, tile, title, toggle_with_detail, Icon,
    Theme,
};

use super::ui::{row_caption, SAFE_X};

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
            toggle_with_detail("Autoplay next episode", "Start the next episode when one ends", state.autoplay)
                .name("toggle-autoplay")
                .width(pct(100.0))
                .initial_focus(),
        )
        .child(
            toggle_with_detail("Subtitles", "Show subtitles in the player", state.subtitles)
                .name("toggle-subtitles")
                .width(pct(100.0)),
        )
        .child(
            toggle_with_detail("Reduce motion", "Cut animations short: no glides, no fades", reduced)
                .name("toggle-motion")
                .width(pct(100.0))
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

/// Theme: three choices as tabs; the current one is underlined, and the row is entered on it.
fn theme_row(app: &mut App) -> El {
    let current = theme(app).name;
    let selected = app.signal(THEMES.iter().position(|(n, _)| *n == current).unwrap_or(0));
    let choices = nav_bar(THEMES.iter().map(|t| t.1), selected)
        .item_names(THEMES.iter().map(|(n, _)| format!("theme-{n}")))
        .name("theme-choices")
        .on_select(|ctx, i| {
            if let Some((name, _)) = THEMES.get(i) {
                set_theme(ctx, theme_named(name));
            }
        });
    themed(column(), |t, l| {
        l.visual.background = Some(t.surface);
        l.visual.radii = tenfoot_renderer::Corners::all(t.radius.medium);
    })
    .name("theme-row")
    .owns(selected)
    .width(pct(100.0))
    .padding_xy(28.0, 18.0)
    .gap(12.0)
    .child(
        column()
            .gap(4.0)
            .child(text("Theme").weight(FontWeight::SEMIBOLD))
            .child(row_caption("Dark for the evening, light for bright rooms, high contrast for legibility")),
    )
    .child(row().margin_edges(Edges { left: -24.0, ..Edges::default() }).child(choices))
}

/// A tile and some text, to see the theme at a glance.
fn preview() -> El {
    column()
        .name("theme-preview")
        .gap(20.0)
        .child(text("Preview").weight(FontWeight::SEMIBOLD))
        .child(
            tile("posters/poster-07.png", "The Quiet Orbit")
                .width(220.0)
                .progress(0.4)
                .badge(icon_text(Icon::Sparkles, "NEW")),
        )
        .child(caption("Tiles, text and buttons follow the theme."))
}
