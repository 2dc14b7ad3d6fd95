//! Hero (billboard): the top of a home or details screen. A full-width backdrop image, two
//! gradient scrims (from the start edge, and up from the bottom into the page background) that
//! keep the text readable on any picture, then a title, a meta line, a synopsis clipped to three
//! lines, and a row of buttons. Scrims and text follow the app's theme.
//!
//! The buttons are a focus scope entered on the first one, the primary action (Play, Resume):
//! Up from a row below and Down from a nav bar above land there, wherever they come from.

use tenfoot_renderer::FontWeight;
use tenfoot_toolkit::{pct, Direction, El, EnterPolicy, FocusScope, Gradient, Insets};

use crate::image::image;
use crate::text::{caption, display, text};
use crate::theme::themed;

/// Builder for a hero.
#[derive(Debug)]
pub struct HeroBuilder {
    backdrop: String,
    title: String,
    meta: Option<String>,
    synopsis: Option<String>,
    buttons: Vec<El>,
    height: f32,
    name: Option<String>,
}

/// A hero over the image at `backdrop`, titled `title`.
pub fn hero(backdrop: impl Into<String>, title: impl Into<String>) -> HeroBuilder {
    HeroBuilder {
        backdrop: backdrop.into(),
        title: title.into(),
        meta: None,
        synopsis: None,
        buttons: Vec::new(),
        height: 760.0,
        name: None,
    }
}

