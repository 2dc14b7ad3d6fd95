//! The sample catalog's bus vocabulary: requests an app sends for catalog data and the typed
//! responses, as the simulated host ([`super::SimHost`]) serves them from
//! `assets/catalog/catalog.json` (made by `scripts/make_catalog.py`). A device host answering
//! the same topics with the same JSON is a drop-in replacement; see `docs/host-bus.md`.

use serde::{Deserialize, Serialize};
use tenfoot_toolkit::tasks::{Message, Request};

/// A title as rails and search results show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleSummary {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub year: u32,
    pub rating: String,
    pub genres: Vec<String>,
    pub poster: String,
    pub backdrop: String,
}

/// One episode of a series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    pub number: u32,
    pub title: String,
    pub synopsis: String,
    pub runtime_min: u32,
    /// The episode's still (an art path, `art/still/t002/s1e3.art`); empty in a catalog
    /// without stills, where the card shows the title's backdrop.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub still: String,
}

/// One season of a series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Season {
    pub number: u32,
    pub episodes: Vec<Episode>,
}

/// Everything about a title (the catalog file's title entries have this shape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleDetails {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub year: u32,
    pub rating: String,
    pub score: f32,
    pub genres: Vec<String>,
    pub synopsis: String,
    pub poster: String,
    pub backdrop: String,
    /// Movies only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_min: Option<u32>,
    /// Series only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seasons: Vec<Season>,
}

impl TitleDetails {
    pub fn summary(&self) -> TitleSummary {
        TitleSummary {
            id: self.id.clone(),
            kind: self.kind.clone(),
            title: self.title.clone(),
            year: self.year,
            rating: self.rating.clone(),
            genres: self.genres.clone(),
            poster: self.poster.clone(),
            backdrop: self.backdrop.clone(),
        }
    }

    /// `2019 · Drama · 1 h 58 min` or `2019 · Drama · 3 seasons` in the app's locale: the
    /// genre by its message (`rail-genre-<id>`, the host's name when there is none), the running
    /// time by the locale's duration format (`1 Std. 58 Min.`, `١ س ٥٨ د`), seasons by the
    /// locale's plural rule (`meta-seasons`).
    pub fn meta_line(&self, app: &tenfoot_toolkit::App) -> String {
        let locale = app.locale();
        let length = match (self.runtime_min, self.seasons.len()) {
            (Some(m), _) => {
                tenfoot_toolkit::l10n::format::duration(&locale, std::time::Duration::from_secs(u64::from(m) * 60))
            }
            (None, n) => tenfoot_toolkit::t!(app, "meta-seasons", count = n as f64),
        };
        let genre = self.genres.first().map(|g| genre_name(app, g)).unwrap_or_default();
        format!("{} \u{b7} {genre} \u{b7} {length} \u{b7} {}", self.year, self.rating)
    }
}

/// A profile on the "who's watching" screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub avatar_color: String,
    pub kids: bool,
}

/// A rail item: the title plus what the rail says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RailItem {
    pub title: TitleSummary,
    /// Continue watching: how far, 0..=1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f32>,
    /// Continue watching a series: `S1:E3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode: Option<String>,
    /// Top 10: the number shown beside the poster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

impl RailItem {
    /// Where a continue-watching item stops: its title, episode (from `S3:E3`) and progress.
    pub fn resume_point(&self) -> Option<ResumePoint> {
        let progress = self.progress?;
        let (season, episode) = match self.episode.as_deref().and_then(parse_episode) {
            Some((s, e)) => (Some(s), Some(e)),
            None => (None, None),
        };
        Some(ResumePoint { id: self.title.id.clone(), season, episode, progress })
    }
}

/// `S3:E3` as (3, 3); `None` for anything else.
pub fn parse_episode(label: &str) -> Option<(u32, u32)> {
    let (s, e) = label.strip_prefix('S')?.split_once(":E")?;
    Some((s.parse().ok()?, e.parse().ok()?))
}

