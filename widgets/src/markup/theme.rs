//! Theme tokens in markup: the table of token names over [`Theme`] fields (what `$accent` in a
//! screen means) and theme files, which set tokens:
//!
//! ```kdl
//! base "dark"              // start from a built-in theme (optional; dark by default)
//! accent "#e8b44a"
//! font-title 48
//! radius-m 16
//! on-accent $background    // a token may copy another one
//! ```
//!
//! One table row per token: when `Theme` grows a field, add a row to [`TOKENS`] and screens
//! and theme files can use it.

use tenfoot_renderer::Color;

use super::diag::{nearest, suggestion, Diagnostic};
use super::parse::{parse, Node, Raw, Val};
use super::values::{self, ValueError};
use crate::theme::Theme;

/// The value of a token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TokenValue {
    Color(Color),
    Number(f32),
}

/// What kind of value a token holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Color,
    Number,
}

/// One theme token: its markup name, kind, and how to read and write it on a [`Theme`].
#[derive(Clone, Copy)]
pub struct TokenSpec {
    pub name: &'static str,
    pub kind: TokenKind,
    pub doc: &'static str,
    pub get: fn(&Theme) -> TokenValue,
    pub set: fn(&mut Theme, TokenValue),
}

impl std::fmt::Debug for TokenSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSpec").field("name", &self.name).field("kind", &self.kind).finish()
    }
}

macro_rules! color_token {
    ($name:literal, $field:ident, $doc:literal) => {
        TokenSpec {
            name: $name,
            kind: TokenKind::Color,
            doc: $doc,
            get: |t| TokenValue::Color(t.$field),
            set: |t, v| {
                if let TokenValue::Color(c) = v {
                    t.$field = c;
                }
            },
        }
    };
}

macro_rules! number_token {
    ($name:literal, $field:ident $(. $sub:ident)?, $doc:literal) => {
        TokenSpec {
            name: $name,
            kind: TokenKind::Number,
            doc: $doc,
            get: |t| TokenValue::Number(t.$field $(.$sub)?),
            set: |t, v| {
                if let TokenValue::Number(n) = v {
                    t.$field $(.$sub)? = n;
                }
            },
        }
    };
}

/// Every theme token, in documentation order.
pub const TOKENS: &[TokenSpec] = &[
    color_token!("background", background, "the screen behind everything"),
    color_token!("surface", surface, "panels and cards"),
    color_token!("surface-raised", surface_raised, "controls on a surface (buttons)"),
    color_token!("text", text, "body text"),
    color_token!("text-muted", text_muted, "secondary text"),
    color_token!("accent", accent, "the call to action"),
    color_token!("on-accent", on_accent, "text on the accent colour"),
    color_token!("focus-ring", focus_ring, "the focus ring"),
    number_token!("font-display", type_scale.display, "display type size (px)"),
    number_token!("font-title", type_scale.title, "title type size (px)"),
    number_token!("font-heading", type_scale.heading, "heading type size (px)"),
    number_token!("font-body", type_scale.body, "body type size (px)"),
    number_token!("font-caption", type_scale.caption, "caption type size (px)"),
    number_token!("space-xs", spacing.xs, "spacing step (px)"),
    number_token!("space-s", spacing.s, "spacing step (px)"),
    number_token!("space-m", spacing.m, "spacing step (px)"),
    number_token!("space-l", spacing.l, "spacing step (px)"),
    number_token!("space-xl", spacing.xl, "spacing step (px)"),
    number_token!("radius-s", radius.small, "corner radius of chips and buttons (px)"),
    number_token!("radius-m", radius.medium, "corner radius of tiles (px)"),
    number_token!("radius-l", radius.large, "corner radius of panels (px)"),
    number_token!("focus-ring-width", focus_ring_width, "focus ring width (px)"),
    number_token!("focus-scale", focus_scale, "scale of a focused tile (1.06 is 6% larger)"),
];

/// Makes a built-in theme.
pub type ThemeFn = fn() -> Theme;

/// Built-in themes by name.
pub const BASES: &[(&str, ThemeFn)] = &[("dark", Theme::dark)];

/// The token named `name` (without `$`).
pub fn token(name: &str) -> Option<&'static TokenSpec> {
    TOKENS.iter().find(|t| t.name == name)
}

/// The token names, for suggestions.
pub fn token_names() -> Vec<&'static str> {
    TOKENS.iter().map(|t| t.name).collect()
}

/// Resolves `$name` against `theme`, checking it is of `kind`. `at` is the byte offset of the
/// `$` within the value (for the error position).
pub fn resolve(theme: &Theme, reference: &str, kind: TokenKind, at: usize) -> Result<TokenValue, ValueError> {
    let name = reference.strip_prefix('$').unwrap_or(reference);
    let Some(spec) = token(name) else {
        let hint = match nearest(name, token_names()) {
            Some(n) => format!("did you mean `${n}`?"),
            None => format!("theme tokens: ${}", token_names().join(", $")),
        };
        return Err(ValueError::at(at, reference.len(), format!("unknown theme token `${name}`")).hint(hint));
    };
    if spec.kind != kind {
        let (want, got) = match kind {
            TokenKind::Color => ("a colour", "a number"),
            TokenKind::Number => ("a number", "a colour"),
        };
        return Err(ValueError::at(at, reference.len(), format!("`${name}` is {got}, but {want} is needed here")));
    }
    Ok((spec.get)(theme))
}

