//! Springs: a damped harmonic oscillator pulling a value to its target.
//!
//! Solved *analytically* (the closed form of `m·x'' + c·x' + k·x = 0` for the under-, critically
//! and over-damped cases), not integrated: the value at a time depends only on the time since
//! the spring (re)started, never on how many frames came before or how long they were. Any
//! frame-time sequence gives the same value at the same instant, and a test can sample 116 ms
//! exactly. A retarget restarts the solution from the current value and velocity, so both are
//! continuous.
//!
//! A spring is done when every lane is within the property's precision of the target and
//! moving slower than 20 precisions per second; it then snaps to the target. A spring that
//! would never settle (zero damping) is stopped at its target after [`MAX_SPRING_SECONDS`].

use super::value::Lanes;

/// The longest a spring may run before it is snapped to its target, in seconds. Keeps an
/// undamped spring from animating (and repainting) forever.
pub const MAX_SPRING_SECONDS: f64 = 30.0;

/// Spring parameters. Mass 1 with stiffness `k` oscillates at `sqrt(k)` rad/s; damping ratio
/// `c / (2·sqrt(k·m))` is 1 for the fastest motion without overshoot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spring {
    pub stiffness: f32,
    pub damping: f32,
    pub mass: f32,
}

impl Default for Spring {
    /// A brisk, slightly bouncy spring for focus motion (damping ratio ~0.8).
    fn default() -> Self {
        Self::snappy()
    }
}

impl Spring {
    pub fn new(stiffness: f32, damping: f32, mass: f32) -> Self {
        Self { stiffness, damping, mass }
    }
    /// Focus motion: settles in about 300 ms with a hint of overshoot.
    pub fn snappy() -> Self {
        Self::new(400.0, 32.0, 1.0)
    }
    /// Slow and soft, no overshoot (critically damped): scrolling and large moves.
    pub fn gentle() -> Self {
        Self::new(120.0, 2.0 * 120f32.sqrt(), 1.0)
    }
    /// Playful: overshoots and settles with a few visible wobbles.
    pub fn wobbly() -> Self {
        Self::new(180.0, 12.0, 1.0)
    }

    /// The damping ratio (1 = critical).
    pub fn damping_ratio(&self) -> f32 {
        self.damping / (2.0 * (self.stiffness * self.mass).sqrt())
    }

    /// Parameters made usable: non-finite or non-positive stiffness or mass fall back to the
    /// defaults, negative damping to zero. Returns whether anything had to change.
    pub(crate) fn sanitized(self) -> (Spring, bool) {
        let d = Spring::default();
        let ok = |v: f32| v.is_finite() && v > 0.0;
        let s = Spring {
            stiffness: if ok(self.stiffness) { self.stiffness } else { d.stiffness },
            mass: if ok(self.mass) { self.mass } else { d.mass },
            damping: if self.damping.is_finite() { self.damping.max(0.0) } else { d.damping },
        };
        (s, s != self)
    }
}

/// A running spring: displacement `x0` from `target` and velocity `v0` at its start.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SpringRun {
    pub target: Lanes,
    pub x0: Lanes,
    pub v0: Lanes,
    pub spring: Spring,
    pub precision: f64,
}

impl SpringRun {
    pub fn new(from: Lanes, velocity: Lanes, target: Lanes, spring: Spring, precision: f64) -> Self {
        SpringRun { target, x0: from.sub(&target), v0: velocity, spring, precision }
    }

    /// Value and velocity at `t` seconds after the start, and whether the spring has settled.
    pub fn sample(&self, t: f64) -> (Lanes, Lanes, bool) {
        let t = t.max(0.0);
        let mut x = self.x0;
        let mut v = self.v0;
        for i in 0..self.x0.n {
            let (xi, vi) = solve(&self.spring, self.x0.v[i], self.v0.v[i], t);
            x.v[i] = xi;
            v.v[i] = vi;
        }
        let settled = (x.max_abs() < self.precision && v.max_abs() < self.precision * 20.0)
            || t >= MAX_SPRING_SECONDS
            || !(x.is_finite() && v.is_finite());
        if settled {
            return (self.target, Lanes::zero(self.target.n), true);
        }
        (self.target.add(&x), v, false)
    }
}

