//! Device profiles: what `--device` previews. A profile is more than a buffer size: it is the
//! TV's picture (resolution, the overscan it crops and the title-safe area inside it), its
//! remote (key repeat timing), how much slower its CPU is than the desktop running the
//! preview, and the memory the CPU backend may use on it.
//!
//! Owns: the profiles and the safe-area overlay's commands. Must not touch: windows or clocks
//! (the window applies the slowdown by sleeping; headless runs have virtual time, so the
//! slowdown means nothing there).

use std::time::Duration;

use tenfoot_renderer::{Color, Command, Corners, DisplayList, PhysicalSize, Rect};
use tenfoot_toolkit::{RepeatConfig, LOGICAL_SIZE};

/// A target screen: the logical 1920x1080 design space drawn into a physical buffer, with the
/// rest of the device's [`DeviceProfile`]. The names (`720p`, `1080p`, `4k`) are `--device`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Hd720,
    Hd1080,
    Uhd4k,
}

/// What a device profile says about the device (see [`Device::profile`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeviceProfile {
    /// `--device`'s name.
    pub name: &'static str,
    /// What kind of device the numbers describe.
    pub description: &'static str,
    /// The physical buffer the logical 1920x1080 screen is drawn into.
    pub buffer: PhysicalSize,
    /// The share of the picture the TV crops at each edge (0.025: 2.5 % of the width left and
    /// right, of the height top and bottom). Nothing there is ever seen.
    pub overscan: f32,
    /// The title-safe margin at each edge, as a share of the picture (includes the overscan):
    /// text and focusable controls belong inside it.
    pub title_safe: f32,
    /// The remote's key repeat and long-press timing.
    pub repeat: RepeatConfig,
    /// How many times longer a frame takes on the device than on the desktop (1.0: as fast).
    /// The window sleeps each frame's measured time x (factor - 1) after drawing it.
    pub slowdown: f32,
    /// The CPU backend's memory budget on the device (`CpuBackend::set_memory_budget`).
    pub memory_budget: usize,
}

const MIB: usize = 1024 * 1024;

impl Device {
    /// Every profile, in the order F8 cycles them.
    pub const ALL: [Device; 3] = [Device::Hd1080, Device::Uhd4k, Device::Hd720];

    /// The profile's numbers. They describe typical devices of each class (an entry-level
    /// 720p TV, a 1080p set-top box, a 4K streaming player) as measured against a laptop:
    /// starting points for a preview, not a specification of any product.
    pub fn profile(&self) -> DeviceProfile {
        match self {
            Device::Hd720 => DeviceProfile {
                name: "720p",
                description: "entry-level 720p TV (overscans, slow CPU, little memory)",
                buffer: PhysicalSize::new(1280, 720),
                overscan: 0.025,
                title_safe: 0.05,
                repeat: RepeatConfig {
                    delay: Duration::from_millis(500),
                    interval: Duration::from_millis(220),
                    acceleration: 0.9,
                    min_interval: Duration::from_millis(90),
                    long_press: Duration::from_millis(800),
                },
                slowdown: 4.0,
                memory_budget: 48 * MIB,
            },
            Device::Hd1080 => DeviceProfile {
                name: "1080p",
                description: "1080p set-top box (the reference: CPU as fast as this machine)",
                buffer: PhysicalSize::new(1920, 1080),
                overscan: 0.0,
                title_safe: 0.05,
                repeat: RepeatConfig::default(),
                // The default profile does not slow the preview down: `--slowdown` does.
                slowdown: 1.0,
                memory_budget: 128 * MIB,
            },
            Device::Uhd4k => DeviceProfile {
                name: "4k",
                description: "4K streaming player",
                buffer: PhysicalSize::new(3840, 2160),
                overscan: 0.0,
                title_safe: 0.035,
                repeat: RepeatConfig {
                    delay: Duration::from_millis(350),
                    interval: Duration::from_millis(140),
                    acceleration: 0.85,
                    min_interval: Duration::from_millis(40),
                    long_press: Duration::from_millis(700),
                },
                // Four times the pixels on a streaming stick's SoC.
                slowdown: 2.0,
                memory_budget: 256 * MIB,
            },
        }
    }

    pub fn buffer(&self) -> PhysicalSize {
        self.profile().buffer
    }

    pub fn name(&self) -> &'static str {
        self.profile().name
    }

    /// The profile after this one (F8).
    pub fn next(&self) -> Device {
        let i = Device::ALL.iter().position(|d| d == self).unwrap_or(0);
        Device::ALL[(i + 1) % Device::ALL.len()]
    }

    pub fn parse(s: &str) -> Result<Device, String> {
        match s.to_ascii_lowercase().as_str() {
            "720p" | "720" | "hd" => Ok(Device::Hd720),
            "1080p" | "1080" | "fhd" => Ok(Device::Hd1080),
            "4k" | "2160p" | "uhd" => Ok(Device::Uhd4k),
            _ => Err(format!("--device `{s}`: expected 1080p, 720p or 4k")),
        }
    }
}

impl DeviceProfile {
    /// The part of the logical screen the TV shows (inside the overscan).
    pub fn visible_rect(&self) -> Rect {
        inset(self.overscan)
    }

