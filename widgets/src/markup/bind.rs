//! Data binding: JSON data, scopes of `for-each` variables, and `{path}` references.
//!
//! - `{title}` in any string value is replaced by that field of the data; `{rail.title}` reads
//!   a field of the `for-each` variable `rail`; `{item.genres.0}` indexes a list; a list of
//!   plain values joins with `", "`. `{{` and `}}` are literal braces.
//! - `{item.progress?}`: optional; a missing field gives empty text (items that have a field
//!   and items that do not share one template).
//! - `for-each "rails" as=rail index=i { ... }` repeats its children once per element of the
//!   list at that path, with `rail` bound to the element and `i` to its position (0-based).
//!   Without `as`/`index` the names are `item` and `index`.
//!
//! Paths look up the innermost `for-each` variable first, then the data's top-level fields.

use serde_json::Value;

use super::diag::{nearest, Diagnostic};

/// The end of the message for a reference when no data file was given.
pub const NO_DATA: &str = "but no data was given";

/// A value a path can resolve to (owned: scopes outlive the data they were built from when a
/// rail builds its items later, as they scroll into view).
#[derive(Clone, Debug, PartialEq)]
pub enum Bound {
    Json(Value),
    Index(usize),
}

/// The variables in scope, innermost last.
#[derive(Clone, Debug, Default)]
pub struct Scope<'a> {
    pub data: Option<&'a Value>,
    vars: Vec<(String, Bound)>,
    /// State fields (`{state.field}`) that are live in this screen: references to them are
    /// kept in the text, to be filled in by a binding as the state changes.
    state: Option<Vec<String>>,
}

/// The root name of screen-state references (`{state.field}`).
pub const STATE: &str = "state";

/// Why a reference failed: where in the path (byte offset, length), what, and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindError {
    pub at: usize,
    pub len: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl BindError {
    fn new(at: usize, len: usize, message: String, hint: Option<String>) -> Self {
        Self { at, len, message, hint }
    }
}

/// Parses a JSON data file; a syntax error becomes a diagnostic at its line and column.
pub fn parse_data(file: &str, src: &str) -> Result<Value, Vec<Diagnostic>> {
    if let Some(d) = super::diag::check_size(file, src, super::diag::MAX_DATA_BYTES, "the data file") {
        return Err(vec![d]);
    }
    serde_json::from_str(src).map_err(|e| {
        // serde_json gives a 1-based line and column (in bytes); turn them into an offset.
        let line_start: usize = src.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        let offset = line_start + e.column().saturating_sub(1);
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        vec![Diagnostic::at(file, src, offset, 1, message).with_hint("the data file must be valid JSON")]
    })
}

impl<'a> Scope<'a> {
    pub fn new(data: Option<&'a Value>) -> Self {
        Self { data, vars: Vec::new(), state: None }
    }

    /// Allows `{state.field}` references to the given fields.
    pub fn with_state(mut self, fields: Vec<String>) -> Self {
        self.state = Some(fields);
        self
    }

    /// The variables in scope, to rebuild this scope later (a rail's items).
    pub fn vars(&self) -> &[(String, Bound)] {
        &self.vars
    }

    pub fn push(&mut self, name: &str, value: Bound) {
        self.vars.push((name.to_owned(), value));
    }

    pub fn pop(&mut self) {
        self.vars.pop();
    }

    /// Names a path can start with, for suggestions.
    fn roots(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.vars.iter().rev().map(|(n, _)| n.as_str()).collect();
        if let Some(Value::Object(m)) = self.data {
            names.extend(m.keys().map(String::as_str));
        }
        names
    }

