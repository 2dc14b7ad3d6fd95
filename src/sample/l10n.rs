//! The sample app's translations (`assets/locales/<lang>/sample.ftl`, compiled in) and the
//! run-time language switch: when the app's locale changes (settings' language row, or
//! `--locale` before the first frame) every screen is rebuilt in the new language and the
//! screen stack and focus path are restored, so focus stays on the same element.

use tenfoot_toolkit::{App, Locale, Phase, Translations};

/// (language, file contents), English first: the source and the fallback.
pub const LOCALES: [(&str, &str); 6] = [
    ("en", include_str!("../../assets/locales/en/sample.ftl")),
    ("de", include_str!("../../assets/locales/de/sample.ftl")),
    ("fr", include_str!("../../assets/locales/fr/sample.ftl")),
    ("ar", include_str!("../../assets/locales/ar/sample.ftl")),
    ("he", include_str!("../../assets/locales/he/sample.ftl")),
    ("ja", include_str!("../../assets/locales/ja/sample.ftl")),
];

/// The languages the settings page offers: (tag, name in its own language).
pub const LANGUAGES: [(&str, &str); 6] =
    [("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("ar", "العربية"), ("he", "עברית"), ("ja", "日本語")];

/// The sample's translations; a syntax error in a bundled file is reported, the rest kept.
pub fn translations() -> (Translations, Vec<String>) {
    let mut t = Translations::new("en");
    let mut errors = Vec::new();
    for (lang, ftl) in LOCALES {
        if let Err(e) = t.add(lang, &format!("assets/locales/{lang}/sample.ftl"), ftl) {
            errors.push(e.to_string());
        }
    }
    (t, errors)
}

/// Installs the translations and the system that rebuilds the screens when the locale changes.
pub fn install(app: &mut App) {
    let (t, errors) = translations();
    for e in errors {
        app.report_error(e);
    }
    app.set_translations(t);
    let mut built_in = current(app);
    app.add_system(Phase::Focus, "sample-locale", move |app| {
        let now = current(app);
        if now != built_in {
            built_in = now;
            rebuild(app);
        }
    });
}

fn current(app: &App) -> Locale {
    app.context_signal::<Locale>().and_then(|s| s.get_untracked(app)).unwrap_or_default()
}

/// Rebuilds every screen in the current language: the profile picker, then each pushed
/// screen's route, then the focus path (restored as soon as the element exists again).
fn rebuild(app: &mut App) {
    let snapshot = app.snapshot();
    super::profiles::mount(app);
    for e in app.restore_with(&snapshot, super::open_route) {
        app.report_error(format!("sample: language switch: {e}"));
    }
}

/// Whether `key` is one of the sample's messages (rail headings fall back to the host's).
pub fn has(app: &App, key: &str) -> bool {
    app.translations().is_some_and(|t| t.has("en", key))
}
