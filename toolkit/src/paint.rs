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

use std::collections::HashMap;
use std::ops::Range;

use foldhash::fast::FixedState;
use hecs::{Entity, World};
use tenfoot_renderer::{
    Color, Command, Corners, DisplayList, FontWeight, Glyph, GlyphRun, GradientStop, Point, Rect, Resources, TextStyle,
    MAX_NESTING,
};

use crate::animation::{Exiting, PaintRect};
use crate::damage::{self, Context, PaintRecord};
use crate::failure::ErrorMark;
use crate::layout::ComputedLayout;
use crate::scroll::Scroll;
use crate::style::{Gradient, ImageContent, ScrollOffset, Shadow, TextContent, VideoContent, Visual};
use crate::tree::Children;

/// Which display-list commands each element drew itself (not its children's).
#[cfg(test)]
pub type Owners = Vec<(Entity, std::ops::Range<usize>)>;

/// Paints the subtree under `root` into a new display list, with the table of which commands
/// each element owns (for damage tracking). Every element is painted from scratch: the
/// straightforward path [`PaintCache::paint`] is tested against.
pub fn paint(world: &World, root: Entity, resources: &mut Resources) -> DisplayList {
    PaintCache::default().paint(world, root, resources, None).0
}

/// [`paint`], with the table of which commands each element owns.
#[cfg(test)]
pub fn paint_owned(world: &World, root: Entity, resources: &mut Resources) -> (DisplayList, Owners) {
    let mut cache = PaintCache::default();
    let (list, _) = cache.paint(world, root, resources, None);
    let owners = cache.owners();
    (list, owners)
}

/// Retained paint: each element's own commands, the inputs they were made from and their
/// damage record, kept between frames.
///
/// A frame walks the tree (placement, transforms, clips and opacity are cheap to recompute),
/// but an element whose painted rectangle, look ([`Visual`] shadow, background, gradient,
/// radii and border), [`TextContent`], [`ImageContent`] and error mark compare equal to last
/// frame's keeps its commands (moved from the previous list, not rebuilt or re-shaped) and
/// their hash. The comparison is by content, so any writer of a component (the `App` API,
/// animation, focus looks, a system editing the world) is seen without dirty flags, and
/// naive app code that rewrites a value with itself stays free. Damage comes from the same
/// walk: an element's record (context hash plus own hash, on-screen bounds) against its last.
#[derive(Default)]
pub struct PaintCache {
    elements: HashMap<Entity, Retained, FixedState>,
    /// The frame counter, to find elements that were not painted this frame.
    frame: u64,
    /// Length of the list the ranges refer to (a mismatch means the cache is stale).
    list_len: usize,
}

struct Retained {
    inputs: Inputs,
    /// This element's own commands in the last list.
    range: Range<usize>,
    own_hash: u64,
    own_bounds: Option<Rect>,
    /// The last damage record (`None` when it drew nothing).
    record: Option<PaintRecord>,
    seen: u64,
}

/// What an element's own commands are made from.
#[derive(Clone, PartialEq)]
struct Inputs {
    rect: Rect,
    content: Rect,
    look: Look,
    image: Option<ImageContent>,
    video: Option<VideoContent>,
    text: Option<TextContent>,
    /// `Some(focused)` for an element drawn as the error placeholder.
    error: Option<bool>,
}

/// The parts of a [`Visual`] that draw the element's own commands (transform and opacity are
/// context, clip applies to children).
#[derive(Clone, Default, PartialEq)]
struct Look {
    shadow: Option<Shadow>,
    background: Option<Color>,
    gradient: Option<Gradient>,
    radii: Corners,
    border: Option<(f32, Color)>,
}

impl Look {
    fn of(v: Option<&Visual>) -> Look {
        match v {
            None => Look::default(),
            Some(v) => Look {
                shadow: v.shadow,
                background: v.background,
                gradient: v.gradient.clone(),
                radii: v.radii,
                border: v.border,
            },
        }
    }

