//! [`Widget`]: `El`'s element methods on every widget builder, so `button("OK").on_select(..)`
//! needs no `El::from`.
//!
//! A widget builder (`button`, `rail`, `modal`...) collects the widget's own settings and
//! becomes an [`El`] through `From`. Any type that converts into an `El` is a `Widget`: its
//! element methods convert it and call the `El` method of the same name, so they come after
//! the widget's own settings (`button("OK").primary().name("ok").on_select(..)`). A builder's
//! own method of the same name (a rail's `on_select` with an index, a button's `name`) wins,
//! as inherent methods do.
//!
//! The methods mirror `El`'s builder methods one for one (each forwards its arguments, so a
//! signature that drifts from `El`'s fails to compile); a builder method added to `El` belongs
//! here too.

use std::hash::Hash;

use tenfoot_renderer::{Color, Corners, FontWeight, ImageFit, TextAlign, Transform};

use crate::animation::{Motion, Timing};
use crate::element::El;
use crate::focus::{EventCtx, FocusScope, FocusStyle, Handled, NavDirection};
use crate::input::KeyEvent;
use crate::reactive::{NodeId, Source};
use crate::scroll::Scroll;
use crate::semantics::{Role, Semantics};
use crate::style::{Align, Direction, Edges, Insets, Justify, Length, Shadow, Style, TextContent, Visual};
use crate::App;

macro_rules! element_methods {
    ($( fn $name:ident $(<$($g:ident $(: $b:path)?),*>)? (self $(, $arg:ident : $ty:ty)*) $(where [$($w:tt)*])?; )*) => {
        $(
            #[doc = concat!("Converts to an [`El`] and calls [`El::", stringify!($name), "`].")]
            fn $name $(<$($g $(: $b)?),*>)? (self $(, $arg: $ty)*) -> El $(where $($w)*)? {
                self.into().$name($($arg),*)
            }
        )*
    };
}

/// `El`'s element methods for anything that becomes an [`El`] (every widget builder).
pub trait Widget: Into<El> + Sized {
    /// The element this widget builds.
    fn el(self) -> El {
        self.into()
    }

