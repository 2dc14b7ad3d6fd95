//! F4's red-lines for the focused element, as a designer marks up a comp: its rectangle (size
//! and position), its padding (tinted, with the four values), and the gap to the nearest
//! focusable on each side of the top screen (a line with its length in logical px).
//!
//! Owns: the measurements and how they are drawn. Reads the app's computed layout and focus;
//! writes nothing into the app (the labels are a tree for the overlay app).

use tenfoot_renderer::{Color, Command, Corners, DisplayList, Rect};
use tenfoot_toolkit::{App, ComputedLayout, El, Entity, Name, Parent};
use tenfoot_widgets::text;

/// What F4 measured of the focused element (logical px).
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// The element's name, or `(unnamed)`.
    pub name: String,
    /// Where it is on screen (scroll offsets and transforms applied).
    pub rect: Rect,
    /// Its laid-out size (before a focus scale-up or other transform).
    pub size: (f32, f32),
    /// Padding: left, right, top, bottom.
    pub padding: [f32; 4],
    /// Gaps to the nearest focusable on each side that overlaps it across that axis.
    pub gaps: Vec<Gap>,
}

/// The space between the focused element and a neighbour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    pub side: Side,
    /// The line drawn across the gap (start and end points, logical px).
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub length: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Up,
    Down,
}

/// Measures the focused element; `None` when nothing is focused or it has no layout yet.
pub fn measure(app: &App) -> Option<Measure> {
    let focused = app.focused()?;
    let layout = app.world().get::<&ComputedLayout>(focused).ok().map(|l| (l.rect, l.content))?;
    let (laid, content) = layout;
    let rect = app.screen_rect(focused)?;
    let padding =
        [content.x - laid.x, laid.right() - content.right(), content.y - laid.y, laid.bottom() - content.bottom()]
            .map(|v| v.max(0.0));
    let name = app.world().get::<&Name>(focused).map(|n| n.0.clone()).unwrap_or_else(|_| "(unnamed)".to_owned());
    let screen = app.screen_root();
    let others: Vec<Rect> = app
        .focusables()
        .into_iter()
        .filter(|e| *e != focused && on_screen(app, *e, screen))
        .filter_map(|e| app.screen_rect(e))
        .filter(|r| !r.is_empty() && r.is_finite())
        .collect();
    Some(Measure { name, rect, size: (laid.width, laid.height), padding, gaps: gaps(rect, &others) })
}

/// Whether `e` is inside the top screen (covered screens keep their layout but are not shown).
fn on_screen(app: &App, e: Entity, screen: Entity) -> bool {
    let mut at = e;
    for _ in 0..256 {
        if at == screen {
            return true;
        }
        match app.world().get::<&Parent>(at) {
            Ok(p) => at = p.0,
            Err(_) => return false,
        }
    }
    false
}

/// The nearest neighbour on each side that overlaps `rect` across the axis of that side.
pub fn gaps(rect: Rect, others: &[Rect]) -> Vec<Gap> {
    let mut out = Vec::new();
    let overlap = |a0: f32, a1: f32, b0: f32, b1: f32| (a0.max(b0), a1.min(b1));
    for side in [Side::Left, Side::Right, Side::Up, Side::Down] {
        let mut best: Option<Gap> = None;
        for o in others {
            let gap = match side {
                Side::Right | Side::Left => {
                    let (y0, y1) = overlap(rect.y, rect.bottom(), o.y, o.bottom());
                    if y1 <= y0 {
                        continue;
                    }
                    let y = (y0 + y1) / 2.0;
                    let (a, b) = if side == Side::Right { (rect.right(), o.x) } else { (o.right(), rect.x) };
                    Gap { side, from: (a, y), to: (b, y), length: b - a }
                }
                Side::Down | Side::Up => {
                    let (x0, x1) = overlap(rect.x, rect.right(), o.x, o.right());
                    if x1 <= x0 {
                        continue;
                    }
                    let x = (x0 + x1) / 2.0;
                    let (a, b) = if side == Side::Down { (rect.bottom(), o.y) } else { (o.bottom(), rect.y) };
                    Gap { side, from: (x, a), to: (x, b), length: b - a }
                }
            };
            // Neighbours that touch or overlap (a tile scaled up over the next) measure 0.
            if gap.length < -0.5 || best.is_some_and(|b| b.length <= gap.length) {
                continue;
            }
            best = Some(Gap { length: gap.length.max(0.0), ..gap });
        }
        out.extend(best);
    }
    out
}

const RED: Color = Color::rgb(255, 64, 96);
const PADDING: Color = Color::rgba(80, 220, 120, 90);

