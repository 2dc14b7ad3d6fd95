//! [`Harness`]: the public testing API. Build a screen, press remote keys, advance virtual time,
//! then assert focus, elements, pixels and a text snapshot of what was laid out.
//!
//! ```no_run
//! # use tenfoot_testing::{Harness, assert_harness_screenshot};
//! # use tenfoot_testing::Device;
//! # fn screen() -> tenfoot_toolkit::El { tenfoot_toolkit::El::new() }
//! let mut h = Harness::new(screen(), Device::Hd1080);
//! h.press_keys("Right Right Select").unwrap();
//! h.advance(std::time::Duration::from_millis(300));
//! assert_eq!(h.focused().map(|f| f.name), Some("tile-2".to_owned()));
//! assert_harness_screenshot!(h, "home-after-select");
//! ```
//!
//! Everything runs on a virtual clock, so the same test gives the same frames on every run and
//! in parallel test threads.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use tenfoot_renderer::{Color, Rect};
use tenfoot_toolkit::{
    tree, App, ComputedLayout, El, Entity, FrameError, ImageContent, KeyEvent, RemoteKey, TextContent, UnknownKey,
    Visual,
};

use crate::cli::Device;
use crate::driver::FRAME_STEP;
use crate::golden::{self, Tolerance};

/// What is focused: the entity, its name and its path from the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusInfo {
    pub entity: Entity,
    pub name: String,
    pub path: String,
}

/// A screen under test.
pub struct Harness {
    app: App,
    device: Device,
    now: Duration,
    errors: Vec<FrameError>,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness").field("device", &self.device).field("now", &self.now).finish_non_exhaustive()
    }
}

impl Harness {
    /// Mounts `screen` in a fresh app over the bundled assets and runs its first frame.
    pub fn new(screen: impl Into<El>, device: Device) -> Self {
        let mut app = App::new(crate::assets::resources());
        app.set_root(screen);
        Self::with_app(app, device)
    }

    /// Wraps an app you built yourself (custom resources, systems, background).
    pub fn with_app(app: App, device: Device) -> Self {
        let mut h = Self { app, device, now: Duration::ZERO, errors: Vec::new() };
        h.step(&[]);
        h
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// Virtual time since the harness started.
    pub fn now(&self) -> Duration {
        self.now
    }

    /// Errors frames have reported so far.
    pub fn errors(&self) -> &[FrameError] {
        &self.errors
    }

    fn step(&mut self, events: &[KeyEvent]) {
        let frame = self.app.frame(self.now, events);
        self.errors.extend(frame.errors);
    }

    /// Presses and releases `key`, one frame each, 50 ms apart; then 100 ms of frames pass.
    pub fn press(&mut self, key: RemoteKey) {
        self.step(&[KeyEvent::press(key)]);
        self.advance(Duration::from_millis(50));
        self.step(&[KeyEvent::release(key)]);
        self.advance(Duration::from_millis(100));
    }

    /// Presses each key of a script such as `"Right Right Select"`.
    pub fn press_keys(&mut self, script: &str) -> Result<(), UnknownKey> {
        for key in tenfoot_toolkit::parse_keys(script)? {
            self.press(key);
        }
        Ok(())
    }

    /// Sends one raw event (a long press, a repeat) in its own frame.
    pub fn send(&mut self, event: KeyEvent) {
        self.step(&[event]);
    }

    /// Lets `d` of virtual time pass, running frames at 60 Hz and one exactly at the end.
    pub fn advance(&mut self, d: Duration) {
        let end = self.now + d;
        while self.now < end {
            self.now = (self.now + FRAME_STEP).min(end);
            self.step(&[]);
        }
    }

    /// The focused element.
    pub fn focused(&self) -> Option<FocusInfo> {
        let e = self.app.focused()?;
        let world = self.app.world();
        let name = world.get::<&tenfoot_toolkit::Name>(e).map(|n| n.0.clone()).unwrap_or_default();
        Some(FocusInfo { entity: e, name, path: tree::path(world, e) })
    }

    /// The first element named `name`.
    pub fn find(&self, name: &str) -> Option<Entity> {
        self.app.find(name)
    }

    /// The laid-out rectangle of the element named `name`.
    pub fn rect_of(&self, name: &str) -> Option<Rect> {
        self.find(name).and_then(|e| self.app.rect(e))
    }

    /// The text of the element named `name`, or of its first text descendant that says
    /// something: icons (decorative elements, and text made only of the icon font's
    /// private-use characters) are passed over, so a button's label is found whether or not
    /// an icon leads it (`button("Play").icon(Icon::Play)` reads "Play").
    pub fn text_of(&self, name: &str) -> Option<String> {
        let e = self.find(name)?;
        let world = self.app.world();
        tree::subtree(world, e).into_iter().find_map(|n| {
            let decorative = world.get::<&tenfoot_toolkit::semantics::Semantics>(n).is_ok_and(|s| s.decorative);
            let text = world.get::<&TextContent>(n).ok().map(|t| t.text.clone())?;
            let says_something = text.chars().any(|c| !is_icon_char(c));
            (!decorative && says_something).then_some(text)
        })
    }

    /// Renders the current frame at the device's buffer size.
    pub fn render(&mut self) -> tenfoot_cpu::CpuBackend {
        crate::render::render(&mut self.app, self.device.buffer()).0
    }

    /// Compares the frame with `<dir>/<name>.png` and the text snapshot with `<dir>/<name>.txt`.
    pub fn check_screenshot(&mut self, dir: &Path, name: &str, tolerance: Tolerance) -> Result<(), String> {
        let snapshot = self.snapshot();
        let text_result = check_snapshot(dir, name, &snapshot);
        let backend = self.render();
        let pixel_result = golden::check(dir, name, backend.pixmap(), tolerance).map_err(|e| e.message);
        match (pixel_result, text_result) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(p), Ok(())) => Err(p),
            (Ok(()), Err(t)) => Err(t),
            (Err(p), Err(t)) => Err(format!("{t}\n{p}")),
        }
    }

    /// A text snapshot of the laid-out tree: one line per element, in tree order:
    /// `path  x,y wxh  [text "..."] [image src] [bg #rrggbb] [opacity o]`.
    pub fn snapshot(&mut self) -> String {
        self.app.layout();
        snapshot(&self.app)
    }
}

