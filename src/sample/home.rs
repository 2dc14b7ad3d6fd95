//! Home: a nav bar (Home, Search, Settings, the profile), the hero billboard and rails from
//! `catalog.home`: continue watching (progress bars, episode badges), a numbered top 10 and
//! genre rails. The page scrolls vertically to keep the focused rail in view; each rail scrolls
//! horizontally and remembers its tile. Select on a tile opens details.

use std::rc::Rc;

use super::catalog::{Home, Rail};
use tenfoot_renderer::{FontWeight, Point, TextAlign};
use tenfoot_toolkit::t;
use tenfoot_toolkit::tasks::OnMount;
use tenfoot_toolkit::{
    pct, tree, Align, AnimProp, App, Edges, El, FocusScope, Insets, Scroll, ScrollPolicy, Spring, Widget,
};
use tenfoot_widgets::{
    button, column, deferred_with, hero, icon_text, rail, rail_skeleton, row, skeleton, skeleton_line, themed, Icon,
    ItemState, Theme,
};

use super::data;
use super::ui::{poster, TileExtras, POSTER_W, SAFE_X};

/// Rails shown on home (the catalog has more; eight fill the page without a long paint).
pub const RAILS: usize = 8;
const HERO_H: f32 = 720.0;

/// Pushes home for the current profile and starts loading it.
pub fn open(app: &mut App) {
    let state = super::state(app);
    let profile = state.profile.get(app);
    let id = profile.as_ref().map(|p| p.id.clone());
    let content = deferred_with(move |cx| data::home(cx, id.clone()), placeholder, view).name("home-content");
    let el = screen(app, profile.as_ref().map(|p| p.name.as_str()), content);
    let root = app.push_screen(el);
    app.set_route(root, "home");
}

/// The loaded home: continue watching as the host keeps it goes into the shared state (details
/// offer Resume from it), then the billboard and rails.
fn view(app: &mut App, home: Home) -> El {
    let points: Vec<_> = home
        .rails
        .iter()
        .filter(|r| r.kind == "continue")
        .flat_map(|r| r.items.iter().filter_map(|i| i.resume_point()))
        .collect();
    let state = super::state(app);
    state.resume.set(app, points);
    // Focus sat on the nav bar's Home while loading; the billboard's Play is the start.
    content(app, &home).with(OnMount::new(|app: &mut App, e| {
        let nav_home = app.find("nav-home");
        if app.focused().is_none() || app.focused() == nav_home {
            if let Some(play) = tree::find_by_name(app.world(), e, "hero-play") {
                app.set_focus(play);
            }
        }
    }))
}

fn screen(app: &mut App, profile: Option<&str>, content: El) -> El {
    let toasts = app.context::<tenfoot_widgets::Toasts>();
    let page = super::ui::page("home").child(
        column()
            .name("home-page")
            .size(pct(100.0), pct(100.0))
            .scroll(Scroll::vertical(ScrollPolicy::KeepInView { margin: 120.0 }))
            .child(content.width(pct(100.0)).shrink(0.0))
            .child(nav_bar(app, profile)),
    );
    // Over everything: the host's greeting.
    match toasts {
        Some(t) => page.child(tenfoot_widgets::toast_stack(t)),
        None => page,
    }
}

/// The nav bar items, by index: element name (also the message id), icon.
const NAV: [(&str, Icon); 3] =
    [("nav-home", Icon::Home), ("nav-search", Icon::Search), ("nav-settings", Icon::Settings)];

