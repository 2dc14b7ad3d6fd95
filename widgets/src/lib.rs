//! tenfoot-widgets: the widget library. One widget per file, each a function returning an
//! [`El`](tenfoot_toolkit::El) builder, with its tests at the bottom. Widgets follow the app's
//! theme ([`set_theme`]) through reactive bindings.

mod button;
mod container;
mod deferred;
mod grid;
mod hero;
mod icon;
mod image;
mod keyboard;
mod list;
pub mod markup;
mod modal;
mod nav_bar;
mod progress_bar;
mod rail;
mod seek_bar;
mod spinner;
mod text;
mod text_input;
mod theme;
mod tile;
mod toast;
mod toggle;
mod virtual_track;

pub use button::{button, button_colors, button_visual, Button, ButtonBuilder, ButtonLook};
pub use container::{column, container, row};
pub use deferred::{
    deferred, deferred_attempts, deferred_of, deferred_state, deferred_with, error_view, focus_target, retry,
    shimmer_gradient, skeleton, skeleton_line, Deferred, DeferredState, Shimmer, SHIMMER_PERIOD, SHIMMER_STEP,
};
pub use grid::{grid, grid_of, Grid, GridBuilder, GRID_ITEM_GAP, GRID_ITEM_SIZE};
pub use hero::{hero, HeroBuilder};
pub use icon::{icon, icon_text, is_icon_char, Icon};
pub use image::{image, ImageExt};
pub use keyboard::{key_visual, keyboard, Key, KeyAction, KeyLayout, Keyboard, KeyboardBuilder};
pub use list::{list, list_item, ListBuilder, ListItem};
pub use modal::{close_modal, modal, open_modal, Modal, ModalBuilder};
pub use nav_bar::{nav_bar, NavBar, NavBarBuilder, SIDE_COLLAPSED, SIDE_EXPANDED};
pub use progress_bar::{clamp_progress, progress_bar, progress_bar_bound, ProgressFill};
pub use rail::{rail, rail_of, rail_skeleton, Rail, RailBuilder, RAIL_INSET, RAIL_ITEM_GAP, RAIL_ITEM_WIDTH};
pub use seek_bar::{format_time, seek_bar, seek_bar_bound};
pub use spinner::{spinner, spinner_angle, SPINNER_STEP};
/// `El`'s element methods on every builder here (`button("OK").on_select(..)`).
pub use tenfoot_toolkit::Widget;
pub use text::{caption, display, heading, styled_text, text, title};
pub use text_input::{
    edit_text, text_input, text_input_visual, typed_key, typing_target, TextEdit, TextInput, TextInputBuilder,
};
pub use theme::{set_theme, theme, themed, ColorToken, Look, Radii, Spacing, TextRole, Theme, TypeScale};
pub use tile::{tile, tile_poster_visual, tile_ring_visual, Tile, TileBuilder};
pub use toast::{toast, toast_color, toast_stack, Toast, ToastKind, Toasts};
pub use toggle::{checkbox, toggle, toggle_with_detail, Toggle, KNOB_TRAVEL};
pub use virtual_track::ItemState;

/// The first element named `name` inside `root` (tests).
#[cfg(test)]
pub(crate) fn tree_find(
    app: &tenfoot_toolkit::App,
    root: tenfoot_toolkit::Entity,
    name: &str,
) -> tenfoot_toolkit::Entity {
    tenfoot_toolkit::tree::find_by_name(app.world(), root, name).unwrap_or(root)
}
