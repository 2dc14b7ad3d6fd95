//! Grid: a vertical, virtualized grid of focusable items in a fixed number of columns (a
//! "see all" page, search results).
//!
//! Rows are the unit of virtualization: only the rows in view plus a margin (2 above and 2
//! below by default) exist as entities, and spacers keep the scroll geometry whole (see
//! `virtual_track.rs`). Up and Down move by row, Left and Right within one; by default the grid
//! scrolls vertically to keep the focused row in the middle (so the rows around it are seen
//! evenly, and the first and last rows stay at the edges) and glides there. It is a focus scope with
//! memory, so coming back restores the last focused cell. `.rtl(true)` mirrors the columns.

use std::rc::Rc;

use tenfoot_toolkit::{El, EventCtx, FocusScope, ScrollAxis, ScrollPolicy, Signal};

use crate::virtual_track::{virtual_track, BuildItem, Count, Data, Geometry, ItemState, SelectItem};

/// Marks a grid's root element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    pub columns: usize,
}

type MakeTrack = Box<dyn FnOnce(El, Geometry, Option<Signal<usize>>, Option<SelectItem>, f32) -> El>;

/// Builder for a grid.
pub struct GridBuilder {
    make: MakeTrack,
    geo: Geometry,
    col_gap: Option<f32>,
    focused_index: Option<Signal<usize>>,
    select: Option<SelectItem>,
    name: Option<String>,
}

impl std::fmt::Debug for GridBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GridBuilder").field("geometry", &self.geo).finish_non_exhaustive()
    }
}

/// Item size of a grid unless [`GridBuilder::item_size`] says otherwise.
pub const GRID_ITEM_SIZE: (f32, f32) = (240.0, 420.0);
/// Space between a grid's items unless [`GridBuilder::item_gap`] says otherwise.
pub const GRID_ITEM_GAP: f32 = 24.0;

fn geometry(columns: usize) -> Geometry {
    Geometry {
        axis: ScrollAxis::Vertical,
        rtl: false,
        per_line: columns.max(1),
        extent: GRID_ITEM_SIZE.1,
        gap: GRID_ITEM_GAP,
        lead: 24.0,
        view: 720.0,
        margin: 2,
        policy: ScrollPolicy::Centre,
        cross: Some(GRID_ITEM_SIZE.0),
    }
}

/// A grid of `count` items in `columns` columns, built by `build_item`; size them with
/// [`item_size`](GridBuilder::item_size) and [`item_gap`](GridBuilder::item_gap):
/// `grid(1_000, 6, tile).item_size(200.0, 372.0).item_gap(40.0)`. Only the visible rows plus
/// a margin are ever built.
pub fn grid(count: usize, columns: usize, build_item: impl Fn(&ItemState) -> El + 'static) -> GridBuilder {
    let build: BuildItem<usize> = Rc::new(move |_: &usize, s: &ItemState| build_item(s));
    GridBuilder::new(
        geometry(columns),
        Box::new(move |vp, geo, fi, select, cg| virtual_track(vp, geo, Count(count), fi, build, select, cg)),
    )
}

/// A grid over the items of `items` (rows whose items changed are rebuilt, the rest kept).
pub fn grid_of<T: Clone + PartialEq + 'static>(
    items: Signal<Vec<T>>,
    columns: usize,
    build_item: impl Fn(&T, &ItemState) -> El + 'static,
) -> GridBuilder {
    let build: BuildItem<T> = Rc::new(build_item);
    GridBuilder::new(
        geometry(columns),
        Box::new(move |vp, geo, fi, select, cg| virtual_track(vp, geo, Data(items), fi, build, select, cg)),
    )
}

impl GridBuilder {
    fn new(geo: Geometry, make: MakeTrack) -> Self {
        Self { make, geo, col_gap: None, focused_index: None, select: None, name: None }
    }

    /// Each item's width and height (default [`GRID_ITEM_SIZE`]).
    pub fn item_size(mut self, width: f32, height: f32) -> Self {
        self.geo.cross = Some(width);
        self.geo.extent = height;
        self
    }
    /// Space between rows, and between columns unless [`column_gap`](Self::column_gap) is
    /// set (default [`GRID_ITEM_GAP`]).
    pub fn item_gap(mut self, gap: f32) -> Self {
        self.geo.gap = gap;
        self
    }

