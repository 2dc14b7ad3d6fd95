//! Tweens: a value moving from one point to another over a duration, with delay, easing,
//! repeat and yoyo. Evaluation is a pure function of the time since the tween started.
//!
//! Retargeting (a new target while the value is moving) starts a new tween from the current
//! value. To keep the *velocity* continuous too, the new tween carries a correction term
//! `c(t) = d · t · (1 − t/T)²` over its first play (`T` = delay + duration), where `d` is the
//! old velocity minus the new tween's own starting velocity. `c(0) = 0` and `c'(0) = d`, so
//! value and velocity match the interrupted motion at the retarget instant; `c(T) = c'(T) = 0`,
//! so the tween still lands exactly on its target, at rest.

use std::time::Duration;

use super::easing::Easing;
use super::value::Lanes;

/// How many extra times a tween plays after the first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Repeat {
    /// Plays once.
    #[default]
    Never,
    /// Plays once, then `n` more times.
    Times(u32),
    /// Never ends (until stopped, retargeted, or reduced motion snaps it).
    Forever,
}

/// Timing of a tween. Build with [`Tween::ms`] and the chained setters:
/// `Tween::ms(300).ease(Easing::EaseOut).delay_ms(100).forever().yoyo()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tween {
    pub duration: Duration,
    pub delay: Duration,
    pub easing: Easing,
    pub repeat: Repeat,
    /// On repeats, every second play runs backwards (target to start).
    pub yoyo: bool,
}

impl Default for Tween {
    /// 250 ms, `ease`, no delay, plays once.
    fn default() -> Self {
        Self::ms(250)
    }
}

impl Tween {
    pub fn new(duration: Duration) -> Self {
        Self { duration, delay: Duration::ZERO, easing: Easing::Ease, repeat: Repeat::Never, yoyo: false }
    }
    /// A tween lasting `ms` milliseconds.
    pub fn ms(ms: u64) -> Self {
        Self::new(Duration::from_millis(ms))
    }
    pub fn ease(mut self, easing: Easing) -> Self {
        self.easing = easing;
        self
    }
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
    pub fn delay_ms(self, ms: u64) -> Self {
        self.delay(Duration::from_millis(ms))
    }
    /// Plays `n` more times after the first.
    pub fn repeat(mut self, n: u32) -> Self {
        self.repeat = Repeat::Times(n);
        self
    }
    pub fn forever(mut self) -> Self {
        self.repeat = Repeat::Forever;
        self
    }
    pub fn yoyo(mut self) -> Self {
        self.yoyo = true;
        self
    }

    /// The whole run (delay plus every play), `None` when it repeats forever.
    pub fn total(&self) -> Option<Duration> {
        let plays = match self.repeat {
            Repeat::Never => 1,
            Repeat::Times(n) => n.saturating_add(1),
            Repeat::Forever => return None,
        };
        Some(self.delay.saturating_add(self.duration.saturating_mul(plays)))
    }

    /// The same tween with zero delay and duration (reduced motion).
    pub(crate) fn instant(mut self) -> Self {
        self.duration = Duration::ZERO;
        self.delay = Duration::ZERO;
        self.repeat = Repeat::Never;
        self
    }
}

/// A running tween between two values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TweenRun {
    pub from: Lanes,
    pub to: Lanes,
    pub tween: Tween,
    /// `d` of the velocity correction (per lane, units per second).
    pub correction: Lanes,
}

impl TweenRun {
    /// A tween from `from` to `to`. `velocity` is the speed of the motion it interrupts (`None`
    /// when the value was at rest: the tween then keeps its own easing's start).
    pub fn new(from: Lanes, velocity: Option<Lanes>, to: Lanes, tween: Tween) -> Self {
        let mut run = TweenRun { from, to, tween, correction: Lanes::zero(from.n) };
        let Some(velocity) = velocity else { return run };
        // The tween's own starting velocity, measured over a short step; any difference from
        // the incoming velocity is carried by the correction term.
        let h = 1e-4;
        let own = run.base(h).sub(&run.base(0.0)).scale(1.0 / h);
        if run.first_play() > 0.0 {
            run.correction = velocity.sub(&own);
        }
        run
    }

    /// Seconds of the first play including its delay (the span of the correction term).
    fn first_play(&self) -> f64 {
        (self.tween.delay + self.tween.duration).as_secs_f64()
    }

    /// The eased value without the correction term, at `t` seconds after the start.
    fn base(&self, t: f64) -> Lanes {
        let (p, _) = self.progress(t);
        self.from.lerp(&self.to, self.tween.easing.ease(p))
    }

