//! Animatable properties ([`AnimProp`]), the values they take ([`AnimValue`]), and how each is
//! read from and written to an element's components.
//!
//! Every value is carried as up to four `f64` lanes ([`Lanes`]) so tweens and springs handle
//! all types the same way. Colours interpolate in *premultiplied* sRGB (each channel times
//! alpha, then the alpha): fading from transparent to a colour never passes through a dark
//! fringe, and it matches how the rasterizer blends. It is not linear-light; for the short UI
//! fades this is used for, the difference is not visible and the mid-points match CSS.

use hecs::{Entity, World};
use tenfoot_renderer::{Color, Corners, Point, Rect};

use crate::layout::ComputedLayout;
use crate::style::{Length, ScrollOffset, Shadow, Style, TextContent, Visual};

use super::layout_anim::PaintRect;

/// A property that tweens and springs can drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnimProp {
    /// [`Visual::opacity`], 0..=1.
    Opacity,
    /// [`Visual::translate`], logical px (does not move other elements).
    Translate,
    /// [`Visual::scale`] about the element's centre; a plain `f32` target scales both axes.
    Scale,
    /// [`Visual::background`]; an element without one fades in from transparent.
    BackgroundColor,
    /// The colour of [`Visual::border`] (only on elements that have a border).
    BorderColor,
    /// [`TextContent::color`].
    TextColor,
    /// [`Visual::radii`]; a plain `f32` target sets all four corners.
    Radii,
    /// The blur radius of [`Visual::shadow`] (an element without one gets a transparent one).
    ShadowBlur,
    ShadowColor,
    ShadowOffset,
    /// [`Style::width`] in logical px (re-lays out every frame it moves; prefer
    /// [`crate::El::animate_layout`] when only the element's box should glide).
    Width,
    /// [`Style::height`] in logical px.
    Height,
    /// [`ScrollOffset`] of a scroll container, logical px.
    ScrollOffset,
    /// The painted rectangle relative to the parent, as driven by layout animations.
    LayoutRect,
    /// No property: the clock behind [`crate::App::timer`].
    Timer,
}

impl AnimProp {
    /// How many lanes the property's value has.
    pub(crate) fn lanes(self) -> usize {
        match self {
            AnimProp::Opacity | AnimProp::ShadowBlur | AnimProp::Width | AnimProp::Height | AnimProp::Timer => 1,
            AnimProp::Translate | AnimProp::Scale | AnimProp::ShadowOffset | AnimProp::ScrollOffset => 2,
            AnimProp::BackgroundColor
            | AnimProp::BorderColor
            | AnimProp::TextColor
            | AnimProp::ShadowColor
            | AnimProp::Radii
            | AnimProp::LayoutRect => 4,
        }
    }

    /// The distance under which a spring counts as arrived (in the lanes' units).
    pub(crate) fn precision(self) -> f64 {
        match self {
            AnimProp::Opacity | AnimProp::Scale | AnimProp::Timer => 1e-3,
            AnimProp::BackgroundColor | AnimProp::BorderColor | AnimProp::TextColor | AnimProp::ShadowColor => {
                0.5 / 255.0
            }
            _ => 0.05,
        }
    }

    /// True when writing the property changes layout (not just paint).
    pub(crate) fn affects_layout(self) -> bool {
        matches!(self, AnimProp::Width | AnimProp::Height)
    }

    /// The name used in transition specs (`"opacity 200ms"`).
    pub fn css_name(self) -> &'static str {
        match self {
            AnimProp::Opacity => "opacity",
            AnimProp::Translate => "translate",
            AnimProp::Scale => "scale",
            AnimProp::BackgroundColor => "background-color",
            AnimProp::BorderColor => "border-color",
            AnimProp::TextColor => "color",
            AnimProp::Radii => "border-radius",
            AnimProp::ShadowBlur => "shadow-blur",
            AnimProp::ShadowColor => "shadow-color",
            AnimProp::ShadowOffset => "shadow-offset",
            AnimProp::Width => "width",
            AnimProp::Height => "height",
            AnimProp::ScrollOffset => "scroll-offset",
            AnimProp::LayoutRect => "layout",
            AnimProp::Timer => "timer",
        }
    }
}

