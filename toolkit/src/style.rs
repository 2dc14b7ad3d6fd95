//! Style components: [`Style`] (how an element is laid out) and [`Visual`] (how its box is
//! painted), plus [`TextContent`] and [`ImageContent`] for leaf content.
//!
//! `Style` converts to taffy's style in one place ([`Style::to_taffy`]); nothing else in the
//! toolkit names taffy's types, so the public API stays ours.

use tenfoot_renderer::{Color, Corners, ImageFit, Point, TextStyle, Transform};

/// A length along one axis.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Length {
    /// Sized by content and flex rules.
    #[default]
    Auto,
    /// Logical pixels.
    Px(f32),
    /// A fraction of the parent's content box, 0..=1 (0.5 is half).
    Percent(f32),
}

/// Shorthand for [`Length::Px`].
pub fn px(v: f32) -> Length {
    Length::Px(v)
}

/// Shorthand for [`Length::Percent`], taking a percentage (50.0 is half).
pub fn pct(v: f32) -> Length {
    Length::Percent(v / 100.0)
}

/// Four edge values: left, right, top, bottom.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Edges {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Edges {
    pub const fn all(v: f32) -> Self {
        Self { left: v, right: v, top: v, bottom: v }
    }

    /// Vertical (`top`, `bottom`) and horizontal (`left`, `right`) values.
    pub const fn symmetric(vertical: f32, horizontal: f32) -> Self {
        Self { left: horizontal, right: horizontal, top: vertical, bottom: vertical }
    }
}

/// Where an absolutely placed element sits: its distance from each edge of its parent, in
/// logical px; `None` leaves that edge auto. `Insets::AUTO.top(0.0).right(0.0)` pins to the
/// top right corner; [`Insets::fill`] covers the parent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Insets {
    pub left: Option<f32>,
    pub right: Option<f32>,
    pub top: Option<f32>,
    pub bottom: Option<f32>,
}

impl Insets {
    /// Every edge auto.
    pub const AUTO: Insets = Insets { left: None, right: None, top: None, bottom: None };

    /// Every edge at `v` (0 covers the parent).
    pub const fn fill(v: f32) -> Self {
        Insets { left: Some(v), right: Some(v), top: Some(v), bottom: Some(v) }
    }
    pub const fn left(mut self, v: f32) -> Self {
        self.left = Some(v);
        self
    }
    pub const fn right(mut self, v: f32) -> Self {
        self.right = Some(v);
        self
    }
    pub const fn top(mut self, v: f32) -> Self {
        self.top = Some(v);
        self
    }
    pub const fn bottom(mut self, v: f32) -> Self {
        self.bottom = Some(v);
        self
    }
    /// Left, right, top, bottom, the order of `Style::inset`.
    pub const fn to_array(self) -> [Option<f32>; 4] {
        [self.left, self.right, self.top, self.bottom]
    }
}

/// `[left, right, top, bottom]`, the order of `Style::inset`.
impl From<[Option<f32>; 4]> for Insets {
    fn from([left, right, top, bottom]: [Option<f32>; 4]) -> Self {
        Insets { left, right, top, bottom }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    Row,
    #[default]
    Column,
}

/// Cross-axis alignment of children (`align-items`) or of one child (`align-self`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    Center,
    End,
    Stretch,
}

/// Main-axis distribution of children (`justify-content`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Justify {
    Start,
    Center,
    End,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Position {
    /// In the flow of its parent.
    #[default]
    Relative,
    /// Out of flow, placed by `inset` against the parent's padding box.
    Absolute,
}

/// Layout properties of an element (a flexbox model).
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub display_none: bool,
    pub direction: Direction,
    pub wrap: bool,
    pub gap: f32,
    pub padding: Edges,
    pub margin: Edges,
    pub align_items: Option<Align>,
    pub align_self: Option<Align>,
    pub justify: Option<Justify>,
    /// How wrapped lines share the cross axis (flex `align-content`); `None` is stretch.
    pub align_content: Option<Justify>,
    pub width: Length,
    pub height: Length,
    pub min_width: Length,
    pub min_height: Length,
    pub max_width: Length,
    pub max_height: Length,
    pub aspect_ratio: Option<f32>,
    pub grow: f32,
    pub shrink: f32,
    pub basis: Length,
    pub position: Position,
    /// Offsets for absolute positioning: left, right, top, bottom (`None` is auto).
    pub inset: [Option<Length>; 4],
    /// Right-to-left: rows lay out from the right edge.
    pub rtl: bool,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            display_none: false,
            direction: Direction::Column,
            wrap: false,
            gap: 0.0,
            padding: Edges::default(),
            margin: Edges::default(),
            align_items: None,
            align_self: None,
            justify: None,
            align_content: None,
            width: Length::Auto,
            height: Length::Auto,
            min_width: Length::Auto,
            min_height: Length::Auto,
            max_width: Length::Auto,
            max_height: Length::Auto,
            aspect_ratio: None,
            grow: 0.0,
            shrink: 1.0,
            basis: Length::Auto,
            position: Position::Relative,
            inset: [None; 4],
            rtl: false,
        }
    }
}

