//! tenfoot-widgets: the widget library. One widget per file, each a function returning an
//! [`El`](tenfoot_toolkit::El) builder, with its tests at the bottom.

mod button;
mod container;
mod image;
pub mod markup;
mod text;
mod theme;

pub use button::{button, button_colors, Button, ButtonBuilder, ButtonLook};
pub use container::{column, container, row};
pub use image::image;
pub use text::{caption, heading, text};
pub use theme::Theme;
