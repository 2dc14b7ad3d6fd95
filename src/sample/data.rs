//! Catalog requests over the host bus: what each screen's `deferred_with` loads (the library's
//! loader swaps the skeletons for the content, or an error with Retry, once the host answers).

use std::time::Duration;

use super::catalog::{
    Home, HomeRequest, Profile, ProfilesRequest, SearchRequest, SearchResults, TitleDetails, TitleRequest,
};
use tenfoot_toolkit::tasks::{BusError, Request};
use tenfoot_toolkit::{tree, App, Entity, TaskCx};

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

/// Despawns the children of `slot`.
pub fn clear(app: &mut App, slot: Entity) {
    for c in tree::children(app.world(), slot) {
        app.despawn(c);
    }
}
