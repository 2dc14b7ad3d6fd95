//! Button: a labelled, rounded control with normal, focused, pressed and disabled looks.
//!
//! A button is focusable; focus switches it to the Focused look (light fill, white ring,
//! shadow, 4 % scale-up) and blur switches it back, through a [`FocusStyle`]. An explicit
//! [`ButtonLook`] still draws that look when unfocused (for previews and screenshots);
//! `Disabled` also takes the button out of navigation.

use tenfoot_renderer::{Color, FontWeight, Point, Transform};
use tenfoot_toolkit::{El, FocusStyle, Shadow, Visual};

use crate::theme::Theme;

/// The interaction state a button is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonLook {
    #[default]
    Normal,
    Focused,
    Pressed,
    Disabled,
}

/// Marks an element as a button and remembers its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub look: ButtonLook,
}

/// Builder for a button.
#[derive(Clone, Debug)]
pub struct ButtonBuilder {
    label: String,
    look: ButtonLook,
    primary: bool,
    name: Option<String>,
    initial_focus: bool,
    theme: Option<Theme>,
}

/// A button showing `label`. Add handlers on the element: `El::from(button("Play")).on_select(..)`.
pub fn button(label: impl Into<String>) -> ButtonBuilder {
    ButtonBuilder {
        label: label.into(),
        look: ButtonLook::Normal,
        primary: false,
        name: None,
        initial_focus: false,
        theme: None,
    }
}

impl ButtonBuilder {
    /// The accent-coloured call to action (Play).
    pub fn primary(mut self) -> Self {
        self.primary = true;
        self
    }
    pub fn look(mut self, look: ButtonLook) -> Self {
        self.look = look;
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Draws with `theme`'s tokens instead of the default dark theme (markup screens pass
    /// the theme file's tokens here).
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = Some(theme);
        self
    }

    /// Focus starts on this button when its screen is shown.
    pub fn initial_focus(mut self) -> Self {
        self.initial_focus = true;
        self
    }
}

/// Colours of a button in `look`: (background, label, border).
pub fn button_colors(theme: &Theme, primary: bool, look: ButtonLook) -> (Color, Color, Option<Color>) {
    match look {
        ButtonLook::Disabled => (theme.surface, theme.text_muted.with_opacity(0.6), None),
        ButtonLook::Focused => (theme.text, theme.background, Some(theme.focus_ring)),
        ButtonLook::Pressed => (theme.text_muted, theme.background, Some(theme.focus_ring)),
        ButtonLook::Normal if primary => (theme.accent, theme.on_accent, None),
        ButtonLook::Normal => (theme.surface_raised, theme.text, None),
    }
}

/// The box of a button in `look`: fill, corners and, for the focused and pressed looks, the
/// ring, shadow and scale-up.
pub fn button_visual(theme: &Theme, primary: bool, look: ButtonLook) -> Visual {
    let (bg, _, border) = button_colors(theme, primary, look);
    let mut v =
        Visual { background: Some(bg), radii: tenfoot_renderer::Corners::all(theme.radius[0]), ..Visual::default() };
    if let Some(c) = border {
        v.shadow =
            Some(Shadow { offset: Point::new(0.0, 6.0), blur: 24.0, spread: 0.0, color: Color::rgba(0, 0, 0, 140) });
        v.border = Some((3.0, c));
        v.transform = Transform::scale(1.04, 1.04);
    }
    v
}

impl From<ButtonBuilder> for El {
    fn from(b: ButtonBuilder) -> El {
        let theme = b.theme.unwrap_or_default();
        let (_, fg, _) = button_colors(&theme, b.primary, b.look);
        let visual = button_visual(&theme, b.primary, b.look);
        let (_, focused_fg, _) = button_colors(&theme, b.primary, ButtonLook::Focused);
        let mut el = El::new()
            .direction(tenfoot_toolkit::Direction::Row)
            .center()
            .padding_xy(36.0, 16.0)
            .min_width(160.0)
            .visual(|v| *v = visual)
            .with(Button { label: b.label.clone(), look: b.look })
            .focusable()
            .disabled(b.look == ButtonLook::Disabled)
            .focus_style(FocusStyle {
                visual: Some(button_visual(&theme, b.primary, ButtonLook::Focused)),
                text_color: Some(focused_fg),
            })
            .child(El::new().text(b.label).font_size(theme.type_scale[3]).weight(FontWeight::SEMIBOLD).color(fg));
        if b.initial_focus {
            el = el.initial_focus();
        }
        if let Some(n) = b.name {
            el = el.name(n);
        }
        el
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::Command;
    use tenfoot_toolkit::App;

    #[test]
    fn focused_button_has_border_and_scale() {
        let mut app = App::headless();
        app.set_root(crate::container::row().child(button("Play").look(ButtonLook::Focused).name("b")));
        let list = app.display_list();
        assert!(list.commands.iter().any(|c| matches!(c, Command::Border { .. })));
        assert!(list.commands.iter().any(|c| matches!(c, Command::PushTransform(_))));
        let b = app.find("b").map(|e| app.world().get::<&Button>(e).map(|b| b.label.clone()).ok());
        assert_eq!(b, Some(Some("Play".to_owned())));
    }

    #[test]
    fn button_sizes_to_its_label_with_padding() {
        let mut app = App::headless();
        app.set_root(crate::container::row().child(button("A much longer label").name("b")));
        app.layout();
        let r = app.find("b").and_then(|e| app.rect(e)).unwrap_or_default();
        assert!(r.width > 160.0 + 72.0, "width {}", r.width);
        assert_eq!(r.height, 32.0 + 33.0);
    }
}
