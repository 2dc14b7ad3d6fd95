//! Paint phase: turns the laid-out tree into a [`DisplayList`].
//!
//! Reads: [`ComputedLayout`], [`Visual`], [`TextContent`], [`ImageContent`], the tree links.
//! Writes: nothing in the world; it produces the display list and registers image sources in
//! [`Resources`]. Order per element: transform, opacity, shadow, background, gradient, image,
//! text, border, then children inside the element's clip (a scroll container always clips).
//!
//! Where an element is drawn: its [`ComputedLayout`] rectangle, moved with its parent's painted
//! position, except while a layout animation runs ([`PaintRect`], relative to the parent's
//! layout box). A [`Scroll`] container moves its children by its offset ([`ScrollOffset`] while
//! the scroll animates). Children
//! playing an exit motion ([`Exiting`]) are painted after their siblings. An element marked
//! [`ErrorMark`] is drawn as the error placeholder, without its own look or its subtree.

use hecs::{Entity, World};
use tenfoot_renderer::{
    Color, Command, Corners, DisplayList, FontWeight, Glyph, GlyphRun, GradientStop, Point, Rect, Resources, TextStyle,
    MAX_NESTING,
};

use crate::animation::{Exiting, PaintRect};
use crate::failure::ErrorMark;
use crate::layout::ComputedLayout;
use crate::scroll::Scroll;
use crate::style::{Gradient, ImageContent, ScrollOffset, TextContent, VideoContent, Visual};
use crate::tree::Children;

/// Which display-list commands each element drew itself (not its children's).
pub type Owners = Vec<(Entity, std::ops::Range<usize>)>;

/// Paints the subtree under `root` into a new display list, with the table of which commands
/// each element owns (for damage tracking).
pub fn paint(world: &World, root: Entity, resources: &mut Resources) -> (DisplayList, Owners) {
    let mut list = DisplayList::new();
    let mut owners = Owners::new();
    let mut depth = 0;
    let origin = Placement { parent_layout: Point::new(0.0, 0.0), offset: Point::new(0.0, 0.0) };
    paint_element(world, root, resources, &mut list, &mut owners, &mut depth, origin);
    (list, owners)
}

/// The start and end points of a CSS-style gradient angle across `rect`.
fn gradient_line(rect: &Rect, angle_deg: f32) -> (Point, Point) {
    let a = angle_deg.to_radians();
    let (dx, dy) = (a.sin(), -a.cos());
    // Half the length of the gradient line, so the corners get the end colours (as in CSS).
    let half = (rect.width * dx.abs() + rect.height * dy.abs()) / 2.0;
    let c = rect.center();
    (Point::new(c.x - dx * half, c.y - dy * half), Point::new(c.x + dx * half, c.y + dy * half))
}

fn gradient_command(rect: &Rect, visual: &Visual, g: &Gradient) -> Command {
    let (start, end) = gradient_line(rect, if g.angle.is_finite() { g.angle } else { 180.0 });
    Command::LinearGradient {
        rect: *rect,
        radii: visual.radii,
        start,
        end,
        stops: g.stops.iter().map(|(offset, color)| GradientStop { offset: *offset, color: *color }).collect(),
    }
}

/// Glyph runs for shaped text placed in `content`, one run per consecutive font.
pub(crate) fn text_runs(text: &TextContent, content: &Rect, resources: &mut Resources) -> Vec<GlyphRun> {
    let shaped = resources.fonts.shape(&text.text, &text.style, Some(content.width));
    let mut runs: Vec<GlyphRun> = Vec::new();
    for g in shaped.glyphs.iter().copied() {
        let glyph = Glyph { id: g.id, x: g.x, y: g.y };
        match runs.last_mut() {
            Some(run) if run.font == g.font => run.glyphs.push(glyph),
            _ => runs.push(GlyphRun {
                font: g.font,
                size: shaped.font_size,
                color: text.color,
                origin: Point::new(content.x, content.y),
                glyphs: vec![glyph],
            }),
        }
    }
    runs
}

