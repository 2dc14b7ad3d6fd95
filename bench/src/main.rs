//! `cargo run --release -p tenfoot-bench`: single-threaded figures for the sample app's home
//! screen at 1920x1080, each printed as `name value unit`, with a plain tiny-skia baseline measured in
//! the same run and the ratios against it.
//!
//! Options: `--quick` (fewer iterations, for CI smoke runs), `--screenshot PATH` (write the
//! benchmark screen and the baseline's frame as PNGs to look at), `--only focus_move` or
//! `--only cold_start` (those figures alone, for profiling them), `--only peak_rss_4k` (the
//! sample home on a 3840x2160 device, alone in its process, as the main run measures it),
//! `--only peak_rss` (the main run up to its memory figure, then stop: for `heaptrack`),
//! `--only semantics` (what the semantics tree a screen reader reads costs a focus move: the
//! update with it on and off in the same run, and one rebuild of the tree alone).

mod baseline;

use std::time::{Duration, Instant};

use tenfoot::sample::SimSettings;
use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{Backend, PhysicalSize, Scale};
use tenfoot_toolkit::{App, Direction, El, KeyEvent, RemoteKey, LOGICAL_SIZE};

const SIZE: PhysicalSize = PhysicalSize::new(1920, 1080);

struct Bench {
    iterations: usize,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn print(name: &str, value: f64, unit: &str) {
    if unit == "bytes" {
        println!("{name} {value:.0} {unit}");
    } else if value.abs() >= 100.0 {
        println!("{name} {value:.1} {unit}");
    } else {
        println!("{name} {value:.4} {unit}");
    }
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn backend(app: &App) -> CpuBackend {
    backend_sized(app, SIZE)
}

fn backend_sized(app: &App, size: PhysicalSize) -> CpuBackend {
    let mut b = CpuBackend::new(size, Scale::fit(LOGICAL_SIZE, size));
    b.set_background(app.background());
    b
}

/// Draws a frame's picture, if it has one, with its damage.
fn present(b: &mut CpuBackend, mut f: tenfoot_toolkit::Frame<'_>) {
    let _ = f.draw(b);
}

/// Runs `n` frames 16 ms apart from `now` (no input), presenting each; returns the time reached.
fn run_frames(app: &mut App, b: &mut CpuBackend, mut now: Duration, n: usize) -> Duration {
    for _ in 0..n {
        now += Duration::from_millis(16);
        let f = app.frame(now, &[]);
        present(b, f);
    }
    now
}

/// Paint and rasterize a whole frame from scratch (caches warm).
fn full_frame(app: &mut App, b: &mut CpuBackend, t: Duration) {
    app.invalidate();
    let _ = app.frame(t, &[]);
    let list = app.display_list().clone();
    b.draw(&list, app.resources_mut(), None);
}

impl Bench {
    fn time(&self, mut f: impl FnMut()) -> Duration {
        let mut samples = Vec::with_capacity(self.iterations);
        for _ in 0..self.iterations {
            let t = Instant::now();
            f();
            samples.push(t.elapsed());
        }
        median(samples)
    }
}

fn layout_grid(n_rows: usize, n_cols: usize) -> El {
    tenfoot_widgets::column().children((0..n_rows).map(|_| {
        tenfoot_widgets::row()
            .gap(4.0)
            .padding(2.0)
            .children((0..n_cols).map(|_| El::new().size(12.0, 8.0).margin(1.0)))
    }))
}

fn taffy_grid(n_rows: usize, n_cols: usize) -> (taffy::TaffyTree<()>, taffy::NodeId) {
    use taffy::prelude::*;
    let mut t: TaffyTree<()> = TaffyTree::new();
    let mut rows = Vec::new();
    for _ in 0..n_rows {
        let cells: Vec<NodeId> = (0..n_cols)
            .filter_map(|_| {
                t.new_leaf(Style {
                    size: Size { width: length(12.0), height: length(8.0) },
                    margin: taffy::Rect {
                        left: length(1.0),
                        right: length(1.0),
                        top: length(1.0),
                        bottom: length(1.0),
                    },
                    ..Style::default()
                })
                .ok()
            })
            .collect();
        let style = Style {
            flex_direction: FlexDirection::Row,
            gap: Size { width: length(4.0), height: length(4.0) },
            padding: taffy::Rect { left: length(2.0), right: length(2.0), top: length(2.0), bottom: length(2.0) },
            ..Style::default()
        };
        if let Ok(r) = t.new_with_children(style, &cells) {
            rows.push(r);
        }
    }
    let col = t.new_with_children(Style { flex_direction: FlexDirection::Column, ..Style::default() }, &rows);
    let root = t.new_with_children(
        Style { size: Size { width: percent(1.0), height: percent(1.0) }, ..Style::default() },
        &col.into_iter().collect::<Vec<_>>(),
    );
    match root {
        Ok(root) => (t, root),
        Err(_) => (TaffyTree::new(), NodeId::from(0u64)),
    }
}

/// The sample app on its home screen, data loaded, the welcome toast gone, with the time
/// reached.
fn sample_home() -> (App, Duration) {
    let settings = SimSettings { latency: Duration::ZERO, jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let mut app = tenfoot::sample::app_with(settings);
    let mut t = Duration::ZERO;
    let _ = app.frame(t, &[]);
    let _ = app.frame(t, &[KeyEvent::press(RemoteKey::Select), KeyEvent::release(RemoteKey::Select)]);
    // Let the data arrive, images decode and the welcome toast come and go.
    while t < Duration::from_secs(6) {
        t += Duration::from_millis(16);
        let _ = app.frame(t, &[]);
    }
    (app, t)
}

/// The median time of the frame that handles a focus move (Right, then Left, alternating so the
/// rail stays put), drawn with its damage. Between moves, untimed frames let the focus
/// transition finish. Returns the medians and the time reached.
fn focus_moves(app: &mut App, b: &mut CpuBackend, mut now: Duration, iterations: usize) -> (FocusMove, Duration) {
    let mut right = true;
    let mut samples = Vec::with_capacity(iterations);
    let (mut updates, mut rasters) = (Vec::new(), Vec::new());
    for _ in 0..iterations {
        let key = if right { RemoteKey::Right } else { RemoteKey::Left };
        right = !right;
        now += Duration::from_millis(16);
        let t = Instant::now();
        let f = app.frame(now, &[KeyEvent::press(key), KeyEvent::release(key)]);
        let update = t.elapsed();
        present(b, f);
        let total = t.elapsed();
        samples.push(total);
        updates.push(update);
        rasters.push(total - update);
        now = run_frames(app, b, now, 20);
    }
    let m = FocusMove { total: median(samples), update: median(updates), raster: median(rasters) };
    (m, now)
}

/// Medians of a focus-move frame: all of it, `App::frame` (input to display list and damage),
/// and the damaged-region raster.
struct FocusMove {
    total: Duration,
    update: Duration,
    raster: Duration,
}

impl FocusMove {
    /// Prints `{prefix}_frame_ms`, `{prefix}_update_ms` and `{prefix}_raster_ms`.
    fn print(&self, prefix: &str) {
        print(&format!("{prefix}_frame_ms"), ms(self.total), "ms");
        print(&format!("{prefix}_update_ms"), ms(self.update), "ms");
        print(&format!("{prefix}_raster_ms"), ms(self.raster), "ms");
    }
}

/// `--only semantics`: focus moves along the first rail of the sample home, without the
/// semantics tree and then with it (as the window builds it while a screen reader listens, the
/// adapter taking each update), and the median of rebuilding the tree alone.
fn semantics_figures(quick: bool) {
    let iterations = if quick { 5 } else { 200 };
    let (mut app, now) = sample_home();
    let mut b = backend(&app);
    full_frame(&mut app, &mut b, now);
    let now = enter_first_rail(&mut app, &mut b, now);
    let (off, now) = focus_moves(&mut app, &mut b, now, iterations);
    app.enable_semantics(true);
    let now = run_frames(&mut app, &mut b, now, 2);
    let _ = app.take_semantics_update();
    let mut right = true;
    let mut now = now;
    let (mut on, mut taken) = (Vec::new(), 0usize);
    for _ in 0..iterations {
        let key = if right { RemoteKey::Right } else { RemoteKey::Left };
        right = !right;
        now += Duration::from_millis(16);
        let t = Instant::now();
        let f = app.frame(now, &[KeyEvent::press(key), KeyEvent::release(key)]);
        drop(f);
        let u = app.take_semantics_update();
        on.push(t.elapsed());
        taken += u.map_or(0, |u| u.nodes.len());
        now = run_frames(&mut app, &mut b, now, 20);
    }
    let nodes = app.semantics().map_or(0, |t| t.nodes.len());
    // From scratch (what every changed frame cost before nodes were kept), then the kept
    // tree when nothing changed (the walk alone).
    let mut builds = Vec::new();
    let mut kept = Vec::new();
    for _ in 0..iterations {
        let t = Instant::now();
        let _ = app.semantics_from_scratch();
        builds.push(t.elapsed());
        let t = Instant::now();
        let _ = app.semantics_now();
        kept.push(t.elapsed());
    }
    let (off, on) = (ms(off.update), ms(median(on)));
    print("focus_move_rail_update_ms", off, "ms");
    print("focus_move_rail_update_semantics_ms", on, "ms");
    print("focus_move_semantics_vs_off", on / off.max(1e-9), "x");
    let (scratch, kept) = (ms(median(builds)), ms(median(kept)));
    print("semantics_tree_build_ms", scratch, "ms");
    print("semantics_tree_kept_ms", kept, "ms");
    print("semantics_tree_kept_vs_build", kept / scratch.max(1e-9), "x");
    print("semantics_tree_nodes", nodes as f64, "nodes");
    print("semantics_update_nodes_per_move", taken as f64 / iterations as f64, "nodes");
}

/// Moves focus Down from the hero's buttons into the first rail and lets the page scroll
/// settle (untimed). Returns the time reached.
fn enter_first_rail(app: &mut App, b: &mut CpuBackend, now: Duration) -> Duration {
    let _ = app.frame(now, &[KeyEvent::press(RemoteKey::Down), KeyEvent::release(RemoteKey::Down)]);
    run_frames(app, b, now, 90)
}

/// Presses `key` `presses` times; after each, times the `frames` frames that follow (the
/// scroll glide it starts), drawn with their damage. Returns the median frame and the time.
fn scroll_frames(
    app: &mut App,
    b: &mut CpuBackend,
    mut now: Duration,
    key: RemoteKey,
    presses: usize,
    frames: usize,
) -> (Duration, Duration) {
    let mut samples = Vec::new();
    for _ in 0..presses {
        now += Duration::from_millis(16);
        let f = app.frame(now, &[KeyEvent::press(key), KeyEvent::release(key)]);
        present(b, f);
        for _ in 0..frames {
            now += Duration::from_millis(16);
            let t = Instant::now();
            let f = app.frame(now, &[]);
            let painted = f.painted();
            present(b, f);
            if painted {
                samples.push(t.elapsed());
            }
        }
        now = run_frames(app, b, now, 30);
    }
    (median(samples), now)
}

/// Peak memory of a process that shows the sample home on a 4K device (3840x2160): run as a
/// child (`--only peak_rss_4k`) so the figure is its own.
fn peak_rss_4k_child() -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe).args(["--only", "peak_rss_4k"]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("peak_rss_4k_mb ")).and_then(|v| v.split(' ').next()?.parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let bench = Bench { iterations: if quick { 5 } else { 40 } };
    let screenshot = args.iter().position(|a| a == "--screenshot").and_then(|i| args.get(i + 1)).cloned();
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    if let Some(name) = &only {
        if name == "focus_move" || name == "focus_move_frame_ms" {
            let (mut app, now) = sample_home();
            let mut b = backend(&app);
            full_frame(&mut app, &mut b, now);
            let iterations = if quick { 5 } else { 400 };
            let (hero, now) = focus_moves(&mut app, &mut b, now, iterations);
            hero.print("focus_move");
            let now = enter_first_rail(&mut app, &mut b, now);
            focus_moves(&mut app, &mut b, now, iterations).0.print("focus_move_rail");
            print("peak_rss_mb", peak_rss_mb(), "MB");
            return;
        }
        if name == "peak_rss_4k" || name == "peak_rss_4k_mb" {
            let (mut app, now) = sample_home();
            let mut b = backend_sized(&app, PhysicalSize::new(3840, 2160));
            full_frame(&mut app, &mut b, now);
            let now = enter_first_rail(&mut app, &mut b, now);
            let _ = focus_moves(&mut app, &mut b, now, 5);
            print("peak_rss_4k_mb", peak_rss_mb(), "MB");
            return;
        }
        if name == "semantics" {
            semantics_figures(quick);
            return;
        }
        if !["cold_start", "cold_start_first_frame_ms", "peak_rss", "peak_rss_mb"].contains(&name.as_str()) {
            eprintln!(
                "--only: unknown figure `{name}` (known: focus_move, cold_start, peak_rss, peak_rss_4k, semantics)"
            );
            std::process::exit(2);
        }
    }

    // Cold start: the sample app's first frame on screen (fonts, tree, layout, paint, raster).
    let t0 = Instant::now();
    let mut first = tenfoot::sample::app();
    let mut b = backend(&first);
    let _ = first.frame(Duration::ZERO, &[]);
    let list = first.display_list().clone();
    b.draw(&list, first.resources_mut(), None);
    let cold = t0.elapsed();
    // The cold-start app and its backend are done: free them before the measured screen (a
    // shadowed binding would keep its 8 MB frame and caches alive and count them twice).
    drop(first);
    // `--only peak_rss` runs the main sequence up to the memory figure (for heaptrack).
    let peak_only = only.as_deref().is_some_and(|o| o.starts_with("peak_rss"));
    if args.iter().any(|a| a == "--cold-only") || (only.is_some() && !peak_only) {
        print("cold_start_first_frame_ms", ms(cold), "ms");
        print("peak_rss_mb", peak_rss_mb(), "MB");
        return;
    }

    drop(b);

    // The measured screen: the sample home at 1920x1080.
    let (mut app, mut now) = sample_home();
    let mut b = backend(&app);
    full_frame(&mut app, &mut b, now);
    if let Some(path) = &screenshot {
        let _ = b.pixmap().save_png(path);
    }
    let full = bench.time(|| full_frame(&mut app, &mut b, now));

    let idle = bench.time(|| {
        let f = app.frame(now, &[]);
        present(&mut b, f);
    });

    // A focus move between the hero's two buttons: the frame that handles Right (or Left,
    // alternating), drawn with its damage.
    let (focus_move, after_moves) = focus_moves(&mut app, &mut b, now, bench.iterations);
    now = after_moves;

    // A scale animation on the focused tile: each frame of a 1.0 -> 1.15 -> 1.0 yoyo tween.
    let mut anim_samples = Vec::new();
    if let Some(tile) = app.focused() {
        let tween = tenfoot_toolkit::Tween::ms(400).ease(tenfoot_toolkit::Easing::EaseInOut).yoyo().repeat(1000);
        let _ = app.animate(tile, tenfoot_toolkit::AnimProp::Scale, tenfoot_renderer::Point::new(1.15, 1.15), tween);
        for _ in 0..bench.iterations.max(10) {
            now += Duration::from_millis(16);
            let t = Instant::now();
            let f = app.frame(now, &[]);
            present(&mut b, f);
            anim_samples.push(t.elapsed());
        }
        app.stop_animation(tile, tenfoot_toolkit::AnimProp::Scale);
        now += Duration::from_millis(16);
        let _ = app.frame(now, &[]);
    }
    let scale_anim = median(anim_samples);

    // Headless screenshots per second: full render plus PNG encoding.
    let window = if quick { Duration::from_millis(300) } else { Duration::from_secs(2) };
    let start = Instant::now();
    let mut pngs = 0u32;
    // Each screenshot's parts: the frame (paint and raster from scratch) and the encode.
    let (mut png_frames, mut png_encodes) = (Vec::new(), Vec::new());
    while start.elapsed() < window {
        let t = Instant::now();
        full_frame(&mut app, &mut b, now);
        let drawn = t.elapsed();
        if b.encode_png().is_ok() {
            pngs += 1;
        }
        png_frames.push(drawn);
        png_encodes.push(t.elapsed() - drawn);
    }
    let png_per_s = pngs as f64 / start.elapsed().as_secs_f64();
    let (png_frame, png_encode) = (median(png_frames), median(png_encodes));

    // Peak memory of the app itself, before the baseline and layout benchmarks add theirs.
    let rss = peak_rss_mb();
    if peak_only {
        print("peak_rss_mb", rss, "MB");
        return;
    }

    // Display-list stream sizes: a full frame, then a focus move as a delta frame.
    let mut sink = tenfoot_renderer::SinkBackend::new(std::io::sink());
    sink.force_full();
    app.invalidate();
    let _ = app.frame(now, &[]);
    let list = app.display_list().clone();
    sink.draw(&list, app.resources_mut(), None);
    let dl_full = sink.stats().last_frame_bytes;
    now += Duration::from_millis(16);
    let mut f = app.frame(now, &[KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)]);
    if f.draw(&mut sink).is_none() {
        app.draw(&mut sink);
    }
    let dl_focus = sink.stats().last_frame_bytes;

    // The baseline: the same (current) frame drawn with plain tiny-skia calls.
    let list = app.display_list().clone();
    let background = app.background();
    let mut base = baseline::Baseline::prepare(&list, app.resources_mut(), SIZE, 1.0, background);
    let baseline_full = bench.time(|| base.draw());
    if let Some(path) = &screenshot {
        let _ = base.target.save_png(format!("{path}.baseline.png"));
    }
    let base_ops = base.op_count();
    drop(base);

    // The window's present at zoom fit (1920x1080 into 1536x864, as the preview opens): the
    // damaged regions of a focus move scaled into a softbuffer-like buffer, and a whole frame.
    // After the memory figure: its buffer is the window's, not the app's.
    now += Duration::from_millis(16);
    // Left: the stream figures above left focus on the hero's second button.
    let mut f = app.frame(now, &[KeyEvent::press(RemoteKey::Left), KeyEvent::release(RemoteKey::Left)]);
    let drawn = f.draw(&mut b).map(|r| r.drawn).unwrap_or_default();
    if drawn.is_empty() {
        eprintln!("window_present_zoom_fit_ms: the focus move drew nothing, the figure is empty");
    }
    now = run_frames(&mut app, &mut b, now, 20);
    let win = PhysicalSize::new(1536, 864);
    let zoom = tenfoot_preview::Zoom::Fit.factor(SIZE, win);
    let mut window_buffer = vec![0u32; (win.width * win.height) as usize];
    let mut presenter = tenfoot_preview::present::Presenter::new();
    presenter.present(b.pixmap(), &mut window_buffer, win, zoom);
    let present_damage = bench.time(|| {
        for r in &drawn {
            let region = [r.x as u32, r.y as u32, r.width as u32, r.height as u32];
            let _ = presenter.present_region(b.pixmap(), &mut window_buffer, win, zoom, Some(region));
        }
    });
    let present_full = bench.time(|| presenter.present(b.pixmap(), &mut window_buffer, win, zoom));
    drop(window_buffer);
    // Focus back where it was, for the figures below.
    now += Duration::from_millis(16);
    let f = app.frame(now, &[KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)]);
    present(&mut b, f);
    now = run_frames(&mut app, &mut b, now, 20);

