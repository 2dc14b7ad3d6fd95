//! The pseudo-locale: English made longer and stranger, so a screen shows at a glance which
//! text is not translated (no brackets), which is hard-coded (no accents) and which will clip
//! in a language that runs 30-40 % longer than English (German, Finnish).

use std::borrow::Cow;

/// Accents the ASCII letters of a message's literal text (Fluent's transform: arguments such
/// as titles and numbers are left as they are).
pub(super) fn accent(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(accented).collect())
}

fn accented(c: char) -> char {
    const LOWER: [char; 26] = [
        'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ', 'š', 'ţ', 'û', 'ṽ',
        'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ', 'Š', 'Ţ', 'Û', 'Ṽ',
        'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
        _ => c,
    }
}

/// Brackets a formatted message and pads it to at least 140 % of its length (brackets
/// included), so text that barely fits in English overflows here.
pub(super) fn expand(s: &str) -> String {
    let n = s.chars().count();
    if n == 0 {
        return String::new();
    }
    let target = (n * 14).div_ceil(10);
    let pad = target.saturating_sub(n + 2).max(1);
    let mut out = String::with_capacity(s.len() + pad + 4);
    out.push('[');
    out.push_str(s);
    out.push(' ');
    out.extend(std::iter::repeat_n('~', pad.saturating_sub(1).max(1)));
    out.push(']');
    out
}

/// Whether `s` contains a pseudo-localised message (the padding and closing bracket
/// [`expand`] ends each one with): what `--lint-l10n` checks for fit under `pseudo`.
pub(super) fn is_pseudo(s: &str) -> bool {
    s.contains("~]")
}

/// The pseudo-localised form of any text: accented, padded by 40 % and bracketed (what the
/// pseudo-locale shows for a message).
pub fn pseudolocalize(s: &str) -> String {
    expand(&accent(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_is_accented_bracketed_and_forty_percent_longer() {
        let p = pseudolocalize("Continue watching");
        assert!(p.starts_with("[Çöñţîñûé ŵáţçĥîñĝ") && p.ends_with(']'), "{p}");
        assert!(p.chars().count() as f32 >= 1.4 * 17.0, "{p}: {} chars", p.chars().count());
        assert_eq!(pseudolocalize(""), "");
        let short = pseudolocalize("OK");
        assert!(short.chars().count() >= 3 && short.starts_with("[ÖĶ"), "{short}");
        assert_eq!(accent("42 — ✓"), "42 — ✓", "non-letters are kept");
        assert!(is_pseudo(&p) && is_pseudo(&format!("Maya · {short}")) && !is_pseudo("Frontier [HD]"));
    }
}