/// A target value for an animation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnimValue {
    F32(f32),
    Point(Point),
    Color(Color),
    Corners(Corners),
    Rect(Rect),
}

impl From<f32> for AnimValue {
    fn from(v: f32) -> Self {
        AnimValue::F32(v)
    }
}
impl From<Point> for AnimValue {
    fn from(v: Point) -> Self {
        AnimValue::Point(v)
    }
}
impl From<Color> for AnimValue {
    fn from(v: Color) -> Self {
        AnimValue::Color(v)
    }
}
impl From<Corners> for AnimValue {
    fn from(v: Corners) -> Self {
        AnimValue::Corners(v)
    }
}
impl From<Rect> for AnimValue {
    fn from(v: Rect) -> Self {
        AnimValue::Rect(v)
    }
}

/// Up to four numbers animated together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lanes {
    pub v: [f64; 4],
    pub n: usize,
}

impl Lanes {
    pub fn zero(n: usize) -> Self {
        Self { v: [0.0; 4], n: n.min(4) }
    }
    pub fn one(x: f64) -> Self {
        Self { v: [x, 0.0, 0.0, 0.0], n: 1 }
    }
    pub fn two(x: f64, y: f64) -> Self {
        Self { v: [x, y, 0.0, 0.0], n: 2 }
    }
    pub fn four(a: f64, b: f64, c: f64, d: f64) -> Self {
        Self { v: [a, b, c, d], n: 4 }
    }
    fn map2(&self, o: &Lanes, f: impl Fn(f64, f64) -> f64) -> Lanes {
        let mut out = *self;
        for i in 0..self.n {
            out.v[i] = f(self.v[i], o.v[i]);
        }
        out
    }
    pub fn add(&self, o: &Lanes) -> Lanes {
        self.map2(o, |a, b| a + b)
    }
    pub fn sub(&self, o: &Lanes) -> Lanes {
        self.map2(o, |a, b| a - b)
    }
    pub fn scale(&self, k: f64) -> Lanes {
        self.map2(self, |a, _| a * k)
    }
    pub fn lerp(&self, o: &Lanes, t: f64) -> Lanes {
        self.map2(o, |a, b| a + (b - a) * t)
    }
    /// The largest absolute lane.
    pub fn max_abs(&self) -> f64 {
        self.v[..self.n].iter().fold(0.0, |m, v| m.max(v.abs()))
    }
    pub fn is_finite(&self) -> bool {
        self.v[..self.n].iter().all(|v| v.is_finite())
    }
}

fn color_lanes(c: Color) -> Lanes {
    let a = c.a as f64 / 255.0;
    Lanes::four(c.r as f64 / 255.0 * a, c.g as f64 / 255.0 * a, c.b as f64 / 255.0 * a, a)
}

fn lanes_color(l: &Lanes) -> Color {
    let a = l.v[3].clamp(0.0, 1.0);
    let ch = |p: f64| if a <= 0.0 { 0 } else { ((p / a).clamp(0.0, 1.0) * 255.0).round() as u8 };
    Color::rgba(ch(l.v[0]), ch(l.v[1]), ch(l.v[2]), (a * 255.0).round() as u8)
}

fn corner_lanes(c: Corners) -> Lanes {
    Lanes::four(c.top_left as f64, c.top_right as f64, c.bottom_right as f64, c.bottom_left as f64)
}

fn rect_lanes(r: Rect) -> Lanes {
    Lanes::four(r.x as f64, r.y as f64, r.width as f64, r.height as f64)
}

pub(crate) fn lanes_rect(l: &Lanes) -> Rect {
    Rect::new(l.v[0] as f32, l.v[1] as f32, (l.v[2] as f32).max(0.0), (l.v[3] as f32).max(0.0))
}

