//! The navigation lint on the sample screens: every focusable element is reachable by arrows
//! and no scope traps focus.

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod hello;

use std::time::Duration;

use tenfoot::toolkit::{navigation_lint, RemoteKey};

#[test]
fn hello_passes_the_focus_lint() {
    let mut app = hello::app();
    app.frame(Duration::ZERO, &[]);
    let report = navigation_lint(&app);
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.focusables, 2, "Play and Trailer (Watchlist is disabled): {report}");
}

#[test]
fn hello_focus_moves_between_its_buttons() {
    let mut app = hello::app();
    app.frame(Duration::ZERO, &[]);
    assert_eq!(app.focus_path().as_deref(), Some("root/hello/#1/panel/#2/trailer"));
    app.press(RemoteKey::Left);
    assert_eq!(app.focus_path().as_deref(), Some("root/hello/#1/panel/#2/play"));
    app.press(RemoteKey::Right);
    app.press(RemoteKey::Right);
    assert_eq!(app.focus_path().as_deref(), Some("root/hello/#1/panel/#2/trailer"), "Watchlist is skipped");
}
