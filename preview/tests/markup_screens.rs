//! Markup screens as an app: the sample app's pages (home, details, search, settings) and every
//! example under `assets/screens/examples/`, screenshot-tested at 960x540 (half scale, to keep
//! the goldens small), and the behaviour the markup guide promises.

use std::path::PathBuf;
use std::time::Duration;

use tenfoot_preview::{HotReload, ScreenFiles};
use tenfoot_renderer::PhysicalSize;
use tenfoot_testing::{assert_screenshot, assets_dir, resources};
use tenfoot_toolkit::{parse_keys, App, KeyEvent};

const HALF: PhysicalSize = PhysicalSize::new(960, 540);

/// Opens `screen` (under assets/screens) as the preview does, presses `keys` 200 ms apart and
/// lets `advance` pass.
fn open(screen: &str, data: Option<&str>, keys: &str, advance: Duration) -> App {
    let assets = assets_dir();
    let files = ScreenFiles {
        screen: assets.join("screens").join(screen),
        theme: None,
        data: data.map(|d| assets.join(d)),
        assets: assets.clone(),
    };
    let mut app = App::new(resources());
    let mut reload = HotReload::new(files);
    let loaded = reload.load(&mut app);
    assert!(loaded.is_ok(), "{}", loaded.err().map(|e| tenfoot_widgets::markup::render_all(&e)).unwrap_or_default());
    let mut now = Duration::ZERO;
    let _ = app.frame(now, &[]);
    let keys = parse_keys(keys);
    assert!(keys.is_ok(), "{keys:?}");
    for key in keys.unwrap_or_default() {
        now += Duration::from_millis(200);
        let _ = app.frame(now, &[KeyEvent::press(key), KeyEvent::release(key)]);
    }
    let end = now + advance;
    while now < end {
        now += Duration::from_millis(50);
        let _ = app.frame(now, &[]);
    }
    app
}

#[test]
fn home_down_right_lands_on_the_second_tile_of_the_first_rail_with_its_focus_look() {
    let mut app = open("sample/home.kdl", Some("data/catalog.json"), "Down Right", Duration::from_secs(1));
    assert_eq!(app.focus_path().as_deref(), Some("root/home/page/rails/rail-0/items/item-1"));
    // The tile draws its ring while focused: the focused item's ring has a border, the
    // first item's has none.
    let ring_border = |app: &App, item: &str| {
        let e = tenfoot_widgets::markup::find_path(app, &format!("root/home/page/rails/rail-0/items/{item}")).unwrap();
        let world = app.world();
        tenfoot_toolkit::tree::subtree(world, e)
            .into_iter()
            .find(|n| world.get::<&tenfoot_toolkit::Name>(*n).is_ok_and(|x| x.0 == "ring"))
            .and_then(|r| world.get::<&tenfoot_toolkit::Visual>(r).ok().and_then(|v| v.border))
    };
    assert!(ring_border(&app, "item-1").is_some(), "the focused tile shows its ring");
    assert!(ring_border(&app, "item-0").is_none(), "the other tiles do not");
    // Continue watching draws each item's progress; the next rail's items have none.
    let has_bar = |app: &App, path: &str| {
        let e = tenfoot_widgets::markup::find_path(app, &format!("root/home/page/rails/{path}")).unwrap();
        let world = app.world();
        tenfoot_toolkit::tree::subtree(world, e)
            .into_iter()
            .any(|n| world.get::<&tenfoot_toolkit::Name>(n).is_ok_and(|x| x.0 == "progress"))
    };
    assert!(has_bar(&app, "rail-0/items/item-0") && has_bar(&app, "rail-0/items/item-2"));
    assert!(!has_bar(&app, "rail-1/items/item-0"));
    assert_screenshot!(&mut app, "markup-sample-home", HALF);
}

#[test]
fn home_nav_is_the_nav_bar_and_its_entries_go_to_their_pages() {
    let mut app = open("sample/home.kdl", None, "Up Right Right Select", Duration::from_secs(1));
    assert_eq!(app.focus_path().as_deref(), Some("root/settings/#1/themes/theme-dark"));
    let _ = app.press_keys("Back");
    for i in 1..20 {
        let _ = app.frame(Duration::from_secs(2) + Duration::from_millis(50 * i), &[]);
    }
    assert_eq!(app.focus_path().as_deref(), Some("root/home/nav/tabs/nav-2"), "Back returns to the entry");
    let _ = app.press_keys("Left Select");
    for i in 1..20 {
        let _ = app.frame(Duration::from_secs(4) + Duration::from_millis(50 * i), &[]);
    }
    assert!(app.find("search").is_some(), "Search opens the search page");
}