    /// The visible height (default 720; the grid is exactly this tall).
    pub fn height(mut self, h: f32) -> Self {
        self.geo.view = h;
        self
    }
    /// Space between columns (default: the row gap).
    pub fn column_gap(mut self, gap: f32) -> Self {
        self.col_gap = Some(gap);
        self
    }
    /// Mirrored columns: the first item of each row at the right.
    pub fn rtl(mut self, rtl: bool) -> Self {
        self.geo.rtl = rtl;
        self
    }
    /// Rows mounted beyond the visible ones, above and below (default 2, at least 1).
    pub fn margin(mut self, rows: usize) -> Self {
        self.geo.margin = rows.max(1);
        self
    }
    pub fn policy(mut self, policy: ScrollPolicy) -> Self {
        self.geo.policy = policy;
        self
    }
    /// A signal the grid writes with the focused item's index.
    pub fn focused_index(mut self, index: Signal<usize>) -> Self {
        self.focused_index = Some(index);
        self
    }
    /// Runs with the item's index when Select is pressed on it.
    pub fn on_select(mut self, f: impl Fn(&mut EventCtx<'_>, usize) + 'static) -> Self {
        self.select = Some(Rc::new(f));
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl From<GridBuilder> for El {
    fn from(b: GridBuilder) -> El {
        let geo = b.geo;
        let col_gap = b.col_gap.unwrap_or(geo.gap);
        let cols = geo.per_line as f32;
        let cell = geo.cross.unwrap_or(0.0);
        // Side room for the focused cell's scale-up and ring, which the viewport would clip.
        let side = 32.0;
        let width = cols * cell + (cols - 1.0).max(0.0) * col_gap + 2.0 * side;
        // The grid's content box holds the rows; its logical-rtl flag only mirrors each row
        // (vertical tracks never reverse), which `virtual_track` does per row.
        let viewport = El::new()
            .name(b.name.unwrap_or_else(|| "grid".to_owned()))
            .with(Grid { columns: geo.per_line })
            .size(width, geo.view)
            .padding_xy(side, 0.0)
            .focus_scope(FocusScope::remembered());
        (b.make)(viewport, geo, b.focused_index, b.select, col_gap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tenfoot_renderer::Color;
    use tenfoot_toolkit::App;
    use tenfoot_toolkit::{tree, RemoteKey};

    fn cell(s: &ItemState) -> El {
        let f = s.focused;
        El::new().height(150.0).background(Color::hex(0x333333)).bind_visual(move |app, v| {
            v.border = f.get(app).then_some((4.0, Color::WHITE));
        })
    }

    fn focused(app: &App) -> usize {
        app.focus_path().unwrap().rsplit("item-").next().unwrap().parse().unwrap()
    }

    fn mounted_rows(app: &App) -> Vec<String> {
        let g = app.find("grid").unwrap();
        tree::children(app.world(), g)
            .into_iter()
            .filter_map(|c| app.world().get::<&tenfoot_toolkit::Name>(c).ok().map(|n| n.0.clone()))
            .filter(|n| n.starts_with("row-"))
            .collect()
    }

    #[test]
    fn arrows_move_by_cell_and_row_and_rows_stay_bounded() {
        let mut app = App::headless();
        app.set_root(grid(5_000, 5, cell).item_size(200.0, 150.0).item_gap(30.0).height(700.0));
        app.frame(Duration::ZERO, &[]);
        assert_eq!(focused(&app), 0);
        app.press_keys("Right Right Down").unwrap();
        assert_eq!(focused(&app), 7);
        // 700 px / 180 px per row: at most 5 rows in view, plus 2 above and 2 below.
        for step in 0..100 {
            app.press(RemoteKey::Down);
            assert_eq!(focused(&app), 7 + 5 * (step + 1));
            assert!(mounted_rows(&app).len() <= 5 + 4, "{:?}", mounted_rows(&app));
        }
        let r = app.find("item-507").and_then(|e| app.screen_rect(e)).unwrap();
        let g = app.find("grid").and_then(|e| app.rect(e)).unwrap();
        assert!(r.y >= g.y && r.bottom() <= g.bottom(), "focused cell in view: {r:?} in {g:?}");
        app.press_keys("Up Left").unwrap();
        assert_eq!(focused(&app), 501);
    }

    #[test]
    fn the_last_row_may_be_partial() {
        let mut app = App::headless();
        app.set_root(grid(7, 5, cell).item_size(200.0, 150.0).item_gap(30.0));
        app.frame(Duration::ZERO, &[]);
        app.press_keys("Right Right Right Down").unwrap();
        assert_eq!(focused(&app), 6, "Down from column 3 goes to the nearest cell of the short row");
        assert!(app.find("item-7").is_none());
    }
}