/// Loads a theme file: `base` first (optional), then one node per token.
pub fn load_theme(file: &str, src: &str) -> Result<Theme, Vec<Diagnostic>> {
    let nodes = parse(file, src)?;
    let mut diags = Vec::new();
    let mut theme = Theme::dark();
    for (i, n) in nodes.iter().enumerate() {
        if n.name == "base" {
            if i != 0 {
                diags.push(
                    Diagnostic::at(file, src, n.offset, 4, "`base` must come first")
                        .with_hint("tokens set before `base` would be lost; move `base` to the top of the file"),
                );
                continue;
            }
            match one_arg(file, src, n) {
                Ok(v) => match &v.raw {
                    Raw::Str(s) => match BASES.iter().find(|(b, _)| b == s) {
                        Some((_, make)) => theme = make(),
                        None => {
                            let names: Vec<&str> = BASES.iter().map(|(b, _)| *b).collect();
                            diags.push(
                                Diagnostic::at(file, src, v.offset, v.len, format!("unknown base theme `{s}`"))
                                    .with_hint(suggestion(s, "bases", &names)),
                            );
                        }
                    },
                    other => diags.push(Diagnostic::at(
                        file,
                        src,
                        v.offset,
                        v.len,
                        format!("`base` takes a theme name, not {}", other.kind()),
                    )),
                },
                Err(d) => diags.push(d),
            }
            continue;
        }
        let Some(spec) = token(&n.name) else {
            let mut names = token_names();
            names.push("base");
            diags.push(
                Diagnostic::at(file, src, n.offset, n.name.len(), format!("unknown theme token `{}`", n.name))
                    .with_hint(suggestion(&n.name, "tokens", &names)),
            );
            continue;
        };
        if let Some(c) = n.children_offset {
            diags.push(Diagnostic::at(file, src, c, 1, format!("token `{}` takes a value, not children", n.name)));
            continue;
        }
        let v = match one_arg(file, src, n) {
            Ok(v) => v,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let value = match spec.kind {
            TokenKind::Color => values::color(v, &theme).map(TokenValue::Color),
            TokenKind::Number => values::number(v, &theme).map(TokenValue::Number),
        };
        match value {
            Ok(value) => (spec.set)(&mut theme, value),
            Err(e) => diags.push(e.into_diagnostic(file, src, v)),
        }
    }
    if diags.is_empty() {
        Ok(theme)
    } else {
        Err(diags)
    }
}

#[expect(clippy::result_large_err, reason = "a diagnostic is the error; one per bad token")]
fn one_arg<'n>(file: &str, src: &str, n: &'n Node) -> Result<&'n Val, Diagnostic> {
    if let Some(p) = n.props.first() {
        return Err(Diagnostic::at(file, src, p.name_offset, p.name.len(), format!("`{}` takes one value", n.name))
            .with_hint(format!("write `{} VALUE`", n.name)));
    }
    match n.args.as_slice() {
        [v] => Ok(v),
        [] => Err(Diagnostic::at(file, src, n.offset, n.name.len(), format!("`{}` needs a value", n.name))
            .with_hint(format!("write `{} VALUE`", n.name))),
        [_, extra, ..] => {
            Err(Diagnostic::at(file, src, extra.offset, extra.len, format!("`{}` takes one value", n.name)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_round_trips_through_its_setter() {
        for spec in TOKENS {
            let mut t = Theme::dark();
            let v = match spec.kind {
                TokenKind::Color => TokenValue::Color(Color::rgb(1, 2, 3)),
                TokenKind::Number => TokenValue::Number(123.0),
            };
            (spec.set)(&mut t, v);
            assert_eq!((spec.get)(&t), v, "{}", spec.name);
            assert_ne!(t, Theme::dark(), "{} sets nothing", spec.name);
        }
    }

    #[test]
    fn theme_file_sets_tokens_and_copies_references() {
        let t = load_theme("t.kdl", "base \"dark\"\naccent \"#ff0000\"\non-accent $accent\nradius-m 20\n").unwrap();
        assert_eq!(t.accent, Color::rgb(255, 0, 0));
        assert_eq!(t.on_accent, Color::rgb(255, 0, 0));
        assert_eq!(t.radius.medium, 20.0);
    }

    #[test]
    fn theme_errors_point_at_the_token() {
        let e = load_theme("t.kdl", "accent \"#ff0000\"\naccnet \"#00ff00\"\nradius-m \"#fff\"\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].line, e[0].column), (2, 1));
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `accent`?"));
        assert_eq!((e[1].line, e[1].column), (3, 11));
    }
}
