use std::time::Duration;

use super::*;
use crate::El;

const EN: &str = "
home-title = Home
episodes = { $count ->
    [one] { $count } episode
   *[other] { $count } episodes
}
greeting = Hello, { $name }!
only-en = Only in English
play = Play
    .label = Play { $title }
";
const DE: &str = "
home-title = Startseite
episodes = { $count ->
    [one] { $count } Folge
   *[other] { $count } Folgen
}
greeting = Hallo, { $name }!
play = Abspielen
    .label = { $title } abspielen
";
const AR: &str = "
home-title = الرئيسية
episodes = { $count ->
    [zero] لا حلقات
    [one] حلقة واحدة
    [two] حلقتان
    [few] { $count } حلقات
    [many] { $count } حلقة
   *[other] { $count } حلقة
}
";

fn translations() -> Translations {
    let mut t = Translations::new("en");
    t.add("en", "en/test.ftl", EN).unwrap();
    t.add("de", "de/test.ftl", DE).unwrap();
    t.add("ar", "ar/test.ftl", AR).unwrap();
    t
}

fn app_in(tag: &str) -> App {
    let mut app = App::headless();
    app.set_translations(translations());
    app.set_locale(Locale::parse(tag).unwrap());
    app
}

#[test]
fn locales_parse_and_know_their_direction() {
    assert_eq!(Locale::parse("de_AT").unwrap().tag(), "de-AT");
    assert!(Locale::parse("ar").unwrap().is_rtl());
    assert!(Locale::parse("he-IL").unwrap().is_rtl());
    assert!(!Locale::parse("ja").unwrap().is_rtl());
    assert!(!Locale::parse("az-Latn").unwrap().is_rtl());
    assert!(Locale::parse("pseudo").unwrap().is_pseudo());
    assert_eq!(Locale::default().tag(), "en");
    assert!(Locale::parse("not a tag!").unwrap_err().to_string().contains("`not a tag!` is not a language tag"));
    assert!(Locale::parse("").is_err());
}

#[test]
fn negotiation_falls_back_from_region_to_language_to_english() {
    let t = translations();
    assert_eq!(t.negotiate(&Locale::parse("de-AT").unwrap()), ["de", "en"]);
    assert_eq!(t.negotiate(&Locale::parse("en-GB").unwrap()), ["en"]);
    assert_eq!(t.negotiate(&Locale::parse("it").unwrap()), ["en"]);
    assert_eq!(t.languages(), ["en", "de", "ar"]);
}

#[test]
fn arguments_and_plurals_follow_the_language() {
    let app = app_in("de-AT");
    assert_eq!(t!(&app, "home-title"), "Startseite");
    assert_eq!(t!(&app, "episodes", count = 1), "1 Folge");
    assert_eq!(t!(&app, "episodes", count = 8), "8 Folgen");
    assert_eq!(t!(&app, "greeting", name = "Ana"), "Hallo, Ana!");
    assert_eq!(t!(&app, "play.label", title = "Dune"), "Dune abspielen", "attributes");
    let app = app_in("ar");
    assert_eq!(t!(&app, "episodes", count = 2), "حلقتان", "Arabic has a dual");
    assert_eq!(t!(&app, "episodes", count = 0), "لا حلقات");
    assert_eq!(t!(&app, "episodes", count = 5), "5 حلقات", "few");
    assert_eq!(t!(&app, "episodes", count = 11), "11 حلقة", "many");
}

#[test]
fn missing_keys_fall_back_to_english_and_are_reported_once() {
    let mut app = app_in("de");
    assert_eq!(t!(&app, "only-en"), "Only in English");
    assert_eq!(t!(&app, "only-en"), "Only in English");
    let errors: Vec<String> = app.frame(Duration::ZERO, &[]).errors.iter().map(|e| e.message.clone()).collect();
    assert_eq!(errors, ["l10n: `only-en` is missing in locale `de`"], "once per key");
    assert_eq!(app.translations().unwrap().missing(), [("de".to_owned(), "only-en".to_owned())]);
    // Missing everywhere: the id in debug builds (tests), never in release.
    assert_eq!(t!(&app, "nowhere"), "⟦nowhere⟧");
    assert_eq!(missing_text("x").is_empty(), !cfg!(debug_assertions));
    let errors = app.frame(Duration::from_millis(16), &[]).errors.len();
    assert_eq!(errors, 1);
}

