//! Virtual track: the windowing [`rail`](crate::rail) and [`grid`](crate::grid) share.
//!
//! A track is a [`Scroll`] container holding, along its scroll axis, a leading spacer, the
//! mounted *lines* (one item for a rail, one row of items for a grid) in index order, and a
//! trailing spacer. The spacers stand in for the lines that are not mounted, so the content
//! has its full length and the scroll phase, the focus search and scroll-into-view see the
//! same geometry as if every line existed. Only the lines in view, plus `margin` lines on each
//! side, exist as entities.
//!
//! Which lines are in view depends on the scroll offset the scroll phase will pick once focus
//! has moved. The track predicts it with the same function ([`wanted_offset`]) over its own
//! arithmetic geometry, so the window is right in the frame focus moves, before layout. Focus
//! moves one item at a time, and the item next to the focused one is always mounted (the
//! focused line is in view and `margin >= 1`), so plain spatial navigation works.
//!
//! Lines are keyed by index: a line that stays in the window keeps its entities (and so its
//! focus memory, animations, effects), lines entering are mounted, lines leaving are despawned.
//! Mounting or despawning at one edge changes the spacer and nothing else: surviving lines
//! keep their layout rectangles and visuals.
//!
//! Owns: the track's children and its spacers' sizes. Must not touch anything outside the
//! track.

use std::collections::BTreeMap;
use std::rc::Rc;

use tenfoot_toolkit::{
    px, tree, wanted_offset, App, ComputedLayout, Direction, Edges, El, Entity, EventCtx, Scroll, ScrollAxis,
    ScrollPolicy, Signal,
};

/// What a rail or grid item's builder gets: the item's index and a signal that is true while
/// the item has focus. Focus looks inside the item need no signal (the slot owns their focus);
/// this is for what else follows it (a caption naming the focused item).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemState {
    pub index: usize,
    pub focused: Signal<bool>,
}

/// Where a track's items come from: a count, or a data signal.
pub(crate) trait Items: 'static {
    type Item: Clone + PartialEq + 'static;
    /// The number of items (a tracked read: a change re-runs the window).
    fn len(&self, app: &App) -> usize;
    fn get(&self, app: &App, i: usize) -> Option<Self::Item>;
}

/// `count` items identified by their index.
pub(crate) struct Count(pub usize);

impl Items for Count {
    type Item = usize;
    fn len(&self, _: &App) -> usize {
        self.0
    }
    fn get(&self, _: &App, i: usize) -> Option<usize> {
        (i < self.0).then_some(i)
    }
}

/// The items of a data signal; a line is rebuilt when one of its items changes.
pub(crate) struct Data<T: 'static>(pub Signal<Vec<T>>);

impl<T: Clone + PartialEq + 'static> Items for Data<T> {
    type Item = T;
    fn len(&self, app: &App) -> usize {
        self.0.with(app, Vec::len)
    }
    fn get(&self, app: &App, i: usize) -> Option<T> {
        self.0.with(app, |v| v.get(i).cloned())
    }
}

/// Builds one item's element.
pub(crate) type BuildItem<T> = Rc<dyn Fn(&T, &ItemState) -> El>;
/// Runs when an item is selected, with its index.
pub(crate) type SelectItem = Rc<dyn Fn(&mut EventCtx<'_>, usize)>;

/// The arithmetic geometry of a track along its scroll axis (logical px).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Geometry {
    pub axis: ScrollAxis,
    /// Right to left (horizontal tracks only): index 0 at the right edge.
    pub rtl: bool,
    /// Items per line (1 for a rail, the column count for a grid).
    pub per_line: usize,
    /// A line's size along the axis (an item's width in a rail, its height in a grid).
    pub extent: f32,
    /// Space between lines along the axis.
    pub gap: f32,
    /// Space before the first line and after the last (the screen's side margin).
    pub lead: f32,
    /// The view's length along the axis until layout says otherwise.
    pub view: f32,
    /// Lines kept mounted beyond the visible ones, on each side (at least 1).
    pub margin: usize,
    pub policy: ScrollPolicy,
    /// An item's size across the axis (a grid cell's width); `None` leaves it to the item.
    pub cross: Option<f32>,
}

