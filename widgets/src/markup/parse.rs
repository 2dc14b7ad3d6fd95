//! KDL text to [`Node`]s: names, arguments and properties with the byte offsets of each, so
//! every later error can point at the exact token. KDL parse errors become [`Diagnostic`]s with
//! tenfoot-specific hints (colours must be quoted, lengths with units too).
//!
//! This module knows nothing about widgets or themes; it only turns text into spanned nodes.

use kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};

use super::diag::Diagnostic;

/// A parsed value, before it is given a type by a property.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Str(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    Null,
}

impl Raw {
    /// What the value is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Raw::Str(_) => "a string",
            Raw::Int(_) => "a whole number",
            Raw::Float(_) => "a number",
            Raw::Bool(_) => "a boolean",
            Raw::Null => "#null",
        }
    }
}

/// A value and where it is: `offset` is the byte offset of its first character in the source
/// (the opening quote for a quoted string), `len` its length in bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Val {
    pub raw: Raw,
    pub offset: usize,
    pub len: usize,
    /// The value exactly as written (with quotes and escapes), to locate parts of a string.
    pub source: String,
}

impl Val {
    /// The byte offset of character index `byte_in_value` of the decoded string, when it can
    /// be mapped back to the source (no escapes before it); else the value's start.
    pub fn offset_of(&self, byte_in_value: usize) -> usize {
        let Raw::Str(s) = &self.raw else { return self.offset };
        let Some(prefix) = s.get(..byte_in_value) else { return self.offset };
        let skip = usize::from(self.source.starts_with('"'));
        if self.source.get(skip..).is_some_and(|rest| rest.starts_with(prefix)) {
            return self.offset + skip + byte_in_value;
        }
        self.offset
    }
}

/// A property: `name=value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Prop {
    pub name: String,
    pub name_offset: usize,
    pub value: Val,
}

/// One KDL node: a widget, a `for-each`, or a theme token.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub name: String,
    pub offset: usize,
    pub args: Vec<Val>,
    pub props: Vec<Prop>,
    pub children: Vec<Node>,
    /// Byte offset of the `{` opening the children block, when there is one.
    pub children_offset: Option<usize>,
}

/// Parses `src` into top-level nodes, or the first KDL error as a diagnostic.
pub fn parse(file: &str, src: &str) -> Result<Vec<Node>, Vec<Diagnostic>> {
    if let Some(d) = super::diag::check_size(file, src, super::diag::MAX_SOURCE_BYTES, "the file") {
        return Err(vec![d]);
    }
    if let Some(d) = check_nesting(file, src) {
        return Err(vec![d]);
    }
    match KdlDocument::parse_v2(src) {
        Ok(doc) => Ok(doc.nodes().iter().map(|n| node(src, n)).collect()),
        Err(e) => {
            // The KDL parser reports one cause and then its consequences; the first is the
            // one a person needs.
            let d = e.diagnostics.first().map(|d| {
                let (offset, len) = (d.span.offset(), d.span.len());
                let message = d.message.clone().unwrap_or_else(|| "cannot parse this KDL".to_owned());
                kdl_diagnostic(file, src, offset, len, &message, d.help.as_deref())
            });
            Err(vec![d.unwrap_or_else(|| Diagnostic::at(file, src, 0, 1, "cannot parse this KDL"))])
        }
    }
}

/// The deepest `{` nesting accepted. Real screens are a dozen deep; the limit keeps a
/// malicious file from exhausting the stack of the recursive parser and builder.
pub const MAX_DEPTH: usize = 64;

