//! The display-list sink, measured on a home-like screen: a backdrop image, a nav bar, four
//! rails of ten rounded poster tiles (40 tiles), 93 labels and a focus ring on one tile.
//!
//! It prints one `name value unit` line per figure: the bytes of a full frame, of a focus-move
//! frame (the ring moves one tile right) and of an idle frame, and the encode and decode time
//! per frame, with the CPU render of the same frame as the in-process baseline. The figures in
//! `docs/display-list.md` come from `cargo run --release --example sink_bench`.
//!
//! `-- --sink FILE` also writes those three frames (full, focus move, idle) as a stream, which
//! `tenfoot-replay FILE --out DIR` turns back into PNGs. `-- --iterations N` sets the timing loop.

use std::hint::black_box;
use std::time::Instant;

use tenfoot::cpu::CpuBackend;
use tenfoot::renderer::codec::{Decoder, Encoder, EncoderOptions, FrameInfo, StreamReader};
use tenfoot::renderer::{Backend, Color, DisplayList, FontWeight, PhysicalSize, Scale, Transform};
use tenfoot::toolkit::{App, El, Shadow, LOGICAL_SIZE};
use tenfoot::widgets::{caption, column, container, heading, image, row, text, Theme};

pub const RAILS: usize = 4;
pub const TILES: usize = 10;

fn poster_name(rail: usize, tile: usize) -> String {
    format!("poster-{rail}-{tile}")
}

fn tile(rail: usize, i: usize, theme: &Theme) -> El {
    let n = rail * TILES + i;
    column()
        .gap(6.0)
        .shrink(0.0)
        .child(
            image(format!("posters/poster-{:02}.png", n % 12))
                .name(poster_name(rail, i))
                .size(160.0, 240.0)
                .radius(theme.radius.medium)
                .shadow(Shadow { y: 8.0, blur: 24.0, color: Color::rgba(0, 0, 0, 150), ..Shadow::NONE }),
        )
        .child(text(format!("Title {n:02}")).font_size(22.0).weight(FontWeight::SEMIBOLD).single_line())
        .child(caption(format!("Drama \u{b7} {}", 1990 + n)).single_line())
}

/// The home-like screen, with no tile focused yet (see [`set_focus`]).
pub fn screen() -> El {
    let theme = Theme::dark();
    let nav = ["Home", "Movies", "Series", "Live TV", "Kids", "Search"];
    let rail_titles = ["Continue watching", "Trending now", "New releases", "Because you watched"];
    let content = column()
        .size(1920.0, 1080.0)
        .padding_xy(64.0, 0.0)
        .gap(20.0)
        .clip()
        .child(
            row()
                .height(88.0)
                .gap(40.0)
                .align_items(tenfoot::toolkit::Align::Center)
                .child(text("tenfoot").font_size(36.0).weight(FontWeight::BOLD))
                .children(nav.iter().map(|n| text(*n).color(theme.text_muted))),
        )
        .child(
            column()
                .gap(8.0)
                .child(heading("The Long Night"))
                .child(text("Season 2 streaming now").color(theme.text_muted)),
        )
        .children((0..RAILS).map(|r| {
            column()
                .gap(12.0)
                .child(text(rail_titles[r]).font_size(28.0).weight(FontWeight::BOLD))
                .child(row().gap(24.0).children((0..TILES).map(|i| tile(r, i, &theme))))
        }));
    container()
        .size(1920.0, 1080.0)
        .background(theme.background)
        .child(image("backdrops/backdrop-00.jpg").absolute(0.0, 0.0).size(1920.0, 1080.0).opacity(0.35))
        .child(content.absolute(0.0, 0.0))
}

/// The home app over the bundled assets, focus on the first tile.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    set_focus(&mut app, None, (0, 0));
    app
}

/// Moves the focus ring (a border and a 1.06 scale on the poster) from `from` to `to`.
pub fn set_focus(app: &mut App, from: Option<(usize, usize)>, to: (usize, usize)) {
    let theme = Theme::dark();
    if let Some(e) = from.and_then(|(r, t)| app.find(&poster_name(r, t))) {
        app.update_visual(e, |v| {
            v.border = None;
            v.transform = Transform::IDENTITY;
        });
    }
    if let Some(e) = app.find(&poster_name(to.0, to.1)) {
        app.update_visual(e, |v| {
            v.border = Some((theme.focus_ring_width, theme.focus_ring));
            v.transform = Transform::scale(theme.focus_scale, theme.focus_scale);
        });
    }
}

/// The three frames measured: home with focus on tile (0, 0), focus moved to (0, 1), idle.
pub fn frames() -> (App, [DisplayList; 3]) {
    let mut app = app();
    let full = app.display_list().clone();
    set_focus(&mut app, Some((0, 0)), (0, 1));
    let moved = app.display_list().clone();
    let idle = app.display_list().clone();
    (app, [full, moved, idle])
}

fn per_frame_us(iterations: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations)
}

