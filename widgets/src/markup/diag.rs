//! [`Diagnostic`]: one problem in a markup, theme or data file, with its exact place, an
//! excerpt and a hint, printed like rustc prints errors.
//!
//! Positions are computed here from byte offsets into the source; everything else in the
//! loader passes byte offsets around and never counts lines itself.

use std::fmt;

/// How serious a [`Diagnostic`] is: an error stops the screen from loading; a warning is a
/// likely mistake that still builds (two `initial-focus` elements, an unreachable focusable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// A problem found while loading a screen, a theme or data.
///
/// `line` and `column` are 1-based; the column counts characters (Unicode scalar values), not
/// bytes, so it matches what an editor shows for UTF-8 text without tabs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to the loader (for example `screens/home.kdl`).
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// How many characters the problem spans on its line (at least 1), for the caret.
    pub len: usize,
    pub message: String,
    /// The source line the problem is on, without its line break: a window of at most
    /// [`EXCERPT_CONTEXT`] characters either side of the problem (`…` marks a cut), control
    /// characters escaped (`\u{1b}`) so nothing a file holds reaches the terminal raw.
    pub excerpt: String,
    /// The 1-based character position of the problem within [`Diagnostic::excerpt`] (the caret's
    /// column; equal to `column` when the line was not cut and holds no control characters).
    pub excerpt_column: usize,
    /// What to do about it (`did you mean `column`?`).
    pub hint: Option<String>,
    pub severity: Severity,
}

/// Characters of context kept either side of a problem in an excerpt (and the longest span
/// underlined): a one-line 57 MB file prints a short diagnostic, not the line twice.
pub const EXCERPT_CONTEXT: usize = 60;

/// The longest message or hint kept, in characters (longer ones end in `…`); messages quote
/// names from the file, which may be huge.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// The largest screen or theme file loaded, in bytes. Checked before parsing: a 50 MB file
/// would take the KDL parser tens of seconds before the text limit could cut anything.
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;

/// The largest JSON data file loaded, in bytes.
pub const MAX_DATA_BYTES: usize = 16 * 1024 * 1024;

/// A diagnostic when `src` is over `limit` bytes.
pub(crate) fn check_size(file: &str, src: &str, limit: usize, what: &str) -> Option<Diagnostic> {
    (src.len() > limit).then(|| {
        Diagnostic::at(
            file,
            "",
            0,
            0,
            format!("{what} of {} bytes is larger than the {} MiB limit", src.len(), limit >> 20),
        )
        .with_hint("split it into smaller files")
    })
}

/// `bytes` read from `file` as text. Invalid UTF-8 is a diagnostic at the first bad byte, its
/// line and column counted in the valid text before it and its byte offset named.
pub fn decode_source(file: &str, bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let bad: Vec<String> = bytes[at..].iter().take(4).map(|b| format!("{b:#04x}")).collect();
        vec![Diagnostic::at(file, valid, at, 1, format!("invalid UTF-8 at byte {at} ({})", bad.join(" ")))
            .with_hint("save the file as UTF-8 text")]
    })
}

/// `s` with control characters (tabs aside) escaped, at most `max` characters of it.
fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        push_clean(&mut out, c);
    }
    out
}

