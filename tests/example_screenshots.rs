//! The examples catalogue: every example in `examples/` is listed in the README's example
//! table (and nothing else is), every example renders headless through the shared command
//! line, and the feature examples without a test file of their own have goldens here.
//! Bless with `TENFOOT_BLESS=1 cargo test --test example_screenshots`.

#![expect(dead_code, reason = "only each example's app builder is used")]
#![expect(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tenfoot::testing::{__PhysicalSize as PhysicalSize, assert_screenshot};
use tenfoot::toolkit::App;

#[path = "../examples/button.rs"]
mod button;
#[path = "../examples/focus_scopes.rs"]
mod focus_scopes;
#[path = "../examples/gallery.rs"]
mod gallery;
#[path = "../examples/layout.rs"]
mod layout;
#[path = "../examples/signals.rs"]
mod signals;
#[path = "../examples/sink_recording.rs"]
mod sink_recording;

const HD: PhysicalSize = PhysicalSize::new(1280, 720);

fn settle(app: &mut App, keys: &str) {
    app.press_keys(keys).expect("the example keys are valid");
    for i in 1..=20u64 {
        let _ = app.frame(app.now() + Duration::from_millis(25 * i), &[]);
    }
}

#[test]
fn button_after_presses() {
    let mut app = button::app();
    settle(&mut app, "Select Right Select Select");
    assert_eq!(app.focus_path().as_deref(), Some("root/buttons/#2/trailer"));
    assert_screenshot!(&mut app, "example-button", HD);
}

#[test]
fn gallery_renders_every_widget() {
    let mut app = gallery::app();
    settle(&mut app, "Down Down Right");
    assert!(app.focus_path().unwrap_or_default().ends_with("rail/items/item-1"), "{:?}", app.focus_path());
    assert_screenshot!(&mut app, "example-gallery", HD);
}

#[test]
fn layout_screen() {
    assert_screenshot!(&mut layout::app(), "example-layout", HD);
}

#[test]
fn focus_scopes_memory_override_wrap_and_trap() {
    let path = |keys: &str| {
        let mut app = focus_scopes::app();
        app.press_keys(keys).unwrap();
        app.focus_path().unwrap_or_default()
    };
    assert!(path("Right Right Down Up").ends_with("a/a-2"), "memory");
    assert!(path("Down Left").ends_with("settings"), "override");
    assert!(path("Down Down Left").ends_with("c/c-4"), "wrap-around");
    assert!(path("Down Down Down Select Right Right Right").ends_with("cancel"), "trap");
    assert!(path("Down Down Down Select Back").ends_with("open"), "Back closes and focus returns");
    let mut app = focus_scopes::app();
    settle(&mut app, "Down Down Down Select");
    assert_screenshot!(&mut app, "example-focus-scopes-dialog", HD);
}

#[test]
fn signals_count_memo_and_keyed_list() {
    let mut app = signals::app();
    let row = app.find("row-Night Train").unwrap();
    settle(&mut app, "Select Select Right Select");
    assert_eq!(app.find("row-Night Train"), Some(row), "a reorder keeps the row's entity");
    assert_screenshot!(&mut app, "example-signals", HD);
}

#[test]
fn sink_recording_sizes() {
    let (sizes, stream) = sink_recording::record();
    assert_eq!(sizes.len(), 3);
    assert!(sizes[1].1 < sizes[0].1 / 4, "a focus move is a small delta: {sizes:?}");
    assert!(sizes[2].1 < sizes[1].1, "an idle frame is smaller still: {sizes:?}");
    assert!(stream.len() > sizes[0].1);
    assert_screenshot!(&mut sink_recording::app(), "example-sink-recording", HD);
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Example names: `examples/*.rs` (the C reader folder is documented separately).
fn examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace().join("examples"))
        .expect("examples/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn readme_table_and_examples_agree() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let section = readme.split("## Examples").nth(1).unwrap_or_default();
    let table: Vec<String> = section
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect();
    let names = examples();
    let missing: Vec<&String> = names.iter().filter(|n| !table.contains(n)).collect();
    let stale: Vec<&String> = table.iter().filter(|n| !names.contains(n)).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "README example table: missing {missing:?}, no such example {stale:?}"
    );
    assert!(names.len() >= 30, "the catalogue has {} examples", names.len());
}

#[test]
fn every_example_renders_headless() {
    // `cargo test` builds the examples next to this test's own binary.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).map(|d| d.join("examples")).unwrap();
    let out = std::env::temp_dir().join(format!("tenfoot-examples-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let mut failures = Vec::new();
    for name in examples() {
        let bin = dir.join(&name);
        if !bin.exists() {
            failures.push(format!("{name}: not built at {}", bin.display()));
            continue;
        }
        let png = out.join(format!("{name}.png"));
        let run = Command::new(&bin).args(["--screenshot"]).arg(&png).args(["--size", "480x270"]).output().unwrap();
        if !run.status.success() || !png.exists() {
            failures.push(format!("{name}: {}", String::from_utf8_lossy(&run.stderr).trim()));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(failures.is_empty(), "examples that did not render:\n{}", failures.join("\n"));
}
