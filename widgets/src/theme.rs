//! Theme tokens the widgets draw with: colours, type scale, spacing, radii, focus style.
//!
//! Tokens are plain data so a screen can switch them at run time; [`Theme::dark`] is the
//! default look.

use tenfoot_renderer::Color;

/// The design tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: Color,
    pub surface: Color,
    pub surface_raised: Color,
    pub text: Color,
    pub text_muted: Color,
    pub accent: Color,
    pub on_accent: Color,
    pub focus_ring: Color,
    /// Type scale in logical px: display, title, heading, body, caption.
    pub type_scale: [f32; 5],
    /// Spacing steps in logical px: xs, s, m, l, xl.
    pub spacing: [f32; 5],
    /// Corner radii: small (chips, buttons), medium (tiles), large (panels).
    pub radius: [f32; 3],
    pub focus_ring_width: f32,
    pub focus_scale: f32,
}

impl Theme {
    pub fn dark() -> Self {
        Self {
            background: Color::hex(0x0b0d12),
            surface: Color::hex(0x171a22),
            surface_raised: Color::hex(0x232733),
            text: Color::hex(0xf3f4f7),
            text_muted: Color::hex(0x9aa1b2),
            accent: Color::hex(0xe8b44a),
            on_accent: Color::hex(0x16130c),
            focus_ring: Color::hex(0xffffff),
            type_scale: [72.0, 48.0, 34.0, 26.0, 20.0],
            spacing: [8.0, 16.0, 24.0, 40.0, 64.0],
            radius: [12.0, 16.0, 28.0],
            focus_ring_width: 4.0,
            focus_scale: 1.06,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}