/// Replaces NaN and infinities with `fallback` and negative values with 0 where a length
/// cannot be negative. Returns whether anything had to change.
fn clean(v: &mut f32, fallback: f32, non_negative: bool) -> bool {
    let before = *v;
    if !v.is_finite() {
        *v = fallback;
    }
    if non_negative && *v < 0.0 {
        *v = 0.0;
    }
    before.to_bits() != v.to_bits()
}

fn clean_len(l: &mut Length) -> bool {
    match l {
        Length::Auto => false,
        Length::Px(v) => clean(v, 0.0, true),
        Length::Percent(v) => clean(v, 0.0, true),
    }
}

impl Style {
    /// Clamps NaN, infinite and negative values to sane ones; returns the names of the fields
    /// that needed it, so the caller can report them.
    pub fn sanitize(&mut self) -> Vec<&'static str> {
        let mut bad = Vec::new();
        let mut check = |changed: bool, name: &'static str| {
            if changed {
                bad.push(name);
            }
        };
        check(clean(&mut self.gap, 0.0, true), "gap");
        for (v, n) in [
            (&mut self.padding.left, "padding"),
            (&mut self.padding.right, "padding"),
            (&mut self.padding.top, "padding"),
            (&mut self.padding.bottom, "padding"),
        ] {
            check(clean(v, 0.0, true), n);
        }
        for v in [&mut self.margin.left, &mut self.margin.right, &mut self.margin.top, &mut self.margin.bottom] {
            check(clean(v, 0.0, false), "margin");
        }
        check(clean_len(&mut self.width), "width");
        check(clean_len(&mut self.height), "height");
        check(clean_len(&mut self.min_width), "min_width");
        check(clean_len(&mut self.min_height), "min_height");
        check(clean_len(&mut self.max_width), "max_width");
        check(clean_len(&mut self.max_height), "max_height");
        check(clean_len(&mut self.basis), "basis");
        check(clean(&mut self.grow, 0.0, true), "grow");
        check(clean(&mut self.shrink, 1.0, true), "shrink");
        if let Some(r) = &mut self.aspect_ratio {
            if !(r.is_finite() && *r > 0.0) {
                self.aspect_ratio = None;
                check(true, "aspect_ratio");
            }
        }
        for l in self.inset.iter_mut().flatten() {
            if let Length::Px(v) | Length::Percent(v) = l {
                check(clean(v, 0.0, false), "inset");
            }
        }
        bad
    }

    /// The equivalent taffy style.
    pub(crate) fn to_taffy(&self) -> taffy::Style {
        use taffy::prelude::*;
        let dim = |l: Length| match l {
            Length::Auto => Dimension::auto(),
            Length::Px(v) => Dimension::length(v),
            Length::Percent(v) => Dimension::percent(v),
        };
        let lpa = |l: Option<Length>| match l {
            None | Some(Length::Auto) => LengthPercentageAuto::auto(),
            Some(Length::Px(v)) => LengthPercentageAuto::length(v),
            Some(Length::Percent(v)) => LengthPercentageAuto::percent(v),
        };
        let align = |a: Align| match a {
            Align::Start => AlignItems::FLEX_START,
            Align::Center => AlignItems::CENTER,
            Align::End => AlignItems::FLEX_END,
            Align::Stretch => AlignItems::STRETCH,
        };
        let lp = |v: f32| LengthPercentage::length(v);
        let lpa_len = |v: f32| LengthPercentageAuto::length(v);
        taffy::Style {
            display: if self.display_none { Display::None } else { Display::Flex },
            flex_direction: match (self.direction, self.rtl) {
                (Direction::Row, false) => FlexDirection::Row,
                (Direction::Row, true) => FlexDirection::RowReverse,
                (Direction::Column, _) => FlexDirection::Column,
            },
            flex_wrap: if self.wrap { FlexWrap::Wrap } else { FlexWrap::NoWrap },
            gap: taffy::Size { width: lp(self.gap), height: lp(self.gap) },
            padding: taffy::Rect {
                left: lp(self.padding.left),
                right: lp(self.padding.right),
                top: lp(self.padding.top),
                bottom: lp(self.padding.bottom),
            },
            margin: taffy::Rect {
                left: lpa_len(self.margin.left),
                right: lpa_len(self.margin.right),
                top: lpa_len(self.margin.top),
                bottom: lpa_len(self.margin.bottom),
            },
            align_items: self.align_items.map(align).unwrap_or(AlignItems::NORMAL),
            align_self: self.align_self.map(align),
            justify_content: self
                .justify
                .map(|j| match j {
                    Justify::Start => JustifyContent::FLEX_START,
                    Justify::Center => JustifyContent::CENTER,
                    Justify::End => JustifyContent::FLEX_END,
                    Justify::SpaceBetween => JustifyContent::SPACE_BETWEEN,
                    Justify::SpaceAround => JustifyContent::SPACE_AROUND,
                    Justify::SpaceEvenly => JustifyContent::SPACE_EVENLY,
                })
                .unwrap_or(JustifyContent::NORMAL),
            align_content: self
                .align_content
                .map(|j| match j {
                    Justify::Start => taffy::AlignContent::FLEX_START,
                    Justify::Center => taffy::AlignContent::CENTER,
                    Justify::End => taffy::AlignContent::FLEX_END,
                    Justify::SpaceBetween => taffy::AlignContent::SPACE_BETWEEN,
                    Justify::SpaceAround => taffy::AlignContent::SPACE_AROUND,
                    Justify::SpaceEvenly => taffy::AlignContent::SPACE_EVENLY,
                })
                .unwrap_or(JustifyContent::NORMAL),
            size: taffy::Size { width: dim(self.width), height: dim(self.height) },
            min_size: taffy::Size { width: lpa(Some(self.min_width)), height: lpa(Some(self.min_height)) },
            max_size: taffy::Size { width: lpa(Some(self.max_width)), height: lpa(Some(self.max_height)) },
            aspect_ratio: self.aspect_ratio,
            flex_grow: self.grow,
            flex_shrink: self.shrink,
            flex_basis: dim(self.basis),
            position: match self.position {
                self::Position::Relative => taffy::Position::Relative,
                self::Position::Absolute => taffy::Position::Absolute,
            },
            inset: taffy::Rect {
                left: lpa(self.inset[0]),
                right: lpa(self.inset[1]),
                top: lpa(self.inset[2]),
                bottom: lpa(self.inset[3]),
            },
            ..taffy::Style::default()
        }
    }
}

