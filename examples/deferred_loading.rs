//! Deferred loading: a rail of posters and a details panel whose data arrives later, from the
//! simulated host over the host bus. Each tile is a `deferred` element: a shimmering skeleton
//! shaped like the tile, then the poster (requested with `catalog.title`, its image decoded off
//! the paint path with `load_image`), or an error state with a Retry button.
//!
//! Run: `cargo run --example deferred_loading -- --latency 2s` shows the skeletons longer;
//! `--failure-rate 0.5` shows error states. In the window F5 cycles the latency and F6 toggles
//! failures; Retry loads a tile again once select handling lands with the focus branch (wire the
//! `retry` button's `on_select` to `tenfoot::widgets::retry`; the screenshot tests call it
//! directly). Headless: `-- --latency 800ms --advance 300ms --screenshot loading.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::sample::catalog::{TitleDetails, TitleRequest};
use tenfoot::sample::{SimHost, SimSettings};
use tenfoot::toolkit::tasks::BusError;
use tenfoot::toolkit::{Align, App, El, Entity, Shadow, TaskCx};
use tenfoot::widgets::{
    caption, column, deferred, deferred_of, deferred_state, heading, image, row, skeleton, skeleton_line, text,
    DeferredState, Theme,
};

/// The titles on the rail.
pub const TILE_IDS: [&str; 6] = ["t003", "t014", "t027", "t040", "t052", "t066"];
/// The title in the details panel.
pub const DETAILS_ID: &str = "t010";

const TILE_W: f32 = 240.0;
const POSTER_H: f32 = 360.0;

/// Asks the host for a title, then decodes its poster, so the tile appears whole.
async fn load_title(cx: TaskCx, id: String, with_image: fn(&TitleDetails) -> String) -> Result<TitleDetails, String> {
    let title = cx.request(TitleRequest { id }).timeout(Duration::from_secs(8)).await.map_err(|e| match e {
        // The user sees the host's words, not the topic; timeouts get a sentence of their own.
        BusError::Host { message, .. } => message,
        BusError::Timeout { .. } => "The service took too long to answer.".to_owned(),
        other => other.to_string(),
    })?;
    cx.load_image(with_image(&title)).await.map_err(|e| e.to_string())?;
    Ok(title)
}

fn tile_skeleton() -> El {
    column()
        .gap(12.0)
        .child(skeleton(TILE_W, POSTER_H))
        .child(skeleton_line(200.0, 26.0))
        .child(skeleton_line(130.0, 20.0))
}

fn tile_view(t: TitleDetails) -> El {
    let theme = Theme::dark();
    column()
        .gap(12.0)
        .child(
            image(t.poster.clone()).name("poster").size(TILE_W, POSTER_H).radius(theme.radius.medium).shadow(Shadow {
                y: 10.0,
                blur: 28.0,
                color: Color::rgba(0, 0, 0, 150),
                ..Shadow::NONE
            }),
        )
        .child(text(t.title.clone()).width(TILE_W).single_line().weight(FontWeight::SEMIBOLD))
        .child(caption(format!("{} \u{b7} {}", t.year, t.genres.join(", "))).width(TILE_W).single_line())
}

/// One poster tile that loads `id`.
pub fn tile(i: usize, id: &str) -> El {
    let id = id.to_owned();
    deferred(move |cx| load_title(cx, id.clone(), |t| t.poster.clone()), tile_skeleton, tile_view)
        .name(format!("tile-{i}"))
        .size(TILE_W, POSTER_H + 12.0 + 33.0 + 12.0 + 25.0)
}

fn details_skeleton() -> El {
    row().gap(48.0).child(skeleton(480.0, 270.0)).child(
        column()
            .gap(20.0)
            .padding_edges(tenfoot::toolkit::Edges { top: 8.0, ..Default::default() })
            .child(skeleton_line(620.0, 48.0))
            .child(skeleton_line(380.0, 22.0))
            .child(skeleton_line(1000.0, 26.0))
            .child(skeleton_line(960.0, 26.0))
            .child(skeleton_line(540.0, 26.0)),
    )
}

fn details_view(t: TitleDetails) -> El {
    let theme = Theme::dark();
    // The meta line is in the app's locale (its genre, running time and seasons).
    let meta = t.clone();
    row()
        .gap(48.0)
        .child(image(t.backdrop.clone()).name("backdrop").size(480.0, 270.0).radius(theme.radius.medium))
        .child(
            column()
                .gap(16.0)
                .width(1140.0)
                .child(heading(t.title.clone()).single_line().name("details-title"))
                .child(caption("").bind_text(move |app| meta.meta_line(app)))
                .child(text(t.synopsis.clone()).max_lines(3).color(theme.text_muted)),
        )
}

/// The details panel for [`DETAILS_ID`].
pub fn details() -> El {
    deferred(|cx| load_title(cx, DETAILS_ID.to_owned(), |t| t.backdrop.clone()), details_skeleton, details_view)
        .name("details")
        .size(1680.0, 270.0)
}

/// The screen.
pub fn screen() -> El {
    let theme = Theme::dark();
    column()
        .name("deferred-loading")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 72.0)
        .gap(40.0)
        .background(theme.background)
        .child(column().gap(8.0).child(heading("Loading later").name("title")).child(caption(
            "Each tile asks the simulated host for its title, then decodes the poster before it appears. \
                     --latency stretches the skeletons, --failure-rate shows errors; Retry loads again.",
        )))
        .child(
            row()
                .name("rail")
                .gap(48.0)
                .align_items(Align::Start)
                .children(TILE_IDS.iter().enumerate().map(|(i, id)| tile(i, id))),
        )
        .child(details())
}

/// The app over the bundled assets with a simulated host behaving as `settings` says.
pub fn app_with(settings: SimSettings) -> App {
    tenfoot::app_with(|app| {
        match SimHost::bundled(settings) {
            Ok(host) => app.set_host(host),
            Err(e) => eprintln!("deferred_loading: {e}"),
        }
        screen()
    })
}

/// Retries every deferred element in an error state (what Retry's select will do per tile).
pub fn retry_failed(app: &mut App) -> usize {
    let failed: Vec<Entity> = ["tile-0", "tile-1", "tile-2", "tile-3", "tile-4", "tile-5", "details"]
        .iter()
        .filter_map(|n| app.find(n))
        .filter(|e| matches!(deferred_state(app, *e), Some(DeferredState::Failed(_))))
        .collect();
    failed.into_iter().filter(|e| deferred_of(app, *e).is_some_and(|d| tenfoot::widgets::retry(app, d))).count()
}

fn main() -> std::process::ExitCode {
    let settings = SimSettings { latency: Duration::from_millis(1200), ..SimSettings::default() };
    tenfoot::run(app_with(settings))
}
