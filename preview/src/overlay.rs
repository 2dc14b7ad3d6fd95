//! Preview overlays, drawn over the app's frame: help (F1), frame stats (F2, with the device
//! profile's slowdown and memory budget), focus (F3), layout bounds and the focused element's
//! measurements (F4, `measure.rs`) and the safe area (Shift+F8).
//!
//! Text panels are a small second [`App`] (same bundled fonts, so its font ids mean the same
//! faces); outlines are display-list commands built straight from the app's computed layout.
//! Overlays never change the app's own tree.

use std::time::Duration;

use tenfoot_renderer::{Color, Command, Corners, DisplayList, Rect};
use tenfoot_toolkit::{App, ComputedLayout, El, Entity};
use tenfoot_widgets::markup::Diagnostic;
use tenfoot_widgets::{column, row, text};

use crate::remote::KeyMap;
use crate::stats::{ms, Stats};
use crate::watch::Status;
use tenfoot_testing::DeviceProfile;

/// Which overlays are on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overlays {
    pub help: bool,
    pub stats: bool,
    pub focus: bool,
    pub layout: bool,
    /// F7: the announcer's last utterances.
    pub speech: bool,
    /// Shift+F8: the device's overscan and title-safe area.
    pub safe_area: bool,
}

impl Overlays {
    pub fn any(&self) -> bool {
        self.help || self.stats || self.focus || self.layout || self.speech || self.safe_area
    }
}

/// What the F2 panel says about the device being previewed.
#[derive(Clone, Copy, Debug)]
pub struct DeviceStatus<'a> {
    pub profile: &'a DeviceProfile,
    /// The CPU backend's budget and what its caches hold now (bytes).
    pub budget: usize,
    pub cache_bytes: usize,
    pub glyph_bytes: usize,
    /// How long the last frame slept to emulate the device's CPU.
    pub slept: Duration,
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A transient message shown at the bottom (e.g. "saved frame-0001.png").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub until: Duration,
}

impl Toast {
    /// The toast for a frame's errors (a caught panic, a bad image, clamped style values): the
    /// last one, cut to one line, with how many more went to stderr; shown for 6 s. `None`
    /// without errors.
    pub fn for_errors(errors: &[String], now: Duration) -> Option<Toast> {
        let last = errors.last()?;
        let mut text: String = last.chars().take(140).collect();
        if text.len() < last.len() {
            text.push('\u{2026}');
        }
        if errors.len() > 1 {
            text.push_str(&format!(" (+{} more on stderr)", errors.len() - 1));
        }
        Some(Toast { text: format!("error: {text}"), until: now + Duration::from_secs(6) })
    }
}

const PANEL: Color = Color::rgba(10, 12, 18, 240);
const INK: Color = Color::rgb(235, 238, 245);
const MUTED: Color = Color::rgb(160, 168, 185);

fn panel(title: &str) -> El {
    column()
        .padding(20.0)
        .gap(6.0)
        .background(PANEL)
        .radius(12.0)
        .border(1.0, Color::rgba(255, 255, 255, 40))
        .child(text(title).font_size(22.0).weight(tenfoot_renderer::FontWeight::BOLD).color(INK))
}

fn line(s: impl Into<String>) -> El {
    text(s).font_size(18.0).color(MUTED)
}

/// The help panel: overlay keys and the remote mapping.
pub fn help_panel(keymap: &KeyMap) -> El {
    let mut by_key: Vec<(String, Vec<&str>)> = Vec::new();
    for (name, key) in keymap.bindings() {
        match by_key.iter_mut().find(|(k, _)| *k == key.name()) {
            Some((_, names)) => names.push(name),
            None => by_key.push((key.name().to_owned(), vec![name])),
        }
    }
    let mut p = panel("tenfoot preview \u{2014} keys")
        .child(line("F1 help \u{b7} F2 frame stats \u{b7} F3 focus \u{b7} F4 layout bounds and the focused element's sizes and spacing \u{b7} F7 speech"))
        .child(line("F5 simulated host latency presets \u{b7} F6 simulated host failures on/off"))
        .child(line("F8 next device profile (size, safe area, key repeat, CPU slowdown, memory budget) \u{b7} Shift+F8 safe-area overlay"))
        .child(line("F9 zoom to fit \u{b7} F10 zoom 50% \u{b7} F11 zoom 100% \u{b7} F12 save PNG"));
    for (remote, names) in by_key {
        p = p.child(line(format!("{remote}: {}", names.join(", "))));
    }
    p
}