    /// Resolves a dotted path such as `rail.items.0.title`. A path ending in `?`
    /// (`item.progress?`) is optional: a field missing below its first name is nothing (empty
    /// text) instead of an error; the first name must still exist, so a typo there is found.
    pub fn resolve(&self, path: &str) -> Result<Bound, BindError> {
        let (path, optional) = match path.strip_suffix('?') {
            Some(p) => (p.trim_end(), true),
            None => (path, false),
        };
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, c) in path.char_indices() {
            if c == '.' {
                parts.push((start, &path[start..i]));
                start = i + 1;
            }
        }
        parts.push((start, &path[start..]));
        let (first_at, first) = parts[0];
        if first.is_empty() {
            return Err(BindError::new(0, path.len().max(1), "empty data reference".to_owned(), None));
        }
        let mut cur: &Value = match self.vars.iter().rev().find(|(n, _)| n == first) {
            Some((_, Bound::Json(v))) => v,
            Some((_, Bound::Index(i))) => {
                if parts.len() > 1 {
                    return Err(BindError::new(
                        parts[1].0,
                        parts[1].1.len(),
                        format!("`{first}` is a position; it has no field `{}`", parts[1].1),
                        None,
                    ));
                }
                return Ok(Bound::Index(*i));
            }
            None => match self.data {
                Some(Value::Object(m)) => match m.get(first) {
                    Some(v) => v,
                    None => {
                        let roots = self.roots();
                        let hint = match nearest(first, roots.iter().copied()) {
                            Some(n) => Some(format!("did you mean `{n}`?")),
                            None if roots.is_empty() => None,
                            None => Some(format!("names here: {}", roots.join(", "))),
                        };
                        return Err(BindError::new(first_at, first.len(), format!("no data named `{first}`"), hint));
                    }
                },
                Some(_) => {
                    return Err(BindError::new(
                        first_at,
                        first.len(),
                        format!("no data named `{first}`: the data file's top level is not an object"),
                        None,
                    ))
                }
                None => {
                    return Err(BindError::new(
                        first_at,
                        first.len(),
                        format!("`{first}` refers to data, {NO_DATA}"),
                        Some("pass a JSON file (tenfoot-preview screen.kdl --data catalog.json)".to_owned()),
                    ))
                }
            },
        };
        let mut walked = first.to_owned();
        for (at, part) in &parts[1..] {
            let next = match cur {
                Value::Object(m) if optional && !m.contains_key(*part) => return Ok(Bound::Json(Value::Null)),
                Value::Object(m) => m.get(*part).ok_or_else(|| {
                    let hint = match nearest(part, m.keys().map(String::as_str)) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("fields of `{walked}`: {}", m.keys().cloned().collect::<Vec<_>>().join(", ")),
                    };
                    BindError::new(*at, part.len(), format!("`{walked}` has no field `{part}`"), Some(hint))
                })?,
                Value::Array(items) => {
                    let i = part.parse::<usize>().map_err(|_| {
                        BindError::new(
                            *at,
                            part.len(),
                            format!("`{walked}` is a list; `{part}` is not a position in it"),
                            Some("use a number (`.0` is the first) or repeat it with for-each".to_owned()),
                        )
                    })?;
                    items.get(i).ok_or_else(|| {
                        BindError::new(
                            *at,
                            part.len(),
                            format!("`{walked}` has {} elements; there is no element {i}", items.len()),
                            None,
                        )
                    })?
                }
                _ => {
                    return Err(BindError::new(
                        *at,
                        part.len(),
                        format!("`{walked}` is a plain value; it has no field `{part}`"),
                        None,
                    ))
                }
            };
            walked.push('.');
            walked.push_str(part);
            cur = next;
        }
        Ok(Bound::Json(cur.clone()))
    }

    /// Replaces each `{path}` in `s`. Errors point into `s` (byte offsets).
    #[cfg(test)]
    pub fn interpolate(&self, s: &str) -> Result<String, BindError> {
        self.interpolate_live(s).map(|(text, _)| text)
    }

    /// [`Scope::interpolate`], keeping `{state.field}` references (and escaping braces that
    /// came from data) when the scope allows state; the flag says whether any was kept.
    pub fn interpolate_live(&self, s: &str) -> Result<(String, bool), BindError> {
        if !s.contains(['{', '}']) {
            return Ok((s.to_owned(), false));
        }
        let mut live = false;
        let mut out = String::with_capacity(s.len());
        let mut rest = s.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|p| p.1) == Some('{') => {
                    rest.next();
                    out.push_str(if self.state.is_some() { "{{" } else { "{" });
                }
                '}' if rest.peek().map(|p| p.1) == Some('}') => {
                    rest.next();
                    out.push_str(if self.state.is_some() { "}}" } else { "}" });
                }
                '{' => {
                    let Some(close) = s[i + 1..].find('}') else {
                        return Err(BindError::new(
                            i,
                            s.len() - i,
                            "`{` without a closing `}`".to_owned(),
                            Some("write `{{` for a literal brace".to_owned()),
                        ));
                    };
                    let path = &s[i + 1..i + 1 + close];
                    let trimmed = path.trim();
                    let lead = path.len() - path.trim_start().len();
                    if let Some(field) = trimmed.strip_prefix("state.").or((trimmed == STATE).then_some("")) {
                        let at = i + 1 + lead;
                        match &self.state {
                            Some(fields) if fields.iter().any(|f| f == field) => {
                                live = true;
                                out.push('{');
                                out.push_str(trimmed);
                                out.push('}');
                            }
                            Some(fields) => {
                                let hint = match nearest(field, fields.iter().map(String::as_str)) {
                                    Some(n) => format!("did you mean `state.{n}`?"),
                                    None => format!("declare it at the top of the screen: state {{ {field} \"\" }}"),
                                };
                                return Err(BindError::new(
                                    at,
                                    trimmed.len(),
                                    format!("the screen state has no field `{field}`"),
                                    Some(hint),
                                ));
                            }
                            None => {
                                return Err(BindError::new(
                                    at,
                                    trimmed.len(),
                                    "screen state is only available in a running app".to_owned(),
                                    Some(
                                        "open the screen with tenfoot-preview, or load it with markup::start"
                                            .to_owned(),
                                    ),
                                ))
                            }
                        }
                    } else {
                        let bound = self.resolve(trimmed).map_err(|e| BindError { at: e.at + i + 1 + lead, ..e })?;
                        let start = out.len();
                        render(bound, &mut out).map_err(|m| BindError::new(i, close + 2, m, None))?;
                        if self.state.is_some() {
                            // Braces from data must not read as references when the text is
                            // filled in again later.
                            let piece = out.split_off(start);
                            out.push_str(&piece.replace('{', "{{").replace('}', "}}"));
                        }
                    }
                    while rest.peek().is_some_and(|(j, _)| *j <= i + 1 + close) {
                        rest.next();
                    }
                }
                '}' => {
                    return Err(BindError::new(
                        i,
                        1,
                        "`}` without an opening `{`".to_owned(),
                        Some("write `}}` for a literal brace".to_owned()),
                    ))
                }
                c => out.push(c),
            }
        }
        if !live && self.state.is_some() {
            // Nothing left to fill in later: undo the escaping.
            out = out.replace("{{", "{").replace("}}", "}");
        }
        Ok((out, live))
    }
}

