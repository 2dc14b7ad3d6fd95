//! Analog stick to D-pad: a deadzone with hysteresis, so a stick resting near the threshold
//! does not chatter. Pure logic, shared by the gamepad backend and its tests.

use tenfoot_toolkit::RemoteKey;

use tenfoot_toolkit::Edge;

/// Deflection (0..1) that presses a direction.
pub const PRESS_AT: f32 = 0.55;
/// Deflection below which a pressed direction is released.
pub const RELEASE_AT: f32 = 0.35;

/// The stick's current virtual D-pad state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stick {
    x: f32,
    y: f32,
    held: Option<RemoteKey>,
}

impl Stick {
    /// Feeds a new x (right positive) or y (up positive) value; returns the edges to send.
    pub fn update(&mut self, x: Option<f32>, y: Option<f32>) -> Vec<(Edge, RemoteKey)> {
        let clean = |v: f32| if v.is_finite() { v.clamp(-1.0, 1.0) } else { 0.0 };
        if let Some(x) = x {
            self.x = clean(x);
        }
        if let Some(y) = y {
            self.y = clean(y);
        }
        // The dominant axis decides the direction, so diagonals pick one arrow.
        let (ax, ay) = (self.x.abs(), self.y.abs());
        let dominant = if ax >= ay {
            (ax, if self.x > 0.0 { RemoteKey::Right } else { RemoteKey::Left })
        } else {
            (ay, if self.y > 0.0 { RemoteKey::Up } else { RemoteKey::Down })
        };
        let mut out = Vec::new();
        if let Some(k) = self.held {
            let still = match k {
                RemoteKey::Right => self.x >= RELEASE_AT,
                RemoteKey::Left => self.x <= -RELEASE_AT,
                RemoteKey::Up => self.y >= RELEASE_AT,
                _ => self.y <= -RELEASE_AT,
            };
            if !still || (dominant.0 >= PRESS_AT && dominant.1 != k) {
                out.push((Edge::Release, k));
                self.held = None;
            }
        }
        if self.held.is_none() && dominant.0 >= PRESS_AT {
            out.push((Edge::Press, dominant.1));
            self.held = Some(dominant.1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadzone_with_hysteresis() {
        let mut s = Stick::default();
        assert!(s.update(Some(0.3), None).is_empty());
        assert_eq!(s.update(Some(0.6), None), vec![(Edge::Press, RemoteKey::Right)]);
        assert!(s.update(Some(0.45), None).is_empty(), "inside hysteresis band: still held");
        assert_eq!(s.update(Some(0.2), None), vec![(Edge::Release, RemoteKey::Right)]);
        assert_eq!(s.update(Some(0.0), Some(-0.9)), vec![(Edge::Press, RemoteKey::Down)]);
        // Swinging to the other side releases and presses.
        assert_eq!(s.update(None, Some(0.9)), vec![(Edge::Release, RemoteKey::Down), (Edge::Press, RemoteKey::Up)]);
        assert!(s.update(Some(f32::NAN), None).is_empty());
    }
}
