//! Rail: a titled, horizontal, focusable carousel (a row of tiles on a home screen), virtualized.
//!
//! Only the items in view plus a margin (2 on each side by default) exist as entities; spacers
//! keep the scroll geometry whole (see `virtual_track.rs`), so a rail of 10,000 items costs
//! what a rail of ten does. Left and Right move focus item by item; the rail scrolls by its
//! policy (keep the focused item in view with room for the next one to peek in) and the
//! picture glides there. The rail is a focus scope with memory: coming back to it restores its
//! last focused item.
//!
//! An RTL rail (`.rtl(true)`) starts at the right edge, item 0 rightmost; Right and Left then
//! mirror (Left goes to the next item), because navigation is spatial. Its title hugs the right.
//!
//! Items are built by a closure given an [`ItemState`]: the index and a `focused` signal. The
//! item slot is what takes focus, so the focus looks ([`tenfoot_toolkit::FocusStyle`]) inside
//! the item, a tile's for one, show while it has focus; the signal is for anything else that
//! should follow it.

use std::rc::Rc;

use tenfoot_toolkit::{Direction, El, EventCtx, FocusScope, ScrollAxis, ScrollPolicy, Signal};

use crate::container::row;
use crate::deferred::{skeleton, skeleton_line};
use crate::text::heading;
use crate::virtual_track::{virtual_track, BuildItem, Count, Data, Geometry, ItemState, SelectItem};

/// Marks a rail's root element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rail {
    pub title: String,
}

type MakeTrack = Box<dyn FnOnce(El, Geometry, Option<Signal<usize>>, Option<SelectItem>) -> El>;

/// Builder for a rail.
pub struct RailBuilder {
    title: String,
    make: MakeTrack,
    geo: Geometry,
    focused_index: Option<Signal<usize>>,
    select: Option<SelectItem>,
    name: Option<String>,
    /// Screen margin before the first item; the track's lead is derived at build (it depends
    /// on the gap).
    inset: f32,
    /// None: keep the focused item in view with half an item peeking (derived at build).
    policy: Option<ScrollPolicy>,
    /// Whether the title is shown above the items (it names the list for readers either way).
    show_title: bool,
}

/// Item width of a rail unless [`RailBuilder::item_width`] says otherwise.
pub const RAIL_ITEM_WIDTH: f32 = 240.0;
/// Space between a rail's items unless [`RailBuilder::item_gap`] says otherwise.
pub const RAIL_ITEM_GAP: f32 = 24.0;
/// Space before a rail's first item unless [`RailBuilder::inset`] says otherwise (the TV's
/// title-safe margin).
pub const RAIL_INSET: f32 = 120.0;
/// Room above and below a rail's items for the focused item's scale-up, ring and shadow, which
/// the scrolling viewport would otherwise clip.
const ROOM_TOP: f32 = 28.0;
const ROOM_BOTTOM: f32 = 36.0;
/// Space between the title and the items' viewport.
const TITLE_GAP: f32 = 4.0;

impl std::fmt::Debug for RailBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RailBuilder").field("title", &self.title).field("geometry", &self.geo).finish_non_exhaustive()
    }
}

fn geometry() -> Geometry {
    Geometry {
        axis: ScrollAxis::Horizontal,
        rtl: false,
        per_line: 1,
        extent: RAIL_ITEM_WIDTH,
        gap: RAIL_ITEM_GAP,
        lead: 0.0,
        view: tenfoot_toolkit::LOGICAL_SIZE.width,
        margin: 2,
        policy: ScrollPolicy::Centre,
        cross: None,
    }
}

/// A rail titled `title` of `count` items, each built by `build_item`; size them with
/// [`item_width`](RailBuilder::item_width) and [`item_gap`](RailBuilder::item_gap):
/// `rail("Trending", 10_000, tile).item_width(200.0).item_gap(40.0)`. Only the visible items
/// plus a margin are ever built.
pub fn rail(title: impl Into<String>, count: usize, build_item: impl Fn(&ItemState) -> El + 'static) -> RailBuilder {
    let build: BuildItem<usize> = Rc::new(move |_: &usize, s: &ItemState| build_item(s));
    RailBuilder::new(
        title.into(),
        geometry(),
        Box::new(move |vp, geo, fi, select| virtual_track(vp, geo, Count(count), fi, build, select, 0.0)),
    )
}