#[test]
fn home_tile_select_opens_its_details_and_back_returns_to_the_tile() {
    let mut app = open("sample/home.kdl", None, "Down Down Right Select", Duration::from_secs(1));
    assert_eq!(app.focus_path().as_deref(), Some("root/details/info/actions/play"));
    assert_screenshot!(&mut app, "markup-sample-details", HALF);
    let _ = app.press_keys("Back");
    for i in 1..20 {
        let _ = app.frame(Duration::from_secs(2) + Duration::from_millis(50 * i), &[]);
    }
    assert_eq!(app.focus_path().as_deref(), Some("root/home/page/rails/rail-1/items/item-1"));
}

#[test]
fn search_types_with_the_keyboard_and_the_results_follow() {
    // o and r on the six-column keyboard (a-f, g-l, m-r...).
    let keys = "Down Down Right Right Select Right Right Right Select";
    let mut app = open("sample/search.kdl", None, keys, Duration::from_millis(500));
    let summary = app.find("summary").unwrap();
    let text = app.world().get::<&tenfoot_toolkit::TextContent>(summary).unwrap().text.clone();
    assert_eq!(text, "Results for “or”");
    // The simulated host answered the search: the titles containing "or", nothing else.
    let world = app.world();
    let titles: Vec<String> = app
        .focusables()
        .into_iter()
        .filter(|e| tenfoot_toolkit::tree::path(world, *e).contains("/grid/"))
        .filter_map(|e| {
            tenfoot_toolkit::tree::subtree(world, e).into_iter().find_map(|n| {
                world.get::<&tenfoot_toolkit::TextContent>(n).ok().map(|t| t.text.clone()).filter(|t| !t.is_empty())
            })
        })
        .collect();
    assert_eq!(titles, ["Low Orbit", "Northern Line", "Northern Line", "Far Shore"], "{titles:?}");
    assert_eq!(app.focus_path().as_deref(), Some("root/search/entry/keys/keys/row-2/key-r"), "focus stays on the key");
    assert_screenshot!(&mut app, "markup-sample-search", HALF);
}

#[test]
fn settings_switch_the_theme_in_markup_alone() {
    let mut app = open("sample/settings.kdl", None, "Right Select", Duration::from_secs(1));
    assert_eq!(tenfoot_widgets::theme(&app).name, "light");
    assert_eq!(app.focus_path().as_deref(), Some("root/settings/#1/themes/theme-light"));
    assert_screenshot!(&mut app, "markup-sample-settings-light", HALF);
}

#[test]
fn settings_reset_dialog_opens_on_select_and_back_closes_it_with_focus_returned() {
    let mut app = open("sample/settings.kdl", None, "Down Down Down Left Select", Duration::from_millis(600));
    let focus = app.focus_path().unwrap_or_default();
    assert!(focus.contains("reset-dialog"), "focus is in the dialog: {focus}");
    assert_screenshot!(&mut app, "markup-sample-settings-reset", HALF);
    let _ = app.press_keys("Back");
    for i in 1..30 {
        let _ = app.frame(Duration::from_secs(2) + Duration::from_millis(50 * i), &[]);
    }
    assert_eq!(app.focus_path().as_deref(), Some("root/settings/#3/reset"));
}

/// The `// keys: ...` line of an example, if it has one.
fn keys_of(src: &str) -> String {
    src.lines().find_map(|l| l.trim().strip_prefix("// keys:")).unwrap_or("").trim().to_owned()
}

#[test]
fn every_example_screen_matches_its_golden() {
    let dir = assets_dir().join("screens/examples");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kdl"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "at least 20 examples, found {}", names.len());
    let catalogue = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for path in names {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem.starts_with('_') {
            continue; // a shared component file
        }
        assert!(catalogue.contains(&format!("{stem}.kdl")), "{stem}.kdl is not in the examples catalogue");
        let src = std::fs::read_to_string(&path).unwrap();
        let mut app = open(&format!("examples/{stem}.kdl"), None, &keys_of(&src), Duration::from_millis(800));
        assert_screenshot!(&mut app, &format!("markup-example-{stem}"), HALF);
    }
}

#[test]
fn every_step_of_the_markup_guide_matches_its_golden() {
    // docs/markup.md shows these screenshots, one per step.
    for step in 1..=5 {
        let path = assets_dir().join(format!("screens/guide/step-{step}.kdl"));
        let src = std::fs::read_to_string(&path).unwrap();
        let mut app = open(&format!("guide/step-{step}.kdl"), None, &keys_of(&src), Duration::from_millis(800));
        assert_screenshot!(&mut app, &format!("markup-guide-{step}"), HALF);
    }
}