/// Converts a target for `prop` to lanes, or says why it does not fit.
pub(crate) fn to_lanes(prop: AnimProp, value: AnimValue) -> Result<Lanes, String> {
    let lanes = match (prop.lanes(), value) {
        (1, AnimValue::F32(v)) => Lanes::one(v as f64),
        (2, AnimValue::Point(p)) => Lanes::two(p.x as f64, p.y as f64),
        (2, AnimValue::F32(v)) if prop == AnimProp::Scale => Lanes::two(v as f64, v as f64),
        (4, AnimValue::Color(c)) if is_color(prop) => color_lanes(c),
        (4, AnimValue::Corners(c)) if prop == AnimProp::Radii => corner_lanes(c),
        (4, AnimValue::F32(v)) if prop == AnimProp::Radii => corner_lanes(Corners::all(v)),
        (4, AnimValue::Rect(r)) if prop == AnimProp::LayoutRect => rect_lanes(r),
        _ => return Err(format!("animation of `{}` cannot take the value {value:?}", prop.css_name())),
    };
    if lanes.is_finite() {
        Ok(lanes)
    } else {
        Err(format!("animation of `{}`: target {value:?} is not finite", prop.css_name()))
    }
}

fn is_color(prop: AnimProp) -> bool {
    matches!(prop, AnimProp::BackgroundColor | AnimProp::BorderColor | AnimProp::TextColor | AnimProp::ShadowColor)
}

/// The value of a [`Visual`] property as `visual` holds it (`None` for properties that live
/// elsewhere). A missing background, border or shadow reads as transparent.
pub(crate) fn read_visual(visual: &Visual, prop: AnimProp) -> Option<Lanes> {
    let shadow = visual.shadow.unwrap_or(TRANSPARENT_SHADOW);
    Some(match prop {
        AnimProp::Opacity => Lanes::one(visual.opacity as f64),
        AnimProp::Translate => Lanes::two(visual.translate.x as f64, visual.translate.y as f64),
        AnimProp::Scale => Lanes::two(visual.scale.x as f64, visual.scale.y as f64),
        AnimProp::BackgroundColor => color_lanes(visual.background.unwrap_or(Color::TRANSPARENT)),
        AnimProp::BorderColor => color_lanes(visual.border.map(|b| b.1).unwrap_or(Color::TRANSPARENT)),
        AnimProp::Radii => corner_lanes(visual.radii),
        AnimProp::ShadowBlur => Lanes::one(shadow.blur as f64),
        AnimProp::ShadowColor => color_lanes(shadow.color),
        AnimProp::ShadowOffset => Lanes::two(shadow.x as f64, shadow.y as f64),
        _ => return None,
    })
}

/// The current value of `prop` on `e`, in the values the element has now (a missing component
/// reads as the property's neutral value: opacity 1, no translate, transparent...).
pub(crate) fn read(world: &World, e: Entity, prop: AnimProp) -> Lanes {
    let visual = world.get::<&Visual>(e).ok().map(|v| (*v).clone()).unwrap_or_default();
    if let Some(l) = read_visual(&visual, prop) {
        return l;
    }
    let layout_len = |explicit: Length, computed: fn(&Rect) -> f32| match explicit {
        Length::Px(v) => v as f64,
        _ => world.get::<&ComputedLayout>(e).map(|l| computed(&l.rect) as f64).unwrap_or(0.0),
    };
    let style = world.get::<&Style>(e).ok().map(|s| (s.width, s.height));
    match prop {
        AnimProp::TextColor => color_lanes(world.get::<&TextContent>(e).map(|t| t.color).unwrap_or(Color::TRANSPARENT)),
        AnimProp::Width => Lanes::one(layout_len(style.map(|s| s.0).unwrap_or_default(), |r| r.width)),
        AnimProp::Height => Lanes::one(layout_len(style.map(|s| s.1).unwrap_or_default(), |r| r.height)),
        AnimProp::ScrollOffset => {
            let o = world.get::<&ScrollOffset>(e).map(|s| s.0).unwrap_or_default();
            Lanes::two(o.x as f64, o.y as f64)
        }
        AnimProp::LayoutRect => match world.get::<&PaintRect>(e) {
            Ok(p) => rect_lanes(p.local),
            Err(_) => rect_lanes(super::layout_anim::local_rect(world, e).unwrap_or_default()),
        },
        _ => Lanes::zero(prop.lanes()),
    }
}

const TRANSPARENT_SHADOW: Shadow = Shadow::NONE;