impl HeroBuilder {
    /// A short line under the title: year, rating, length, genres.
    pub fn meta(mut self, meta: impl Into<String>) -> Self {
        self.meta = Some(meta.into());
        self
    }
    /// The synopsis, ellipsized after three lines.
    pub fn synopsis(mut self, s: impl Into<String>) -> Self {
        self.synopsis = Some(s.into());
        self
    }
    /// A button (or any element) in the action row.
    pub fn button(mut self, b: impl Into<El>) -> Self {
        self.buttons.push(b.into());
        self
    }
    /// Height in logical px (default 760); the width fills the parent.
    pub fn height(mut self, h: f32) -> Self {
        self.height = h;
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

fn fill() -> El {
    El::new().inset(Insets::fill(0.0))
}

impl From<HeroBuilder> for El {
    fn from(b: HeroBuilder) -> El {
        let side = themed(fill().name("scrim-side"), |t, l| {
            let s = t.scrim;
            l.visual.gradient = Some(Gradient {
                angle: 90.0,
                stops: vec![(0.0, s), (0.35, s.with_opacity(0.75)), (0.7, s.with_opacity(0.0))],
            });
        });
        let bottom = themed(fill().name("scrim-bottom"), |t, l| {
            let bg = t.background;
            l.visual.gradient = Some(Gradient {
                angle: 180.0,
                stops: vec![(0.5, bg.with_opacity(0.0)), (0.85, bg.with_opacity(0.8)), (1.0, bg)],
            });
        });
        let mut content = El::new()
            .name("content")
            .direction(Direction::Column)
            .gap(24.0)
            .width(860.0)
            .inset(Insets::AUTO.left(120.0).bottom(96.0))
            .child(display(b.title).name("title").max_lines(2));
        if let Some(m) = b.meta {
            content = content.child(caption(m).name("meta").weight(FontWeight::SEMIBOLD));
        }
        if let Some(s) = b.synopsis {
            content = content.child(text(s).name("synopsis").max_lines(3));
        }
        if !b.buttons.is_empty() {
            let mut actions = El::new()
                .name("actions")
                .focus_scope(FocusScope::remembered().with_enter(EnterPolicy::First))
                .direction(Direction::Row)
                .gap(24.0)
                .margin_edges(tenfoot_toolkit::Edges { top: 16.0, ..Default::default() });
            for button in b.buttons {
                actions = actions.child(button);
            }
            content = content.child(actions);
        }
        let mut el = El::new()
            .width(pct(100.0))
            .height(b.height)
            .child(image(b.backdrop).name("backdrop").decorative().inset(Insets::fill(0.0)))
            .child(side)
            .child(bottom)
            .child(content);
        if let Some(n) = b.name {
            el = el.name(n);
        }
        el
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::button::button;
    use tenfoot_toolkit::App;

    fn sample() -> HeroBuilder {
        hero("backdrops/backdrop-00.jpg", "The Lighthouse Keeper")
            .meta("2024 · 1 h 52 min · Drama")
            .synopsis("A keeper on a far rock finds a message in the lamp room. ".repeat(6))
            .button(button("Play").primary())
            .button(button("More info"))
            .name("hero")
    }

    #[test]
    fn content_sits_bottom_left_over_a_full_bleed_backdrop() {
        let mut app = App::headless();
        app.set_root(El::from(sample()));
        app.layout();
        let r = |n: &str| app.find(n).and_then(|e| app.rect(e)).unwrap();
        assert_eq!(r("backdrop"), r("hero"));
        assert_eq!((r("hero").width, r("hero").height), (1920.0, 760.0));
        let content = r("content");
        assert_eq!((content.x, content.bottom()), (120.0, 760.0 - 96.0));
        assert!(r("synopsis").height <= 3.0 * 33.0, "three lines at most");
        assert!(r("actions").y > r("synopsis").bottom());
    }

    /// The details page's long titles: one that needs two lines gets both, whole (no
    /// ellipsis); only one longer than two lines is cut, on the second.
    #[test]
    fn a_long_title_wraps_to_two_lines_before_any_ellipsis() {
        use tenfoot_renderer::TextStyle;
        use tenfoot_toolkit::TextContent;
        let lines = |title: &str| {
            let mut app = App::headless();
            app.set_root(El::from(hero("backdrops/backdrop-00.jpg", title).name("hero")));
            app.layout();
            let e = app.find("title").unwrap();
            let width = app.find("content").and_then(|c| app.rect(c)).unwrap().width;
            let height = app.rect(e).unwrap().height;
            let style = app.world().get::<&TextContent>(e).unwrap().style;
            let fonts = &mut app.resources_mut().fonts;
            let shown = fonts.shape(title, &style, Some(width));
            let whole = fonts.shape(title, &TextStyle { max_lines: 0, ..style }, Some(width));
            (
                shown.lines,
                shown.glyphs.len() == whole.glyphs.len(),
                whole.lines,
                height / (style.size * style.line_height),
            )
        };
        let (shown, whole, needed, boxed) = lines("The Last Summer of the Northern Hotel");
        assert_eq!(needed, 2, "this title needs two lines");
        assert_eq!((shown, whole), (2, true), "two lines, every word");
        assert!((boxed - 2.0).abs() < 0.01, "the title's box is two lines high ({boxed})");
        let (shown, whole, needed, _) = lines("How to Disappear Completely from Port Verity Without Telling Anyone");
        assert!(needed > 2, "this one needs {needed} lines");
        assert_eq!((shown, whole), (2, false), "cut on the second line");
    }

    #[test]
    fn up_from_a_row_below_lands_on_the_primary_action() {
        let tab = |n: &str| button(n).name(n.to_owned());
        let below = El::new().direction(Direction::Row).gap(24.0).padding_xy(120.0, 0.0);
        let below = below.child(tab("a")).child(tab("b")).child(tab("c")).child(tab("d")).child(tab("e"));
        let page = El::new()
            .direction(Direction::Column)
            .child(El::from(sample().button(button("My List").name("list").initial_focus())).shrink(0.0))
            .child(below);
        let mut app = App::headless();
        app.set_root(page);
        app.frame(std::time::Duration::ZERO, &[]);
        // From "My List" (the third button, focused last) down to the row below, and back up.
        assert!(app.focus_path().unwrap().ends_with("/list"), "{:?}", app.focus_path());
        app.press_keys("Down").unwrap();
        assert!(!app.focus_path().unwrap().contains("actions/"), "{:?}", app.focus_path());
        app.press_keys("Up").unwrap();
        let path = app.focus_path().unwrap();
        assert!(path.contains("actions/") && path.ends_with("#0"), "Play, the first button, not My List: {path}");
    }
}
