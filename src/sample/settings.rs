//! Settings: toggle rows (autoplay, subtitles, reduced motion) and the theme switch (dark,
//! light, high contrast through `tenfoot_widgets::set_theme`; every themed element re-styles in
//! the next frame, covered screens included). The toggles are the app's shared state, so the
//! player shows subtitles once they are on.

use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::t;
use tenfoot_toolkit::{pct, Align, App, Edges, El, FocusScope, Locale, Signal};
use tenfoot_widgets::{
    caption, column, icon_text, nav_bar, row, set_theme, text, theme, themed, tile, title, toggle_with_detail, Icon,
    Theme,
};

use super::l10n::LANGUAGES;
use super::ui::{row_caption, SAFE_X};

/// The themes offered, by name (`theme-<name>` is the label's message).
pub const THEMES: [&str; 3] = ["dark", "light", "high-contrast"];

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
    let who = state.profile.get(app).map(|p| p.name).unwrap_or_else(|| t!(app, "settings-guest"));
    let reduced = app.signal(app.reduced_motion());
    let rows = column()
        .name("settings-list")
        .width(1040.0)
        .shrink(0.0)
        .gap(16.0)
        .focus_scope(FocusScope::remembered())
        .child(
            toggle_with_detail(t!(app, "settings-autoplay"), t!(app, "settings-autoplay-detail"), state.autoplay)
                .name("toggle-autoplay")
                .width(pct(100.0))
                .initial_focus(),
        )
        .child(
            toggle_with_detail(t!(app, "settings-subtitles"), t!(app, "settings-subtitles-detail"), state.subtitles)
                .name("toggle-subtitles")
                .width(pct(100.0)),
        )
        .child(
            toggle_with_detail(t!(app, "settings-motion"), t!(app, "settings-motion-detail"), reduced)
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
        .child(theme_row(app))
        .child(language_row(app));
    super::ui::page("settings")
        .padding_edges(Edges { left: SAFE_X, right: SAFE_X, top: 72.0, bottom: 72.0 })
        .gap(12.0)
        .child(title(t!(app, "settings-title")).name("settings-title"))
        .child(
            caption(t!(app, "settings-profile", name = who)).margin_edges(Edges { bottom: 36.0, ..Edges::default() }),
        )
        .child(row().gap(96.0).align_items(Align::Start).child(rows).child(preview(app)))
}

/// Theme: three choices as tabs; the current one is underlined, and the row is entered on it.
fn theme_row(app: &mut App) -> El {
    let current = theme(app).name;
    let selected = app.signal(THEMES.iter().position(|n| *n == current).unwrap_or(0));
    let labels: Vec<String> = THEMES.iter().map(|n| t!(app, &format!("theme-{n}"))).collect();
    let choices = nav_bar(labels.iter().map(String::as_str), selected)
        .item_names(THEMES.iter().map(|n| format!("theme-{n}")))
        .name("theme-choices")
        .on_select(|ctx, i| {
            if let Some(name) = THEMES.get(i) {
                set_theme(ctx, theme_named(name));
            }
        });
    choice_row("theme-row", t!(app, "settings-theme"), &t!(app, "settings-theme-detail"), selected, choices)
}

/// Language: each language by its own name; choosing one rebuilds every screen in it with
/// focus kept here (`l10n.rs`), and Arabic and Hebrew mirror the layout.
fn language_row(app: &mut App) -> El {
    let current = app.locale();
    let selected = app.signal(LANGUAGES.iter().position(|(tag, _)| *tag == current.language()).unwrap_or(0));
    let choices = nav_bar(LANGUAGES.iter().map(|l| l.1), selected)
        .item_names(LANGUAGES.iter().map(|(tag, _)| format!("language-{tag}")))
        .name("language-choices")
        .on_select(|ctx, i| {
            if let Some(locale) = LANGUAGES.get(i).and_then(|(tag, _)| Locale::parse(tag).ok()) {
                ctx.set_locale(locale);
            }
        });
    choice_row("language-row", t!(app, "settings-language"), &t!(app, "settings-language-detail"), selected, choices)
}

/// A settings row of choices (theme, language): its title and caption over the choices, the
/// selected index owned by the row.
fn choice_row(name: &str, title: String, detail: &str, selected: Signal<usize>, choices: impl Into<El>) -> El {
    themed(column(), |t, l| {
        l.visual.background = Some(t.surface);
        l.visual.radii = tenfoot_renderer::Corners::all(t.radius.medium);
    })
    .name(name.to_owned())
    .owns(selected)
    .width(pct(100.0))
    .padding_xy(28.0, 18.0)
    .gap(12.0)
    .child(column().gap(4.0).child(text(title).weight(FontWeight::SEMIBOLD)).child(row_caption(detail)))
    .child(row().margin_edges(Edges { left: -24.0, ..Edges::default() }).child(choices))
}

/// A tile and some text, to see the theme at a glance.
fn preview(app: &App) -> El {
    column()
        .name("theme-preview")
        .gap(20.0)
        .child(text(t!(app, "settings-preview")).weight(FontWeight::SEMIBOLD))
        .child(
            tile("posters/poster-07.png", "The Quiet Orbit")
                .width(220.0)
                .progress(0.4)
                .badge(icon_text(Icon::Sparkles, &t!(app, "badge-new"))),
        )
        .child(caption(t!(app, "settings-preview-caption")))
}
