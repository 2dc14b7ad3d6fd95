//! The sample app, walked with the remote: every page is reachable, Back returns with focus
//! restored, search updates as you type, settings switch the theme, the navigation lint finds
//! nothing, and each page matches its golden (`screenshots/sample-*.png`, 1280x720).
//!
//! The simulated host answers after a fixed 300 ms (no jitter), so the same keys give the same
//! frames on every run. Bless new goldens with `TENFOOT_BLESS=1 cargo test --test sample_app`.

#![expect(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::time::Duration;

use common::{sample_harness, screenshot, LOAD};
use tenfoot::sample::SimSettings;
use tenfoot::testing::{Device, Harness};
use tenfoot::toolkit::navigation_lint;

fn harness() -> Harness {
    sample_harness(None)
}

fn focused(h: &Harness) -> String {
    h.focused().map(|f| f.name).unwrap_or_default()
}

/// The focused rail item as `rail/index` ("continue/2"): rails are the library's, their items
/// are the slots `item-N` inside the rail named `rail-ID`.
fn focused_item(h: &Harness) -> String {
    let path = h.focused().map(|f| f.path).unwrap_or_default();
    let mut parts = path.rsplit('/');
    let item = parts.next().and_then(|i| i.strip_prefix("item-")).unwrap_or("?").to_owned();
    let rail = parts.find_map(|p| p.strip_prefix("rail-")).unwrap_or("?").to_owned();
    format!("{rail}/{item}")
}

/// The slot of item `i` of home's rail `rail`.
fn rail_item(h: &Harness, rail: &str, i: usize) -> tenfoot::toolkit::Entity {
    let r = h.find(&format!("rail-{rail}")).unwrap();
    tenfoot::toolkit::tree::find_by_name(h.app().world(), r, &format!("item-{i}")).unwrap()
}

fn keys(h: &mut Harness, script: &str) {
    h.press_keys(script).unwrap();
}

/// Presses `script`, then waits for the host's answers (`LOAD`): a step onto a new page.
fn go(h: &mut Harness, script: &str) {
    keys(h, script);
    h.advance(LOAD);
}

/// What the search field shows (its value text; the caret is an element of its own).
fn query(h: &Harness) -> String {
    let app = h.app();
    let field = h.find("query").unwrap();
    let value = tenfoot::toolkit::tree::find_by_name(app.world(), field, "value").unwrap();
    app.world().get::<&tenfoot::toolkit::TextContent>(value).unwrap().text.clone()
}

fn lint_clean(h: &Harness, page: &str) {
    let report = navigation_lint(h.app());
    assert!(report.is_clean(), "{page}: {report}");
}

/// Profile -> home -> details -> player, then Back three times: each screen comes back with
/// focus where it was.
#[test]
fn back_returns_where_you_were() {
    let mut h = harness();
    assert_eq!(focused(&h), "profile-p1");
    go(&mut h, "Right Select");
    assert_eq!(focused(&h), "hero-play", "home starts on the billboard");
    keys(&mut h, "Down Right Right");
    assert_eq!(focused_item(&h), "continue/2");
    go(&mut h, "Select");
    assert_eq!(focused(&h), "details-play");
    keys(&mut h, "Select");
    assert_eq!(focused(&h), "ctl-play");
    assert!(h.focused().unwrap().path.contains("player"));
    keys(&mut h, "Back");
    assert_eq!(focused(&h), "details-play");
    keys(&mut h, "Back");
    assert_eq!(focused_item(&h), "continue/2", "the rail remembers its tile");
    keys(&mut h, "Back");
    assert_eq!(focused(&h), "profile-p2");
    assert!(h.errors().is_empty(), "{:?}", h.errors());
}