    // A focus move between two poster tiles of the first rail (scale-up, ring and shadow
    // move), after scrolling down to it: last, so the figures above are of the same screen.
    let in_rail = enter_first_rail(&mut app, &mut b, now);
    let (rail_move, now) = focus_moves(&mut app, &mut b, in_rail, bench.iterations);

    // Page scroll: Down from rail to rail (and back up), each frame of the vertical glide.
    let presses = if quick { 2 } else { 6 };
    let (page_down, now) = scroll_frames(&mut app, &mut b, now, RemoteKey::Down, presses, 20);
    let (page_up, now) = scroll_frames(&mut app, &mut b, now, RemoteKey::Up, presses, 20);
    let page_scroll = (page_down + page_up) / 2;
    // Rail scroll: Right along a rail past its visible end, each frame of the horizontal glide
    // (with the focus looks moving).
    let (rail_scroll, _) = scroll_frames(&mut app, &mut b, now, RemoteKey::Right, if quick { 4 } else { 12 }, 20);
    let rss_4k = peak_rss_4k_child();

    // Layout of 10,000 elements through the toolkit vs taffy alone, same styles.
    let mut grid = App::headless();
    grid.set_root(layout_grid(100, 100).direction(Direction::Column));
    let t = Instant::now();
    grid.layout();
    let layout_10k = t.elapsed();
    let (mut tt, root) = taffy_grid(100, 100);
    let t = Instant::now();
    let _ = tt.compute_layout(
        root,
        taffy::Size { width: taffy::AvailableSpace::Definite(1920.0), height: taffy::AvailableSpace::Definite(1080.0) },
    );
    let taffy_10k = t.elapsed();

