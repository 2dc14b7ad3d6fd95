//! Geometry and colour values shared by the display list, layout and backends.
//!
//! Everything here is in *logical* pixels (the 1920x1080 design space) unless a type says
//! otherwise: [`PhysicalSize`] is the only physical-pixel type, and [`Scale`] converts between
//! the two. Keeping them apart stops a 4K buffer size being mistaken for a layout size.

/// A point in logical pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// A size in logical pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

impl Size {
    pub const fn new(width: f32, height: f32) -> Self {
        Self { width, height }
    }
}

/// A buffer size in physical (device) pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PhysicalSize {
    pub width: u32,
    pub height: u32,
}

impl PhysicalSize {
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }
}

/// The ratio of physical to logical pixels: 1.0 for a 1080p buffer, 2.0 for 4K.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale(pub f32);

impl Scale {
    /// The scale that fits `logical` into `physical` keeping aspect (the smaller axis ratio).
    pub fn fit(logical: Size, physical: PhysicalSize) -> Self {
        if logical.width <= 0.0 || logical.height <= 0.0 {
            return Scale(1.0);
        }
        let sx = physical.width as f32 / logical.width;
        let sy = physical.height as f32 / logical.height;
        Scale(sx.min(sy))
    }
}

/// An axis-aligned rectangle in logical pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> Self {
        Self { x, y, width, height }
    }

    pub fn from_size(size: Size) -> Self {
        Self::new(0.0, 0.0, size.width, size.height)
    }

    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn is_empty(&self) -> bool {
        !(self.width > 0.0 && self.height > 0.0)
    }

    pub fn translate(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.width, self.height)
    }

    /// Grows the rectangle by `d` on every side (shrinks for negative `d`).
    pub fn inflate(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.width + 2.0 * d, self.height + 2.0 * d)
    }

    pub fn intersect(&self, other: &Rect) -> Option<Rect> {
        let x0 = self.x.max(other.x);
        let y0 = self.y.max(other.y);
        let x1 = self.right().min(other.right());
        let y1 = self.bottom().min(other.bottom());
        (x1 > x0 && y1 > y0).then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
    }

    pub fn union(&self, other: &Rect) -> Rect {
        if self.is_empty() {
            return *other;
        }
        if other.is_empty() {
            return *self;
        }
        let x0 = self.x.min(other.x);
        let y0 = self.y.min(other.y);
        let x1 = self.right().max(other.right());
        let y1 = self.bottom().max(other.bottom());
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x < self.right() && p.y >= self.y && p.y < self.bottom()
    }

    /// True when every coordinate is finite.
    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite() && self.width.is_finite() && self.height.is_finite()
    }
}

/// Per-corner radii in logical pixels: top-left, top-right, bottom-right, bottom-left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Corners {
    pub top_left: f32,
    pub top_right: f32,
    pub bottom_right: f32,
    pub bottom_left: f32,
}

impl Corners {
    pub const ZERO: Corners = Corners::all(0.0);

    pub const fn all(r: f32) -> Self {
        Self { top_left: r, top_right: r, bottom_right: r, bottom_left: r }
    }

    pub fn is_zero(&self) -> bool {
        self.top_left <= 0.0 && self.top_right <= 0.0 && self.bottom_right <= 0.0 && self.bottom_left <= 0.0
    }

    pub fn scaled(&self, s: f32) -> Corners {
        Corners {
            top_left: self.top_left * s,
            top_right: self.top_right * s,
            bottom_right: self.bottom_right * s,
            bottom_left: self.bottom_left * s,
        }
    }

    /// Radii shrunk by `d` (for the inner edge of a border), never below zero.
    pub fn inset(&self, d: f32) -> Corners {
        Corners {
            top_left: (self.top_left - d).max(0.0),
            top_right: (self.top_right - d).max(0.0),
            bottom_right: (self.bottom_right - d).max(0.0),
            bottom_left: (self.bottom_left - d).max(0.0),
        }
    }
}

