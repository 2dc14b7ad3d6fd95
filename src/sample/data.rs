//! Catalog requests over the host bus, and [`fill`]: the loader every screen uses to swap its
//! skeletons for content (or an error with Retry) once the host answers.
//!
//! Unlike the library's `deferred` widget, the view here gets `&mut App`, because the sample's
//! views create signals (each tile's focus state) while they are built.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use super::catalog::{
    Home, HomeRequest, Profile, ProfilesRequest, SearchRequest, SearchResults, TitleDetails, TitleRequest,
};
use tenfoot_renderer::{FontWeight, TextAlign};
use tenfoot_toolkit::tasks::{BusError, Request};
use tenfoot_toolkit::{tree, Align, App, El, Entity, TaskCx, Widget};
use tenfoot_widgets::{button, caption, column, text};

/// How long a screen waits for the host before showing the error state.
pub const TIMEOUT: Duration = Duration::from_secs(8);

/// What a failed load tells the user.
fn message(e: BusError) -> String {
    match e {
        // The host's own words, not the topic name.
        BusError::Host { message, .. } => message,
        BusError::Timeout { .. } => "The service took too long to answer.".to_owned(),
        other => other.to_string(),
    }
}

async fn ask<R: Request>(cx: TaskCx, req: R) -> Result<R::Response, String> {
    cx.request(req).timeout(TIMEOUT).await.map_err(message)
}

pub async fn profiles(cx: TaskCx) -> Result<Vec<Profile>, String> {
    ask(cx, ProfilesRequest {}).await
}

pub async fn home(cx: TaskCx, profile: Option<String>) -> Result<Home, String> {
    ask(cx, HomeRequest { profile }).await
}

pub async fn title(cx: TaskCx, id: String) -> Result<TitleDetails, String> {
    ask(cx, TitleRequest { id }).await
}

pub async fn search(cx: TaskCx, query: String, limit: usize) -> Result<SearchResults, String> {
    ask(cx, SearchRequest { query, limit }).await
}

type View<T> = Rc<dyn Fn(&mut App, Entity, T)>;
type LoadFuture<T> = std::pin::Pin<Box<dyn Future<Output = Result<T, String>>>>;
type Load<T> = Rc<dyn Fn(TaskCx) -> LoadFuture<T>>;

/// Loads into `slot`: its children (the skeletons it was built with) show until `load`
/// resolves; then they are replaced by what `view(app, slot, data)` mounts, or by an error
/// message with a Retry button that shows `placeholder()` and loads again. The task is owned
/// by `slot`, so leaving the screen cancels it.
pub fn fill<T, Fut>(
    app: &mut App,
    slot: Entity,
    placeholder: impl Fn() -> El + 'static,
    load: impl Fn(TaskCx) -> Fut + 'static,
    view: impl Fn(&mut App, Entity, T) + 'static,
) where
    T: 'static,
    Fut: Future<Output = Result<T, String>> + 'static,
{
    let load: Load<T> = Rc::new(move |cx: TaskCx| -> LoadFuture<T> { Box::pin(load(cx)) });
    start(app, slot, Rc::new(placeholder), load, Rc::new(view));
}

fn start<T: 'static>(app: &mut App, slot: Entity, placeholder: Rc<dyn Fn() -> El>, load: Load<T>, view: View<T>) {
    let l = load.clone();
    app.spawn_owned_with(slot, move |cx| async move {
        let result = l(cx.clone()).await;
        cx.update(move |app| {
            if !app.world().contains(slot) {
                return;
            }
            clear(app, slot);
            match result {
                Ok(data) => view(app, slot, data),
                Err(msg) => {
                    let again = Rc::new(move |app: &mut App| {
                        clear(app, slot);
                        app.mount(slot, placeholder());
                        start(app, slot, placeholder.clone(), load.clone(), view.clone());
                    });
                    app.mount(slot, error_panel(&msg, again));
                }
            }
        });
    });
}

/// Despawns the children of `slot`.
pub fn clear(app: &mut App, slot: Entity) {
    for c in tree::children(app.world(), slot) {
        app.despawn(c);
    }
}

/// "Couldn't load", the reason, and Retry (named `retry`).
fn error_panel(msg: &str, again: Rc<dyn Fn(&mut App)>) -> El {
    column()
        .name("load-error")
        .align_items(Align::Start)
        .gap(16.0)
        .padding_xy(120.0, 48.0)
        .child(text("Couldn\u{2019}t load this page").weight(FontWeight::SEMIBOLD))
        .child(caption(msg.to_owned()).max_lines(2).text_align(TextAlign::Start))
        .child(button("Retry").name("retry").initial_focus().on_select(move |ctx| {
            again(ctx);
        }))
}