    /// Progress of the current play (0..=1, already reversed on yoyo plays) and whether the
    /// whole tween has finished at `t`.
    fn progress(&self, t: f64) -> (f64, bool) {
        let delay = self.tween.delay.as_secs_f64();
        let dur = self.tween.duration.as_secs_f64();
        // Times come from whole-nanosecond `Duration`s; forgive float rounding at the
        // boundaries so a frame exactly at the end (or the start) counts as such.
        const SLACK: f64 = 1e-9;
        let local = t - delay;
        if local < -SLACK {
            return (0.0, false);
        }
        let local = local.max(0.0);
        let plays = match self.tween.repeat {
            Repeat::Never => Some(1.0),
            Repeat::Times(n) => Some(n as f64 + 1.0),
            Repeat::Forever => None,
        };
        let reversed = |play: f64| self.tween.yoyo && (play as u64) % 2 == 1;
        if dur <= 0.0 {
            // A zero-length tween ends where its last play ends.
            let last = plays.unwrap_or(1.0) - 1.0;
            return (if reversed(last) { 0.0 } else { 1.0 }, true);
        }
        if let Some(plays) = plays {
            if local >= dur * plays - SLACK {
                let last = plays - 1.0;
                return (if reversed(last) { 0.0 } else { 1.0 }, true);
            }
        }
        let play = (local / dur).floor();
        let p = (local - play * dur) / dur;
        (if reversed(play) { 1.0 - p } else { p }, false)
    }

    /// The value at `t` seconds after the start, and whether the tween has finished.
    pub fn sample(&self, t: f64) -> (Lanes, bool) {
        let t = t.max(0.0);
        let (p, done) = self.progress(t);
        if done {
            return (if p >= 1.0 { self.to } else { self.from }, true);
        }
        let mut v = self.from.lerp(&self.to, self.tween.easing.ease(p));
        let span = self.first_play();
        if t < span {
            let k = t * (1.0 - t / span).powi(2);
            v = v.add(&self.correction.scale(k));
        }
        (v, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(from: f64, to: f64, tween: Tween) -> TweenRun {
        TweenRun::new(Lanes::one(from), None, Lanes::one(to), tween)
    }

    #[test]
    fn linear_samples_at_exact_times() {
        let r = run(0.0, 100.0, Tween::ms(200).ease(Easing::Linear));
        assert_eq!(r.sample(0.0), (Lanes::one(0.0), false));
        assert!((r.sample(0.1).0.v[0] - 50.0).abs() < 1e-9);
        assert_eq!(r.sample(0.2), (Lanes::one(100.0), true));
        assert_eq!(r.sample(5.0), (Lanes::one(100.0), true));
    }

    #[test]
    fn delay_holds_the_start() {
        let r = run(10.0, 20.0, Tween::ms(100).ease(Easing::Linear).delay_ms(50));
        assert_eq!(r.sample(0.049).0.v[0], 10.0);
        assert!((r.sample(0.1).0.v[0] - 15.0).abs() < 1e-9);
        assert!(r.sample(0.15).1, "a frame exactly at the end is the end");
    }

    #[test]
    fn repeat_and_yoyo() {
        let r = run(0.0, 1.0, Tween::ms(100).ease(Easing::Linear).repeat(2).yoyo());
        assert!((r.sample(0.025).0.v[0] - 0.25).abs() < 1e-9);
        assert!((r.sample(0.125).0.v[0] - 0.75).abs() < 1e-9, "second play runs backwards");
        assert!((r.sample(0.225).0.v[0] - 0.25).abs() < 1e-9);
        assert_eq!(r.sample(0.3), (Lanes::one(1.0), true), "three plays end forwards");
        let even = run(0.0, 1.0, Tween::ms(100).ease(Easing::Linear).repeat(1).yoyo());
        assert_eq!(even.sample(0.2), (Lanes::one(0.0), true), "two yoyo plays end back at the start");
        let forever = run(0.0, 1.0, Tween::ms(100).ease(Easing::Linear).forever());
        assert!(!forever.sample(1000.05).1);
        assert_eq!(forever.tween.total(), None);
    }

    #[test]
    fn zero_duration_finishes_at_once() {
        let r = run(0.0, 1.0, Tween::ms(0));
        assert_eq!(r.sample(0.0), (Lanes::one(1.0), true));
    }

    #[test]
    fn correction_matches_incoming_velocity_and_vanishes_at_the_end() {
        let r = TweenRun::new(Lanes::one(0.0), Some(Lanes::one(-500.0)), Lanes::one(100.0), Tween::ms(300));
        let h = 1e-5;
        let v0 = (r.sample(h).0.v[0] - r.sample(0.0).0.v[0]) / h;
        assert!((v0 + 500.0).abs() < 0.5, "starting velocity {v0}");
        assert_eq!(r.sample(0.0).0.v[0], 0.0);
        let near_end = r.sample(0.3 - 1e-6).0.v[0];
        assert!((near_end - 100.0).abs() < 1e-3, "{near_end}");
        assert_eq!(r.sample(0.3), (Lanes::one(100.0), true));
    }
}
