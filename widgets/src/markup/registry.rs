//! The registry: every widget and property the markup knows, one table row each.
//!
//! A widget row names the builder function, what its positional argument is, whether it takes
//! children, and the few properties only it understands (a button's `primary`). A property row
//! names its value syntax and a setter over [`El`]. To teach the markup a new widget or
//! property, add a row here and a line to `docs/markup.md`; the loader, the suggestions for
//! typos and the docs test all read these tables.

use std::rc::Rc;
use std::time::Duration;

use tenfoot_renderer::{FontWeight, ImageFit, TextAlign};
use tenfoot_toolkit::{
    Align, App, Direction, El, EnterPolicy, Entity, FocusScope, Justify, Length, NavDirection, Position, Scroll,
    ScrollPolicy, Signal,
};

use super::parse::{Raw, Val};
use super::runtime::{Slot, StateMap};
use super::values::{self as v, ValueError};
use crate::button::{button, ButtonLook};
use crate::theme::Theme;
use crate::{
    checkbox, grid, hero, icon, keyboard, list, list_item, modal, nav_bar, progress_bar, rail, seek_bar, skeleton,
    skeleton_line, spinner, text_input, tile, toast, toggle, Icon, ToastKind,
};

/// What a widget is, which decides the properties that apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// A layout box (container, row, column).
    Box,
    /// A text element: text properties apply.
    Text,
    /// An image element: image properties apply.
    Image,
    /// A control with its own look (button): box and visual properties apply.
    Control,
}

/// Which widgets a property applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    Any,
    Text,
    Image,
}

impl Applies {
    pub fn to(self, c: Content) -> bool {
        match self {
            Applies::Any => true,
            Applies::Text => c == Content::Text,
            Applies::Image => c == Content::Image,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Applies::Any => "every widget",
            Applies::Text => "text widgets (text, heading, caption)",
            Applies::Image => "image",
        }
    }
}

/// A property only one widget reads, given to its `build` function.
#[derive(Clone, Copy, Debug)]
pub struct OwnProp {
    pub name: &'static str,
    pub value: &'static str,
    pub doc: &'static str,
}

/// Runs an element's actions (with the element, when there is one).
pub type RunFn = Rc<dyn Fn(&mut App, Option<Entity>)>;

/// Builds a rail's or grid's item `index`, given its focus signal.
pub type ItemFn = Rc<dyn Fn(usize, Signal<bool>) -> El>;

/// Runs a rail's or grid's `on-select` for the item at an index.
pub type SelectFn = Rc<dyn Fn(&mut App, usize)>;

/// A rail's or grid's items, built as they scroll into view.
#[derive(Clone)]
pub struct Lazy {
    pub count: usize,
    pub build: ItemFn,
    /// The widget's `on-select`, run for the selected item.
    pub select: Option<SelectFn>,
}

/// A widget's own child node (a list's `item`, a modal's `action`).
#[derive(Clone)]
pub struct Part {
    pub name: String,
    pub label: String,
    pub props: Vec<(String, Val)>,
    pub run: Option<RunFn>,
}

impl Part {
    fn get(&self, name: &str) -> Option<&Val> {
        self.props.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// Properties a part node takes.
pub const PART_PROPS: &[&str] = &["value", "icon", "chevron", "primary", "initial"];

/// Everything a widget's build function gets.
pub struct WidgetCx<'a> {
    pub theme: &'a Theme,
    /// The positional argument (null when the widget takes none).
    pub arg: &'a Val,
    pub own: &'a [(&'static str, &'a Val)],
    /// The screen state, in a running app.
    pub state: Option<&'a StateMap>,
    /// In a rail or grid item: the item's focus.
    pub item_focus: Option<Signal<bool>>,
    /// The built children; a widget that places them itself takes them (the rest are added
    /// as children of what it returns).
    pub kids: Vec<El>,
    pub parts: Vec<Part>,
    pub lazy: Option<Lazy>,
}

type BuildError = (Option<usize>, ValueError);

impl WidgetCx<'_> {
    fn own(&self, name: &str) -> Option<(usize, &Val)> {
        self.own.iter().enumerate().find(|(_, (n, _))| *n == name).map(|(i, (_, v))| (i, *v))
    }

    fn num(&self, name: &str, default: f32) -> Result<f32, BuildError> {
        match self.own(name) {
            Some((i, v)) => v::number(v, self.theme).map_err(|e| (Some(i), e)),
            None => Ok(default),
        }
    }

    fn flag(&self, name: &str) -> Result<bool, BuildError> {
        match self.own(name) {
            Some((i, v)) => v::boolean(v, self.theme).map_err(|e| (Some(i), e)),
            None => Ok(false),
        }
    }

    fn text(&self, name: &str) -> Result<Option<String>, BuildError> {
        match self.own(name) {
            Some((i, v)) => string(v).map(Some).map_err(|e| (Some(i), e)),
            None => Ok(None),
        }
    }

    /// The state field named by own property `name` (`value=autoplay`).
    fn slot(&self, name: &str, required: bool) -> Result<Option<(usize, Slot)>, BuildError> {
        let Some((i, v)) = self.own(name) else {
            return if required {
                Err((
                    None,
                    ValueError::whole(format!("this widget needs {name}=FIELD, a field of the screen state"))
                        .hint("declare the field at the top of the screen: state { autoplay #true }"),
                ))
            } else {
                Ok(None)
            };
        };
        let field = string(v).map_err(|e| (Some(i), e))?;
        let Some(state) = self.state else {
            return Err((
                Some(i),
                ValueError::whole("screen state is only available in a running app")
                    .hint("open the screen with tenfoot-preview, or load it with markup::start"),
            ));
        };
        match state.get(&field) {
            Some(s) => Ok(Some((i, *s))),
            None => {
                let hint = match super::diag::nearest(&field, state.keys().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("declare it at the top of the screen: state {{ {field} ... }}"),
                };
                Err((Some(i), ValueError::whole(format!("the screen state has no field `{field}`")).hint(hint)))
            }
        }
    }

