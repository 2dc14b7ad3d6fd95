//! Button: a labelled, rounded control with normal, focused, pressed and disabled looks.
//!
//! A button is focusable; focus switches it to the Focused look (light fill, white ring,
//! shadow, 4 % scale-up) and blur switches it back, through a [`FocusStyle`]. An explicit
//! [`ButtonLook`] still draws that look when unfocused (for previews and screenshots);
//! `Disabled` also takes the button out of navigation.

use tenfoot_renderer::{Color, FontWeight, Transform};
use tenfoot_toolkit::{El, FocusStyle, Role, Shadow, Visual};

use crate::icon::Icon;
use crate::theme::{themed, Look, Theme};

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
    icon: Option<Icon>,
}

/// How much larger than the label text an icon is drawn (icons read small at text size).
const ICON_SCALE: f32 = 1.35;

/// A button showing `label`. Handlers and the other element methods come from
/// [`Widget`](tenfoot_toolkit::Widget): `button("Play").on_select(..)`.
pub fn button(label: impl Into<String>) -> ButtonBuilder {
    ButtonBuilder {
        label: label.into(),
        look: ButtonLook::Normal,
        primary: false,
        name: None,
        initial_focus: false,
        theme: None,
        icon: None,
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

    /// Leads the label with `icon` (`button("10").icon(Icon::Replay)`); with an empty label
    /// the button is the icon alone, a square: name it for readers with `.label("Play")`.
    pub fn icon(mut self, icon: Icon) -> Self {
        self.icon = Some(icon);
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
        Visual { background: Some(bg), radii: tenfoot_renderer::Corners::all(theme.radius.small), ..Visual::default() };
    if let Some(c) = border {
        v.shadow = Some(Shadow { y: 6.0, blur: 24.0, color: Color::rgba(0, 0, 0, 140), ..Shadow::NONE });
        v.border = Some((3.0, c));
        v.transform = Transform::scale(1.04, 1.04);
    }
    v
}

/// The button's own look in `theme` (and its focus look).
fn style_button(theme: &Theme, primary: bool, look: ButtonLook, l: &mut Look) {
    l.visual = button_visual(theme, primary, look);
    let (_, focused_fg, _) = button_colors(theme, primary, ButtonLook::Focused);
    l.focus = Some(FocusStyle {
        visual: Some(button_visual(theme, primary, ButtonLook::Focused)),
        text_color: Some(focused_fg),
    });
}

/// The label's colour and size in `theme`.
fn style_label(theme: &Theme, primary: bool, look: ButtonLook, l: &mut Look) {
    if let Some(t) = &mut l.text {
        t.color = button_colors(theme, primary, look).1;
        t.style.size = theme.type_scale.body;
    }
}

impl From<ButtonBuilder> for El {
    /// Without an explicit theme, the button follows the app's theme (see [`themed`]), its
    /// focus look included; with one, it keeps that theme's looks.
    fn from(b: ButtonBuilder) -> El {
        let (primary, look) = (b.primary, b.look);
        let container = El::new()
            .direction(tenfoot_toolkit::Direction::Row)
            .center()
            .padding_xy(36.0, 16.0)
            .min_width(160.0)
            .with(Button { label: b.label.clone(), look })
            .role(Role::Button)
            .label(b.label.clone())
            .focusable()
            .disabled(look == ButtonLook::Disabled);
        let icon_only = b.icon.is_some() && b.label.is_empty();
        let container = match (b.icon.is_some(), icon_only) {
            // Square: as tall as a labelled button, no wider.
            (_, true) => container.padding_xy(18.0, 16.0).min_width(0.0),
            (true, false) => container.gap(12.0),
            _ => container,
        };
        let icon = b.icon.map(|i| {
            El::new().name("icon").text(i.char().to_string()).line_height(1.0).single_line().shrink(0.0).decorative()
        });
        let label = El::new().text(b.label).weight(FontWeight::SEMIBOLD);
        let style_icon = move |theme: &Theme, l: &mut Look| {
            style_label(theme, primary, look, l);
            if let Some(t) = &mut l.text {
                t.style.size = (theme.type_scale.body * ICON_SCALE).round();
            }
        };
        let icon = icon.map(|i| match b.theme.clone() {
            Some(theme) => {
                let mut l = Look { text: i.text_content().cloned(), ..Look::default() };
                style_icon(&theme, &mut l);
                match l.text {
                    Some(t) => i.text_style(|c| *c = t),
                    None => i,
                }
            }
            None => themed(i, style_icon),
        });
        let (container, label) = match b.theme {
            Some(theme) => {
                let mut l = Look { text: label.text_content().cloned(), ..Look::default() };
                style_button(&theme, primary, look, &mut l);
                style_label(&theme, primary, look, &mut l);
                let mut container = container.visual(|v| *v = l.visual);
                if let Some(f) = l.focus {
                    container = container.focus_style(f);
                }
                let label = match l.text {
                    Some(t) => label.text_style(|c| *c = t),
                    None => label,
                };
                (container, label)
            }
            None => (
                themed(container, move |t, l| style_button(t, primary, look, l)),
                themed(label, move |t, l| style_label(t, primary, look, l)),
            ),
        };
        let mut el = container.children(icon);
        if !icon_only {
            el = el.child(label);
        }
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
    fn an_icon_button_shows_the_icon_larger_than_text_and_is_named_for_readers() {
        use tenfoot_toolkit::{tree, TextContent, Widget};
        let mut app = App::headless();
        let root = app.root();
        let only = app.mount(root, button("").icon(Icon::Play).label("Play"));
        let both = app.mount(root, button("10").icon(Icon::Replay));
        let texts = |e| -> Vec<(String, f32)> {
            tree::subtree(app.world(), e)
                .into_iter()
                .filter_map(|n| app.world().get::<&TextContent>(n).ok().map(|t| (t.text.clone(), t.style.size)))
                .collect()
        };
        let body = Theme::dark().type_scale.body;
        let icon_size = (body * ICON_SCALE).round();
        assert_eq!(texts(only), vec![(Icon::Play.char().to_string(), icon_size)], "the icon alone");
        assert_eq!(texts(both), vec![(Icon::Replay.char().to_string(), icon_size), ("10".to_owned(), body)]);
        let label = app.world().get::<&tenfoot_toolkit::semantics::Semantics>(only).unwrap().label.clone();
        assert_eq!(label.as_deref(), Some("Play"));
    }

    #[test]
    fn focused_button_has_border_and_scale() {
        let mut app = App::headless();
        app.set_root(crate::container::row().child(button("Play").look(ButtonLook::Focused).name("b")));
        let list = app.display_list().clone();
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

    #[test]
    fn a_theme_switch_restyles_the_button_and_its_focus_look_even_while_focused() {
        use crate::theme::set_theme;
        use std::time::Duration;
        use tenfoot_toolkit::TextContent;
        let mut app = App::headless();
        app.set_root(crate::container::row().child(button("Play").name("a")).child(button("Info").name("b")));
        let _ = app.frame(Duration::ZERO, &[]);
        let (a, b) = (app.find("a").unwrap(), app.find("b").unwrap());
        assert_eq!(app.focused(), Some(a));
        let bg = |app: &App, e| app.world().get::<&Visual>(e).unwrap().background;
        let label = |app: &App, e| {
            let l = tenfoot_toolkit::tree::children(app.world(), e)[0];
            app.world().get::<&TextContent>(l).unwrap().color
        };
        let dark = Theme::dark();
        assert_eq!(bg(&app, a), Some(dark.text), "focused: the dark theme's flip");
        assert_eq!(bg(&app, b), Some(dark.surface_raised));

        let light = Theme::light();
        set_theme(&mut app, light.clone());
        let _ = app.frame(Duration::from_millis(16), &[]);
        assert_eq!(bg(&app, a), Some(light.text), "the focus look follows the theme");
        assert_eq!(label(&app, a), light.background);
        assert_eq!(bg(&app, b), Some(light.surface_raised), "so does the resting look");
        assert_eq!(label(&app, b), light.text);

        // Blur: the button returns to the light resting look, not the dark one it had when it
        // was focused.
        let _ = app.press(tenfoot_toolkit::RemoteKey::Right);
        assert_eq!(app.focused(), Some(b));
        assert_eq!(bg(&app, a), Some(light.surface_raised));
        assert_eq!(label(&app, a), light.text);
        assert_eq!(bg(&app, b), Some(light.text));
        assert_eq!(label(&app, b), light.background);
    }
}
