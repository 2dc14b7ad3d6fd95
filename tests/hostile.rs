//! Hostile input, end to end through `App` and the CPU backend: each case must end in a clear
//! error or sane behaviour, never a panic. Corrupt, truncated and huge images (decompression
//! bombs), glyphs no bundled font has, NaN / infinite / negative style values, very deep and very
//! wide trees, very long text, empty screens, zero-size buffers and windows, unknown keys.

use std::time::Duration;

use tenfoot::cpu::CpuBackend;
use tenfoot::preview::{present_scaled, KeyMap};
use tenfoot::renderer::{
    Backend, Command, EmbeddedAssets, MemoryAssets, PhysicalSize, Rect, Resources, Scale, MAX_TEXT_BYTES,
};
use tenfoot::toolkit::{parse_keys, px, App, El, KeyEvent, RemoteKey, LOGICAL_SIZE, MAX_TREE_DEPTH};

fn frame(app: &mut App) -> tenfoot::toolkit::Frame<'_> {
    let t = app.now() + Duration::from_millis(16);
    app.frame(t, &[])
}

fn backend(w: u32, h: u32) -> CpuBackend {
    let size = PhysicalSize::new(w, h);
    CpuBackend::new(size, Scale::fit(LOGICAL_SIZE, size))
}

/// A valid 2x2 RGBA PNG.
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, 2, 2);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let written = enc.write_header().and_then(|mut w| w.write_image_data(&[200; 16]));
        assert!(written.is_ok(), "{written:?}");
    }
    out
}

