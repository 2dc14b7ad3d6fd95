//! Reload tests on virtual time: write a file, report the change, poll past the settle time,
//! and the next frame shows the new screen. No wall-clock waits.

use std::path::PathBuf;
use std::time::Duration;

use tenfoot_renderer::{EmbeddedAssets, PhysicalSize, Resources, Scale};
use tenfoot_toolkit::{tree, App, LOGICAL_SIZE};

use super::*;
use tenfoot_testing as harness;
use tenfoot_testing::DirAssets;

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tenfoot-reload-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("posters")).unwrap();
        Self(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The laid-out tree as text (layout runs first, as the next frame would).
fn snapshot(app: &mut App) -> String {
    app.layout();
    harness::snapshot(app)
}

fn setup(dir: &TempDir, screen: &str) -> (HotReload, App) {
    let files = ScreenFiles {
        screen: dir.write("screen.kdl", screen),
        theme: Some(dir.write("theme.kdl", "accent \"#e8b44a\"\n")),
        data: Some(dir.write("data.json", r#"{"title": "One"}"#)),
        assets: dir.0.clone(),
    };
    let mut app = App::new(Resources::new(EmbeddedAssets::over(DirAssets::new(&dir.0))).unwrap());
    let mut r = HotReload::new(files);
    r.load(&mut app).unwrap();
    let _ = app.frame(Duration::ZERO, &[]);
    (r, app)
}

const SCREEN: &str =
    "column name=screen {\n  row name=row {\n    text \"{title}\" name=a\n    text \"b\" name=b\n  }\n}\n";

#[test]
fn saving_the_screen_shows_on_the_next_frame() {
    let dir = TempDir::new("screen");
    let (mut r, mut app) = setup(&dir, SCREEN);
    assert!(snapshot(&mut app).contains("text \"One\""));
    let t0 = Duration::from_millis(1000);
    let path = dir.write("screen.kdl", &SCREEN.replace("\"b\"", "\"changed\""));
    r.file_changed(&path, t0);
    // Not yet settled: nothing happens, the frame is idle.
    assert_eq!(r.poll(t0 + SETTLE / 2, &mut app, None), None);
    assert_eq!(app.frame(t0 + SETTLE / 2, &[]).display_list, None);
    // Settled: the screen is rebuilt and the next frame paints it.
    assert_eq!(r.poll(t0 + SETTLE, &mut app, None), Some(Reloaded::Screen));
    assert!(app.frame(t0 + SETTLE, &[]).display_list.is_some());
    assert!(snapshot(&mut app).contains("root/screen/row/b  ") && snapshot(&mut app).contains("text \"changed\""));
    assert_eq!(r.deadline(), None);
}

#[test]
fn theme_and_data_changes_reload_too() {
    let dir = TempDir::new("theme");
    let (mut r, mut app) = setup(&dir, "column background=$accent {\n  text \"{title}\"\n}\n");
    let t0 = Duration::from_secs(1);
    r.file_changed(&dir.write("theme.kdl", "accent \"#102030\"\n"), t0);
    r.file_changed(&dir.write("data.json", r#"{"title": "Two"}"#), t0 + Duration::from_millis(10));
    // The second event restarts the settle time.
    assert_eq!(r.poll(t0 + SETTLE, &mut app, None), None);
    assert_eq!(r.poll(t0 + Duration::from_millis(10) + SETTLE, &mut app, None), Some(Reloaded::Screen));
    let snap = snapshot(&mut app);
    assert!(snap.contains("bg #102030") && snap.contains("text \"Two\""), "{snap}");
}

#[test]
fn a_broken_save_keeps_the_last_good_screen_and_fixing_it_resumes() {
    let dir = TempDir::new("recover");
    let (mut r, mut app) = setup(&dir, SCREEN);
    let good = snapshot(&mut app);
    let mut t = Duration::from_secs(1);
    let path = dir.write("screen.kdl", "column {\n  txet \"oops\"\n");
    r.file_changed(&path, t);
    t += SETTLE;
    assert_eq!(r.poll(t, &mut app, None), Some(Reloaded::Failed));
    let _ = app.frame(t, &[]);
    assert_eq!(snapshot(&mut app), good, "the last good screen stays");
    assert_eq!(r.errors().len(), 1);
    assert_eq!((r.errors()[0].line, r.errors()[0].column), (1, 8), "{}", r.errors()[0]);
    // A second broken save: the semantic error is found now that it parses.
    let path = dir.write("screen.kdl", "column {\n  txet \"oops\"\n}\n");
    r.file_changed(&path, t);
    t += SETTLE;
    assert_eq!(r.poll(t, &mut app, None), Some(Reloaded::Failed));
    assert_eq!(r.errors()[0].message, "unknown widget `txet`");
    assert_eq!(r.errors()[0].hint.as_deref(), Some("did you mean `text`?"));
    // Fixed: the new screen shows and the errors are gone.
    let path = dir.write("screen.kdl", "column {\n  text \"fixed\"\n}\n");
    r.file_changed(&path, t);
    t += SETTLE;
    assert_eq!(r.poll(t, &mut app, None), Some(Reloaded::Screen));
    assert!(r.errors().is_empty());
    assert!(snapshot(&mut app).contains("text \"fixed\""));
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let dir = TempDir::new("missing");
    let (mut r, mut app) = setup(&dir, SCREEN);
    let data = dir.0.join("data.json");
    std::fs::remove_file(&data).unwrap();
    r.file_changed(&data, Duration::ZERO);
    assert_eq!(r.poll(SETTLE, &mut app, None), Some(Reloaded::Failed));
    assert!(r.errors()[0].message.starts_with("cannot read this file"), "{}", r.errors()[0]);
}

#[test]
fn focus_path_resolves_to_the_same_element_in_the_new_tree() {
    let dir = TempDir::new("focus");
    let (mut r, mut app) = setup(&dir, SCREEN);
    let before = app.find("b").unwrap();
    let path = tree::path(app.world(), before);
    assert_eq!(path, "root/screen/row/b");
    assert_eq!(find_path(&app, &path), Some(before));
    // Insert a sibling before `b`: the path by names still finds `b`, now a new entity.
    r.file_changed(
        &dir.write("screen.kdl", &SCREEN.replace("text \"b\"", "text \"new\"\n    text \"b\"")),
        Duration::ZERO,
    );
    assert_eq!(r.poll(SETTLE, &mut app, None), Some(Reloaded::Screen));
    let after = find_path(&app, &path).unwrap();
    assert_ne!(after, before);
    assert_eq!(app.find("b"), Some(after));
    assert_eq!(find_path(&app, "root/screen/row/gone"), None);
    assert_eq!(find_path(&app, "root/screen/row/#2"), Some(after));
}

#[test]
fn focus_stays_on_the_same_element_after_a_reload() {
    let dir = TempDir::new("keep-focus");
    let screen = "row name=buttons {\n  button \"One\" name=one\n  button \"Two\" name=two\n}\n";
    let (mut r, mut app) = setup(&dir, screen);
    app.press_keys("Right").unwrap();
    assert_eq!(app.focus_path().as_deref(), Some("root/buttons/two"));
    // A new button before them: `two` is a new entity at a new place, and keeps focus.
    r.file_changed(
        &dir.write("screen.kdl", &screen.replace("button \"One\"", "button \"Zero\" name=zero\n  button \"One\"")),
        Duration::ZERO,
    );
    assert_eq!(r.poll(SETTLE, &mut app, None), Some(Reloaded::Screen));
    let _ = app.frame(SETTLE, &[]);
    assert_eq!(app.focus_path().as_deref(), Some("root/buttons/two"));
}

fn poster(color: [u8; 3]) -> Vec<u8> {
    let mut p = tiny_skia::Pixmap::new(24, 36).unwrap();
    p.fill(tiny_skia::Color::from_rgba8(color[0], color[1], color[2], 255));
    p.encode_png().unwrap()
}

#[test]
fn a_changed_image_is_redrawn_from_the_new_file() {
    let dir = TempDir::new("image");
    let png = dir.0.join("posters/p.png");
    std::fs::write(&png, poster([255, 0, 0])).unwrap();
    let (mut r, mut app) = setup(&dir, "column {\n  image \"posters/p.png\" width=240 height=360\n}\n");
    let size = PhysicalSize::new(480, 270);
    let mut backend = CpuBackend::new(size, Scale::fit(LOGICAL_SIZE, size));
    let _ = app.draw(&mut backend);
    let red = backend.pixmap().pixel(30, 30).map(|p| (p.red(), p.blue()));
    assert_eq!(red, Some((255, 0)));
    std::fs::write(&png, poster([0, 0, 255])).unwrap();
    r.file_changed(&png, Duration::ZERO);
    assert_eq!(r.poll(SETTLE, &mut app, Some(&mut backend)), Some(Reloaded::Images(vec!["posters/p.png".into()])));
    let _ = app.draw(&mut backend);
    let blue = backend.pixmap().pixel(30, 30).map(|p| (p.red(), p.blue()));
    assert_eq!(blue, Some((0, 255)));
}

#[test]
fn unrelated_files_are_ignored() {
    let dir = TempDir::new("unrelated");
    let (mut r, mut app) = setup(&dir, SCREEN);
    r.file_changed(&dir.write("notes.txt", "hi"), Duration::ZERO);
    assert_eq!(r.poll(SETTLE, &mut app, None), None);
}