    fn bool_slot(&self, name: &str) -> Result<Signal<bool>, BuildError> {
        match self.slot(name, true)? {
            Some((_, Slot::Bool(s))) => Ok(s),
            Some((i, other)) => Err((
                Some(i),
                ValueError::whole(format!("this field holds {}; a switch needs #true or #false", other.kind())),
            )),
            None => Err((None, ValueError::whole("missing field"))),
        }
    }

    fn text_slot(&self, name: &str) -> Result<Signal<String>, BuildError> {
        match self.slot(name, true)? {
            Some((_, Slot::Text(s))) => Ok(s),
            Some((i, other)) => Err((
                Some(i),
                ValueError::whole(format!("this field holds {}; text entry needs text (\"\")", other.kind())),
            )),
            None => Err((None, ValueError::whole("missing field"))),
        }
    }

    fn index_slot(&self, name: &str) -> Result<Option<Signal<usize>>, BuildError> {
        match self.slot(name, false)? {
            Some((_, Slot::Index(s))) => Ok(Some(s)),
            Some((i, other)) => Err((
                Some(i),
                ValueError::whole(format!("this field holds {}; a selection needs a whole number", other.kind())),
            )),
            None => Ok(None),
        }
    }

    fn label(&self) -> Result<String, BuildError> {
        arg_text(self.arg)
    }
}

/// Builds a widget. An error names the own property at that index, or the argument (`None`).
pub type BuildFn = fn(&mut WidgetCx<'_>) -> Result<El, BuildError>;

/// One widget.
#[derive(Clone, Copy)]
pub struct WidgetSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub content: Content,
    /// What the positional argument is (`"the text"`), or `None` when the widget takes none.
    pub arg: Option<&'static str>,
    pub children: bool,
    /// Child nodes that are parts of this widget, not widgets (`item`, `action`).
    pub parts: &'static [&'static str],
    /// The widget shows a label of its own (a toggle's text), for the missing-label warning.
    pub labelled: bool,
    pub own: &'static [OwnProp],
    pub build: BuildFn,
}

impl std::fmt::Debug for WidgetSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetSpec").field("name", &self.name).finish_non_exhaustive()
    }
}

/// Applies a property's value to an element.
pub type ApplyFn = fn(El, &Val, &Theme) -> Result<El, ValueError>;

/// One property.
#[derive(Clone, Copy)]
pub struct PropSpec {
    pub name: &'static str,
    /// The value syntax, for docs and errors (`length`, `colour`...).
    pub value: &'static str,
    pub doc: &'static str,
    pub applies: Applies,
    pub apply: ApplyFn,
}

impl std::fmt::Debug for PropSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PropSpec").field("name", &self.name).finish_non_exhaustive()
    }
}

fn arg_text(arg: &Val) -> Result<String, BuildError> {
    match &arg.raw {
        Raw::Str(s) => Ok(s.clone()),
        Raw::Int(i) => Ok(i.to_string()),
        Raw::Float(f) => Ok(f.to_string()),
        other => Err((None, ValueError::whole(format!("expected a string, found {}", other.kind())))),
    }
}

fn build_text(theme: &Theme, arg: &Val, size: f32) -> Result<El, BuildError> {
    Ok(El::new().text(arg_text(arg)?).font_size(size).color(theme.text))
}

const BUTTON_LOOKS: &[(&str, ButtonLook)] = &[
    ("normal", ButtonLook::Normal),
    ("focused", ButtonLook::Focused),
    ("pressed", ButtonLook::Pressed),
    ("disabled", ButtonLook::Disabled),
];

const TOASTS: &[(&str, ToastKind)] =
    &[("info", ToastKind::Info), ("success", ToastKind::Success), ("error", ToastKind::Error)];

/// Property names the markup does not use, mostly CSS's, with tenfoot's name for them.
pub const CSS_ALIASES: &[(&str, &str)] = &[
    ("justify-content", "justify"),
    ("flex-grow", "grow"),
    ("flex-shrink", "shrink"),
    ("flex-direction", "direction"),
    ("flex-wrap", "wrap"),
    ("flex", "grow"),
    ("background-color", "background"),
    ("border-radius", "radius"),
    ("box-shadow", "shadow"),
    ("font-weight", "weight"),
    ("text-color", "color"),
    ("colour", "color"),
    ("overflow-clip", "overflow"),
    ("display", "hidden"),
    ("flex-basis", "basis"),
    ("z-index", "order"),
    ("visibility", "hidden"),
    ("tabindex", "focusable"),
    ("autofocus", "initial-focus"),
    ("onclick", "on-select"),
    ("on-click", "on-select"),
    ("onfocus", "on-focus"),
    ("transform", "scale"),
    ("div", "container"),
    ("span", "text"),
    ("p", "text"),
    ("h1", "heading"),
    ("img", "image"),
    ("hstack", "row"),
    ("vstack", "column"),
    ("input", "text-input"),
    ("switch", "toggle"),
    ("carousel", "rail"),
    ("dialog-box", "modal"),
    ("card", "tile"),
    ("progress-bar", "progress"),
];

/// CSS value words and tenfoot's names for them.
pub const CSS_VALUES: &[(&str, &str)] = &[
    ("flex-start", "start"),
    ("flex-end", "end"),
    ("left", "start"),
    ("right", "end"),
    ("top", "start"),
    ("bottom", "end"),
    ("middle", "center"),
    ("centre", "center"),
];

/// tenfoot's name for a CSS property or HTML element, when `name` is one.
pub fn css_alias(name: &str) -> Option<&'static str> {
    CSS_ALIASES.iter().find(|(css, _)| *css == name).map(|(_, ours)| *ours)
}

/// Properties holding actions.
pub const ACTION_PROPS: &[&str] = &["on-select", "on-focus", "on-back", "on-change"];

/// The actions, with how each is written.
pub const ACTIONS: &[(&str, &str)] = &[
    ("go", "go FILE.kdl"),
    ("back", "back"),
    ("open", "open DIALOG"),
    ("close", "close"),
    ("set", "set FIELD VALUE"),
    ("toggle", "toggle FIELD"),
    ("request", "request TOPIC KEY [name=value ...]"),
];

/// Properties a state look (`focused { ... }`) may change.
pub const LOOK_PROPS: &[&str] = &["background", "gradient", "border", "radius", "shadow", "opacity", "scale", "color"];