/// Displacement and velocity of one lane of the oscillator at `t`.
fn solve(s: &Spring, x0: f64, v0: f64, t: f64) -> (f64, f64) {
    let (k, c, m) = (s.stiffness as f64, s.damping as f64, s.mass as f64);
    let w0 = (k / m).sqrt();
    let zeta = c / (2.0 * (k * m).sqrt());
    if (zeta - 1.0).abs() < 1e-6 {
        // Critically damped.
        let b = v0 + w0 * x0;
        let e = (-w0 * t).exp();
        let x = (x0 + b * t) * e;
        let v = (b - w0 * (x0 + b * t)) * e;
        (x, v)
    } else if zeta < 1.0 {
        let a = zeta * w0;
        let wd = w0 * (1.0 - zeta * zeta).sqrt();
        let b = (v0 + a * x0) / wd;
        let (sin, cos) = (wd * t).sin_cos();
        let e = (-a * t).exp();
        let x = e * (x0 * cos + b * sin);
        let v = e * ((b * wd - a * x0) * cos - (x0 * wd + a * b) * sin);
        (x, v)
    } else {
        let root = (zeta * zeta - 1.0).sqrt();
        let r1 = -w0 * (zeta - root);
        let r2 = -w0 * (zeta + root);
        let c2 = (v0 - r1 * x0) / (r2 - r1);
        let c1 = x0 - c2;
        let (e1, e2) = ((r1 * t).exp(), (r2 * t).exp());
        (c1 * e1 + c2 * e2, r1 * c1 * e1 + r2 * c2 * e2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(spring: Spring) -> SpringRun {
        SpringRun::new(Lanes::one(0.0), Lanes::one(0.0), Lanes::one(100.0), spring, 0.05)
    }

    #[test]
    fn starts_at_rest_and_settles_on_target() {
        for s in [Spring::snappy(), Spring::gentle(), Spring::wobbly(), Spring::new(100.0, 40.0, 1.0)] {
            let r = run(s);
            let (x, v, done) = r.sample(0.0);
            assert!(x.v[0] == 0.0 && v.v[0].abs() < 1e-9 && !done);
            let (x, _, done) = r.sample(5.0);
            assert!(done && x.v[0] == 100.0, "{s:?}");
        }
    }

    #[test]
    fn velocity_is_the_derivative_of_position() {
        for s in [Spring::snappy(), Spring::gentle(), Spring::new(100.0, 40.0, 1.0)] {
            let r = SpringRun::new(Lanes::one(0.0), Lanes::one(300.0), Lanes::one(100.0), s, 0.05);
            for t in [0.0, 0.05, 0.13, 0.4] {
                let h = 1e-6;
                let fd = (r.sample(t + h).0.v[0] - r.sample(t).0.v[0]) / h;
                let v = r.sample(t).1.v[0];
                assert!((fd - v).abs() < 1e-2 * v.abs().max(1.0), "{s:?} t={t}: fd {fd} vs {v}");
            }
        }
    }

    #[test]
    fn underdamped_overshoots_critical_does_not() {
        let peak = |s: Spring| (0..200).map(|i| run(s).sample(i as f64 / 200.0).0.v[0]).fold(0.0, f64::max);
        assert!(peak(Spring::wobbly()) > 110.0);
        assert!(peak(Spring::gentle()) <= 100.0);
    }

    #[test]
    fn undamped_springs_stop_eventually_and_bad_parameters_are_fixed() {
        let r = run(Spring::new(100.0, 0.0, 1.0));
        assert!(!r.sample(10.0).2);
        assert!(r.sample(MAX_SPRING_SECONDS).2);
        let (s, changed) = Spring::new(f32::NAN, -1.0, 0.0).sanitized();
        assert!(changed);
        assert_eq!(s, Spring::new(Spring::default().stiffness, 0.0, Spring::default().mass));
    }

    #[test]
    fn sample_is_exact_at_known_times() {
        // Critically damped from rest: x(t) = x0 (1 + w t) e^{-w t}.
        let s = Spring::new(100.0, 20.0, 1.0);
        let r = run(s);
        let t: f64 = 0.1;
        let expected = 100.0 - 100.0 * (1.0 + 10.0 * t) * (-10.0 * t).exp();
        assert!((r.sample(t).0.v[0] - expected).abs() < 1e-9);
    }
}
