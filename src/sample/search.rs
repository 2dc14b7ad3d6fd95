//! Search: an on-screen keyboard typing into a query, and a results grid that updates as you
//! type (each change asks `catalog.search`; answers to older queries are dropped). The keyboard
//! is app-local (a grid of focusable keys) until the library's keyboard widget lands.

use std::cell::Cell;
use std::rc::Rc;

use tenfoot_preview::catalog::SearchResults;
use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::{pct, tree, Align, App, Edges, El, Entity, FocusScope, Scroll, ScrollPolicy, Signal, TaskHandle};
use tenfoot_widgets::{caption, column, row, skeleton, spinner, text, theme, themed, title};

use super::data;
use super::ui::{key, poster_tile, TileExtras, SAFE_X};

const KEY_W: f32 = 88.0;
const KEY_GAP: f32 = 12.0;
const COLUMNS: usize = 6;
const RESULT_W: f32 = 170.0;
/// Results asked for per query.
pub const LIMIT: usize = 20;

/// Pushes the search screen.
pub fn open(app: &mut App) {
    let query = app.signal(String::new());
    let status = app.signal(String::from("Top searches"));
    let busy = app.signal(false);
    let el = screen(app, query, status, busy).owns(query).owns(status).owns(busy);
    let root = app.push_screen(el);
    let Some(grid) = tree::find_by_name(app.world(), root, "results") else { return };
    let running: Rc<Cell<Option<TaskHandle>>> = Rc::default();
    // Every change of the query starts a search; the previous one is cancelled.
    app.effect(grid, move |app| {
        let q = query.get(app);
        if let Some(old) = running.take() {
            app.cancel_task(old);
        }
        busy.set(app, true);
        let task = app.spawn_owned_with(grid, move |cx| async move {
            let result = data::search(cx.clone(), q.trim().to_owned(), LIMIT).await;
            cx.update(move |app| {
                if query.get_untracked(app).as_deref() != Some(q.as_str()) {
                    return;
                }
                busy.set(app, false);
                show(app, grid, &q, result, status);
            });
        });
        running.set(Some(task));
    });
}

fn screen(app: &mut App, query: Signal<String>, status: Signal<String>, busy: Signal<bool>) -> El {
    super::ui::page("search")
        .direction(tenfoot_toolkit::Direction::Row)
        .padding_edges(Edges { left: SAFE_X, right: SAFE_X, top: 72.0, bottom: 0.0 })
        .gap(80.0)
        .child(
            column()
                .name("search-left")
                .width(COLUMNS as f32 * KEY_W + (COLUMNS - 1) as f32 * KEY_GAP)
                .shrink(0.0)
                .gap(32.0)
                .child(title("Search").name("search-title"))
                .child(query_field(query))
                .child(keyboard(app, query)),
        )
        .child(
            column()
                .name("search-right")
                .grow(1.0)
                .gap(8.0)
                .child(
                    row()
                        .gap(20.0)
                        .align_items(Align::Center)
                        .height(58.0)
                        .child(text("").name("results-status").weight(FontWeight::SEMIBOLD).text_signal(status))
                        .child(spinner(32.0).name("results-busy").visible_when(busy)),
                )
                .child(
                    column()
                        .name("results-scroll")
                        .width(pct(100.0))
                        .grow(1.0)
                        .scroll(Scroll::vertical(ScrollPolicy::KeepInView { margin: 60.0 }))
                        .child(
                            row()
                                .name("results")
                                .wrap()
                                .width(pct(100.0))
                                .shrink(0.0)
                                .gap(32.0)
                                .padding_edges(Edges { left: 12.0, right: 12.0, top: 24.0, bottom: 48.0 })
                                .focus_scope(FocusScope::remembered())
                                .children((0..10).map(|_| result_skeleton())),
                        ),
                ),
        )
}

fn result_skeleton() -> El {
    column().gap(12.0).shrink(0.0).child(skeleton(RESULT_W, RESULT_W * 1.5)).child(skeleton(140.0, 20.0).radius(6.0))
}

/// The text typed so far, with a caret; a hint while empty.
fn query_field(query: Signal<String>) -> El {
    themed(row().name("query-box").height(76.0).padding_xy(24.0, 0.0).align_items(Align::Center), |t, l| {
        l.visual.background = Some(t.surface);
        l.visual.radii = tenfoot_renderer::Corners::all(t.radius[0]);
        l.visual.border = Some((2.0, t.surface_raised));
    })
    .child(
        text("")
            .name("query")
            .single_line()
            .bind_text(move |app| {
                let q = query.get(app);
                if q.is_empty() {
                    "Titles, genres, moods".to_owned()
                } else {
                    format!("{q}|")
                }
            })
            .bind_text_content(move |app, c| {
                let t = theme(app);
                c.color = if query.get(app).is_empty() { t.text_muted } else { t.text };
            }),
    )
}

fn keyboard(app: &mut App, query: Signal<String>) -> El {
    let chars: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let mut rows = Vec::new();
    for (r, chunk) in chars.chunks(COLUMNS).enumerate() {
        let keys: Vec<El> = chunk
            .iter()
            .map(|c| {
                let c = *c;
                let k = key(app, &format!("key-{c}"), &c.to_uppercase().to_string(), KEY_W)
                    .on_select(move |ctx| ctx.defer(move |app| query.update(app, |q| q.push(c))));
                if r == 0 && c == 'a' {
                    k.initial_focus()
                } else {
                    k
                }
            })
            .collect();
        rows.push(row().gap(KEY_GAP).children(keys));
    }
    let wide = 2.0 * KEY_W + KEY_GAP;
    let space = key(app, "key-space", "Space", wide).on_select(move |ctx| {
        ctx.defer(move |app| {
            query.update(app, |q| {
                if !q.is_empty() && !q.ends_with(' ') {
                    q.push(' ');
                }
            })
        })
    });
    let delete = key(app, "key-delete", "Delete", wide).on_select(move |ctx| {
        ctx.defer(move |app| {
            query.update(app, |q| {
                q.pop();
            })
        })
    });
    let clear =
        key(app, "key-clear", "Clear", wide).on_select(move |ctx| ctx.defer(move |app| query.set(app, String::new())));
    rows.push(row().gap(KEY_GAP).child(space).child(delete).child(clear));
    column().name("keyboard").gap(KEY_GAP).focus_scope(FocusScope::remembered()).children(rows)
}

/// Replaces the grid's tiles with `result` (or a message).
fn show(app: &mut App, grid: Entity, q: &str, result: Result<SearchResults, String>, status: Signal<String>) {
    data::clear(app, grid);
    let q = q.trim();
    match result {
        Ok(r) if r.results.is_empty() => {
            status.set(app, format!("No titles match \u{201c}{q}\u{201d}"));
            app.mount(grid, caption("Try a shorter word, a genre or a mood.").name("no-results"));
        }
        Ok(r) => {
            let line = if q.is_empty() {
                "Top searches".to_owned()
            } else {
                format!("Results for \u{201c}{q}\u{201d} \u{b7} {} titles", r.total)
            };
            status.set(app, line);
            for (i, t) in r.results.iter().enumerate() {
                let tile = poster_tile(app, format!("result-{i}"), t, RESULT_W, TileExtras::default());
                app.mount(grid, tile);
            }
        }
        Err(e) => {
            status.set(app, "Search is unavailable".to_owned());
            app.mount(grid, caption(e).name("search-error"));
        }
    }
}