    print("full_frame_ms", ms(full), "ms");
    focus_move.print("focus_move");
    rail_move.print("focus_move_rail");
    print("page_scroll_frame_ms", ms(page_scroll), "ms");
    print("rail_scroll_frame_ms", ms(rail_scroll), "ms");
    print("idle_frame_ms", ms(idle), "ms");
    print("window_present_zoom_fit_ms", ms(present_damage), "ms");
    print("window_present_full_zoom_fit_ms", ms(present_full), "ms");
    print("scale_animation_frame_ms", ms(scale_anim), "ms");
    print("cold_start_first_frame_ms", ms(cold), "ms");
    print("headless_png_per_s", png_per_s, "1/s");
    print("headless_png_frame_ms", ms(png_frame), "ms");
    print("headless_png_encode_ms", ms(png_encode), "ms");
    print("peak_rss_mb", rss, "MB");
    match rss_4k {
        Some(v) => print("peak_rss_4k_mb", v, "MB"),
        None => eprintln!("peak_rss_4k_mb: the 4K child run failed"),
    }
    print("display_list_full_bytes", dl_full as f64, "bytes");
    print("display_list_focus_move_bytes", dl_focus as f64, "bytes");
    print("layout_10k_ms", ms(layout_10k), "ms");
    print("taffy_only_10k_ms", ms(taffy_10k), "ms");
    print("baseline_tiny_skia_full_frame_ms", ms(baseline_full), "ms");
    eprintln!("baseline draws {} ops per frame", base_ops);
    print("full_frame_vs_baseline", ms(full) / ms(baseline_full).max(1e-9), "x");
    print("focus_move_vs_full_frame", ms(focus_move.total) / ms(full).max(1e-9), "x");
    print("focus_move_rail_vs_full_frame", ms(rail_move.total) / ms(full).max(1e-9), "x");
    print("page_scroll_vs_full_frame", ms(page_scroll) / ms(full).max(1e-9), "x");
    print("layout_10k_vs_taffy", ms(layout_10k) / ms(taffy_10k).max(1e-9), "x");
}
