//! The display list: an owned, ordered list of drawing commands, the only thing backends see.
//!
//! Coordinates are logical pixels. Fonts and images are referenced by [`FontId`] and
//! [`ImageId`]; their definitions live once in [`crate::Resources`]. Push/pop commands nest:
//! every `Push*` has a matching pop of the same kind, checked by [`DisplayList::validate`].

use crate::geom::{Color, Corners, Point, Rect, Transform};

/// A font face defined in [`crate::Resources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u32);

/// An image source defined in [`crate::Resources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(pub u32);

/// How an image fills its rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImageFit {
    /// Scale to cover the whole rectangle, keeping aspect; the overflow is clipped.
    #[default]
    Cover,
    /// Scale to fit inside the rectangle, keeping aspect; the rest stays empty.
    Contain,
    /// Stretch to the rectangle exactly.
    Fill,
}

/// One colour stop of a gradient, `offset` in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientStop {
    pub offset: f32,
    pub color: Color,
}

/// One positioned glyph of a [`GlyphRun`], relative to the run's origin (the baseline start).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    pub y: f32,
}

/// Glyphs of one font, size and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun {
    pub font: FontId,
    /// Font size in logical pixels.
    pub size: f32,
    pub color: Color,
    pub origin: Point,
    pub glyphs: Vec<Glyph>,
}

/// One drawing command.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A solid rectangle with optional rounded corners.
    FillRect {
        rect: Rect,
        radii: Corners,
        color: Color,
    },
    /// A linear gradient from `start` to `end` (logical points), clipped to the rounded rect.
    LinearGradient {
        rect: Rect,
        radii: Corners,
        start: Point,
        end: Point,
        stops: Vec<GradientStop>,
    },
    /// A border drawn inside `rect`, `width` thick.
    Border {
        rect: Rect,
        radii: Corners,
        width: f32,
        color: Color,
    },
    /// A blurred shadow of the rounded rect `rect`, moved by `offset` and grown by `spread`.
    /// `blur` is the blur radius (roughly twice the Gaussian sigma, as in CSS).
    BoxShadow {
        rect: Rect,
        radii: Corners,
        offset: Point,
        blur: f32,
        spread: f32,
        color: Color,
    },
    /// An image fitted into `rect`, clipped to its rounded corners.
    Image {
        image: ImageId,
        rect: Rect,
        fit: ImageFit,
        radii: Corners,
        opacity: f32,
    },
    /// Shaped text.
    GlyphRun(GlyphRun),
    /// Intersects the clip with a rounded rect until the matching [`Command::PopClip`].
    PushClip {
        rect: Rect,
        radii: Corners,
    },
    PopClip,
    /// Draws everything until the matching [`Command::PopOpacity`] as one layer at `opacity`.
    PushOpacity(f32),
    PopOpacity,
    /// Applies `transform` (after the current one) until [`Command::PopTransform`].
    PushTransform(Transform),
    PopTransform,
    /// Reserves `rect` for the platform's video plane, which lies *under* the whole UI: on a
    /// device the rectangle (under the current transform and clip) is cleared to transparent
    /// where the command sits, so commands before it that overlap it are hidden by the video
    /// and commands after it are drawn over the video (controls, subtitles). Backends with no
    /// video plane draw a labelled placeholder instead (the CPU backend does).
    Video {
        rect: Rect,
        label: String,
    },
}

/// What kind of push a pop must match; used by validation and backends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    Clip,
    Opacity,
    Transform,
}

impl Command {
    /// `Some(kind)` for a push command.
    pub fn pushes(&self) -> Option<Nesting> {
        match self {
            Command::PushClip { .. } => Some(Nesting::Clip),
            Command::PushOpacity(_) => Some(Nesting::Opacity),
            Command::PushTransform(_) => Some(Nesting::Transform),
            _ => None,
        }
    }

