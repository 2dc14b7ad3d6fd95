//! The sample's own look on top of the library's widgets: its screen margin, the poster tile
//! with what the catalog says about a title (progress that follows the player, the episode
//! badge), the list-row look of settings and episodes, avatars, and the page every screen is.
//! Rails, tabs, toggles and loaders are the library's (`tenfoot_widgets::{rail, nav_bar,
//! toggle_with_detail, deferred_with}`).

use super::catalog::TitleSummary;
use tenfoot_renderer::{Color, Corners, FontWeight, Transform};
use tenfoot_toolkit::{tree, App, El, Entity, FocusStyle, Role, Signal, TextContent, Visual};
use tenfoot_widgets::{column, text, themed, tile, Icon};

/// Left and right margin of every screen's content (the TV's title-safe area).
pub const SAFE_X: f32 = 120.0;
/// Poster width on rails (posters are 2:3).
pub const POSTER_W: f32 = 200.0;

/// What a poster tile shows besides poster and title.
#[derive(Clone, Debug, Default)]
pub struct TileExtras {
    pub progress: Option<f32>,
    pub badge: Option<String>,
    /// Continue watching: progress and episode follow where the profile stopped
    /// ([`super::SampleState::resume`]), `progress` and `badge` until the title is in it.
    pub follow: Option<Signal<Vec<super::ResumePoint>>>,
}

/// A poster tile for `item`, as a rail item (the rail's slot takes focus and Select); the
/// title's words and a hint are its semantics, which the slot takes over.
pub fn poster(item: &TitleSummary, width: f32, extras: TileExtras) -> El {
    let mut t = tile(item.poster.clone(), item.title.clone()).width(width);
    match (extras.follow, extras.progress) {
        (Some(resume), Some(p)) => {
            let id = item.id.clone();
            t = t.progress_when(move |app: &App| {
                resume.get(app).iter().find(|r| r.id == id).map(|r| r.progress).unwrap_or(p)
            });
        }
        (None, Some(p)) => t = t.progress(p),
        _ => {}
    }
    let badge = extras.badge.is_some();
    if let Some(b) = extras.badge {
        t = t.meta(spoken_episode(&b)).badge(b);
    }
    let mut el = El::from(t);
    if let (Some(resume), true) = (extras.follow, badge) {
        // The episode badge follows too (watching to the end moves on to the next episode).
        let id = item.id.clone();
        el = el.bind(move |app, e| {
            let label = resume.get(app).into_iter().find(|r| r.id == id).and_then(|r| r.episode_label());
            let Some(label) = label else { return };
            let badge = tree::find_by_name(app.world(), e, "badge");
            let text = badge.and_then(|b| tree::children(app.world(), b).first().copied());
            if let Some(t) = text {
                if app.world().get::<&tenfoot_toolkit::TextContent>(t).is_ok_and(|c| c.text != label) {
                    app.set_text(t, label);
                }
            }
        });
    }
    el.shrink(0.0).hint("press Select for details")
}

/// A focusable poster tile named `name` (outside a rail: search results); Select opens its
/// details.
pub fn poster_tile(name: String, item: &TitleSummary, width: f32) -> El {
    let id = item.id.clone();
    poster(item, width, TileExtras::default()).name(name).focusable().on_select(move |ctx| {
        super::details::open(ctx, &id);
    })
}

/// "S2:E2" as a reader should say it: "Season 2 Episode 2" (anything else as it is).
pub fn spoken_episode(badge: &str) -> String {
    let parsed = badge.strip_prefix('S').and_then(|rest| rest.split_once(":E"));
    match parsed {
        Some((s, e)) if s.parse::<u32>().is_ok() && e.parse::<u32>().is_ok() => format!("Season {s} Episode {e}"),
        _ => badge.to_owned(),
    }
}