#[test]
fn every_page_is_reachable_and_lint_clean() {
    let mut h = harness();
    lint_clean(&h, "profiles");
    go(&mut h, "Select");
    lint_clean(&h, "home");
    // Nav bar: Up from the billboard, then Search.
    keys(&mut h, "Up");
    assert_eq!(focused(&h), "nav-home");
    go(&mut h, "Right Select");
    assert_eq!(focused(&h), "key-a");
    lint_clean(&h, "search");
    keys(&mut h, "Back Right Select");
    assert_eq!(focused(&h), "toggle-autoplay");
    lint_clean(&h, "settings");
    keys(&mut h, "Back");
    assert_eq!(focused(&h), "nav-settings");
    // A series: its seasons and episodes.
    go(&mut h, "Down Down Down Select");
    lint_clean(&h, "details");
    keys(&mut h, "Select");
    lint_clean(&h, "player");
    assert!(h.errors().is_empty(), "{:?}", h.errors());
}

#[test]
fn typing_updates_the_results() {
    let mut h = harness();
    go(&mut h, "Select");
    go(&mut h, "Up Right Select");
    let all = h.text_of("results-status").unwrap();
    assert_eq!(all, "Top searches");
    // c, o (Down Down = row 3: m n o p q r; o is the third).
    keys(&mut h, "Right Right Select");
    assert_eq!(query(&h), "c");
    h.advance(LOAD);
    let c = h.text_of("results-status").unwrap();
    assert!(c.starts_with("Results for \u{201c}c\u{201d}"), "{c}");
    go(&mut h, "Down Down Select");
    assert_eq!(query(&h), "co");
    let co = h.text_of("results-status").unwrap();
    assert!(co.starts_with("Results for \u{201c}co\u{201d}"), "{co}");
    assert_ne!(c, co, "the count changed as the query narrowed");
    assert!(h.find("result-0").is_some());
    screenshot(&mut h, "sample-search");
}

#[test]
fn settings_switch_the_theme() {
    let mut h = harness();
    go(&mut h, "Select");
    keys(&mut h, "Up Right Right Select");
    assert_eq!(focused(&h), "toggle-autoplay");
    keys(&mut h, "Down Select");
    assert_eq!(focused(&h), "toggle-subtitles");
    keys(&mut h, "Down Down");
    assert!(focused(&h).starts_with("theme-"), "{}", focused(&h));
    keys(&mut h, "Left Left Right Select");
    assert_eq!(focused(&h), "theme-light");
    assert_eq!(h.app().background(), tenfoot::widgets::Theme::light().background);
    h.advance(Duration::from_millis(400));
    screenshot(&mut h, "sample-settings-light");
    keys(&mut h, "Right Select");
    assert_eq!(h.app().background(), tenfoot::widgets::Theme::high_contrast().background);
    keys(&mut h, "Left Left Select");
    assert_eq!(h.app().background(), tenfoot::widgets::Theme::dark().background);
}

#[test]
fn screenshot_profiles() {
    let mut h = harness();
    screenshot(&mut h, "sample-profiles");
}

