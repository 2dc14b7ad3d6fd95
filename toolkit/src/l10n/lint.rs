//! The localisation lint (`--lint-l10n`): keys a locale lacks, keys the app looked up that no
//! locale has, and translated texts that do not fit their box.
//!
//! Keys are compared file-free: every language's message ids (with `msg.attr` attributes)
//! against the default language's, which is the reference translators work from. Keys the
//! app used come from the lookups recorded so far ([`Translations::missing`]): run the lint
//! after the pages were shown (`--keys`), as the headless command line does.
//!
//! Fit is checked on the top screen as the last frame laid it out, for every text element
//! that shows a translated message. Under the `pseudo` locale those are recognised by the
//! pseudo form's closing `~]` (so catalog data a host sends, such as a synopsis cut to three
//! lines on purpose, is not mistaken for a translation that clips); in any other locale every
//! text is checked. A text does not fit when, shaped at its box's width, it needs more lines
//! than its style allows (it ends in an ellipsis), is wider than its box (a single line, or a
//! word that cannot wrap), is taller than its box, or its box sticks out of a clipping
//! ancestor (a [`Visual::clip`] box; scroll containers move content into view and are not
//! counted). Every checked text is also shaped for glyphs no bundled font has (a font subset
//! that lacks a character a translation or a locale format uses shows a box, `▯`, instead).

use std::fmt;

use hecs::{Entity, World};
use tenfoot_renderer::{Rect, TextStyle};

use super::Translations;
use crate::app::App;
use crate::layout::ComputedLayout;
use crate::style::{Style, TextContent, Visual};
use crate::tree;

/// Slack for rounding in shaping and layout, in logical px.
const EPSILON: f32 = 1.0;

/// One problem the lint found.
#[derive(Clone, Debug, PartialEq)]
pub enum L10nFinding {
    /// `locale` has no message `key`, which the default language has.
    MissingKey { locale: String, key: String },
    /// `locale` has a message `key` the default language does not (a stale or misspelt id).
    ExtraKey { locale: String, key: String },
    /// The app looked up `key` (in `locale`) and no language has it.
    UnknownKey { locale: String, key: String },
    /// A text does not fit its box: `why` says how.
    Overflow { path: String, text: String, why: String },
    /// A text has characters no font has a glyph for (`chars`, each once): they show as boxes.
    MissingGlyph { path: String, text: String, chars: String },
}

impl fmt::Display for L10nFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            L10nFinding::MissingKey { locale, key } => {
                write!(f, "missing key: locale `{locale}` has no `{key}` (the default language has it)")
            }
            L10nFinding::ExtraKey { locale, key } => {
                write!(f, "extra key: locale `{locale}` has `{key}`, which the default language does not")
            }
            L10nFinding::UnknownKey { locale, key } => {
                write!(f, "unknown key: the app looked up `{key}` (locale `{locale}`) and no locale has it")
            }
            L10nFinding::Overflow { path, text, why } => {
                write!(f, "overflow: `{path}` (\"{}\") {why}", short(text))
            }
            L10nFinding::MissingGlyph { path, text, chars } => {
                let codes: Vec<String> = chars.chars().map(|c| format!("U+{:04X}", u32::from(c))).collect();
                write!(
                    f,
                    "missing glyph: `{path}` (\"{}\") has characters no font draws: {} ({})",
                    short(text),
                    short(chars),
                    codes.join(" ")
                )
            }
        }
    }
}

/// A text for a report line: control characters escaped, at most 80 characters.
fn short(text: &str) -> String {
    crate::report::terminal_safe(text, 80)
}

/// What [`l10n_lint`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct L10nLintReport {
    /// The linted screen's path.
    pub screen: String,
    /// The locale the app ran in.
    pub locale: String,
    /// The languages compared (the default first).
    pub languages: Vec<String>,
    /// Text elements checked for fit.
    pub texts_checked: usize,
    pub findings: Vec<L10nFinding>,
}

impl L10nLintReport {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for L10nLintReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = format!(
            "localisation lint of `{}` in `{}`: {} languages ({}), {} translated texts checked for fit",
            self.screen,
            self.locale,
            self.languages.len(),
            self.languages.join(", "),
            self.texts_checked
        );
        crate::report::write_findings(f, &head, &self.findings)
    }
}

/// Lints the app's translations and the top screen's texts (run it after a frame).
pub fn l10n_lint(app: &mut App) -> L10nLintReport {
    let locale = app.locale();
    let mut report = L10nLintReport { locale: locale.tag(), ..L10nLintReport::default() };
    if let Some(tr) = app.translations() {
        lint_keys(&tr, &mut report);
    }
    let screen = app.screen_root();
    report.screen = tree::path(app.world(), screen);
    let pseudo = locale.is_pseudo();
    let mut texts = Vec::new();
    collect_texts(app.world(), screen, pseudo, &mut texts);
    report.texts_checked = texts.len();
    for (e, text, style, content) in texts {
        let why = fit(app, &text, &style, &content).or_else(|| clipped_by_ancestor(app.world(), e, &content));
        if let Some(why) = why {
            report.findings.push(L10nFinding::Overflow { path: tree::path(app.world(), e), text: text.clone(), why });
        }
        if let Some(chars) = missing_glyphs(app, &text, &style) {
            report.findings.push(L10nFinding::MissingGlyph { path: tree::path(app.world(), e), text, chars });
        }
    }
    report
}