fn main() -> Result<(), String> {
    // With the preview's flags (`--screenshot`, `--keys`...), show the screen like any example.
    if std::env::args().skip(1).any(|a| a == "--screenshot" || a == "--headless" || a == "--keys") {
        return match tenfoot::preview::run_with(app(), std::env::args().skip(1).collect()) {
            Ok(()) => Ok(()),
            Err(e) => Err(e),
        };
    }
    let mut sink_path = None;
    let mut iterations = 200u32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sink" => sink_path = args.next(),
            "--iterations" => iterations = args.next().and_then(|n| n.parse().ok()).unwrap_or(iterations),
            other => return Err(format!("unknown option `{other}` (expected --sink FILE, --iterations N)")),
        }
    }
    let (mut app, lists) = frames();
    let info = FrameInfo { logical_size: LOGICAL_SIZE, background: app.background() };
    // With resources on (stream 1.1): the same frames plus the font, glyph atlas and image
    // records each needs: everything in the first frame, then only what is new.
    let mut with_resources = Vec::new();
    {
        let mut sink = tenfoot::renderer::SinkBackend::new(Vec::new());
        sink.set_resources(Some(tenfoot::renderer::codec::ResourceOptions::default()));
        sink.set_background(app.background());
        for list in &lists {
            if let Some(e) = sink.draw(list, app.resources_mut(), None).errors.first() {
                return Err(e.clone());
            }
            let st = sink.stats();
            with_resources.push((st.last_resource_bytes, st.last_frame_bytes));
        }
    }
    let res = app.resources();

    // Sizes: the three frames through one encoder, as the sink would send them.
    let mut enc = Encoder::new(EncoderOptions::default());
    let mut stream = Encoder::header().to_vec();
    let mut sizes = Vec::new();
    for list in &lists {
        let f = enc.encode_frame(list, &info, res).map_err(|e| e.to_string())?;
        sizes.push(f.bytes.len());
        stream.extend_from_slice(&f.bytes);
    }
    stream.extend_from_slice(&Encoder::end_record());
    let decoded = StreamReader::new(&stream).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    if decoded.iter().map(|d| &d.list).ne(lists.iter()) {
        return Err("decoded frames differ from the encoded lists".to_owned());
    }
    let glyphs: usize = lists[0]
        .commands
        .iter()
        .map(|c| match c {
            tenfoot::renderer::Command::GlyphRun(run) => run.glyphs.len(),
            _ => 0,
        })
        .sum();
    println!("commands_per_frame {} commands", lists[0].len());
    println!("glyphs_per_frame {glyphs} glyphs");
    println!("full_frame_bytes {} bytes", sizes[0]);
    println!("focus_move_frame_bytes {} bytes", sizes[1]);
    println!("idle_frame_bytes {} bytes", sizes[2]);
    for ((name, (resources, frame)), _) in ["first_frame", "focus_move", "idle"].iter().zip(&with_resources).zip(0..) {
        println!("resources_{name}_bytes {} bytes", resources + frame);
        println!("resources_{name}_resource_records_bytes {resources} bytes");
    }

    // Encode time: a full frame each time (deltas off), and alternating focus moves (deltas on).
    let mut full_enc = Encoder::new(EncoderOptions { deltas: false, keyframe_interval: 0 });
    let encode_full = per_frame_us(iterations, || {
        black_box(full_enc.encode_frame(&lists[0], &info, res).map(|f| f.bytes.len()).unwrap_or(0));
    });
    let mut delta_enc = Encoder::new(EncoderOptions { deltas: true, keyframe_interval: 0 });
    let mut k = 0usize;
    let mut delta_stream = Encoder::header().to_vec();
    let encode_delta = per_frame_us(iterations, || {
        k += 1;
        let f = delta_enc.encode_frame(&lists[k % 2], &info, res).map(|f| f.bytes).unwrap_or_default();
        if delta_stream.len() < 4 << 20 {
            delta_stream.extend_from_slice(&f);
        }
        black_box(f.len());
    });
    println!("encode_full_us {encode_full:.1} us/frame");
    println!("encode_focus_move_us {encode_delta:.1} us/frame");

    // Decode time: the full record alone, and the stream of alternating focus moves.
    let full_payload = stream.get(8 + 5..8 + sizes[0]).unwrap_or_default().to_vec();
    let decode_full = per_frame_us(iterations, || {
        let mut d = Decoder::new();
        black_box(d.decode_frame(&full_payload, 13).map(|f| f.map(|f| f.list.len())).ok());
    });
    let n = StreamReader::new(&delta_stream).count().max(1);
    let start = Instant::now();
    let ok = StreamReader::new(&delta_stream).filter(Result::is_ok).count();
    let decode_delta = start.elapsed().as_secs_f64() * 1e6 / n as f64;
    if ok != n {
        return Err(format!("{} of {n} delta frames failed to decode", n - ok));
    }
    println!("decode_full_us {decode_full:.1} us/frame");
    println!("decode_focus_move_us {decode_delta:.1} us/frame");

    // Baseline in the same process: a full CPU render of the same frame at 1080p with warm
    // caches (one backend, drawn once before timing), which is what the sink replaces.
    let mut backend = CpuBackend::new(PhysicalSize::new(1920, 1080), Scale(1.0));
    backend.set_background(info.background);
    backend.draw(&lists[0], app.resources_mut(), None);
    let render_us = per_frame_us(5, || {
        black_box(backend.draw(&lists[0], app.resources_mut(), None));
    });
    println!("cpu_render_full_warm_us {render_us:.0} us/frame");
    println!("encode_full_vs_cpu_render {:.4} ratio", encode_full / render_us);

    if let Some(path) = sink_path {
        std::fs::write(&path, &stream).map_err(|e| format!("cannot write {path}: {e}"))?;
        println!("wrote {path} ({} bytes, 3 frames)", stream.len());
    }
    Ok(())
}
