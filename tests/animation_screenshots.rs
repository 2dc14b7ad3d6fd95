//! Screenshot tests of the animation examples, each at a chosen mid-animation frame. Frames are
//! driven at 60 Hz up to the chosen time (as the preview would), then rendered headless and
//! compared with the golden in `screenshots/`. Bless with
//! `TENFOOT_BLESS=1 cargo test --test animation_screenshots`.

#[path = "../examples/anim_tween.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod anim_tween;

#[path = "../examples/anim_spring.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod anim_spring;

#[path = "../examples/anim_layout.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod anim_layout;

#[path = "../examples/anim_enter_exit.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod anim_enter_exit;

#[path = "../examples/anim_screen_transition.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod anim_screen_transition;

use std::time::Duration;

use tenfoot::testing::{__PhysicalSize as PhysicalSize, assert_screenshot};
use tenfoot::toolkit::App;

/// Runs frames every 16 ms from 0 to `ms`, ending exactly at `ms`.
fn run_to(app: &mut App, ms: u64) {
    let mut t = 0;
    while t < ms {
        let _ = app.frame(Duration::from_millis(t), &[]);
        t += 16;
    }
    let _ = app.frame(Duration::from_millis(ms), &[]);
}

#[test]
fn tween_at_450ms() {
    let mut app = anim_tween::app();
    run_to(&mut app, 450);
    assert_screenshot!(&mut app, "anim-tween-450ms", PhysicalSize::new(1920, 1080));
}

#[test]
fn spring_at_600ms() {
    // 150 ms after the ring was retargeted from tile 3 to tile 1, mid-flight.
    let mut app = anim_spring::app();
    run_to(&mut app, 600);
    assert_screenshot!(&mut app, "anim-spring-600ms", PhysicalSize::new(1920, 1080));
}

#[test]
fn layout_menu_opening() {
    // The menu started opening at ~512 ms; 230 ms into its 450 ms glide.
    let mut app = anim_layout::app();
    run_to(&mut app, 740);
    assert_screenshot!(&mut app, "anim-layout-menu", PhysicalSize::new(1920, 1080));
}

#[test]
fn layout_tile_inserted() {
    // A tile was inserted at ~1.53 s: the rail has glided right to make room, and the new
    // tile (after its 120 ms delay) is fading and scaling in.
    let mut app = anim_layout::app();
    run_to(&mut app, 1780);
    assert_screenshot!(&mut app, "anim-layout-insert", PhysicalSize::new(1920, 1080));
}

#[test]
fn enter_exit_mid_swap() {
    // The first swap started at ~616 ms: the first poster and toast are leaving, new ones are
    // arriving, the rest are gliding into place.
    let mut app = anim_enter_exit::app();
    run_to(&mut app, 790);
    assert_screenshot!(&mut app, "anim-enter-exit", PhysicalSize::new(1920, 1080));
}

#[test]
fn screen_transition_slide_mid_way() {
    // Home -> Details, slide left, started at ~816 ms: 130 ms into 550 ms.
    let mut app = anim_screen_transition::app();
    run_to(&mut app, 946);
    assert_screenshot!(&mut app, "anim-screen-slide", PhysicalSize::new(1920, 1080));
}

#[test]
fn screen_transition_zoom_mid_way() {
    // Home -> Details again with zoom, started at ~4016 ms.
    let mut app = anim_screen_transition::app();
    run_to(&mut app, 4150);
    assert_screenshot!(&mut app, "anim-screen-zoom", PhysicalSize::new(1920, 1080));
}
