//! The remote: turning held keys and buttons into [`KeyEvent`]s with repeat and long press.
//!
//! Platform auto-repeat is ignored; [`RepeatEngine`] generates repeats itself from press and
//! release edges and the current time, so keyboard, gamepad and replayed sessions all repeat
//! the same way: a first repeat after `delay`, then faster and faster down to `min_interval`.
//! A key held past `long_press` also reports one [`KeyPhase::LongPress`].

use std::collections::BTreeMap;
use std::time::Duration;

use tenfoot_toolkit::{KeyEvent, RemoteKey};

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

    /// A key came up at `now`.
    pub fn release(&mut self, key: RemoteKey) -> Option<KeyEvent> {
        self.held.remove(&key).map(|_| KeyEvent::release(key))
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

/// A mapping from platform key names (winit's logical key names such as `ArrowLeft`, `Enter`,
/// `F5`, or a character such as `m`) to remote keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap {
    map: BTreeMap<String, RemoteKey>,
}

impl Default for KeyMap {
    /// Arrows, Enter/Space = Select, Escape/Backspace = Back, M or ContextMenu = Menu,
    /// P or MediaPlayPause = PlayPause, R/`,` = Rewind, F/`.` = FastForward.
    fn default() -> Self {
        let pairs = [
            ("ArrowUp", RemoteKey::Up),
            ("ArrowDown", RemoteKey::Down),
            ("ArrowLeft", RemoteKey::Left),
            ("ArrowRight", RemoteKey::Right),
            ("Enter", RemoteKey::Select),
            ("Space", RemoteKey::Select),
            ("Escape", RemoteKey::Back),
            ("Backspace", RemoteKey::Back),
            ("m", RemoteKey::Menu),
            ("ContextMenu", RemoteKey::Menu),
            ("p", RemoteKey::PlayPause),
            ("MediaPlayPause", RemoteKey::PlayPause),
            ("r", RemoteKey::Rewind),
            (",", RemoteKey::Rewind),
            ("MediaRewind", RemoteKey::Rewind),
            ("f", RemoteKey::FastForward),
            (".", RemoteKey::FastForward),
            ("MediaFastForward", RemoteKey::FastForward),
        ];
        Self { map: pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() }
    }
}

impl KeyMap {
    /// The remote key for a platform key name (letters case-insensitively).
    pub fn get(&self, name: &str) -> Option<RemoteKey> {
        self.map.get(name).or_else(|| self.map.get(&name.to_lowercase())).copied()
    }

    /// Maps `name` to `key`, replacing any previous mapping of that name.
    pub fn set(&mut self, name: &str, key: RemoteKey) {
        let name = if name.chars().count() == 1 { name.to_lowercase() } else { name.to_owned() };
        self.map.insert(name, key);
    }

    /// Applies `NAME=Key` overrides, comma-separated: `"w=Up,s=Down,F5=Menu"`.
    pub fn apply_overrides(&mut self, spec: &str) -> Result<(), String> {
        for (i, item) in spec.split(',').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
            let (name, key) = item
                .split_once('=')
                .ok_or_else(|| format!("--map item {} `{item}`: expected NAME=RemoteKey, such as w=Up", i + 1))?;
            let key: RemoteKey = key.trim().parse().map_err(|e| format!("--map item {} `{item}`: {e}", i + 1))?;
            self.set(name.trim(), key);
        }
        Ok(())
    }

    /// The bindings as `(platform name, remote key)` pairs, for the help overlay.
    pub fn bindings(&self) -> Vec<(&str, RemoteKey)> {
        self.map.iter().map(|(k, v)| (k.as_str(), *v)).collect()
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

    #[test]
    fn keymap_defaults_and_overrides() {
        let mut m = KeyMap::default();
        assert_eq!(m.get("ArrowLeft"), Some(RemoteKey::Left));
        assert_eq!(m.get("Space"), Some(RemoteKey::Select));
        assert_eq!(m.get("M"), Some(RemoteKey::Menu));
        assert_eq!(m.get("Escape"), Some(RemoteKey::Back));
        m.apply_overrides("w=Up, s=Down,F5=Menu").unwrap();
        assert_eq!(m.get("W"), Some(RemoteKey::Up));
        assert_eq!(m.get("F5"), Some(RemoteKey::Menu));
        let err = m.apply_overrides("w=Jump").unwrap_err();
        assert!(err.contains("unknown remote key `Jump`"), "{err}");
        assert!(m.apply_overrides("nonsense").unwrap_err().contains("expected NAME=RemoteKey"));
    }
}
