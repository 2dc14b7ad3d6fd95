//! Screenshot tests of the examples: each renders headless and is compared with its golden in
//! `screenshots/`. Bless new goldens with `TENFOOT_BLESS=1 cargo test --test screenshots`.

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "only the example's screen is used")]
mod hello;

#[path = "../examples/sink_bench.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod sink_bench;

#[path = "../examples/markup_screen.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod markup_screen;

use tenfoot::testing::{__PhysicalSize as PhysicalSize, assert_screenshot};

#[test]
fn hello_in_markup_draws_exactly_what_hello_rs_draws() {
    let src = std::fs::read_to_string(tenfoot::testing::assets_dir().join("screens/hello.kdl")).unwrap();
    let theme = tenfoot::widgets::Theme::dark();
    let screen = tenfoot::widgets::markup::load_screen("screens/hello.kdl", &src, &theme, None).unwrap();
    let mut markup = tenfoot::toolkit::App::new(tenfoot::testing::resources());
    markup.set_background(theme.background);
    markup.set_root(screen);
    assert_eq!(markup.display_list(), hello::app().display_list());
}

#[test]
fn markup_screen_1080p() {
    let mut app = markup_screen::app().map_err(|e| eprintln!("{e}")).unwrap();
    assert_screenshot!(&mut app, "markup_screen", PhysicalSize::new(1920, 1080));
}

#[test]
fn hello_1080p() {
    assert_screenshot!(&mut hello::app(), "hello", PhysicalSize::new(1920, 1080));
}

#[test]
fn hello_half_scale() {
    assert_screenshot!(&mut hello::app(), "hello-720p", PhysicalSize::new(1280, 720));
}

#[test]
fn sink_bench_home_half_scale() {
    // The home-like screen the sink is measured on, at 960x540 to keep the golden small.
    assert_screenshot!(&mut sink_bench::app(), "sink_bench-540p", PhysicalSize::new(960, 540));
}

#[test]
fn hello_is_crisp_at_4k() {
    // The 4K frame is not stored as a golden (it would be large); instead its downscaled
    // content must match the 1080p frame closely, proving everything scaled (nothing drawn
    // at 1x and stretched, nothing misplaced).
    let (big, _) = tenfoot::testing::render(&mut hello::app(), PhysicalSize::new(3840, 2160));
    let (small, _) = tenfoot::testing::render(&mut hello::app(), PhysicalSize::new(1920, 1080));
    let (b, s) = (big.pixmap(), small.pixmap());
    let mut worst_rows = 0;
    for y in (0..1080).step_by(7) {
        let mut row_diff = 0u32;
        for x in (0..1920).step_by(5) {
            let sp = s.pixel(x, y).map(|p| p.red() as i32).unwrap_or(0);
            let mut acc = 0;
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                acc += b.pixel(x * 2 + dx, y * 2 + dy).map(|p| p.red() as i32).unwrap_or(0);
            }
            row_diff += (acc / 4 - sp).unsigned_abs();
        }
        if row_diff > 384 * 12 {
            worst_rows += 1;
        }
    }
    assert!(worst_rows < 3, "{worst_rows} sampled rows differ between 4K and 1080p");
    // Text edges at 4K are sharp: some pixels of the title are fully covered, others empty.
    let title = (200..400).flat_map(|y| (240..900).map(move |x| (x, y)));
    let (mut full, mut partial) = (0, 0);
    for (x, y) in title {
        let r = b.pixel(x, y).map(|p| p.red()).unwrap_or(0);
        if r > 235 {
            full += 1;
        } else if r > 40 && r < 200 {
            partial += 1;
        }
    }
    assert!(full > 20 * partial / 10, "title at 4K looks blurry: {full} solid vs {partial} edge pixels");
}