impl Geometry {
    /// Whether positions along the axis run from the right (only horizontal tracks mirror).
    fn mirrored(&self) -> bool {
        self.rtl && self.axis == ScrollAxis::Horizontal
    }

    fn stride(&self) -> f32 {
        self.extent + self.gap
    }

    fn lines(&self, len: usize) -> usize {
        len.div_ceil(self.per_line.max(1))
    }

    /// The content's length for `lines` lines: spacer, lines with half a gap on each side,
    /// spacer.
    pub fn content(&self, lines: usize) -> f32 {
        2.0 * self.lead + lines as f32 * self.stride()
    }

    /// Where line `l` starts, measured from the content's start edge (the left, or the right
    /// when `rtl`).
    fn line_start(&self, l: usize) -> f32 {
        self.lead + self.gap / 2.0 + l as f32 * self.stride()
    }

    /// The span of line `l` in the view's coordinates before scrolling, and the content's
    /// span, as the scroll phase measures them.
    fn spans(&self, l: usize, lines: usize, view: f32) -> ((f32, f32), (f32, f32)) {
        let total = self.content(lines);
        let s = self.line_start(l);
        if self.mirrored() {
            ((view - s - self.extent, view - s), (view - total, view))
        } else {
            ((s, s + self.extent), (0.0, total))
        }
    }

    /// The offset the scroll phase will choose once line `l` has focus, from `current`.
    pub fn predict(&self, l: usize, lines: usize, view: f32, current: f32) -> f32 {
        let (item, content) = self.spans(l, lines, view);
        wanted_offset(self.policy, item, (0.0, view), content, current)
    }

    /// The lines at least partly in view at `offset`, widened by the margin: (first, last),
    /// inclusive. `None` when there are no lines.
    pub fn window(&self, lines: usize, view: f32, offset: f32) -> Option<(usize, usize)> {
        if lines == 0 {
            return None;
        }
        // The visible interval measured from the content's start edge.
        let lo = if self.mirrored() { -offset } else { offset };
        let hi = lo + view;
        let base = self.lead + self.gap / 2.0;
        let stride = self.stride().max(1.0);
        let first = ((lo - base - self.extent) / stride).floor() + 1.0;
        let last = ((hi - base) / stride).ceil() - 1.0;
        let max = (lines - 1) as f32;
        let m = self.margin.max(1) as f32;
        let first = (first - m).clamp(0.0, max);
        let last = (last + m).clamp(first, max);
        Some((first as usize, last as usize))
    }

    /// Margins that give a line half a gap on each side along the axis (so the layout is the
    /// same mirrored).
    fn line_margin(&self) -> Edges {
        let h = self.gap / 2.0;
        match self.axis {
            ScrollAxis::Horizontal => Edges { left: h, right: h, ..Edges::default() },
            ScrollAxis::Vertical => Edges { top: h, bottom: h, ..Edges::default() },
        }
    }
}

/// A focusable item slot: the user's element inside, focus bookkeeping around it.
fn slot<T: 'static>(
    value: &T,
    index: usize,
    focused: Signal<bool>,
    focus_index: Signal<usize>,
    build: &BuildItem<T>,
    select: Option<SelectItem>,
) -> El {
    let state = ItemState { index, focused };
    // The slot is what takes focus, so it carries the item's semantics (a tile's label,
    // description) and its place among all items, mounted or not.
    let mut item = build(value, &state);
    let semantics = item.take_semantics().unwrap_or_default();
    let mut el = El::new()
        .semantics(semantics)
        .item_index(index + 1)
        .name(format!("item-{index}"))
        .shrink(0.0)
        .focusable()
        .owns(focused)
        .on_focus(move |ctx| {
            focused.set_if_changed(ctx, true);
            focus_index.set(ctx, index);
        })
        .on_blur(move |ctx| {
            focused.set_if_changed(ctx, false);
        })
        .child(item);
    if let Some(f) = select {
        el = el.on_select(move |ctx| f(ctx, index));
    }
    el
}