fn tile_el(cx: &mut WidgetCx<'_>) -> Result<El, BuildError> {
    let mut t = tile(cx.label()?, cx.text("title")?.unwrap_or_default()).width(cx.num("poster-width", 240.0)?);
    // Empty (`progress="{item.progress?}"` on an item without it): no bar.
    if let Some((i, v)) = cx.own("progress").filter(|(_, v)| !matches!(&v.raw, Raw::Str(s) if s.trim().is_empty())) {
        t = t.progress(v::unit(v, cx.theme).map_err(|e| (Some(i), e))?);
    }
    if let Some(b) = cx.text("badge")? {
        t = t.badge(b);
    }
    // In a rail or grid the item slot has focus and the tile's focus looks follow it; on its
    // own the tile takes focus itself.
    Ok(match cx.item_focus {
        Some(_) => t.into(),
        None => El::from(t).focusable(),
    })
}

fn labels(cx: &WidgetCx<'_>) -> Result<Vec<String>, BuildError> {
    let (i, v) =
        cx.own("items").ok_or_else(|| (None, ValueError::whole("this widget needs items=\"First, Second, Third\"")))?;
    let s = string(v).map_err(|e| (Some(i), e))?;
    let items: Vec<String> = s.split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect();
    if items.is_empty() {
        return Err((Some(i), ValueError::whole("items lists labels separated by commas")));
    }
    Ok(items)
}

/// Tabs and the nav bar: entries from `items="A, B"`, or `item "A" on-select=...` parts
/// (each entry's own actions run after `selected` is written).
fn nav(cx: &mut WidgetCx<'_>, side: bool) -> Result<El, BuildError> {
    let parts = std::mem::take(&mut cx.parts);
    let items = if parts.is_empty() {
        labels(cx)?
    } else if let Some((i, _)) = cx.own("items") {
        return Err((Some(i), ValueError::whole("write the entries once: items=\"...\" or `item` children")));
    } else {
        parts.iter().map(|p| p.label.clone()).collect()
    };
    let Some(sel) = cx.index_slot("selected")? else {
        return Err((
            None,
            ValueError::whole("this widget needs selected=FIELD, a whole-number field of the screen state")
                .hint("declare it at the top of the screen: state { tab 0 }"),
        ));
    };
    let mut b = nav_bar(items, sel);
    if side || cx.flag("side")? {
        b = b.side();
    }
    let runs: Vec<Option<RunFn>> = parts.into_iter().map(|p| p.run).collect();
    if runs.iter().any(Option::is_some) {
        b = b.on_select(move |ctx, i| {
            if let Some(Some(run)) = runs.get(i) {
                let (run, target) = (run.clone(), ctx.target());
                ctx.defer(move |app| run(app, Some(target)));
            }
        });
    }
    Ok(b.into())
}

