//! Accessibility of the sample app: what the TV announcer says on focus walks through every
//! page (text goldens in `tests/a11y/*.txt`), the semantics tree of home, the accessibility lint
//! on every page in every theme, and the command line (`--announce`, `--lint-a11y`).
//!
//! The simulated host answers after a fixed 300 ms (no jitter), so the same keys say the same
//! things on every run. Bless changed goldens with `TENFOOT_BLESS=1 cargo test --test a11y`
//! and read the diff: it is what a blind user will hear.

#![expect(clippy::unwrap_used, clippy::panic, reason = "a test fails by panicking")]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{sample_app, tenfoot, LOAD};
use tenfoot::testing::{golden, run_headless, Device, Driver, Harness, Options};
use tenfoot::toolkit::{a11y_lint, App, El, LintOptions};
use tenfoot::widgets::{set_theme, Theme};

fn harness(theme: Theme) -> Harness {
    let mut app = sample_app();
    set_theme(&mut app, theme);
    app.enable_announcer();
    let mut h = Harness::with_app(app, Device::Hd1080);
    h.advance(LOAD);
    h
}

/// Presses each key of `script`, letting the data load after each; returns what was said,
/// one utterance a line, each key's utterances under a `> Key` line.
fn walk(h: &mut Harness, script: &str) -> String {
    let mut out = String::new();
    for u in h.app_mut().take_utterances() {
        out.push_str(&tenfoot::testing::announce_line(&u));
        out.push('\n');
    }
    for key in script.split_whitespace() {
        out.push_str(&format!("> {key}\n"));
        h.press_keys(key).unwrap();
        h.advance(LOAD);
        for u in h.app_mut().take_utterances() {
            out.push_str(&tenfoot::testing::announce_line(&u));
            out.push('\n');
        }
    }
    out
}

/// Compares `text` with `tests/a11y/<name>.txt`, showing both on a mismatch.
fn golden_text(name: &str, text: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("a11y");
    let path = dir.join(format!("{name}.txt"));
    if golden::blessing() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no golden {} ({e}); bless with TENFOOT_BLESS=1", path.display()));
    if old != text {
        let changed: Vec<String> = old
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("  was: {a}\n  now: {b}"))
            .collect();
        panic!(
            "{} differs ({} lines were, {} now):\n{}\n--- now ---\n{text}",
            path.display(),
            old.lines().count(),
            text.lines().count(),
            changed.join("\n")
        );
    }
}

/// Every page the sample has, as the keys that open it from the profile picker.
const PAGES: [(&str, &str); 6] = [
    ("profiles", ""),
    ("home", "Select"),
    ("details", "Select Down Select"),
    ("player", "Select Select"),
    ("search", "Select Up Right Select"),
    ("settings", "Select Up Right Right Select"),
];

#[test]
fn focus_walk_profiles() {
    let mut h = harness(Theme::dark());
    golden_text("walk-profiles", &walk(&mut h, "Right Right Left"));
}

#[test]
fn focus_walk_home() {
    let mut h = harness(Theme::dark());
    golden_text("walk-home", &walk(&mut h, "Select Right Down Right Right Down Down Up Up Up Up Right"));
}

#[test]
fn focus_walk_details() {
    let mut h = harness(Theme::dark());
    golden_text("walk-details", &walk(&mut h, "Select Down Select Right Right Down Right Down Back"));
}

#[test]
fn focus_walk_player() {
    let mut h = harness(Theme::dark());
    golden_text("walk-player", &walk(&mut h, "Select Select Right Left Down Back"));
}

#[test]
fn focus_walk_search() {
    let mut h = harness(Theme::dark());
    golden_text("walk-search", &walk(&mut h, "Select Up Right Select Select Right Select Down Down"));
}

#[test]
fn focus_walk_settings() {
    let mut h = harness(Theme::dark());
    golden_text("walk-settings", &walk(&mut h, "Select Up Right Right Select Down Select Down Down Right"));
}

