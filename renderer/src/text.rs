//! Fonts and text shaping: the bundled faces, and text shaped into positioned glyphs.
//!
//! Only fonts loaded through an [`AssetSource`] exist here; system fonts are never scanned, so
//! the same text measures and renders the same on every machine. Shaping goes through
//! cosmic-text (bidi, wrapping, ellipsis); results are cached by text, style and width.

use std::collections::HashMap;
use std::fmt;

use cosmic_text::{fontdb, Attrs, Buffer, Ellipsize, EllipsizeHeightLimit, Family, FontSystem, Metrics, Shaping, Wrap};

use crate::assets::{AssetError, AssetSource, BUNDLED_FONTS};
use crate::display_list::FontId;
use crate::geom::Size;

/// The family name of the bundled font.
pub const DEFAULT_FAMILY: &str = "Inter";

/// The longest string shaped, in bytes; longer text is cut at a character boundary before
/// shaping, so one runaway string cannot stall a frame or fill memory with glyphs (the toolkit
/// cuts and reports it when the text is set). A TV screen shows a few hundred characters.
pub const MAX_TEXT_BYTES: usize = 32 * 1024;

/// `text` cut to at most [`MAX_TEXT_BYTES`], at a character boundary.
pub fn clip_text(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A font weight on the CSS scale (400 regular, 600 semibold, 700 bold).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontWeight(pub u16);

impl FontWeight {
    pub const REGULAR: FontWeight = FontWeight(400);
    pub const SEMIBOLD: FontWeight = FontWeight(600);
    pub const BOLD: FontWeight = FontWeight(700);
}

impl Default for FontWeight {
    fn default() -> Self {
        Self::REGULAR
    }
}

/// Horizontal alignment of lines. `Start` and `End` follow the paragraph direction (RTL aware).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextAlign {
    #[default]
    Start,
    Center,
    End,
}

/// Everything that changes how a string shapes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Font size in logical pixels.
    pub size: f32,
    pub weight: FontWeight,
    /// Line height as a multiple of `size`.
    pub line_height: f32,
    pub align: TextAlign,
    /// Wrap at word boundaries when the width is limited.
    pub wrap: bool,
    /// At most this many lines; the last one ends in an ellipsis. 0 means unlimited.
    pub max_lines: u32,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self {
            size: 28.0,
            weight: FontWeight::REGULAR,
            line_height: 1.25,
            align: TextAlign::Start,
            wrap: true,
            max_lines: 0,
        }
    }
}

impl TextStyle {
    /// A copy whose numbers are finite and in range, so shaping never sees NaN or zero sizes.
    pub fn sanitized(&self) -> TextStyle {
        let finite = |v: f32, d: f32| if v.is_finite() { v } else { d };
        TextStyle {
            size: finite(self.size, 28.0).clamp(1.0, 1000.0),
            line_height: finite(self.line_height, 1.25).clamp(0.5, 10.0),
            ..*self
        }
    }

    fn key(&self) -> (u32, u16, u32, u8, bool, u32) {
        (self.size.to_bits(), self.weight.0, self.line_height.to_bits(), self.align as u8, self.wrap, self.max_lines)
    }
}

/// One glyph positioned in the text box: `x`, `y` are logical pixels from the box's top-left
/// to the glyph's origin on its baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapedGlyph {
    pub font: FontId,
    pub id: u16,
    pub x: f32,
    pub y: f32,
}

/// The result of shaping: the text box size and its glyphs in visual order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShapedText {
    pub size: Size,
    pub lines: u32,
    /// Font size in logical pixels (all glyphs share it).
    pub font_size: f32,
    pub glyphs: Vec<ShapedGlyph>,
    /// True when the first paragraph runs right to left.
    pub rtl: bool,
}

/// A font file that could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "font `{}`: {}", self.path, self.reason)
    }
}

impl std::error::Error for FontError {}

impl From<AssetError> for FontError {
    fn from(e: AssetError) -> Self {
        FontError { path: e.path, reason: e.reason }
    }
}

/// A loaded face and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontFace {
    pub source: String,
    pub family: String,
    pub weight: FontWeight,
    /// The face in the font system (backends that rasterize glyphs key their caches by it).
    pub db_id: fontdb::ID,
}

