//! NavBar / Tabs: the app's main menu. A top bar of tabs with the selected one underlined in
//! the accent colour, or a side rail of icons that expands (its width animates, labels fade
//! in) while focus is inside it and collapses when focus leaves.
//!
//! Select on an item writes the selected-index signal and runs `on_select`. Focus flips the
//! item's colours. The bar is a focus scope: coming back to it lands on the item focused last.

use std::cell::Cell;
use std::rc::Rc;

use tenfoot_renderer::{Corners, FontWeight};
use tenfoot_toolkit::{pct, Align, App, Direction, El, EnterPolicy, EventCtx, FocusScope, Insets, Signal, Visual};

use crate::text::text;
use crate::theme::{theme, themed, Theme};

/// The side rail's widths, collapsed and expanded.
pub const SIDE_COLLAPSED: f32 = 112.0;
pub const SIDE_EXPANDED: f32 = 360.0;

/// Marks a nav bar's root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavBar {
    pub selected: Signal<usize>,
    pub side: bool,
}

type OnSelect = Rc<dyn Fn(&mut EventCtx<'_>, usize)>;

/// Builder for a nav bar.
pub struct NavBarBuilder {
    items: Vec<String>,
    selected: Signal<usize>,
    side: bool,
    select: Option<OnSelect>,
    name: Option<String>,
    /// The items' element names (default `nav-{index}`).
    names: Vec<String>,
}

impl std::fmt::Debug for NavBarBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NavBarBuilder").field("items", &self.items).field("side", &self.side).finish_non_exhaustive()
    }
}

/// A top tab bar of `items`; `selected` holds the selected tab's index.
pub fn nav_bar<S: Into<String>>(items: impl IntoIterator<Item = S>, selected: Signal<usize>) -> NavBarBuilder {
    NavBarBuilder {
        items: items.into_iter().map(Into::into).collect(),
        selected,
        side: false,
        select: None,
        name: None,
        names: Vec::new(),
    }
}

