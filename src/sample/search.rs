//! Search: the library's on-screen keyboard typing into a text field, and a results grid that
//! updates as you type (each change asks `catalog.search`; answers to older queries are
//! dropped).

use std::cell::Cell;
use std::rc::Rc;

use super::catalog::SearchResults;
use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::t;
use tenfoot_toolkit::{pct, tree, Align, App, Edges, El, Entity, FocusScope, Scroll, ScrollPolicy, Signal, TaskHandle};
use tenfoot_widgets::{caption, column, keyboard, row, skeleton, spinner, text, text_input, title};

use super::data;
use super::ui::{poster_tile, SAFE_X};

/// The keyboard's keys (the library's default 88 px, 12 px apart) and columns.
const KEY_W: f32 = 88.0;
const KEY_GAP: f32 = 12.0;
const COLUMNS: usize = 6;
/// The longest query: a title, never a paragraph.
const MAX_QUERY: usize = 40;
const RESULT_W: f32 = 170.0;
/// Results asked for per query.
pub const LIMIT: usize = 20;

/// Pushes the search screen.
pub fn open(app: &mut App) {
    let query = app.signal(String::new());
    let status = app.signal(t!(app, "search-top"));
    let busy = app.signal(false);
    let el = screen(app, query, status, busy).owns(query).owns(status).owns(busy);
    let root = app.push_screen(el);
    app.set_route(root, "search");
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

fn screen(app: &App, query: Signal<String>, status: Signal<String>, busy: Signal<bool>) -> El {
    let width = COLUMNS as f32 * KEY_W + (COLUMNS - 1) as f32 * KEY_GAP;
    super::ui::page("search")
        .direction(tenfoot_toolkit::Direction::Row)
        .padding_edges(Edges { left: SAFE_X, right: SAFE_X, top: 72.0, bottom: 0.0 })
        .gap(80.0)
        .child(
            column()
                .name("search-left")
                .width(width)
                .shrink(0.0)
                .gap(32.0)
                .child(title(t!(app, "search-title")).name("search-title"))
                .child(
                    text_input(query)
                        .placeholder(t!(app, "search-placeholder"))
                        .max_len(MAX_QUERY)
                        .width(width)
                        .name("query"),
                )
                .child(keyboard(query).columns(COLUMNS).key_size(KEY_W, 64.0).gap(KEY_GAP).initial_focus()),
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

/// Replaces the grid's tiles with `result` (or a message).
fn show(app: &mut App, grid: Entity, q: &str, result: Result<SearchResults, String>, status: Signal<String>) {
    data::clear(app, grid);
    let q = q.trim();
    match result {
        Ok(r) if r.results.is_empty() => {
            let line = t!(app, "search-no-match", query = q);
            status.set(app, line);
            let hint = t!(app, "search-no-match-hint");
            app.mount(grid, caption(hint).name("no-results"));
        }
        Ok(r) => {
            let line = if q.is_empty() {
                t!(app, "search-top")
            } else {
                t!(app, "search-results", query = q, count = r.total)
            };
            status.set(app, line);
            for (i, t) in r.results.iter().enumerate() {
                let tile = poster_tile(format!("result-{i}"), t, RESULT_W);
                app.mount(grid, tile);
            }
        }
        Err(e) => {
            let line = t!(app, "search-unavailable");
            status.set(app, line);
            app.mount(grid, caption(e).name("search-error"));
        }
    }
}
