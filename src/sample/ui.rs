//! App-local components of the sample: the pieces the widget library does not have yet (a
//! focus-driven poster tile, rails, chips, toggle rows, avatars). Each is a function returning
//! an `El`, themed through `tenfoot_widgets::theme`, so it can be swapped for the library
//! widget (Rail, Toggle, NavBar) once that lands.
//!
//! Focus looks here are driven by a per-element `Signal<bool>` written from `on_focus` /
//! `on_blur` ([`tracked`]); bindings read it together with the theme, so a look is right after
//! a theme switch too.

use super::catalog::TitleSummary;
use tenfoot_renderer::{Color, Corners, FontWeight, Point};
use tenfoot_toolkit::{
    pct, tree, Align, App, Edges, El, FocusScope, Insets, Justify, Role, Scroll, ScrollPolicy, Shadow, Signal, Source,
    Visual,
};
use tenfoot_widgets::{column, heading, row, skeleton, skeleton_line, text, theme, themed, tile, Theme};

/// Left and right margin of every screen's content (the TV's title-safe area).
pub const SAFE_X: f32 = 120.0;
/// Poster width on rails (posters are 2:3).
pub const POSTER_W: f32 = 200.0;
/// Room around a rail's tiles for the focused tile's scale-up, ring and shadow.
const RAIL_PAD_Y: f32 = 30.0;

/// Makes `el` focusable and returns the signal that is true while it has focus. The signal is
/// owned by the element (disposed with it).
pub fn tracked(app: &mut App, el: El) -> (El, Signal<bool>) {
    let f = app.signal(false);
    let el = el.focusable().owns(f).on_focus(move |ctx| f.set(ctx, true)).on_blur(move |ctx| f.set(ctx, false));
    (el, f)
}

/// What a poster tile shows besides poster and title.
#[derive(Clone, Debug, Default)]
pub struct TileExtras {
    pub progress: Option<f32>,
    pub badge: Option<String>,
    /// Continue watching: progress and episode follow where the profile stopped
    /// ([`super::SampleState::resume`]), `progress` and `badge` until the title is in it.
    pub follow: Option<Signal<Vec<super::ResumePoint>>>,
}