impl NavBarBuilder {
    /// The side variant: a collapsed column of icons that expands while focused.
    pub fn side(mut self) -> Self {
        self.side = true;
        self
    }
    /// Runs with the item's index when Select is pressed on it (after `selected` is written).
    pub fn on_select(mut self, f: impl Fn(&mut EventCtx<'_>, usize) + 'static) -> Self {
        self.select = Some(Rc::new(f));
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Names the items, in order (`["nav-home", "nav-search"]`); items without a name here
    /// are `nav-{index}`. Focus paths and tests read better with names that say what they are.
    pub fn item_names<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.names = names.into_iter().map(Into::into).collect();
        self
    }
}

fn item_name(names: &[String], i: usize) -> String {
    names.get(i).cloned().unwrap_or_else(|| format!("nav-{i}"))
}

fn chip_visual(t: &Theme) -> Visual {
    Visual { radii: Corners::all(t.radius.small), ..Visual::default() }
}

/// The focused item: raised, ringed and larger. The label keeps its colour (selected or
/// not), which a binding owns: a focus text colour would be restored over a selection made
/// while focused.
fn chip_focus(t: &Theme) -> tenfoot_toolkit::FocusStyle {
    tenfoot_toolkit::FocusStyle {
        visual: Some(Visual {
            background: Some(t.surface_raised),
            border: Some((t.focus_ring_width * 0.75, t.focus_ring)),
            transform: tenfoot_renderer::Transform::scale(1.05, 1.05),
            ..chip_visual(t)
        }),
        text_color: None,
    }
}

/// One item: focusable, selects on Select, its label muted unless selected; `icon` goes before
/// the label, `label_fx` adds to the label.
fn item(
    i: usize,
    name: String,
    label: &str,
    selected: Signal<usize>,
    select: Option<OnSelect>,
    icon: Option<El>,
    label_fx: impl FnOnce(El) -> El,
) -> El {
    let chip = El::new().name(name).direction(Direction::Row).align_items(Align::Center).shrink(0.0);
    themed(chip, |t, l| {
        l.visual = chip_visual(t);
        l.focus = Some(chip_focus(t));
    })
    .focusable()
    // Readers say "selected"; the bar is entered on the selected item.
    .bind_semantics(move |app, s| s.selected = selected.get(app) == i)
    .on_select(move |ctx| {
        selected.set_if_changed(ctx, i);
        if let Some(f) = &select {
            f(ctx, i);
        }
    })
    .children(icon)
    .child(label_fx(
        text(label.to_owned()).name("label").single_line().weight(FontWeight::SEMIBOLD).bind_text_content(
            move |app, t| {
                let th = theme(app);
                t.color = if selected.get(app) == i { th.text } else { th.text_muted };
            },
        ),
    ))
}

fn top(b: NavBarBuilder) -> El {
    let mut bar = El::new().direction(Direction::Row).gap(12.0).align_items(Align::Center);
    for (i, label) in b.items.iter().enumerate() {
        let sel = b.selected;
        let underline = El::new()
            .name("underline")
            .inset(Insets::AUTO.left(24.0).right(24.0).bottom(2.0))
            .height(4.0)
            .transition("opacity 150ms ease-out")
            .bind_visual(move |app, v| {
                v.background = Some(theme(app).accent);
                v.radii = Corners::all(2.0);
                v.opacity = if sel.get(app) == i { 1.0 } else { 0.0 };
            });
        bar = bar.child(
            item(i, item_name(&b.names, i), label, b.selected, b.select.clone(), None, |l| l)
                .padding_xy(24.0, 14.0)
                .child(underline),
        );
    }
    bar
}

fn side(b: NavBarBuilder) -> El {
    // The "expanded" signal is created at mount (builders have no app); handlers share it.
    let expanded: Rc<Cell<Option<Signal<bool>>>> = Rc::new(Cell::new(None));
    let set = |cell: Rc<Cell<Option<Signal<bool>>>>, on: bool| {
        move |ctx: &mut tenfoot_toolkit::EventCtx<'_>| {
            if let Some(s) = cell.get() {
                s.set_if_changed(ctx, on);
            }
        }
    };
    // Bindings run children first, so whichever runs first creates the signal (owned by that
    // element, which lives exactly as long as the bar).
    let read = |cell: &Rc<Cell<Option<Signal<bool>>>>, app: &mut App, owner: tenfoot_toolkit::Entity| {
        let s = match cell.get() {
            Some(s) => s,
            None => {
                let s = app.signal_owned(owner, false);
                cell.set(Some(s));
                s
            }
        };
        s.get(app)
    };
    let mut bar = El::new().direction(Direction::Column).height(pct(100.0)).gap(12.0).padding_xy(20.0, 48.0);
    let c1 = expanded.clone();
    bar = themed(bar, |t, l| {
        l.visual.background = Some(t.surface);
        l.visual.clip = true;
    })
    .width(SIDE_COLLAPSED)
    .bind(move |app, e| {
        // An explicit tween, not a `width` transition: the transition compares the new width
        // with the style's resting value, so collapsing mid-expansion (back to that value)
        // would not retarget the running expansion.
        let w = if read(&c1, app, e) { SIDE_EXPANDED } else { SIDE_COLLAPSED };
        let tween = tenfoot_toolkit::Tween::ms(220).ease(tenfoot_toolkit::Easing::EaseOut);
        let _ = app.animate(e, tenfoot_toolkit::AnimProp::Width, w, tween);
    });
    for (i, label) in b.items.iter().enumerate() {
        let sel = b.selected;
        let initial: String = label.chars().next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
        let icon = El::new()
            .name("icon")
            .size(48.0, 48.0)
            .shrink(0.0)
            .center()
            .bind_visual(move |app, v| {
                let t = theme(app);
                v.background = Some(if sel.get(app) == i { t.accent } else { t.surface_raised });
                v.radii = Corners::all(24.0);
            })
            .child(text(initial).weight(FontWeight::BOLD).bind_text_content(move |app, t| {
                let th = theme(app);
                t.color = if sel.get(app) == i { th.on_accent } else { th.text };
            }));
        let c2 = expanded.clone();
        let fade = move |l: El| {
            // Explicit tweens, like the width (see there).
            l.opacity(0.0).bind(move |app, e| {
                let o = if read(&c2, app, e) { 1.0f32 } else { 0.0 };
                let tween = tenfoot_toolkit::Tween::ms(200).ease(tenfoot_toolkit::Easing::EaseOut);
                let _ = app.animate(e, tenfoot_toolkit::AnimProp::Opacity, o, tween);
            })
        };
        let it = item(i, item_name(&b.names, i), label, b.selected, b.select.clone(), Some(icon), fade)
            .gap(20.0)
            .padding(12.0)
            .width(SIDE_EXPANDED - 40.0)
            .on_focus(set(expanded.clone(), true))
            .on_blur(set(expanded.clone(), false));
        bar = bar.child(it);
    }
    bar
}

