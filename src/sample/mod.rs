//! The sample streaming app: what `cargo run --release` opens, and the screens designers look
//! at first. A profile picker, then home (nav bar, hero billboard, rails: continue watching,
//! a numbered top 10, genres), details (backdrop, synopsis, Play / Trailer / My List, season
//! tabs and episodes), a player (mock video, transport controls, seek bar, controls that hide
//! after three seconds), search (on-screen keyboard, results that update as you type) and
//! settings (toggles, theme switch).
//!
//! Data comes from the simulated host ([`SimHost`]) over the host bus with latency, so every
//! screen shows skeletons first. Screens are pushed on the app's screen stack, so Back always
//! returns where you were with focus restored.
//!
//! One file per screen; `data.rs` holds the catalog requests, `ui.rs` the sample's look on the
//! library's widgets (poster tiles, list rows, avatars). Rails, tabs, toggles, the keyboard
//! and the loader are the library's.

pub mod catalog;
mod data;
mod details;
mod home;
mod l10n;
mod player;
mod profiles;
mod search;
mod settings;
mod sim_host;
mod ui;

use std::time::Duration;

use tenfoot_renderer::Resources;
use tenfoot_toolkit::{App, Signal};
use tenfoot_widgets::{Theme, ToastKind, Toasts};

pub use catalog::Profile;
pub use catalog::ResumePoint;
use catalog::{Banner, MyList, OpenRoute, WatchProgress};
pub use sim_host::{SimHost, SimSettings, CATALOG};

/// The simulated host's reply time when the app runs on its own (long enough to see the
/// skeletons, short enough not to annoy).
pub const DEFAULT_LATENCY: Duration = Duration::from_millis(600);

/// App-wide state the screens share (all signals, so views follow changes).
#[derive(Clone, Copy, Debug)]
pub struct SampleState {
    /// Who is watching (set by the profile picker).
    pub profile: Signal<Option<Profile>>,
    /// Settings: play the next episode automatically.
    pub autoplay: Signal<bool>,
    /// Settings: show subtitles in the player.
    pub subtitles: Signal<bool>,
    /// Title ids on the profile's list ("My List").
    pub watchlist: Signal<Vec<String>>,
    /// Where the profile stopped watching (continue watching, newest first): the host's list
    /// as home last loaded it, plus what the player recorded since.
    pub resume: Signal<Vec<ResumePoint>>,
}

impl SampleState {
    fn new(app: &mut App) -> Self {
        let s = Self {
            profile: app.signal(None),
            autoplay: app.signal(true),
            subtitles: app.signal(false),
            watchlist: app.signal(Vec::new()),
            resume: app.signal(Vec::new()),
        };
        // Restored after a crash (`App::snapshot`). My List is not: the host owns it and
        // sends it again (`docs/embedding.md`, "Who owns what").
        app.persist("sample.profile", s.profile);
        app.persist("sample.autoplay", s.autoplay);
        app.persist("sample.subtitles", s.subtitles);
        s
    }
}

impl SampleState {
    /// Where the profile stopped watching title `id`, if anywhere.
    pub fn resume_of(&self, app: &App, id: &str) -> Option<ResumePoint> {
        self.resume.get(app).into_iter().find(|r| r.id == id)
    }

    /// The profile watched up to `point`: continue watching shows it first (the tiles follow
    /// the signal) and the host is told, so the next home it serves agrees.
    pub fn watched(&self, app: &mut App, point: ResumePoint) {
        self.resume.update(app, |list| {
            list.retain(|r| r.id != point.id);
            list.insert(0, point.clone());
        });
        app.send(WatchProgress { point });
    }
}

/// The state the app was built with. Every screen is built inside an app made by [`app_with`],
/// so it is always there; a default is made if a screen is mounted in a bare app (tests).
pub fn state(app: &mut App) -> SampleState {
    match app.context::<SampleState>() {
        Some(s) => s,
        None => {
            let s = SampleState::new(app);
            app.provide(s);
            s
        }
    }
}

/// The sample app over the bundled assets with the simulated host at [`DEFAULT_LATENCY`]
/// (`--latency` and `--failure-rate` override it through `tenfoot::run`).
#[cfg(feature = "testing")]
pub fn app() -> App {
    app_with(SimSettings { latency: DEFAULT_LATENCY, ..SimSettings::default() })
}

/// The sample app over the bundled assets with a simulated host behaving as `settings` says
/// (tests use a fixed latency and no jitter, so screenshots are repeatable).
#[cfg(feature = "testing")]
pub fn app_with(settings: SimSettings) -> App {
    let mut app = with_resources(tenfoot_testing::resources());
    match SimHost::from_assets(app.resources().assets.as_ref(), settings) {
        Ok(host) => app.set_host(host),
        // Without the catalog every screen shows its error state with Retry; say why once.
        Err(e) => eprintln!("sample: {e}"),
    }
    app
}

/// The sample app over `resources`, with no host installed: a device host answers the bus
/// itself (its side owns the catalog), a desktop run installs [`SimHost`] ([`app_with`]).
pub fn with_resources(resources: Resources) -> App {
    let mut app = App::new(resources);
    tenfoot_widgets::set_theme(&mut app, Theme::dark());
    let _ = state(&mut app);
    // The host greets the chosen profile; home shows it as a toast.
    let toasts = Toasts::new(&mut app);
    app.provide(toasts);
    app.on_message(move |app: &mut App, b: Banner| {
        let line = match &b.greet {
            Some(name) => tenfoot_toolkit::t!(app, "toast-welcome", name = name),
            None => b.text,
        };
        toasts.show(app, line, ToastKind::Info, Duration::from_secs(3));
    });
    // My List is the host's: what it sends is what the app shows.
    app.on_message(|app: &mut App, list: MyList| {
        let state = state(app);
        state.watchlist.set(app, list.ids);
    });
    app.on_request(
        |app: &mut App, r: OpenRoute| {
            if open_route(app, &r.route) {
                Ok(true)
            } else {
                Err(format!("no route `{}`", r.route))
            }
        },
    );
    l10n::install(&mut app);
    profiles::mount(&mut app);
    app
}

/// Opens the screen a route names (`App::set_route` on each screen): `home`, `search`,
/// `settings`, `details/<title id>`. False for anything else (the player is not a route: after
/// a restart the app comes back on the title's details). The router of crash recovery
/// (`App::restore_with`) and of the host's `app.open` deep links.
pub fn open_route(app: &mut App, route: &str) -> bool {
    match route {
        "home" => home::open(app),
        "search" => search::open(app),
        "settings" => settings::open(app),
        r => match r.strip_prefix("details/") {
            Some(id) if !id.is_empty() => details::open(app, id),
            _ => return false,
        },
    }
    true
}