fn nav_bar(app: &mut App, profile: Option<&str>) -> El {
    let name = profile.map_or_else(|| t!(app, "nav-profile"), str::to_owned);
    // Home is the page this bar is on: Search and Settings open screens over it, so the
    // selection comes back to Home (what the bar shows when the user returns).
    let selected = app.signal(0usize);
    // Icon and word in one run of text; readers skip the icon and say the word.
    let words: Vec<String> = NAV.iter().map(|n| t!(app, n.0)).collect();
    let tabs = tenfoot_widgets::nav_bar(NAV.iter().zip(&words).map(|(n, w)| icon_text(n.1, w)), selected)
        .item_names(NAV.iter().map(|n| n.0))
        .name("nav-tabs")
        .on_select(move |ctx, i| match i {
            1 => {
                selected.set(ctx, 0);
                super::search::open(ctx);
            }
            2 => {
                selected.set(ctx, 0);
                super::settings::open(ctx);
            }
            _ => {
                if let Some(play) = ctx.find("hero-play") {
                    ctx.set_focus(play);
                }
            }
        });
    let who = button(name)
        .icon(Icon::User)
        .name("nav-profile")
        .hint("press Select to switch profile")
        .on_select(|ctx| ctx.pop_screen());
    themed(
        row()
            .name("nav")
            .inset(Insets::AUTO.left(0.0).right(0.0).top(0.0))
            .height(136.0)
            .padding_edges(Edges { left: SAFE_X, right: SAFE_X, top: 32.0, bottom: 40.0 })
            .gap(12.0)
            .align_items(Align::Center)
            .focus_scope(FocusScope::remembered())
            .owns(selected),
        |t, l| {
            let bg = t.background;
            l.visual.gradient = Some(tenfoot_toolkit::Gradient {
                angle: 180.0,
                stops: vec![(0.0, bg.with_opacity(0.9)), (1.0, bg.with_opacity(0.0))],
            });
        },
    )
    .child(logo().margin_edges(Edges { right: 36.0, ..Edges::default() }))
    .child(tabs)
    .child(El::new().grow(1.0))
    .child(who)
}

/// The wordmark.
pub fn logo() -> El {
    themed(El::new().text("tenfoot").font_size(40.0).weight(FontWeight::BOLD), |t, l| {
        if let Some(c) = &mut l.text {
            c.color = t.accent;
        }
    })
    .single_line()
}

fn placeholder() -> El {
    column()
        .width(pct(100.0))
        .gap(24.0)
        .child(
            El::new()
                .width(pct(100.0))
                .height(HERO_H)
                .shrink(0.0)
                .justify(tenfoot_toolkit::Justify::End)
                .padding_edges(Edges { left: SAFE_X, bottom: 96.0, ..Edges::default() })
                .gap(24.0)
                .child(skeleton_line(640.0, 72.0))
                .child(skeleton_line(360.0, 20.0))
                .child(skeleton_line(780.0, 26.0))
                .child(skeleton_line(700.0, 26.0))
                .child(row().gap(24.0).child(skeleton(180.0, 65.0)).child(skeleton(220.0, 65.0))),
        )
        .child(rail_skeleton(POSTER_W, POSTER_W * 1.5, 8))
}

fn content(app: &mut App, home: &Home) -> El {
    let h = &home.hero;
    let id = h.id.clone();
    let hero_title = std::rc::Rc::new(h.clone());
    let play = button(t!(app, "hero-play"))
        .primary()
        .name("hero-play")
        .initial_focus()
        .hint("press Select to play")
        .on_select(move |ctx| {
            super::player::open(ctx, &hero_title, None, false);
        })
        .on_focus(|ctx| scroll_to_top(ctx));
    let info = button(t!(app, "hero-info"))
        .name("hero-info")
        .on_select(move |ctx| {
            super::details::open(ctx, &id);
        })
        .on_focus(|ctx| scroll_to_top(ctx));
    let billboard = hero(h.backdrop.clone(), h.title.clone())
        .meta(h.meta_line(app))
        .synopsis(h.synopsis.clone())
        .button(play)
        .button(info)
        .height(HERO_H)
        .name("hero");
    let mut col = column()
        .name("rails")
        .width(pct(100.0))
        .gap(16.0)
        .padding_edges(Edges { bottom: 64.0, ..Edges::default() })
        .child(billboard.shrink(0.0));
    for r in home.rails.iter().take(RAILS) {
        col = col.child(home_rail(app, r));
    }
    col
}

