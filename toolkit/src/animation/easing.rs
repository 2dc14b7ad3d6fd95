//! Easing curves: the CSS standard set (linear, ease, ease-in, ease-out, ease-in-out, steps)
//! plus `cubic-bezier(x1, y1, x2, y2)`, with a solver that is exact to 1e-7 in progress.
//!
//! Pure functions of progress in 0..=1; nothing here knows about time or the world.

use std::fmt;

/// How a tween's progress (0..=1 of its duration) maps to the fraction of the way to the target.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Easing {
    Linear,
    /// CSS `ease` (the default, as in CSS): `cubic-bezier(.25, .1, .25, 1)`.
    #[default]
    Ease,
    /// CSS `ease-in`: `cubic-bezier(.42, 0, 1, 1)`.
    EaseIn,
    /// CSS `ease-out`: `cubic-bezier(0, 0, .58, 1)`.
    EaseOut,
    /// CSS `ease-in-out`: `cubic-bezier(.42, 0, .58, 1)`.
    EaseInOut,
    /// CSS `cubic-bezier(x1, y1, x2, y2)`; `x1` and `x2` are clamped to 0..=1 as CSS requires,
    /// `y1` and `y2` may overshoot (a "back" curve).
    CubicBezier(f32, f32, f32, f32),
    /// CSS `steps(n, jump-end)`: `n` equal jumps, the last at the end.
    Steps(u32),
}

impl Easing {
    /// The eased fraction at progress `t` (clamped to 0..=1). `ease(0) == 0`, `ease(1) == 1`.
    pub fn ease(&self, t: f64) -> f64 {
        let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 1.0 };
        match *self {
            Easing::Linear => t,
            Easing::Ease => bezier(0.25, 0.1, 0.25, 1.0, t),
            Easing::EaseIn => bezier(0.42, 0.0, 1.0, 1.0, t),
            Easing::EaseOut => bezier(0.0, 0.0, 0.58, 1.0, t),
            Easing::EaseInOut => bezier(0.42, 0.0, 0.58, 1.0, t),
            Easing::CubicBezier(x1, y1, x2, y2) => {
                let clean = |v: f32, lo: f64, hi: f64| if v.is_finite() { (v as f64).clamp(lo, hi) } else { lo };
                bezier(clean(x1, 0.0, 1.0), clean(y1, -10.0, 10.0), clean(x2, 0.0, 1.0), clean(y2, -10.0, 10.0), t)
            }
            Easing::Steps(n) => {
                let n = n.max(1) as f64;
                if t >= 1.0 {
                    1.0
                } else {
                    (t * n).floor() / n
                }
            }
        }
    }
}

impl fmt::Display for Easing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Easing::Linear => f.write_str("linear"),
            Easing::Ease => f.write_str("ease"),
            Easing::EaseIn => f.write_str("ease-in"),
            Easing::EaseOut => f.write_str("ease-out"),
            Easing::EaseInOut => f.write_str("ease-in-out"),
            Easing::CubicBezier(a, b, c, d) => write!(f, "cubic-bezier({a}, {b}, {c}, {d})"),
            Easing::Steps(n) => write!(f, "steps({n})"),
        }
    }
}

/// The y of the unit cubic Bézier through (0,0), (x1,y1), (x2,y2), (1,1) at the point whose x
/// is `x`. Solves x(s) = x with Newton's method, falling back to bisection where the slope is
/// flat (the same approach as WebKit's `UnitBezier`).
fn bezier(x1: f64, y1: f64, x2: f64, y2: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    // Polynomial coefficients: b(s) = ((a s + b) s + c) s.
    let cx = 3.0 * x1;
    let bx = 3.0 * (x2 - x1) - cx;
    let ax = 1.0 - cx - bx;
    let cy = 3.0 * y1;
    let by = 3.0 * (y2 - y1) - cy;
    let ay = 1.0 - cy - by;
    let sample_x = |s: f64| ((ax * s + bx) * s + cx) * s;
    let slope_x = |s: f64| (3.0 * ax * s + 2.0 * bx) * s + cx;
    let sample_y = |s: f64| ((ay * s + by) * s + cy) * s;
    const EPS: f64 = 1e-9;
    let mut s = x;
    for _ in 0..8 {
        let err = sample_x(s) - x;
        if err.abs() < EPS {
            return sample_y(s);
        }
        let d = slope_x(s);
        if d.abs() < 1e-6 {
            break;
        }
        s -= err / d;
    }
    // Bisection: x(s) is monotonic on 0..=1 because x1 and x2 are in 0..=1.
    let (mut lo, mut hi) = (0.0, 1.0);
    s = x;
    for _ in 0..64 {
        let v = sample_x(s);
        if (v - x).abs() < EPS {
            break;
        }
        if v < x {
            lo = s;
        } else {
            hi = s;
        }
        s = (lo + hi) / 2.0;
    }
    sample_y(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_exact() {
        for e in [
            Easing::Linear,
            Easing::Ease,
            Easing::EaseIn,
            Easing::EaseOut,
            Easing::EaseInOut,
            Easing::CubicBezier(0.2, 0.8, 0.2, 1.0),
            Easing::Steps(4),
        ] {
            assert_eq!(e.ease(0.0), 0.0, "{e}");
            assert_eq!(e.ease(1.0), 1.0, "{e}");
        }
    }

    #[test]
    fn matches_known_css_values() {
        // Reference values from the CSS definition of the curves (computed independently with
        // a high-precision solver).
        assert!((Easing::EaseInOut.ease(0.5) - 0.5).abs() < 1e-6);
        assert!((Easing::Ease.ease(0.5) - 0.8024033877399112).abs() < 1e-5, "{}", Easing::Ease.ease(0.5));
        assert!((Easing::EaseIn.ease(0.5) - 0.31535681).abs() < 1e-5, "{}", Easing::EaseIn.ease(0.5));
        assert!((Easing::EaseOut.ease(0.5) - 0.68464319).abs() < 1e-5, "{}", Easing::EaseOut.ease(0.5));
        // cubic-bezier(0,0,1,1) is linear.
        let lin = Easing::CubicBezier(0.0, 0.0, 1.0, 1.0);
        for i in 0..=10 {
            let t = i as f64 / 10.0;
            assert!((lin.ease(t) - t).abs() < 1e-6);
        }
    }

    #[test]
    fn overshooting_curves_and_steps() {
        let back = Easing::CubicBezier(0.3, 1.6, 0.6, 1.0);
        let peak = (1..100).map(|i| back.ease(i as f64 / 100.0)).fold(0.0, f64::max);
        assert!(peak > 1.05, "peak {peak}");
        assert_eq!(Easing::Steps(4).ease(0.3), 0.25);
        assert_eq!(Easing::Steps(4).ease(0.99), 0.75);
        assert_eq!(Easing::Steps(0).ease(0.5), 0.0);
    }

    #[test]
    fn bad_input_is_clamped_not_propagated() {
        assert_eq!(Easing::Ease.ease(f64::NAN), 1.0);
        assert_eq!(Easing::Ease.ease(-3.0), 0.0);
        let v = Easing::CubicBezier(f32::NAN, 0.0, 5.0, 1.0).ease(0.5);
        assert!(v.is_finite());
    }
}