    /// `Some(kind)` for a pop command.
    pub fn pops(&self) -> Option<Nesting> {
        match self {
            Command::PopClip => Some(Nesting::Clip),
            Command::PopOpacity => Some(Nesting::Opacity),
            Command::PopTransform => Some(Nesting::Transform),
            _ => None,
        }
    }

    /// Feeds every field of the command into `h` (floats by bit pattern), so two commands hash
    /// alike exactly when they draw alike.
    pub fn hash_into<H: std::hash::Hasher>(&self, h: &mut H) {
        use std::hash::Hash;
        fn f<H: std::hash::Hasher>(h: &mut H, vals: &[f32]) {
            for v in vals {
                v.to_bits().hash(h);
            }
        }
        fn rect<H: std::hash::Hasher>(h: &mut H, r: &Rect) {
            f(h, &[r.x, r.y, r.width, r.height]);
        }
        fn radii<H: std::hash::Hasher>(h: &mut H, r: &Corners) {
            f(h, &[r.top_left, r.top_right, r.bottom_right, r.bottom_left]);
        }
        self.name().hash(h);
        match self {
            Command::FillRect { rect: r, radii: c, color } => {
                rect(h, r);
                radii(h, c);
                color.hash(h);
            }
            Command::LinearGradient { rect: r, radii: c, start, end, stops } => {
                rect(h, r);
                radii(h, c);
                f(h, &[start.x, start.y, end.x, end.y]);
                for s in stops {
                    f(h, &[s.offset]);
                    s.color.hash(h);
                }
            }
            Command::Border { rect: r, radii: c, width, color } => {
                rect(h, r);
                radii(h, c);
                f(h, &[*width]);
                color.hash(h);
            }
            Command::BoxShadow { rect: r, radii: c, offset, blur, spread, color } => {
                rect(h, r);
                radii(h, c);
                f(h, &[offset.x, offset.y, *blur, *spread]);
                color.hash(h);
            }
            Command::Image { image, rect: r, fit, radii: c, opacity } => {
                image.hash(h);
                rect(h, r);
                fit.hash(h);
                radii(h, c);
                f(h, &[*opacity]);
            }
            Command::GlyphRun(run) => {
                run.font.hash(h);
                run.color.hash(h);
                f(h, &[run.size, run.origin.x, run.origin.y]);
                for g in &run.glyphs {
                    g.id.hash(h);
                    f(h, &[g.x, g.y]);
                }
            }
            Command::PushClip { rect: r, radii: c } => {
                rect(h, r);
                radii(h, c);
            }
            Command::PushOpacity(o) => f(h, &[*o]),
            Command::PushTransform(t) => f(h, &[t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]),
            Command::Video { rect: r, label } => {
                rect(h, r);
                label.hash(h);
            }
            Command::PopClip | Command::PopOpacity | Command::PopTransform => {}
        }
    }

    /// The logical area the command can touch (before any pushed transform or clip), with a
    /// margin for antialiasing; `None` for push and pop commands.
    pub fn bounds(&self) -> Option<Rect> {
        match self {
            Command::FillRect { rect, .. }
            | Command::LinearGradient { rect, .. }
            | Command::Border { rect, .. }
            | Command::Image { rect, .. }
            | Command::Video { rect, .. } => Some(rect.inflate(1.0)),
            Command::BoxShadow { rect, offset, blur, spread, .. } => {
                let grow = spread.max(0.0) + blur.max(0.0) + 2.0;
                Some(rect.translate(offset.x, offset.y).inflate(grow))
            }
            Command::GlyphRun(run) => {
                let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for g in &run.glyphs {
                    x0 = x0.min(g.x);
                    x1 = x1.max(g.x);
                    y0 = y0.min(g.y);
                    y1 = y1.max(g.y);
                }
                if x0 > x1 {
                    return None;
                }
                // Glyphs reach about an em past their origin and above their baseline.
                let s = run.size;
                Some(Rect::new(
                    run.origin.x + x0 - s * 0.5,
                    run.origin.y + y0 - s * 1.2,
                    x1 - x0 + s * 2.0,
                    y1 - y0 + s * 1.7,
                ))
            }
            _ => None,
        }
    }