#[test]
fn keys_list_messages_and_attributes() {
    let t = translations();
    assert_eq!(t.keys("de"), ["episodes", "greeting", "home-title", "play", "play.label"]);
    assert!(t.has("en", "only-en") && !t.has("de", "only-en"));
    assert!(t.has("de", "play.label") && !t.has("de", "play.tooltip"));
}

#[test]
fn syntax_errors_name_file_line_and_column_and_keep_the_rest() {
    let mut t = Translations::new("en");
    let err = t.add("en", "en/bad.ftl", "ok = fine\n\nbroken = { $x\n\nalso = good\n").unwrap_err();
    assert!(err.message.starts_with("en/bad.ftl:5:1: Expected a token starting with \"}\""), "{err}");
    assert!(t.has("en", "ok") && t.has("en", "also"));
    assert!(t.add("no good", "x.ftl", "a = b").unwrap_err().message.contains("not a language tag"));
}

#[test]
fn pseudo_locale_expands_english() {
    let app = app_in("pseudo");
    let s = t!(&app, "greeting", name = "Ana");
    assert!(s.starts_with("[Ĥéļļö, Ana!"), "arguments are not accented: {s}");
    assert!(s.chars().count() as f32 >= 1.4 * "Hello, Ana!".len() as f32, "{s}");
}

#[test]
fn bound_text_follows_a_locale_switch() {
    let mut app = App::headless();
    app.set_translations(translations());
    app.set_root(El::new().name("title").bind_text(|app| t!(app, "home-title")));
    app.frame(Duration::ZERO, &[]);
    let text = |app: &App| {
        let e = app.find("title")?;
        app.world().get::<&crate::TextContent>(e).ok().map(|t| t.text.clone())
    };
    assert_eq!(text(&app).as_deref(), Some("Home"));
    app.set_locale(Locale::parse("ar").unwrap());
    app.frame(Duration::from_millis(16), &[]);
    assert_eq!(text(&app).as_deref(), Some("الرئيسية"));
}

#[test]
fn an_rtl_locale_mirrors_rows_paddings_and_the_arrows() {
    use crate::RemoteKey;
    let tile = |n: &str| El::new().name(n).size(100.0, 50.0).focusable();
    let mut app = App::headless();
    app.set_root(
        El::new().name("screen").width(1920.0).child(
            El::new()
                .name("row")
                .direction(crate::Direction::Row)
                .padding_edges(crate::Edges { left: 10.0, right: 40.0, top: 0.0, bottom: 0.0 })
                .gap(20.0)
                .child(tile("a"))
                .child(tile("b"))
                .child(
                    El::new().name("latin").ltr().direction(crate::Direction::Row).child(tile("c")).child(tile("d")),
                ),
        ),
    );
    app.set_locale(Locale::parse("ar").unwrap());
    app.frame(Duration::ZERO, &[]);
    assert!(app.is_rtl());
    let x = |app: &App, n: &str| app.find(n).and_then(|e| app.rect(e)).map(|r| r.x).unwrap();
    // Paddings mirror with the row: the left padding (10) is now on the right.
    assert_eq!(x(&app, "a"), 1920.0 - 10.0 - 100.0, "the first child starts at the right");
    assert_eq!(x(&app, "b"), 1920.0 - 10.0 - 220.0);
    assert!(x(&app, "c") < x(&app, "d"), "a left-to-right subtree keeps its order");
    let a = app.find("a").unwrap();
    app.set_focus(a);
    app.press(RemoteKey::Left);
    assert_eq!(app.focus_path().as_deref(), Some("root/screen/row/b"), "Left goes to the next child");
    app.set_locale(Locale::parse("en").unwrap());
    app.frame(Duration::from_millis(16), &[]);
    assert_eq!(x(&app, "a"), 10.0, "and back");
}