/// The line element for line `l` holding `values`.
#[expect(clippy::too_many_arguments, reason = "one private call site; the arguments are the track's parts")]
fn line<T: 'static>(
    app: &mut App,
    geo: &Geometry,
    l: usize,
    values: &[T],
    focus_index: Signal<usize>,
    build: &BuildItem<T>,
    select: &Option<SelectItem>,
    cross_gap: f32,
) -> El {
    let mut slots = Vec::with_capacity(values.len());
    for (k, v) in values.iter().enumerate() {
        let index = l * geo.per_line + k;
        let focused = app.signal(false);
        let mut s = slot(v, index, focused, focus_index, build, select.clone());
        if let Some(c) = geo.cross {
            s = match geo.axis {
                ScrollAxis::Horizontal => s.height(c),
                ScrollAxis::Vertical => s.width(c),
            };
        }
        slots.push(s);
    }
    let margin = geo.line_margin();
    match geo.axis {
        ScrollAxis::Horizontal => {
            let mut it = slots.into_iter();
            let first = it.next().unwrap_or_default();
            first.width(geo.extent).style(|s| s.margin = margin)
        }
        ScrollAxis::Vertical => El::new()
            .name(format!("row-{l}"))
            .direction(Direction::Row)
            .rtl(geo.rtl)
            .gap(cross_gap)
            .height(geo.extent)
            .shrink(0.0)
            .style(|s| s.margin = margin)
            .children(slots),
    }
}

/// The mounted lines: line index -> (entity, the items it was built from).
type Mounted<T> = BTreeMap<usize, (Entity, Vec<T>)>;

/// Turns `viewport` (a scroll container) into a virtual track over `items`. `focus_index` is
/// written with an item's index whenever it gains focus (a signal owned by the viewport when
/// `None`); `cross_gap` separates a grid's columns.
pub(crate) fn virtual_track<I: Items>(
    viewport: El,
    geo: Geometry,
    items: I,
    mut focus_index: Option<Signal<usize>>,
    build: BuildItem<I::Item>,
    select: Option<SelectItem>,
    cross_gap: f32,
) -> El {
    let (direction, scroll) = match geo.axis {
        ScrollAxis::Horizontal => (Direction::Row, Scroll::horizontal(geo.policy)),
        ScrollAxis::Vertical => (Direction::Column, Scroll::vertical(geo.policy)),
    };
    let spacer = |name: &str| El::new().name(name).shrink(0.0);
    let mut mounted: Mounted<I::Item> = BTreeMap::new();
    viewport.direction(direction).rtl(geo.mirrored()).scroll(scroll).child(spacer("lead")).child(spacer("trail")).bind(
        move |app, vp| {
            let fi = match focus_index {
                Some(f) => f,
                None => *focus_index.insert(app.signal_owned(vp, 0usize)),
            };
            update_window(app, vp, &geo, &items, fi, &build, &select, cross_gap, &mut mounted);
            let count = items.len(app);
            app.update_semantics(vp, |s| s.count = Some(count));
        },
    )
}

