//! Screenshot tests of the widget examples (text, image, tile, hero, spinner, progress, toast,
//! theme_switch, rtl, rail, grid, nav_bar, modal, toggle, list, text_input; the interactive ones after a
//! key script), rendered at 1280x720 (themes at 960x540) to keep goldens small. Bless
//! with `TENFOOT_BLESS=1 cargo test --test widget_screenshots`.

#![expect(dead_code, reason = "only each example's app builder is used")]

use std::time::Duration;

use tenfoot::testing::{__PhysicalSize as PhysicalSize, assert_screenshot};
use tenfoot::toolkit::{App, KeyEvent};

#[path = "../examples/grid.rs"]
mod grid;
#[path = "../examples/hero.rs"]
mod hero;
#[path = "../examples/image.rs"]
mod image;
#[path = "../examples/list.rs"]
mod list;
#[path = "../examples/modal.rs"]
mod modal;
#[path = "../examples/nav_bar.rs"]
mod nav_bar;
#[path = "../examples/progress.rs"]
mod progress;
#[path = "../examples/rail.rs"]
mod rail;
#[path = "../examples/rtl.rs"]
mod rtl;
#[path = "../examples/spinner.rs"]
mod spinner;
#[path = "../examples/text.rs"]
mod text;
#[path = "../examples/text_input.rs"]
mod text_input;
#[path = "../examples/theme_switch.rs"]
mod theme_switch;
#[path = "../examples/tile.rs"]
mod tile;
#[path = "../examples/toast.rs"]
mod toast;
#[path = "../examples/toggle.rs"]
mod toggle;

const HD: PhysicalSize = PhysicalSize::new(1280, 720);

/// Presses `keys` one frame each, 150 ms apart (as `--keys` does), then runs frames to `at` and
/// compares.
fn check_keys(mut app: App, name: &str, keys: &str, at: Duration, size: PhysicalSize) {
    app.frame(Duration::ZERO, &[]);
    let mut t = Duration::ZERO;
    for key in tenfoot::toolkit::parse_keys(keys).unwrap_or_default() {
        t += Duration::from_millis(150);
        let frame = app.frame(t, &[KeyEvent::press(key), KeyEvent::release(key)]);
        assert!(frame.errors.is_empty(), "{name}: {:?}", frame.errors);
    }
    check_from(app, name, t, t + at, size);
}

/// Runs frames up to `at` (so clock-driven widgets and effects are where they would be), then
/// compares.
fn check(app: App, name: &str, at: Duration, size: PhysicalSize) {
    check_from(app, name, Duration::ZERO, at, size);
}

fn check_from(mut app: App, name: &str, from: Duration, at: Duration, size: PhysicalSize) {
    let mut t = from;
    loop {
        let frame = app.frame(t, &[]);
        assert!(frame.errors.iter().all(|e| e.contains("missing.png")), "{name}: {:?}", frame.errors);
        if t >= at {
            break;
        }
        t = (t + Duration::from_millis(250)).min(at);
    }
    assert_screenshot!(&mut app, name, size);
}

#[test]
fn text_example() {
    check(text::app(), "text", Duration::ZERO, HD);
}

#[test]
fn image_example() {
    check(image::app(), "image", Duration::ZERO, HD);
}

#[test]
fn tile_example() {
    check(tile::app(), "tile", Duration::ZERO, HD);
}

#[test]
fn hero_example() {
    check(hero::app(), "hero", Duration::ZERO, HD);
}

#[test]
fn spinner_example_at_300ms() {
    check(spinner::app(), "spinner-300ms", Duration::from_millis(300), HD);
}

#[test]
fn progress_example_at_4s() {
    check(progress::app(), "progress-4s", Duration::from_secs(4), HD);
}

#[test]
fn toast_example() {
    check(toast::app(), "toast", Duration::from_secs(1), HD);
}

#[test]
fn toast_example_after_the_first_expired() {
    check(toast::app(), "toast-5s", Duration::from_secs(5), HD);
}

#[test]
fn theme_switch_cycles_through_the_three_themes() {
    let small = PhysicalSize::new(960, 540);
    check(theme_switch::app(), "theme-dark", Duration::from_secs(1), small);
    check(theme_switch::app(), "theme-light", Duration::from_secs(5), small);
    check(theme_switch::app(), "theme-high-contrast", Duration::from_secs(9), small);
}

#[test]
fn rtl_example() {
    check(rtl::app(), "rtl", Duration::ZERO, HD);
}

#[test]
fn rail_example_after_moving_right() {
    check_keys(
        rail::app(),
        "rail",
        "Right Right Right Right Right Right Right Right Right Right Down Left Left",
        Duration::from_secs(1),
        HD,
    );
}

#[test]
fn grid_example_scrolled_down() {
    check_keys(grid::app(), "grid", "Right Right Down Down Down", Duration::from_secs(1), HD);
}

#[test]
fn toggle_example_after_flipping_two() {
    check_keys(toggle::app(), "toggle", "Down Select Down Select", Duration::from_millis(500), HD);
}

#[test]
fn text_input_example_after_typing_dune() {
    // d, then u three rows down, n, and e back on the first row: the caret after "dune", focus
    // on E, the PIN field empty with its placeholder, the email's end after an ellipsis.
    let keys = "Right Right Right Select Down Down Down Left Select Up Left Select Up Up Right Right Right Select";
    check_keys(text_input::app(), "text_input", keys, Duration::from_millis(500), HD);
}

#[test]
fn list_example_after_picking_a_language() {
    check_keys(list::app(), "list", "Right Down Down Select Down", Duration::from_millis(500), HD);
}

#[test]
fn modal_example_open() {
    check_keys(modal::app(), "modal", "Right Select Right", Duration::from_millis(500), HD);
}

#[test]
fn nav_bar_example_side_menu_expanded() {
    check_keys(nav_bar::app(), "nav_bar", "Down Down Select", Duration::from_millis(500), HD);
}

#[test]
fn nav_bar_example_tabs_focused_menu_collapsed() {
    check_keys(nav_bar::app(), "nav_bar-tabs", "Right Right Right Right Select", Duration::from_millis(500), HD);
}
