//! tenfoot-toolkit: the entity tree, style, layout, paint and frame loop.
//!
//! Every UI element is a hecs entity; systems (one module per phase) read and write its
//! components. This crate never names a window, an event loop, a thread or a file: assets come
//! through the renderer's `AssetSource`, time comes as an argument to [`App::frame`].

mod app;
mod element;
mod input;
mod layout;
mod paint;
pub mod reactive;
mod style;
pub mod tree;

pub use app::{App, Frame, Phase, LOGICAL_SIZE};
pub use element::El;
pub use hecs::{Entity, World};
pub use input::{parse_keys, KeyEvent, KeyPhase, RemoteKey, UnknownKey};
pub use layout::{ComputedLayout, LayoutEngine};
pub use reactive::{Effect, Memo, ReactiveStats, Signal, Source};
pub use style::{
    pct, px, Align, Direction, Edges, Gradient, ImageContent, Justify, Length, Position, Shadow, Style, TextContent,
    Visual,
};
pub use tree::{Children, Name, Parent};