/// A rail over the items of `items`: one element per item, built by `build_item`. When the
/// list changes, the mounted items whose value changed are rebuilt and the rest are kept.
pub fn rail_of<T: Clone + PartialEq + 'static>(
    title: impl Into<String>,
    items: Signal<Vec<T>>,
    build_item: impl Fn(&T, &ItemState) -> El + 'static,
) -> RailBuilder {
    let build: BuildItem<T> = Rc::new(build_item);
    RailBuilder::new(
        title.into(),
        geometry(),
        Box::new(move |vp, geo, fi, select| virtual_track(vp, geo, Data(items), fi, build, select, 0.0)),
    )
}

impl RailBuilder {
    fn new(title: String, geo: Geometry, make: MakeTrack) -> Self {
        Self {
            title,
            make,
            geo,
            focused_index: None,
            select: None,
            name: None,
            inset: RAIL_INSET,
            policy: None,
            show_title: true,
        }
    }

    /// Each item's width (default [`RAIL_ITEM_WIDTH`]).
    pub fn item_width(mut self, w: f32) -> Self {
        self.geo.extent = w;
        self
    }
    /// Space between items (default [`RAIL_ITEM_GAP`]).
    pub fn item_gap(mut self, gap: f32) -> Self {
        self.geo.gap = gap;
        self
    }