/// Every widget, in documentation order.
pub const WIDGETS: &[WidgetSpec] = &[
    WidgetSpec {
        name: "container",
        doc: "a box; children stack in a column",
        content: Content::Box,
        arg: None,
        children: true,
        parts: &[],
        labelled: false,
        own: &[],
        build: |_| Ok(crate::container()),
    },
    WidgetSpec {
        name: "row",
        doc: "children side by side, left to right",
        content: Content::Box,
        arg: None,
        children: true,
        parts: &[],
        labelled: false,
        own: &[],
        build: |_| Ok(crate::row()),
    },
    WidgetSpec {
        name: "column",
        doc: "children top to bottom",
        content: Content::Box,
        arg: None,
        children: true,
        parts: &[],
        labelled: false,
        own: &[],
        build: |_| Ok(crate::column()),
    },
    WidgetSpec {
        name: "text",
        doc: "body text ($font-body, $text)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[],
        build: |cx| build_text(cx.theme, cx.arg, cx.theme.type_scale.body),
    },
    WidgetSpec {
        name: "heading",
        doc: "bold title text ($font-title, $text)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[],
        build: |cx| Ok(build_text(cx.theme, cx.arg, cx.theme.type_scale.title)?.weight(FontWeight::BOLD)),
    },
    WidgetSpec {
        name: "caption",
        doc: "secondary text ($font-caption, $text-muted)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[],
        build: |cx| Ok(build_text(cx.theme, cx.arg, cx.theme.type_scale.caption)?.color(cx.theme.text_muted)),
    },
    WidgetSpec {
        name: "image",
        doc: "an asset image, fit cover; give it a size",
        content: Content::Image,
        arg: Some("the asset path, such as \"posters/poster-00.png\""),
        children: true,
        parts: &[],
        labelled: false,
        own: &[],
        build: |cx| Ok(crate::image(arg_text(cx.arg)?)),
    },
    WidgetSpec {
        name: "button",
        doc: "a labelled button in the theme's colours",
        content: Content::Control,
        arg: Some("the label"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "primary", value: "bool", doc: "the accent-coloured call to action" },
            OwnProp { name: "look", value: "normal|focused|pressed|disabled", doc: "the state drawn" },
        ],
        build: |cx| {
            let mut b = button(cx.label()?).theme(cx.theme.clone());
            if cx.flag("primary")? {
                b = b.primary();
            }
            if let Some((i, val)) = cx.own("look") {
                b = b.look(v::one_of(val, BUTTON_LOOKS).map_err(|e| (Some(i), e))?);
            }
            Ok(b.into())
        },
    },
    WidgetSpec {
        name: "tile",
        doc: "a poster card: rounded 2:3 poster, title under it, focus look (scale, ring, shadow)",
        content: Content::Control,
        arg: Some("the poster's asset path"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "title", value: "string", doc: "the title under the poster" },
            OwnProp {
                name: "poster-width",
                value: "number",
                doc: "poster width (height is 1.5 times it); default 240",
            },
            OwnProp {
                name: "progress",
                value: "0..1",
                doc: "watch progress, a bar along the poster's bottom (empty: none)",
            },
            OwnProp { name: "badge", value: "string", doc: "a short label in the top-left corner (NEW, 4K)" },
        ],
        build: tile_el,
    },
    WidgetSpec {
        name: "rail",
        doc: "a titled, virtualized row of items over a data list; Left/Right move, memory on return",
        content: Content::Control,
        arg: Some("the title"),
        children: true,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "items", value: "data path", doc: "the list repeated, such as \"rail.items\"" },
            OwnProp { name: "as", value: "name", doc: "the item's name in the body (default item)" },
            OwnProp { name: "item-width", value: "number", doc: "width of one item (default 240)" },
            OwnProp { name: "item-gap", value: "number", doc: "space between items (default 24)" },
            OwnProp { name: "inset", value: "number", doc: "space before the first item (default 120)" },
            OwnProp { name: "rail-width", value: "number", doc: "the rail's width (default 1920)" },
        ],
        build: |cx| {
            let lazy = cx.lazy.take().ok_or((None, ValueError::whole("a rail needs items")))?;
            let build = lazy.build.clone();
            let mut r = rail(cx.label()?, lazy.count, move |s| build(s.index, s.focused))
                .item_width(cx.num("item-width", 240.0)?)
                .item_gap(cx.num("item-gap", 24.0)?);
            if cx.own("inset").is_some() {
                r = r.inset(cx.num("inset", 120.0)?);
            }
            if cx.own("rail-width").is_some() {
                r = r.width(cx.num("rail-width", 1920.0)?);
            }
            if let Some(f) = lazy.select {
                r = r.on_select(move |app, i| f(app, i));
            }
            Ok(r.into())
        },
    },
    WidgetSpec {
        name: "grid",
        doc: "a virtualized grid of items over a data list, in columns; arrows move in 2D",
        content: Content::Control,
        arg: None,
        children: true,
        parts: &[],
        labelled: false,
        own: &[
            OwnProp { name: "items", value: "data path", doc: "the list repeated" },
            OwnProp { name: "as", value: "name", doc: "the item's name in the body (default item)" },
            OwnProp { name: "columns", value: "whole number", doc: "items per row (default 5)" },
            OwnProp { name: "item-width", value: "number", doc: "width of one item (default 240)" },
            OwnProp { name: "item-height", value: "number", doc: "height of one item (default 420)" },
            OwnProp { name: "item-gap", value: "number", doc: "space between items (default 24)" },
            OwnProp { name: "grid-height", value: "number", doc: "the visible height (default 1080)" },
        ],
        build: |cx| {
            let lazy = cx.lazy.take().ok_or((None, ValueError::whole("a grid needs items")))?;
            let build = lazy.build.clone();
            let columns = match cx.own("columns") {
                Some((i, val)) => v::count(val, cx.theme).map_err(|e| (Some(i), e))?.max(1) as usize,
                None => 5,
            };
            let size = (cx.num("item-width", 240.0)?, cx.num("item-height", 420.0)?);
            let mut g = grid(lazy.count, columns, move |s| build(s.index, s.focused))
                .item_size(size.0, size.1)
                .item_gap(cx.num("item-gap", 24.0)?);
            if cx.own("grid-height").is_some() {
                g = g.height(cx.num("grid-height", 1080.0)?);
            }
            if let Some(f) = lazy.select {
                g = g.on_select(move |app, i| f(app, i));
            }
            Ok(g.into())
        },
    },
    WidgetSpec {
        name: "hero",
        doc: "a full-width backdrop with title, meta line, synopsis and buttons (its children)",
        content: Content::Control,
        arg: Some("the backdrop's asset path"),
        children: true,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "title", value: "string", doc: "the big title" },
            OwnProp { name: "meta", value: "string", doc: "the line under it (year, genres)" },
            OwnProp { name: "synopsis", value: "string", doc: "two lines of synopsis" },
            OwnProp { name: "hero-height", value: "number", doc: "height (default 640)" },
        ],
        build: |cx| {
            let mut h = hero(cx.label()?, cx.text("title")?.unwrap_or_default());
            if let Some(m) = cx.text("meta")? {
                h = h.meta(m);
            }
            if let Some(s) = cx.text("synopsis")? {
                h = h.synopsis(s);
            }
            if cx.own("hero-height").is_some() {
                h = h.height(cx.num("hero-height", 640.0)?);
            }
            for k in std::mem::take(&mut cx.kids) {
                h = h.button(k);
            }
            Ok(h.into())
        },
    },
    WidgetSpec {
        name: "tabs",
        doc: "top tabs bound to a whole-number state field: items=\"Home, Movies\" selected=tab",
        content: Content::Control,
        arg: None,
        children: false,
        parts: &["item"],
        labelled: true,
        own: &[
            OwnProp {
                name: "items",
                value: "labels",
                doc: "the tab labels, separated by commas (or `item \"Label\" on-select=...` children)",
            },
            OwnProp { name: "selected", value: "state field", doc: "the selected tab's index" },
        ],
        build: |cx| nav(cx, false),
    },
    WidgetSpec {
        name: "nav-bar",
        doc: "the app's navigation: top tabs, or with side=#true the expanding side menu",
        content: Content::Control,
        arg: None,
        children: false,
        parts: &["item"],
        labelled: true,
        own: &[
            OwnProp {
                name: "items",
                value: "labels",
                doc: "the entries, separated by commas (or `item \"Label\" on-select=...` children)",
            },
            OwnProp { name: "selected", value: "state field", doc: "the selected entry's index" },
            OwnProp { name: "side", value: "bool", doc: "a side menu instead of top tabs" },
        ],
        build: |cx| nav(cx, false),
    },
    WidgetSpec {
        name: "modal",
        doc: "a dialog in a focus trap: title, message and `action` buttons (each closes it)",
        content: Content::Control,
        arg: Some("the title"),
        children: false,
        parts: &["action"],
        labelled: true,
        own: &[
            OwnProp { name: "message", value: "string", doc: "the body text" },
            OwnProp { name: "dialog-width", value: "number", doc: "panel width (default 880)" },
        ],
        build: |cx| {
            let mut m = modal(cx.label()?);
            if let Some(msg) = cx.text("message")? {
                m = m.message(msg);
            }
            if cx.own("dialog-width").is_some() {
                m = m.width(cx.num("dialog-width", 880.0)?);
            }
            for (i, p) in std::mem::take(&mut cx.parts).into_iter().enumerate() {
                let primary = matches!(p.get("primary").map(|v| &v.raw), Some(Raw::Bool(true)));
                if matches!(p.get("initial").map(|v| &v.raw), Some(Raw::Bool(true))) {
                    m = m.initial_action(i);
                }
                m = match (p.run, primary) {
                    (Some(run), true) => m.primary_action(p.label, move |app| run(app, None)),
                    (Some(run), false) => m.action(p.label, move |app| run(app, None)),
                    (None, true) => m.primary_action(p.label, |_| {}),
                    (None, false) => m.dismiss(p.label),
                };
            }
            Ok(m.into())
        },
    },
    WidgetSpec {
        name: "toggle",
        doc: "a labelled on/off switch bound to a state field: toggle \"Autoplay\" value=autoplay",
        content: Content::Control,
        arg: Some("the label"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[OwnProp { name: "value", value: "state field", doc: "the #true/#false field it switches" }],
        build: |cx| Ok(toggle(cx.label()?, cx.bool_slot("value")?)),
    },
    WidgetSpec {
        name: "checkbox",
        doc: "a labelled check box bound to a state field",
        content: Content::Control,
        arg: Some("the label"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[OwnProp { name: "value", value: "state field", doc: "the #true/#false field it checks" }],
        build: |cx| Ok(checkbox(cx.label()?, cx.bool_slot("value")?)),
    },
    WidgetSpec {
        name: "list",
        doc: "menu rows (`item \"Label\" value=\"On\" chevron=#true`), Up/Down move",
        content: Content::Control,
        arg: None,
        children: false,
        parts: &["item"],
        labelled: true,
        own: &[
            OwnProp { name: "selected", value: "state field", doc: "a whole-number field the list writes on Select" },
            OwnProp { name: "list-width", value: "number", doc: "row width (default 880)" },
            OwnProp { name: "list-height", value: "number", doc: "visible height; longer lists scroll" },
        ],
        build: |cx| {
            let parts = std::mem::take(&mut cx.parts);
            let mut items = Vec::new();
            for p in &parts {
                let mut it = list_item(p.label.clone());
                if let Some(Val { raw: Raw::Str(s), .. }) = p.get("value") {
                    it = it.value(s.clone());
                }
                if let Some(Val { raw: Raw::Str(s), .. }) = p.get("icon") {
                    it = it.icon(s.clone());
                }
                if matches!(p.get("chevron").map(|v| &v.raw), Some(Raw::Bool(true))) {
                    it = it.chevron();
                }
                items.push(it);
            }
            let runs: Vec<Option<RunFn>> = parts.into_iter().map(|p| p.run).collect();
            let mut l = list(items);
            if let Some(sel) = cx.index_slot("selected")? {
                l = l.selected(sel);
            }
            if cx.own("list-width").is_some() {
                l = l.width(cx.num("list-width", 880.0)?);
            }
            if cx.own("list-height").is_some() {
                l = l.height(cx.num("list-height", 600.0)?);
            }
            if runs.iter().any(Option::is_some) {
                l = l.on_select(move |app, i| {
                    if let Some(Some(run)) = runs.get(i) {
                        run(app, None);
                    }
                });
            }
            Ok(l.into())
        },
    },
    WidgetSpec {
        name: "text-input",
        doc: "a text field bound to a text state field; Select edits it",
        content: Content::Control,
        arg: None,
        children: false,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "value", value: "state field", doc: "the text field it edits" },
            OwnProp { name: "placeholder", value: "string", doc: "shown while empty" },
            OwnProp { name: "max-length", value: "whole number", doc: "at most this many characters" },
            OwnProp { name: "secure", value: "bool", doc: "shows dots (passwords)" },
            OwnProp { name: "field-width", value: "number", doc: "width (default 720)" },
        ],
        build: |cx| {
            let mut t = text_input(cx.text_slot("value")?);
            if let Some(p) = cx.text("placeholder")? {
                t = t.placeholder(p);
            }
            if let Some((i, val)) = cx.own("max-length") {
                t = t.max_len(v::count(val, cx.theme).map_err(|e| (Some(i), e))? as usize);
            }
            if cx.flag("secure")? {
                t = t.secure();
            }
            if cx.own("field-width").is_some() {
                t = t.width(cx.num("field-width", 720.0)?);
            }
            Ok(t.focusable().into())
        },
    },
    WidgetSpec {
        name: "keyboard",
        doc: "the on-screen keyboard typing into a text state field",
        content: Content::Control,
        arg: None,
        children: false,
        parts: &[],
        labelled: true,
        own: &[
            OwnProp { name: "value", value: "state field", doc: "the text field it types into" },
            OwnProp { name: "columns", value: "whole number", doc: "keys per row (default 10)" },
            OwnProp { name: "initial-key", value: "bool", doc: "focus starts on its first key" },
        ],
        build: |cx| {
            let mut k = keyboard(cx.text_slot("value")?);
            if let Some((i, val)) = cx.own("columns") {
                k = k.columns(v::count(val, cx.theme).map_err(|e| (Some(i), e))? as usize);
            }
            if cx.flag("initial-key")? {
                k = k.initial_focus();
            }
            Ok(k.into())
        },
    },
    WidgetSpec {
        name: "progress",
        doc: "a progress bar: progress value=0.4",
        content: Content::Box,
        arg: None,
        children: false,
        parts: &[],
        labelled: false,
        own: &[OwnProp { name: "value", value: "0..1", doc: "how far along" }],
        build: |cx| {
            let val = match cx.own("value") {
                Some((i, val)) => v::unit(val, cx.theme).map_err(|e| (Some(i), e))?,
                None => 0.0,
            };
            Ok(progress_bar(val))
        },
    },
    WidgetSpec {
        name: "seek-bar",
        doc: "a player's seek bar with times: seek-bar position=754 duration=5400 (seconds)",
        content: Content::Box,
        arg: None,
        children: false,
        parts: &[],
        labelled: false,
        own: &[
            OwnProp { name: "position", value: "seconds", doc: "where playback is" },
            OwnProp { name: "duration", value: "seconds", doc: "the length" },
        ],
        build: |cx| {
            let secs = |x: f32| Duration::from_secs_f32(x.max(0.0));
            Ok(seek_bar(secs(cx.num("position", 0.0)?), secs(cx.num("duration", 0.0)?)))
        },
    },
    WidgetSpec {
        name: "spinner",
        doc: "the loading spinner",
        content: Content::Box,
        arg: None,
        children: false,
        parts: &[],
        labelled: false,
        own: &[OwnProp { name: "size", value: "number", doc: "diameter (default 64)" }],
        build: |cx| Ok(spinner(cx.num("size", 64.0)?)),
    },
    WidgetSpec {
        name: "icon",
        doc: "a vector icon from the bundled set in a square: icon \"play\" size=48 (names: docs/markup.md)",
        content: Content::Text,
        arg: Some("the icon's name"),
        children: false,
        parts: &[],
        labelled: false,
        own: &[OwnProp { name: "size", value: "number", doc: "the square's side (default 32)" }],
        build: |cx| {
            let name = cx.label()?;
            let Some(i) = Icon::parse(&name) else {
                let names = Icon::ALL.iter().map(|i| i.name());
                let hint = match super::diag::nearest(&name, names) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("one of: {}", Icon::ALL.iter().map(|i| i.name()).collect::<Vec<_>>().join(", ")),
                };
                return Err((None, ValueError::whole(format!("there is no icon named `{name}`")).hint(hint)));
            };
            Ok(icon(i, cx.num("size", 32.0)?))
        },
    },
    WidgetSpec {
        name: "toast",
        doc: "a short message card: toast \"Saved\" kind=success",
        content: Content::Control,
        arg: Some("the message"),
        children: false,
        parts: &[],
        labelled: true,
        own: &[OwnProp { name: "kind", value: "info|success|error", doc: "its colour" }],
        build: |cx| {
            let kind = match cx.own("kind") {
                Some((i, val)) => v::one_of(val, TOASTS).map_err(|e| (Some(i), e))?,
                None => ToastKind::Info,
            };
            Ok(toast(cx.label()?, kind))
        },
    },
    WidgetSpec {
        name: "skeleton",
        doc: "a shimmering placeholder box while content loads",
        content: Content::Box,
        arg: None,
        children: false,
        parts: &[],
        labelled: false,
        own: &[
            OwnProp { name: "box-width", value: "number", doc: "width (default 240)" },
            OwnProp { name: "box-height", value: "number", doc: "height (default 360)" },
        ],
        build: |cx| Ok(skeleton(cx.num("box-width", 240.0)?, cx.num("box-height", 360.0)?)),
    },
    WidgetSpec {
        name: "skeleton-line",
        doc: "a shimmering placeholder line of text",
        content: Content::Box,
        arg: None,
        children: false,
        parts: &[],
        labelled: false,
        own: &[
            OwnProp { name: "line-width", value: "number", doc: "width (default 400)" },
            OwnProp { name: "text-size", value: "number", doc: "the size of the text it stands for (default 26)" },
        ],
        build: |cx| Ok(skeleton_line(cx.num("line-width", 400.0)?, cx.num("text-size", 26.0)?)),
    },
];

