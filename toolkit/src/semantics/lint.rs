//! The accessibility lint (`--lint-a11y`): focusables a reader cannot name, images with no
//! alt text and no decorative mark, text under 3:1 contrast against what is painted behind it,
//! and text too small to read from the sofa.
//!
//! It looks at the top screen as the last frame left it (run it after a frame) and changes
//! nothing. Contrast is computed against what was painted before the text under its centre
//! (backgrounds and gradients of ancestors and of earlier siblings, composited over the app's
//! background in paint order), with every stop of a gradient tried (the worst counts). Text
//! over an image has no known background unless an opaque fill covers the image: it is counted
//! as unchecked, not passed or failed.

use std::fmt;

use hecs::{Entity, World};
use tenfoot_renderer::{Color, Rect};

use super::tree::{content_text, SemanticsTree};
use super::{Role, Semantics};
use crate::app::App;
use crate::focus::screen_rect;
use crate::style::{ImageContent, Style, TextContent, Visual};
use crate::tree;

/// Text smaller than this in logical px (the 1920x1080 design space: about 1/60 of the screen
/// height) is too small for a 10-foot screen.
pub const MIN_TEXT_LOGICAL: f32 = 18.0;
/// Text drawn smaller than this in the device's physical pixels loses its glyph shapes (a
/// 720p panel draws 18 logical px as 12).
pub const MIN_TEXT_PHYSICAL: f32 = 12.0;
/// The least contrast text may have against its background (WCAG's ratio for large text; TV
/// text is large text).
pub const MIN_CONTRAST: f32 = 3.0;

/// What the lint checks against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LintOptions {
    /// Physical pixels per logical pixel on the device (1 for 1080p, 2/3 for 720p).
    pub scale: f32,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self { scale: 1.0 }
    }
}

/// The kinds of problem.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    /// A focusable element with no label and no text inside.
    Unlabelled,
    /// An image with no alt text that is not marked decorative.
    ImageWithoutAlt,
    /// Text whose contrast against its background is under [`MIN_CONTRAST`].
    LowContrast { ratio: f32, text: Color, background: Color },
    /// Text smaller than the TV minimum (size in logical px, and the minimum it missed).
    TooSmall { size: f32, min: f32 },
}

/// One problem and the element it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct A11yFinding {
    pub kind: FindingKind,
    /// The element's path of names.
    pub path: String,
    /// Its text, when it shows some (to find it on screen).
    pub text: Option<String>,
}

impl fmt::Display for A11yFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.kind {
            FindingKind::Unlabelled => "focusable element has no label (set .label() or put text inside)".to_owned(),
            FindingKind::ImageWithoutAlt => "image has no alt text (set .label(), or .decorative())".to_owned(),
            FindingKind::LowContrast { ratio, text, background } => {
                format!("text contrast {ratio:.2}:1 is under {MIN_CONTRAST}:1 ({} on {})", hex(*text), hex(*background))
            }
            FindingKind::TooSmall { size, min } => {
                format!("text is {size} px, under the TV minimum of {min:.1} logical px on this device")
            }
        };
        write!(f, "`{}`: {what}", self.path)?;
        if let Some(t) = &self.text {
            write!(f, " (\"{t}\")")?;
        }
        Ok(())
    }
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// What [`a11y_lint`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct A11yLintReport {
    /// The linted screen's path.
    pub screen: String,
    pub nodes: usize,
    /// Text elements whose contrast was checked, and those over an image (not checkable).
    pub texts_checked: usize,
    pub texts_unchecked: usize,
    pub findings: Vec<A11yFinding>,
}

impl A11yLintReport {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for A11yLintReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = format!(
            "accessibility lint of `{}`: {} nodes, {} texts checked for contrast ({} over images not checked)",
            self.screen, self.nodes, self.texts_checked, self.texts_unchecked
        );
        crate::report::write_findings(f, &head, &self.findings)
    }
}

/// Lints the top screen of `app` (builds the semantics tree if needed).
pub fn a11y_lint(app: &mut App, options: LintOptions) -> A11yLintReport {
    let tree = app.semantics_now().clone();
    let screen = app.screen_root();
    let world = app.world();
    let mut report = A11yLintReport { screen: tree::path(world, screen), ..A11yLintReport::default() };
    lint_nodes(world, &tree, screen, &mut report);
    lint_text(world, app.background(), screen, options, &mut report);
    report
}

fn lint_nodes(world: &World, tree: &SemanticsTree, screen: Entity, report: &mut A11yLintReport) {
    let on_screen = |e: Entity| e == screen || tree::ancestors(world, e).contains(&screen);
    for n in tree.nodes.iter().filter(|n| on_screen(n.entity)) {
        report.nodes += 1;
        if n.focusable && n.label.trim().is_empty() {
            report.findings.push(A11yFinding { kind: FindingKind::Unlabelled, path: n.path.clone(), text: None });
        } else if n.role == Role::Image && n.label.trim().is_empty() {
            report.findings.push(A11yFinding { kind: FindingKind::ImageWithoutAlt, path: n.path.clone(), text: None });
        }
    }
}

/// Candidate backgrounds behind an element: `None` when an image is behind it.
type Behind = Option<Vec<Color>>;

/// Something painted: fills (a background, a gradient's stops) or a picture.
enum Layer {
    Fill(Vec<Color>, f32),
    Image,
}