    /// Right to left: item 0 at the right edge, the title right-aligned.
    pub fn rtl(mut self, rtl: bool) -> Self {
        self.geo.rtl = rtl;
        self
    }
    /// The rail's width (default: the 1920 px logical screen).
    pub fn width(mut self, w: f32) -> Self {
        self.geo.view = w;
        self
    }
    /// Space before the first item and after the last (default 120, the screen margin).
    pub fn inset(mut self, inset: f32) -> Self {
        self.inset = inset;
        self
    }
    /// Items mounted beyond the visible ones on each side (default 2, at least 1).
    pub fn margin(mut self, items: usize) -> Self {
        self.geo.margin = items.max(1);
        self
    }
    /// How the rail scrolls to the focused item (default: keep it in view with half an item
    /// of the next one peeking in).
    pub fn policy(mut self, policy: ScrollPolicy) -> Self {
        self.policy = Some(policy);
        self
    }
    /// A signal the rail writes with the focused item's index (the sample app updates its
    /// hero from it). The rail also reads it to pick the items to mount.
    pub fn focused_index(mut self, index: Signal<usize>) -> Self {
        self.focused_index = Some(index);
        self
    }
    /// Runs with the item's index when Select is pressed on it.
    pub fn on_select(mut self, f: impl Fn(&mut EventCtx<'_>, usize) + 'static) -> Self {
        self.select = Some(Rc::new(f));
        self
    }
    /// Hides the title above the items (a row under tabs that already say what it holds); the
    /// title still names the list for readers.
    pub fn hide_title(mut self) -> Self {
        self.show_title = false;
        self
    }
    /// Names the rail (items are named `item-{index}`, inside the rail's `items` viewport).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl From<RailBuilder> for El {
    fn from(b: RailBuilder) -> El {
        let mut geo = b.geo;
        geo.lead = (b.inset - geo.gap / 2.0).max(0.0);
        geo.policy = b.policy.unwrap_or(ScrollPolicy::KeepInView { margin: geo.extent * 0.5 + geo.gap });
        let inset = geo.lead + geo.gap / 2.0;
        let title_row = b
            .show_title
            .then(|| row().name("title").rtl(geo.rtl).padding_xy(inset, 0.0).child(heading(b.title.clone())));
        let viewport = El::new()
            .name("items")
            .role(tenfoot_toolkit::Role::List)
            .label(b.title.clone())
            .width(geo.view)
            .padding_edges(tenfoot_toolkit::Edges { top: ROOM_TOP, bottom: ROOM_BOTTOM, ..Default::default() })
            .focus_scope(FocusScope::remembered());
        let track = (b.make)(viewport, geo, b.focused_index, b.select);
        El::new()
            .name(b.name.unwrap_or_else(|| "rail".to_owned()))
            .direction(Direction::Column)
            .width(geo.view)
            .gap(TITLE_GAP)
            .with(Rail { title: b.title })
            .children(title_row)
            .child(track)
    }
}

/// A rail's loading state: a title line and `count` skeleton items of `item_width` x
/// `item_height`, laid out as [`rail`] lays out its items at the default gap and inset, so
/// nothing moves when the rail replaces it.
pub fn rail_skeleton(item_width: f32, item_height: f32, count: usize) -> El {
    let title = row().name("title").padding_xy(RAIL_INSET, 0.0).child(skeleton_line(320.0, 34.0));
    let items = row()
        .name("items")
        .padding_edges(tenfoot_toolkit::Edges {
            left: RAIL_INSET,
            right: RAIL_INSET,
            top: ROOM_TOP,
            bottom: ROOM_BOTTOM,
        })
        .gap(RAIL_ITEM_GAP)
        .children((0..count).map(|_| skeleton(item_width, item_height).shrink(0.0)));
    El::new()
        .name("rail-skeleton")
        .direction(Direction::Column)
        .width(tenfoot_toolkit::LOGICAL_SIZE.width)
        .gap(TITLE_GAP)
        .clip()
        .child(title)
        .child(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use std::time::Duration;
    use tenfoot_renderer::Color;
    use tenfoot_toolkit::App;
    use tenfoot_toolkit::{tree, ComputedLayout, RemoteKey, Visual};

    /// A plain item with a focused look, cheap to build.
    fn item(s: &ItemState) -> El {
        let focused = s.focused;
        El::new().height(120.0).background(Color::hex(0x333333)).bind_visual(move |app, v| {
            v.border = focused.get(app).then_some((4.0, Color::WHITE));
        })
    }

    fn start(el: impl Into<El>) -> App {
        let mut app = App::headless();
        app.set_root(el);
        let f = app.frame(Duration::ZERO, &[]);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        app
    }

    fn items(app: &App) -> Vec<(usize, tenfoot_toolkit::Entity)> {
        let vp = app.find("items").unwrap();
        tree::children(app.world(), vp)
            .into_iter()
            .filter_map(|c| {
                let n = app.world().get::<&tenfoot_toolkit::Name>(c).ok()?.0.clone();
                n.strip_prefix("item-").and_then(|i| i.parse().ok()).map(|i| (i, c))
            })
            .collect()
    }

    fn focused_index(app: &App) -> usize {
        let p = app.focus_path().unwrap();
        p.rsplit("item-").next().unwrap().parse().unwrap()
    }

    #[test]
    fn ten_thousand_items_keep_the_entity_count_bounded() {
        let mut app = start(rail("Big", 10_000, item).item_width(200.0).item_gap(40.0));
        // 1920 px wide, 240 px per item: at most 9 items are (partly) in view at any offset,
        // plus a margin of 2 on each side. Each item is two entities (its slot and the item).
        let (visible, margin) = (9, 2);
        let first: Vec<usize> = items(&app).iter().map(|i| i.0).collect();
        assert_eq!(first, (0..=9).collect::<Vec<_>>(), "8 in view at the start, 2 beyond; none before item 0");
        let fixed = app.world().len() as usize - 2 * first.len();
        for step in 1..=300 {
            app.press(RemoteKey::Right);
            assert_eq!(focused_index(&app), step);
            let mounted = items(&app);
            assert!(mounted.len() <= visible + 2 * margin, "step {step}: {} items mounted", mounted.len());
            assert!(
                app.world().len() as usize <= fixed + 2 * (visible + 2 * margin),
                "step {step}: {} entities",
                app.world().len()
            );
        }
        // Scrolled far along: the window follows the focus.
        let idx: Vec<usize> = items(&app).iter().map(|i| i.0).collect();
        assert!(idx.contains(&300) && idx.contains(&302) && !idx.contains(&290), "{idx:?}");
        let vp = app.find("items").unwrap();
        let off = app.world().get::<&tenfoot_toolkit::Scroll>(vp).unwrap().offset;
        assert!(off > 290.0 * 240.0, "offset {off}");
    }

    #[test]
    fn moving_focus_by_one_touches_only_the_two_items_whose_focus_changed() {
        let mut app = start(rail("Touch", 10_000, item).item_width(200.0).item_gap(40.0));
        app.press_keys("Right Right Right Right Right Right").unwrap();
        app.frame(Duration::from_secs(2), &[]);
        type Snap = Vec<(usize, tenfoot_toolkit::Entity, Visual, ComputedLayout)>;
        let snap = |app: &App| -> Snap {
            items(app)
                .into_iter()
                .map(|(i, e)| {
                    let child = tree::children(app.world(), e)[0];
                    let v = (*app.world().get::<&Visual>(child).unwrap()).clone();
                    let l = *app.world().get::<&ComputedLayout>(e).unwrap();
                    (i, e, v, l)
                })
                .collect()
        };
        let before = snap(&app);
        assert_eq!(focused_index(&app), 6);
        app.press(RemoteKey::Right);
        let after = snap(&app);
        assert_eq!(focused_index(&app), 7);
        let mut changed = Vec::new();
        for (i, e, v, l) in &after {
            match before.iter().find(|b| b.0 == *i) {
                Some((_, be, bv, bl)) => {
                    assert_eq!(be, e, "item {i} kept its entity");
                    assert_eq!(bl, l, "item {i} kept its layout");
                    if bv != v {
                        changed.push(*i);
                    }
                }
                // The window slid by one: exactly one new item at the far edge.
                None => assert_eq!(*i, before.iter().map(|b| b.0).max().unwrap() + 1, "mounted at the edge"),
            }
        }
        assert_eq!(changed, vec![6, 7], "only the blurred and the focused item changed");
        let gone: Vec<usize> = before.iter().map(|b| b.0).filter(|i| after.iter().all(|a| a.0 != *i)).collect();
        assert!(gone.len() <= 1 && gone.iter().all(|g| *g < 6), "at most one item left at the near edge: {gone:?}");
    }

    #[test]
    fn returning_to_the_rail_restores_its_last_focused_item() {
        let mut app = start(
            column()
                .child(rail("A", 50, item).item_width(200.0).item_gap(40.0).name("a"))
                .child(rail("B", 50, item).item_width(200.0).item_gap(40.0).name("b")),
        );
        app.press_keys("Right Right Right Right Down").unwrap();
        assert!(app.focus_path().unwrap().starts_with("root/#0/b/"), "{:?}", app.focus_path());
        app.press_keys("Up").unwrap();
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/a/items/item-4"));
    }

    #[test]
    fn rtl_rail_starts_at_the_right_and_mirrors_the_arrows() {
        let mut app = start(rail("RTL", 100, item).item_width(200.0).item_gap(40.0).rtl(true));
        let first = app.find("item-0").and_then(|e| app.rect(e)).unwrap();
        assert_eq!(first.right(), 1920.0 - 120.0, "item 0 hugs the right inset");
        app.press_keys("Left Left").unwrap();
        assert_eq!(focused_index(&app), 2, "Left goes forward in RTL");
        app.press_keys("Right").unwrap();
        assert_eq!(focused_index(&app), 1);
        for _ in 0..10 {
            app.press(RemoteKey::Left);
        }
        assert_eq!(focused_index(&app), 11);
        let r = app.find("item-11").and_then(|e| app.screen_rect(e)).unwrap();
        assert!(r.x >= 0.0 && r.right() <= 1920.0, "the focused item is scrolled into view: {r:?}");
    }

    #[test]
    fn data_rail_rebuilds_only_changed_items_and_selects_by_index() {
        let mut app = App::headless();
        let data = app.signal(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]);
        let picked = app.signal(None::<usize>);
        app.set_root(
            rail_of("Data", data, |s: &String, _| El::new().name(s.clone()).size(200.0, 100.0))
                .item_width(200.0)
                .item_gap(40.0)
                .on_select(move |ctx, i| picked.set(ctx, Some(i))),
        );
        app.frame(Duration::ZERO, &[]);
        let (a, b) = (app.find("item-0").unwrap(), app.find("item-1").unwrap());
        data.update(&mut app, |v| v[1] = "B".to_owned());
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(app.find("item-0"), Some(a), "unchanged item kept");
        assert_ne!(app.find("item-1"), Some(b), "changed item rebuilt");
        assert!(app.find("B").is_some());
        app.press_keys("Right Select").unwrap();
        assert_eq!(picked.get(&app), Some(1));
        data.set(&mut app, vec![]);
        app.frame(Duration::from_millis(32), &[]);
        assert!(items(&app).is_empty());
    }
}