    fn matches(&self, v: Option<&Visual>) -> bool {
        match v {
            None => *self == Look::default(),
            Some(v) => {
                self.shadow == v.shadow
                    && self.background == v.background
                    && self.gradient == v.gradient
                    && self.radii == v.radii
                    && self.border == v.border
            }
        }
    }
}

/// Borrowed inputs of this frame, compared with the retained ones before anything is cloned.
struct InputsRef<'a> {
    rect: Rect,
    content: Rect,
    visual: Option<&'a Visual>,
    image: Option<&'a ImageContent>,
    video: Option<&'a VideoContent>,
    text: Option<&'a TextContent>,
    error: Option<bool>,
}

impl InputsRef<'_> {
    fn matches(&self, i: &Inputs) -> bool {
        // Bit patterns, so a NaN rectangle never matches (and is repainted).
        let same_rect = |a: &Rect, b: &Rect| a == b;
        same_rect(&self.rect, &i.rect)
            && same_rect(&self.content, &i.content)
            && self.error == i.error
            && (self.error.is_some() || i.look.matches(self.visual))
            && self.image == i.image.as_ref()
            && self.video == i.video.as_ref()
            && self.text == i.text.as_ref()
    }

    fn to_owned(&self) -> Inputs {
        let plain = self.error.is_none();
        Inputs {
            rect: self.rect,
            content: self.content,
            look: if plain { Look::of(self.visual) } else { Look::default() },
            image: self.image.filter(|_| plain).cloned(),
            video: self.video.filter(|_| plain).cloned(),
            text: self.text.filter(|_| plain).cloned(),
            error: self.error,
        }
    }
}

impl PaintCache {
    /// Paints the subtree under `root`, reusing the commands of unchanged elements from
    /// `previous` (the list this cache painted last; anything else empties the cache).
    /// Returns the list and the damage against the previous frame (unmerged logical rects).
    pub fn paint(
        &mut self,
        world: &World,
        root: Entity,
        resources: &mut Resources,
        previous: Option<DisplayList>,
    ) -> (DisplayList, Vec<Rect>) {
        let prev = previous.map(|l| l.commands).unwrap_or_default();
        if prev.len() != self.list_len {
            self.elements.clear();
        }
        self.frame += 1;
        let capacity = prev.len();
        let mut walk = Walk {
            world,
            resources,
            prev,
            list: DisplayList { commands: Vec::with_capacity(capacity) },
            cache: self,
            contexts: vec![Context::ROOT],
            damage: Vec::new(),
            depth: 0,
        };
        let origin = Placement { parent_layout: Point::new(0.0, 0.0), offset: Point::new(0.0, 0.0) };
        walk.element(root, origin);
        let Walk { list, mut damage, .. } = walk;
        // Elements not painted this frame (despawned, hidden): their last pixels are damage.
        let frame = self.frame;
        self.elements.retain(|_, r| {
            if r.seen == frame {
                return true;
            }
            if let Some(rec) = r.record {
                damage.push(rec.bounds);
            }
            false
        });
        self.list_len = list.len();
        (list, damage)
    }

    /// Forgets every element (the next paint rebuilds all commands).
    pub fn clear(&mut self) {
        self.elements.clear();
        self.list_len = 0;
    }

    /// Which commands of the last list each element drew, in list order.
    #[cfg(test)]
    pub fn owners(&self) -> Owners {
        let mut owners: Owners =
            self.elements.iter().filter(|(_, r)| !r.range.is_empty()).map(|(e, r)| (*e, r.range.clone())).collect();
        owners.sort_by_key(|(_, r)| r.start);
        owners
    }
}

struct Walk<'a> {
    world: &'a World,
    resources: &'a mut Resources,
    /// The previous list's commands; reused ones are moved out.
    prev: Vec<Command>,
    list: DisplayList,
    cache: &'a mut PaintCache,
    contexts: Vec<Context>,
    damage: Vec<Rect>,
    depth: usize,
}