/// Where the profile stopped watching a title: continue watching's entry, the details page's
/// Resume, where the player starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResumePoint {
    pub id: String,
    /// Series: the season number and episode number (as the catalog numbers them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode: Option<u32>,
    /// How far into the movie or episode, 0..=1.
    pub progress: f32,
}

impl ResumePoint {
    /// `S3:E3` for an episode, `None` for a movie.
    pub fn episode_label(&self) -> Option<String> {
        Some(format!("S{}:E{}", self.season?, self.episode?))
    }
}

/// App to host: the profile watched up to this point (sent when the player closes). The host
/// keeps continue watching, so the next `catalog.home` has it first with this progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchProgress {
    pub point: ResumePoint,
}

impl Message for WatchProgress {
    const TOPIC: &'static str = "watch.progress";
}

/// A rail of the home screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rail {
    pub id: String,
    pub title: String,
    /// `continue`, `top10` or `genre`.
    pub kind: String,
    pub items: Vec<RailItem>,
}

/// The home screen's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub hero: TitleDetails,
    pub rails: Vec<Rail>,
}

/// `catalog.home`: the hero and rails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeRequest {
    #[serde(default)]
    pub profile: Option<String>,
}

impl Request for HomeRequest {
    const TOPIC: &'static str = "catalog.home";
    type Response = Home;
}

/// `catalog.title`: one title's details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleRequest {
    pub id: String,
}

impl Request for TitleRequest {
    const TOPIC: &'static str = "catalog.title";
    type Response = TitleDetails;
}

/// `catalog.search`: titles whose name, genre or synopsis contains `query` (case-insensitive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
}

/// The answer to [`SearchRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: usize,
    pub results: Vec<TitleSummary>,
}

impl Request for SearchRequest {
    const TOPIC: &'static str = "catalog.search";
    type Response = SearchResults;
}

/// `catalog.profiles`: the profile picker's data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfilesRequest {}

impl Request for ProfilesRequest {
    const TOPIC: &'static str = "catalog.profiles";
    type Response = Vec<Profile>;
}

/// App to host: the app is up and showing `profile`'s screens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppReady {
    pub profile: String,
}

impl Message for AppReady {
    const TOPIC: &'static str = "app.ready";
}

/// Both ways: the titles on the profile's list ("My List"). The host owns it: the app sends
/// the list after the user changed it, and the host sends the list it keeps whenever it
/// changes (on another device, or in answer to the app's change); the app shows what the host
/// sent last.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyList {
    pub ids: Vec<String>,
}

impl Message for MyList {
    const TOPIC: &'static str = "mylist";
}

/// Host to app (a request): open a screen by route (a deep link from the TV's launcher):
/// `home`, `search`, `settings`, `details/<title id>`. Answered with `true`, or an error for
/// an unknown route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenRoute {
    pub route: String,
}

impl tenfoot_toolkit::tasks::HostRequest for OpenRoute {
    const TOPIC: &'static str = "app.open";
    type Response = bool;
}

/// Host to app: a line of text for a banner (the simulated host greets the profile).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Banner {
    pub text: String,
    /// The profile name a greeting is for: the app greets in its own language
    /// (`toast-welcome`) and shows `text` only for other banners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greet: Option<String>,
}

impl Message for Banner {
    const TOPIC: &'static str = "host.banner";
}

/// A genre the host names (`Sci-Fi`) in the app's language: the message `rail-genre-scifi`
/// (letters and digits of the name, lower case), or the host's name when the sample has none.
pub fn genre_name(app: &tenfoot_toolkit::App, genre: &str) -> String {
    let id: String = genre.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    let key = format!("rail-genre-{id}");
    if super::l10n::has(app, &key) {
        tenfoot_toolkit::l10n::tr(app, &key, &[])
    } else {
        genre.to_owned()
    }
}
