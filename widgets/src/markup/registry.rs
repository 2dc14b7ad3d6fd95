//! The registry: every widget and property the markup knows, one table row each.
//!
//! A widget row names the builder function, what its positional argument is, whether it takes
//! children, and the few properties only it understands (a button's `primary`). A property row
//! names its value syntax and a setter over [`El`]. To teach the markup a new widget or
//! property, add a row here and a line to `docs/markup.md`; the loader, the suggestions for
//! typos and the docs test all read these tables.

use tenfoot_renderer::{FontWeight, ImageFit, TextAlign};
use tenfoot_toolkit::{Align, Direction, El, EnterPolicy, FocusScope, Justify, Length, NavDirection, Position};

use super::parse::{Raw, Val};
use super::values::{self as v, ValueError};
use crate::button::{button, ButtonLook};
use crate::theme::Theme;

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

/// Builds a widget from its theme, positional argument (empty when it takes none) and own
/// properties. An error names the own property at that index, or the argument (`None`).
pub type BuildFn = fn(&Theme, &Val, &[(&'static str, &Val)]) -> Result<El, (Option<usize>, ValueError)>;

/// One widget.
#[derive(Clone, Copy)]
pub struct WidgetSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub content: Content,
    /// What the positional argument is (`"the text"`), or `None` when the widget takes none.
    pub arg: Option<&'static str>,
    pub children: bool,
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

fn arg_text(arg: &Val) -> Result<String, (Option<usize>, ValueError)> {
    match &arg.raw {
        Raw::Str(s) => Ok(s.clone()),
        Raw::Int(i) => Ok(i.to_string()),
        Raw::Float(f) => Ok(f.to_string()),
        other => Err((None, ValueError::whole(format!("expected a string, found {}", other.kind())))),
    }
}

fn build_text(theme: &Theme, arg: &Val, size: f32) -> Result<El, (Option<usize>, ValueError)> {
    Ok(El::new().text(arg_text(arg)?).font_size(size).color(theme.text))
}

const BUTTON_LOOKS: &[(&str, ButtonLook)] = &[
    ("normal", ButtonLook::Normal),
    ("focused", ButtonLook::Focused),
    ("pressed", ButtonLook::Pressed),
    ("disabled", ButtonLook::Disabled),
];

/// Every widget, in documentation order.
pub const WIDGETS: &[WidgetSpec] = &[
    WidgetSpec {
        name: "container",
        doc: "a box; children stack in a column",
        content: Content::Box,
        arg: None,
        children: true,
        own: &[],
        build: |_, _, _| Ok(crate::container()),
    },
    WidgetSpec {
        name: "row",
        doc: "children side by side, left to right",
        content: Content::Box,
        arg: None,
        children: true,
        own: &[],
        build: |_, _, _| Ok(crate::row()),
    },
    WidgetSpec {
        name: "column",
        doc: "children top to bottom",
        content: Content::Box,
        arg: None,
        children: true,
        own: &[],
        build: |_, _, _| Ok(crate::column()),
    },
    WidgetSpec {
        name: "text",
        doc: "body text ($font-body, $text)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        own: &[],
        build: |t, arg, _| build_text(t, arg, t.type_scale[3]),
    },
    WidgetSpec {
        name: "heading",
        doc: "bold title text ($font-title, $text)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        own: &[],
        build: |t, arg, _| Ok(build_text(t, arg, t.type_scale[1])?.weight(FontWeight::BOLD)),
    },
    WidgetSpec {
        name: "caption",
        doc: "secondary text ($font-caption, $text-muted)",
        content: Content::Text,
        arg: Some("the text"),
        children: false,
        own: &[],
        build: |t, arg, _| Ok(build_text(t, arg, t.type_scale[4])?.color(t.text_muted)),
    },
    WidgetSpec {
        name: "image",
        doc: "an asset image, fit cover; give it a size",
        content: Content::Image,
        arg: Some("the asset path, such as \"posters/poster-00.png\""),
        children: true,
        own: &[],
        build: |_, arg, _| Ok(crate::image(arg_text(arg)?)),
    },
    WidgetSpec {
        name: "button",
        doc: "a labelled button in the theme's colours",
        content: Content::Control,
        arg: Some("the label"),
        children: false,
        own: &[
            OwnProp { name: "primary", value: "bool", doc: "the accent-coloured call to action" },
            OwnProp { name: "look", value: "normal|focused|pressed|disabled", doc: "the state drawn" },
        ],
        build: |t, arg, own| {
            let mut b = button(arg_text(arg)?).theme(t.clone());
            for (i, (name, val)) in own.iter().enumerate() {
                match *name {
                    "primary" => {
                        if v::boolean(val, t).map_err(|e| (Some(i), e))? {
                            b = b.primary();
                        }
                    }

                    _ => b = b.look(v::one_of(val, BUTTON_LOOKS).map_err(|e| (Some(i), e))?),
                }
            }
            Ok(b.into())
        },
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
        Ok(el.shadow(dx, dy, blur, c))
    }),
    prop!("opacity", "0..1", Any, "opacity of the element and its subtree", |el, val, t| Ok(
        el.opacity(v::unit(val, t)?)
    )),
    prop!("scale", "number", Any, "scale about the centre, after layout (0 to 10)", |el, val, t| {
        let s = v::number(val, t)?;
        if !(0.0..=10.0).contains(&s) {
            return Err(ValueError::whole(format!("a scale goes from 0 to 10, found {s}")));
        }
        Ok(el.scale(s))
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
    prop!("initial-focus", "bool", Any, "focus starts here when the screen is shown", |el, val, t| Ok(
        if v::boolean(val, t)? { el.initial_focus() } else { el }
    )),
    prop!(
        "focus-scope",
        "remembered|first|nearest|trap|wrap",
        Any,
        "a focus scope: enter policy (memory, first, nearest), a modal trap, or wrap-around rows",
        |el, val, _| {
            let scope = v::one_of(
                val,
                &[
                    ("remembered", FocusScope::remembered()),
                    ("first", FocusScope::remembered().with_enter(EnterPolicy::First)),
                    ("nearest", FocusScope::remembered().with_enter(EnterPolicy::Nearest)),
                    ("trap", FocusScope::trap()),
                    ("wrap", FocusScope::remembered().wrap(true, true)),
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
    w.own.iter().map(|o| o.name).chain(PROPS.iter().filter(|p| p.applies.to(w.content)).map(|p| p.name)).collect()
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
