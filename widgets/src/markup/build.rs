//! Nodes to [`El`]s: looks each node up in the registry, binds data, parses and applies
//! properties, repeats `for-each` bodies, and collects every problem as a [`Diagnostic`]
//! (building goes on after an error so one save shows all of them).

use serde_json::Value;
use tenfoot_toolkit::El;

use super::bind::{BindError, Bound, Scope, NO_DATA};
use super::diag::{suggestion, Diagnostic};
use super::parse::{Node, Raw, Val};
use super::registry::{self, WidgetSpec, FOR_EACH};
use super::values::ValueError;
use crate::theme::Theme;

/// The most elements one screen may build (a `for-each` over a huge list, or nested ones,
/// stop here with an error instead of exhausting memory).
pub const MAX_ELEMENTS: usize = 20_000;

/// The most diagnostics one load reports; past that a file is more noise than screen.
pub const MAX_DIAGNOSTICS: usize = 100;

pub(crate) struct Builder<'s> {
    file: &'s str,
    src: &'s str,
    theme: &'s Theme,
    diags: Vec<Diagnostic>,
    built: usize,
    over_budget: bool,
}

impl<'s> Builder<'s> {
    pub fn new(file: &'s str, src: &'s str, theme: &'s Theme) -> Self {
        Self { file, src, theme, diags: Vec::new(), built: 0, over_budget: false }
    }

    fn error(&mut self, offset: usize, len: usize, message: impl Into<String>, hint: Option<String>) {
        let mut d = Diagnostic::at(self.file, self.src, offset, len, message);
        d.hint = hint;
        self.push(d);
    }

    /// Records `d` unless it repeats one already recorded (an error in a `for-each` body would
    /// otherwise show once per item); "no data" is said once for the whole screen.
    fn push(&mut self, d: Diagnostic) {
        let no_data = |m: &str| m.ends_with(NO_DATA);
        if self.diags.len() >= MAX_DIAGNOSTICS
            || self.diags.contains(&d)
            || (no_data(&d.message) && self.diags.iter().any(|e| no_data(&e.message)))
        {
            return;
        }
        self.diags.push(d);
    }

    fn value_error(&mut self, v: &Val, e: ValueError) {
        let d = e.into_diagnostic(self.file, self.src, v);
        self.push(d);
    }

    fn bind_error(&mut self, v: &Val, e: BindError) {
        let ve = ValueError { at: e.at, len: e.len, message: e.message, hint: e.hint };
        self.value_error(v, ve);
    }

    /// The screen: exactly one top-level widget.
    pub fn screen(mut self, nodes: &[Node], data: Option<&Value>) -> Result<El, Vec<Diagnostic>> {
        let mut scope = Scope::new(data);
        let root = match nodes {
            [] => {
                self.error(
                    0,
                    1,
                    "the screen is empty",
                    Some("start with a widget, such as `column { text \"Hello\" }`".into()),
                );
                None
            }
            [n] if n.name == FOR_EACH => {
                self.error(
                    n.offset,
                    n.name.len(),
                    "a screen cannot start with `for-each`",
                    Some("put it inside a `column` or `row`".into()),
                );
                None
            }
            [n] => {
                let mut out = Vec::new();
                self.node(n, &mut scope, &mut out);
                out.pop()
            }
            [_, second, ..] => {
                self.error(
                    second.offset,
                    second.name.len(),
                    "a screen has one root element",
                    Some("wrap the top-level elements in a `column` (or `row`)".into()),
                );
                None
            }
        };
        match root {
            Some(el) if self.diags.is_empty() => Ok(el),
            _ => Err(self.diags),
        }
    }