/// The rail's heading in the app's language, by rail id (`rail-continue`, `rail-genre-drama`);
/// the host's heading for rails the app has no message for.
fn rail_title(app: &App, r: &Rail) -> String {
    let key = format!("rail-{}", r.id);
    if !super::l10n::has(app, &key) {
        return r.title.clone();
    }
    let name = app.context::<super::SampleState>().and_then(|s| s.profile.get_untracked(app).flatten()).map(|p| p.name);
    t!(app, &key, name = name.unwrap_or_default())
}

/// A top-10 item: the numeral's box and the poster tucked against it.
const RANK_W: f32 = 150.0;

fn home_rail(app: &mut App, r: &Rail) -> El {
    let resume = super::state(app).resume;
    let items = Rc::new(r.items.clone());
    let kind = r.kind.clone();
    let width = if kind == "top10" { RANK_W + POSTER_W } else { POSTER_W };
    let build = items.clone();
    let built = rail(rail_title(app, r), items.len(), move |s: &ItemState| {
        let Some(item) = build.get(s.index) else { return El::new() };
        match kind.as_str() {
            "continue" => poster(
                &item.title,
                POSTER_W,
                TileExtras { progress: item.progress, badge: item.episode.clone(), follow: Some(resume) },
            ),
            "top10" => ranked(item.rank.unwrap_or(s.index as u32 + 1), &item.title),
            _ => poster(&item.title, POSTER_W, TileExtras::default()),
        }
    })
    .item_width(width)
    .name(format!("rail-{}", r.id))
    .on_select(move |ctx, i| {
        if let Some(item) = items.get(i) {
            super::details::open(ctx, &item.title.id);
        }
    });
    El::from(built).shrink(0.0)
}

/// A top-10 entry: a big numeral with the poster tucked against it (two-digit ranks in a
/// smaller size, so "10" fits the same box).
fn ranked(rank: u32, item: &super::catalog::TitleSummary) -> El {
    let size = if rank >= 10 { 150.0 } else { 230.0 };
    let numeral = themed(
        El::new().text(rank.to_string()).font_size(size).weight(FontWeight::BOLD).line_height(1.0),
        |t: &Theme, l| {
            if let Some(c) = &mut l.text {
                c.color = t.text_muted.with_opacity(0.45);
            }
        },
    )
    .name("rank")
    // The tile says its title; the big numeral is decoration a reader would only repeat.
    .decorative()
    .single_line()
    .text_align(TextAlign::End)
    .width(RANK_W + 18.0)
    .shrink(0.0)
    .margin_edges(Edges { right: -18.0, bottom: 50.0, ..Edges::default() });
    // The rail's slot says what its item says: the tile's words, not the row's.
    let mut tile = poster(item, POSTER_W, TileExtras::default());
    let words = tile.take_semantics().unwrap_or_default();
    row().name("ranked").semantics(words).shrink(0.0).align_items(Align::End).child(numeral).child(tile)
}

/// Brings the page back to the top (the billboard and nav bar), gliding like every scroll.
fn scroll_to_top(app: &mut App) {
    let Some(page) = app.find("home-page").filter(|p| app.world().get::<&Scroll>(*p).is_ok()) else { return };
    let moved = match app.world_mut().get::<&mut Scroll>(page) {
        Ok(mut s) if s.offset != 0.0 => {
            s.offset = 0.0;
            s.target = 0.0;
            true
        }
        _ => false,
    };
    if moved {
        let stiffness = 300.0f32;
        let _ = app.spring(
            page,
            AnimProp::ScrollOffset,
            Point::new(0.0, 0.0),
            Spring::new(stiffness, 2.0 * stiffness.sqrt(), 1.0),
        );
    }
}