    /// The title-safe rectangle of the logical screen.
    pub fn title_safe_rect(&self) -> Rect {
        inset(self.title_safe)
    }

    /// One line for the F2 panel and the F8 toast.
    pub fn summary(&self) -> String {
        format!(
            "{} {}x{} \u{b7} overscan {} \u{b7} title-safe {} \u{b7} repeat {} ms then every {}\u{2013}{} ms",
            self.name,
            self.buffer.width,
            self.buffer.height,
            percent(self.overscan),
            percent(self.title_safe),
            self.repeat.delay.as_millis(),
            self.repeat.interval.as_millis(),
            self.repeat.min_interval.as_millis(),
        )
    }
}

fn percent(share: f32) -> String {
    format!("{}%", (share * 1000.0).round() / 10.0)
}

fn inset(share: f32) -> Rect {
    let (w, h) = (LOGICAL_SIZE.width, LOGICAL_SIZE.height);
    let share = if share.is_finite() { share.clamp(0.0, 0.45) } else { 0.0 };
    Rect::new(w * share, h * share, w * (1.0 - 2.0 * share), h * (1.0 - 2.0 * share))
}

/// The safe-area overlay (logical commands, drawn over the app's list): the cropped overscan
/// dimmed, the title-safe edge as a line with the action area between the two tinted.
pub fn safe_area_overlay(profile: &DeviceProfile) -> DisplayList {
    let mut list = DisplayList::new();
    let full = Rect::new(0.0, 0.0, LOGICAL_SIZE.width, LOGICAL_SIZE.height);
    let frame = |list: &mut DisplayList, outer: Rect, inner: Rect, color: Color| {
        let bands = [
            Rect::new(outer.x, outer.y, outer.width, inner.y - outer.y),
            Rect::new(outer.x, inner.y + inner.height, outer.width, outer.y + outer.height - inner.y - inner.height),
            Rect::new(outer.x, inner.y, inner.x - outer.x, inner.height),
            Rect::new(inner.x + inner.width, inner.y, outer.x + outer.width - inner.x - inner.width, inner.height),
        ];
        for rect in bands.into_iter().filter(|r| r.width > 0.0 && r.height > 0.0) {
            list.push(Command::FillRect { rect, radii: Corners::ZERO, color });
        }
    };
    let visible = profile.visible_rect();
    let safe = profile.title_safe_rect();
    frame(&mut list, full, visible, Color::rgba(0, 0, 0, 190));
    frame(&mut list, visible, safe, Color::rgba(255, 170, 0, 50));
    list.push(Command::Border { rect: safe, radii: Corners::ZERO, width: 2.0, color: SAFE_AREA_LINE });
    if profile.overscan > 0.0 {
        list.push(Command::Border { rect: visible, radii: Corners::ZERO, width: 2.0, color: Color::rgb(255, 60, 60) });
    }
    list
}

/// The colour of the overlay's title-safe line (window tests look for it).
pub const SAFE_AREA_LINE: Color = Color::rgb(255, 170, 0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_carry_more_than_a_size() {
        for d in Device::ALL {
            let p = d.profile();
            assert_eq!(Device::parse(p.name), Ok(d));
            assert!(p.slowdown >= 1.0 && p.memory_budget >= 16 * MIB, "{p:?}");
            assert!(p.title_safe >= p.overscan, "{p:?}");
            let safe = p.title_safe_rect();
            let visible = p.visible_rect();
            assert!(visible.x <= safe.x && visible.y <= safe.y, "{p:?}");
            assert!(visible.right() + 0.01 >= safe.right() && visible.bottom() + 0.01 >= safe.bottom(), "{p:?}");
        }
        let slow = Device::Hd720.profile();
        assert!(slow.slowdown > Device::Uhd4k.profile().slowdown);
        assert_eq!(Device::Hd1080.profile().slowdown, 1.0, "the default profile does not slow the preview");
        assert!(slow.repeat.delay > RepeatConfig::default().delay);
        assert_eq!(Device::Hd1080.profile().title_safe_rect(), Rect::new(96.0, 54.0, 1728.0, 972.0));
    }

    #[test]
    fn f8_cycles_through_every_profile() {
        let mut d = Device::Hd1080;
        let mut seen = Vec::new();
        for _ in 0..Device::ALL.len() {
            d = d.next();
            seen.push(d);
        }
        assert_eq!(d, Device::Hd1080);
        assert_eq!(seen, vec![Device::Uhd4k, Device::Hd720, Device::Hd1080]);
    }

    #[test]
    fn the_overlay_dims_the_overscan_and_outlines_the_safe_area() {
        let list = safe_area_overlay(&Device::Hd720.profile());
        let borders = list.commands.iter().filter(|c| matches!(c, Command::Border { .. })).count();
        assert_eq!(borders, 2, "title-safe and overscan edges");
        let list = safe_area_overlay(&Device::Hd1080.profile());
        let fills = list.commands.iter().filter(|c| matches!(c, Command::FillRect { .. })).count();
        assert_eq!(fills, 4, "no overscan: only the action area's four bands");
    }
}
