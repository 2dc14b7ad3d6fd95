//! Theme tokens the widgets draw with: colours, type scale, spacing, radii, focus style; and how
//! a theme reaches mounted widgets.
//!
//! Tokens are plain data ([`Theme::dark`], [`Theme::light`], [`Theme::high_contrast`]). The
//! app's current theme is an app context (a signal): [`set_theme`] replaces it, and every
//! widget built with [`themed`] re-applies its look in the next reactive phase. Re-applying
//! touches only values that still hold what the previous theme gave them, so a colour or size
//! the app set itself (`text("x").font_size(96.0)`) survives a theme switch.

use tenfoot_renderer::{Color, FontWeight};
use tenfoot_toolkit::{App, El, FocusStyle, TextContent, Visual};

/// The design tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub background: Color,
    pub surface: Color,
    pub surface_raised: Color,
    pub text: Color,
    pub text_muted: Color,
    pub accent: Color,
    pub on_accent: Color,
    pub focus_ring: Color,
    /// Behind text laid over images (hero scrims, tile captions).
    pub scrim: Color,
    /// Empty part of progress and seek bars.
    pub track: Color,
    /// Badges ("NEW", "4K") and error toasts.
    pub badge: Color,
    pub on_badge: Color,
    /// Type scale in logical px.
    pub type_scale: TypeScale,
    /// Spacing steps in logical px.
    pub spacing: Spacing,
    /// Corner radii in logical px.
    pub radius: Radii,
    pub focus_ring_width: f32,
    pub focus_scale: f32,
}

/// Text sizes of the type scale, one per [`TextRole`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypeScale {
    pub display: f32,
    pub title: f32,
    pub heading: f32,
    pub body: f32,
    pub caption: f32,
}

/// Spacing steps, smallest to largest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    pub xs: f32,
    pub s: f32,
    pub m: f32,
    pub l: f32,
    pub xl: f32,
}

/// Corner radii: `small` for chips and buttons, `medium` for tiles, `large` for panels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Radii {
    pub small: f32,
    pub medium: f32,
    pub large: f32,
}

/// The text styles of the type scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextRole {
    Display,
    Title,
    Heading,
    #[default]
    Body,
    Caption,
}

/// Colour tokens, for widgets whose colour is a theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColorToken {
    Background,
    Surface,
    SurfaceRaised,
    Text,
    TextMuted,
    Accent,
    OnAccent,
    FocusRing,
    Scrim,
    Track,
    Badge,
    OnBadge,
}

impl Theme {
    /// The default: near-black surfaces, warm accent.
    pub fn dark() -> Self {
        Self {
            name: "dark",
            background: Color::hex(0x0b0d12),
            surface: Color::hex(0x171a22),
            surface_raised: Color::hex(0x232733),
            text: Color::hex(0xf3f4f7),
            text_muted: Color::hex(0x9aa1b2),
            accent: Color::hex(0xe8b44a),
            on_accent: Color::hex(0x16130c),
            focus_ring: Color::hex(0xffffff),
            scrim: Color::rgba(5, 6, 10, 235),
            track: Color::rgba(255, 255, 255, 56),
            badge: Color::hex(0xd83a3a),
            on_badge: Color::hex(0xffffff),
            type_scale: TypeScale { display: 72.0, title: 48.0, heading: 34.0, body: 26.0, caption: 20.0 },
            spacing: Spacing { xs: 8.0, s: 16.0, m: 24.0, l: 40.0, xl: 64.0 },
            radius: Radii { small: 12.0, medium: 16.0, large: 28.0 },
            focus_ring_width: 4.0,
            focus_scale: 1.06,
        }
    }

    /// Daylight rooms: light surfaces, dark text, a deeper accent for contrast on white.
    pub fn light() -> Self {
        Self {
            name: "light",
            background: Color::hex(0xf2f3f6),
            surface: Color::hex(0xffffff),
            surface_raised: Color::hex(0xe3e6ec),
            text: Color::hex(0x14161c),
            text_muted: Color::hex(0x555c6b),
            accent: Color::hex(0xb36b00),
            on_accent: Color::hex(0xffffff),
            focus_ring: Color::hex(0x14161c),
            scrim: Color::rgba(242, 243, 246, 240),
            track: Color::rgba(20, 22, 28, 46),
            badge: Color::hex(0xc62828),
            on_badge: Color::hex(0xffffff),
            ..Self::dark()
        }
    }