/// Refuses absurdly deep nesting before the recursive KDL parser sees it. Counts braces
/// outside strings and comments (approximately: raw strings count as strings).
fn check_nesting(file: &str, src: &str) -> Option<Diagnostic> {
    let b = src.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(
                        Diagnostic::at(file, src, i, 1, format!("nesting deeper than {MAX_DEPTH} levels"))
                            .with_hint("split the screen into smaller parts"),
                    );
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn kdl_diagnostic(file: &str, src: &str, offset: usize, len: usize, message: &str, help: Option<&str>) -> Diagnostic {
    let offset = offset.min(src.len());
    let end = offset.saturating_add(len).min(src.len());
    // The parser's span often runs from the start of the node to where it gave up: the token
    // it could not read starts at the last word of the span and runs on past its end.
    let spanned = src.get(offset..end).unwrap_or("").trim_end();
    let at = match spanned.rfind(char::is_whitespace) {
        Some(i) => offset + i + 1,
        None => offset,
    };
    let word: &str = src.get(at..).map_or("", |rest| {
        let stop = rest.find(|c: char| c.is_whitespace() || matches!(c, ';' | '{' | '}')).unwrap_or(rest.len());
        &rest[..stop]
    });
    let value_at = word.rfind('=').map_or(0, |i| i + 1);
    let value = &word[value_at..];
    // `#ff0000` unquoted: KDL reads `#` as the start of a keyword (#true, #null).
    let hex = value.strip_prefix('#').is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()));
    if hex {
        return Diagnostic::at(file, src, at + value_at, value.len(), format!("`{value}` is not a KDL value"))
            .with_hint(format!("write colours as strings: \"{value}\""));
    }
    // `240px`, `50%`: a number followed by a unit.
    let number = value.trim_end_matches("px").trim_end_matches('%');
    let unit = number.len() < value.len() && number.parse::<f64>().is_ok();
    if unit {
        return Diagnostic::at(file, src, at + value_at, value.len(), format!("`{value}` is not a KDL number"))
            .with_hint(format!("write lengths with a unit as strings: \"{value}\", or plain numbers for px"));
    }
    let mut d = Diagnostic::at(file, src, at, word.len().max(1), message.trim_end_matches('.'));
    d.hint = help
        .map(str::to_owned)
        .or_else(|| message.contains("closing '}'").then(|| "every `{` needs a matching `}`".to_owned()));
    d
}

fn raw(v: &KdlValue) -> Raw {
    match v {
        KdlValue::String(s) => Raw::Str(s.clone()),
        KdlValue::Integer(i) => Raw::Int(*i),
        KdlValue::Float(f) => Raw::Float(*f),
        KdlValue::Bool(b) => Raw::Bool(*b),
        KdlValue::Null => Raw::Null,
    }
}

/// The value part of an entry: after `name=` for a property, the whole entry for an argument.
fn val(src: &str, e: &KdlEntry) -> Val {
    let span = e.span();
    let (start, end) = (span.offset(), span.offset().saturating_add(span.len()).min(src.len()));
    let text = src.get(start..end).unwrap_or("");
    let skip = match e.name() {
        Some(_) => text.find('=').map_or(0, |i| {
            let after = &text[i + 1..];
            i + 1 + (after.len() - after.trim_start().len())
        }),
        None => 0,
    };
    let source = text.get(skip..).unwrap_or("").to_owned();
    Val { raw: raw(e.value()), offset: start + skip, len: source.len(), source }
}

fn node(src: &str, n: &KdlNode) -> Node {
    let mut args = Vec::new();
    let mut props = Vec::new();
    for e in n.entries() {
        match e.name() {
            Some(name) => props.push(Prop {
                name: name.value().to_owned(),
                name_offset: name.span().offset(),
                value: val(src, e),
            }),
            None => args.push(val(src, e)),
        }
    }
    let children_offset = n.children().map(|c| {
        let s = c.span().offset();
        // The children document's span may start after the brace; look back for it.
        src.get(..s.min(src.len())).and_then(|before| before.rfind('{')).unwrap_or(s)
    });
    Node {
        name: n.name().value().to_owned(),
        offset: n.name().span().offset(),
        args,
        props,
        children: n.children().map(|c| c.nodes().iter().map(|k| node(src, k)).collect()).unwrap_or_default(),
        children_offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_keep_offsets_of_names_and_values() {
        let src = "column gap=12 {\n  text \"Hi {x}\" color=$accent\n}\n";
        let nodes = parse("s.kdl", src).unwrap();
        assert_eq!(nodes.len(), 1);
        let col = &nodes[0];
        assert_eq!((col.name.as_str(), col.offset), ("column", 0));
        assert_eq!(col.props[0].value.raw, Raw::Int(12));
        assert_eq!(&src[col.props[0].value.offset..][..2], "12");
        let text = &col.children[0];
        assert_eq!(text.args[0].raw, Raw::Str("Hi {x}".into()));
        assert_eq!(&src[text.args[0].offset_of(3)..][..3], "{x}");
        assert_eq!(&src[text.props[0].value.offset..][..7], "$accent");
        assert_eq!(col.children_offset, Some(14));
    }

    #[test]
    fn unquoted_colour_gets_a_hint_at_the_hash() {
        let src = "column {\n  text \"a\" color=#ff0000\n}\n";
        let d = &parse("s.kdl", src).unwrap_err()[0];
        assert_eq!((d.line, d.column, d.len), (2, 18, 7));
        assert_eq!(d.hint.as_deref(), Some("write colours as strings: \"#ff0000\""));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let src = "a {".repeat(200);
        let d = &parse("s.kdl", &src).unwrap_err()[0];
        assert!(d.message.contains("nesting deeper than 64"), "{d}");
    }
}
