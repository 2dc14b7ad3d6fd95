//! Text: a string in the bundled font, wrapped or clipped with an ellipsis.

use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::El;

use crate::theme::Theme;

/// Body text in the default theme colour and size.
pub fn text(s: impl Into<String>) -> El {
    let t = Theme::dark();
    El::new().text(s).font_size(t.type_scale[3]).color(t.text)
}

/// A heading: bold, title size.
pub fn heading(s: impl Into<String>) -> El {
    let t = Theme::dark();
    text(s).font_size(t.type_scale[1]).weight(FontWeight::BOLD)
}

/// Secondary text: caption size, muted colour.
pub fn caption(s: impl Into<String>) -> El {
    let t = Theme::dark();
    text(s).font_size(t.type_scale[4]).color(t.text_muted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use tenfoot_toolkit::App;

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
}
