//! tenfoot-widgets: the widget library. One widget per file, each a function returning an
//! [`El`](tenfoot_toolkit::El) builder, with its tests at the bottom.

mod button;
mod container;
mod deferred;
mod image;
mod text;
mod theme;

pub use button::{button, button_colors, button_visual, Button, ButtonBuilder, ButtonLook};
pub use container::{column, container, row};
pub use deferred::{
    deferred, deferred_attempts, deferred_of, deferred_state, error_view, focus_target, retry, shimmer_gradient,
    skeleton, skeleton_line, Deferred, DeferredState, Shimmer, SHIMMER_PERIOD, SHIMMER_STEP,
};
pub use image::image;
pub use text::{caption, heading, text};
pub use theme::Theme;