fn lint_keys(tr: &Translations, report: &mut L10nLintReport) {
    let default = tr.default.to_string();
    let reference = tr.keys(&default);
    let mut languages = vec![default.clone()];
    languages.extend(tr.languages().into_iter().filter(|l| *l != default));
    for lang in languages.iter().skip(1) {
        let keys = tr.keys(lang);
        for key in reference.iter().filter(|k| keys.binary_search(k).is_err()) {
            report.findings.push(L10nFinding::MissingKey { locale: lang.clone(), key: key.clone() });
        }
        for key in keys.iter().filter(|k| reference.binary_search(k).is_err()) {
            report.findings.push(L10nFinding::ExtraKey { locale: lang.clone(), key: key.clone() });
        }
    }
    for (locale, key) in tr.missing() {
        if !languages.iter().any(|l| tr.has(l, &key)) {
            report.findings.push(L10nFinding::UnknownKey { locale, key });
        }
    }
    report.languages = languages;
}

type TextItem = (Entity, String, TextStyle, Rect);

/// The visible text elements under `screen` that show a translation (see the module docs).
fn collect_texts(world: &World, screen: Entity, pseudo: bool, out: &mut Vec<TextItem>) {
    let mut stack = vec![screen];
    while let Some(e) = stack.pop() {
        if world.get::<&Style>(e).is_ok_and(|s| s.display_none) || world.get::<&crate::animation::Exiting>(e).is_ok() {
            continue;
        }
        if world.get::<&Visual>(e).is_ok_and(|v| v.opacity <= 0.0) {
            continue;
        }
        if let (Ok(t), Ok(l)) = (world.get::<&TextContent>(e), world.get::<&ComputedLayout>(e)) {
            let shown = !t.text.trim().is_empty() && t.color.a > 0;
            if shown && (!pseudo || super::pseudo::is_pseudo(&t.text)) {
                out.push((e, t.text.clone(), t.style, l.content));
            }
        }
        stack.extend(tree::children(world, e).into_iter().rev());
    }
}

/// How `text` fails to fit `content`, if it does.
fn fit(app: &mut App, text: &str, style: &TextStyle, content: &Rect) -> Option<String> {
    let fonts = &mut app.resources_mut().fonts;
    let (w, h) = (content.width, content.height);
    let box_size = format!("{:.0}x{:.0} px", w.max(0.0), h.max(0.0));
    let unlimited = TextStyle { max_lines: 0, ..*style };
    let wrapped = fonts.shape(text, &unlimited, style.wrap.then_some(w.max(0.0)));
    if style.max_lines > 0 && wrapped.lines > style.max_lines {
        return Some(format!(
            "is cut to {} line(s) with an ellipsis: it needs {} at its box's width ({box_size})",
            style.max_lines, wrapped.lines
        ));
    }
    if wrapped.size.width > w + EPSILON {
        let how = if style.wrap { "a word is wider than its box" } else { "it is one line" };
        return Some(format!("is {:.0} px wide in a box of {box_size} ({how})", wrapped.size.width));
    }
    if wrapped.size.height > h + EPSILON {
        return Some(format!(
            "needs {:.0} px of height ({} line(s)) in a box of {box_size}",
            wrapped.size.height, wrapped.lines
        ));
    }
    None
}

/// The characters of `text` that shape to the missing glyph (id 0) in every font, each once in
/// the order they appear; `None` when every character has a glyph.
fn missing_glyphs(app: &mut App, text: &str, style: &TextStyle) -> Option<String> {
    let fonts = &mut app.resources_mut().fonts;
    let one_line = TextStyle { max_lines: 0, ..*style };
    if fonts.shape(text, &one_line, None).glyphs.iter().all(|g| g.id != 0) {
        return None;
    }
    // Rare (a report is coming): find which characters, one by one.
    let mut missing = String::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
        if !missing.contains(c)
            && fonts.shape(c.encode_utf8(&mut [0; 4]), &one_line, None).glyphs.iter().any(|g| g.id == 0)
        {
            missing.push(c);
        }
    }
    (!missing.is_empty()).then_some(missing)
}

/// Whether a clipping ancestor (not a scroll container) cuts `content` off.
fn clipped_by_ancestor(world: &World, e: Entity, content: &Rect) -> Option<String> {
    for a in tree::ancestors(world, e) {
        if world.get::<&crate::scroll::Scroll>(a).is_ok() {
            // Content of a scroller is brought into view by scrolling, and whatever clips
            // above it clips the scroller's viewport, not this text.
            return None;
        }
        if !world.get::<&Visual>(a).is_ok_and(|v| v.clip) {
            continue;
        }
        let Ok(clip) = world.get::<&ComputedLayout>(a).map(|l| l.rect) else { continue };
        let outside = clip.x - content.x > EPSILON
            || content.x + content.width - (clip.x + clip.width) > EPSILON
            || clip.y - content.y > EPSILON
            || content.y + content.height - (clip.y + clip.height) > EPSILON;
        if outside {
            return Some(format!(
                "is clipped by `{}`: its box {:.0},{:.0} {:.0}x{:.0} reaches outside {:.0},{:.0} {:.0}x{:.0}",
                tree::path(world, a),
                content.x,
                content.y,
                content.width,
                content.height,
                clip.x,
                clip.y,
                clip.width,
                clip.height
            ));
        }
    }
    None
}