    /// Accessibility: pure black and white, yellow accent, thicker focus ring, larger text.
    pub fn high_contrast() -> Self {
        Self {
            name: "high-contrast",
            background: Color::BLACK,
            surface: Color::BLACK,
            surface_raised: Color::hex(0x1a1a1a),
            text: Color::WHITE,
            text_muted: Color::hex(0xe6e6e6),
            accent: Color::hex(0xffe600),
            on_accent: Color::BLACK,
            focus_ring: Color::hex(0xffe600),
            scrim: Color::rgba(0, 0, 0, 250),
            track: Color::rgba(255, 255, 255, 110),
            badge: Color::hex(0xffe600),
            on_badge: Color::BLACK,
            type_scale: TypeScale { display: 76.0, title: 52.0, heading: 38.0, body: 30.0, caption: 24.0 },
            focus_ring_width: 6.0,
            ..Self::dark()
        }
    }

    /// Size, weight and line height of a text role.
    pub fn text_style(&self, role: TextRole) -> (f32, FontWeight, f32) {
        match role {
            TextRole::Display => (self.type_scale.display, FontWeight::BOLD, 1.1),
            TextRole::Title => (self.type_scale.title, FontWeight::BOLD, 1.15),
            TextRole::Heading => (self.type_scale.heading, FontWeight::SEMIBOLD, 1.2),
            TextRole::Body => (self.type_scale.body, FontWeight::REGULAR, 1.25),
            TextRole::Caption => (self.type_scale.caption, FontWeight::REGULAR, 1.25),
        }
    }