/// Shaped-text cache entries kept before the cache is emptied (bounded memory).
const SHAPE_CACHE_LIMIT: usize = 4096;

/// A hash of (text, style, width); the entry keeps its text to rule out collisions.
type ShapeKey = u64;

/// The font database and shaper.
pub struct FontLibrary {
    system: FontSystem,
    faces: Vec<FontFace>,
    cache: HashMap<ShapeKey, (Box<str>, std::sync::Arc<ShapedText>)>,
    shapes: u64,
}

impl fmt::Debug for FontLibrary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontLibrary").field("faces", &self.faces).finish_non_exhaustive()
    }
}

impl FontLibrary {
    /// An empty library: no faces, so text shapes to nothing until [`Self::load`] is called.
    pub fn empty() -> Self {
        let mut db = fontdb::Database::new();
        db.set_sans_serif_family(DEFAULT_FAMILY);
        Self {
            system: FontSystem::new_with_locale_and_db("en-US".to_owned(), db),
            faces: Vec::new(),
            cache: HashMap::new(),
            shapes: 0,
        }
    }

    /// A library with the bundled faces loaded from `assets`.
    pub fn bundled(assets: &dyn AssetSource) -> Result<Self, FontError> {
        let mut lib = Self::empty();
        for (path, _) in BUNDLED_FONTS {
            lib.load(assets, path)?;
        }
        Ok(lib)
    }

    /// Loads every face in the font file at `path`.
    pub fn load(&mut self, assets: &dyn AssetSource, path: &str) -> Result<(), FontError> {
        // Bytes in the binary are borrowed; others are shared with the source (no copy either way:
        // the bundled faces were 1.6 MB of heap, most of it scripts a screen may never show).
        let source = match assets.load_static(path) {
            Some(bytes) => fontdb::Source::Binary(std::sync::Arc::new(bytes)),
            None => fontdb::Source::Binary(std::sync::Arc::new(assets.load(path)?)),
        };
        let ids = self.system.db_mut().load_font_source(source);
        if ids.is_empty() {
            return Err(FontError { path: path.to_owned(), reason: "not a font file (no faces found)".to_owned() });
        }
        for id in ids {
            let Some(info) = self.system.db().face(id) else { continue };
            let family = info.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
            let weight = FontWeight(info.weight.0);
            self.faces.push(FontFace { source: path.to_owned(), family, weight, db_id: id });
        }
        self.cache.clear();
        Ok(())
    }

    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    pub fn face(&self, id: FontId) -> Option<&FontFace> {
        self.faces.get(id.0 as usize)
    }

    /// How many times text was actually shaped (cache misses); for tests and benchmarks.
    /// Shaped strings held by the cache (bounded: cleared at 4096 entries).
    pub fn shape_cache_len(&self) -> usize {
        self.cache.len()
    }

    pub fn shape_count(&self) -> u64 {
        self.shapes
    }

    /// The cosmic-text font system, for backends that rasterize glyphs from outlines.
    pub fn system_mut(&mut self) -> &mut FontSystem {
        &mut self.system
    }

    fn font_id(&self, db_id: fontdb::ID) -> FontId {
        let index = self.faces.iter().position(|f| f.db_id == db_id).unwrap_or(0);
        FontId(index as u32)
    }

    /// Measures `text` laid out at most `max_width` wide (None: one line per paragraph).
    pub fn measure(&mut self, text: &str, style: &TextStyle, max_width: Option<f32>) -> Size {
        self.shape(text, style, max_width).size
    }