#[test]
fn screenshot_loading() {
    let settings =
        SimSettings { latency: Duration::from_millis(300), jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let mut h = Harness::with_app(tenfoot::sample::app_with(settings), Device::Hd720);
    h.advance(LOAD);
    keys(&mut h, "Select");
    h.advance(Duration::from_millis(100));
    screenshot(&mut h, "sample-home-loading");
}

#[test]
fn screenshot_home() {
    let mut h = harness();
    go(&mut h, "Select");
    screenshot(&mut h, "sample-home");
    go(&mut h, "Down Down Right");
    assert_eq!(focused_item(&h), "top10/1");
    screenshot(&mut h, "sample-home-rails");
}

#[test]
fn screenshot_details_and_player() {
    let mut h = harness();
    go(&mut h, "Select");
    go(&mut h, "Down Down Down Select");
    screenshot(&mut h, "sample-details");
    keys(&mut h, "Select");
    h.advance(Duration::from_millis(1000));
    screenshot(&mut h, "sample-player");
    h.advance(Duration::from_millis(4000));
    assert!(h.text_of("elapsed").is_some_and(|t| t == "0:05"), "{:?}", h.text_of("elapsed"));
    screenshot(&mut h, "sample-player-idle");
}

/// The width of the watch-progress fill of the tile named `tile`, as a share of its track.
fn tile_progress(h: &Harness, t: tenfoot::toolkit::Entity) -> f32 {
    let app = h.app();
    let bar = tenfoot::toolkit::tree::find_by_name(app.world(), t, "progress").unwrap();
    let fill = tenfoot::toolkit::tree::children(app.world(), bar)[0];
    app.rect(fill).unwrap().width / app.rect(bar).unwrap().width
}

/// Continue watching resumes where the profile stopped: the S3:E3 tile opens details on season
/// 3 with "Resume S3:E3" first, Resume plays S3:E3 from 65 %, and after watching a minute the
/// tile (and the details) show the new progress.
#[test]
fn continue_watching_resumes_that_episode() {
    let mut h = harness();
    go(&mut h, "Select");
    keys(&mut h, "Down");
    assert_eq!(focused_item(&h), "continue/0");
    assert_eq!(h.text_of("badge").as_deref(), Some("S3:E3"));
    let before = tile_progress(&h, rail_item(&h, "continue", 0));
    assert!((before - 0.65).abs() < 0.01, "{before}");
    go(&mut h, "Select");
    assert_eq!(focused(&h), "details-play", "Resume is first and focused");
    assert_eq!(h.text_of("details-play").as_deref(), Some("Resume S3:E3"));
    let season = |h: &Harness, n: u32| {
        let e = h.find(&format!("season-{n}")).unwrap();
        h.app().world().get::<&tenfoot::toolkit::semantics::Semantics>(e).unwrap().selected
    };
    assert!(season(&h, 3) && !season(&h, 1), "the page opens on that episode's season");
    assert_eq!(h.text_of("episode-title").as_deref(), Some("1. The Map Room"), "season 3's episodes");
    // Up from the season tabs comes back to Resume, wherever along the tabs.
    keys(&mut h, "Down Up");
    assert_eq!(focused(&h), "details-play");
    keys(&mut h, "Select");
    assert_eq!(h.text_of("now-subtitle").as_deref(), Some("S3:E3 \u{b7} Homecoming"));
    // 65 % of 32 minutes.
    assert_eq!(h.text_of("elapsed").as_deref(), Some("20:48"));
    h.advance(Duration::from_secs(64));
    assert_eq!(h.text_of("elapsed").as_deref(), Some("21:52"));
    keys(&mut h, "Back");
    assert_eq!(focused(&h), "details-play");
    assert_eq!(h.text_of("details-play").as_deref(), Some("Resume S3:E3"));
    keys(&mut h, "Back");
    assert_eq!(focused_item(&h), "continue/0");
    let after = tile_progress(&h, rail_item(&h, "continue", 0));
    assert!((after - 1312.0 / 1920.0).abs() < 0.01, "progress moved from {before} to {after}");
    assert!(h.errors().is_empty(), "{:?}", h.errors());
}

/// Watching an episode to the end moves continue watching on to the next one.
#[test]
fn an_episode_watched_to_the_end_resumes_at_the_next() {
    let mut h = harness();
    go(&mut h, "Select");
    go(&mut h, "Down Select");
    keys(&mut h, "Select");
    // 11:12 left of Homecoming.
    h.advance(Duration::from_secs(11 * 60 + 20));
    keys(&mut h, "Back");
    assert_eq!(h.text_of("details-play").as_deref(), Some("Resume S3:E4"));
    keys(&mut h, "Back");
    assert_eq!(h.text_of("badge").as_deref(), Some("S3:E4"));
    assert!(tile_progress(&h, rail_item(&h, "continue", 0)) < 0.01);
}

/// A row of choices is entered on its choice: the README's script for the light theme
/// selects light (Down into the theme row lands on the current theme, dark, then Right).
#[test]
fn the_theme_row_enters_on_the_selected_theme() {
    let mut h = harness();
    go(&mut h, "Select");
    keys(&mut h, "Up Right Right Select Down Down Down");
    assert_eq!(focused(&h), "theme-dark", "the selected theme, not the nearest choice");
    keys(&mut h, "Right Select");
    assert_eq!(h.app().background(), tenfoot::widgets::Theme::light().background);
    // Leave the row from another choice and come back: still the selected one.
    keys(&mut h, "Right Up Down");
    assert_eq!(focused(&h), "theme-light");
}

/// The icons of a button (its decorative `icon` child), as the icon font's characters.
fn icon_of(h: &Harness, button: &str) -> Option<char> {
    let app = h.app();
    let b = h.find(button)?;
    let icon = tenfoot::toolkit::tree::find_by_name(app.world(), b, "icon")?;
    let text = app.world().get::<&tenfoot::toolkit::TextContent>(icon).ok()?.text.clone();
    text.chars().next()
}

/// The details buttons lead with icons as the player's do (Play, a clapperboard for the
/// trailer, a plus that becomes a check on My List), and their labels still read as words.
#[test]
fn details_buttons_have_icons_and_labels() {
    use tenfoot::widgets::Icon;
    let mut h = harness();
    go(&mut h, "Select");
    go(&mut h, "Down Down Down Select");
    assert_eq!(focused(&h), "details-play");
    assert_eq!(icon_of(&h, "details-play"), Some(Icon::Play.char()));
    assert_eq!(icon_of(&h, "details-trailer"), Some(Icon::Clapperboard.char()));
    assert_eq!(icon_of(&h, "details-watchlist"), Some(Icon::Plus.char()));
    assert_eq!(h.text_of("details-play").as_deref(), Some("Play"), "the label, not the icon");
    assert_eq!(h.text_of("details-trailer").as_deref(), Some("Trailer"));
    assert_eq!(h.text_of("details-watchlist").as_deref(), Some("Add to My List"));
    keys(&mut h, "Right Right Select");
    assert_eq!(h.text_of("details-watchlist").as_deref(), Some("In My List"));
    assert_eq!(icon_of(&h, "details-watchlist"), Some(Icon::Check.char()));
    let e = h.find("details-watchlist").unwrap();
    let said = h.app().world().get::<&tenfoot::toolkit::semantics::Semantics>(e).unwrap().label.clone();
    assert_eq!(said.as_deref(), Some("In My List"), "readers hear the new label too");
    keys(&mut h, "Select");
    assert_eq!(h.text_of("details-watchlist").as_deref(), Some("Add to My List"));
    assert_eq!(icon_of(&h, "details-watchlist"), Some(Icon::Plus.char()));
}

/// The player's subtitles button shows whether subtitles are on: "Off" beside the icon, then
/// "On" with the subtitle line over the picture, and readers get it as a checked toggle.
#[test]
fn the_subtitles_button_shows_on_and_off() {
    let mut h = harness();
    go(&mut h, "Select");
    go(&mut h, "Select");
    assert_eq!(focused(&h), "ctl-play");
    keys(&mut h, "Right Right");
    assert_eq!(focused(&h), "ctl-captions");
    let checked = |h: &Harness| {
        let e = h.find("ctl-captions").unwrap();
        h.app().world().get::<&tenfoot::toolkit::semantics::Semantics>(e).unwrap().checked
    };
    let line_shown = |h: &Harness| h.rect_of("subtitles").is_some_and(|r| r.height > 0.0);
    assert_eq!(h.text_of("ctl-captions").as_deref(), Some("Off"));
    assert_eq!(checked(&h), Some(false));
    assert!(!line_shown(&h));
    keys(&mut h, "Select");
    assert_eq!(h.text_of("ctl-captions").as_deref(), Some("On"));
    assert_eq!(checked(&h), Some(true));
    assert!(line_shown(&h), "the subtitle line is over the picture");
    screenshot(&mut h, "sample-player-subtitles");
    keys(&mut h, "Select");
    assert_eq!(h.text_of("ctl-captions").as_deref(), Some("Off"));
    assert!(!line_shown(&h));
}