fn push_clean(out: &mut String, c: char) {
    if c.is_control() && c != '\t' {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
}

impl Diagnostic {
    /// A diagnostic at byte `offset` (spanning `len` bytes) of `src`. Offsets past the end or
    /// inside a character are clamped, so any offset is safe.
    pub fn at(file: &str, src: &str, offset: usize, len: usize, message: impl Into<String>) -> Self {
        let offset = floor_boundary(src, offset.min(src.len()));
        let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[offset..].find('\n').map_or(src.len(), |i| offset + i);
        let line_end = line_start + src[line_start..line_end].trim_end_matches('\r').len();
        let line = src[..offset].matches('\n').count() + 1;
        let before = &src[line_start..offset.min(line_end)];
        let column = before.chars().count() + 1;
        let end = floor_boundary(src, offset.saturating_add(len).min(line_end).max(offset));
        let span = &src[offset..end];
        let len = span.chars().count().clamp(1, EXCERPT_CONTEXT);
        // The window: up to EXCERPT_CONTEXT characters before, the span (cut), and after.
        let mut excerpt = String::new();
        let skip = before.chars().count().saturating_sub(EXCERPT_CONTEXT);
        if skip > 0 {
            excerpt.push('…');
        }
        before.chars().skip(skip).for_each(|c| push_clean(&mut excerpt, c));
        let excerpt_column = excerpt.chars().count() + 1;
        for (shown, c) in src[offset..line_end].chars().enumerate() {
            if shown >= len + EXCERPT_CONTEXT {
                excerpt.push('…');
                break;
            }
            push_clean(&mut excerpt, c);
        }
        // Escapes widen the problem's characters: the caret spans what is shown for them.
        let len = span.chars().take(len).map(|c| clean(&c.to_string(), 1).chars().count()).sum::<usize>().max(1);
        Diagnostic {
            file: clean(file, MAX_MESSAGE_CHARS),
            line,
            column,
            len,
            message: clean(&message.into(), MAX_MESSAGE_CHARS),
            excerpt,
            excerpt_column,
            hint: None,
            severity: Severity::Error,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(clean(&hint.into(), MAX_MESSAGE_CHARS));
        self
    }

    /// The same diagnostic as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }

    /// The caret line under [`Diagnostic::excerpt`]: the excerpt's leading whitespace kept
    /// (tabs stay tabs so the caret lines up), then `^` under the problem.
    pub fn caret(&self) -> String {
        let pad: String = self
            .excerpt
            .chars()
            .take(self.excerpt_column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        format!("{pad}{}", "^".repeat(self.len.max(1)))
    }

    /// The excerpt split around the problem: (before, the problem, after).
    pub fn excerpt_parts(&self) -> (String, String, String) {
        let chars: Vec<char> = self.excerpt.chars().collect();
        let a = self.excerpt_column.saturating_sub(1).min(chars.len());
        let b = (a + self.len).min(chars.len());
        (chars[..a].iter().collect(), chars[a..b].iter().collect(), chars[b..].iter().collect())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = self.line.to_string();
        let gutter = " ".repeat(num.len());
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        writeln!(f, "{gutter}--> {}", self.location())?;
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{num} | {}", self.excerpt)?;
        write!(f, "{gutter} | {}", self.caret())?;
        if let Some(h) = &self.hint {
            write!(f, "\n{gutter} = hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Joins diagnostics for printing, a blank line between them.
pub fn render_all(diags: &[Diagnostic]) -> String {
    diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Edit distance between two short names (case-insensitive), counting a swap of two
/// neighbouring letters as one edit (optimal string alignment), since `titel` is one slip.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo
/// (at most a third of the name's length, and at least 1 edit allowed); ties go to the first.
/// Also catches `_` vs `-` and a missing or extra prefix by comparing without separators.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.chars().count() > 64 {
        return None; // a garbage name; distances over it cost time and help no one
    }
    let norm = |s: &str| s.replace(['-', '_'], "");
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = if norm(c).eq_ignore_ascii_case(&norm(name)) { 0 } else { distance(name, c) };
        if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

/// `did you mean `x`?` when a near name exists, else the list of valid names.
pub fn suggestion(name: &str, what: &str, candidates: &[&str]) -> String {
    match nearest(name, candidates.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None => format!("valid {what}: {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_char_columns() {
        let src = "a\nbé c\n";
        let d = Diagnostic::at("f.kdl", src, 6, 1, "bad");
        assert_eq!((d.line, d.column, d.len), (2, 4, 1));
        assert_eq!(d.excerpt, "bé c");
        assert_eq!(d.caret(), "   ^");
        // Offsets inside a character or past the end are clamped, never a panic.
        let d = Diagnostic::at("f.kdl", src, 4, 9, "bad");
        assert_eq!((d.line, d.column), (2, 2));
        let d = Diagnostic::at("f.kdl", src, 999, 3, "bad");
        assert_eq!((d.line, d.column, d.len), (3, 1, 1));
    }

    #[test]
    fn display_reads_like_rustc() {
        let src = "column {\n    colum gap=1\n}\n";
        let d = Diagnostic::at("s.kdl", src, 13, 5, "unknown widget `colum`").with_hint("did you mean `column`?");
        assert_eq!(
            d.to_string(),
            "error: unknown widget `colum`\n --> s.kdl:2:5\n  |\n2 |     colum gap=1\n  |     ^^^^^\n  = hint: did you mean `column`?"
        );
        assert_eq!(d.excerpt_parts(), ("    ".to_owned(), "colum".to_owned(), " gap=1".to_owned()));
    }

    #[test]
    fn a_huge_line_gives_a_short_windowed_excerpt() {
        let src = format!("{}oops{}", "1,".repeat(5_000_000), "2,".repeat(5_000_000));
        let d = Diagnostic::at("big.json", &src, 10_000_000, 4, "expected value");
        assert_eq!((d.line, d.column), (1, 10_000_001));
        let shown = d.to_string();
        assert!(shown.len() < 600, "{} bytes", shown.len());
        assert!(d.excerpt.starts_with('…') && d.excerpt.ends_with('…'), "{}", d.excerpt);
        assert_eq!(d.excerpt_parts().1, "oops");
        assert_eq!(d.caret().trim_start(), "^^^^");
        let long = Diagnostic::at("f", "x", 0, 1, "n".repeat(10_000));
        assert!(long.message.chars().count() <= MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn control_characters_are_escaped() {
        let src = "text \"\u{1b}[2Jgone\"\n";
        let d = Diagnostic::at("s\u{7}.kdl", src, 6, 1, "bad \u{1b}[31mred");
        let shown = d.to_string();
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(
            shown.contains("\\u{1b}[2Jgone") && shown.contains("bad \\u{1b}[31mred") && shown.contains("s\\u{7}.kdl"),
            "{shown}"
        );
        assert_eq!(d.excerpt_parts().1, "\\u{1b}", "the caret spans the escape");
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset() {
        let mut bytes = b"column {\n  text \"caf".to_vec();
        bytes.extend([0xc3, 0x28]);
        bytes.extend(b"\"\n}\n");
        let d = decode_source("s.kdl", bytes).err().map(|d| render_all(&d)).unwrap_or_default();
        assert!(d.contains("invalid UTF-8 at byte 20 (0xc3 0x28 0x22 0x0a)"), "{d}");
        assert!(d.contains("s.kdl:2:12"), "{d}");
        assert_eq!(decode_source("ok", b"fine".to_vec()), Ok("fine".to_owned()));
    }

    #[test]
    fn nearest_names() {
        let names = ["column", "row", "container", "font-size", "background"];
        assert_eq!(nearest("colum", names), Some("column"));
        assert_eq!(nearest("font_size", names), Some("font-size"));
        assert_eq!(nearest("fontsize", names), Some("font-size"));
        assert_eq!(nearest("backgroud", names), Some("background"));
        assert_eq!(nearest("zzzzzz", names), None);
        assert_eq!(nearest("rw", names), Some("row"));
        assert_eq!(nearest("titel", ["items", "title"]), Some("title"));
    }
}