    pub fn color(&self, token: ColorToken) -> Color {
        match token {
            ColorToken::Background => self.background,
            ColorToken::Surface => self.surface,
            ColorToken::SurfaceRaised => self.surface_raised,
            ColorToken::Text => self.text,
            ColorToken::TextMuted => self.text_muted,
            ColorToken::Accent => self.accent,
            ColorToken::OnAccent => self.on_accent,
            ColorToken::FocusRing => self.focus_ring,
            ColorToken::Scrim => self.scrim,
            ColorToken::Track => self.track,
            ColorToken::Badge => self.badge,
            ColorToken::OnBadge => self.on_badge,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// The app's current theme (dark until [`set_theme`] is called). Reading it from a binding or
/// effect subscribes it to theme switches.
pub fn theme(app: &App) -> Theme {
    app.context_or_default::<Theme>()
}

/// Switches the app's theme: the background changes now, mounted themed widgets re-style in the
/// next frame's reactive phase.
pub fn set_theme(app: &mut App, theme: Theme) {
    app.set_background(theme.background);
    app.provide(theme);
}

/// The "colour flip" focus look of chips, menu rows and keys: the fill becomes the text
/// colour, the text the background colour, with the focus ring and a small scale-up. `base`
/// is the element's resting visual (its radii are kept).
pub(crate) fn focus_flip(t: &Theme, base: &Visual, scale: f32) -> tenfoot_toolkit::FocusStyle {
    tenfoot_toolkit::FocusStyle {
        visual: Some(Visual {
            background: Some(t.text),
            border: Some((t.focus_ring_width * 0.5, t.focus_ring)),
            transform: tenfoot_renderer::Transform::scale(scale, scale),
            shadow: Some(tenfoot_toolkit::Shadow {
                y: 6.0,
                blur: 24.0,
                color: Color::rgba(0, 0, 0, 140),
                ..tenfoot_toolkit::Shadow::NONE
            }),
            ..base.clone()
        }),
        text_color: Some(t.background),
    }
}

/// The parts of an element a theme styles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Look {
    pub visual: Visual,
    pub text: Option<TextContent>,
    /// The look while focused; `themed` manages it when `apply` sets it.
    pub focus: Option<FocusStyle>,
}

/// Styles `el` with `apply(&Theme::dark(), ..)` now, and keeps it styled by the app's theme once
/// mounted. `apply` sets the looks it owns from the theme's tokens; on a switch, a value is
/// replaced only while it still equals what the previous theme gave it.
pub fn themed(el: El, apply: impl Fn(&Theme, &mut Look) + 'static) -> El {
    let built = Theme::dark();
    let had_visual = el.visual_content().is_some();
    let mut look = Look {
        visual: el.visual_content().cloned().unwrap_or_default(),
        text: el.text_content().cloned(),
        focus: None,
    };
    apply(&built, &mut look);
    let mut el = el;
    if had_visual || look.visual != Visual::default() {
        el = el.visual(|v| *v = look.visual.clone());
    }
    if let Some(t) = look.text {
        el = el.text_style(|c| *c = t);
    }
    if let Some(f) = look.focus {
        el = el.focus_style(f);
    }
    let mut last = built;
    el.bind(move |app, e| {
        let now = theme(app);
        if now == last {
            return;
        }
        // A focused element is restyled at rest (its focus look lifted), so the look it
        // returns to on blur follows the theme too.
        let (old_theme, apply) = (&last, &apply);
        app.with_resting_look(e, |app| {
            let current = Look {
                visual: app.world().get::<&Visual>(e).map(|v| (*v).clone()).unwrap_or_default(),
                text: app.world().get::<&TextContent>(e).ok().map(|t| (*t).clone()),
                focus: app.world().get::<&FocusStyle>(e).ok().map(|f| (*f).clone()),
            };
            let mut old = current.clone();
            apply(old_theme, &mut old);
            let mut new = current.clone();
            apply(&now, &mut new);
            let merged = merge(&current, &old, &new);
            if merged.visual != current.visual {
                app.update_visual(e, |v| *v = merged.visual);
            }
            if let (Some(t), true) = (merged.text, current.text.is_some()) {
                app.update_text(e, |c| *c = t);
            }
            if merged.focus != current.focus {
                if let Some(f) = merged.focus {
                    let _ = app.world_mut().insert_one(e, f);
                }
            }
        });
        last = now;
    })
}

/// Field by field: `new` where `current` still equals `old` (the theme's previous value),
/// else `current` (the app changed it).
fn merge(current: &Look, old: &Look, new: &Look) -> Look {
    fn pick<T: PartialEq + Clone>(cur: &T, old: &T, new: &T) -> T {
        if cur == old {
            new.clone()
        } else {
            cur.clone()
        }
    }
    let (c, o, n) = (&current.visual, &old.visual, &new.visual);
    let visual = Visual {
        background: pick(&c.background, &o.background, &n.background),
        gradient: pick(&c.gradient, &o.gradient, &n.gradient),
        border: pick(&c.border, &o.border, &n.border),
        radii: pick(&c.radii, &o.radii, &n.radii),
        shadow: pick(&c.shadow, &o.shadow, &n.shadow),
        opacity: pick(&c.opacity, &o.opacity, &n.opacity),
        transform: pick(&c.transform, &o.transform, &n.transform),
        translate: pick(&c.translate, &o.translate, &n.translate),
        scale: pick(&c.scale, &o.scale, &n.scale),
        clip: pick(&c.clip, &o.clip, &n.clip),
    };
    let text = match (&current.text, &old.text, &new.text) {
        (Some(c), Some(o), Some(n)) => {
            let mut t = c.clone();
            t.color = pick(&c.color, &o.color, &n.color);
            t.style.size = pick(&c.style.size, &o.style.size, &n.style.size);
            t.style.weight = pick(&c.style.weight, &o.style.weight, &n.style.weight);
            t.style.line_height = pick(&c.style.line_height, &o.style.line_height, &n.style.line_height);
            Some(t)
        }
        (c, _, _) => c.clone(),
    };
    // The focus look is one value: replaced while it is still the previous theme's.
    let focus = pick(&current.focus, &old.focus, &new.focus);
    Look { visual, text, focus }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn themes_differ_where_it_matters() {
        let (d, l, h) = (Theme::dark(), Theme::light(), Theme::high_contrast());
        assert_ne!(d.background, l.background);
        assert_eq!(h.background, Color::BLACK);
        assert!(h.type_scale.body > d.type_scale.body, "high contrast reads larger");
        assert!(h.focus_ring_width > d.focus_ring_width);
    }

    #[test]
    fn switching_restyles_mounted_widgets_but_keeps_app_overrides() {
        let mut app = App::headless();
        let plain = themed(El::new().text("a").name("plain"), |t, l| {
            if let Some(c) = &mut l.text {
                c.color = t.text;
            }
            l.visual.background = Some(t.surface);
        });
        let custom = themed(El::new().text("b").name("custom"), |t, l| {
            if let Some(c) = &mut l.text {
                c.color = t.text;
            }
        })
        .color(Color::rgb(1, 2, 3));
        app.set_root(El::new().child(plain).child(custom));
        let color = |app: &App, n: &str| app.world().get::<&TextContent>(app.find(n).unwrap()).unwrap().color;
        assert_eq!(color(&app, "plain"), Theme::dark().text);
        set_theme(&mut app, Theme::light());
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(color(&app, "plain"), Theme::light().text);
        let bg = app.world().get::<&Visual>(app.find("plain").unwrap()).unwrap().background;
        assert_eq!(bg, Some(Theme::light().surface));
        assert_eq!(color(&app, "custom"), Color::rgb(1, 2, 3), "the app's own colour survives");
        set_theme(&mut app, Theme::dark());
        app.frame(Duration::from_millis(32), &[]);
        assert_eq!(color(&app, "plain"), Theme::dark().text);
    }

    #[test]
    fn widgets_mounted_after_a_switch_get_the_current_theme() {
        let mut app = App::headless();
        set_theme(&mut app, Theme::high_contrast());
        app.set_root(themed(El::new().text("x").name("t"), |t, l| {
            if let Some(c) = &mut l.text {
                c.style.size = t.type_scale.body;
            }
        }));
        let size = app.world().get::<&TextContent>(app.find("t").unwrap()).unwrap().style.size;
        assert_eq!(size, Theme::high_contrast().type_scale.body);
    }
}
