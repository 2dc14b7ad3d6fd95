//! Text for a terminal: the escaping every printed name and text goes through, and the shape
//! the lints' reports share (a head line, `: ok` or the count, then one finding per line).

use std::fmt;

/// `text` fit for a terminal: control characters escaped (`\u{1b}`: a file or a host names
/// images, topics and texts, and must not drive the terminal), at most `max` characters (then
/// `…`).
pub fn terminal_safe(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes a lint report: `head: ok` when `findings` is empty, else `head: N problem(s)` and each
/// finding indented on its own line.
pub(crate) fn write_findings<T: fmt::Display>(f: &mut fmt::Formatter<'_>, head: &str, findings: &[T]) -> fmt::Result {
    if findings.is_empty() {
        return writeln!(f, "{head}: ok");
    }
    writeln!(f, "{head}: {} problem(s)", findings.len())?;
    for finding in findings {
        writeln!(f, "  {finding}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_long_text_cut() {
        assert_eq!(terminal_safe("image `\u{1b}[2J`\n", 100), "image `\\u{1b}[2J`\\u{a}");
        assert_eq!(terminal_safe(&"x".repeat(50), 10), format!("{}…", "x".repeat(10)));
    }
}
