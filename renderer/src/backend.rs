//! The [`Backend`] trait: what consumes a display list each frame.
//!
//! Two implementations are planned by the design: the CPU rasterizer ([`crate::CpuBackend`]) and
//! the display-list sink that encodes frames for a device.

use crate::display_list::DisplayList;
use crate::geom::Rect;
use crate::resources::Resources;

/// What a backend noticed while drawing a frame that the app should hear about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameReport {
    /// Problems that did not stop the frame (an image that failed to decode, drawn as a
    /// placeholder). Each distinct problem is reported once per backend.
    pub errors: Vec<String>,
    /// The regions actually redrawn, in physical pixels.
    pub drawn: Vec<Rect>,
}

/// Consumes display lists.
pub trait Backend {
    /// Draws a whole frame. `damage`, when given, limits the work to those logical rectangles:
    /// pixels outside them are left as the previous frame drew them.
    fn draw(&mut self, list: &DisplayList, resources: &mut Resources, damage: Option<&[Rect]>) -> FrameReport;
}