/// The stats panel.
pub fn stats_panel(stats: &Stats, now: Duration, device: &DeviceStatus, zoom: &str) -> El {
    let p = device.profile;
    let slowdown = if p.slowdown > 1.0 {
        format!(
            "CPU slowdown \u{d7}{}: each frame sleeps {} \u{d7} its own time (last {})",
            p.slowdown,
            p.slowdown - 1.0,
            ms(device.slept)
        )
    } else {
        "CPU slowdown off (frames as fast as this machine)".to_owned()
    };
    panel("Frame stats")
        .child(line(format!("{} fps \u{b7} device {} \u{b7} zoom {zoom}", stats.fps(now), p.name)))
        .child(line(p.summary()))
        .child(line(slowdown))
        .child(line(format!(
            "memory budget {} \u{b7} image cache {} \u{b7} glyphs {}",
            mib(device.budget),
            mib(device.cache_bytes),
            mib(device.glyph_bytes)
        )))
        .child(line(format!(
            "frame {} \u{b7} p50 {} \u{b7} p99 {}",
            ms(stats.last_frame()),
            ms(stats.frame_p50()),
            ms(stats.frame_p99())
        )))
        .child(line(format!(
            "key to present p50 {} \u{b7} p99 {} ({} keys)",
            ms(stats.latency_p50()),
            ms(stats.latency_p99()),
            stats.latency_samples()
        )))
}

/// The focus panel: the focus path.
/// Utterances the speech panel shows (the newest last).
pub const SPEECH_LINES: usize = 6;

/// F7: what the announcer said last, newest at the bottom.
pub fn speech_panel(app: &App) -> El {
    let Some(a) = app.announcer() else {
        return panel("Speech (F7)").child(line("the announcer is off: run with --announce or --speak"));
    };
    let said: Vec<String> = a
        .history()
        .map(|u| match u.politeness {
            tenfoot_toolkit::Politeness::Polite => format!("(polite) {}", u.text),
            tenfoot_toolkit::Politeness::Assertive => u.text.clone(),
        })
        .collect();
    let start = said.len().saturating_sub(SPEECH_LINES);
    let mut p = panel("Speech (F7)").max_width(1400.0);
    if said.is_empty() {
        p = p.child(line("(nothing said yet)"));
    }
    for s in &said[start..] {
        p = p.child(line(s.clone()).max_lines(2));
    }
    p
}

pub fn focus_panel(app: &App) -> El {
    panel("Focus").child(line(app.focus_path().unwrap_or_else(|| "(nothing focused)".to_owned())))
}

/// The overlay panels as one tree, top-left stacked; `None` when no panel is on.
#[expect(clippy::too_many_arguments, reason = "one argument per panel's source of figures")]
pub fn panels(
    app: &App,
    on: &Overlays,
    stats: &Stats,
    keymap: &KeyMap,
    now: Duration,
    device: &DeviceStatus,
    zoom: &str,
    toast: Option<&Toast>,
) -> Option<El> {
    let toast = toast.filter(|t| t.until > now);
    if !(on.help || on.stats || on.focus || on.speech) && toast.is_none() {
        return None;
    }
    let mut root = column().padding(24.0).gap(16.0).align_items(tenfoot_toolkit::Align::Start);
    if on.help {
        root = root.child(help_panel(keymap));
    }
    if on.stats {
        root = root.child(stats_panel(stats, now, device, zoom));
    }
    if on.focus {
        root = root.child(focus_panel(app));
    }
    if on.speech {
        root = root.child(speech_panel(app));
    }
    if let Some(t) = toast {
        root = root.child(panel("").child(line(t.text.clone())));
    }
    Some(root)
}

const ERROR_INK: Color = Color::rgb(255, 120, 120);
/// Diagnostics shown in the window; the rest are on stderr.
const MAX_SHOWN: usize = 3;

/// One diagnostic: `file:line:col  message`, the source line with the problem highlighted, a
/// caret under it, and the hint. The font is proportional, so the caret row repeats the text
/// before the problem invisibly to land exactly under it.
fn diagnostic_block(d: &Diagnostic) -> El {
    let (before, bad, after) = d.excerpt_parts();
    let indent = before.len() - before.trim_start().len();
    let before = before[indent..].replace('\t', "    ");
    let bad = if bad.is_empty() { " ".to_owned() } else { bad.replace('\t', "    ") };
    let code = |s: String, color: Color| text(s).font_size(22.0).color(color).single_line();
    let gutter = format!("{} |", d.line);
    let mut block = column()
        .gap(4.0)
        .child(
            row()
                .gap(16.0)
                .child(code(d.location(), MUTED))
                .child(text(d.message.clone()).font_size(22.0).weight(tenfoot_renderer::FontWeight::BOLD).color(INK)),
        )
        .child(
            row()
                .child(code(format!("{gutter} "), MUTED))
                .child(code(before.clone(), INK))
                .child(code(bad.clone(), ERROR_INK).background(Color::rgba(255, 80, 80, 60)).name("error-token"))
                .child(code(after.replace('\t', "    "), INK)),
        )
        .child(
            row()
                .child(code(format!("{gutter} "), Color::TRANSPARENT))
                .child(code(before, Color::TRANSPARENT))
                .child(code("^".repeat(bad.chars().count().max(1)), ERROR_INK).name("error-caret")),
        );
    if let Some(h) = &d.hint {
        block = block.child(code(format!("hint: {h}"), Color::rgb(140, 200, 255)));
    }
    block
}