/// The look of a list row (settings, episodes): a surface, raised and ringed while its focus
/// owner (the row, or the rail slot holding it) has focus, `scale` larger.
pub fn list_row(el: El, scale: f32) -> El {
    themed(el, move |t, l| {
        let rest = Visual { radii: Corners::all(t.radius.medium), background: Some(t.surface), ..Visual::default() };
        l.focus = Some(FocusStyle {
            visual: Some(Visual {
                background: Some(t.surface_raised),
                border: Some((t.focus_ring_width, t.focus_ring)),
                transform: Transform::scale(scale, scale),
                ..rest.clone()
            }),
            text_color: None,
        });
        l.visual = rest;
    })
    .transition("transform 120ms ease-out")
}

/// Muted caption text that brightens while its focus owner has focus.
pub fn row_caption(s: &str) -> El {
    themed(text(s.to_owned()), |t, l| {
        if let Some(c) = &mut l.text {
            c.style.size = t.type_scale.caption;
            c.color = t.text_muted;
        }
        l.focus = Some(FocusStyle { visual: None, text_color: Some(t.text) });
    })
    .max_lines(2)
}

/// A round avatar of `size` in `color` with `initial` in the middle.
pub fn avatar(color: Color, initial: &str, size: f32) -> El {
    El::new()
        .name("avatar")
        .size(size, size)
        .shrink(0.0)
        .center()
        .radius(size / 2.0)
        .gradient(160.0, &[(0.0, color), (1.0, darker(color))])
        .child(
            El::new()
                .text(initial.to_owned())
                .font_size((size * 0.45).round())
                .decorative()
                .weight(FontWeight::BOLD)
                .color(Color::rgba(255, 255, 255, 235)),
        )
}

fn darker(c: Color) -> Color {
    Color::rgba((c.r as f32 * 0.6) as u8, (c.g as f32 * 0.6) as u8, (c.b as f32 * 0.6) as u8, c.a)
}

/// `#e8b44a` as a colour (grey when malformed: the catalog is data, not code).
pub fn parse_hex(s: &str) -> Color {
    u32::from_str_radix(s.trim_start_matches('#'), 16).map(Color::hex).unwrap_or(Color::hex(0x777777))
}

/// A full-screen page: the theme's background, fixed 1920x1080 logical size. A screen for
/// readers, called by its name ("home": "Home"; a screen may give a better label).
pub fn page(name: &str) -> El {
    let mut label: String = name.chars().take(1).flat_map(char::to_uppercase).collect();
    label.extend(name.chars().skip(1));
    themed(column().name(name.to_owned()).size(1920.0, 1080.0).clip(), |t, l| l.visual.background = Some(t.background))
        .role(Role::Screen)
        .label(label)
}

/// Changes what button `b` says: its label (the text that is not the leading icon) and the
/// name readers hear. Does nothing to a label that already reads `label`.
pub fn set_button_label(app: &mut App, b: Entity, label: &str) {
    if set_button_text(app, b, label) {
        app.update_semantics(b, |s| s.label = Some(label.to_owned()));
    }
}

/// Changes the text of button `b` beside its icon, not what readers hear (a toggle's state
/// words, which readers get as its checked state). True when it changed.
pub fn set_button_text(app: &mut App, b: Entity, label: &str) -> bool {
    let children = tree::children(app.world(), b);
    let text = children.iter().copied().find(|&c| {
        let icon = app.world().get::<&tenfoot_toolkit::Name>(c).is_ok_and(|n| n.0 == "icon");
        !icon && app.world().get::<&TextContent>(c).is_ok()
    });
    let Some(text) = text else { return false };
    let changed = app.world().get::<&TextContent>(text).is_ok_and(|t| t.text != label);
    if changed {
        app.set_text(text, label.to_owned());
    }
    changed
}

/// Changes the icon leading button `b` (a button made with `.icon(..)`).
pub fn set_button_icon(app: &mut App, b: Entity, icon: Icon) {
    let Some(c) = tree::find_by_name(app.world(), b, "icon") else { return };
    let glyph = icon.char().to_string();
    if app.world().get::<&TextContent>(c).is_ok_and(|t| t.text != glyph) {
        app.set_text(c, glyph);
    }
}