/// A focusable poster tile for `item`; Select opens its details. (The app is no longer needed:
/// the tile's focus looks follow the tile's own focus.)
pub fn poster_tile(_app: &mut App, name: String, item: &TitleSummary, width: f32, extras: TileExtras) -> El {
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
    let id = item.id.clone();
    el.name(name).shrink(0.0).focusable().hint("press Select for details").on_select(move |ctx| {
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

/// A titled, horizontally scrolling rail of `items` (each built with `.shrink(0.0)`). The row
/// is a focus scope that remembers its last tile; it scrolls to keep the focused tile in view
/// with room for the next one to peek in.
pub fn rail(name: &str, title: &str, items: Vec<El>) -> El {
    column()
        .name(name.to_owned())
        .width(pct(100.0))
        .shrink(0.0)
        .child(heading(title.to_owned()).name("rail-title").margin_edges(Edges { left: SAFE_X, ..Edges::default() }))
        .child(
            row()
                .name("row")
                .width(pct(100.0))
                .padding_xy(SAFE_X, RAIL_PAD_Y)
                .gap(32.0)
                .align_items(Align::End)
                .scroll(Scroll::horizontal(ScrollPolicy::KeepInView { margin: 240.0 }))
                .focus_scope(FocusScope::remembered())
                .role(Role::List)
                .label(title.to_owned())
                .children(items),
        )
}

/// The rail's loading state: a title line and `n` poster skeletons.
pub fn rail_skeleton(n: usize) -> El {
    column().width(pct(100.0)).shrink(0.0).gap(8.0).padding_xy(SAFE_X, 0.0).child(skeleton_line(320.0, 34.0)).child(
        row()
            .gap(32.0)
            .padding_xy(0.0, RAIL_PAD_Y)
            .children((0..n).map(|_| skeleton(POSTER_W, POSTER_W * 1.5).shrink(0.0))),
    )
}

/// How a [`chip`] looks at rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChipKind {
    /// No fill until focused (nav bar items).
    Plain,
    /// A raised fill (tabs, choices).
    Solid,
}

fn chip_visual(t: &Theme, kind: ChipKind, focused: bool, selected: bool) -> Visual {
    let mut v = Visual { radii: Corners::all(t.radius.small), ..Visual::default() };
    if focused {
        v.background = Some(t.text);
        v.scale = Point::new(1.06, 1.06);
        v.shadow = Some(Shadow { y: 6.0, blur: 20.0, color: Color::rgba(0, 0, 0, 140), ..Shadow::NONE });
    } else {
        v.background = match kind {
            ChipKind::Plain => None,
            ChipKind::Solid => Some(t.surface_raised),
        };
        v.scale = Point::new(1.0, 1.0);
        if selected {
            v.border = Some((3.0, t.accent));
        }
    }
    v
}

fn chip_text_color(t: &Theme, focused: bool, selected: bool) -> Color {
    if focused {
        t.background
    } else if selected {
        t.text
    } else {
        t.text_muted
    }
}

/// A focusable pill with `label`: nav items, season tabs, theme choices. Focused it fills with
/// the text colour and scales up; `selected` draws an accent outline (the current page, season
/// or theme).
pub fn chip(app: &mut App, name: &str, label: &str, kind: ChipKind, selected: impl Source<bool> + Clone) -> El {
    let (el, f) = tracked(app, El::new());
    let s2 = selected.clone();
    let s3 = selected.clone();
    el.name(name.to_owned())
        .bind_semantics(move |app, s| s.selected = s3.read(app))
        .direction(tenfoot_toolkit::Direction::Row)
        .center()
        .padding_xy(28.0, 12.0)
        .shrink(0.0)
        .transition("transform 120ms ease-out")
        .bind_visual(move |app, v| {
            let keep = v.transform;
            *v = chip_visual(&theme(app), kind, f.get(app), selected.read(app));
            v.transform = keep;
        })
        .child(
            text(label.to_owned())
                .weight(FontWeight::SEMIBOLD)
                .single_line()
                .bind_text_content(move |app, c| c.color = chip_text_color(&theme(app), f.get(app), s2.read(app))),
        )
}

/// A settings row: `label` and `detail` on the left, a switch on the right showing `value`.
/// Select flips `value`.
pub fn toggle_row(app: &mut App, name: &str, label: &str, detail: &str, value: Signal<bool>) -> El {
    let (el, f) = tracked(app, El::new());
    let knob = El::new()
        .name("knob")
        .size(32.0, 32.0)
        .inset(Insets::AUTO.left(4.0).top(4.0))
        .animate_layout()
        .bind_style(move |app, s| s.inset[0] = Some(tenfoot_toolkit::px(if value.get(app) { 36.0 } else { 4.0 })))
        .bind_visual(move |app, v| {
            let t = theme(app);
            v.radii = Corners::all(16.0);
            v.background = Some(if value.get(app) { t.on_accent } else { t.text });
        });
    let switch = El::new()
        .name("switch")
        .size(72.0, 40.0)
        .shrink(0.0)
        .bind_visual(move |app, v| {
            let t = theme(app);
            v.radii = Corners::all(20.0);
            v.background = Some(if value.get(app) { t.accent } else { t.track });
        })
        .child(knob);
    el.name(name.to_owned())
        .role(Role::Toggle)
        .label(label.to_owned())
        .description(detail.to_owned())
        .bind_semantics(move |app, s| s.checked = Some(value.get(app)))
        .direction(tenfoot_toolkit::Direction::Row)
        .align_items(Align::Center)
        .justify(Justify::SpaceBetween)
        .width(pct(100.0))
        .padding_xy(32.0, 20.0)
        .bind_visual(move |app, v| *v = row_visual(&theme(app), f.get(app)))
        .on_select(move |ctx| value.update(ctx, |v| *v = !*v))
        .child(
            column().gap(4.0).child(text(label.to_owned()).weight(FontWeight::SEMIBOLD)).child(row_caption(detail, f)),
        )
        .child(switch)
}

/// The look of a focusable list row (settings, episodes): raised and ringed when focused.
pub fn row_visual(t: &Theme, focused: bool) -> Visual {
    let mut v = Visual { radii: Corners::all(t.radius.medium), ..Visual::default() };
    if focused {
        v.background = Some(t.surface_raised);
        v.border = Some((t.focus_ring_width, t.focus_ring));
    } else {
        v.background = Some(t.surface);
    }
    v
}

/// Muted caption text that brightens while `focused`.
pub fn row_caption(s: &str, focused: impl Source<bool>) -> El {
    themed(text(s.to_owned()), |t, l| {
        if let Some(c) = &mut l.text {
            c.style.size = t.type_scale.caption;
        }
    })
    .max_lines(2)
    .bind_text_content(move |app, c| {
        let t = theme(app);
        c.color = if focused.read(app) { t.text } else { t.text_muted };
    })
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
