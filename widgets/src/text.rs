//! Text: a string in a theme text style (display, title, heading, body, caption), wrapped at
//! word boundaries by default, or clipped with an ellipsis (`.max_lines(n)`, `.single_line()`).
//!
//! Right-to-left strings (Arabic, Hebrew) shape right to left and start at the right edge of
//! their box (`TextAlign::Start` follows the paragraph direction); their glyphs come from the
//! bundled Noto fallback fonts. Mixed strings are reordered by the bidi algorithm.
//!
//! Text follows the app's theme (colour, size, weight, line height); values set on the element
//! after building it are the app's and survive a theme switch.

use tenfoot_toolkit::El;

use crate::theme::{themed, ColorToken, TextRole};

/// Text in `role`'s style and `color`, kept in step with the app's theme.
pub fn styled_text(s: impl Into<String>, role: TextRole, color: ColorToken) -> El {
    themed(El::new().text(s), move |t, look| {
        let (size, weight, line_height) = t.text_style(role);
        if let Some(c) = &mut look.text {
            c.style.size = size;
            c.style.weight = weight;
            c.style.line_height = line_height;
            c.color = t.color(color);
        }
    })
}

/// Body text.
pub fn text(s: impl Into<String>) -> El {
    styled_text(s, TextRole::Body, ColorToken::Text)
}

/// The largest style: hero titles.
pub fn display(s: impl Into<String>) -> El {
    styled_text(s, TextRole::Display, ColorToken::Text).role(tenfoot_toolkit::Role::Heading)
}

/// Screen titles.
pub fn title(s: impl Into<String>) -> El {
    styled_text(s, TextRole::Title, ColorToken::Text).role(tenfoot_toolkit::Role::Heading)
}

/// Section headings (rail titles).
pub fn heading(s: impl Into<String>) -> El {
    styled_text(s, TextRole::Heading, ColorToken::Text).role(tenfoot_toolkit::Role::Heading)
}

/// Secondary text: caption size, muted colour.
pub fn caption(s: impl Into<String>) -> El {
    styled_text(s, TextRole::Caption, ColorToken::TextMuted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use crate::theme::{set_theme, Theme};
    use tenfoot_renderer::FontWeight;
    use tenfoot_toolkit::{App, TextContent};

    #[test]
    fn text_is_measured_for_layout() {
        let mut app = App::headless();
        app.set_root(column().align_items(tenfoot_toolkit::Align::Start).child(text("Hello").name("t")));
        app.layout();
        let r = app.find("t").and_then(|e| app.rect(e)).unwrap_or_default();
        // 26 px Inter: "Hello" is about 60 px wide, one line of 26 * 1.25 px.
        assert!(r.width > 45.0 && r.width < 80.0, "width {}", r.width);
        assert_eq!(r.height, 33.0);
    }

    #[test]
    fn long_text_wraps_inside_a_fixed_width() {
        let mut app = App::headless();
        let long = "The night train crosses three borders before dawn, and every passenger has a secret";
        app.set_root(column().width(300.0).child(text(long).name("t")));
        app.layout();
        let r = app.find("t").and_then(|e| app.rect(e)).unwrap_or_default();
        assert_eq!(r.width, 300.0);
        assert!(r.height >= 33.0 * 3.0, "height {}", r.height);
    }

    #[test]
    fn max_lines_limits_height() {
        let mut app = App::headless();
        let long = "The night train crosses three borders before dawn, and every passenger has a secret";
        app.set_root(column().width(300.0).child(text(long).max_lines(2).name("t")));
        app.layout();
        let r = app.find("t").and_then(|e| app.rect(e)).unwrap_or_default();
        assert_eq!(r.height, 65.0); // two lines of 26 px * 1.25
    }

    #[test]
    fn roles_follow_the_type_scale_and_the_theme() {
        let mut app = App::headless();
        app.set_root(column().child(display("D").name("d")).child(caption("c").name("c")));
        fn get(app: &App, n: &str) -> TextContent {
            (*app.world().get::<&TextContent>(app.find(n).unwrap()).unwrap()).clone()
        }
        let d = get(&app, "d");
        assert_eq!((d.style.size, d.style.weight), (72.0, FontWeight::BOLD));
        assert_eq!(get(&app, "c").color, Theme::dark().text_muted);
        set_theme(&mut app, Theme::high_contrast());
        app.frame(std::time::Duration::from_millis(16), &[]);
        assert_eq!(get(&app, "d").style.size, Theme::high_contrast().type_scale.display);
        assert_eq!(get(&app, "c").color, Theme::high_contrast().text_muted);
    }
}
