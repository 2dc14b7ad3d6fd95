//! Typed values: numbers, lengths (`240`, `"240px"`, `"50%"`, `auto`), colours (`"#rrggbb"`,
//! `"#rrggbbaa"`, `"#rgb"`, `transparent`), theme tokens (`$accent`), edge lists, shadows,
//! borders and gradients, parsed from a [`Val`]. Errors carry the byte offset of the bad part
//! inside the value so the caret lands on it.

use tenfoot_renderer::{Color, Corners};
use tenfoot_toolkit::{Edges, Length};

use super::diag::{nearest, Diagnostic};
use super::parse::{Raw, Val};
use super::theme::{resolve, TokenKind, TokenValue};
use crate::theme::Theme;

/// A value that does not fit its property: where in the value (byte offset into the decoded
/// string, 0 for non-strings), how long, what and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    pub at: usize,
    pub len: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl ValueError {
    pub fn at(at: usize, len: usize, message: impl Into<String>) -> Self {
        Self { at, len, message: message.into(), hint: None }
    }

    /// An error about the whole value.
    pub fn whole(message: impl Into<String>) -> Self {
        Self { at: 0, len: usize::MAX, message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Places the error in the source, at its part of `v` when that can be mapped back.
    pub fn into_diagnostic(self, file: &str, src: &str, v: &Val) -> Diagnostic {
        let offset = v.offset_of(self.at);
        let mapped = self.at == 0 || offset != v.offset;
        let (offset, len) = if mapped && self.len != usize::MAX { (offset, self.len) } else { (v.offset, v.len) };
        let mut d = Diagnostic::at(file, src, offset, len, self.message);
        d.hint = self.hint;
        d
    }
}

/// Whitespace-separated words of `s` with their byte offsets.
pub fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The largest magnitude a number may have: far beyond any screen (the design space is
/// 1920x1080), small enough that layout and drawing never meet overflowing sizes.
pub const MAX_NUMBER: f64 = 1_000_000.0;

fn finite(v: f64, at: usize, len: usize) -> Result<f32, ValueError> {
    if v.is_finite() && v.abs() <= MAX_NUMBER {
        Ok(v as f32)
    } else {
        Err(ValueError::at(at, len, "this number is out of range").hint("numbers go from -1000000 to 1000000"))
    }
}

/// A number word: `24`, `24.5`, `24px`, `-3`, `$space-m`.
fn number_word(word: &str, at: usize, theme: &Theme) -> Result<f32, ValueError> {
    if word.starts_with('$') {
        return match resolve(theme, word, TokenKind::Number, at)? {
            TokenValue::Number(n) => Ok(n),
            TokenValue::Color(_) => Err(ValueError::at(at, word.len(), "expected a number")),
        };
    }
    let digits = word.strip_suffix("px").unwrap_or(word);
    match digits.parse::<f64>() {
        Ok(v) if digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')) => {
            finite(v, at, word.len())
        }
        _ => Err(ValueError::at(at, word.len(), format!("`{word}` is not a number"))
            .hint("write a number of logical pixels, such as 24 or \"24px\", or a token such as $space-m")),
    }
}

/// A plain number (`gap`, `font-size`, `opacity`...).
pub fn number(v: &Val, theme: &Theme) -> Result<f32, ValueError> {
    match &v.raw {
        Raw::Int(i) => finite(*i as f64, 0, usize::MAX),
        Raw::Float(f) => finite(*f, 0, usize::MAX),
        Raw::Str(s) => match words(s).as_slice() {
            [(at, w)] => number_word(w, *at, theme),
            _ => Err(ValueError::whole(format!("expected one number, found \"{s}\""))),
        },
        other => Err(ValueError::whole(format!("expected a number, found {}", other.kind()))),
    }
}

/// A whole number (`max-lines`), 0 or more.
pub fn count(v: &Val, theme: &Theme) -> Result<u32, ValueError> {
    let n = number(v, theme)?;
    if n < 0.0 || n.fract() != 0.0 || n > u32::MAX as f32 {
        return Err(ValueError::whole(format!("expected a whole number of 0 or more, found {n}")));
    }
    Ok(n as u32)
}

/// A number in 0..=1 (`opacity`).
pub fn unit(v: &Val, theme: &Theme) -> Result<f32, ValueError> {
    let n = number(v, theme)?;
    if !(0.0..=1.0).contains(&n) {
        return Err(ValueError::whole(format!("expected a number from 0 to 1, found {n}")));
    }
    Ok(n)
}

/// A length word: `auto`, `50%`, `240`, `240px`, `$space-m`.
fn length_word(word: &str, at: usize, theme: &Theme) -> Result<Length, ValueError> {
    if word == "auto" {
        return Ok(Length::Auto);
    }
    if let Some(p) = word.strip_suffix('%') {
        return match p.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= MAX_NUMBER => Ok(Length::Percent(v as f32 / 100.0)),
            _ => Err(ValueError::at(at, word.len(), format!("`{word}` is not a percentage"))),
        };
    }
    number_word(word, at, theme).map(Length::Px).map_err(|e| {
        e.hint("write a length: a number of logical pixels (240 or \"240px\"), a percentage (\"50%\") or auto")
    })
}

/// A length (`width`, `min-height`...).
pub fn length(v: &Val, theme: &Theme) -> Result<Length, ValueError> {
    match &v.raw {
        Raw::Str(s) => match words(s).as_slice() {
            [(at, w)] => length_word(w, *at, theme),
            _ => Err(ValueError::whole(format!("expected one length, found \"{s}\""))),
        },
        _ => number(v, theme).map(Length::Px),
    }
}

const NAMED_COLORS: &[(&str, Color)] =
    &[("transparent", Color::TRANSPARENT), ("white", Color::WHITE), ("black", Color::BLACK)];

/// A colour word: `#rgb`, `#rrggbb`, `#rrggbbaa`, `$token`, `$token/60%` (the token's colour
/// at 60% opacity) or a named colour.
fn color_word(word: &str, at: usize, theme: &Theme) -> Result<Color, ValueError> {
    if let Some((token, alpha)) = word.split_once('/').filter(|_| word.starts_with('$')) {
        let alpha_at = at + token.len() + 1;
        let opacity = match alpha.strip_suffix('%').map(str::parse::<f32>) {
            Some(Ok(p)) if (0.0..=100.0).contains(&p) => p / 100.0,
            _ => {
                return Err(ValueError::at(alpha_at, alpha.len(), format!("`{alpha}` is not an opacity"))
                    .hint("write a percentage from 0% to 100%, as in $background/60%"))
            }
        };
        return Ok(color_word(token, at, theme)?.with_opacity(opacity));
    }
    if word.starts_with('$') {
        return match resolve(theme, word, TokenKind::Color, at)? {
            TokenValue::Color(c) => Ok(c),
            TokenValue::Number(_) => Err(ValueError::at(at, word.len(), "expected a colour")),
        };
    }
    if let Some((_, c)) = NAMED_COLORS.iter().find(|(n, _)| *n == word) {
        return Ok(*c);
    }
    let hex_ok = word.strip_prefix('#').is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
    match Color::parse(word).filter(|_| hex_ok) {
        Some(c) => Ok(c),
        None => {
            let hint = match nearest(word, NAMED_COLORS.iter().map(|(n, _)| *n)) {
                Some(n) if !word.starts_with('#') => format!("did you mean `{n}`?"),
                _ => "write \"#rrggbb\", \"#rrggbbaa\" (with alpha), \"#rgb\", a token such as $accent, or transparent"
                    .to_owned(),
            };
            Err(ValueError::at(at, word.len(), format!("`{word}` is not a colour")).hint(hint))
        }
    }
}

/// A colour (`background`, `color`).
pub fn color(v: &Val, theme: &Theme) -> Result<Color, ValueError> {
    match &v.raw {
        Raw::Str(s) => match words(s).as_slice() {
            [(at, w)] => color_word(w, *at, theme),
            _ => Err(ValueError::whole(format!("expected one colour, found \"{s}\""))),
        },
        other => Err(ValueError::whole(format!("expected a colour, found {}", other.kind()))
            .hint("write colours as strings: \"#rrggbb\", or a token such as $accent")),
    }
}

/// A boolean: `#true`/`#false` (or `"true"`/`"false"` from data).
pub fn boolean(v: &Val, _theme: &Theme) -> Result<bool, ValueError> {
    match &v.raw {
        Raw::Bool(b) => Ok(*b),
        Raw::Str(s) if s == "true" => Ok(true),
        Raw::Str(s) if s == "false" => Ok(false),
        other => Err(ValueError::whole(format!("expected #true or #false, found {}", other.kind()))),
    }
}

/// One of a fixed set of words (`align-items=center`).
pub fn one_of<T: Copy>(v: &Val, options: &[(&str, T)]) -> Result<T, ValueError> {
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    match &v.raw {
        Raw::Str(s) => match options.iter().find(|(n, _)| n == s) {
            Some((_, t)) => Ok(*t),
            None => {
                let css = super::registry::CSS_VALUES.iter().find(|(c, ours)| c == s && names.contains(ours));
                let hint = match (css, nearest(s, names.iter().copied())) {
                    (Some((_, ours)), _) => format!("tenfoot calls it `{ours}`"),
                    (None, Some(n)) => format!("did you mean `{n}`?"),
                    (None, None) => format!("one of: {}", names.join(", ")),
                };
                Err(ValueError::whole(format!("`{s}` is not one of {}", names.join(", "))).hint(hint))
            }
        },
        other => Err(ValueError::whole(format!("expected one of {}, found {}", names.join(", "), other.kind()))),
    }
}

/// 1 to 4 numbers (`padding="96 120"`), each with its offset. Tokens allowed.
fn numbers(v: &Val, theme: &Theme, max: usize) -> Result<Vec<f32>, ValueError> {
    match &v.raw {
        Raw::Str(s) => {
            let ws = words(s);
            if ws.is_empty() || ws.len() > max {
                return Err(ValueError::whole(format!("expected 1 to {max} numbers, found {}", ws.len())));
            }
            ws.iter().map(|(at, w)| number_word(w, *at, theme)).collect()
        }
        _ => number(v, theme).map(|n| vec![n]),
    }
}

/// Edges in CSS order: one value for all, `vertical horizontal`, or `top right bottom left`.
pub fn edges(v: &Val, theme: &Theme) -> Result<Edges, ValueError> {
    let n = numbers(v, theme, 4)?;
    match n.as_slice() {
        [a] => Ok(Edges::all(*a)),
        [vert, hor] => Ok(Edges::symmetric(*vert, *hor)),
        [top, right, bottom, left] => Ok(Edges { left: *left, right: *right, top: *top, bottom: *bottom }),
        _ => Err(ValueError::whole("expected 1, 2 or 4 numbers (CSS order: top right bottom left)")),
    }
}

/// Corner radii: one for all or four (top-left top-right bottom-right bottom-left).
pub fn corners(v: &Val, theme: &Theme) -> Result<Corners, ValueError> {
    let n = numbers(v, theme, 4)?;
    match n.as_slice() {
        [a] => Ok(Corners::all(*a)),
        [tl, tr, br, bl] => Ok(Corners { top_left: *tl, top_right: *tr, bottom_right: *br, bottom_left: *bl }),
        _ => Err(ValueError::whole("expected 1 or 4 radii (top-left top-right bottom-right bottom-left)")),
    }
}

fn string<'v>(v: &'v Val, what: &str) -> Result<&'v str, ValueError> {
    match &v.raw {
        Raw::Str(s) => Ok(s),
        other => Err(ValueError::whole(format!("expected {what} as a string, found {}", other.kind()))),
    }
}