/// Every frame of walks through home, details, the player and settings (page changes, scroll
/// glides, loads arriving, a toggle flipped): the tree kept from frame to frame equals one built
/// from scratch, so keeping unchanged nodes never leaves a stale one.
#[test]
fn the_incremental_tree_equals_one_built_from_scratch_on_every_frame() {
    let mut h = harness(Theme::dark());
    let script = "Select Right Down Right Right Down Down Select Down Select Right Back Back Up Up Up Up Right Right Select Down Select";
    for key in script.split_whitespace() {
        h.press_keys(key).unwrap();
        for frame in 0..24 {
            h.advance(Duration::from_millis(17));
            let app = h.app();
            assert_eq!(
                app.semantics().unwrap(),
                &app.semantics_from_scratch(),
                "frame {frame} after {key}: the kept tree differs from a fresh one"
            );
        }
    }
}

#[test]
fn home_semantics_tree() {
    let mut h = harness(Theme::dark());
    walk(&mut h, "Select");
    let tree = h.app().semantics().unwrap().outline();
    golden_text("tree-home", &tree);
    // The JSON dump has the same nodes.
    let json: serde_json::Value = serde_json::from_str(&h.app().semantics().unwrap().to_json()).unwrap();
    assert_eq!(json["role"], "group");
}

#[test]
fn every_page_passes_the_lint_in_every_theme() {
    for (theme_name, theme) in
        [("dark", Theme::dark()), ("light", Theme::light()), ("high contrast", Theme::high_contrast())]
    {
        for (page, keys) in PAGES {
            let mut h = harness(theme.clone());
            walk(&mut h, keys);
            for device in [1.0, 2.0 / 3.0] {
                let report = a11y_lint(h.app_mut(), LintOptions { scale: device });
                assert!(report.is_clean(), "{page} in the {theme_name} theme at scale {device}: {report}");
                assert!(report.nodes > 3, "{page}: the lint saw the page ({report})");
            }
        }
    }
}

#[test]
fn an_unlabelled_focusable_fails_the_lint_by_name() {
    let screen = || {
        El::new()
            .name("screen")
            .gap(20.0)
            .child(El::new().name("fine").size(200.0, 80.0).focusable().child(El::new().text("Fine")))
            .child(El::new().name("mystery-button").size(80.0, 80.0).focusable())
    };
    let options = Options::parse(["--lint-a11y".to_owned()]).unwrap();
    let mut driver = Driver::new(tenfoot::app(screen()));
    let result = run_headless(&mut driver, &options, None).unwrap();
    let report = result.a11y.unwrap();
    assert_eq!(report.findings.len(), 1, "{report}");
    assert!(report.to_string().contains("`root/screen/mystery-button`: focusable element has no label"), "{report}");
    // What the command line makes of it: an error, so the process exits 1.
    let err = tenfoot::preview::run_with(tenfoot::app(screen()), vec!["--lint-a11y".into()]).unwrap_err();
    assert!(err.contains("accessibility lint found problems"), "{err}");
}

#[test]
fn announce_says_the_profile_home_the_rail_and_the_second_tile() {
    let (ok, out) = tenfoot(&["--latency", "0", "--keys", "Select Down Right", "--announce"]);
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let at = |needle: &str| {
        lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no `{needle}` in:\n{out}"))
    };
    let profile = at("Maya, button, 1 of");
    let home = at("Home, screen");
    let rail = at("list, 8 items. ");
    let second = at(", 2 of 8, ");
    assert!(profile < home && home < rail && rail < second, "out of order:\n{out}");
}

#[test]
fn lint_a11y_passes_on_home_from_the_command_line() {
    let (ok, out) = tenfoot(&["--latency", "0", "--keys", "Select", "--lint-a11y"]);
    assert!(ok, "{out}");
    assert!(out.contains("accessibility lint of `root/home`") && out.contains(": ok"), "{out}");
}

#[test]
fn semantics_dumps_json_after_the_keys() {
    let (ok, out) = tenfoot(&["--latency", "0", "--keys", "Select", "--semantics"]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"role\":\"screen\"") && text.contains("\"label\":\"Home\""), "{text}");
}

#[test]
fn an_app_nobody_listens_to_builds_no_tree() {
    let mut app: App = tenfoot::sample::app();
    let _ = app.frame(Duration::ZERO, &[]);
    assert!(app.semantics().is_none() && app.semantics_builds() == 0);
}