/// A box shadow: offset by `x`, `y`, blurred by `blur`, grown by `spread` (all logical px).
/// Name what you set and take the rest from [`Shadow::NONE`]:
/// `Shadow { y: 12.0, blur: 32.0, color, ..Shadow::NONE }`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shadow {
    pub x: f32,
    pub y: f32,
    pub blur: f32,
    pub spread: f32,
    pub color: Color,
}

impl Shadow {
    /// No offset, no blur, no spread, transparent: the base to name fields against.
    pub const NONE: Shadow = Shadow { x: 0.0, y: 0.0, blur: 0.0, spread: 0.0, color: Color::TRANSPARENT };

    /// The offset as a point.
    pub fn offset(&self) -> Point {
        Point::new(self.x, self.y)
    }
}

/// A linear gradient across the element's box; `angle` in degrees as in CSS (180 is top to
/// bottom, 90 is left to right).
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    pub angle: f32,
    pub stops: Vec<(f32, Color)>,
}

/// How an element's box is painted. Only elements that paint something carry one.
#[derive(Clone, Debug, PartialEq)]
pub struct Visual {
    pub background: Option<Color>,
    pub gradient: Option<Gradient>,
    pub border: Option<(f32, Color)>,
    pub radii: Corners,
    pub shadow: Option<Shadow>,
    /// 0..=1; below 1 the element and its subtree are composited as one layer.
    pub opacity: f32,
    /// Moves the element after layout, in logical px (does not move other elements). Applied
    /// outermost: `translate * scale * transform`, the last two about the element's centre.
    pub translate: Point,
    /// Scales the element about its centre, per axis (1 is unscaled).
    pub scale: Point,
    /// Applied about the element's centre, after layout (does not move other elements).
    pub transform: Transform,
    /// Clip children to this element's rounded box.
    pub clip: bool,
}

impl Default for Visual {
    fn default() -> Self {
        Self {
            background: None,
            gradient: None,
            border: None,
            radii: Corners::ZERO,
            shadow: None,
            opacity: 1.0,
            translate: Point::new(0.0, 0.0),
            scale: Point::new(1.0, 1.0),
            transform: Transform::IDENTITY,
            clip: false,
        }
    }
}