fn hex(c: Color) -> String {
    if c.a == 255 {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        format!("#{:02x}{:02x}{:02x}{:02x}", c.r, c.g, c.b, c.a)
    }
}

/// The text snapshot of `app` (see [`Harness::snapshot`]).
pub fn snapshot(app: &App) -> String {
    let world = app.world();
    let mut out = String::new();
    for e in tree::subtree(world, app.root()) {
        let Ok(layout) = world.get::<&ComputedLayout>(e).map(|l| *l) else { continue };
        let r = layout.rect;
        let _ = write!(out, "{}  {},{} {}x{}", tree::path(world, e), r.x, r.y, r.width, r.height);
        if let Ok(t) = world.get::<&TextContent>(e) {
            let _ = write!(out, "  text {:?}", t.text);
        }
        if let Ok(i) = world.get::<&ImageContent>(e) {
            let _ = write!(out, "  image {}", i.source);
        }
        if let Ok(v) = world.get::<&Visual>(e) {
            if let Some(bg) = v.background {
                let _ = write!(out, "  bg {}", hex(bg));
            }
            if v.opacity < 1.0 {
                let _ = write!(out, "  opacity {}", v.opacity);
            }
        }
        if app.focused() == Some(e) {
            out.push_str("  focused");
        }
        out.push('\n');
    }
    out
}

fn parse_line(line: &str) -> Option<(&str, [f32; 4], &str)> {
    let (path, rest) = line.split_once("  ")?;
    let mut parts = rest.splitn(3, ' ');
    let pos = parts.next()?;
    let size = parts.next()?;
    let tail = parts.next().unwrap_or("");
    let (x, y) = pos.split_once(',')?;
    let (w, h) = size.split_once('x')?;
    Some((path, [x.parse().ok()?, y.parse().ok()?, w.parse().ok()?, h.parse().ok()?], tail))
}