/// The structural node that repeats its children over a data list (see `bind.rs`).
pub const FOR_EACH: &str = "for-each";

fn string(val: &Val) -> Result<String, ValueError> {
    match &val.raw {
        Raw::Str(s) => Ok(s.clone()),
        Raw::Int(i) => Ok(i.to_string()),
        other => Err(ValueError::whole(format!("expected a string, found {}", other.kind()))),
    }
}

const ALIGN: &[(&str, Align)] =
    &[("start", Align::Start), ("center", Align::Center), ("end", Align::End), ("stretch", Align::Stretch)];
const JUSTIFY: &[(&str, Justify)] = &[
    ("start", Justify::Start),
    ("center", Justify::Center),
    ("end", Justify::End),
    ("space-between", Justify::SpaceBetween),
    ("space-around", Justify::SpaceAround),
    ("space-evenly", Justify::SpaceEvenly),
];
const WEIGHTS: &[(&str, FontWeight)] = &[
    ("regular", FontWeight::REGULAR),
    ("medium", FontWeight(500)),
    ("semibold", FontWeight::SEMIBOLD),
    ("bold", FontWeight::BOLD),
];
const TEXT_ALIGN: &[(&str, TextAlign)] =
    &[("start", TextAlign::Start), ("center", TextAlign::Center), ("end", TextAlign::End)];
