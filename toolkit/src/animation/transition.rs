//! Declarative transitions: `"opacity 200ms ease-out, transform 300ms cubic-bezier(.2,.8,.2,1)"`.
//!
//! An element with a [`Transition`] animates by itself when its visual or size changes through
//! [`crate::App::update_visual`], [`crate::App::set_style`] or [`crate::App::update_style`]: the
//! property keeps its current painted value and tweens (or springs) to the new one.
//!
//! Grammar, per comma-separated item: `<property> <duration> [<easing>] [<delay>]`, or
//! `<property> spring[(stiffness, damping[, mass])]`. Durations are `200ms` or `0.2s`; the
//! first time is the duration, a second one the delay. Properties: `opacity`, `translate`,
//! `scale`, `transform` (translate and scale), `background` / `background-color`,
//! `border-color`, `border-radius` / `radius`, `shadow` (blur, colour and offset),
//! `shadow-blur`, `shadow-color`, `shadow-offset`, `width`, `height`, `all`. Easings: `linear`,
//! `ease`, `ease-in`, `ease-out`, `ease-in-out`, `cubic-bezier(x1, y1, x2, y2)`, `steps(n)`.

use std::fmt;
use std::time::Duration;

use super::channel::Timing;
use super::easing::Easing;
use super::spring::Spring;
use super::tween::Tween;
use super::value::AnimProp;

/// A parsed transition list: which properties animate, and how.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transition {
    pub items: Vec<(AnimProp, Timing)>,
}

/// A transition string that could not be parsed; `column` is 1-based, in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransitionError {
    pub input: String,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transition \"{}\": column {}: {}", self.input, self.column, self.message)
    }
}

impl std::error::Error for TransitionError {}

/// Properties a transition can name, and what each covers.
const VISUAL_ALL: [AnimProp; 9] = [
    AnimProp::Opacity,
    AnimProp::Translate,
    AnimProp::Scale,
    AnimProp::BackgroundColor,
    AnimProp::BorderColor,
    AnimProp::Radii,
    AnimProp::ShadowBlur,
    AnimProp::ShadowColor,
    AnimProp::ShadowOffset,
];

fn props(name: &str) -> Option<Vec<AnimProp>> {
    use AnimProp::*;
    Some(match name {
        "opacity" => vec![Opacity],
        "translate" => vec![Translate],
        "scale" => vec![Scale],
        "transform" => vec![Translate, Scale],
        "background" | "background-color" => vec![BackgroundColor],
        "border-color" => vec![BorderColor],
        "border-radius" | "radius" => vec![Radii],
        "shadow" | "box-shadow" => vec![ShadowBlur, ShadowColor, ShadowOffset],
        "shadow-blur" => vec![ShadowBlur],
        "shadow-color" => vec![ShadowColor],
        "shadow-offset" => vec![ShadowOffset],
        "width" => vec![Width],
        "height" => vec![Height],
        "all" => {
            let mut v = VISUAL_ALL.to_vec();
            v.extend([Width, Height]);
            v
        }
        _ => return None,
    })
}

/// A token and the character column where it starts (0-based).
struct Tok<'a> {
    text: &'a str,
    col: usize,
}

/// Splits `s` at top-level commas (not inside parentheses) and each part at whitespace,
/// keeping `name(a, b)` groups whole.
fn tokenize<'a>(s: &'a str) -> Result<Vec<Vec<Tok<'a>>>, (usize, String)> {
    let mut items = vec![Vec::new()];
    let mut depth = 0usize;
    let mut start: Option<(usize, usize)> = None; // (byte, column)
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let flush = |items: &mut Vec<Vec<Tok<'a>>>, start: &mut Option<(usize, usize)>, end: usize| {
        if let Some((b, c)) = start.take() {
            if let Some(last) = items.last_mut() {
                last.push(Tok { text: &s[b..end], col: c });
            }
        }
    };
    for (col, &(b, ch)) in chars.iter().enumerate() {
        match ch {
            '(' => {
                depth += 1;
                start.get_or_insert((b, col));
            }
            ')' => {
                if depth == 0 {
                    return Err((col, "`)` without a matching `(`".to_owned()));
                }
                depth -= 1;
            }
            ',' if depth == 0 => {
                flush(&mut items, &mut start, b);
                items.push(Vec::new());
            }
            c if c.is_whitespace() && depth == 0 => flush(&mut items, &mut start, b),
            _ => {
                start.get_or_insert((b, col));
            }
        }
    }
    if depth > 0 {
        return Err((chars.len(), "missing `)`".to_owned()));
    }
    flush(&mut items, &mut start, s.len());
    Ok(items)
}

