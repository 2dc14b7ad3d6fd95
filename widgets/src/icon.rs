//! Icon: one vector icon from the bundled set (Lucide, ISC licence; `assets/README.md`), in a
//! square box of `size` logical px, in the theme's text colour unless told otherwise.
//!
//! Icons are glyphs of a bundled font (`assets/fonts/LucideIcons-subset.ttf`, on Unicode's
//! supplementary private use area: U+F0000 plus the low bits of Lucide's codepoint), so they travel the text path: shaped by cosmic-text, rasterized by the CPU
//! backend at the drawn size (crisp at 720p and at 4K alike, no resampled bitmap), and sent to a
//! device in the display-list stream as glyphs of the stream's atlases, which every device reader
//! already draws. That is why this is not SVG through resvg in the CPU backend (a device would
//! need an SVG renderer of its own, or bitmaps rasterized for one size) nor a new path command
//! (a new record for every reader to implement). The cost: an icon is one colour, as text is.
//!
//! An icon is decorative for screen readers: label the control that holds it
//! (`button(..).label("Play")`); semantics skip private-use characters in text that mixes an
//! icon with words ([`icon_text`]).

use tenfoot_renderer::TextAlign;
use tenfoot_toolkit::El;

use crate::theme::{themed, ColorToken};

macro_rules! icons {
    ($($variant:ident $name:literal $cp:literal $doc:literal,)*) => {
        /// The bundled icons. Names are Lucide's where tenfoot uses them as they are
        /// (`play`, `search`) and say what they are for where they differ (`home` is Lucide's
        /// `house`, `backspace` its `delete`, `replay` its `rotate-ccw`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Icon {
            $(#[doc = $doc] $variant,)*
        }

        impl Icon {
            /// Every icon, in the order of the table.
            pub const ALL: &'static [Icon] = &[$(Icon::$variant,)*];

            /// The icon's name (markup's `icon "play"`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Icon::$variant => $name,)*
                }
            }

            /// The icon's character in the bundled icon font.
            pub fn char(self) -> char {
                match self {
                    $(Icon::$variant => $cp,)*
                }
            }
        }
    };
}

icons! {
    Play "play" '\u{f013c}' "Play (a triangle).",
    Pause "pause" '\u{f012e}' "Pause (two bars).",
    Rewind "rewind" '\u{f0147}' "Rewind (two triangles left).",
    FastForward "fast-forward" '\u{f00bd}' "Fast forward (two triangles right).",
    SkipBack "skip-back" '\u{f015f}' "Previous episode (triangle to a bar).",
    SkipForward "skip-forward" '\u{f0160}' "Next episode.",
    Replay "replay" '\u{f0148}' "Seek back (an arrow turning left).",
    Forward "forward" '\u{f0149}' "Seek forward (an arrow turning right).",
    ChevronLeft "chevron-left" '\u{f006e}' "A chevron pointing left.",
    ChevronRight "chevron-right" '\u{f006f}' "A chevron pointing right (a menu row that opens more).",
    ChevronUp "chevron-up" '\u{f0070}' "A chevron pointing up.",
    ChevronDown "chevron-down" '\u{f006d}' "A chevron pointing down.",
    Back "back" '\u{f0048}' "Back (an arrow left).",
    Search "search" '\u{f0151}' "Search (a magnifier).",
    Home "home" '\u{f00f5}' "Home (a house).",
    Settings "settings" '\u{f0154}' "Settings (a gear).",
    Check "check" '\u{f006c}' "A check mark.",
    CircleCheck "circle-check" '\u{f0226}' "A check mark in a circle (done, watched).",
    Backspace "backspace" '\u{f00ae}' "Erase the last character.",
    Space "space" '\u{f03dd}' "The space bar.",
    Enter "enter" '\u{f00a1}' "Enter or submit (an arrow down and left).",
    Close "close" '\u{f01b2}' "Close or clear (an x).",
    Plus "plus" '\u{f013d}' "Add (to my list).",
    Star "star" '\u{f0176}' "A star (rating, top pick).",
    Heart "heart" '\u{f00f2}' "A heart (favourite).",
    Bookmark "bookmark" '\u{f0060}' "A bookmark (my list).",
    User "user" '\u{f019f}' "A person (profile).",
    Tv "tv" '\u{f0195}' "A TV (series, live).",
    Film "film" '\u{f00d0}' "A film strip (movies).",
    Clapperboard "clapperboard" '\u{f029b}' "A clapperboard (trailer).",
    CirclePlay "circle-play" '\u{f0080}' "Play in a circle.",
    List "list" '\u{f0106}' "A list (episodes).",
    Volume "volume" '\u{f01ab}' "A speaker with sound.",
    Captions "captions" '\u{f03a4}' "Subtitles.",
    Languages "languages" '\u{f00fe}' "Languages (audio and subtitle tracks).",
    Info "info" '\u{f00f9}' "Information (an i in a circle).",
    Sparkles "sparkles" '\u{f0412}' "New (sparkles).",
}

impl Icon {
    /// The icon pointing the other way, for icons that imply a direction (chevrons, seek and
    /// skip arrows); every other icon is itself. A right-to-left screen draws these.
    pub fn mirrored(self) -> Icon {
        match self {
            Icon::ChevronLeft => Icon::ChevronRight,
            Icon::ChevronRight => Icon::ChevronLeft,
            Icon::Rewind => Icon::FastForward,
            Icon::FastForward => Icon::Rewind,
            Icon::SkipBack => Icon::SkipForward,
            Icon::SkipForward => Icon::SkipBack,
            other => other,
        }
    }