/// The error panel: the diagnostics of a failed load, and whether the screen behind is the
/// last good one or there is none yet.
pub fn error_panel(errors: &[Diagnostic], has_screen: bool) -> El {
    let title = if has_screen {
        "Markup error \u{2014} showing the last good screen"
    } else {
        "Markup error \u{2014} fix the file and save to load the screen"
    };
    let mut p = panel(title).gap(14.0).border(2.0, ERROR_INK).background(Color::rgb(30, 8, 12));
    for d in errors.iter().take(MAX_SHOWN) {
        p = p.child(diagnostic_block(d));
    }
    if errors.len() > MAX_SHOWN {
        p = p.child(line(format!("and {} more (all of them are on stderr)", errors.len() - MAX_SHOWN)));
    }
    p
}

/// The overlay tree with the error panel (when there are errors) along the bottom of the
/// screen, under any other panels.
pub fn with_errors(panels: Option<El>, errors: &[Diagnostic], has_screen: bool) -> Option<El> {
    if errors.is_empty() {
        return panels;
    }
    let errors = error_panel(errors, has_screen).inset([Some(48.0), Some(48.0), None, Some(48.0)]);
    let mut layer = El::new().size(1920.0, 1080.0);
    if let Some(p) = panels {
        layer = layer.child(p);
    }
    Some(layer.child(errors))
}

/// The `--watch` panel: "rebuilding" while cargo runs, the compiler's first error after a
/// failed build (the app underneath is the last good build, still running).
pub fn watch_panel(status: &Status) -> Option<El> {
    match status {
        Status::Running => None,
        Status::Building => Some(panel("Rebuilding\u{2026}")),
        Status::Failed(error) => {
            // Opaque and as wide as the screen: compiler lines are long, and the app's own
            // text must not show through them.
            let mut p = panel("Build failed \u{2014} still running the last good build")
                .background(Color::rgb(10, 12, 18))
                .border(2.0, Color::rgb(240, 90, 90))
                .width(1872.0);
            for (i, l) in error.lines().take(8).enumerate() {
                let size = if i == 0 { 22.0 } else { 18.0 };
                p = p.child(text(l.to_owned()).font_size(size).color(if i == 0 { INK } else { MUTED }).max_lines(3));
            }
            Some(p.child(line("Fix it and save: the app restarts with the same keys replayed.")))
        }
    }
}

/// The panels with a full-screen layer of absolutely placed elements over them (F4's labels).
pub fn with_layer(panels: Option<El>, layer: Option<El>) -> Option<El> {
    let Some(layer) = layer else { return panels };
    let mut root = El::new().size(1920.0, 1080.0);
    if let Some(p) = panels {
        root = root.child(p);
    }
    Some(root.child(layer.inset([Some(0.0), None, Some(0.0), None])))
}

/// One overlay tree: the F-key panels top-left, the `--watch` panel along the bottom.
pub fn compose(panels: Option<El>, watch: Option<El>) -> Option<El> {
    let Some(watch) = watch else { return panels };
    let mut root = column().size(1920.0, 1080.0).align_items(tenfoot_toolkit::Align::Start);
    if let Some(p) = panels {
        root = root.child(p);
    }
    Some(root.child(tenfoot_widgets::container().grow(1.0)).child(column().padding(24.0).child(watch)))
}

fn outline(list: &mut DisplayList, rect: Rect, width: f32, color: Color) {
    if rect.is_empty() || !rect.is_finite() {
        return;
    }
    list.push(Command::Border { rect, radii: Corners::ZERO, width, color });
}

/// Outlines: every element's box (layout bounds), focusable boxes and the focused one (focus),
/// and recently drawn regions flashing (stats). `scale` converts physical drawn rects back to
/// logical.
pub fn outlines(app: &App, on: &Overlays, stats: &Stats, now: Duration, scale: f32) -> DisplayList {
    let mut list = DisplayList::new();
    if on.layout {
        for layout in app.world().query::<&ComputedLayout>().iter() {
            outline(&mut list, layout.rect, 1.0, Color::rgba(80, 200, 255, 160));
        }
    }
    if on.focus {
        for (e, rect) in focusable_rects(app) {
            let focused = app.focused() == Some(e);
            if focused {
                outline(&mut list, rect.inflate(4.0), 4.0, Color::rgb(255, 80, 200));
            } else {
                outline(&mut list, rect, 2.0, Color::rgba(255, 220, 80, 200));
            }
        }
    }
    if on.stats && scale > 0.0 {
        for (at, r) in &stats.drawn {
            let age = now.saturating_sub(*at);
            if age < Duration::from_millis(300) {
                let alpha = 200 - (age.as_millis() as u32 * 200 / 300).min(200);
                let rect = Rect::new(r[0] / scale, r[1] / scale, r[2] / scale, r[3] / scale);
                outline(&mut list, rect, 3.0, Color::rgba(255, 60, 60, alpha as u8));
            }
        }
    }
    list
}