/// A baseline JPEG header (SOI, SOF0) claiming `w` x `h` pixels, then nothing useful.
fn jpeg_bomb(w: u16, h: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
    b.extend(std::iter::repeat_n(0u8, 64));
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

#[test]
fn corrupt_truncated_and_huge_images_draw_placeholders_and_report() {
    let good = tiny_png();
    let mut cut = good.clone();
    cut.truncate(good.len() / 2);
    let mut bomb = good.clone();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let assets = MemoryAssets::new()
        .with("good.png", good)
        .with("junk.png", b"\x89PNG but not really".to_vec())
        .with("cut.png", cut)
        .with("bomb.png", bomb)
        .with("bomb.jpg", jpeg_bomb(65_000, 65_000))
        .with("empty.jpg", Vec::new());
    let resources = Resources::new(EmbeddedAssets::over(assets)).unwrap();
    let mut app = App::new(resources);
    let names = ["good.png", "junk.png", "cut.png", "bomb.png", "bomb.jpg", "empty.jpg", "missing.png"];
    app.set_root(
        El::new()
            .direction(tenfoot::toolkit::Direction::Row)
            .children(names.iter().map(|n| El::new().size(200.0, 120.0).image(*n))),
    );
    let list = frame(&mut app).display_list.unwrap().clone();
    assert!(list.validate().is_ok());
    let mut b = backend(960, 540);
    let report = b.draw(&list, app.resources_mut(), None);
    for bad in &names[1..] {
        assert!(report.errors.iter().any(|e| e.contains(bad)), "no error for {bad}: {:?}", report.errors);
    }
    assert!(!report.errors.iter().any(|e| e.contains("good.png")), "{:?}", report.errors);
    let bombs: Vec<&String> = report.errors.iter().filter(|e| e.contains("bomb")).collect();
    assert_eq!(bombs.len(), 2, "{bombs:?}");
    // Errors are reported once per backend, not every frame.
    let again = b.draw(&list, app.resources_mut(), None);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
}

#[test]
fn glyphs_no_bundled_font_has_render_a_fallback_without_panicking() {
    let mut app = App::headless();
    let text = "漢字かな 🎬🍿 ∰ ⌘ \u{10FFFF} \u{200B}\u{FEFF} e\u{301}\u{301}\u{301} \u{202E}reversed";
    let e = app.mount(app.root(), El::new().text(text).font_size(40.0));
    let list = frame(&mut app).display_list.unwrap();
    assert!(list.validate().is_ok());
    let glyphs: usize = list
        .commands
        .iter()
        .map(|c| match c {
            Command::GlyphRun(r) => r.glyphs.len(),
            _ => 0,
        })
        .sum();
    assert!(glyphs > 10, "missing glyphs still take space (notdef boxes): {glyphs}");
    assert!(app.rect(e).is_some_and(|r| r.width > 100.0));
    let (b, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(480, 270));
    assert!(b.pixmap().data().iter().any(|x| *x != 0));
}

#[test]
fn nan_infinite_and_negative_style_values_are_clamped_and_reported() {
    let mut app = App::headless();
    let e = app.mount(
        app.root(),
        El::new()
            .name("bad")
            .size(f32::NAN, f32::INFINITY)
            .padding(-5.0)
            .gap(f32::NEG_INFINITY)
            .grow(f32::NAN)
            .opacity(f32::NAN)
            .radius(f32::INFINITY)
            .child(El::new().text("x").font_size(f32::NAN).line_height(-1.0)),
    );
    let f = frame(&mut app);
    assert!(f.errors.iter().any(|m| m.contains("`root/bad`") && m.contains("clamped")), "{:?}", f.errors);
    assert!(f.display_list.as_ref().is_some_and(|l| l.validate().is_ok()));
    assert!(app.rect(e).is_some_and(|r| r.is_finite()));
    // Later edits go through the same check.
    app.update_style(e, |s| s.width = px(-1e30));
    app.update_visual(e, |v| v.scale = tenfoot::renderer::Point::new(f32::NAN, f32::INFINITY));
    let f = frame(&mut app);
    assert!(f.errors.iter().any(|m| m.contains("clamped")), "{:?}", f.errors);
    let (b, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(192, 108));
    assert_eq!(b.pixmap().width(), 192);
}

#[test]
fn very_deep_and_very_wide_trees_are_bounded() {
    // 10,000 nested containers: cut at the depth limit, reported, rendered.
    let mut app = App::headless();
    let mut el = El::new().size(10.0, 10.0).focusable();
    for _ in 0..10_000 {
        el = El::new().padding(0.1).child(el);
    }
    app.set_root(el);
    let f = frame(&mut app);
    assert!(f.errors.iter().any(|m| m.contains(&format!("deeper than {MAX_TREE_DEPTH} levels"))), "{:?}", f.errors);
    assert!(f.display_list.is_some_and(|l| l.validate().is_ok()));
    let (b, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(192, 108));
    assert_eq!(b.pixmap().height(), 108);
    // Mounting under an element already near the limit is cut at the limit too.
    let mut deep = app.root();
    while let Some(c) = tenfoot::toolkit::tree::children(app.world(), deep).first().copied() {
        deep = c;
    }
    app.mount(deep, El::new().child(El::new().child(El::new())));
    assert!(frame(&mut app).errors.iter().any(|m| m.contains("deeper than")));

    // 10,000 siblings: just work.
    let mut app = App::headless();
    app.set_root(El::new().direction(tenfoot::toolkit::Direction::Row).wrap().children(
        (0..10_000).map(|i| El::new().size(8.0, 8.0).background(tenfoot::renderer::Color::rgb(i as u8, 0, 0))),
    ));
    let f = frame(&mut app);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert!(f.display_list.is_some_and(|l| l.validate().is_ok() && l.len() >= 10_000));
}

#[test]
fn very_long_text_is_cut_and_reported() {
    let mut app = App::headless();
    let long = "All work and no play makes a very long line. ".repeat(1 << 20 >> 5 << 1);
    assert!(long.len() > 1 << 20);
    let e = app.mount(app.root(), El::new().name("essay").width(800.0).text(long.clone()));
    let f = frame(&mut app);
    assert!(f.errors.iter().any(|m| m.contains("`root/essay`") && m.contains("text longer than")), "{:?}", f.errors);
    assert!(f.display_list.is_some_and(|l| l.validate().is_ok()));
    let kept = app.world().get::<&tenfoot::toolkit::TextContent>(e).map(|t| t.text.len()).unwrap_or(0);
    assert!(kept <= MAX_TEXT_BYTES && kept > 0, "{kept}");
    // The same through set_text, with a multi-byte character across the cut.
    let multi = "é".repeat(MAX_TEXT_BYTES);
    app.set_text(e, multi);
    let f = frame(&mut app);
    assert!(f.errors.iter().any(|m| m.contains("text longer than")), "{:?}", f.errors);
    let (b, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(192, 108));
    assert_eq!(b.pixmap().width(), 192);
}

#[test]
fn empty_screens_and_zero_size_buffers_do_not_panic() {
    // Nothing mounted: frames, keys and renders work; Back goes to the host.
    let mut app = App::headless();
    assert!(frame(&mut app).display_list.is_some_and(|l| l.validate().is_ok()));
    let f = app.press(RemoteKey::Back);
    assert_eq!(f.unhandled, vec![KeyEvent::press(RemoteKey::Back)]);
    for key in [RemoteKey::Up, RemoteKey::Select, RemoteKey::Menu] {
        app.press(key);
    }
    assert_eq!(app.focused(), None);
    app.set_root(El::new());
    app.push_screen(El::new());
    assert!(app.pop_screen());
    assert!(!app.pop_screen());
    // Zero-size and degenerate buffers.
    for (w, h) in [(0, 0), (0, 1080), (1920, 0), (1, 1)] {
        let (b, report) = tenfoot::testing::render(&mut app, PhysicalSize::new(w, h));
        assert!(report.errors.is_empty(), "{w}x{h}: {:?}", report.errors);
        let _ = b.encode_png();
        let _ = tenfoot::testing::screenshot_png(&mut app, PhysicalSize::new(w, h));
    }
    let mut b = backend(0, 0);
    let list = app.display_list().clone();
    b.draw(&list, app.resources_mut(), Some(&[Rect::new(0.0, 0.0, 10.0, 10.0)]));
    // The preview's presenters with a zero-size window.
    let (src, _) = tenfoot::testing::render(&mut app, PhysicalSize::new(64, 36));
    present_scaled(src.pixmap(), &mut [], PhysicalSize::new(0, 0), 1.0);
    present_scaled(src.pixmap(), &mut [0; 4], PhysicalSize::new(2, 2), f32::NAN);
}

#[test]
fn unknown_keys_are_errors_or_ignored() {
    let err = parse_keys("Up Banana Down").unwrap_err();
    assert!(err.to_string().contains("Banana"), "{err}");
    assert!(parse_keys("").is_ok_and(|k| k.is_empty()));
    let mut app = App::headless();
    assert!(app.press_keys("Right Nope").is_err());
    let map = KeyMap::default();
    assert_eq!(map.get("F13"), None);
    assert_eq!(map.get(""), None);
    assert_eq!(map.get("\u{1F600}"), None);
    let mut map = KeyMap::default();
    assert!(map.apply_overrides("x=NotAKey").is_err());
    assert!(map.apply_overrides("=,,=Up").is_err());
}
