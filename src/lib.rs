//! tenfoot: a Rust UI toolkit for 10-foot (TV) apps.
//!
//! This facade re-exports the crates: [`renderer`] (display list, resources, backends),
//! [`toolkit`] (entity tree, layout, paint, frame loop), [`widgets`] and [`preview`]
//! (desktop window and headless command line).

pub use tenfoot_preview as preview;
pub use tenfoot_renderer as renderer;
pub use tenfoot_toolkit as toolkit;
pub use tenfoot_widgets as widgets;

pub mod sample;
