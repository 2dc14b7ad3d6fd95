//! Numbers, durations, dates and ratings in the viewer's format.
//!
//! Small per-language tables (the languages the sample ships, plus sensible defaults for
//! others) rather than all of CLDR: a TV app shows a handful of formats, and the tables keep a
//! wasm bundle small. Unknown languages get the English forms.

use std::time::Duration;

use super::Locale;

/// Decimal and grouping separators and digits of a language.
struct Numbers {
    decimal: char,
    group: &'static str,
    /// Arabic-Indic digits (`٠١٢...`) instead of ASCII.
    arabic_digits: bool,
}

fn numbers(locale: &Locale) -> Numbers {
    match locale.language() {
        "de" | "es" | "it" | "nl" | "pt" | "da" | "id" | "tr" => {
            Numbers { decimal: ',', group: ".", arabic_digits: false }
        }
        // French groups with a narrow no-break space.
        "fr" => Numbers { decimal: ',', group: "\u{202f}", arabic_digits: false },
        "sv" | "fi" | "nb" | "pl" | "cs" | "ru" | "uk" => {
            Numbers { decimal: ',', group: "\u{a0}", arabic_digits: false }
        }
        "ar" => Numbers { decimal: '٫', group: "٬", arabic_digits: true },
        _ => Numbers { decimal: '.', group: ",", arabic_digits: false },
    }
}