/// Focusable elements and their on-screen rectangles.
fn focusable_rects(app: &App) -> Vec<(Entity, Rect)> {
    app.focusables().into_iter().filter_map(|e| app.rect(e).map(|r| (e, r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_a_one_line_toast() {
        let now = Duration::from_secs(1);
        assert_eq!(Toast::for_errors(&[], now), None);
        let errors = vec!["first".to_owned(), "x".repeat(500)];
        let t = Toast::for_errors(&errors, now).unwrap_or(Toast { text: String::new(), until: now });
        assert!(t.text.starts_with("error: xxx") && t.text.ends_with("(+1 more on stderr)"), "{}", t.text);
        assert!(t.text.chars().count() < 200);
        assert_eq!(t.until, now + Duration::from_secs(6));
    }

    #[test]
    fn panels_only_when_asked() {
        let app = App::headless();
        let stats = Stats::default();
        let keymap = KeyMap::default();
        let profile = tenfoot_testing::Device::Hd720.profile();
        let device =
            DeviceStatus { profile: &profile, budget: 1 << 20, cache_bytes: 0, glyph_bytes: 0, slept: Duration::ZERO };
        assert!(panels(&app, &Overlays::default(), &stats, &keymap, Duration::ZERO, &device, "fit", None).is_none());
        let on = Overlays { help: true, stats: true, ..Overlays::default() };
        let el = panels(&app, &on, &stats, &keymap, Duration::ZERO, &device, "fit", None);
        assert_eq!(el.as_ref().map(|e| e.child_elements().len()), Some(2));
        // F2 names the budget and the slowdown.
        let mut shown = App::headless();
        shown.set_root(stats_panel(&stats, Duration::ZERO, &device, "fit"));
        shown.layout();
        let texts: Vec<String> =
            shown.world().query::<&tenfoot_toolkit::TextContent>().iter().map(|t| t.text.clone()).collect();
        assert!(texts.iter().any(|t| t.contains("memory budget 1.0 MiB")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("CPU slowdown \u{d7}4")), "{texts:?}");
    }

    #[test]
    fn error_panel_puts_the_caret_under_the_problem() {
        let src = "column {\n    text \"Hi\" font-sise=30 color=$text\n}\n";
        let d = Diagnostic::at("screen.kdl", src, 23, 9, "unknown property `font-sise` on `text`")
            .with_hint("did you mean `font-size`?");
        let mut app = App::headless();
        let layer = with_errors(None, &[d.clone(), d], true);
        app.set_root(layer.unwrap_or_default());
        app.layout();
        let token = app.find("error-token").and_then(|e| app.rect(e)).unwrap_or_default();
        let caret = app.find("error-caret").and_then(|e| app.rect(e)).unwrap_or_default();
        assert!(token.width > 50.0, "{token:?}");
        assert!((token.x - caret.x).abs() < 0.5, "caret at {} under token at {}", caret.x, token.x);
        // Along the bottom of the screen.
        assert!(token.y > 700.0, "{token:?}");
        if let Ok(path) = std::env::var("TENFOOT_ERROR_PANEL_PNG") {
            let _ = tenfoot_testing::screenshot_png(&mut app, tenfoot_renderer::PhysicalSize::new(1920, 1080))
                .map(|(png, _)| std::fs::write(path, png));
        }
    }

    #[test]
    fn watch_panel_shows_the_first_error() {
        assert!(watch_panel(&Status::Running).is_none());
        assert!(compose(None, None).is_none());
        let failed = Status::Failed("examples/hello.rs:20:30: error[E0425]: x\n20 | y".into());
        let p = watch_panel(&failed).unwrap();
        // Title, two error lines, the hint.
        assert_eq!(p.child_elements().len(), 4);
        let mut app = App::headless();
        app.set_root(compose(None, Some(p)).unwrap());
        app.layout();
        assert!(!app.display_list().is_empty());
    }

    #[test]
    fn layout_outlines_cover_every_element() {
        let mut app = App::headless();
        app.set_root(column().child(text("a")).child(text("b")));
        app.layout();
        let list =
            outlines(&app, &Overlays { layout: true, ..Overlays::default() }, &Stats::default(), Duration::ZERO, 1.0);
        // root, column and two texts
        assert_eq!(list.len(), 4);
    }
}
