//! Host bus: an app talking to its host by typed messages. One task sends `app.ready`, then asks
//! the simulated host for the home rails, a search, a title that does not exist and a topic the
//! host never answers; the left column logs each exchange with its frame time, the right one
//! shows the search results and the banner the host pushed back (a host-to-app message).
//!
//! Run: `cargo run --example host_bus -- --latency 1s` (F5 / F6 change latency and failures;
//! rerun to see the new timings). Headless: `-- --advance 5s --screenshot bus.png`.

use std::time::Duration;

use tenfoot::renderer::{Color, FontWeight};
use tenfoot::sample::catalog::{AppReady, Banner, HomeRequest, SearchRequest, TitleRequest};
use tenfoot::sample::{SimHost, SimSettings};
use tenfoot::toolkit::tasks::Request;
use tenfoot::toolkit::{App, El, TaskCx};
use tenfoot::widgets::{caption, column, heading, row, text, Theme};

/// A request the simulated host never answers, to show a timeout.
#[derive(serde::Serialize)]
pub struct Silent;

impl Request for Silent {
    const TOPIC: &'static str = "sim.silent";
    type Response = ();
}

const SENT: Color = Color::rgb(120, 180, 255);
const OK: Color = Color::rgb(120, 220, 150);
const FAIL: Color = Color::rgb(255, 130, 120);

/// Appends a line to the log column.
fn log(cx: &TaskCx, line: String, color: Color) {
    let at = cx.now().as_millis();
    cx.update(move |app| {
        if let Some(list) = app.find("log") {
            let row = row()
                .gap(16.0)
                .child(caption(format!("{at:>5} ms")).width(96.0))
                .child(text(line).font_size(22.0).color(color).width(900.0).max_lines(2));
            app.mount(list, row);
        }
    });
}

fn wire<T: serde::Serialize>(body: &T) -> String {
    serde_json::to_string(body).unwrap_or_default()
}

/// The conversation with the host, one exchange after another.
async fn conversation(cx: TaskCx) {
    cx.send(AppReady { profile: "p1".into() });
    log(&cx, "\u{2192} message app.ready {\"profile\":\"p1\"}".into(), SENT);

    let home = HomeRequest::default();
    log(&cx, format!("\u{2192} request catalog.home {}", wire(&home)), SENT);
    match cx.request(home).await {
        Ok(h) => log(&cx, format!("\u{2190} {} rails; hero \u{201c}{}\u{201d}", h.rails.len(), h.hero.title), OK),
        Err(e) => log(&cx, format!("\u{2190} {e}"), FAIL),
    }

    let search = SearchRequest { query: "comet".into(), limit: 6 };
    log(&cx, format!("\u{2192} request catalog.search {}", wire(&search)), SENT);
    match cx.request(search).await {
        Ok(r) => {
            log(&cx, format!("\u{2190} {} matches, showing {}", r.total, r.results.len()), OK);
            cx.update(move |app| {
                if let Some(list) = app.find("results") {
                    for t in r.results {
                        let line = column()
                            .gap(2.0)
                            .child(text(t.title).single_line().weight(FontWeight::SEMIBOLD).width(560.0))
                            .child(caption(format!("{} \u{b7} {} \u{b7} {}", t.year, t.kind, t.genres.join(", "))));
                        app.mount(list, line);
                    }
                }
            });
        }
        Err(e) => log(&cx, format!("\u{2190} {e}"), FAIL),
    }

    let missing = TitleRequest { id: "t999".into() };
    log(&cx, format!("\u{2192} request catalog.title {}", wire(&missing)), SENT);
    match cx.request(missing).await {
        Ok(t) => log(&cx, format!("\u{2190} {}", t.title), OK),
        Err(e) => log(&cx, format!("\u{2190} {e}"), FAIL),
    }

    log(&cx, "\u{2192} request sim.silent (timeout 1500 ms)".into(), SENT);
    match cx.request(Silent).timeout(Duration::from_millis(1500)).await {
        Ok(()) => log(&cx, "\u{2190} answered".into(), OK),
        Err(e) => log(&cx, format!("\u{2190} {e}"), FAIL),
    }
}

/// The screen: the log on the left, results and banner on the right.
pub fn screen() -> El {
    let theme = Theme::dark();
    column()
        .name("host-bus")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 72.0)
        .gap(32.0)
        .background(theme.background)
        .child(
            column()
                .gap(8.0)
                .child(heading("Host bus"))
                .child(caption("Typed requests and messages to the simulated host, delivered in the tasks phase.")),
        )
        .child(
            row()
                .gap(64.0)
                .child(
                    column()
                        .width(1040.0)
                        .gap(20.0)
                        .padding(32.0)
                        .background(theme.surface)
                        .radius(theme.radius.large)
                        .child(text("Wire").weight(FontWeight::BOLD))
                        .child(column().name("log").gap(14.0)),
                )
                .child(
                    column()
                        .width(576.0)
                        .gap(20.0)
                        .child(
                            column()
                                .padding(24.0)
                                .background(theme.surface_raised)
                                .radius(theme.radius.medium)
                                .child(caption("Banner from the host"))
                                .child(text("\u{2026}").name("banner").font_size(34.0).weight(FontWeight::BOLD)),
                        )
                        .child(text("Search \u{201c}comet\u{201d}").weight(FontWeight::BOLD))
                        .child(column().name("results").gap(16.0)),
                ),
        )
}

/// The app with a simulated host behaving as `settings` says.
pub fn app_with(settings: SimSettings) -> App {
    let mut app = tenfoot::app_with(|app| {
        match SimHost::bundled(settings) {
            Ok(host) => app.set_host(host),
            Err(e) => eprintln!("host_bus: {e}"),
        }
        screen()
    });
    app.on_message(|app: &mut App, b: Banner| {
        if let Some(e) = app.find("banner") {
            app.set_text(e, b.text);
        }
    });
    app.spawn_with(conversation);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app_with(SimSettings { latency: Duration::from_millis(600), ..SimSettings::default() }))
}