/// Explains how snapshot `new` differs from `old`, element by element:
/// `home/rail-0/tile-3 moved 4 px right`, `... resized 10x0`, `... added`, `... removed`.
pub fn diff_snapshots(old: &str, new: &str) -> Vec<String> {
    let old_lines: Vec<_> = old.lines().filter_map(parse_line).collect();
    let new_lines: Vec<_> = new.lines().filter_map(parse_line).collect();
    let mut out = Vec::new();
    for (path, r, tail) in &new_lines {
        match old_lines.iter().find(|(p, _, _)| p == path) {
            None => out.push(format!("{path} added")),
            Some((_, o, otail)) => {
                let (dx, dy) = (r[0] - o[0], r[1] - o[1]);
                let mut moves = Vec::new();
                if dx != 0.0 {
                    moves.push(format!("{} px {}", dx.abs(), if dx > 0.0 { "right" } else { "left" }));
                }
                if dy != 0.0 {
                    moves.push(format!("{} px {}", dy.abs(), if dy > 0.0 { "down" } else { "up" }));
                }
                if !moves.is_empty() {
                    out.push(format!("{path} moved {}", moves.join(" and ")));
                }
                if r[2] != o[2] || r[3] != o[3] {
                    out.push(format!("{path} resized from {}x{} to {}x{}", o[2], o[3], r[2], r[3]));
                }
                if tail != otail {
                    out.push(format!("{path} changed: {} -> {}", otail.trim(), tail.trim()));
                }
            }
        }
    }
    for (path, _, _) in &old_lines {
        if !new_lines.iter().any(|(p, _, _)| p == path) {
            out.push(format!("{path} removed"));
        }
    }
    out
}

/// Compares `snapshot` with `<dir>/<name>.txt` (blessed like the PNGs).
pub fn check_snapshot(dir: &Path, name: &str, snapshot: &str) -> Result<(), String> {
    let path = dir.join(format!("{name}.txt"));
    if golden::blessing() {
        let _ = std::fs::create_dir_all(dir);
        return std::fs::write(&path, snapshot).map_err(|e| format!("cannot write {}: {e}", path.display()));
    }
    let old = std::fs::read_to_string(&path).map_err(|e| {
        format!("snapshot `{name}`: no golden at {} ({e}); run with TENFOOT_BLESS=1 to create it", path.display())
    })?;
    if old == snapshot {
        return Ok(());
    }
    let mut changes = diff_snapshots(&old, snapshot);
    if changes.is_empty() {
        changes.push("text differs (formatting only)".to_owned());
    }
    Err(format!("snapshot `{name}` ({}) differs:\n  {}", path.display(), changes.join("\n  ")))
}

/// `assert_harness_screenshot!(harness, "name")`: compares the harness's frame and text
/// snapshot with `<calling crate>/screenshots/<name>.png` and `.txt`.
#[macro_export]
macro_rules! assert_harness_screenshot {
    ($h:expr, $name:expr) => {
        if let Err(e) = $h.check_screenshot(
            &::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots"),
            $name,
            $crate::golden::Tolerance::default(),
        ) {
            panic!("{e}");
        }
    };
}

/// A private-use character (the icon font's plane 15 and 16, and the BMP's area): no words.
fn is_icon_char(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_widgets::{column, row, text};

    fn screen() -> El {
        column()
            .name("screen")
            .padding(40.0)
            .child(row().name("row").gap(10.0).child(text("One").name("a")).child(text("Two").name("b")))
    }

    #[test]
    fn snapshot_lists_elements_with_rects_and_text() {
        let mut h = Harness::new(screen(), Device::Hd1080);
        let snap = h.snapshot();
        assert!(snap.contains("root/screen/row/a  40,40 "), "{snap}");
        assert!(snap.contains("text \"One\""), "{snap}");
        assert_eq!(h.text_of("row"), Some("One".to_owned()));
    }

    #[test]
    fn snapshot_diff_reads_like_a_sentence() {
        let old = "root  0,0 1920x1080\nroot/tile-3  100,50 200x300  image p.png\nroot/gone  0,0 1x1\n";
        let new = "root  0,0 1920x1080\nroot/tile-3  104,50 200x310  image p.png\nroot/new  0,0 1x1\n";
        let d = diff_snapshots(old, new);
        assert_eq!(
            d,
            vec![
                "root/tile-3 moved 4 px right",
                "root/tile-3 resized from 200x300 to 200x310",
                "root/new added",
                "root/gone removed"
            ]
        );
    }

    #[test]
    fn advance_runs_on_virtual_time() {
        let mut h = Harness::new(screen(), Device::Hd720);
        h.advance(Duration::from_millis(500));
        assert_eq!(h.now(), Duration::from_millis(500));
        h.press(RemoteKey::Right);
        assert_eq!(h.now(), Duration::from_millis(650));
        assert!(h.press_keys("Right Jump").is_err());
        assert_eq!(h.render().size(), tenfoot_renderer::PhysicalSize::new(1280, 720));
    }
}