fn parse_time(t: &str) -> Option<Duration> {
    let (num, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        return None;
    };
    let v: f64 = num.parse().ok()?;
    (0.0..3600.0).contains(&v).then(|| Duration::from_secs_f64(v * scale))
}

/// The numbers inside `name(...)`, or an error message.
fn args(tok: &str, name: &str) -> Option<Result<Vec<f32>, String>> {
    let inner = tok.strip_prefix(name)?.strip_prefix('(')?.strip_suffix(')')?;
    let parsed: Result<Vec<f32>, String> = inner
        .split(',')
        .map(|a| {
            let a = a.trim();
            a.parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("`{a}` in `{name}(...)` is not a number"))
        })
        .collect();
    Some(parsed)
}

fn parse_easing(tok: &str) -> Option<Result<Easing, String>> {
    let named = match tok {
        "linear" => Some(Easing::Linear),
        "ease" => Some(Easing::Ease),
        "ease-in" => Some(Easing::EaseIn),
        "ease-out" => Some(Easing::EaseOut),
        "ease-in-out" => Some(Easing::EaseInOut),
        _ => None,
    };
    if let Some(e) = named {
        return Some(Ok(e));
    }
    if let Some(a) = args(tok, "cubic-bezier") {
        return Some(a.and_then(|a| match a[..] {
            [x1, y1, x2, y2] if (0.0..=1.0).contains(&x1) && (0.0..=1.0).contains(&x2) => {
                Ok(Easing::CubicBezier(x1, y1, x2, y2))
            }
            [_, _, _, _] => Err("cubic-bezier x values must be between 0 and 1".to_owned()),
            _ => Err(format!("cubic-bezier takes 4 numbers, got {}", a.len())),
        }));
    }
    if let Some(a) = args(tok, "steps") {
        return Some(a.and_then(|a| match a[..] {
            [n] if n >= 1.0 && n.fract() == 0.0 => Ok(Easing::Steps(n as u32)),
            _ => Err("steps takes one whole number of at least 1".to_owned()),
        }));
    }
    None
}

fn parse_spring(tok: &str) -> Option<Result<Spring, String>> {
    if tok == "spring" {
        return Some(Ok(Spring::default()));
    }
    let a = args(tok, "spring")?;
    Some(a.and_then(|a| {
        let s = match a[..] {
            [k, c] => Spring::new(k, c, 1.0),
            [k, c, m] => Spring::new(k, c, m),
            _ => return Err(format!("spring takes (stiffness, damping[, mass]), got {} numbers", a.len())),
        };
        if s.sanitized().1 {
            Err("spring stiffness and mass must be positive, damping not negative".to_owned())
        } else {
            Ok(s)
        }
    }))
}

impl Transition {
    /// Parses a transition list; errors name the column of the offending token.
    pub fn parse(input: &str) -> Result<Transition, TransitionError> {
        let err =
            |column: usize, message: String| TransitionError { input: input.to_owned(), column: column + 1, message };
        let items = tokenize(input).map_err(|(c, m)| err(c, m))?;
        let mut out = Transition::default();
        for (i, toks) in items.iter().enumerate() {
            let Some(first) = toks.first() else {
                if items.len() == 1 {
                    return Err(err(0, "empty transition; expected `<property> <duration> [easing] [delay]`".into()));
                }
                let col = input.split(',').take(i).map(|p| p.chars().count() + 1).sum::<usize>();
                return Err(err(col, "empty item between commas".into()));
            };
            let Some(targets) = props(first.text) else {
                return Err(err(first.col, format!("unknown property `{}`", first.text)));
            };
            let (mut duration, mut delay, mut easing, mut spring) = (None, None, None, None);
            for t in &toks[1..] {
                if let Some(d) = parse_time(t.text) {
                    if duration.is_none() {
                        duration = Some(d);
                    } else if delay.is_none() {
                        delay = Some(d);
                    } else {
                        return Err(err(t.col, format!("a third time `{}` (only duration and delay)", t.text)));
                    }
                } else if let Some(e) = parse_easing(t.text) {
                    let e = e.map_err(|m| err(t.col, m))?;
                    if easing.replace(e).is_some() {
                        return Err(err(t.col, format!("a second easing `{}`", t.text)));
                    }
                } else if let Some(s) = parse_spring(t.text) {
                    spring = Some(s.map_err(|m| err(t.col, m))?);
                } else {
                    return Err(err(
                        t.col,
                        format!(
                            "`{}` is not a time (`200ms`, `0.2s`), an easing (linear, ease, ease-in, ease-out, \
                             ease-in-out, cubic-bezier(..), steps(n)) or a spring",
                            t.text
                        ),
                    ));
                }
            }
            let timing = if let Some(s) = spring {
                if easing.is_some() || duration.is_some() {
                    return Err(err(first.col, "a spring takes no duration, delay or easing".into()));
                }
                Timing::Spring(s)
            } else {
                let Some(d) = duration else {
                    return Err(err(first.col, format!("`{}` needs a duration, such as 200ms", first.text)));
                };
                Timing::Tween(Tween::new(d).ease(easing.unwrap_or(Easing::Ease)).delay(delay.unwrap_or(Duration::ZERO)))
            };
            for p in targets {
                // A later item for the same property wins, as in CSS.
                out.items.retain(|(q, _)| *q != p);
                out.items.push((p, timing));
            }
        }
        Ok(out)
    }