/// The outline, the padding bands and the gap lines.
pub fn commands(m: &Measure) -> DisplayList {
    let mut list = DisplayList::new();
    let r = m.rect;
    let sx = if m.size.0 > 0.0 { r.width / m.size.0 } else { 1.0 };
    let sy = if m.size.1 > 0.0 { r.height / m.size.1 } else { 1.0 };
    let [l, rt, t, b] = m.padding;
    let (l, rt, t, b) = (l * sx, rt * sx, t * sy, b * sy);
    let bands = [
        Rect::new(r.x, r.y, r.width, t),
        Rect::new(r.x, r.bottom() - b, r.width, b),
        Rect::new(r.x, r.y + t, l, r.height - t - b),
        Rect::new(r.right() - rt, r.y + t, rt, r.height - t - b),
    ];
    for rect in bands.into_iter().filter(|r| r.width > 0.0 && r.height > 0.0) {
        list.push(Command::FillRect { rect, radii: Corners::ZERO, color: PADDING });
    }
    list.push(Command::Border { rect: r, radii: Corners::ZERO, width: 2.0, color: RED });
    for g in &m.gaps {
        let (x0, y0) = g.from;
        let (x1, y1) = g.to;
        let line = match g.side {
            Side::Left | Side::Right => Rect::new(x0.min(x1), y0 - 1.0, (x1 - x0).abs(), 2.0),
            Side::Up | Side::Down => Rect::new(x0 - 1.0, y0.min(y1), 2.0, (y1 - y0).abs()),
        };
        if line.width > 0.0 && line.height > 0.0 {
            list.push(Command::FillRect { rect: line, radii: Corners::ZERO, color: RED });
        }
    }
    list
}

fn px(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

fn label(s: String) -> El {
    text(s).font_size(18.0).color(Color::WHITE).background(Color::rgba(160, 20, 50, 230)).padding(4.0).radius(4.0)
}

/// The caption above the element (name, size, position, padding) and each gap's length at its
/// middle: a 1920x1080 layer for the overlay app.
pub fn labels(m: &Measure) -> El {
    let r = m.rect;
    let [l, rt, t, b] = m.padding;
    let mut caption = format!("{}  {} \u{d7} {}  at {}, {}", m.name, px(m.size.0), px(m.size.1), px(r.x), px(r.y));
    if (r.width - m.size.0).abs() > 0.5 {
        caption.push_str(&format!("  (shown {} \u{d7} {})", px(r.width), px(r.height)));
    }
    if m.padding.iter().any(|p| *p > 0.0) {
        caption.push_str(&format!("  padding {} {} {} {}", px(t), px(rt), px(b), px(l)));
    }
    // Above the element, or inside its top when there is no room above.
    let top = if r.y >= 34.0 { r.y - 32.0 } else { r.y + 4.0 };
    let left = r.x.clamp(0.0, 1920.0 - 200.0);
    let mut layer = El::new().size(1920.0, 1080.0).name("measure");
    layer =
        layer.child(label(caption).single_line().name("measure-caption").inset([Some(left), None, Some(top), None]));
    for g in &m.gaps {
        let (mx, my) = ((g.from.0 + g.to.0) / 2.0, (g.from.1 + g.to.1) / 2.0);
        let (x, y) = match g.side {
            Side::Left | Side::Right => (mx - 16.0, my + 4.0),
            Side::Up | Side::Down => (mx + 6.0, my - 14.0),
        };
        layer = layer.child(label(px(g.length)).single_line().inset([
            Some(x.clamp(0.0, 1880.0)),
            None,
            Some(y.clamp(0.0, 1050.0)),
            None,
        ]));
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_toolkit::RemoteKey;
    use tenfoot_widgets::{button, row, Widget as _};

    #[test]
    fn gaps_find_the_nearest_neighbour_on_each_side() {
        let me = Rect::new(100.0, 100.0, 50.0, 50.0);
        let others = [
            Rect::new(174.0, 110.0, 50.0, 50.0), // right, 24
            Rect::new(300.0, 100.0, 50.0, 50.0), // right, farther
            Rect::new(100.0, 400.0, 50.0, 50.0), // below, 250
            Rect::new(0.0, 0.0, 20.0, 20.0),     // no overlap on either axis
        ];
        let g = gaps(me, &others);
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!((g[0].side, g[0].length), (Side::Right, 24.0));
        assert_eq!(g[0].from, (150.0, 130.0));
        assert_eq!((g[1].side, g[1].length), (Side::Down, 250.0));
    }

    #[test]
    fn the_focused_button_is_measured_with_its_padding_and_gap() {
        let mut app = App::headless();
        app.set_root(
            row()
                .padding(40.0)
                .gap(24.0)
                .child(button("One").name("one").padding(10.0))
                .child(button("Two").name("two"))
                .child(button("Three").name("three")),
        );
        app.frame(std::time::Duration::ZERO, &[]);
        app.press(RemoteKey::Right);
        let m = measure(&app);
        assert!(m.is_some(), "nothing measured");
        let Some(m) = m else { return };
        assert_eq!(m.name, "two");
        let sides: Vec<(Side, f32)> = m.gaps.iter().map(|g| (g.side, g.length)).collect();
        assert_eq!(sides, vec![(Side::Left, 24.0), (Side::Right, 24.0)]);
        assert!(m.padding.iter().all(|p| *p > 0.0), "{m:?}");
        assert!(!commands(&m).is_empty());
        let mut overlay = App::headless();
        overlay.set_root(labels(&m));
        overlay.layout();
        let caption = overlay.find("measure-caption").and_then(|e| overlay.rect(e)).unwrap_or_default();
        assert!(caption.width > 100.0 && caption.bottom() <= m.rect.y + 1.0, "{caption:?} over {:?}", m.rect);
    }
}