    /// The short name used in text snapshots and counts.
    pub fn name(&self) -> &'static str {
        match self {
            Command::FillRect { .. } => "FillRect",
            Command::LinearGradient { .. } => "LinearGradient",
            Command::Border { .. } => "Border",
            Command::BoxShadow { .. } => "BoxShadow",
            Command::Image { .. } => "Image",
            Command::GlyphRun(_) => "GlyphRun",
            Command::PushClip { .. } => "PushClip",
            Command::PopClip => "PopClip",
            Command::PushOpacity(_) => "PushOpacity",
            Command::PopOpacity => "PopOpacity",
            Command::PushTransform(_) => "PushTransform",
            Command::PopTransform => "PopTransform",
            Command::Video { .. } => "Video",
        }
    }
}

/// The deepest push nesting a display list may have. Deeper trees are flattened by paint.
pub const MAX_NESTING: usize = 256;

/// A display list whose pushes and pops do not match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NestingError {
    /// Index of the offending command.
    pub index: usize,
    pub message: String,
}

impl std::fmt::Display for NestingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "display list command {}: {}", self.index, self.message)
    }
}

impl std::error::Error for NestingError {}

/// An owned list of commands for one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisplayList {
    pub commands: Vec<Command>,
}

impl DisplayList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn len(&self) -> usize {
        self.commands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// Checks that pushes and pops match and nesting stays within [`MAX_NESTING`].
    pub fn validate(&self) -> Result<(), NestingError> {
        let mut stack = Vec::new();
        for (index, c) in self.commands.iter().enumerate() {
            if let Some(kind) = c.pushes() {
                if stack.len() >= MAX_NESTING {
                    return Err(NestingError { index, message: format!("nesting deeper than {MAX_NESTING}") });
                }
                stack.push(kind);
            } else if let Some(kind) = c.pops() {
                match stack.pop() {
                    Some(open) if open == kind => {}
                    Some(open) => {
                        return Err(NestingError { index, message: format!("{} closes a {open:?} push", c.name()) })
                    }
                    None => return Err(NestingError { index, message: format!("{} with nothing pushed", c.name()) }),
                }
            }
        }
        match stack.last() {
            Some(open) => {
                Err(NestingError { index: self.commands.len(), message: format!("{open:?} push never popped") })
            }
            None => Ok(()),
        }
    }

    /// How many commands of each kind, sorted by name: `[("FillRect", 3), ...]`.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for c in &self.commands {
            match counts.iter_mut().find(|(n, _)| *n == c.name()) {
                Some((_, k)) => *k += 1,
                None => counts.push((c.name(), 1)),
            }
        }
        counts.sort();
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_catches_mismatched_pops() {
        let mut list = DisplayList::new();
        list.push(Command::PushOpacity(0.5));
        list.push(Command::PopClip);
        assert_eq!(list.validate().map_err(|e| e.index), Err(1));

        let mut list = DisplayList::new();
        list.push(Command::PushTransform(Transform::IDENTITY));
        assert!(list.validate().is_err());
        list.push(Command::PopTransform);
        assert!(list.validate().is_ok());
    }

    #[test]
    fn counts_by_kind() {
        let mut list = DisplayList::new();
        let rect = Rect::new(0.0, 0.0, 1.0, 1.0);
        list.push(Command::FillRect { rect, radii: Corners::ZERO, color: Color::WHITE });
        list.push(Command::FillRect { rect, radii: Corners::ZERO, color: Color::BLACK });
        list.push(Command::PushClip { rect, radii: Corners::ZERO });
        list.push(Command::PopClip);
        assert_eq!(list.counts(), vec![("FillRect", 2), ("PopClip", 1), ("PushClip", 1)]);
    }
}
