//! The desktop keyboard as a remote: platform key names mapped to [`RemoteKey`]s. Repeat and
//! long press are the toolkit's ([`tenfoot_toolkit::RepeatEngine`]).

use std::collections::BTreeMap;

use tenfoot_toolkit::RemoteKey;

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
        for (name, key) in tenfoot_testing::parse_key_map(spec)? {
            self.set(&name, key);
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