/// Fills the `{state.field}` references kept by [`Scope::interpolate_live`] with `field`'s
/// current text, and turns `{{`/`}}` back into braces.
pub fn fill_state(template: &str, field: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(close)) = (tail.starts_with('{'), tail.find('}')) {
            let path = &tail[1..close];
            out.push_str(&field(path.strip_prefix("state.").unwrap_or("")));
            rest = &tail[close + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn scalar(v: &Value, out: &mut String) -> bool {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => {}
        _ => return false,
    }
    true
}

/// Writes a bound value as text: scalars as themselves, a list of scalars joined by ", ".
fn render(b: Bound, out: &mut String) -> Result<(), String> {
    match b {
        Bound::Index(i) => out.push_str(&i.to_string()),
        Bound::Json(Value::Array(items)) => {
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                if !scalar(item, out) {
                    return Err("this list holds objects or lists; pick a field or use for-each".to_owned());
                }
            }
        }
        Bound::Json(Value::Object(m)) => {
            let fields: Vec<&str> = m.keys().map(String::as_str).collect();
            return Err(format!("this is an object; pick a field: {}", fields.join(", ")));
        }
        Bound::Json(v) => {
            scalar(&v, out);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Value {
        serde_json::json!({
            "title": "Home",
            "rails": [{ "title": "New", "items": [{ "title": "A", "year": 2019, "genres": ["Drama", "Crime"] }] }]
        })
    }

    #[test]
    fn interpolates_fields_scopes_lists_and_braces() {
        let d = data();
        let mut s = Scope::new(Some(&d));
        assert_eq!(s.interpolate("{title} {{x}}"), Ok("Home {x}".to_owned()));
        let Ok(Bound::Json(Value::Array(rails))) = s.resolve("rails") else { unreachable!("rails is a list") };
        s.push("rail", Bound::Json(rails[0].clone()));
        s.push("i", Bound::Index(3));
        assert_eq!(s.interpolate("{rail.title}/{i}"), Ok("New/3".to_owned()));
        assert_eq!(s.interpolate("{rail.items.0.year}: {rail.items.0.genres}"), Ok("2019: Drama, Crime".to_owned()));
    }

    #[test]
    fn errors_point_at_the_bad_segment_and_suggest() {
        let d = data();
        let s = Scope::new(Some(&d));
        let e = s.interpolate("x {rails.0.titel}").unwrap_err();
        assert_eq!((e.at, e.len), (11, 5));
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
        let e = s.interpolate("{tilte}").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
        assert!(s.interpolate("{rails}").is_err());
        assert!(s.interpolate("{ oops").is_err());
        assert!(Scope::new(None).interpolate("{title}").unwrap_err().hint.unwrap_or_default().contains("--data"));
    }

    #[test]
    fn an_optional_reference_is_empty_where_the_field_is_missing() {
        let d = data();
        let s = Scope::new(Some(&d));
        assert_eq!(s.interpolate("[{rails.0.progress?}]"), Ok("[]".to_owned()));
        assert_eq!(s.interpolate("{rails.0.title ?}"), Ok("New".to_owned()));
        // The first name must exist: a typo there is still an error.
        assert!(s.interpolate("{rials.0.progress?}").is_err());
    }

    #[test]
    fn bad_json_reports_line_and_column() {
        let e = parse_data("d.json", "{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 7));
    }
}