const FIT: &[(&str, ImageFit)] =
    &[("cover", ImageFit::Cover), ("contain", ImageFit::Contain), ("fill", ImageFit::Fill)];

fn inset(el: El, val: &Val, t: &Theme, edge: usize) -> Result<El, ValueError> {
    let l = v::length(val, t)?;
    Ok(el.style(|s| {
        s.position = Position::Absolute;
        s.inset[edge] = Some(l);
    }))
}

fn set_length(el: El, val: &Val, t: &Theme, f: fn(&mut tenfoot_toolkit::Style, Length)) -> Result<El, ValueError> {
    let l = v::length(val, t)?;
    Ok(el.style(|s| f(s, l)))
}

macro_rules! prop {
    ($name:literal, $value:literal, $applies:ident, $doc:literal, $apply:expr) => {
        PropSpec { name: $name, value: $value, doc: $doc, applies: Applies::$applies, apply: $apply }
    };
}

/// Every property, in documentation order.
pub const PROPS: &[PropSpec] = &[
    // --- structure
    prop!("name", "string", Any, "names the element (tests, focus paths, hot reload)", |el, val, _| Ok(
        el.name(string(val)?)
    )),
    // --- layout
    prop!("direction", "row|column", Any, "main axis of the children", |el, val, _| Ok(
        el.direction(v::one_of(val, &[("row", Direction::Row), ("column", Direction::Column)])?)
    )),
    prop!("gap", "number", Any, "space between children", |el, val, t| Ok(el.gap(v::number(val, t)?))),
    prop!(
        "padding",
        "edges",
        Any,
        "inner space: all, \"vertical horizontal\" or \"top right bottom left\"",
        |el, val, t| Ok(el.padding_edges(v::edges(val, t)?))
    ),
    prop!("margin", "edges", Any, "outer space, like padding", |el, val, t| Ok(el.margin_edges(v::edges(val, t)?))),
    prop!("width", "length", Any, "width", |el, val, t| set_length(el, val, t, |s, l| s.width = l)),
    prop!("height", "length", Any, "height", |el, val, t| set_length(el, val, t, |s, l| s.height = l)),
    prop!("min-width", "length", Any, "smallest width", |el, val, t| set_length(el, val, t, |s, l| s.min_width = l)),
    prop!("max-width", "length", Any, "largest width", |el, val, t| set_length(el, val, t, |s, l| s.max_width = l)),
    prop!("min-height", "length", Any, "smallest height", |el, val, t| set_length(el, val, t, |s, l| s.min_height = l)),
    prop!("max-height", "length", Any, "largest height", |el, val, t| set_length(el, val, t, |s, l| s.max_height = l)),
    prop!("aspect-ratio", "number", Any, "width / height", |el, val, t| {
        let r = v::number(val, t)?;
        if r <= 0.0 {
            return Err(ValueError::whole("an aspect ratio must be above 0"));
        }
        Ok(el.aspect_ratio(r))
    }),
    prop!("grow", "number", Any, "share of free space taken (flex-grow)", |el, val, t| Ok(el.grow(v::number(val, t)?))),
    prop!("shrink", "number", Any, "share of overflow given up (flex-shrink)", |el, val, t| Ok(
        el.shrink(v::number(val, t)?)
    )),
    prop!("wrap", "bool", Any, "children wrap onto more lines", |el, val, t| Ok(if v::boolean(val, t)? {
        el.wrap()
    } else {
        el
    })),
    prop!("align-items", "start|center|end|stretch", Any, "cross-axis alignment of children", |el, val, _| Ok(
        el.align_items(v::one_of(val, ALIGN)?)
    )),
    prop!("align-self", "start|center|end|stretch", Any, "cross-axis alignment of this element", |el, val, _| Ok(
        el.align_self(v::one_of(val, ALIGN)?)
    )),
    prop!(
        "justify",
        "start|center|end|space-between|space-around|space-evenly",
        Any,
        "main-axis distribution of children",
        |el, val, _| Ok(el.justify(v::one_of(val, JUSTIFY)?))
    ),
    prop!(
        "align-content",
        "start|center|end|space-between|space-around|space-evenly",
        Any,
        "how wrapped lines share the cross axis (with wrap=#true)",
        |el, val, _| {
            let j = v::one_of(val, JUSTIFY)?;
            Ok(el.style(|s| s.align_content = Some(j)))
        }
    ),
    prop!("basis", "length", Any, "main-axis size before growing and shrinking (flex-basis)", |el, val, t| {
        set_length(el, val, t, |s, l| s.basis = l)
    }),
    prop!(
        "order",
        "whole number",
        Any,
        "lays this child out before (lower) or after (higher) its siblings",
        |el, val, _| {
            match val.raw {
                Raw::Int(i) if i32::try_from(i).is_ok() => Ok(el),
                _ => Err(ValueError::whole("order is a whole number, such as -1 or 2")),
            }
        }
    ),
    prop!(
        "overflow",
        "visible|clip",
        Any,
        "clip children to the box (clip), or let them show (visible)",
        |el, val, _| { Ok(if v::one_of(val, &[("visible", false), ("clip", true)])? { el.clip() } else { el }) }
    ),
    prop!(
        "scroll",
        "vertical|horizontal",
        Any,
        "the element scrolls its children to keep the focused one in view (a page of rails)",
        |el, val, _| {
            let axis = v::one_of(val, &[("vertical", true), ("horizontal", false)])?;
            let policy = ScrollPolicy::KeepInView { margin: 120.0 };
            Ok(el.scroll(if axis { Scroll::vertical(policy) } else { Scroll::horizontal(policy) }))
        }
    ),
    prop!("center", "bool", Any, "centres children on both axes", |el, val, t| Ok(if v::boolean(val, t)? {
        el.center()
    } else {
        el
    })),
    prop!("left", "length", Any, "absolute position: offset from the parent's left", |el, val, t| inset(el, val, t, 0)),
    prop!("right", "length", Any, "absolute position: offset from the right", |el, val, t| inset(el, val, t, 1)),
    prop!("top", "length", Any, "absolute position: offset from the top", |el, val, t| inset(el, val, t, 2)),
    prop!("bottom", "length", Any, "absolute position: offset from the bottom", |el, val, t| inset(el, val, t, 3)),
    prop!("rtl", "bool", Any, "rows lay out right to left", |el, val, t| Ok(el.rtl(v::boolean(val, t)?))),
    prop!("hidden", "bool", Any, "not laid out or drawn", |el, val, t| Ok(el.hidden(v::boolean(val, t)?))),
    // --- visual
    prop!("background", "colour", Any, "fill colour", |el, val, t| Ok(el.background(v::color(val, t)?))),
    prop!("gradient", "gradient", Any, "linear gradient: \"angle, colour [pos%], colour [pos%]...\"", |el, val, t| {
        let (angle, stops) = v::gradient(val, t)?;
        Ok(el.gradient(angle, &stops))
    }),
    prop!("radius", "radii", Any, "corner radius: one, or four (tl tr br bl)", |el, val, t| Ok(
        el.radii(v::corners(val, t)?)
    )),
    prop!("border", "\"width colour\"", Any, "border inside the box", |el, val, t| {
        let (w, c) = v::border(val, t)?;
        Ok(el.border(w, c))
    }),
    prop!("shadow", "\"dx dy blur colour\"", Any, "drop shadow", |el, val, t| {
        let (dx, dy, blur, c) = v::shadow(val, t)?;
        Ok(el.shadow(tenfoot_toolkit::Shadow { x: dx, y: dy, blur, color: c, ..tenfoot_toolkit::Shadow::NONE }))
    }),
    prop!("opacity", "0..1", Any, "opacity of the element and its subtree", |el, val, t| Ok(
        el.opacity(v::unit(val, t)?)
    )),
    prop!("scale", "number", Any, "scale about the centre, after layout (0 to 10)", |el, val, t| {
        let s = v::number(val, t)?;
        if !(0.0..=10.0).contains(&s) {
            return Err(ValueError::whole(format!("a scale goes from 0 to 10, found {s}")));
        }
        // The per-axis scale, not the matrix: it is what `transition="transform ..."` animates.
        Ok(el.visual(|v| v.scale = tenfoot_renderer::Point::new(s, s)))
    }),
    prop!("clip", "bool", Any, "clip children to the rounded box", |el, val, t| Ok(if v::boolean(val, t)? {
        el.clip()
    } else {
        el
    })),
    // --- focus and motion
    prop!("focusable", "bool", Any, "the element takes focus (buttons always do)", |el, val, t| Ok(
        if v::boolean(val, t)? { el.focusable() } else { el }
    )),
    prop!("disabled", "bool", Any, "skipped by navigation; its `disabled` look applies", |el, val, t| Ok(
        el.disabled(v::boolean(val, t)?)
    )),
    prop!("initial-focus", "bool", Any, "focus starts here when the screen is shown", |el, val, t| Ok(
        if v::boolean(val, t)? { el.initial_focus() } else { el }
    )),
    prop!(
        "focus-scope",
        "remembered|first|nearest|selected|trap|wrap|wrap-horizontal|wrap-vertical|trap-wrap",
        Any,
        "a focus scope: enter policy (memory, first, nearest, the selected choice), a modal trap, wrap-around on both or one axis",
        |el, val, _| {
            let scope = v::one_of(
                val,
                &[
                    ("remembered", FocusScope::remembered()),
                    ("first", FocusScope::remembered().with_enter(EnterPolicy::First)),
                    ("nearest", FocusScope::remembered().with_enter(EnterPolicy::Nearest)),
                    ("selected", FocusScope::remembered().with_enter(EnterPolicy::Selected)),
                    ("trap", FocusScope::trap()),
                    ("wrap", FocusScope::remembered().wrap(true, true)),
                    ("wrap-horizontal", FocusScope::remembered().wrap(true, false)),
                    ("wrap-vertical", FocusScope::remembered().wrap(false, true)),
                    ("trap-wrap", FocusScope::trap().wrap(true, true)),
                ],
            )?;
            Ok(el.focus_scope(scope))
        }
    ),
    prop!("nav-left", "name", Any, "Left from here goes to the element with this name", |el, val, _| Ok(
        el.focus_override(NavDirection::Left, string(val)?)
    )),
    prop!("nav-right", "name", Any, "Right from here goes to the element with this name", |el, val, _| Ok(
        el.focus_override(NavDirection::Right, string(val)?)
    )),
    prop!("nav-up", "name", Any, "Up from here goes to the element with this name", |el, val, _| Ok(
        el.focus_override(NavDirection::Up, string(val)?)
    )),
    prop!("nav-down", "name", Any, "Down from here goes to the element with this name", |el, val, _| Ok(
        el.focus_override(NavDirection::Down, string(val)?)
    )),
    prop!(
        "transition",
        "string",
        Any,
        "declarative transitions, e.g. \"opacity 200ms ease-out, transform spring\"",
        |el, val, _| {
            let spec = string(val)?;
            tenfoot_toolkit::Transition::parse(&spec).map_err(|e| ValueError::whole(e.to_string()))?;
            Ok(el.transition(&spec))
        }
    ),
    // --- text
    prop!("font-size", "number", Text, "type size in logical px", |el, val, t| Ok(el.font_size(v::number(val, t)?))),
    prop!("weight", "regular|medium|semibold|bold", Text, "font weight", |el, val, _| Ok(
        el.weight(v::one_of(val, WEIGHTS)?)
    )),
    prop!("color", "colour", Text, "text colour", |el, val, t| Ok(el.color(v::color(val, t)?))),
    prop!("line-height", "number", Text, "line height as a multiple of the size", |el, val, t| Ok(
        el.line_height(v::number(val, t)?)
    )),
    prop!("text-align", "start|center|end", Text, "horizontal alignment of lines", |el, val, _| Ok(
        el.text_align(v::one_of(val, TEXT_ALIGN)?)
    )),
    prop!("max-lines", "whole number", Text, "at most this many lines, the last ellipsized", |el, val, t| Ok(
        el.max_lines(v::count(val, t)?)
    )),
    prop!("single-line", "bool", Text, "one line, never wrapped, ellipsized", |el, val, t| Ok(
        if v::boolean(val, t)? { el.single_line() } else { el }
    )),
    // --- image
    prop!("fit", "cover|contain|fill", Image, "how the image fills its box", |el, val, _| Ok(
        el.fit(v::one_of(val, FIT)?)
    )),
];

