//! Button: a labelled, rounded control with normal, focused, pressed and disabled looks.

use tenfoot_renderer::{Color, FontWeight};
use tenfoot_toolkit::El;

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
    theme: Option<Theme>,
}

/// A button showing `label`.
pub fn button(label: impl Into<String>) -> ButtonBuilder {
    ButtonBuilder { label: label.into(), look: ButtonLook::Normal, primary: false, name: None, theme: None }
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

impl From<ButtonBuilder> for El {
    fn from(b: ButtonBuilder) -> El {
        let theme = b.theme.unwrap_or_default();
        let (bg, fg, border) = button_colors(&theme, b.primary, b.look);
        let mut el = El::new()
            .direction(tenfoot_toolkit::Direction::Row)
            .center()
            .padding_xy(36.0, 16.0)
            .min_width(160.0)
            .background(bg)
            .radius(theme.radius[0])
            .with(Button { label: b.label.clone(), look: b.look })
            .child(El::new().text(b.label).font_size(theme.type_scale[3]).weight(FontWeight::SEMIBOLD).color(fg));
        if let Some(c) = border {
            el = el.shadow(0.0, 6.0, 24.0, Color::rgba(0, 0, 0, 140)).border(3.0, c).scale(1.04);
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
