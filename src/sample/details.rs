//! Details: one title from `catalog.title`. The backdrop with scrims, title, meta line and
//! synopsis (the hero widget), Play / Trailer / My List, and for series the season tabs with
//! that season's episodes as a rail of cards. Select on a season tab shows its episodes;
//! Select on an episode plays it.

use std::rc::Rc;
use std::time::Duration;

use super::catalog::{Episode, MyList, ResumePoint, TitleDetails};
use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::t;
use tenfoot_toolkit::tasks::OnMount;
use tenfoot_toolkit::{pct, tree, App, Edges, El, FocusMemory, Scroll, ScrollPolicy, Signal, Widget};
use tenfoot_widgets::{
    button, caption, column, deferred_with, hero, icon_text, image, nav_bar, rail_of, row, skeleton, skeleton_line,
    text, Icon, Theme,
};

use super::data;
use super::ui::{list_row, set_button_icon, set_button_label, SAFE_X};

const HERO_SERIES_H: f32 = 700.0;
const CARD_W: f32 = 400.0;

/// Pushes the details of title `id` and starts loading it.
pub fn open(app: &mut App, id: &str) {
    let wanted = id.to_owned();
    let content = deferred_with(move |cx| data::title(cx, wanted.clone()), placeholder, content)
        .name("details-content")
        .width(pct(100.0))
        .shrink(0.0);
    let root = app.push_screen(
        super::ui::page("details").child(
            column()
                .name("details-page")
                .size(pct(100.0), pct(100.0))
                .scroll(Scroll::vertical(ScrollPolicy::KeepInView { margin: 60.0 }))
                .child(content),
        ),
    );
    app.set_route(root, format!("details/{id}"));
}

fn placeholder() -> El {
    column()
        .width(pct(100.0))
        .height(1080.0)
        .justify(tenfoot_toolkit::Justify::End)
        .padding_edges(Edges { left: SAFE_X, bottom: 120.0, ..Edges::default() })
        .gap(24.0)
        .child(skeleton_line(720.0, 72.0))
        .child(skeleton_line(420.0, 20.0))
        .child(skeleton_line(820.0, 26.0))
        .child(skeleton_line(760.0, 26.0))
        .child(skeleton_line(520.0, 26.0))
        .child(row().gap(24.0).child(skeleton(180.0, 65.0)).child(skeleton(200.0, 65.0)).child(skeleton(260.0, 65.0)))
}

fn content(app: &mut App, t: TitleDetails) -> El {
    let t = Rc::new(t);
    let state = super::state(app);
    let t1 = t.clone();
    let t2 = t.clone();
    // Where the profile stopped (continue watching): Play becomes "Resume S3:E3", plays that
    // episode from there, and the page opens on that season. It follows the player: back from
    // watching, the label says where it stopped now.
    let resume = state.resume_of(app, &t.id);
    let id = t.id.clone();
    let play = button(play_label(app, resume.as_ref()))
        .icon(Icon::Play)
        .primary()
        .name("details-play")
        .initial_focus()
        .on_select(move |ctx| match state.resume_of(ctx, &t1.id) {
            Some(r) => {
                let ep = episode_at(&t1, &r);
                super::player::open_at(ctx, &t1, ep, r.progress);
            }
            None => super::player::open(ctx, &t1, first_episode(&t1), false),
        })
        .bind(move |app, b| {
            let label = play_label(app, state.resume_of(app, &id).as_ref());
            set_button_label(app, b, &label);
        });
    let trailer =
        button(t!(app, "details-trailer")).icon(Icon::Clapperboard).name("details-trailer").on_select(move |ctx| {
            super::player::open(ctx, &t2, None, true);
        });
    let listed = state.watchlist.get(app).contains(&t.id);
    let id = t.id.clone();
    let watchlist =
        button(list_label(app, listed)).icon(list_icon(listed)).name("details-watchlist").on_select(move |ctx| {
            let b = ctx.target();
            let state = super::state(ctx);
            let mut list = state.watchlist.get(ctx);
            let now_listed = if let Some(i) = list.iter().position(|x| *x == id) {
                list.remove(i);
                false
            } else {
                list.push(id.clone());
                true
            };
            state.watchlist.set(ctx, list.clone());
            // The host owns My List: it stores the change and echoes the list it keeps.
            ctx.send(MyList { ids: list });
            let label = list_label(ctx, now_listed);
            set_button_label(ctx, b, &label);
            set_button_icon(ctx, b, list_icon(now_listed));
        });
    let series = !t.seasons.is_empty();
    // The rating's star is an icon (readers skip it and say the score after the rest).
    let score = tenfoot_toolkit::l10n::format::number(&app.locale(), f64::from(t.score), 1);
    let meta = format!("{} \u{b7} {}", t.meta_line(app), icon_text(Icon::Star, &score));
    let billboard = hero(t.backdrop.clone(), t.title.clone())
        .meta(meta)
        .synopsis(t.synopsis.clone())
        .button(play)
        .button(trailer)
        .button(watchlist)
        .height(if series { HERO_SERIES_H } else { 1080.0 })
        .name("details-hero");
    let mut col = column().width(pct(100.0)).child(billboard.shrink(0.0));
    if series {
        let season = season_index(&t, resume.as_ref());
        // Down from the season tabs lands on the episode the profile is in the middle of.
        let episode = resume.as_ref().and_then(|r| {
            let eps = &t.seasons.get(season)?.episodes;
            eps.iter().position(|e| Some(e.number) == r.episode)
        });
        col = col.child(seasons(app, t, season, episode));
    }
    col
}

