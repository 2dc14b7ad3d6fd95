//! [`El`]: the builder every widget returns, describing an element and its children before
//! they are spawned.
//!
//! An `El` carries only the components its calls asked for (a plain layout box has a
//! [`Style`] and nothing else), plus any widget-specific components added with [`El::with`].
//! [`crate::App::mount`] turns it into entities.

use std::fmt;

use hecs::EntityBuilder;
use tenfoot_renderer::{Color, Corners, FontWeight, ImageFit, TextAlign, TextStyle, Transform};

use crate::reactive::Reactive;
use crate::style::{
    Align, Direction, Edges, Gradient, ImageContent, Insets, Justify, Length, Position, Shadow, Style, TextContent,
    Visual,
};
use crate::tree::Name;

/// An element not yet spawned: its components and its children.
pub struct El {
    pub(crate) style: Style,
    pub(crate) visual: Option<Visual>,
    pub(crate) text: Option<TextContent>,
    pub(crate) image: Option<ImageContent>,
    pub(crate) name: Option<String>,
    pub(crate) extra: EntityBuilder,
    pub(crate) children: Vec<El>,
    /// Handlers and focus overrides (builder methods in `focus/mod.rs`).
    pub(crate) focus: crate::focus::FocusSpec,
    /// Bindings and owned signals, mounted with the element (see `reactive::bind`).
    pub(crate) reactive: Reactive,
    /// Role, label and states for screen readers (builder methods in `semantics/mod.rs`).
    pub(crate) semantics: Option<crate::semantics::Semantics>,
}

impl fmt::Debug for El {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("El")
            .field("name", &self.name)
            .field("text", &self.text.as_ref().map(|t| &t.text))
            .field("children", &self.children)
            .finish_non_exhaustive()
    }
}

impl Default for El {
    fn default() -> Self {
        Self::new()
    }
}

impl El {
    /// An empty column box.
    pub fn new() -> Self {
        Self {
            style: Style::default(),
            visual: None,
            text: None,
            image: None,
            name: None,
            extra: EntityBuilder::new(),
            children: Vec::new(),
            focus: crate::focus::FocusSpec::default(),
            reactive: Reactive::default(),
            semantics: None,
        }
    }

    // --- structure -------------------------------------------------------------------------