    fn node<'d>(&mut self, n: &Node, scope: &mut Scope<'d>, out: &mut Vec<El>) {
        if self.over_budget {
            return;
        }
        if n.name == FOR_EACH {
            return self.for_each(n, scope, out);
        }
        let Some(spec) = registry::widget(&n.name) else {
            let hint = suggestion(&n.name, "widgets", &registry::node_names());
            return self.error(n.offset, n.name.len(), format!("unknown widget `{}`", n.name), Some(hint));
        };
        self.built += 1;
        if self.built > MAX_ELEMENTS {
            self.over_budget = true;
            return self.error(
                n.offset,
                n.name.len(),
                format!("the screen builds more than {MAX_ELEMENTS} elements"),
                Some("a for-each over a very long list, or for-each inside for-each, repeats too much".into()),
            );
        }
        if let Some(el) = self.widget(n, spec, scope) {
            out.push(el);
        }
    }

    /// Interpolates `{path}` references in a string value.
    fn bind(&mut self, v: &Val, scope: &Scope<'_>) -> Option<Val> {
        match &v.raw {
            Raw::Str(s) if s.contains(['{', '}']) => match scope.interpolate(s) {
                // The new string no longer matches the source text: later errors mark the
                // whole value (source is empty, so offsets inside cannot be mapped).
                Ok(new) => Some(Val { raw: Raw::Str(new), offset: v.offset, len: v.len, source: String::new() }),
                Err(e) => {
                    self.bind_error(v, e);
                    None
                }
            },
            _ => Some(v.clone()),
        }
    }

    fn widget(&mut self, n: &Node, spec: &'static WidgetSpec, scope: &mut Scope<'_>) -> Option<El> {
        let start_errors = self.diags.len();
        // The positional argument.
        let null = Val { raw: Raw::Null, offset: n.offset, len: n.name.len(), source: String::new() };
        let arg = match (spec.arg, n.args.as_slice()) {
            (None, []) => Some(null),
            (None, [first, ..]) => {
                self.error(
                    first.offset,
                    first.len,
                    format!("`{}` takes no value before its properties", n.name),
                    Some("properties are written name=value".into()),
                );
                None
            }
            (Some(what), []) => {
                self.error(
                    n.offset,
                    n.name.len(),
                    format!("`{}` needs {what}", n.name),
                    Some(format!("write it right after the name: {} \"...\"", n.name)),
                );
                None
            }
            (Some(_), [a]) => self.bind(a, scope),
            (Some(_), [_, extra, ..]) => {
                self.error(
                    extra.offset,
                    extra.len,
                    format!("`{}` takes one value before its properties", n.name),
                    Some("join the text into one string, or write properties as name=value".into()),
                );
                None
            }
        };
        // Properties: the widget's own, then shared ones; unknown or misplaced names first.
        let mut own: Vec<(&'static str, Val)> = Vec::new();
        let mut shared = Vec::new();
        for (i, p) in n.props.iter().enumerate() {
            if n.props[..i].iter().any(|q| q.name == p.name) {
                self.error(
                    p.name_offset,
                    p.name.len(),
                    format!("`{}` is set twice", p.name),
                    Some("remove one of them".into()),
                );
                continue;
            }
            if let Some(o) = spec.own.iter().find(|o| o.name == p.name) {
                if let Some(v) = self.bind(&p.value, scope) {
                    own.push((o.name, v));
                }
                continue;
            }
            match registry::prop(&p.name) {
                Some(ps) if ps.applies.to(spec.content) => {
                    if let Some(v) = self.bind(&p.value, scope) {
                        shared.push((ps, v));
                    }
                }
                Some(ps) => self.error(
                    p.name_offset,
                    p.name.len(),
                    format!("`{}` does not apply to `{}`", p.name, n.name),
                    Some(format!("`{}` applies to {}", p.name, registry::widgets_for(ps.applies).join(", "))),
                ),
                None => {
                    let names = registry::prop_names(spec);
                    let hint = suggestion(&p.name, "properties", &names);
                    self.error(
                        p.name_offset,
                        p.name.len(),
                        format!("unknown property `{}` on `{}`", p.name, n.name),
                        Some(hint),
                    );
                }
            }
        }
        if !spec.children && !n.children.is_empty() {
            let at = n.children_offset.unwrap_or(n.offset);
            self.error(
                at,
                1,
                format!("`{}` cannot have children", n.name),
                Some("put it and its siblings in a `column` or `row`".into()),
            );
        }
        let mut el = match arg {
            Some(arg) => {
                let own_refs: Vec<(&'static str, &Val)> = own.iter().map(|(n, v)| (*n, v)).collect();
                match (spec.build)(self.theme, &arg, &own_refs) {
                    Ok(el) => Some(el),
                    Err((which, e)) => {
                        let v = which.and_then(|i| own.get(i)).map_or(&arg, |(_, v)| v);
                        self.value_error(v, e);
                        None
                    }
                }
            }
            None => None,
        };
        for (ps, v) in &shared {
            let current = el.take().unwrap_or_default();
            match (ps.apply)(current, v, self.theme) {
                Ok(next) => el = Some(next),
                Err(e) => self.value_error(v, e),
            }
        }
        let mut kids = Vec::new();
        for c in &n.children {
            self.node(c, scope, &mut kids);
        }
        if self.diags.len() > start_errors {
            return None;
        }
        el.map(|e| e.children(kids))
    }

    fn for_each<'d>(&mut self, n: &Node, scope: &mut Scope<'d>, out: &mut Vec<El>) {
        let example = "for example: for-each \"rails\" as=rail { text \"{rail.title}\" }";
        let path_val = match n.args.as_slice() {
            [v] => v,
            [] => {
                return self.error(
                    n.offset,
                    n.name.len(),
                    "`for-each` needs the list to repeat over",
                    Some(example.into()),
                )
            }
            [_, extra, ..] => {
                return self.error(extra.offset, extra.len, "`for-each` takes one list", Some(example.into()))
            }
        };
        let Raw::Str(path) = &path_val.raw else {
            return self.error(
                path_val.offset,
                path_val.len,
                "`for-each` takes the path of a list, as a string",
                Some(example.into()),
            );
        };
        let mut names = ("item".to_owned(), "index".to_owned());
        for p in &n.props {
            let slot = match p.name.as_str() {
                "as" => &mut names.0,
                "index" => &mut names.1,
                other => {
                    let hint = suggestion(other, "properties of for-each", &["as", "index"]);
                    self.error(
                        p.name_offset,
                        p.name.len(),
                        format!("unknown property `{other}` on `for-each`"),
                        Some(hint),
                    );
                    continue;
                }
            };
            match &p.value.raw {
                Raw::Str(s) if !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') => {
                    *slot = s.clone()
                }
                _ => self.error(
                    p.value.offset,
                    p.value.len,
                    format!("`{}` takes a plain name, such as rail", p.name),
                    None,
                ),
            }
        }
        if n.children.is_empty() {
            return self.error(n.offset, n.name.len(), "`for-each` has nothing to repeat", Some(example.into()));
        }
        // Accept `{rails}` too: the braces are what every other reference uses.
        let (inner, skip) = match path.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(p) => (p, 1),
            None => (path.as_str(), 0),
        };
        let items = match scope.resolve(inner.trim()) {
            Ok(Bound::Json(Value::Array(items))) => items,
            Ok(_) => {
                return self.error(
                    path_val.offset,
                    path_val.len,
                    format!("`{inner}` is not a list"),
                    Some("for-each repeats over a JSON array".into()),
                )
            }
            Err(e) => return self.bind_error(path_val, BindError { at: e.at + skip, ..e }),
        };
        for (i, item) in items.iter().enumerate() {
            scope.push(&names.0, Bound::Json(item));
            scope.push(&names.1, Bound::Index(i));
            for c in &n.children {
                self.node(c, scope, out);
            }
            scope.pop();
            scope.pop();
            if self.over_budget {
                break;
            }
        }
    }
}
