//! The reference placeholder for a [`Command::Video`] on a backend with no video plane: a dark
//! panel, a frame and the label in a 5x7 pixel font, made of plain fills so that any reader
//! (the CPU backend, the C reference reader) draws the same pixels. Specified byte for byte in
//! `docs/display-list.md` ("Video placeholder").

use crate::display_list::Command;
use crate::geom::{Color, Corners, Rect};

/// Panel, frame and text colours of the placeholder.
pub const VIDEO_PANEL: Color = Color::rgb(24, 26, 32);
pub const VIDEO_FRAME: Color = Color::rgb(96, 104, 120);
pub const VIDEO_TEXT: Color = Color::rgb(200, 206, 218);

/// The characters of the pixel font, in table order; anything else draws as `?`.
pub const VIDEO_FONT_CHARS: &str = " ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:./?";

/// Seven rows per character, five bits per row (bit 4 is the leftmost pixel).
#[rustfmt::skip]
pub const VIDEO_FONT: [[u8; 7]; 42] = [
    [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // space
    [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11], // A
    [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e], // B
    [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e], // C
    [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e], // D
    [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f], // E
    [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10], // F
    [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f], // G
    [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11], // H
    [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e], // I
    [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c], // J
    [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11], // K
    [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f], // L
    [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11], // M
    [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11], // N
    [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e], // O
    [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10], // P
    [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d], // Q
    [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11], // R
    [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e], // S
    [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04], // T
    [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e], // U
    [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04], // V
    [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a], // W
    [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11], // X
    [0x11, 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04], // Y
    [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f], // Z
    [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e], // 0
    [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e], // 1
    [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f], // 2
    [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e], // 3
    [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02], // 4
    [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e], // 5
    [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e], // 6
    [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08], // 7
    [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e], // 8
    [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c], // 9
    [0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00], // -
    [0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00], // :
    [0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c], // .
    [0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00], // /
    [0x0e, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04], // ?
];

/// The font row bits of `c` (ASCII letters folded to upper case).
fn glyph(c: char) -> &'static [u8; 7] {
    let c = c.to_ascii_uppercase();
    let i = VIDEO_FONT_CHARS.find(c).unwrap_or(VIDEO_FONT_CHARS.len() - 1);
    &VIDEO_FONT[i.min(VIDEO_FONT.len() - 1)]
}

/// The commands that draw the placeholder of a video plane at `rect` labelled `label`:
/// the panel, a 4-pixel frame when the rect is at least 8x8, and `VIDEO` (then a space and
/// the label) centred in pixels of `u = clamp(floor(min(w, h) / 120), 1, 8)` logical pixels,
/// each character 5u wide on a 6u advance, cut to the characters that fit inside `w - 2u`.
pub fn video_placeholder(rect: &Rect, label: &str) -> Vec<Command> {
    let mut out = vec![Command::FillRect { rect: *rect, radii: Corners::ZERO, color: VIDEO_PANEL }];
    let (w, h) = (rect.width, rect.height);
    if w.is_nan() || h.is_nan() || w < 8.0 || h < 8.0 {
        return out;
    }
    out.push(Command::Border { rect: *rect, radii: Corners::ZERO, width: 4.0, color: VIDEO_FRAME });
    let u = (w.min(h) / 120.0).floor().clamp(1.0, 8.0);
    let text: Vec<char> =
        if label.is_empty() { "VIDEO".chars().collect() } else { format!("VIDEO {label}").chars().collect() };
    let fits = ((w - 2.0 * u) / (6.0 * u)).floor().max(0.0) as usize;
    let n = text.len().min(fits);
    if n == 0 || 7.0 * u > h {
        return out;
    }
    let tw = n as f32 * 6.0 * u - u;
    let x0 = (rect.x + (w - tw) / 2.0).floor();
    let y0 = (rect.y + (h - 7.0 * u) / 2.0).floor();
    for (i, c) in text.iter().take(n).enumerate() {
        for (row, bits) in glyph(*c).iter().enumerate() {
            let mut col = 0;
            while col < 5 {
                if bits & (0x10 >> col) == 0 {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < 5 && bits & (0x10 >> col) != 0 {
                    col += 1;
                }
                let x = x0 + (6 * i + start) as f32 * u;
                let y = y0 + row as f32 * u;
                out.push(Command::FillRect {
                    rect: Rect::new(x, y, (col - start) as f32 * u, u),
                    radii: Corners::ZERO,
                    color: VIDEO_TEXT,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_is_a_panel_a_frame_and_the_label() {
        let cmds = video_placeholder(&Rect::new(0.0, 0.0, 1920.0, 1080.0), "Trailer");
        assert!(matches!(cmds[0], Command::FillRect { color: VIDEO_PANEL, .. }));
        assert!(matches!(cmds[1], Command::Border { .. }));
        // "VIDEO TRAILER": 12 letters, every one lights at least one run.
        assert!(cmds.len() > 2 + 12 * 5, "{}", cmds.len());
        let tiny = video_placeholder(&Rect::new(0.0, 0.0, 6.0, 6.0), "x");
        assert_eq!(tiny.len(), 1);
        assert_eq!(VIDEO_FONT_CHARS.len(), VIDEO_FONT.len());
    }
}