/// The error placeholder drawn instead of an element marked [`ErrorMark`] and its subtree:
/// a muted box with a thin red outline and a "!" (plus "Something went wrong" when the box is
/// wide enough). Neutral on purpose: a viewer sees that one thing failed, not a crash. The
/// element's own focus look is not drawn, so a focused placeholder gets a light outline instead.
fn paint_error_placeholder(rect: &Rect, focused: bool, resources: &mut Resources, list: &mut DisplayList) {
    if !rect.is_finite() || rect.width <= 0.0 || rect.height <= 0.0 {
        return;
    }
    let radii = Corners::all(rect.width.min(rect.height).min(16.0) / 4.0);
    list.push(Command::FillRect { rect: *rect, radii, color: Color::rgb(44, 44, 50) });
    let (width, color) = if focused { (4.0, Color::rgb(235, 238, 245)) } else { (2.0, Color::rgb(200, 60, 60)) };
    list.push(Command::Border { rect: *rect, radii, width, color });
    let size = (rect.height * 0.5).clamp(0.0, 28.0);
    if size < 8.0 {
        return;
    }
    let label = if rect.width >= size * 14.0 { "!  Something went wrong" } else { "!" };
    let style = TextStyle { size, weight: FontWeight::SEMIBOLD, wrap: false, max_lines: 1, ..TextStyle::default() };
    let text = TextContent { text: label.to_owned(), style, color: Color::rgb(220, 220, 225) };
    let measured = resources.fonts.measure(label, &style, None);
    let at = Rect::new(
        rect.x + ((rect.width - measured.width) / 2.0).max(0.0),
        rect.y + ((rect.height - measured.height) / 2.0).max(0.0),
        rect.width,
        measured.height,
    );
    for run in text_runs(&text, &at, resources) {
        list.push(Command::GlyphRun(run));
    }
}

/// Where a parent was painted, for placing its children.
#[derive(Clone, Copy)]
struct Placement {
    /// The parent's layout origin.
    parent_layout: Point,
    /// Painted minus layout position of the parent's content (layout animations, scrolling).
    offset: Point,
}