    /// How `prop` transitions, if it does.
    pub fn timing(&self, prop: AnimProp) -> Option<Timing> {
        self.items.iter().find(|(p, _)| *p == prop).map(|(_, t)| *t)
    }
}

/// A transition string that failed to parse in a builder; reported when the element mounts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BadTransition(pub TransitionError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_examples() {
        let t = Transition::parse("opacity 200ms ease-out, transform 300ms cubic-bezier(.2,.8,.2,1)").unwrap();
        assert_eq!(t.timing(AnimProp::Opacity), Some(Timing::Tween(Tween::ms(200).ease(Easing::EaseOut))));
        let tr = Timing::Tween(Tween::ms(300).ease(Easing::CubicBezier(0.2, 0.8, 0.2, 1.0)));
        assert_eq!(t.timing(AnimProp::Translate), Some(tr));
        assert_eq!(t.timing(AnimProp::Scale), Some(tr));
        assert_eq!(t.timing(AnimProp::Width), None);
        let d = Transition::parse("background 0.5s linear 100ms").unwrap();
        assert_eq!(
            d.timing(AnimProp::BackgroundColor),
            Some(Timing::Tween(Tween::ms(500).ease(Easing::Linear).delay_ms(100)))
        );
        let s = Transition::parse("transform spring(300, 20), opacity spring").unwrap();
        assert_eq!(s.timing(AnimProp::Scale), Some(Timing::Spring(Spring::new(300.0, 20.0, 1.0))));
        assert_eq!(s.timing(AnimProp::Opacity), Some(Timing::Spring(Spring::default())));
        let all = Transition::parse("all 100ms, opacity 50ms").unwrap();
        assert_eq!(all.timing(AnimProp::Opacity), Some(Timing::Tween(Tween::ms(50))));
        assert_eq!(all.timing(AnimProp::Height), Some(Timing::Tween(Tween::ms(100))));
    }

    #[test]
    fn errors_name_the_column() {
        let e = Transition::parse("opacity 200ms eas-out").unwrap_err();
        assert_eq!(e.column, 15, "{e}");
        assert!(e.to_string().contains("column 15") && e.to_string().contains("eas-out"), "{e}");
        let e = Transition::parse("opacity 200ms, colour 1s").unwrap_err();
        assert_eq!(e.column, 16, "{e}");
        assert!(e.message.contains("unknown property `colour`"));
        let e = Transition::parse("opacity ease").unwrap_err();
        assert!(e.message.contains("needs a duration"), "{e}");
        let e = Transition::parse("opacity 1s cubic-bezier(2, 0, 1, 1)").unwrap_err();
        assert_eq!(e.column, 12, "{e}");
        let e = Transition::parse("opacity 1s cubic-bezier(0, 0, 1").unwrap_err();
        assert!(e.message.contains("missing `)`"), "{e}");
        assert!(Transition::parse("").is_err());
        assert!(Transition::parse("opacity 1s,").is_err());
        assert!(Transition::parse("opacity 1s 2s 3s").is_err());
        assert!(Transition::parse("opacity spring 200ms").is_err());
        assert!(Transition::parse("opacity -5ms").is_err());
    }
}
