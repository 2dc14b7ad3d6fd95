//! tenfoot-toolkit: the entity tree, style, layout, focus, scroll, paint and frame loop.
//!
//! Every UI element is a hecs entity; systems (one module per phase) read and write its
//! components. This crate never names a window, an event loop, a thread or a file: assets come
//! through the renderer's `AssetSource`, time comes as an argument to [`App::frame`].

mod animation;
mod app;
pub mod damage;
mod element;
mod errors;
mod failure;
pub mod focus;
mod input;
pub mod l10n;
mod layout;
mod paint;
mod persist;
pub mod reactive;
mod report;
mod screen;
mod scroll;
pub mod semantics;
mod style;
pub mod tasks;
pub mod tree;
mod widget;

pub use animation::{
    AnimProp, AnimValue, AnimationEnd, AnimationHandle, Animations, Easing, EnterMotion, ExitMotion, Exiting,
    LayoutAnimated, Motion, PaintRect, Repeat, ScreenTransition, Spring, Timing, Transition, TransitionError, Tween,
    MAX_SPRING_SECONDS,
};
pub use app::{App, Frame, Phase, LOGICAL_SIZE};
pub use element::El;
pub use errors::{panic_message, ErrorKind, FrameError};
pub use failure::{AppCounts, ErrorMark, MAX_SYSTEM_PANICS, MAX_TREE_DEPTH};
pub use focus::lint::{navigation_lint, LintReport, TrapFinding};
pub use focus::{
    find_next, Disabled, EnterPolicy, EventCtx, FocusMemory, FocusOverrides, FocusScope, FocusStyle, Focusable,
    Focused, Handled, InitialFocus, NavDirection,
};
pub use hecs::{Entity, World};
pub use input::{parse_keys, Edge, KeyEvent, KeyPhase, RemoteKey, RepeatConfig, RepeatEngine, UnknownKey};
pub use l10n::lint::{l10n_lint, L10nFinding, L10nLintReport};
pub use l10n::{tr, Arg, L10nError, Locale, Translations};
pub use layout::{ComputedLayout, LayoutEngine, LeftToRight};
pub use persist::{RestoreError, ScreenRoute, Snapshot, RESTORE_FOCUS_FRAMES};
pub use reactive::{Effect, Memo, ReactiveStats, Signal, Source};
pub use report::terminal_safe;
pub use scroll::{scroll_to, wanted_offset, Scroll, ScrollAxis, ScrollPolicy};
pub use semantics::{
    a11y_lint, A11yLintReport, Announcer, LintOptions, Politeness, Role, SemNode, Semantics, SemanticsTree,
    SemanticsUpdate, TtsSpeak, Utterance,
};
pub use style::{
    pct, px, Align, Direction, Edges, Gradient, ImageContent, Insets, Justify, Length, Position, ScrollOffset, Shadow,
    Style, TextContent, VideoContent, Visual,
};
pub use tasks::{TaskCx, TaskHandle};
pub use tree::{Children, Name, Parent};
pub use widget::Widget;
