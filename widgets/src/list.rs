//! List / Menu: a vertical list of focusable rows (an optional icon, a label, an optional value
//! on the right, an optional chevron), scrolling to keep the focused row in view, with a
//! selected row marked by an accent bar. Up/Down move; Select marks the row selected (when the
//! list has a selected-index signal) and runs the list's `on_select`.
//!
//! Focus flips the row's colours (light fill, dark text) and lifts it slightly. The list is a
//! focus scope with memory. Everything follows the app's theme.

use std::rc::Rc;

use tenfoot_renderer::Corners;
use tenfoot_toolkit::{Align, Direction, El, EventCtx, FocusScope, Insets, Scroll, ScrollPolicy, Signal, Visual};

use crate::image::image;
use crate::text::{caption, text};
use crate::theme::{focus_flip, theme, themed, Theme};

/// One row of a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListItem {
    pub label: String,
    /// An image drawn before the label (a 32 px square).
    pub icon: Option<String>,
    /// Secondary text at the right ("English", "On").
    pub value: Option<String>,
    /// A "›" at the right: the row opens something.
    pub chevron: bool,
}

/// A row labelled `label`.
pub fn list_item(label: impl Into<String>) -> ListItem {
    ListItem { label: label.into(), ..ListItem::default() }
}

impl ListItem {
    pub fn icon(mut self, source: impl Into<String>) -> Self {
        self.icon = Some(source.into());
        self
    }
    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = Some(v.into());
        self
    }
    pub fn chevron(mut self) -> Self {
        self.chevron = true;
        self
    }
}

/// Runs with a row's index on Select.
type OnSelect = Rc<dyn Fn(&mut EventCtx<'_>, usize)>;

/// Builder for a list.
pub struct ListBuilder {
    items: Vec<ListItem>,
    selected: Option<Signal<usize>>,
    select: Option<OnSelect>,
    width: f32,
    height: Option<f32>,
    name: Option<String>,
}

impl std::fmt::Debug for ListBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListBuilder").field("items", &self.items).finish_non_exhaustive()
    }
}

/// A list of `items`.
pub fn list(items: impl IntoIterator<Item = ListItem>) -> ListBuilder {
    ListBuilder {
        items: items.into_iter().collect(),
        selected: None,
        select: None,
        width: 720.0,
        height: None,
        name: None,
    }
}

impl ListBuilder {
    /// The selected row's index: marked with an accent bar, set by Select.
    pub fn selected(mut self, index: Signal<usize>) -> Self {
        self.selected = Some(index);
        self
    }
    /// Runs with the row's index when Select is pressed on it.
    pub fn on_select(mut self, f: impl Fn(&mut EventCtx<'_>, usize) + 'static) -> Self {
        self.select = Some(Rc::new(f));
        self
    }
    /// Width in logical px (default 720).
    pub fn width(mut self, w: f32) -> Self {
        self.width = w;
        self
    }
    /// The visible height; longer lists scroll. Default: as tall as the rows.
    pub fn height(mut self, h: f32) -> Self {
        self.height = Some(h);
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Row height and the resting row look.
const ROW_HEIGHT: f32 = 72.0;

fn row_visual(t: &Theme) -> Visual {
    Visual { radii: Corners::all(t.radius.small), ..Visual::default() }
}

fn row(i: usize, item: ListItem, selected: Option<Signal<usize>>, select: Option<OnSelect>) -> El {
    let el = El::new()
        .name(format!("row-{i}"))
        .direction(Direction::Row)
        .align_items(Align::Center)
        .height(ROW_HEIGHT)
        .shrink(0.0)
        .gap(20.0)
        .padding_xy(28.0, 0.0);
    let mut el = themed(el, |t, l| {
        l.visual = row_visual(t);
        l.focus = Some(focus_flip(t, &row_visual(t), 1.02));
    })
    .focusable()
    .on_select(move |ctx| {
        if let Some(s) = selected {
            s.set_if_changed(ctx, i);
        }
        if let Some(f) = &select {
            f(ctx, i);
        }
    });
    // The selected marker: an accent bar at the start edge.
    if let Some(s) = selected {
        el = el.child(
            El::new().name("marker").inset(Insets::AUTO.left(6.0).top(18.0)).size(6.0, ROW_HEIGHT - 36.0).bind_visual(
                move |app, v| {
                    v.background = Some(theme(app).accent);
                    v.radii = Corners::all(3.0);
                    v.opacity = if s.get(app) == i { 1.0 } else { 0.0 };
                },
            ),
        );
    }
    if let Some(icon) = item.icon {
        el = el.child(image(icon).name("icon").size(32.0, 32.0).shrink(0.0).radius(6.0));
    }
    el = el.child(text(item.label).name("label").grow(1.0).single_line());
    if let Some(v) = item.value {
        el = el.child(caption(v).name("value").single_line());
    }
    if item.chevron {
        el = el.child(themed(El::new().text("›").name("chevron").font_size(40.0).line_height(1.0), |t, l| {
            if let Some(c) = &mut l.text {
                c.color = t.text_muted;
            }
        }));
    }
    el
}

impl From<ListBuilder> for El {
    fn from(b: ListBuilder) -> El {
        let mut el = themed(
            El::new()
                .name(b.name.unwrap_or_else(|| "list".to_owned()))
                .direction(Direction::Column)
                .width(b.width)
                .gap(6.0)
                .padding(12.0),
            |t, l| {
                l.visual.background = Some(t.surface);
                l.visual.radii = Corners::all(t.radius.medium);
            },
        )
        .focus_scope(FocusScope::remembered())
        .scroll(Scroll::vertical(ScrollPolicy::KeepInView { margin: ROW_HEIGHT }));
        if let Some(h) = b.height {
            el = el.height(h);
        }
        for (i, item) in b.items.into_iter().enumerate() {
            el = el.child(row(i, item, b.selected, b.select.clone()));
        }
        el
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tenfoot_toolkit::App;
    use tenfoot_toolkit::{RemoteKey, TextContent};

    #[test]
    fn select_marks_the_row_and_focus_flips_its_colours() {
        let mut app = App::headless();
        let sel = app.signal(0usize);
        let opened = app.signal(None::<usize>);
        app.set_root(
            list((0..3).map(|i| list_item(format!("Row {i}")).value("x").chevron()))
                .selected(sel)
                .on_select(move |ctx, i| opened.set(ctx, Some(i))),
        );
        app.frame(Duration::ZERO, &[]);
        app.press_keys("Down Down Select").unwrap();
        assert_eq!((sel.get(&app), opened.get(&app)), (2, Some(2)));
        let row2 = app.find("row-2").unwrap();
        let label = crate::tree_find(&app, row2, "label");
        assert_eq!(app.world().get::<&TextContent>(label).unwrap().color, Theme::dark().background);
        app.press(RemoteKey::Up);
        assert_eq!(app.world().get::<&TextContent>(label).unwrap().color, Theme::dark().text, "restored on blur");
    }

    #[test]
    fn long_lists_scroll_to_the_focused_row() {
        let mut app = App::headless();
        app.set_root(list((0..30).map(|i| list_item(format!("Row {i}")))).height(500.0));
        app.frame(Duration::ZERO, &[]);
        for _ in 0..20 {
            app.press(RemoteKey::Down);
        }
        assert_eq!(app.focus_path().as_deref(), Some("root/list/row-20"));
        let r = app.find("row-20").and_then(|e| app.screen_rect(e)).unwrap();
        assert!(r.y >= 0.0 && r.bottom() <= 500.0, "{r:?}");
    }
}
