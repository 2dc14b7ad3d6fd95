//! The public testing API used as an app team would: a screen, remote keys, virtual time,
//! focus and pixel assertions; a golden that changes fails with `.new.png` and `.diff.png`
//! written and named, and blessing restores it; rendering is deterministic across runs and
//! parallel threads.

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "only the example's screen is used")]
mod hello;

use std::time::Duration;

use tenfoot::testing::golden::Tolerance;
use tenfoot::testing::{assert_harness_screenshot, Device, Harness};

#[test]
fn keys_move_focus_and_snapshots_match() {
    let mut h = Harness::new(hello::screen(), Device::Hd720);
    assert_eq!(h.focused().map(|f| f.name), Some("trailer".to_owned()));
    h.press_keys("Left").unwrap();
    assert_eq!(h.focused().map(|f| f.name), Some("play".to_owned()));
    h.advance(Duration::from_millis(300));
    assert_eq!(h.text_of("title").as_deref(), Some("tenfoot"));
    assert_harness_screenshot!(h, "harness-hello-play");
}

#[test]
fn a_changed_golden_fails_with_both_files_and_blessing_restores_it() {
    if tenfoot::testing::golden::blessing() {
        println!("skipped: TENFOOT_BLESS is set, so checks write goldens instead of comparing");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tenfoot-harness-golden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = Harness::new(hello::screen(), Device::Hd720);
    // Write the golden for the initial screen (what blessing does).
    let png = h.render();
    png.pixmap().save_png(dir.join("g.png")).unwrap();
    std::fs::write(dir.join("g.txt"), h.snapshot()).unwrap();
    assert!(h.check_screenshot(&dir, "g", Tolerance::default()).is_ok());
    // Change the screen: focus moves, so the ring moves.
    h.press_keys("Left").unwrap();
    let err = h.check_screenshot(&dir, "g", Tolerance::default()).unwrap_err();
    assert!(err.contains("pixels differ"), "{err}");
    let new = dir.join("g.new.png");
    let diff = dir.join("g.diff.png");
    assert!(new.exists() && diff.exists(), "both files are written");
    assert!(err.contains(&new.display().to_string()) && err.contains(&diff.display().to_string()), "{err}");
    assert!(err.contains("changed:") || err.contains("focused"), "the text snapshot says what changed: {err}");
    // Blessing the new frame makes the same check pass.
    h.render().pixmap().save_png(dir.join("g.png")).unwrap();
    std::fs::write(dir.join("g.txt"), h.snapshot()).unwrap();
    assert!(h.check_screenshot(&dir, "g", Tolerance::default()).is_ok());
    assert!(!new.exists() && !diff.exists(), "a passing check removes stale .new/.diff files");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rendering_is_deterministic_across_runs_and_threads() {
    let render = || {
        let mut h = Harness::new(hello::screen(), Device::Hd720);
        h.press_keys("Left").unwrap();
        h.render().pixmap().data().to_vec()
    };
    let first = render();
    assert_eq!(first, render(), "a second run renders the same bytes");
    let threads: Vec<_> = (0..4).map(|_| std::thread::spawn(render)).collect();
    for t in threads {
        assert!(t.join().unwrap() == first, "a parallel thread rendered different bytes");
    }
}