/// A straight-alpha sRGB colour, 8 bits per channel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const TRANSPARENT: Color = Color::rgba(0, 0, 0, 0);
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    pub const WHITE: Color = Color::rgb(255, 255, 255);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// `0xRRGGBB`.
    pub const fn hex(v: u32) -> Self {
        Self::rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// The same colour with alpha multiplied by `opacity` (clamped to 0..=1).
    pub fn with_opacity(self, opacity: f32) -> Self {
        let o = if opacity.is_finite() { opacity.clamp(0.0, 1.0) } else { 1.0 };
        Self { a: (self.a as f32 * o).round() as u8, ..self }
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa`.
    pub fn parse(s: &str) -> Option<Color> {
        let h = s.strip_prefix('#')?;
        let nib = |i: usize| u8::from_str_radix(h.get(i..i + 1)?, 16).ok();
        let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        match h.len() {
            3 => Some(Color::rgb(nib(0)? * 17, nib(1)? * 17, nib(2)? * 17)),
            6 => Some(Color::rgb(byte(0)?, byte(2)?, byte(4)?)),
            8 => Some(Color::rgba(byte(0)?, byte(2)?, byte(4)?, byte(6)?)),
            _ => None,
        }
    }

    pub fn is_opaque(&self) -> bool {
        self.a == 255
    }
}

/// A 2D affine transform `[sx kx tx; ky sy ty]`, mapping `(x, y)` to
/// `(sx*x + kx*y + tx, ky*x + sy*y + ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub sx: f32,
    pub ky: f32,
    pub kx: f32,
    pub sy: f32,
    pub tx: f32,
    pub ty: f32,
}

impl Default for Transform {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl Transform {
    pub const IDENTITY: Transform = Transform { sx: 1.0, ky: 0.0, kx: 0.0, sy: 1.0, tx: 0.0, ty: 0.0 };

    pub const fn translate(tx: f32, ty: f32) -> Self {
        Transform { tx, ty, ..Self::IDENTITY }
    }

    pub const fn scale(sx: f32, sy: f32) -> Self {
        Transform { sx, sy, ..Self::IDENTITY }
    }

    pub fn rotate(radians: f32) -> Self {
        let (s, c) = radians.sin_cos();
        Transform { sx: c, ky: s, kx: -s, sy: c, tx: 0.0, ty: 0.0 }
    }

    /// Scale by `s` about the point `origin`.
    pub fn scale_about(s: f32, origin: Point) -> Self {
        Transform::translate(origin.x, origin.y)
            .then(&Transform::scale(s, s))
            .then(&Transform::translate(-origin.x, -origin.y))
    }

    /// `self * other`: applies `other` first, then `self`.
    pub fn then(&self, other: &Transform) -> Transform {
        Transform {
            sx: self.sx * other.sx + self.kx * other.ky,
            ky: self.ky * other.sx + self.sy * other.ky,
            kx: self.sx * other.kx + self.kx * other.sy,
            sy: self.ky * other.kx + self.sy * other.sy,
            tx: self.sx * other.tx + self.kx * other.ty + self.tx,
            ty: self.ky * other.tx + self.sy * other.ty + self.ty,
        }
    }

    pub fn apply(&self, p: Point) -> Point {
        Point::new(self.sx * p.x + self.kx * p.y + self.tx, self.ky * p.x + self.sy * p.y + self.ty)
    }

    /// The axis-aligned bounding box of `r` after this transform.
    pub fn map_rect(&self, r: &Rect) -> Rect {
        let pts = [
            self.apply(Point::new(r.x, r.y)),
            self.apply(Point::new(r.right(), r.y)),
            self.apply(Point::new(r.x, r.bottom())),
            self.apply(Point::new(r.right(), r.bottom())),
        ];
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in pts {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    pub fn is_identity(&self) -> bool {
        *self == Self::IDENTITY
    }

    /// True when the transform only translates and scales (no rotation or skew).
    pub fn is_axis_aligned(&self) -> bool {
        self.kx == 0.0 && self.ky == 0.0
    }

    pub fn is_finite(&self) -> bool {
        [self.sx, self.ky, self.kx, self.sy, self.tx, self.ty].iter().all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_intersection_and_union() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        let b = Rect::new(5.0, 5.0, 10.0, 10.0);
        assert_eq!(a.intersect(&b), Some(Rect::new(5.0, 5.0, 5.0, 5.0)));
        assert_eq!(a.union(&b), Rect::new(0.0, 0.0, 15.0, 15.0));
        assert_eq!(a.intersect(&Rect::new(20.0, 0.0, 1.0, 1.0)), None);
    }

    #[test]
    fn transform_order_applies_right_first() {
        let t = Transform::translate(10.0, 0.0).then(&Transform::scale(2.0, 2.0));
        assert_eq!(t.apply(Point::new(1.0, 1.0)), Point::new(12.0, 2.0));
        let s = Transform::scale_about(2.0, Point::new(5.0, 5.0));
        assert_eq!(s.apply(Point::new(5.0, 5.0)), Point::new(5.0, 5.0));
        assert_eq!(s.apply(Point::new(6.0, 5.0)), Point::new(7.0, 5.0));
    }

    #[test]
    fn colour_parsing() {
        assert_eq!(Color::parse("#fff"), Some(Color::WHITE));
        assert_eq!(Color::parse("#102030"), Some(Color::rgb(16, 32, 48)));
        assert_eq!(Color::parse("#10203040"), Some(Color::rgba(16, 32, 48, 64)));
        assert_eq!(Color::parse("102030"), None);
        assert_eq!(Color::parse("#12345"), None);
        assert_eq!(Color::parse("#ggg"), None);
    }

    #[test]
    fn scale_fits_and_keeps_aspect() {
        let s = Scale::fit(Size::new(1920.0, 1080.0), PhysicalSize::new(3840, 2160));
        assert_eq!(s, Scale(2.0));
        let s = Scale::fit(Size::new(1920.0, 1080.0), PhysicalSize::new(1280, 1000));
        assert!((s.0 - 1280.0 / 1920.0).abs() < 1e-6);
    }
}