impl Visual {
    /// This look as a right-to-left layout shows it ([`ComputedLayout::mirrored`](crate::layout::ComputedLayout::mirrored)):
    /// a gradient's CSS angle `a` becomes `360 - a` (90, left to right, becomes 270; a vertical
    /// one is unchanged), a shadow's x offset flips and the left and right corner radii swap.
    /// `None` when mirroring changes nothing (no horizontal gradient, no x offset, symmetric
    /// corners), so the common case costs no copy.
    pub fn mirrored(&self) -> Option<Visual> {
        let gradient = self.gradient.as_ref().filter(|g| {
            let a = g.angle.rem_euclid(360.0);
            g.angle.is_finite() && a != 0.0 && a != 180.0
        });
        let shadow = self.shadow.filter(|s| s.x != 0.0);
        let r = self.radii;
        let radii = (r.top_left != r.top_right || r.bottom_left != r.bottom_right).then_some(r);
        if gradient.is_none() && shadow.is_none() && radii.is_none() {
            return None;
        }
        let mut v = self.clone();
        if let Some(g) = &mut v.gradient {
            g.angle = (360.0 - g.angle.rem_euclid(360.0)).rem_euclid(360.0);
        }
        if let Some(s) = &mut v.shadow {
            s.x = -s.x;
        }
        v.radii = Corners {
            top_left: r.top_right,
            top_right: r.top_left,
            bottom_right: r.bottom_left,
            bottom_left: r.bottom_right,
        };
        Some(v)
    }

    /// The element's whole visual transform about `center`: translate, then scale and
    /// [`Visual::transform`] about the centre. Identity when nothing moves it.
    pub fn paint_transform(&self, center: Point) -> Transform {
        let about = if self.scale == Point::new(1.0, 1.0) {
            self.transform
        } else {
            Transform::scale(self.scale.x, self.scale.y).then(&self.transform)
        };
        let t = if about.is_identity() {
            Transform::IDENTITY
        } else {
            Transform::translate(center.x, center.y).then(&about).then(&Transform::translate(-center.x, -center.y))
        };
        if self.translate == Point::new(0.0, 0.0) {
            t
        } else {
            Transform::translate(self.translate.x, self.translate.y).then(&t)
        }
    }
}

/// How far a scroll container's content is scrolled, in logical px: its children are painted
/// moved by minus this offset. Layout is unaffected.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScrollOffset(pub Point);

/// Text content of a leaf element.
#[derive(Clone, Debug, PartialEq)]
pub struct TextContent {
    pub text: String,
    pub style: TextStyle,
    pub color: Color,
}

/// Image content of an element, drawn over its background and clipped to its corners.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageContent {
    /// Asset path, such as `posters/p01.png`.
    pub source: String,
    pub fit: ImageFit,
    pub opacity: f32,
}

/// A rectangle reserved for the platform's video plane (painted as [`tenfoot_renderer::Command::Video`]
/// over the element's box, after its background): on a device the video shows through it,
/// under everything painted after it; the CPU backend draws a labelled placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VideoContent {
    /// What the placeholder says (the title playing).
    pub label: String,
}

impl VideoContent {
    pub fn new(label: impl Into<String>) -> Self {
        Self { label: label.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mirrored_look_flips_what_runs_sideways_only() {
        let g = |angle| Some(Gradient { angle, stops: vec![] });
        let v = Visual { gradient: g(90.0), ..Visual::default() };
        assert_eq!(v.mirrored().and_then(|m| m.gradient).map(|g| g.angle), Some(270.0));
        let v = Visual { gradient: g(160.0), ..Visual::default() };
        assert_eq!(v.mirrored().and_then(|m| m.gradient).map(|g| g.angle), Some(200.0));
        let v = Visual {
            shadow: Some(Shadow { x: 12.0, y: 4.0, ..Shadow::NONE }),
            radii: Corners { top_left: 20.0, bottom_right: 8.0, ..Corners::ZERO },
            ..Visual::default()
        };
        let m = v.mirrored().unwrap();
        assert_eq!(m.shadow.map(|s| (s.x, s.y)), Some((-12.0, 4.0)));
        assert_eq!(m.radii, Corners { top_right: 20.0, bottom_left: 8.0, ..Corners::ZERO });
        // Vertical gradients, no x offset, symmetric corners: nothing to copy.
        let v = Visual {
            gradient: g(180.0),
            shadow: Some(Shadow { y: 12.0, ..Shadow::NONE }),
            radii: Corners::all(6.0),
            ..Visual::default()
        };
        assert!(v.mirrored().is_none());
    }

    #[test]
    fn sanitize_reports_and_clamps_bad_values() {
        let mut s =
            Style { gap: f32::NAN, width: px(-10.0), grow: f32::INFINITY, aspect_ratio: Some(0.0), ..Style::default() };
        let bad = s.sanitize();
        assert_eq!(bad, vec!["gap", "width", "grow", "aspect_ratio"]);
        assert_eq!(s.gap, 0.0);
        assert_eq!(s.width, px(0.0));
        assert_eq!(s.grow, 0.0);
        assert_eq!(s.aspect_ratio, None);
        assert!(Style::default().sanitize().is_empty());
    }
}