impl Walk<'_> {
    fn push(&mut self, c: Command) {
        if let Some(inner) = self.context().inside(&c) {
            self.contexts.push(inner);
        } else if c.pops().is_some() && self.contexts.len() > 1 {
            self.contexts.pop();
        }
        self.list.push(c);
    }

    fn context(&self) -> Context {
        self.contexts.last().copied().unwrap_or(Context::ROOT)
    }

    /// Emits `e`'s own commands: moved from the previous list when its inputs are unchanged,
    /// else painted by `draw`. Then compares its damage record with the last one.
    fn own(&mut self, e: Entity, inputs: InputsRef<'_>, draw: impl FnOnce(&mut Resources, &mut DisplayList)) {
        let start = self.list.len();
        let frame = self.cache.frame;
        let reused = match self.cache.elements.get_mut(&e) {
            Some(r) if inputs.matches(&r.inputs) && r.range.end <= self.prev.len() => {
                let moved = self.prev[r.range.clone()].iter_mut().map(|c| std::mem::replace(c, Command::PopClip));
                self.list.commands.extend(moved);
                r.range = start..self.list.len();
                r.seen = frame;
                Some((r.own_hash, r.own_bounds))
            }
            _ => None,
        };
        let (own_hash, own_bounds) = match reused {
            Some(summary) => summary,
            None => {
                draw(self.resources, &mut self.list);
                let (own_hash, own_bounds) = damage::own_summary(&self.list.commands[start..]);
                let old = self.cache.elements.remove(&e).and_then(|r| r.record);
                self.cache.elements.insert(
                    e,
                    Retained {
                        inputs: inputs.to_owned(),
                        range: start..self.list.len(),
                        own_hash,
                        own_bounds,
                        record: old,
                        seen: frame,
                    },
                );
                (own_hash, own_bounds)
            }
        };
        let drew = self.list.len() > start;
        let record = drew.then(|| self.context().record(own_hash, own_bounds));
        let Some(r) = self.cache.elements.get_mut(&e) else { return };
        match (r.record, record) {
            (Some(o), Some(n)) if o == n => {}
            (Some(o), Some(n)) => self.damage.extend([o.bounds, n.bounds]),
            (None, Some(n)) => self.damage.push(n.bounds),
            (Some(o), None) => self.damage.push(o.bounds),
            (None, None) => {}
        }
        r.record = record;
    }
}

