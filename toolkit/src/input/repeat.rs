//! Key repeat and long press: turning the press and release edges of a remote's keys into
//! [`KeyEvent`]s. Pure: time is passed in, so the preview window, headless runs, tests and any
//! device host share one implementation and one schedule.
//!
//! Platform auto-repeat is ignored; [`RepeatEngine`] generates repeats itself from press and
//! release edges and the current time, so keyboard, gamepad, a device's IR remote and replayed
//! sessions all repeat the same way: a first repeat after `delay`, then faster and faster down
//! to `min_interval`. A key held past `long_press` also reports one [`KeyPhase::LongPress`].

use std::collections::BTreeMap;
use std::time::Duration;

#[cfg(doc)]
use super::KeyPhase;
use super::{KeyEvent, RemoteKey};

/// A key going down or coming up, as a platform reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    Press,
    Release,
}

/// Repeat and long-press timing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RepeatConfig {
    /// Hold time before the first repeat.
    pub delay: Duration,
    /// Interval between the first repeats.
    pub interval: Duration,
    /// Each repeat's interval is the previous one times this (< 1 accelerates).
    pub acceleration: f32,
    /// The fastest repeat interval.
    pub min_interval: Duration,
    /// Hold time that reports a long press.
    pub long_press: Duration,
}

impl Default for RepeatConfig {
    fn default() -> Self {
        Self {
            delay: Duration::from_millis(400),
            interval: Duration::from_millis(160),
            acceleration: 0.85,
            min_interval: Duration::from_millis(50),
            long_press: Duration::from_millis(700),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Held {
    since: Duration,
    next_repeat: Duration,
    interval: Duration,
    long_sent: bool,
}

/// Tracks held remote keys and produces timed events.
#[derive(Clone, Debug, Default)]
pub struct RepeatEngine {
    config: RepeatConfig,
    held: BTreeMap<RemoteKey, Held>,
}

impl RepeatEngine {
    pub fn new(config: RepeatConfig) -> Self {
        Self { config, held: BTreeMap::new() }
    }

    /// A key went down at `now`. A second press of a held key (platform repeat) is ignored.
    pub fn press(&mut self, key: RemoteKey, now: Duration) -> Option<KeyEvent> {
        if self.held.contains_key(&key) {
            return None;
        }
        let held =
            Held { since: now, next_repeat: now + self.config.delay, interval: self.config.interval, long_sent: false };
        self.held.insert(key, held);
        Some(KeyEvent::press(key))
    }

    /// A key came up.
    pub fn release(&mut self, key: RemoteKey) -> Option<KeyEvent> {
        self.held.remove(&key).map(|_| KeyEvent::release(key))
    }

    /// A press or release edge at `now`: the event it makes, if any (see [`Self::press`]).
    pub fn edge(&mut self, key: RemoteKey, edge: Edge, now: Duration) -> Option<KeyEvent> {
        match edge {
            Edge::Press => self.press(key, now),
            Edge::Release => self.release(key),
        }
    }

    /// The timing this engine repeats with.
    pub fn config(&self) -> RepeatConfig {
        self.config
    }

    /// Changes the timing (a device profile's repeat rate); keys held keep their schedule.
    pub fn set_config(&mut self, config: RepeatConfig) {
        self.config = config;
    }

    /// Releases everything (the window lost focus).
    pub fn release_all(&mut self) -> Vec<KeyEvent> {
        std::mem::take(&mut self.held).into_keys().map(KeyEvent::release).collect()
    }

    /// Repeats and long presses due by `now`, in time order.
    pub fn tick(&mut self, now: Duration) -> Vec<KeyEvent> {
        let mut out: Vec<(Duration, KeyEvent)> = Vec::new();
        for (key, h) in self.held.iter_mut() {
            if !h.long_sent && now >= h.since + self.config.long_press {
                h.long_sent = true;
                out.push((h.since + self.config.long_press, KeyEvent::long_press(*key)));
            }
            // Only arrows repeat: a held Select is a long press, not a burst of selections.
            if !key.is_direction() {
                continue;
            }
            while now >= h.next_repeat {
                out.push((h.next_repeat, KeyEvent::repeat(*key)));
                // Whole microseconds keep the schedule exact and reproducible across replays.
                let factor = f64::from(self.config.acceleration.clamp(0.1, 1.0));
                let next = Duration::from_micros((h.interval.as_micros() as f64 * factor).round() as u64);
                h.next_repeat += h.interval;
                h.interval = next.max(self.config.min_interval);
            }
        }
        out.sort_by_key(|(t, _)| *t);
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// When the next repeat or long press is due, for the event loop's timer.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.held
            .iter()
            .flat_map(|(k, h)| {
                let long = (!h.long_sent).then_some(h.since + self.config.long_press);
                let repeat = k.is_direction().then_some(h.next_repeat);
                [long, repeat]
            })
            .flatten()
            .min()
    }

    pub fn is_held(&self, key: RemoteKey) -> bool {
        self.held.contains_key(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    #[test]
    fn held_arrow_repeats_with_acceleration() {
        let mut r = RepeatEngine::new(RepeatConfig::default());
        assert_eq!(r.press(RemoteKey::Right, ms(0)), Some(KeyEvent::press(RemoteKey::Right)));
        assert_eq!(r.press(RemoteKey::Right, ms(30)), None, "platform repeat ignored");
        assert!(r.tick(ms(399)).is_empty());
        assert_eq!(r.tick(ms(400)), vec![KeyEvent::repeat(RemoteKey::Right)]);
        // Next after 160 ms, then 136 ms, then 115.6 ms...
        assert!(r.tick(ms(559)).is_empty());
        assert_eq!(r.tick(ms(560)).len(), 1);
        assert_eq!(r.next_deadline(), Some(ms(696)));
        // Long press fires once, at 700 ms, ordered among repeats.
        let events = r.tick(ms(700));
        assert_eq!(events, vec![KeyEvent::repeat(RemoteKey::Right), KeyEvent::long_press(RemoteKey::Right)]);
        // Held long enough, the interval bottoms out at 50 ms.
        let burst = r.tick(ms(5_000));
        assert!(burst.len() > 80, "{}", burst.len());
        assert_eq!(r.release(RemoteKey::Right), Some(KeyEvent::release(RemoteKey::Right)));
        assert!(r.tick(ms(6_000)).is_empty());
    }

    #[test]
    fn select_long_presses_but_never_repeats() {
        let mut r = RepeatEngine::new(RepeatConfig::default());
        r.press(RemoteKey::Select, ms(0));
        assert_eq!(r.tick(ms(2_000)), vec![KeyEvent::long_press(RemoteKey::Select)]);
        assert_eq!(r.next_deadline(), None);
    }
}