/// Walks everything visible in paint order (pre-order; parents under children, earlier
/// siblings under later ones), keeping what was painted where; each text of the top screen is
/// checked against the layers painted before it that cover its centre.
fn lint_text(world: &World, app_bg: Color, screen: Entity, options: LintOptions, report: &mut A11yLintReport) {
    let min = MIN_TEXT_LOGICAL.max(MIN_TEXT_PHYSICAL / options.scale.max(0.01));
    let root = tree::ancestors(world, screen).last().copied().unwrap_or(screen);
    let mut layers: Vec<(Rect, Layer)> = Vec::new();
    // (element, opacity of the layers it is in, on the linted screen)
    let mut stack: Vec<(Entity, f32, bool)> = vec![(root, 1.0, root == screen)];
    while let Some((e, alpha, on_screen)) = stack.pop() {
        if world.get::<&Style>(e).is_ok_and(|s| s.display_none) || world.get::<&crate::animation::Exiting>(e).is_ok() {
            continue;
        }
        let visual = world.get::<&Visual>(e).ok().map(|v| (*v).clone());
        let alpha = alpha * visual.as_ref().map_or(1.0, |v| v.opacity.clamp(0.0, 1.0));
        if alpha <= 0.0 {
            continue;
        }
        let rect = screen_rect(world, e).unwrap_or_default();
        if let Some(v) = &visual {
            if let Some(bg) = v.background {
                layers.push((rect, Layer::Fill(vec![bg], alpha)));
            }
            if let Some(g) = &v.gradient {
                layers.push((rect, Layer::Fill(g.stops.iter().map(|s| s.1).collect(), alpha)));
            }
        }
        if world.get::<&ImageContent>(e).is_ok() {
            layers.push((rect, Layer::Image));
        }
        let decorative = world.get::<&Semantics>(e).is_ok_and(|s| s.decorative);
        if let (Ok(t), false, true) = (world.get::<&TextContent>(e), decorative, on_screen) {
            if !t.text.trim().is_empty() && t.color.a > 0 {
                let behind = behind(&layers, &rect, app_bg);
                check_text(e, &t, &behind, alpha, min, world, report);
            }
        }
        for c in tree::children(world, e).into_iter().rev() {
            stack.push((c, alpha, on_screen || c == screen));
        }
    }
}

fn check_text(
    e: Entity,
    t: &TextContent,
    behind: &Behind,
    alpha: f32,
    min: f32,
    world: &World,
    report: &mut A11yLintReport,
) {
    let excerpt = || Some(content_text(world, e).chars().take(40).collect::<String>());
    if t.style.size < min {
        report.findings.push(A11yFinding {
            kind: FindingKind::TooSmall { size: t.style.size, min },
            path: tree::path(world, e),
            text: excerpt(),
        });
    }
    let Some(bgs) = behind else {
        report.texts_unchecked += 1;
        return;
    };
    report.texts_checked += 1;
    let worst = bgs
        .iter()
        .map(|bg| {
            let fg = over(t.color, alpha, *bg);
            (contrast(fg, *bg), fg, *bg)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((ratio, text, background)) = worst {
        if ratio < MIN_CONTRAST {
            report.findings.push(A11yFinding {
                kind: FindingKind::LowContrast { ratio, text, background },
                path: tree::path(world, e),
                text: excerpt(),
            });
        }
    }
}

/// What is painted under the centre of `rect`, composited over the app's background.
fn behind(layers: &[(Rect, Layer)], rect: &Rect, app_bg: Color) -> Behind {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let mut behind = Some(vec![opaque(app_bg)]);
    for (r, layer) in layers {
        if cx < r.x || cy < r.y || cx > r.x + r.width || cy > r.y + r.height {
            continue;
        }
        behind = match layer {
            Layer::Fill(colors, alpha) => composite(behind, colors, *alpha),
            Layer::Image => None,
        };
    }
    behind
}

/// Every colour of `top` over every candidate; an opaque colour over an unknown is known.
fn composite(behind: Behind, top: &[Color], layer: f32) -> Behind {
    let mut out = Vec::new();
    for c in top {
        let a = c.a as f32 / 255.0 * layer;
        match &behind {
            Some(bgs) => out.extend(bgs.iter().map(|bg| over(*c, layer, *bg))),
            None if a >= 0.999 => out.push(opaque(*c)),
            None => return None,
        }
    }
    out.dedup();
    out.truncate(64);
    Some(out)
}

fn opaque(c: Color) -> Color {
    Color::rgba(c.r, c.g, c.b, 255)
}

/// `fg` at its alpha times `layer` over the opaque `bg`.
fn over(fg: Color, layer: f32, bg: Color) -> Color {
    let a = (fg.a as f32 / 255.0 * layer).clamp(0.0, 1.0);
    let mix = |f: u8, b: u8| (f as f32 * a + b as f32 * (1.0 - a)).round().clamp(0.0, 255.0) as u8;
    Color::rgba(mix(fg.r, bg.r), mix(fg.g, bg.g), mix(fg.b, bg.b), 255)
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: Color) -> f32 {
    let ch = |v: u8| {
        let s = v as f32 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
}

/// WCAG contrast ratio, 1..=21.
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Color::WHITE, Color::BLACK) - 21.0).abs() < 0.01);
        assert!((contrast(Color::hex(0x777777), Color::WHITE) - 4.48).abs() < 0.01);
        assert!((contrast(Color::hex(0x123456), Color::hex(0x123456)) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn half_transparent_text_mixes_with_its_background() {
        let c = over(Color::WHITE, 0.5, Color::BLACK);
        assert_eq!((c.r, c.g, c.b), (128, 128, 128));
    }
}