/// The start and end points of a CSS-style gradient angle across `rect`.
fn gradient_line(rect: &Rect, angle_deg: f32) -> (Point, Point) {
    // Quarter turns are exact (sin 180° is -8.7e-8 in f32): a top-to-bottom scrim is then
    // exactly vertical, which a backend can cache as one column instead of a full bitmap.
    let turns = angle_deg.rem_euclid(360.0) / 90.0;
    let (dx, dy) = match turns {
        0.0 => (0.0, -1.0),
        1.0 => (1.0, 0.0),
        2.0 => (0.0, 1.0),
        3.0 => (-1.0, 0.0),
        _ => {
            let a = angle_deg.to_radians();
            (a.sin(), -a.cos())
        }
    };
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

impl Walk<'_> {
    fn element(&mut self, e: Entity, at: Placement) {
        let world = self.world;
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
        let rect = layout.rect;
        if er.has::<ErrorMark>() {
            let focused = er.has::<crate::focus::Focused>();
            let inputs = InputsRef {
                rect,
                content: layout.content,
                visual: None,
                image: None,
                video: None,
                text: None,
                error: Some(focused),
            };
            self.own(e, inputs, |resources, list| paint_error_placeholder(&rect, focused, resources, list));
            return;
        }
        let visual = er.get::<&Visual>();
        // A right-to-left layout mirrors the element's horizontal look with its place.
        let flipped = if layout.mirrored { visual.as_deref().and_then(Visual::mirrored) } else { None };
        let visual = flipped.as_ref().or(visual.as_deref());
        // Past the nesting limit, transforms, opacity and clips are dropped rather than
        // producing a list no backend will accept.
        let can_nest = self.depth + 3 < MAX_NESTING;
        let mut transformed = false;
        let mut faded = false;

        if let Some(v) = visual {
            if !v.opacity.is_finite() || v.opacity <= 0.0 {
                return;
            }
            let t = v.paint_transform(rect.center());
            if !t.is_identity() && t.is_finite() && can_nest {
                self.push(Command::PushTransform(t));
                transformed = true;
            }
            if v.opacity < 1.0 && can_nest {
                self.push(Command::PushOpacity(v.opacity));
                faded = true;
            }
        }
        let image = er.get::<&ImageContent>();
        let video = er.get::<&VideoContent>();
        let text = er.get::<&TextContent>();
        let inputs = InputsRef {
            rect,
            content: layout.content,
            visual,
            image: image.as_deref(),
            video: video.as_deref(),
            text: text.as_deref(),
            error: None,
        };
        let content = layout.content;
        self.own(e, inputs, |resources, list| {
            let parts = Parts { visual, image: image.as_deref(), video: video.as_deref(), text: text.as_deref() };
            own_commands(&rect, &content, parts, resources, list)
        });
        let radii = visual.map(|v| v.radii).unwrap_or_default();
        let clip = (visual.is_some_and(|v| v.clip) || scroller.is_some()) && can_nest;
        if clip {
            self.push(Command::PushClip { rect, radii });
        }
        let nested = usize::from(transformed) + usize::from(faded) + usize::from(clip);
        self.depth += nested;
        if let Some(children) = er.get::<&Children>() {
            // Elements playing their exit motion are out of flow and on their way out: paint
            // them above their siblings, which are gliding into the space they left.
            let exiting = |c: &Entity| world.satisfies::<&Exiting>(*c);
            for &child in children.0.iter().filter(|c| !exiting(c)) {
                self.element(child, children_at);
            }
            for &child in children.0.iter().filter(|c| exiting(c)) {
                self.element(child, children_at);
            }
        }
        self.depth -= nested;
        if clip {
            self.push(Command::PopClip);
        }
        if faded {
            self.push(Command::PopOpacity);
        }
        if transformed {
            self.push(Command::PopTransform);
        }
    }
}

/// The components an element's own commands are drawn from.
struct Parts<'a> {
    visual: Option<&'a Visual>,
    image: Option<&'a ImageContent>,
    video: Option<&'a VideoContent>,
    text: Option<&'a TextContent>,
}

