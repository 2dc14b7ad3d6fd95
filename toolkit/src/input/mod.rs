//! Remote input: the keys of a TV remote and the phases of a key's life, and the input phase.
//!
//! Platform events (keyboard, gamepad, a device's IR remote) are mapped to [`RemoteKey`] by the
//! host (the preview, a device layer); the toolkit only ever sees these.
//!
//! Input phase: reads the frame's [`KeyEvent`]s; writes the held-key set ([`InputState`]) and
//! the events the focus phase dispatches. A release, repeat or long press of a key that was
//! never pressed (the press went to another app, or happened before a screen appeared) is
//! dropped, so handlers see whole press-release pairs.
//!
//! Repeat and long press (`repeat.rs`) live here too, pure and on the caller's clock, so every
//! host turns key edges into events the same way.

mod repeat;

use std::fmt;
use std::str::FromStr;

pub use repeat::{Edge, RepeatConfig, RepeatEngine};

/// A key on a TV remote.
///
/// Besides the remote's buttons there are typed characters ([`RemoteKey::Char`]) and
/// [`RemoteKey::Delete`]: a desktop keyboard typing into a text field, a remote with a
/// keyboard on its back, a device's on-screen IME. Text fields and on-screen keyboards take
/// them; everything else lets them pass (they never move focus).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RemoteKey {
    Up,
    Down,
    Left,
    Right,
    Select,
    Back,
    Menu,
    PlayPause,
    Rewind,
    FastForward,
    /// Erase the character before the caret (a keyboard's Backspace while typing).
    Delete,
    /// A typed character. Written `Char:a` in key scripts and sessions (`Char:U+0020` for a
    /// space, and for any character that is not a visible one).
    Char(char),
}

impl RemoteKey {
    /// The named keys (every key but [`RemoteKey::Char`]).
    pub const ALL: [RemoteKey; 11] = [
        RemoteKey::Up,
        RemoteKey::Down,
        RemoteKey::Left,
        RemoteKey::Right,
        RemoteKey::Select,
        RemoteKey::Back,
        RemoteKey::Menu,
        RemoteKey::PlayPause,
        RemoteKey::Rewind,
        RemoteKey::FastForward,
        RemoteKey::Delete,
    ];

    /// The key's name; every character is `Char` (its [`Display`](fmt::Display) names it).
    pub fn name(&self) -> &'static str {
        match self {
            RemoteKey::Up => "Up",
            RemoteKey::Down => "Down",
            RemoteKey::Left => "Left",
            RemoteKey::Right => "Right",
            RemoteKey::Select => "Select",
            RemoteKey::Back => "Back",
            RemoteKey::Menu => "Menu",
            RemoteKey::PlayPause => "PlayPause",
            RemoteKey::Rewind => "Rewind",
            RemoteKey::FastForward => "FastForward",
            RemoteKey::Delete => "Delete",
            RemoteKey::Char(_) => "Char",
        }
    }

    /// The character of a typed key.
    pub fn char(&self) -> Option<char> {
        match self {
            RemoteKey::Char(c) => Some(*c),
            _ => None,
        }
    }

    /// True for the four arrows.
    pub fn is_direction(&self) -> bool {
        matches!(self, RemoteKey::Up | RemoteKey::Down | RemoteKey::Left | RemoteKey::Right)
    }
}

impl fmt::Display for RemoteKey {
    /// The name; a character as `Char:a`, or `Char:U+0020` when it is not visible (a space, a
    /// control), so a key is one whitespace-free word in a script or session file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemoteKey::Char(c) if !c.is_whitespace() && !c.is_control() => write!(f, "Char:{c}"),
            RemoteKey::Char(c) => write!(f, "Char:U+{:04X}", *c as u32),
            k => f.write_str(k.name()),
        }
    }
}

/// A key name that is not a [`RemoteKey`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey(pub String);

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = RemoteKey::ALL.iter().map(RemoteKey::name).collect();
        write!(
            f,
            "unknown remote key `{}` (expected one of: {}, or Char:x for a typed character)",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKey {}

impl FromStr for RemoteKey {
    type Err = UnknownKey;

    /// Parses a key name, case-insensitively (`right`, `Select`, `playpause`, `ok` for Select).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Some(c) = t.get(..5).filter(|p| p.eq_ignore_ascii_case("char:")).map(|_| &t[5..]) {
            return parse_char(c).map(RemoteKey::Char).ok_or_else(|| UnknownKey(s.to_owned()));
        }
        let lower = t.to_ascii_lowercase();
        let alias = match lower.as_str() {
            "ok" | "enter" => Some(RemoteKey::Select),
            "play" | "pause" => Some(RemoteKey::PlayPause),
            "rew" => Some(RemoteKey::Rewind),
            "ff" => Some(RemoteKey::FastForward),
            _ => None,
        };
        alias
            .or_else(|| RemoteKey::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(&lower)))
            .ok_or_else(|| UnknownKey(s.to_owned()))
    }
}