fn localize_digits(s: &str, n: &Numbers) -> String {
    if !n.arabic_digits {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// `value` with `decimals` places, grouped by thousands: `1,234.5` (en), `1.234,5` (de),
/// `1 234,5` (fr), `١٬٢٣٤٫٥` (ar). Non-finite values print as `–`.
pub fn number(locale: &Locale, value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let n = numbers(locale);
    let decimals = decimals.min(9);
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut grouped = String::new();
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            grouped.push_str(n.group);
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(n.decimal);
        out.push_str(frac);
    }
    localize_digits(&out, &n)
}

/// A whole number, grouped (`12,500` / `12.500`).
pub fn integer(locale: &Locale, value: i64) -> String {
    number(locale, value as f64, 0)
}

/// A running time in hours and minutes, rounded to the minute: `1 h 33 min` (en, fr),
/// `1 Std. 33 Min.` (de), `1時間33分` (ja), `١ س ٣٣ د` (ar), `1 שע׳ 33 דק׳` (he).
/// Under a minute is `0 min`; whole hours drop the minutes (`2 h`).
pub fn duration(locale: &Locale, d: Duration) -> String {
    let minutes = (d.as_secs() + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let (hu, mu, sep, space) = match locale.language() {
        "de" => ("Std.", "Min.", " ", " "),
        "ja" | "zh" => ("時間", "分", "", ""),
        "ar" => ("س", "د", " ", " "),
        "he" => ("שע׳", "דק׳", " ", " "),
        _ => ("h", "min", " ", " "),
    };
    let num = |v: u64| integer(locale, v as i64);
    let hours = format!("{}{space}{hu}", num(h));
    let mins = format!("{}{space}{mu}", num(m));
    match (h, m) {
        (0, _) => mins,
        (_, 0) => hours,
        _ => format!("{hours}{sep}{mins}"),
    }
}

/// A calendar date (no time zone: what the catalog says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=31
    pub day: u8,
}

impl Date {
    /// Parses `2026-12-02`. Errors name the text.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date (expected YYYY-MM-DD)");
        let mut parts = s.trim().splitn(3, '-');
        let year: i32 = parts.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let month: u8 = parts.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let day: u8 = parts.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DE_MONTHS: [&str; 12] =
    ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."];
const FR_MONTHS: [&str; 12] =
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const AR_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const HE_MONTHS: [&str; 12] =
    ["בינו׳", "בפבר׳", "במרץ", "באפר׳", "במאי", "ביוני", "ביולי", "באוג׳", "בספט׳", "באוק׳", "בנוב׳", "בדצמ׳"];

/// A date in the locale's medium form: `Dec 2, 2026` (en), `2. Dez. 2026` (de),
/// `2 déc. 2026` (fr), `٢ ديسمبر ٢٠٢٦` (ar), `2 בדצמ׳ 2026` (he), `2026年12月2日` (ja).
pub fn date(locale: &Locale, d: Date) -> String {
    let m = usize::from(d.month.clamp(1, 12) - 1);
    let n = numbers(locale);
    let s = match locale.language() {
        "de" => format!("{}. {} {}", d.day, DE_MONTHS[m], d.year),
        "fr" => format!("{} {} {}", d.day, FR_MONTHS[m], d.year),
        "ar" => format!("{} {} {}", d.day, AR_MONTHS[m], d.year),
        "he" => format!("{} {} {}", d.day, HE_MONTHS[m], d.year),
        "ja" | "zh" => format!("{}年{}月{}日", d.year, d.month, d.day),
        _ => format!("{} {}, {}", EN_MONTHS[m], d.day, d.year),
    };
    localize_digits(&s, &n)
}

/// A rating out of `max` with one decimal: `4.5/5` (en), `4,5/5` (de, fr), `٤٫٥/٥` (ar).
/// Out-of-range values are clamped to 0..=max.
pub fn rating(locale: &Locale, value: f32, max: u8) -> String {
    let v = if value.is_finite() { value.clamp(0.0, f32::from(max)) } else { 0.0 };
    format!("{}/{}", number(locale, f64::from(v), 1), integer(locale, i64::from(max)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(tag: &str) -> Locale {
        Locale::parse(tag).unwrap()
    }

    #[test]
    fn numbers_group_and_mark_decimals_per_locale() {
        assert_eq!(number(&loc("en"), 1234.5, 1), "1,234.5");
        assert_eq!(number(&loc("de-AT"), 1234.5, 1), "1.234,5");
        assert_eq!(number(&loc("fr"), 1234567.0, 0), "1\u{202f}234\u{202f}567");
        assert_eq!(number(&loc("ar"), 1234.5, 1), "١٬٢٣٤٫٥");
        assert_eq!(number(&loc("ja"), -1234.0, 0), "-1,234");
        assert_eq!(number(&loc("en"), -0.01, 1), "0.0", "no negative zero");
        assert_eq!(number(&loc("en"), f64::NAN, 1), "–");
        assert_eq!(integer(&loc("en"), 999), "999");
    }

    #[test]
    fn durations_in_hours_and_minutes() {
        let d = Duration::from_secs(93 * 60);
        assert_eq!(duration(&loc("en"), d), "1 h 33 min");
        assert_eq!(duration(&loc("fr"), d), "1 h 33 min");
        assert_eq!(duration(&loc("de"), d), "1 Std. 33 Min.");
        assert_eq!(duration(&loc("ja"), d), "1時間33分");
        assert_eq!(duration(&loc("ar"), d), "١ س ٣٣ د");
        assert_eq!(duration(&loc("en"), Duration::from_secs(45 * 60 + 40)), "46 min");
        assert_eq!(duration(&loc("en"), Duration::from_secs(7200)), "2 h");
        assert_eq!(duration(&loc("en"), Duration::ZERO), "0 min");
    }

    #[test]
    fn dates_in_each_locale() {
        let d = Date::parse("2026-12-02").unwrap();
        assert_eq!(date(&loc("en-US"), d), "Dec 2, 2026");
        assert_eq!(date(&loc("de"), d), "2. Dez. 2026");
        assert_eq!(date(&loc("fr"), d), "2 déc. 2026");
        assert_eq!(date(&loc("ja"), d), "2026年12月2日");
        assert_eq!(date(&loc("ar"), d), "٢ ديسمبر ٢٠٢٦");
        assert!(Date::parse("2026-13-01").unwrap_err().contains("not a date"));
        assert!(Date::parse("soon").is_err());
    }

    #[test]
    fn ratings() {
        assert_eq!(rating(&loc("en"), 4.5, 5), "4.5/5");
        assert_eq!(rating(&loc("de"), 4.5, 5), "4,5/5");
        assert_eq!(rating(&loc("ar"), 4.5, 5), "٤٫٥/٥");
        assert_eq!(rating(&loc("en"), 9.0, 5), "5.0/5", "clamped");
        assert_eq!(rating(&loc("en"), f32::NAN, 5), "0.0/5");
    }
}
