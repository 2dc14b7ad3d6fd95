//! Enter and exit transitions of elements, and screen transitions.
//!
//! A [`Motion`] names the *offstage* look of an element (faded, slid, shrunk). With
//! [`crate::El::enter`] a newly mounted element starts offstage and animates to the look it was
//! built with. With [`crate::El::exit`], [`crate::App::despawn`] does not despawn at once: the
//! element gets an [`Exiting`] marker, is taken out of flow (absolute, at its last rectangle,
//! so its siblings reflow at once and, with layout animation, glide into the gap), animates to
//! its offstage look, and is despawned for real when that ends. Code that walks the tree
//! (focus search, hit tests) must skip elements carrying [`Exiting`]: they are leaving.
//!
//! A screen transition ([`ScreenTransition`]) moves two whole screen containers at once: the
//! outgoing one away, the incoming one in.

use tenfoot_renderer::Point;

use super::channel::Timing;
use super::easing::Easing;
use super::tween::Tween;
use super::value::AnimProp;

/// An element's offstage look and how it moves between that and its real look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Motion {
    /// Offstage opacity (`None` leaves opacity alone).
    pub opacity: Option<f32>,
    /// Offstage offset from the element's place, logical px.
    pub translate: Option<Point>,
    /// Offstage uniform scale about the centre.
    pub scale: Option<f32>,
    pub timing: Timing,
}

impl Default for Motion {
    /// A 250 ms ease-out fade.
    fn default() -> Self {
        Self::fade()
    }
}

impl Motion {
    /// Fades (offstage opacity 0) over 250 ms, ease-out.
    pub fn fade() -> Self {
        Self { opacity: Some(0.0), translate: None, scale: None, timing: Tween::ms(250).ease(Easing::EaseOut).into() }
    }
    /// Nothing offstage yet; add with [`Motion::slide`], [`Motion::scale`], [`Motion::opacity`].
    pub fn none() -> Self {
        Self { opacity: None, ..Self::fade() }
    }
    /// Offstage `dx, dy` px from its place.
    pub fn slide(mut self, dx: f32, dy: f32) -> Self {
        self.translate = Some(Point::new(dx, dy));
        self
    }
    /// Offstage at uniform scale `s`.
    pub fn scale(mut self, s: f32) -> Self {
        self.scale = Some(s);
        self
    }
    pub fn opacity(mut self, o: f32) -> Self {
        self.opacity = Some(o);
        self
    }
    pub fn timing(mut self, t: impl Into<Timing>) -> Self {
        self.timing = t.into();
        self
    }

    /// The properties this motion animates.
    pub(crate) fn props(&self) -> Vec<AnimProp> {
        let mut p = Vec::new();
        if self.opacity.is_some() {
            p.push(AnimProp::Opacity);
        }
        if self.translate.is_some() {
            p.push(AnimProp::Translate);
        }
        if self.scale.is_some() {
            p.push(AnimProp::Scale);
        }
        p
    }
}

/// Plays [`EnterMotion::0`] when the element is mounted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EnterMotion(pub Motion);

/// Plays [`ExitMotion::0`] when the element is despawned, then despawns it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExitMotion(pub Motion);

/// Marks an element playing its exit motion: it is still painted but already gone as far as
/// focus, input and queries for live elements are concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exiting;

/// How one screen replaces another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenTransition {
    /// Cross-fade.
    Fade,
    /// The new screen comes in from the right, the old leaves to the left (going deeper).
    SlideLeft,
    /// The new screen comes in from the left, the old leaves to the right (going back).
    SlideRight,
    /// The new screen rises from below over the old, which dims.
    SlideUp,
    /// The new screen fades in from slightly larger, the old recedes and fades.
    Zoom,
}

impl ScreenTransition {
    /// The motions of the (incoming, outgoing) screens for a screen `width` x `height` px.
    pub fn motions(self, width: f32, height: f32, timing: Timing) -> (Motion, Motion) {
        let m = Motion::none().timing(timing);
        match self {
            ScreenTransition::Fade => (m.opacity(0.0), m.opacity(0.0)),
            ScreenTransition::SlideLeft => (m.slide(width, 0.0), m.slide(-width * 0.35, 0.0).opacity(0.0)),
            ScreenTransition::SlideRight => (m.slide(-width, 0.0), m.slide(width * 0.35, 0.0).opacity(0.0)),
            ScreenTransition::SlideUp => (m.slide(0.0, height), m.opacity(0.35)),
            ScreenTransition::Zoom => (m.scale(1.08).opacity(0.0), m.scale(0.94).opacity(0.0)),
        }
    }
}