    /// The icon as a screen laid out `rtl` (right to left) draws it.
    pub fn in_direction(self, rtl: bool) -> Icon {
        if rtl {
            self.mirrored()
        } else {
            self
        }
    }

    /// The icon named `name`, if there is one.
    pub fn parse(name: &str) -> Option<Icon> {
        Icon::ALL.iter().copied().find(|i| i.name() == name)
    }
}

/// Whether `c` is a private-use character (an icon's: the set lives at U+F0000 and up, the
/// supplementary private use area, since Inter maps part of the BMP's), which has no meaning to
/// a screen reader.
pub fn is_icon_char(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c) || ('\u{f0000}'..='\u{10fffd}').contains(&c)
}

/// Text led by an icon (`icon_text(Icon::Backspace, "Delete")` is the icon, a space, the words),
/// for labels where the icon and words share one run of text.
pub fn icon_text(icon: Icon, words: &str) -> String {
    if words.is_empty() {
        icon.char().to_string()
    } else {
        format!("{} {words}", icon.char())
    }
}

/// The icon in a `size` x `size` box, in the theme's text colour (`.color(..)` after building
/// sets another, which then survives theme switches).
pub fn icon(icon: Icon, size: f32) -> El {
    let size = if size.is_finite() && size > 0.0 { size } else { 32.0 };
    let el = El::new()
        .text(icon.char().to_string())
        .font_size(size)
        .line_height(1.0)
        .single_line()
        .text_align(TextAlign::Center)
        .size(size, size)
        .shrink(0.0)
        .decorative();
    // Direction-implying icons follow the screen's direction (and a later locale switch).
    let el = if icon.mirrored() == icon {
        el
    } else {
        el.bind_text(move |app| {
            let _ = app.locale();
            icon.in_direction(app.is_rtl()).char().to_string()
        })
    };
    themed(el, |t, look| {
        if let Some(c) = &mut look.text {
            c.color = t.color(ColorToken::Text);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::row;
    use tenfoot_renderer::Command;
    use tenfoot_toolkit::App;

    #[test]
    fn direction_icons_flip_in_a_right_to_left_app() {
        assert_eq!(Icon::ChevronRight.mirrored(), Icon::ChevronLeft);
        assert_eq!(Icon::Rewind.in_direction(true), Icon::FastForward);
        assert_eq!(Icon::Play.mirrored(), Icon::Play, "not every icon implies a direction");
        let mut app = App::headless();
        app.set_root(row().child(icon(Icon::ChevronRight, 32.0).name("next")));
        app.frame(std::time::Duration::ZERO, &[]);
        let glyph = |app: &App| {
            let e = app.find("next").unwrap();
            app.world().get::<&tenfoot_toolkit::TextContent>(e).unwrap().text.clone()
        };
        assert_eq!(glyph(&app), Icon::ChevronRight.char().to_string());
        app.set_locale(tenfoot_toolkit::Locale::parse("he").unwrap());
        app.frame(std::time::Duration::from_millis(16), &[]);
        assert_eq!(glyph(&app), Icon::ChevronLeft.char().to_string(), "the chevron points the way the screen runs");
    }

    #[test]
    fn names_and_characters_are_unique() {
        for (i, a) in Icon::ALL.iter().enumerate() {
            assert_eq!(Icon::parse(a.name()), Some(*a));
            assert!(is_icon_char(a.char()), "{a:?}");
            for b in &Icon::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
                assert_ne!(a.char(), b.char(), "{a:?} and {b:?}");
            }
        }
        assert_eq!(Icon::parse("house"), None, "tenfoot's names, not Lucide's, where they differ");
        assert_eq!(icon_text(Icon::Space, "Space").chars().count(), 7);
    }

    #[test]
    fn every_icon_has_a_glyph_in_the_bundled_font() {
        // A missing glyph would shape as the fallback's .notdef (a box) or nothing at all.
        let mut app = App::headless();
        app.set_root(row().children(Icon::ALL.iter().map(|i| icon(*i, 48.0))).child(crate::text("a")));
        app.layout();
        let list = app.display_list();
        let mut runs: Vec<_> =
            list.commands.iter().filter_map(|c| if let Command::GlyphRun(g) = c { Some(g) } else { None }).collect();
        assert_eq!(runs.len(), Icon::ALL.len() + 1);
        let text_font = runs.pop().map(|r| r.font);
        let icon_font = runs[0].font;
        assert_ne!(Some(icon_font), text_font, "icons are not drawn from Inter");
        for (run, icon) in runs.iter().zip(Icon::ALL) {
            assert_eq!(run.glyphs.len(), 1, "{icon:?}");
            assert_eq!(run.font, icon_font, "{icon:?} comes from the icon font");
            assert_ne!(run.glyphs[0].id, 0, "{icon:?} is not .notdef");
        }
    }

    #[test]
    fn the_box_is_the_size_asked_for() {
        let mut app = App::headless();
        app.set_root(row().child(icon(Icon::Play, 40.0).name("i")));
        app.layout();
        let r = app.find("i").and_then(|e| app.rect(e)).unwrap_or_default();
        assert_eq!((r.width, r.height), (40.0, 40.0));
    }
}