/// `a` (one character) or `U+0061` (a code point in hex).
fn parse_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => {
            let hex = s.strip_prefix("U+").or_else(|| s.strip_prefix("u+"))?;
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        }
    }
}

/// Parses a space-separated key script such as `"Right Right Select"`.
pub fn parse_keys(script: &str) -> Result<Vec<RemoteKey>, UnknownKey> {
    script.split_whitespace().map(str::parse).collect()
}

/// Where a key is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyPhase {
    /// The key went down.
    Press,
    /// The key is held and the host's repeat timer fired.
    Repeat,
    /// The key has been held past the long-press threshold (sent once per hold).
    LongPress,
    /// The key came up.
    Release,
}

/// One remote key event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyEvent {
    pub key: RemoteKey,
    pub phase: KeyPhase,
}

impl KeyEvent {
    pub fn press(key: RemoteKey) -> Self {
        Self { key, phase: KeyPhase::Press }
    }

    pub fn repeat(key: RemoteKey) -> Self {
        Self { key, phase: KeyPhase::Repeat }
    }

    pub fn long_press(key: RemoteKey) -> Self {
        Self { key, phase: KeyPhase::LongPress }
    }

    pub fn release(key: RemoteKey) -> Self {
        Self { key, phase: KeyPhase::Release }
    }

    /// Press and repeat move focus; long press and release do not.
    pub fn is_activation(&self) -> bool {
        matches!(self.phase, KeyPhase::Press | KeyPhase::Repeat)
    }
}

/// Which keys are held down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct InputState {
    held: Vec<RemoteKey>,
}

impl InputState {
    pub(crate) fn is_held(&self, key: RemoteKey) -> bool {
        self.held.contains(&key)
    }
}

/// The input phase: tracks held keys and returns the events to dispatch, in order.
pub(crate) fn run(state: &mut InputState, input: &[KeyEvent]) -> Vec<KeyEvent> {
    let mut out = Vec::with_capacity(input.len());
    for ev in input {
        match ev.phase {
            KeyPhase::Press => {
                if !state.is_held(ev.key) {
                    state.held.push(ev.key);
                }
            }
            KeyPhase::Repeat | KeyPhase::LongPress => {
                if !state.is_held(ev.key) {
                    continue;
                }
            }
            KeyPhase::Release => {
                if !state.is_held(ev.key) {
                    continue;
                }
                state.held.retain(|k| *k != ev.key);
            }
        }
        out.push(*ev);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scripts_and_names_unknown_keys() {
        assert_eq!(
            parse_keys("Right right SELECT ok"),
            Ok(vec![RemoteKey::Right, RemoteKey::Right, RemoteKey::Select, RemoteKey::Select])
        );
        let err = parse_keys("Right Jump").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("unknown remote key `Jump`"), "{err}");
        assert_eq!(parse_keys(""), Ok(vec![]));
    }

    #[test]
    fn typed_characters_are_one_word_each_way() {
        for c in ['a', 'Z', '7', 'é', '“', ' ', '\t', '#'] {
            let k = RemoteKey::Char(c);
            let text = k.to_string();
            assert!(!text.contains(char::is_whitespace), "{text:?}");
            assert_eq!(text.parse::<RemoteKey>(), Ok(k), "{text}");
        }
        assert_eq!(RemoteKey::Char(' ').to_string(), "Char:U+0020");
        assert_eq!(
            parse_keys("char:a Char:u+62 Delete"),
            Ok(vec![RemoteKey::Char('a'), RemoteKey::Char('b'), RemoteKey::Delete])
        );
        assert!("Char:".parse::<RemoteKey>().is_err());
        assert!("Char:ab".parse::<RemoteKey>().is_err());
        assert!("Char:U+D800".parse::<RemoteKey>().is_err(), "a surrogate is no character");
    }

    #[test]
    fn input_phase_drops_orphan_releases_and_repeats() {
        let mut st = InputState::default();
        let evs = [KeyEvent::release(RemoteKey::Up), KeyEvent::repeat(RemoteKey::Up), KeyEvent::press(RemoteKey::Up)];
        assert_eq!(run(&mut st, &evs), vec![KeyEvent::press(RemoteKey::Up)]);
        assert!(st.is_held(RemoteKey::Up));
        let evs = [KeyEvent::repeat(RemoteKey::Up), KeyEvent::release(RemoteKey::Up)];
        assert_eq!(run(&mut st, &evs), evs.to_vec());
        assert!(!st.is_held(RemoteKey::Up));
    }
}