/// An element's own commands, in order: shadow, background, gradient, image, video, text,
/// border.
fn own_commands(rect: &Rect, content: &Rect, parts: Parts<'_>, resources: &mut Resources, list: &mut DisplayList) {
    let Parts { visual, image, video, text } = parts;
    let rect = *rect;
    if let Some(v) = visual {
        if let Some(s) = &v.shadow {
            list.push(Command::BoxShadow {
                rect,
                radii: v.radii,
                offset: s.offset(),
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
    if let Some(img) = image {
        let image = resources.images.id(&img.source);
        list.push(Command::Image { image, rect, fit: img.fit, radii, opacity: img.opacity });
    }
    if let Some(video) = video {
        list.push(Command::Video { rect, label: video.label.clone() });
    }
    if let Some(text) = text {
        for run in text_runs(text, content, resources) {
            list.push(Command::GlyphRun(run));
        }
    }
    if let Some((width, color)) = visual.and_then(|v| v.border) {
        list.push(Command::Border { rect, radii, width, color });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{App, El};
    use std::time::Duration;

    fn two_labels() -> (App, Entity, Entity) {
        let mut app = App::headless();
        let a = app.mount(app.root(), El::new().size(200.0, 40.0).background(Color::rgb(10, 20, 30)).text("one"));
        let b = app
            .mount(app.root(), El::new().size(200.0, 40.0).margin(30.0).background(Color::rgb(40, 50, 60)).text("two"));
        let _ = app.frame(Duration::ZERO, &[]);
        (app, a, b)
    }

    #[test]
    fn unchanged_elements_keep_their_commands_and_changed_ones_are_repainted() {
        let (mut app, a, b) = two_labels();
        let before = app.display_list().clone();
        // A write of the same value through the API: nothing is damaged.
        app.update_visual(a, |v| v.background = Some(Color::rgb(10, 20, 30)));
        let f = app.frame(Duration::from_millis(16), &[]);
        assert_eq!(f.damage, Some(vec![]));
        assert!(app.display_list() == &before);
        // A direct world edit (no App method) is seen by the content comparison.
        if let Ok(mut t) = app.world_mut().get::<&mut TextContent>(b) {
            t.color = Color::rgb(255, 0, 0);
        }
        app.invalidate();
        let f = app.frame(Duration::from_millis(32), &[]);
        let damage = f.damage.clone().unwrap_or_default();
        assert_eq!(damage.len(), 1, "{damage:?}");
        let rb = app.rect(b).unwrap_or_default();
        assert!(damage[0].intersect(&rb).is_some() && app.rect(a).unwrap_or_default().intersect(&damage[0]).is_none());
        let retained = app.display_list().clone();
        assert!(retained == app.paint_from_scratch());
    }

    #[test]
    fn retained_damage_matches_the_record_diff() {
        let (mut app, a, b) = two_labels();
        let old = paint_owned(&app.world, app.root, &mut app.resources);
        let old = damage::records(&old.0, &old.1);
        app.update_visual(a, |v| v.transform = tenfoot_renderer::Transform::scale(1.2, 1.2));
        app.set_text(b, "three");
        let f = app.frame(Duration::from_millis(16), &[]);
        let got = f.damage.clone().unwrap_or_default();
        let new = paint_owned(&app.world, app.root, &mut app.resources);
        let mut want = damage::diff(&old, &damage::records(&new.0, &new.1));
        // The same rectangles, in whatever order.
        let key = |r: &Rect| (r.x.to_bits(), r.y.to_bits());
        let mut got = got;
        got.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(got, want);
        // Despawned: its last bounds are damage.
        let rb = app.rect(b).unwrap_or_default();
        app.despawn(b);
        let f = app.frame(Duration::from_millis(32), &[]);
        let got = f.damage.clone().unwrap_or_default();
        assert!(got.iter().any(|d| d.intersect(&rb).is_some()), "{got:?}");
    }

    #[test]
    fn gradient_line_follows_css_angles() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        let (s, e) = gradient_line(&r, 180.0);
        assert!((s.x - 50.0).abs() < 1e-3 && s.y.abs() < 1e-3, "{s:?}");
        assert!((e.y - 50.0).abs() < 1e-3);
        let (s, e) = gradient_line(&r, 90.0);
        assert!(s.x.abs() < 1e-3 && (e.x - 100.0).abs() < 1e-3);
        // Quarter turns give exactly horizontal or vertical lines.
        for (angle, want) in [(0.0, ((50.0, 50.0), (50.0, 0.0))), (90.0, ((0.0, 25.0), (100.0, 25.0)))] {
            for a in [angle, angle + 360.0, angle - 360.0] {
                let (s, e) = gradient_line(&r, a);
                assert_eq!(((s.x, s.y), (e.x, e.y)), want, "{a}");
            }
        }
        let (s, e) = gradient_line(&r, 180.0);
        assert_eq!((s.x, e.x), (50.0, 50.0));
        let (s, e) = gradient_line(&r, 270.0);
        assert_eq!((s.y, e.y, s.x, e.x), (25.0, 25.0, 100.0, 0.0));
    }
}