    element_methods! {
        fn name(self, name: impl Into<String>);
        fn child(self, child: impl Into<El>);
        fn children<I: Into<El>>(self, children: impl IntoIterator<Item = I>);
        fn with<C: hecs::Component>(self, component: C);
        fn style(self, f: impl FnOnce(&mut Style));
        fn visual(self, f: impl FnOnce(&mut Visual));
        fn direction(self, d: Direction);
        fn gap(self, v: f32);
        fn padding(self, v: f32);
        fn padding_xy(self, horizontal: f32, vertical: f32);
        fn padding_edges(self, e: Edges);
        fn margin(self, v: f32);
        fn margin_edges(self, e: Edges);
        fn width(self, l: impl Into<Length>);
        fn height(self, l: impl Into<Length>);
        fn size(self, w: impl Into<Length>, h: impl Into<Length>);
        fn min_width(self, l: impl Into<Length>);
        fn max_width(self, l: impl Into<Length>);
        fn min_height(self, l: impl Into<Length>);
        fn max_height(self, l: impl Into<Length>);
        fn aspect_ratio(self, r: f32);
        fn grow(self, g: f32);
        fn shrink(self, v: f32);
        fn wrap(self);
        fn align_items(self, a: Align);
        fn align_self(self, a: Align);
        fn justify(self, j: Justify);
        fn center(self);
        fn absolute(self, left: f32, top: f32);
        fn inset(self, inset: impl Into<Insets>);
        fn rtl(self, rtl: bool);
        fn ltr(self);
        fn hidden(self, hidden: bool);
        fn background(self, c: Color);
        fn gradient(self, angle: f32, stops: &[(f32, Color)]);
        fn radius(self, r: f32);
        fn radii(self, r: Corners);
        fn border(self, width: f32, color: Color);
        fn shadow(self, shadow: Shadow);
        fn opacity(self, o: f32);
        fn transform(self, t: Transform);
        fn scale(self, s: f32);
        fn clip(self);
        fn text(self, text: impl Into<String>);
        fn text_style(self, f: impl FnOnce(&mut TextContent));
        fn font_size(self, size: f32);
        fn weight(self, w: FontWeight);
        fn color(self, c: Color);
        fn line_height(self, m: f32);
        fn text_align(self, a: TextAlign);
        fn max_lines(self, n: u32);
        fn single_line(self);
        fn image(self, source: impl Into<String>);
        fn fit(self, fit: ImageFit);
        fn focusable(self);
        fn focus_scope(self, scope: FocusScope);
        fn focus_override(self, dir: NavDirection, target: impl Into<String>);
        fn initial_focus(self);
        fn disabled(self, disabled: bool);
        fn focus_style(self, style: FocusStyle);
        fn focus_visual(self, f: impl FnOnce(&mut Visual));
        fn on_key(self, f: impl FnMut(&mut EventCtx<'_>, &KeyEvent) -> Handled + 'static);
        fn on_select(self, f: impl FnMut(&mut EventCtx<'_>) + 'static);
        fn on_focus(self, f: impl FnMut(&mut EventCtx<'_>) + 'static);
        fn on_blur(self, f: impl FnMut(&mut EventCtx<'_>) + 'static);
        fn scroll(self, scroll: Scroll);
        fn bind(self, f: impl FnMut(&mut App, hecs::Entity) + 'static);
        fn owns(self, node: impl Into<NodeId>);
        fn bind_text(self, f: impl Fn(&App) -> String + 'static);
        fn text_signal(self, source: impl Source<String>);
        fn bind_visible(self, f: impl Fn(&App) -> bool + 'static);
        fn visible_when(self, source: impl Source<bool>);
        fn bind_style(self, f: impl Fn(&App, &mut Style) + 'static);
        fn bind_visual(self, f: impl Fn(&App, &mut Visual) + 'static);
        fn bind_text_content(self, f: impl Fn(&App, &mut TextContent) + 'static);
        fn for_each<T, K>(
            self,
            items: impl Source<Vec<T>>,
            key: impl Fn(&T) -> K + 'static,
            view: impl Fn(&T) -> El + 'static
        ) where [T: 'static, K: Eq + Hash + Clone + std::fmt::Debug + 'static];
        fn transition(self, spec: &str);
        fn animate_layout(self);
        fn animate_layout_with(self, timing: impl Into<Timing>);
        fn enter(self, motion: Motion);
        fn exit(self, motion: Motion);
        fn role(self, role: Role);
        fn label(self, label: impl Into<String>);
        fn description(self, description: impl Into<String>);
        fn value(self, value: impl Into<String>);
        fn hint(self, hint: impl Into<String>);
        fn selected(self, selected: bool);
        fn checked(self, checked: bool);
        fn busy(self, busy: bool);
        fn decorative(self);
        fn item_index(self, index: usize);
        fn item_count(self, count: usize);
        fn semantics(self, semantics: Semantics);
        fn bind_semantics(self, f: impl Fn(&App, &mut Semantics) + 'static);
    }
}

impl<T: Into<El>> Widget for T {}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::input::RemoteKey;

    /// A widget builder as a widget crate writes one: own settings, then `From` into `El`.
    struct Badge {
        label: &'static str,
    }

    impl From<Badge> for El {
        fn from(b: Badge) -> El {
            El::new().text(b.label).size(120.0, 60.0)
        }
    }

    #[test]
    fn a_builder_takes_element_methods_and_handlers() {
        let mut app = App::headless();
        let hits = app.signal(0u32);
        let badge = Badge { label: "New" }
            .name("badge")
            .focusable()
            .background(Color::WHITE)
            .on_select(move |ctx| hits.update(ctx, |n| *n += 1));
        app.set_root(badge);
        app.frame(Duration::ZERO, &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/badge"));
        app.press(RemoteKey::Select);
        assert_eq!(hits.get(&app), 1);
    }
}