fn paint_element(
    world: &World,
    e: Entity,
    resources: &mut Resources,
    list: &mut DisplayList,
    owners: &mut Owners,
    depth: &mut usize,
    at: Placement,
) {
    // One lookup per element; every component below is read through it.
    let Ok(er) = world.entity(e) else { return };
    let Some(mut layout) = er.get::<&ComputedLayout>().map(|l| *l) else { return };
    let layout_origin = Point::new(layout.rect.x, layout.rect.y);
    let painted = match er.get::<&PaintRect>() {
        Some(p) => Rect::new(
            at.parent_layout.x + at.offset.x + p.local.x,
            at.parent_layout.y + at.offset.y + p.local.y,
            p.local.width,
            p.local.height,
        ),
        None => layout.rect.translate(at.offset.x, at.offset.y),
    };
    let (dx, dy) = (painted.x - layout.rect.x, painted.y - layout.rect.y);
    if painted.is_finite() {
        layout.content = layout.content.translate(dx, dy);
        layout.rect = painted;
    }
    // The animated offset while a scroll glides, else the scroll container's own offset.
    let scroller = er.get::<&Scroll>().map(|s| *s);
    let scroll = match (er.get::<&ScrollOffset>().map(|s| s.0), scroller) {
        (Some(o), _) => o,
        (None, Some(s)) => {
            let (x, y) = s.translation();
            Point::new(-x, -y)
        }
        (None, None) => Point::new(0.0, 0.0),
    };
    let children_at = Placement { parent_layout: layout_origin, offset: Point::new(dx - scroll.x, dy - scroll.y) };
    if er.get::<&crate::style::Style>().is_some_and(|s| s.display_none) {
        return;
    }
    if er.has::<ErrorMark>() {
        let own_start = list.len();
        let focused = er.has::<crate::focus::Focused>();
        paint_error_placeholder(&layout.rect, focused, resources, list);
        owners.push((e, own_start..list.len()));
        return;
    }
    let visual = er.get::<&Visual>();
    let visual = visual.as_deref();
    let rect = layout.rect;
    // Past the nesting limit, transforms, opacity and clips are dropped rather than
    // producing a list no backend will accept.
    let can_nest = *depth + 3 < MAX_NESTING;
    let mut transformed = false;
    let mut faded = false;

    if let Some(v) = visual {
        if !v.opacity.is_finite() || v.opacity <= 0.0 {
            return;
        }
        let t = v.paint_transform(rect.center());
        if !t.is_identity() && t.is_finite() && can_nest {
            list.push(Command::PushTransform(t));
            transformed = true;
        }
        if v.opacity < 1.0 && can_nest {
            list.push(Command::PushOpacity(v.opacity));
            faded = true;
        }
    }
    let own_start = list.len();
    if let Some(v) = visual {
        if let Some(s) = &v.shadow {
            list.push(Command::BoxShadow {
                rect,
                radii: v.radii,
                offset: s.offset,
                blur: s.blur,
                spread: s.spread,
                color: s.color,
            });
        }
        if let Some(bg) = v.background {
            list.push(Command::FillRect { rect, radii: v.radii, color: bg });
        }
        if let Some(g) = &v.gradient {
            list.push(gradient_command(&rect, v, g));
        }
    }
    let radii = visual.map(|v| v.radii).unwrap_or_default();
    if let Some(img) = er.get::<&ImageContent>() {
        let image = resources.images.id(&img.source);
        list.push(Command::Image { image, rect, fit: img.fit, radii, opacity: img.opacity });
    }
    if let Some(video) = er.get::<&VideoContent>() {
        list.push(Command::Video { rect, label: video.label.clone() });
    }
    if let Some(text) = er.get::<&TextContent>() {
        for run in text_runs(&text, &layout.content, resources) {
            list.push(Command::GlyphRun(run));
        }
    }
    if let Some((width, color)) = visual.and_then(|v| v.border) {
        list.push(Command::Border { rect, radii, width, color });
    }
    if list.len() > own_start {
        owners.push((e, own_start..list.len()));
    }
    let clip = (visual.is_some_and(|v| v.clip) || scroller.is_some()) && can_nest;
    if clip {
        list.push(Command::PushClip { rect, radii });
    }
    let nested = usize::from(transformed) + usize::from(faded) + usize::from(clip);
    *depth += nested;
    if let Some(children) = er.get::<&Children>() {
        // Elements playing their exit motion are out of flow and on their way out: paint them
        // above their siblings, which are gliding into the space they left.
        let exiting = |c: &Entity| world.satisfies::<&Exiting>(*c);
        for &child in children.0.iter().filter(|c| !exiting(c)) {
            paint_element(world, child, resources, list, owners, depth, children_at);
        }
        for &child in children.0.iter().filter(|c| exiting(c)) {
            paint_element(world, child, resources, list, owners, depth, children_at);
        }
    }
    *depth -= nested;
    if clip {
        list.push(Command::PopClip);
    }
    if faded {
        list.push(Command::PopOpacity);
    }
    if transformed {
        list.push(Command::PopTransform);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_line_follows_css_angles() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        let (s, e) = gradient_line(&r, 180.0);
        assert!((s.x - 50.0).abs() < 1e-3 && s.y.abs() < 1e-3, "{s:?}");
        assert!((e.y - 50.0).abs() < 1e-3);
        let (s, e) = gradient_line(&r, 90.0);
        assert!(s.x.abs() < 1e-3 && (e.x - 100.0).abs() < 1e-3);
    }
}