    /// Shapes `text` into positioned glyphs. Cost: one cosmic-text layout on a cache miss; a
    /// hash and a reference count on a hit (no allocation: paint calls this every frame).
    pub fn shape(&mut self, text: &str, style: &TextStyle, max_width: Option<f32>) -> std::sync::Arc<ShapedText> {
        use std::hash::{Hash, Hasher};
        let text = clip_text(text);
        let style = style.sanitized();
        let width = max_width.filter(|w| w.is_finite() && *w >= 0.0);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        style.key().hash(&mut h);
        width.map_or(u32::MAX, f32::to_bits).hash(&mut h);
        let key: ShapeKey = h.finish();
        if let Some((cached_text, hit)) = self.cache.get(&key) {
            if &**cached_text == text {
                return hit.clone();
            }
        }
        let shaped = self.shape_uncached(text, &style, width);
        if self.cache.len() >= SHAPE_CACHE_LIMIT {
            self.cache.clear();
            // cosmic-text's own run cache only shrinks when trimmed: without this it grew for
            // ever (found by the long soak: +17 MiB RSS over 800k frames of a ticking clock).
            // Each trim drops the runs not used since the previous one.
            self.system.shape_run_cache.trim(0);
        }
        let shaped = std::sync::Arc::new(shaped);
        self.cache.insert(key, (text.into(), shaped.clone()));
        shaped
    }