/// `"dx dy blur colour"`, as in `shadow="0 12 32 #000000aa"`.
pub fn shadow(v: &Val, theme: &Theme) -> Result<(f32, f32, f32, Color), ValueError> {
    let s = string(v, "\"dx dy blur colour\"")?;
    match words(s).as_slice() {
        [(a, dx), (b, dy), (c, blur), (d, col)] => Ok((
            number_word(dx, *a, theme)?,
            number_word(dy, *b, theme)?,
            number_word(blur, *c, theme)?.max(0.0),
            color_word(col, *d, theme)?,
        )),
        _ => Err(ValueError::whole(format!("expected \"dx dy blur colour\", found \"{s}\""))
            .hint("for example shadow=\"0 12 32 #000000aa\"")),
    }
}

/// `"width colour"`, as in `border="3 $focus-ring"`.
pub fn border(v: &Val, theme: &Theme) -> Result<(f32, Color), ValueError> {
    let s = string(v, "\"width colour\"")?;
    match words(s).as_slice() {
        [(a, w), (b, col)] => Ok((number_word(w, *a, theme)?.max(0.0), color_word(col, *b, theme)?)),
        _ => Err(ValueError::whole(format!("expected \"width colour\", found \"{s}\""))
            .hint("for example border=\"3 #ffffff\"")),
    }
}