impl From<NavBarBuilder> for El {
    fn from(b: NavBarBuilder) -> El {
        let marker = NavBar { selected: b.selected, side: b.side };
        let name = b.name.clone().unwrap_or_else(|| "nav".to_owned());
        let el = if b.side { side(b) } else { top(b) };
        // Entered on the selected item (Down from a tab bar and back lands on the current
        // tab), else on the one focused last.
        el.name(name).with(marker).focus_scope(FocusScope::remembered().with_enter(EnterPolicy::Selected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::{column, row};
    use std::time::Duration;
    use tenfoot_toolkit::{RemoteKey, TextContent};

    #[test]
    fn top_bar_selects_and_underlines() {
        let mut app = App::headless();
        let sel = app.signal(0usize);
        app.set_root(column().child(nav_bar(["Home", "Films", "Series"], sel)));
        app.frame(Duration::ZERO, &[]);
        app.press_keys("Right Right Select").unwrap();
        assert_eq!(sel.get(&app), 2);
        app.frame(Duration::from_secs(1), &[]);
        let underline = |i: usize| {
            let item = app.find(&format!("nav-{i}")).unwrap();
            let u = crate::tree_find(&app, item, "underline");
            app.world().get::<&Visual>(u).unwrap().opacity
        };
        assert_eq!((underline(0), underline(2)), (0.0, 1.0));
        let label = crate::tree_find(&app, app.find("nav-1").unwrap(), "label");
        assert_eq!(app.world().get::<&TextContent>(label).unwrap().color, Theme::dark().text_muted);
    }

    #[test]
    fn side_bar_expands_while_focused_and_collapses_after() {
        let mut app = App::headless();
        let sel = app.signal(0usize);
        let content = El::new().name("content").size(300.0, 300.0).focusable();
        app.set_root(row().size(1920.0, 1080.0).child(nav_bar(["Home", "Search"], sel).side()).child(content));
        app.frame(Duration::ZERO, &[]);
        let width = |app: &App| app.rect(app.find("nav").unwrap()).unwrap().width;
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/nav/nav-0"));
        // Leaving at once, before the expansion ended, collapses it too.
        app.frame(Duration::from_millis(150), &[]);
        app.press(RemoteKey::Right);
        app.frame(Duration::from_millis(900), &[]);
        assert_eq!(width(&app), SIDE_COLLAPSED);
        app.press(RemoteKey::Left);
        app.frame(Duration::from_secs(2), &[]);
        assert_eq!(width(&app), SIDE_EXPANDED);
        app.press(RemoteKey::Right);
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/content"));
        app.frame(Duration::from_millis(2100), &[]);
        let mid = width(&app);
        assert!(mid < SIDE_EXPANDED && mid > SIDE_COLLAPSED, "animating: {mid}");
        app.frame(Duration::from_secs(3), &[]);
        assert_eq!(width(&app), SIDE_COLLAPSED);
        app.press(RemoteKey::Left);
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/nav/nav-0"), "remembered");
    }
}
