//! Gamepads through gilrs (the `gamepad` feature): D-pad and left stick move, A = Select,
//! B = Back, Start = Menu, shoulders = Rewind / FastForward. Buttons are looked up in the same
//! [`KeyMap`] as keyboard keys under `Pad*` names (`PadSouth`, `PadDPadUp`...), so `--map`
//! remaps them too.

use gilrs::{Axis, EventType, Gilrs};
use tenfoot_toolkit::RemoteKey;

use crate::remote::KeyMap;
use crate::stick::Stick;
use tenfoot_toolkit::Edge;

/// The default gamepad bindings, added to a [`KeyMap`].
pub fn add_default_bindings(map: &mut KeyMap) {
    for (name, key) in [
        ("PadDPadUp", RemoteKey::Up),
        ("PadDPadDown", RemoteKey::Down),
        ("PadDPadLeft", RemoteKey::Left),
        ("PadDPadRight", RemoteKey::Right),
        ("PadSouth", RemoteKey::Select),
        ("PadEast", RemoteKey::Back),
        ("PadStart", RemoteKey::Menu),
        ("PadLeftTrigger", RemoteKey::Rewind),
        ("PadRightTrigger", RemoteKey::FastForward),
        ("PadNorth", RemoteKey::PlayPause),
    ] {
        if map.get(name).is_none() {
            map.set(name, key);
        }
    }
}

/// Polls connected gamepads.
pub struct Gamepads {
    gilrs: Gilrs,
    stick: Stick,
}

impl std::fmt::Debug for Gamepads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gamepads").finish_non_exhaustive()
    }
}

impl Gamepads {
    /// Starts gamepad input; an error (no udev, no permission) leaves the keyboard working.
    pub fn new() -> Result<Self, String> {
        Gilrs::new()
            .map(|gilrs| Self { gilrs, stick: Stick::default() })
            .map_err(|e| format!("gamepads unavailable: {e}"))
    }

    /// True when at least one gamepad is connected (the window then polls at frame rate).
    pub fn connected(&self) -> bool {
        self.gilrs.gamepads().next().is_some()
    }

    /// Drains pending gamepad events into remote edges.
    pub fn poll(&mut self, map: &KeyMap) -> Vec<(Edge, RemoteKey)> {
        let mut out = Vec::new();
        while let Some(ev) = self.gilrs.next_event() {
            match ev.event {
                EventType::ButtonPressed(b, _) => {
                    if let Some(k) = map.get(&format!("Pad{b:?}")) {
                        out.push((Edge::Press, k));
                    }
                }
                EventType::ButtonReleased(b, _) => {
                    if let Some(k) = map.get(&format!("Pad{b:?}")) {
                        out.push((Edge::Release, k));
                    }
                }
                EventType::AxisChanged(Axis::LeftStickX, v, _) => out.extend(self.stick.update(Some(v), None)),
                EventType::AxisChanged(Axis::LeftStickY, v, _) => out.extend(self.stick.update(None, Some(v))),
                EventType::Disconnected => {
                    // Never leave a key held by a controller that went away.
                    out.extend(self.stick.update(Some(0.0), Some(0.0)));
                }
                _ => {}
            }
        }
        out
    }
}
