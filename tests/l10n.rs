//! The sample app in other languages: the settings page switches language at run time with
//! focus kept on the same element, Arabic mirrors every screen, and home, details and settings
//! match their goldens per locale (`screenshots/l10n-<page>-<locale>.png`, 1280x720; bless
//! with `TENFOOT_BLESS=1 cargo test --test l10n`).

#![expect(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

use std::path::Path;
use std::time::Duration;

use tenfoot::sample::SimSettings;
use tenfoot::testing::golden::{self, Tolerance};
use tenfoot::testing::{Device, Harness};
use tenfoot::toolkit::{Locale, TextContent};

const LOAD: Duration = Duration::from_millis(500);

fn harness(locale: &str) -> Harness {
    let settings =
        SimSettings { latency: Duration::from_millis(300), jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let mut app = tenfoot::sample::app_with(settings);
    app.set_locale(Locale::parse(locale).unwrap());
    let mut h = Harness::with_app(app, Device::Hd720);
    h.advance(LOAD);
    h
}

fn keys(h: &mut Harness, script: &str) {
    h.press_keys(script).unwrap();
    h.advance(LOAD);
}

fn text_of(h: &Harness, name: &str) -> String {
    let e = h.find(name).unwrap_or_else(|| panic!("no element `{name}`"));
    let app = h.app();
    let mut found = app.world().get::<&TextContent>(e).ok().map(|t| t.text.clone());
    if found.is_none() {
        // A widget's label is its first text descendant.
        let mut stack = tenfoot::toolkit::tree::children(app.world(), e);
        while let Some(c) = stack.pop() {
            if let Ok(t) = app.world().get::<&TextContent>(c) {
                found = Some(t.text.clone());
                break;
            }
            stack.extend(tenfoot::toolkit::tree::children(app.world(), c));
        }
    }
    found.unwrap_or_default()
}

fn focus_path(h: &Harness) -> String {
    h.focused().map(|f| f.path).unwrap_or_default()
}

const TO_SETTINGS: &str = "Select Up Right Right Select";

#[test]
fn settings_switch_language_at_run_time_keeping_focus() {
    let mut h = harness("en");
    keys(&mut h, TO_SETTINGS);
    assert_eq!(text_of(&h, "settings-title"), "Settings");
    keys(&mut h, "Down Down Down Down");
    assert!(focus_path(&h).ends_with("/language-choices/language-en"), "{}", focus_path(&h));
    keys(&mut h, "Right Right Right Select");
    assert!(focus_path(&h).ends_with("/language-choices/language-ar"), "focus kept: {}", focus_path(&h));
    assert_eq!(text_of(&h, "settings-title"), "الإعدادات");
    assert!(h.app().is_rtl(), "Arabic mirrors the screen");
    // The covered home page was rebuilt too.
    keys(&mut h, "Back");
    assert!(text_of(&h, "nav-home").ends_with("الرئيسية"), "{}", text_of(&h, "nav-home"));
    // And back to German, left to right.
    keys(&mut h, "Up Left Left Select Down Down Down Down Right Right Select");
    // (mirrored: the languages run right to left, English rightmost)
    assert!(focus_path(&h).ends_with("/language-choices/language-de"), "{}", focus_path(&h));
    assert_eq!(text_of(&h, "settings-title"), "Einstellungen");
    assert!(!h.app().is_rtl());
    let missing = h.app().translations().unwrap().missing();
    assert!(missing.is_empty(), "every sample message exists in each language: {missing:?}");
}

fn screenshot(h: &mut Harness, name: &str) {
    let backend = h.render();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    if let Err(e) = golden::check(&dir, name, backend.pixmap(), Tolerance::default()) {
        panic!("{}", e.message);
    }
}

/// Home, details (More info) and settings in each of the goldens' locales.
#[test]
fn home_details_and_settings_per_locale() {
    for locale in ["en", "de", "ar", "ja"] {
        let mut h = harness(locale);
        keys(&mut h, "Select");
        screenshot(&mut h, &format!("l10n-home-{locale}"));
        // More info is the second hero button: Left in a mirrored row, Right otherwise.
        let next = if locale == "ar" { "Left" } else { "Right" };
        keys(&mut h, &format!("{next} Select"));
        screenshot(&mut h, &format!("l10n-details-{locale}"));
        keys(&mut h, &format!("Back Up {next} {next} Select"));
        screenshot(&mut h, &format!("l10n-settings-{locale}"));
    }
}