/// A linear gradient: `"angle, colour [stop%], colour [stop%], ..."`; stops without a position
/// are spread evenly, as in CSS. The angle is in degrees (`135` or `135deg`).
pub fn gradient(v: &Val, theme: &Theme) -> Result<(f32, Vec<(f32, Color)>), ValueError> {
    let s = string(v, "\"angle, colour, colour...\"")?;
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == ',' {
            parts.push((start, &s[start..i]));
            start = i + 1;
        }
    }
    parts.push((start, &s[start..]));
    let example = "for example gradient=\"135, #3a1c71, #d76d77 50%, #ffaf7b\"";
    if parts.len() < 3 {
        return Err(ValueError::whole("a gradient needs an angle and at least two colours").hint(example));
    }
    let (a0, angle_part) = parts[0];
    let angle = match words(angle_part).as_slice() {
        [(at, w)] => number_word(w.strip_suffix("deg").unwrap_or(w), a0 + at, theme)?,
        _ => return Err(ValueError::whole("a gradient starts with its angle in degrees").hint(example)),
    };
    let n = parts.len() - 1;
    let mut stops = Vec::with_capacity(n);
    for (k, (p0, part)) in parts[1..].iter().enumerate() {
        let ws = words(part);
        let even = if n > 1 { k as f32 / (n - 1) as f32 } else { 0.0 };
        let stop = match ws.as_slice() {
            [(at, c)] => (even, color_word(c, p0 + at, theme)?),
            [(at, c), (pat, pos)] => {
                let col = color_word(c, p0 + at, theme)?;
                let pos_at = p0 + pat;
                let value = match pos.strip_suffix('%').map(str::parse::<f32>) {
                    Some(Ok(p)) if p.is_finite() => p / 100.0,
                    _ => {
                        return Err(ValueError::at(pos_at, pos.len(), format!("`{pos}` is not a stop position"))
                            .hint("write the position as a percentage, such as 50%"))
                    }
                };
                (value.clamp(0.0, 1.0), col)
            }
            _ => return Err(ValueError::at(*p0, part.len(), "expected `colour` or `colour position%`").hint(example)),
        };
        stops.push(stop);
    }
    Ok((angle, stops))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Val {
        Val { raw: Raw::Str(text.into()), offset: 10, len: text.len() + 2, source: format!("\"{text}\"") }
    }

    #[test]
    fn lengths_numbers_and_tokens() {
        let t = Theme::dark();
        let int = Val { raw: Raw::Int(240), offset: 0, len: 3, source: "240".into() };
        assert_eq!(length(&int, &t), Ok(Length::Px(240.0)));
        assert_eq!(length(&s("50%"), &t), Ok(Length::Percent(0.5)));
        assert_eq!(length(&s("auto"), &t), Ok(Length::Auto));
        assert_eq!(length(&s("12px"), &t), Ok(Length::Px(12.0)));
        assert_eq!(length(&s("$space-m"), &t), Ok(Length::Px(24.0)));
        assert_eq!(number(&s("wide"), &t).map_err(|e| e.at), Err(0));
        assert_eq!(number(&s("NaN"), &t).map_err(|e| e.message), Err("`NaN` is not a number".into()));
    }

    #[test]
    fn colours() {
        let t = Theme::dark();
        assert_eq!(color(&s("#ff8000"), &t), Ok(Color::rgb(255, 128, 0)));
        assert_eq!(color(&s("#ff800080"), &t), Ok(Color::rgba(255, 128, 0, 128)));
        assert_eq!(color(&s("$accent"), &t), Ok(t.accent));
        assert_eq!(color(&s("$accent/50%"), &t), Ok(t.accent.with_opacity(0.5)));
        assert_eq!(color(&s("$accent/half"), &t).map_err(|e| (e.at, e.len)), Err((8, 4)));
        assert_eq!(color(&s("transparent"), &t), Ok(Color::TRANSPARENT));
        assert!(color(&s("#+f+f+f"), &t).is_err());
        let e = color(&s("$acent"), &t).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `$accent`?"));
        let e = color(&s("$radius-m"), &t).unwrap_err();
        assert!(e.message.contains("is a number"), "{}", e.message);
    }

    #[test]
    fn compound_values_point_at_the_bad_part() {
        let t = Theme::dark();
        assert_eq!(edges(&s("96 120"), &t), Ok(Edges::symmetric(96.0, 120.0)));
        assert_eq!(shadow(&s("0 12 32 #000000aa"), &t), Ok((0.0, 12.0, 32.0, Color::rgba(0, 0, 0, 170))));
        let e = shadow(&s("0 12 3x #000"), &t).unwrap_err();
        assert_eq!((e.at, e.len), (5, 2));
        let (angle, stops) = gradient(&s("135deg, #000, #fff 50%, $accent"), &t).unwrap();
        assert_eq!(angle, 135.0);
        assert_eq!(stops, vec![(0.0, Color::BLACK), (0.5, Color::WHITE), (1.0, t.accent)]);
        let e = gradient(&s("90, #000, #ggg"), &t).unwrap_err();
        assert_eq!(e.at, 10);
    }
}