pub fn widget(name: &str) -> Option<&'static WidgetSpec> {
    WIDGETS.iter().find(|w| w.name == name)
}

pub fn prop(name: &str) -> Option<&'static PropSpec> {
    PROPS.iter().find(|p| p.name == name)
}

/// Widget names and `for-each`, for suggestions.
pub fn node_names() -> Vec<&'static str> {
    WIDGETS.iter().map(|w| w.name).chain([FOR_EACH]).collect()
}

/// Property names that apply to `w`, its own first, for suggestions.
pub fn prop_names(w: &WidgetSpec) -> Vec<&'static str> {
    w.own
        .iter()
        .map(|o| o.name)
        .chain(PROPS.iter().filter(|p| p.applies.to(w.content)).map(|p| p.name))
        .chain(ACTION_PROPS.iter().copied())
        .chain(["label"])
        .collect()
}

/// The widgets a property applies to, for errors.
pub fn widgets_for(applies: Applies) -> Vec<&'static str> {
    WIDGETS.iter().filter(|w| applies.to(w.content)).map(|w| w.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_lowercase_kebab() {
        let mut all: Vec<&str> = node_names();
        all.extend(PROPS.iter().map(|p| p.name));
        for w in WIDGETS {
            all.extend(w.own.iter().map(|o| o.name));
        }
        for n in &all {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
        }
        let mut props: Vec<&str> = PROPS.iter().map(|p| p.name).collect();
        props.sort_unstable();
        let before = props.len();
        props.dedup();
        assert_eq!(before, props.len(), "a property is listed twice");
        for w in WIDGETS {
            for o in w.own {
                assert!(prop(o.name).is_none(), "`{}` of `{}` shadows a shared property", o.name, w.name);
            }
        }
    }
}