#[expect(clippy::too_many_arguments, reason = "one private call site; the arguments are the track's parts")]
fn update_window<I: Items>(
    app: &mut App,
    vp: Entity,
    geo: &Geometry,
    items: &I,
    focus_index: Signal<usize>,
    build: &BuildItem<I::Item>,
    select: &Option<SelectItem>,
    cross_gap: f32,
    mounted: &mut Mounted<I::Item>,
) {
    let len = items.len(app);
    let focus_i = focus_index.get(app);
    let lines = geo.lines(len);
    let view = app
        .world()
        .get::<&ComputedLayout>(vp)
        .ok()
        .map(|l| match geo.axis {
            ScrollAxis::Horizontal => l.content.width,
            ScrollAxis::Vertical => l.content.height,
        })
        .filter(|v| *v > 0.0)
        .unwrap_or(geo.view);
    let current = app.world().get::<&Scroll>(vp).map(|s| s.offset).unwrap_or(0.0);
    let focus_inside = app.focused().is_some_and(|f| tree::ancestors(app.world(), f).contains(&vp));
    let offset = if focus_inside && focus_i < len {
        geo.predict(focus_i / geo.per_line.max(1), lines, view, current)
    } else {
        current
    };
    let window = geo.window(lines, view, offset);

    // Lines that left the window, or whose items changed, go.
    let keep = |l: usize| window.is_some_and(|(a, b)| l >= a && l <= b);
    let stale: Vec<usize> = mounted
        .iter()
        .filter(|(l, (_, values))| !keep(**l) || line_values(app, items, geo, **l) != *values)
        .map(|(l, _)| *l)
        .collect();
    for l in stale {
        if let Some((e, _)) = mounted.remove(&l) {
            app.despawn(e);
        }
    }
    // Lines that entered are mounted.
    if let Some((first, last)) = window {
        for l in first..=last {
            if mounted.contains_key(&l) {
                continue;
            }
            let values = line_values(app, items, geo, l);
            if values.is_empty() {
                continue;
            }
            let el = line(app, geo, l, &values, focus_index, build, select, cross_gap);
            let e = app.mount(vp, el);
            mounted.insert(l, (e, values));
        }
    }
    // Spacers stand in for the lines outside the window.
    let children = tree::children(app.world(), vp);
    let named = |n: &str| {
        children.iter().copied().find(|c| app.world().get::<&tenfoot_toolkit::Name>(*c).is_ok_and(|name| name.0 == n))
    };
    let (Some(lead), Some(trail)) = (named("lead"), named("trail")) else { return };
    let (before, after) = match window {
        Some((a, b)) => (a, lines - 1 - b),
        None => (0, 0),
    };
    let stride = geo.stride();
    set_main_size(app, lead, geo.axis, geo.lead + before as f32 * stride);
    set_main_size(app, trail, geo.axis, geo.lead + after as f32 * stride);
    let mut order = vec![lead];
    order.extend(mounted.values().map(|(e, _)| *e));
    order.push(trail);
    app.reorder_children(vp, &order);
}

fn line_values<I: Items>(app: &App, items: &I, geo: &Geometry, l: usize) -> Vec<I::Item> {
    let per = geo.per_line.max(1);
    (l * per..(l + 1) * per).map_while(|i| items.get(app, i)).collect()
}

fn set_main_size(app: &mut App, e: Entity, axis: ScrollAxis, size: f32) {
    let want = px(size.max(0.0));
    let current = app.world().get::<&tenfoot_toolkit::Style>(e).map(|s| match axis {
        ScrollAxis::Horizontal => s.width,
        ScrollAxis::Vertical => s.height,
    });
    if current.ok() == Some(want) {
        return;
    }
    app.update_style(e, |s| match axis {
        ScrollAxis::Horizontal => s.width = want,
        ScrollAxis::Vertical => s.height = want,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo() -> Geometry {
        Geometry {
            axis: ScrollAxis::Horizontal,
            rtl: false,
            per_line: 1,
            extent: 200.0,
            gap: 40.0,
            lead: 100.0,
            view: 1000.0,
            margin: 2,
            policy: ScrollPolicy::KeepInView { margin: 100.0 },
            cross: None,
        }
    }

    #[test]
    fn window_covers_the_visible_lines_plus_the_margin() {
        let g = geo();
        // Lines start at 120, 360, 600, 840, 1080: 0..=3 are (partly) visible at offset 0.
        assert_eq!(g.window(100, 1000.0, 0.0), Some((0, 5)));
        // At 2400: visible from 2400 to 3400, lines 9 (2280..2480) to 13 (3240..3440).
        assert_eq!(g.window(100, 1000.0, 2400.0), Some((7, 15)));
        assert_eq!(g.window(10, 1000.0, 2400.0), Some((7, 9)), "clamped to the last line");
        assert_eq!(g.window(0, 1000.0, 0.0), None);
    }

    #[test]
    fn rtl_windows_mirror() {
        let g = Geometry { rtl: true, ..geo() };
        assert_eq!(g.window(100, 1000.0, 0.0), Some((0, 5)));
        assert_eq!(g.window(100, 1000.0, -2400.0), Some((7, 15)));
    }

    #[test]
    fn prediction_matches_keep_in_view() {
        let g = geo();
        // Line 3 ends at 1040 + 100 margin > 1000: scroll by 140.
        assert_eq!(g.predict(3, 100, 1000.0, 0.0), 140.0);
        assert_eq!(g.predict(1, 100, 1000.0, 0.0), 0.0);
        let r = Geometry { rtl: true, ..geo() };
        assert_eq!(r.predict(3, 100, 1000.0, 0.0), -140.0);
    }
}