/// My List's icon: a plus to add, a check once listed.
fn list_icon(listed: bool) -> Icon {
    if listed {
        Icon::Check
    } else {
        Icon::Plus
    }
}

fn list_label(app: &App, listed: bool) -> String {
    if listed {
        t!(app, "details-in-list")
    } else {
        t!(app, "details-add-list")
    }
}

fn first_episode(t: &TitleDetails) -> Option<&Episode> {
    t.seasons.first().and_then(|s| s.episodes.first())
}

/// "Resume S3:E3", "Resume" (a movie), or "Play".
fn play_label(app: &App, resume: Option<&ResumePoint>) -> String {
    match resume.map(|r| r.episode_label()) {
        Some(Some(ep)) => t!(app, "details-resume-episode", episode = ep),
        Some(None) => t!(app, "details-resume"),
        None => t!(app, "details-play"),
    }
}

/// The episode a resume point names (the first one when it names none the title has).
fn episode_at<'t>(t: &'t TitleDetails, r: &ResumePoint) -> Option<&'t Episode> {
    let named = t
        .seasons
        .iter()
        .find(|s| Some(s.number) == r.season)
        .and_then(|s| s.episodes.iter().find(|e| Some(e.number) == r.episode));
    named.or_else(|| first_episode(t))
}

/// The index of the season a resume point is in (0 without one).
fn season_index(t: &TitleDetails, r: Option<&ResumePoint>) -> usize {
    r.and_then(|r| t.seasons.iter().position(|s| Some(s.number) == r.season)).unwrap_or(0)
}

/// Width of an episode card's still.
const STILL_W: f32 = CARD_W;

/// One episode as a rail item: its season's number with it (the card says "S3:E1").
type SeasonEpisode = (u32, Episode);

fn episodes_of(t: &TitleDetails, i: usize) -> Vec<SeasonEpisode> {
    t.seasons.get(i).map(|s| s.episodes.iter().map(|e| (s.number, e.clone())).collect()).unwrap_or_default()
}

/// Season tabs over the chosen season's episodes.
fn seasons(app: &mut App, t: Rc<TitleDetails>, first: usize, episode: Option<usize>) -> El {
    let season: Signal<usize> = app.signal(first);
    let episodes: Signal<Vec<SeasonEpisode>> = app.signal(episodes_of(&t, first));
    let t2 = t.clone();
    let names: Vec<String> = t.seasons.iter().map(|s| t!(app, "details-season", number = s.number)).collect();
    let tabs = nav_bar(names.iter().map(String::as_str), season)
        .item_names(t.seasons.iter().map(|s| format!("season-{}", s.number)))
        .name("season-tabs")
        .on_select(move |ctx, i| {
            let eps = episodes_of(&t2, i);
            episodes.set(ctx, eps);
        });
    let t3 = t.clone();
    let rail = rail_of(t!(app, "details-episodes"), episodes, move |(season, ep): &SeasonEpisode, _| {
        episode_card(&t3, *season, ep)
    })
    .hide_title()
    .item_width(CARD_W + 32.0)
    .item_gap(32.0)
    .name("episodes")
    .on_select(move |ctx, i| {
        let Some((_, ep)) = episodes.get(ctx).get(i).cloned() else { return };
        super::player::open(ctx, &t, Some(&ep), false);
    });
    // The rail is entered on its remembered item: the resumed episode until the user moves.
    let rail = El::from(rail).shrink(0.0).with(OnMount::new(move |app: &mut App, e| {
        let Some(i) = episode else { return };
        let Some(items) = tree::find_by_name(app.world(), e, "items") else { return };
        if let Some(slot) = tree::find_by_name(app.world(), items, &format!("item-{i}")) {
            let _ = app.world_mut().insert_one(items, FocusMemory(Some(slot)));
        }
    }));
    column()
        .name("seasons")
        .width(pct(100.0))
        .shrink(0.0)
        .owns(season)
        .owns(episodes)
        .padding_edges(Edges { bottom: 48.0, ..Edges::default() })
        .child(row().padding_xy(SAFE_X - 24.0, 12.0).child(tabs))
        .child(rail)
}

fn episode_card(t: &TitleDetails, season: u32, ep: &Episode) -> El {
    let th = Theme::dark();
    let (number, minutes) = (ep.number, u64::from(ep.runtime_min));
    list_row(column(), 1.04)
        .name(format!("episode-{}", ep.number))
        .width(CARD_W + 32.0)
        .shrink(0.0)
        .padding(16.0)
        .gap(12.0)
        .child(
            image(if ep.still.is_empty() { t.backdrop.clone() } else { ep.still.clone() })
                .name("still")
                .size(STILL_W, STILL_W * 9.0 / 16.0)
                .radius(th.radius.small),
        )
        .child(
            text(format!("{}. {}", ep.number, ep.title))
                .name("episode-title")
                .weight(FontWeight::SEMIBOLD)
                .single_line(),
        )
        .child(caption("").single_line().bind_text(move |app| {
            let code = t!(app, "episode-code", season = season, episode = number);
            let length = tenfoot_toolkit::l10n::format::duration(&app.locale(), Duration::from_secs(minutes * 60));
            format!("{code} \u{b7} {length}")
        }))
        .child(super::ui::row_caption(&ep.synopsis))
}