    /// Names the element (for tests, focus paths and hot reload).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    pub fn child(mut self, child: impl Into<El>) -> Self {
        self.children.push(child.into());
        self
    }

    pub fn children<I: Into<El>>(mut self, children: impl IntoIterator<Item = I>) -> Self {
        self.children.extend(children.into_iter().map(Into::into));
        self
    }

    /// Adds a widget-specific component.
    pub fn with<C: hecs::Component>(mut self, component: C) -> Self {
        self.extra.add(component);
        self
    }

    /// Edits the layout style directly.
    pub fn style(mut self, f: impl FnOnce(&mut Style)) -> Self {
        f(&mut self.style);
        self
    }

    /// Edits the visual, creating it on first use.
    pub fn visual(mut self, f: impl FnOnce(&mut Visual)) -> Self {
        f(self.visual.get_or_insert_with(Visual::default));
        self
    }

    /// The text this element shows, if it is a text element.
    pub fn text_content(&self) -> Option<&TextContent> {
        self.text.as_ref()
    }

    /// The visual, if one was set.
    pub fn visual_content(&self) -> Option<&Visual> {
        self.visual.as_ref()
    }

    pub fn get_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    pub fn child_elements(&self) -> &[El] {
        &self.children
    }

    // --- layout ------------------------------------------------------------------------------

    pub fn direction(self, d: Direction) -> Self {
        self.style(|s| s.direction = d)
    }
    pub fn gap(self, v: f32) -> Self {
        self.style(|s| s.gap = v)
    }
    pub fn padding(self, v: f32) -> Self {
        self.style(|s| s.padding = Edges::all(v))
    }
    pub fn padding_xy(self, horizontal: f32, vertical: f32) -> Self {
        self.style(|s| s.padding = Edges::symmetric(vertical, horizontal))
    }
    pub fn padding_edges(self, e: Edges) -> Self {
        self.style(|s| s.padding = e)
    }
    pub fn margin(self, v: f32) -> Self {
        self.style(|s| s.margin = Edges::all(v))
    }
    pub fn margin_edges(self, e: Edges) -> Self {
        self.style(|s| s.margin = e)
    }
    pub fn width(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.width = l)
    }
    pub fn height(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.height = l)
    }
    pub fn size(self, w: impl Into<Length>, h: impl Into<Length>) -> Self {
        self.width(w).height(h)
    }
    pub fn min_width(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.min_width = l)
    }
    pub fn max_width(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.max_width = l)
    }
    pub fn min_height(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.min_height = l)
    }
    pub fn max_height(self, l: impl Into<Length>) -> Self {
        let l = l.into();
        self.style(|s| s.max_height = l)
    }
    pub fn aspect_ratio(self, r: f32) -> Self {
        self.style(|s| s.aspect_ratio = Some(r))
    }
    pub fn grow(self, g: f32) -> Self {
        self.style(|s| s.grow = g)
    }
    pub fn shrink(self, v: f32) -> Self {
        self.style(|s| s.shrink = v)
    }
    pub fn wrap(self) -> Self {
        self.style(|s| s.wrap = true)
    }
    pub fn align_items(self, a: Align) -> Self {
        self.style(|s| s.align_items = Some(a))
    }
    pub fn align_self(self, a: Align) -> Self {
        self.style(|s| s.align_self = Some(a))
    }
    pub fn justify(self, j: Justify) -> Self {
        self.style(|s| s.justify = Some(j))
    }
    /// Centres children on both axes.
    pub fn center(self) -> Self {
        self.align_items(Align::Center).justify(Justify::Center)
    }
    /// Takes the element out of flow, placed by `left`/`top` (logical px) in its parent.
    pub fn absolute(self, left: f32, top: f32) -> Self {
        self.style(|s| {
            s.position = Position::Absolute;
            s.inset[0] = Some(Length::Px(left));
            s.inset[2] = Some(Length::Px(top));
        })
    }
    /// Absolute, at `inset` from the parent's edges: `.inset(Insets::AUTO.top(0.0).left(0.0))`
    /// (an array `[left, right, top, bottom]` of options converts too).
    pub fn inset(self, inset: impl Into<Insets>) -> Self {
        let inset = inset.into().to_array();
        self.style(|s| {
            s.position = Position::Absolute;
            s.inset = inset.map(|v| v.map(Length::Px));
        })
    }
    /// Right-to-left layout for rows.
    pub fn rtl(self, rtl: bool) -> Self {
        self.style(|s| s.rtl = rtl)
    }
    /// Keeps this element's subtree left to right in a right-to-left app (a Latin keyboard,
    /// a time line): the layout's mirroring stops here (the element itself still takes its
    /// mirrored place).
    pub fn ltr(self) -> Self {
        self.with(crate::layout::LeftToRight)
    }
    pub fn hidden(self, hidden: bool) -> Self {
        self.style(|s| s.display_none = hidden)
    }

    // --- visual ------------------------------------------------------------------------------

    pub fn background(self, c: Color) -> Self {
        self.visual(|v| v.background = Some(c))
    }
    pub fn gradient(self, angle: f32, stops: &[(f32, Color)]) -> Self {
        let g = Gradient { angle, stops: stops.to_vec() };
        self.visual(|v| v.gradient = Some(g))
    }
    pub fn radius(self, r: f32) -> Self {
        self.visual(|v| v.radii = Corners::all(r))
    }
    pub fn radii(self, r: Corners) -> Self {
        self.visual(|v| v.radii = r)
    }
    pub fn border(self, width: f32, color: Color) -> Self {
        self.visual(|v| v.border = Some((width, color)))
    }
    /// A box shadow: `.shadow(Shadow { x: Shadow { y: 12.0, y: blur: 32.0, blur: color, color: ..Shadow::NONE }, ..Shadow::NONE })`.
    pub fn shadow(self, shadow: Shadow) -> Self {
        self.visual(|v| v.shadow = Some(shadow))
    }
    pub fn opacity(self, o: f32) -> Self {
        self.visual(|v| v.opacity = o)
    }
    pub fn transform(self, t: Transform) -> Self {
        self.visual(|v| v.transform = t)
    }
    pub fn scale(self, s: f32) -> Self {
        self.transform(Transform::scale(s, s))
    }
    /// Clips children to this element's (rounded) box.
    pub fn clip(self) -> Self {
        self.visual(|v| v.clip = true)
    }

    // --- content -----------------------------------------------------------------------------

    /// Makes this a text element.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        let t = self.text.get_or_insert_with(|| TextContent {
            text: String::new(),
            style: TextStyle::default(),
            color: Color::WHITE,
        });
        t.text = text.into();
        self
    }

    /// Edits the text content (does nothing on an element without text).
    pub fn text_style(mut self, f: impl FnOnce(&mut TextContent)) -> Self {
        if let Some(t) = &mut self.text {
            f(t);
        }
        self
    }
    pub fn font_size(self, size: f32) -> Self {
        self.text_style(|t| t.style.size = size)
    }
    pub fn weight(self, w: FontWeight) -> Self {
        self.text_style(|t| t.style.weight = w)
    }
    pub fn color(self, c: Color) -> Self {
        self.text_style(|t| t.color = c)
    }
    pub fn line_height(self, m: f32) -> Self {
        self.text_style(|t| t.style.line_height = m)
    }
    pub fn text_align(self, a: TextAlign) -> Self {
        self.text_style(|t| t.style.align = a)
    }
    /// At most `n` lines, the last ending in an ellipsis.
    pub fn max_lines(self, n: u32) -> Self {
        self.text_style(|t| t.style.max_lines = n)
    }
    /// One line, never wrapped, ellipsized when too long.
    pub fn single_line(self) -> Self {
        self.text_style(|t| {
            t.style.wrap = false;
            t.style.max_lines = 1;
        })
    }

    /// Makes this an image element showing the asset at `source`.
    pub fn image(mut self, source: impl Into<String>) -> Self {
        self.image = Some(ImageContent { source: source.into(), fit: ImageFit::Cover, opacity: 1.0 });
        self
    }
    pub fn fit(mut self, fit: ImageFit) -> Self {
        if let Some(i) = &mut self.image {
            i.fit = fit;
        }
        self
    }

    /// Takes the handlers and focus overrides, which live beside the world, not in it.
    pub(crate) fn take_focus_spec(&mut self) -> crate::focus::FocusSpec {
        std::mem::take(&mut self.focus)
    }

    /// Consumes the builder into its spawnable parts.
    pub(crate) fn into_parts(mut self) -> (EntityBuilder, Vec<El>) {
        // `El` has a `Drop` impl (iterative, for deep trees), so the parts are taken, not moved.
        let style = std::mem::take(&mut self.style);
        let (visual, text, image, name) = (self.visual.take(), self.text.take(), self.image.take(), self.name.take());
        let mut extra = std::mem::replace(&mut self.extra, EntityBuilder::new());
        let children = std::mem::take(&mut self.children);
        extra.add(style);
        if let Some(v) = visual {
            extra.add(v);
        }
        if let Some(t) = text {
            extra.add(t);
        }
        if let Some(i) = image {
            extra.add(i);
        }
        if let Some(n) = name {
            extra.add(Name(n));
        }
        if let Some(s) = self.semantics.take() {
            extra.add(s);
        }
        (extra, children)
    }
}

impl Drop for El {
    /// Drops the subtree with a loop instead of recursion, so a very deep tree (built by code
    /// or data gone wrong) cannot overflow the stack while being thrown away.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut el) = stack.pop() {
            stack.append(&mut el.children);
        }
    }
}

/// Drops `els` and their subtrees without recursing; returns how many elements they held.
pub(crate) fn count_and_drop(els: Vec<El>) -> usize {
    let mut count = 0;
    let mut stack = els;
    while let Some(mut el) = stack.pop() {
        count += 1;
        stack.append(&mut el.children);
    }
    count
}

impl From<f32> for Length {
    fn from(v: f32) -> Self {
        Length::Px(v)
    }
}

impl From<i32> for Length {
    fn from(v: i32) -> Self {
        Length::Px(v as f32)
    }
}