/// Writes `value` to `prop` of `e`. Returns whether anything changed. Width and height are
/// written to [`Style`] only; the caller pushes the style to the layout engine.
pub(crate) fn write(world: &mut World, e: Entity, prop: AnimProp, value: &Lanes) -> bool {
    let f = |i: usize| value.v[i] as f32;
    match prop {
        AnimProp::Timer => false,
        AnimProp::Width | AnimProp::Height => {
            let Ok(mut s) = world.get::<&mut Style>(e) else { return false };
            let slot = if prop == AnimProp::Width { &mut s.width } else { &mut s.height };
            let new = Length::Px(f(0).max(0.0));
            let changed = *slot != new;
            *slot = new;
            changed
        }
        AnimProp::TextColor => {
            let Ok(mut t) = world.get::<&mut TextContent>(e) else { return false };
            let c = lanes_color(value);
            let changed = t.color != c;
            t.color = c;
            changed
        }
        AnimProp::ScrollOffset => {
            let o = ScrollOffset(Point::new(f(0), f(1)));
            let changed = world.get::<&ScrollOffset>(e).map(|s| *s != o).unwrap_or(true);
            let _ = world.insert_one(e, o);
            changed
        }
        AnimProp::LayoutRect => {
            let local = lanes_rect(value);
            let changed = world.get::<&PaintRect>(e).map(|p| p.local != local).unwrap_or(true);
            let _ = world.insert_one(e, PaintRect { local });
            changed
        }
        _ => {
            if !world.contains(e) {
                return false;
            }
            if world.get::<&Visual>(e).is_err() {
                let _ = world.insert_one(e, Visual::default());
            }
            let Ok(mut v) = world.get::<&mut Visual>(e) else { return false };
            let before = v.clone();
            write_visual(&mut v, prop, value);
            *v != before
        }
    }
}

/// Writes `value` to `prop` of `v` (properties that live outside [`Visual`] are ignored).
pub(crate) fn write_visual(v: &mut Visual, prop: AnimProp, value: &Lanes) {
    let f = |i: usize| value.v[i] as f32;
    match prop {
        AnimProp::Opacity => v.opacity = f(0).clamp(0.0, 1.0),
        AnimProp::Translate => v.translate = Point::new(f(0), f(1)),
        AnimProp::Scale => v.scale = Point::new(f(0), f(1)),
        AnimProp::BackgroundColor => v.background = Some(lanes_color(value)),
        AnimProp::BorderColor => {
            if let Some(b) = &mut v.border {
                b.1 = lanes_color(value);
            }
        }
        AnimProp::Radii => {
            v.radii = Corners {
                top_left: f(0).max(0.0),
                top_right: f(1).max(0.0),
                bottom_right: f(2).max(0.0),
                bottom_left: f(3).max(0.0),
            }
        }
        AnimProp::ShadowBlur => v.shadow.get_or_insert(TRANSPARENT_SHADOW).blur = f(0).max(0.0),
        AnimProp::ShadowColor => v.shadow.get_or_insert(TRANSPARENT_SHADOW).color = lanes_color(value),
        AnimProp::ShadowOffset => {
            let s = v.shadow.get_or_insert(TRANSPARENT_SHADOW);
            (s.x, s.y) = (f(0), f(1));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_and_interpolate_premultiplied() {
        for c in [Color::rgb(10, 200, 30), Color::rgba(255, 0, 0, 128), Color::WHITE] {
            assert_eq!(lanes_color(&color_lanes(c)), c);
        }
        // Transparent to opaque red: the midpoint is half-transparent *red*, not dark red.
        let mid = color_lanes(Color::TRANSPARENT).lerp(&color_lanes(Color::rgb(255, 0, 0)), 0.5);
        assert_eq!(lanes_color(&mid), Color::rgba(255, 0, 0, 128));
    }

    #[test]
    fn targets_must_fit_the_property() {
        assert!(to_lanes(AnimProp::Opacity, Color::WHITE.into()).is_err());
        assert_eq!(to_lanes(AnimProp::Scale, 2.0.into()), Ok(Lanes::two(2.0, 2.0)));
        assert_eq!(to_lanes(AnimProp::Radii, 8.0.into()), Ok(Lanes::four(8.0, 8.0, 8.0, 8.0)));
        assert!(to_lanes(AnimProp::Opacity, f32::NAN.into()).is_err());
    }
}