    fn shape_uncached(&mut self, text: &str, style: &TextStyle, width: Option<f32>) -> ShapedText {
        self.shapes += 1;
        let line_height = style.size * style.line_height;
        let mut buffer = Buffer::new(&mut self.system, Metrics::new(style.size, line_height));
        let mut b = buffer.borrow_with(&mut self.system);
        // A zero width asks for the min-content size: break at every word, never inside one.
        let min_content = width == Some(0.0);
        b.set_wrap(match (style.wrap, width) {
            (true, Some(_)) if min_content => Wrap::Word,
            (true, Some(_)) => Wrap::WordOrGlyph,
            _ => Wrap::None,
        });
        let lines_limit = if style.max_lines > 0 && !min_content { style.max_lines as usize } else { usize::MAX };
        if style.max_lines > 0 && width.is_some() && !min_content {
            b.set_ellipsize(Ellipsize::End(EllipsizeHeightLimit::Lines(lines_limit)));
        }
        b.set_size(width, None);
        let attrs = Attrs::new().family(Family::Name(DEFAULT_FAMILY)).weight(fontdb::Weight(style.weight.0));
        b.set_text(text, &attrs, Shaping::Advanced, None);
        b.shape_until_scroll(true);

        let mut shaped = ShapedText { font_size: style.size, ..ShapedText::default() };
        let mut max_w: f32 = 0.0;
        let mut lines = 0u32;
        let mut runs = Vec::new();
        let mut prev_line = None;
        for run in b.layout_runs() {
            if lines as usize >= lines_limit {
                break;
            }
            if lines == 0 {
                shaped.rtl = run.rtl;
            }
            lines += 1;
            let mut glyphs = run.glyphs.to_vec();
            let mut line_w = run.line_w;
            // With ellipsis on, cosmic-text keeps the space a wrapped line broke at as the
            // first glyph of the next line; drop it so continuation lines start flush.
            let continuation = prev_line == Some(run.line_i);
            prev_line = Some(run.line_i);
            if continuation && !run.rtl {
                let lead = glyphs
                    .iter()
                    .take_while(|g| run.text.get(g.start..g.end).is_some_and(|t| t.chars().all(char::is_whitespace)))
                    .count();
                if lead > 0 && lead < glyphs.len() {
                    let shift = glyphs[lead].x;
                    glyphs.drain(..lead);
                    for g in &mut glyphs {
                        g.x -= shift;
                    }
                    line_w -= shift;
                }
            }
            // cosmic-text ellipsizes after the last glyph that fits, a space included ("Old …");
            // the ellipsis goes right after the last word instead. Its glyph is the one that
            // stands for no text.
            if !run.rtl && glyphs.last().is_some_and(|g| g.start == g.end) {
                let n = glyphs.len() - 1;
                let blank = glyphs[..n]
                    .iter()
                    .rev()
                    .take_while(|g| run.text.get(g.start..g.end).is_some_and(|t| t.chars().all(char::is_whitespace)))
                    .count();
                if blank > 0 && blank < n {
                    let from = glyphs[n - blank].x;
                    let shift = glyphs[n].x - from;
                    glyphs.drain(n - blank..n);
                    if let Some(dots) = glyphs.last_mut() {
                        dots.x = from;
                    }
                    line_w -= shift;
                }
            }
            max_w = max_w.max(line_w);
            runs.push((run.line_top, run.line_y, line_w, run.rtl, glyphs));
        }
        // Alignment is applied here rather than by cosmic-text so that an unbounded width
        // (measuring) and a bounded one (painting) place glyphs the same way.
        let box_w = width.unwrap_or(max_w).max(max_w);
        for (_, line_y, line_w, rtl, glyphs) in runs {
            let free = box_w - line_w;
            let dx = match (style.align, rtl) {
                (TextAlign::Start, false) | (TextAlign::End, true) => 0.0,
                (TextAlign::Center, _) => free / 2.0,
                (TextAlign::End, false) | (TextAlign::Start, true) => free,
            };
            // cosmic-text already right-aligns RTL lines within a bounded width.
            let base = if rtl && width.is_some() { dx - free } else { dx };
            for g in glyphs {
                let font = self.font_id(g.font_id);
                shaped.glyphs.push(ShapedGlyph {
                    font,
                    id: g.glyph_id,
                    x: base + g.x + g.font_size * g.x_offset,
                    y: line_y - g.font_size * g.y_offset,
                });
            }
        }
        shaped.lines = lines;
        shaped.size = Size::new(max_w.ceil(), (lines as f32 * line_height).ceil());
        shaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::EmbeddedAssets;

    #[expect(clippy::panic, reason = "a test fails by panicking")]
    fn lib() -> FontLibrary {
        match FontLibrary::bundled(&EmbeddedAssets::new()) {
            Ok(lib) => lib,
            Err(e) => panic!("bundled fonts: {e}"),
        }
    }

    #[test]
    fn bundled_family_has_three_weights() {
        let lib = lib();
        let inter: Vec<u16> = lib.faces().iter().filter(|f| f.family == "Inter").map(|f| f.weight.0).collect();
        assert_eq!(inter, vec![400, 600, 700]);
        let families: Vec<&str> = lib.faces().iter().map(|f| f.family.as_str()).collect();
        assert!(families.contains(&"Noto Sans Arabic") && families.contains(&"Noto Sans Hebrew"), "{families:?}");
    }

    #[test]
    fn arabic_and_hebrew_shape_right_to_left_with_real_glyphs() {
        let mut lib = lib();
        for text in [
            "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{628}\u{643}",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{5e2}\u{5d5}\u{5dc}\u{5dd}",
        ] {
            let shaped = lib.shape(text, &TextStyle::default(), Some(600.0));
            assert!(shaped.rtl, "{text} is a right-to-left paragraph");
            assert!(shaped.glyphs.iter().all(|g| g.id != 0), "{text}: no missing-glyph boxes");
            // Letters come from Noto; the space may come from Inter.
            let noto = shaped.glyphs.iter().filter(|g| lib.face(g.font).is_some_and(|f| f.family != "Inter")).count();
            assert!(noto + 1 >= shaped.glyphs.len(), "{text}: drawn with the Noto fallback");
            // Start-aligned RTL text hugs the right edge of its box.
            let right = shaped.glyphs.iter().map(|g| g.x).fold(0.0f32, f32::max);
            assert!(right > 450.0, "{text}: rightmost glyph at {right}");
        }
    }

    #[test]
    fn measures_single_line_and_wraps() {
        let mut lib = lib();
        let style = TextStyle { size: 20.0, line_height: 1.5, ..TextStyle::default() };
        let one = lib.measure("Hello tenfoot world", &style, None);
        assert_eq!(one.height, 30.0);
        assert!(one.width > 100.0 && one.width < 250.0, "width {}", one.width);
        let wrapped = lib.measure("Hello tenfoot world", &style, Some(one.width / 2.0));
        assert!(wrapped.height >= 60.0, "wrapped height {}", wrapped.height);
        assert!(wrapped.width <= one.width / 2.0 + 0.5);
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let mut lib = lib();
        let regular = lib.measure("Continue watching", &TextStyle::default(), None);
        let bold =
            lib.measure("Continue watching", &TextStyle { weight: FontWeight::BOLD, ..TextStyle::default() }, None);
        assert!(bold.width > regular.width);
    }

    #[test]
    fn max_lines_truncates_with_ellipsis() {
        let mut lib = lib();
        let long = "A very long synopsis that goes on and on about a detective in a rainy city who solves everything";
        let style = TextStyle { max_lines: 2, ..TextStyle::default() };
        let shaped = lib.shape(long, &style, Some(300.0));
        assert_eq!(shaped.lines, 2);
        let unlimited = lib.shape(long, &TextStyle::default(), Some(300.0));
        assert!(unlimited.lines > 2);
        assert!(shaped.glyphs.len() < unlimited.glyphs.len());
    }

    #[test]
    fn ellipsized_continuation_lines_do_not_start_with_a_space() {
        let mut lib = lib();
        let text = "Rounded corners, a soft shadow and crisp text at 0.5x, 1x and 2x scale.";
        let plain = lib.shape(text, &TextStyle { size: 28.0, ..TextStyle::default() }, Some(724.0));
        let ellipsized = lib.shape(text, &TextStyle { size: 28.0, max_lines: 2, ..TextStyle::default() }, Some(724.0));
        assert_eq!(plain.lines, 2);
        assert_eq!(plain.glyphs.len(), ellipsized.glyphs.len());
        let second_line_start =
            |s: &ShapedText| s.glyphs.iter().filter(|g| g.y > 30.0).map(|g| g.x).fold(f32::MAX, f32::min);
        assert_eq!(second_line_start(&ellipsized), 0.0);
        assert_eq!(second_line_start(&plain), 0.0);
    }

    #[test]
    fn the_ellipsis_follows_the_last_word_with_no_space_before_it() {
        let mut lib = lib();
        let style = TextStyle { size: 26.0, wrap: false, max_lines: 1, ..TextStyle::default() };
        // cosmic-text cuts after "Old " here: the space is dropped and the dots move left.
        let cut = lib.shape("After the Old Quarter", &style, Some(200.0));
        let word = lib.shape("After the Old", &style, None);
        let dots = lib.shape("\u{2026}", &style, None);
        assert_eq!(cut.glyphs.len(), word.glyphs.len() + 1, "the words and the ellipsis, no space");
        let last = cut.glyphs.last().map(|g| g.x).unwrap_or_default();
        assert!((last - word.size.width).abs() <= 1.0, "the dots sit at {last}, the words end at {}", word.size.width);
        assert!((cut.size.width - (word.size.width + dots.size.width)).abs() <= 2.0, "width {}", cut.size.width);
        // Text that fits is never ellipsized.
        let fits = lib.shape("Electric Islands", &style, Some(200.0));
        assert_eq!(fits.glyphs.len(), lib.shape("Electric Islands", &style, None).glyphs.len());
    }

    #[test]
    fn centre_alignment_offsets_glyphs() {
        let mut lib = lib();
        let start = lib.shape("Hi", &TextStyle::default(), Some(400.0));
        let centre = lib.shape("Hi", &TextStyle { align: TextAlign::Center, ..TextStyle::default() }, Some(400.0));
        let dx = centre.glyphs[0].x - start.glyphs[0].x;
        assert!((dx - (400.0 - start.size.width) / 2.0).abs() < 1.0, "dx {dx}");
    }

    #[test]
    fn over_long_text_is_cut_at_a_character_boundary() {
        assert_eq!(clip_text("short"), "short");
        let s = "é".repeat(MAX_TEXT_BYTES); // two bytes each
        let cut = clip_text(&s);
        assert_eq!(cut.len(), MAX_TEXT_BYTES);
        let odd = format!("a{s}");
        assert_eq!(clip_text(&odd).len(), MAX_TEXT_BYTES - 1, "never splits a character");
    }

    #[test]
    fn cache_avoids_reshaping() {
        let mut lib = lib();
        lib.shape("cached", &TextStyle::default(), None);
        lib.shape("cached", &TextStyle::default(), None);
        assert_eq!(lib.shape_count(), 1);
    }

    #[test]
    fn bad_numbers_do_not_panic() {
        let mut lib = lib();
        let style = TextStyle { size: f32::NAN, line_height: -3.0, ..TextStyle::default() };
        let s = lib.shape("x", &style, Some(f32::INFINITY));
        assert!(s.size.width.is_finite() && s.size.height.is_finite());
        assert_eq!(lib.shape("", &TextStyle::default(), None).glyphs.len(), 0);
    }
}
