//! Nodes to [`El`]s: looks each node up in the registry, binds data, parses and applies
//! properties, repeats `for-each` bodies, attaches state looks (`focused { scale 1.08 }`) and
//! actions (`on-select="go details.kdl"`), and collects every problem as a [`Diagnostic`]
//! (building goes on after an error so one save shows all of them).
//!
//! A screen file is zero or more directives (`state`, `import`, `component`, `dialog`,
//! `data`) and one root widget. Rails and grids build their items later, as they scroll into
//! view, from the same nodes: their item bodies are checked once when the screen loads.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;
use tenfoot_toolkit::{App, El, Entity, FocusStyle, Handled, KeyPhase, RemoteKey, Signal, TextContent, Visual};

use super::bind::{fill_state, BindError, Bound, Scope, NO_DATA};
use super::diag::{suggestion, Diagnostic};
use super::parse::{Node, Raw, Val};
use super::registry::{self, WidgetCx, WidgetSpec, FOR_EACH};
use super::runtime::{join, Runtime, Slot, StateMap};
use super::values::ValueError;
use crate::theme::Theme;

/// The most elements one screen may build (a `for-each` over a huge list, or nested ones,
/// stop here with an error instead of exhausting memory).
pub const MAX_ELEMENTS: usize = 20_000;

/// The most diagnostics one load reports; past that a file is more noise than screen.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Top-level nodes that are not the screen's root widget.
pub const DIRECTIVES: &[&str] = &["state", "import", "component", "dialog", "data"];

/// The state looks a widget can declare in its children block.
pub const LOOKS: &[&str] = &["focused", "selected", "pressed", "disabled"];

/// Rail and grid item bodies checked when the screen loads (items further on are built as
/// they scroll into view, from the same nodes).
const CHECKED_ITEMS: usize = 3;

/// Where a built element came from in its markup file (warnings after layout point here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupSpan {
    pub file: std::sync::Arc<str>,
    pub offset: usize,
    pub len: usize,
    /// The element has a text label somewhere in it, or a `label` property.
    pub labelled: bool,
}

/// A parsed screen or component file.
#[derive(Debug)]
pub struct Doc {
    pub file: String,
    pub src: String,
    pub nodes: Vec<Node>,
}

impl Doc {
    pub fn new(file: &str, src: String, nodes: Vec<Node>) -> Self {
        Self { file: file.to_owned(), src, nodes }
    }

    pub fn state_nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.name == "state")
    }

    /// `import "path"` directives: (path, offset, len).
    pub fn imports(&self) -> Vec<(String, usize, usize)> {
        self.nodes
            .iter()
            .filter(|n| n.name == "import")
            .filter_map(|n| match n.args.first() {
                Some(Val { raw: Raw::Str(s), offset, len, .. }) => Some((s.clone(), *offset, *len)),
                _ => None,
            })
            .collect()
    }

    /// The `data "file.json"` directive: the sample data a designer previews the screen with.
    pub fn data_file(&self) -> Option<String> {
        self.nodes.iter().find(|n| n.name == "data").and_then(|n| match n.args.first().map(|v| &v.raw) {
            Some(Raw::Str(s)) => Some(s.clone()),
            _ => None,
        })
    }

    /// Problems of a file imported for its components (it may hold nothing else).
    pub fn library_errors(&self) -> Vec<Diagnostic> {
        self.nodes
            .iter()
            .filter(|n| n.name != "component" && n.name != "import")
            .map(|n| {
                Diagnostic::at(&self.file, &self.src, n.offset, n.name.len(), "a component file holds only components")
                    .with_hint("write `component \"name\" param... { ... }`, or open this file as a screen")
            })
            .collect()
    }
}

/// A reusable piece of markup: `component "poster-card" poster title="Untitled" { ... }`.
#[derive(Clone, Debug)]
pub struct Component {
    doc: Rc<Doc>,
    index: usize,
}

/// Everything a build needs besides the nodes; cheap to clone into a rail's item builder.
#[derive(Clone)]
pub struct Ctx {
    pub theme: Theme,
    pub data: Option<Rc<Value>>,
    pub state: Option<Rc<RefCell<StateMap>>>,
    pub runtime: Option<Rc<Runtime>>,
    pub components: HashMap<String, Component>,
}

impl Ctx {
    pub fn new(theme: Theme) -> Self {
        Self { theme, data: None, state: None, runtime: None, components: HashMap::new() }
    }

    pub fn add_components(&mut self, doc: &Rc<Doc>) {
        for (i, n) in doc.nodes.iter().enumerate() {
            if n.name != "component" {
                continue;
            }
            if let Some(Raw::Str(name)) = n.args.first().map(|v| &v.raw) {
                self.components.insert(name.clone(), Component { doc: doc.clone(), index: i });
            }
        }
    }

    fn slot(&self, name: &str) -> Option<Slot> {
        self.state.as_ref().and_then(|s| s.borrow().get(name).copied())
    }

    fn state_fields(&self) -> Option<Vec<String>> {
        self.state.as_ref().map(|s| s.borrow().keys().cloned().collect())
    }
}

/// One action of `on-select` and friends (a closed set, see `docs/markup.md`).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show the screen file (path joined onto the current screen's folder).
    Go(String),
    Back,
    Open(String),
    Close,
    /// Set a state field; the value may hold `{state.x}` references.
    Set(String, String),
    Toggle(String),
    /// Send a host-bus request (topic, the body's `key=value` pairs, which may hold
    /// `{state.x}`) and put its answer into the data under `into`.
    Request {
        topic: String,
        into: String,
        body: Vec<(String, String)>,
    },
}

/// The widgets bound to a state field (those `on-change` applies to).
fn bound_widgets() -> Vec<&'static str> {
    registry::WIDGETS.iter().filter(|w| w.own.iter().any(|o| o.value == "state field")).map(|w| w.name).collect()
}

pub(crate) struct Builder<'s> {
    cur: Rc<Doc>,
    screen: &'s Rc<Doc>,
    ctx: &'s Ctx,
    diags: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    built: usize,
    over_budget: bool,
    /// In a rail or grid item: the item's focus signal (tiles draw their look from it).
    item_focus: Option<Signal<bool>>,
    /// (file, offset, len) of each `initial-focus`.
    initial: Vec<(Rc<Doc>, usize, usize)>,
    /// Screen files named by `go` actions (for `--check` to follow).
    pub links: Vec<(String, Rc<Doc>, usize, usize)>,
    /// Components being expanded (to refuse recursion).
    expanding: Vec<String>,
}

/// Parameters of a component being expanded are plain strings in the scope.
fn param(v: &str) -> Bound {
    Bound::Json(Value::String(v.to_owned()))
}

impl<'s> Builder<'s> {
    pub fn new(doc: &'s Rc<Doc>, ctx: &'s Ctx) -> Self {
        Self {
            cur: doc.clone(),
            screen: doc,
            ctx,
            diags: Vec::new(),
            warnings: Vec::new(),
            built: 0,
            over_budget: false,
            item_focus: None,
            initial: Vec::new(),
            links: Vec::new(),
            expanding: Vec::new(),
        }
    }

    /// (errors, warnings).
    pub fn finish(self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        (self.diags, self.warnings)
    }

    fn at(&self, offset: usize, len: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.cur.file, &self.cur.src, offset, len, message)
    }

    fn error(&mut self, offset: usize, len: usize, message: impl Into<String>, hint: Option<String>) {
        let mut d = self.at(offset, len, message);
        d.hint = hint;
        self.push(d);
    }

    fn warn(&mut self, d: Diagnostic) {
        if !self.warnings.contains(&d) && self.warnings.len() < MAX_DIAGNOSTICS {
            self.warnings.push(d.warning());
        }
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
        let d = e.into_diagnostic(&self.cur.file, &self.cur.src, v);
        self.push(d);
    }

    fn bind_error(&mut self, v: &Val, e: BindError) {
        let ve = ValueError { at: e.at, len: e.len, message: e.message, hint: e.hint };
        self.value_error(v, ve);
    }

    fn scope(&self) -> Scope<'s> {
        let scope = Scope::new(self.ctx.data.as_deref());
        match self.ctx.state_fields() {
            Some(f) => scope.with_state(f),
            None => scope,
        }
    }

    /// The screen: directives, then exactly one root widget.
    pub fn screen(&mut self) -> Option<El> {
        let doc = self.screen.clone();
        let mut roots = Vec::new();
        for n in &doc.nodes {
            match n.name.as_str() {
                "state" | "import" | "component" => {}
                "data" => {
                    if !matches!(n.args.as_slice(), [Val { raw: Raw::Str(_), .. }]) {
                        self.error(
                            n.offset,
                            n.name.len(),
                            "`data` names the screen's sample data file",
                            Some("for example: data \"../data/catalog.json\"".into()),
                        );
                    }
                }
                "dialog" => self.check_dialog(n),
                _ => roots.push(n),
            }
        }
        let mut scope = self.scope();
        let root = match roots.as_slice() {
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
            [n, rest @ ..] => {
                if let Some(second) = rest.first() {
                    self.error(
                        second.offset,
                        second.name.len(),
                        "a screen has one root element",
                        Some("wrap the top-level elements in a `column` (or `row`)".into()),
                    );
                }
                let mut out = Vec::new();
                self.node(n, &mut scope, &mut out);
                out.pop()
            }
        };
        if self.initial.len() > 1 {
            let first = self.initial[0].clone();
            for (doc, offset, len) in self.initial.clone().into_iter().skip(1) {
                let (line, _) = line_col(&first.0.src, first.1);
                let d = Diagnostic::at(&doc.file, &doc.src, offset, len, "a second `initial-focus` on this screen")
                    .with_hint(format!("focus starts at the first one ({}:{line}); remove one", first.0.file));
                self.warn(d);
            }
        }
        root
    }

    /// Builds the dialog `name` (a `dialog "name" { modal ... }` directive).
    pub fn dialog(&mut self, name: &str) -> Option<El> {
        let doc = self.screen.clone();
        let n = doc
            .nodes
            .iter()
            .find(|n| n.name == "dialog" && matches!(n.args.first().map(|v| &v.raw), Some(Raw::Str(s)) if s == name))?;
        let mut scope = self.scope();
        let mut out = Vec::new();
        for c in &n.children {
            self.node(c, &mut scope, &mut out);
        }
        out.pop()
    }

    fn check_dialog(&mut self, n: &Node) {
        let ok_name = matches!(n.args.as_slice(), [Val { raw: Raw::Str(_), .. }]);
        if !ok_name || n.children.len() != 1 {
            return self.error(
                n.offset,
                n.name.len(),
                "a dialog has a name and one widget",
                Some("for example: dialog \"confirm\" { modal \"Sign out?\" { action \"Cancel\" } }".into()),
            );
        }
        // Build it once now, so its mistakes show when the screen loads, not when it opens.
        let mut scope = self.scope();
        let mut out = Vec::new();
        self.node(&n.children[0], &mut scope, &mut out);
    }

    fn node(&mut self, n: &Node, scope: &mut Scope<'_>, out: &mut Vec<El>) {
        if self.over_budget {
            return;
        }
        if n.name == FOR_EACH {
            return self.for_each(n, scope, out);
        }
        if let Some(c) = self.ctx.components.get(&n.name).cloned() {
            return self.component(n, &c, scope, out);
        }
        let Some(spec) = registry::widget(&n.name) else {
            let mut names = registry::node_names();
            names.extend(self.ctx.components.keys().map(String::as_str));
            let hint = match registry::css_alias(&n.name) {
                Some(ours) => format!("tenfoot calls it `{ours}`"),
                None if LOOKS.contains(&n.name.as_str()) => {
                    "a state look goes inside the element it styles: button \"Play\" { focused { scale 1.1 } }"
                        .to_owned()
                }
                None if DIRECTIVES.contains(&n.name.as_str()) => {
                    format!("`{}` is written at the top level of the screen file", n.name)
                }
                None => suggestion(&n.name, "widgets", &names),
            };
            self.error(n.offset, n.name.len(), format!("unknown widget `{}`", n.name), Some(hint));
            // Its children are still checked, so one save shows every mistake.
            let mut ignored = Vec::new();
            for c in &n.children {
                if !LOOKS.contains(&c.name.as_str()) {
                    self.node(c, scope, &mut ignored);
                }
            }
            return;
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

    /// Interpolates `{path}` references in a string value. The flag says it keeps live
    /// `{state.field}` references.
    fn bind(&mut self, v: &Val, scope: &Scope<'_>) -> Option<(Val, bool)> {
        match &v.raw {
            Raw::Str(s) if s.contains(['{', '}']) => match scope.interpolate_live(s) {
                // The new string no longer matches the source text: later errors mark the
                // whole value (source is empty, so offsets inside cannot be mapped).
                Ok((new, live)) => {
                    Some((Val { raw: Raw::Str(new), offset: v.offset, len: v.len, source: String::new() }, live))
                }
                Err(e) => {
                    self.bind_error(v, e);
                    None
                }
            },
            _ => Some((v.clone(), false)),
        }
    }

    /// Like [`Builder::bind`] for values that cannot follow state (a width, a colour).
    fn bind_static(&mut self, v: &Val, scope: &Scope<'_>) -> Option<Val> {
        let (val, live) = self.bind(v, scope)?;
        if live {
            self.error(
                v.offset,
                v.len,
                "this property cannot follow the screen state",
                Some("`{state.field}` works in texts and labels; bind widgets with value=field".into()),
            );
            return None;
        }
        Some(val)
    }

    fn component(&mut self, n: &Node, c: &Component, scope: &mut Scope<'_>, out: &mut Vec<El>) {
        let def = &c.doc.nodes[c.index];
        let Some(Raw::Str(name)) = def.args.first().map(|v| &v.raw) else { return };
        let name = name.clone();
        if self.expanding.contains(&name) || self.expanding.len() > 16 {
            return self.error(
                n.offset,
                n.name.len(),
                format!("component `{name}` uses itself"),
                Some("a component cannot contain itself".into()),
            );
        }
        // Parameters: positional names after the component's name are required, properties
        // are parameters with defaults.
        let required: Vec<String> = def.args[1..]
            .iter()
            .filter_map(|v| match &v.raw {
                Raw::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let mut params: Vec<(String, String)> = Vec::new();
        for p in &def.props {
            if let Raw::Str(s) = &p.value.raw {
                params.push((p.name.clone(), s.clone()));
            } else {
                params.push((p.name.clone(), p.value.source.clone()));
            }
        }
        let known: Vec<&str> =
            required.iter().map(String::as_str).chain(params.iter().map(|(k, _)| k.as_str())).collect();
        let mut given: Vec<(String, String)> = Vec::new();
        let mut shared = Vec::new();
        let mut actions = Vec::new();
        for p in &n.props {
            if known.contains(&p.name.as_str()) {
                if let Some(v) = self.bind_static(&p.value, scope) {
                    let text = match &v.raw {
                        Raw::Str(s) => s.clone(),
                        Raw::Int(i) => i.to_string(),
                        Raw::Float(f) => f.to_string(),
                        Raw::Bool(b) => b.to_string(),
                        Raw::Null => String::new(),
                    };
                    given.push((p.name.clone(), text));
                }
            } else if registry::prop(&p.name).is_some() {
                shared.push(p);
            } else if let Some(which) = registry::ACTION_PROPS.iter().find(|a| **a == p.name) {
                if *which == "on-change" {
                    self.error(
                        p.name_offset,
                        p.name.len(),
                        format!("`on-change` does not apply to component `{name}`"),
                        Some(
                            "put it on the bound widget inside the component (keyboard value=query on-change=...)"
                                .into(),
                        ),
                    );
                    continue;
                }
                if let Some(list) = self.actions(&p.value, scope) {
                    actions.push((*which, list));
                }
            } else {
                let hint = suggestion(&p.name, "parameters", &known);
                self.error(
                    p.name_offset,
                    p.name.len(),
                    format!("component `{name}` has no parameter `{}`", p.name),
                    Some(hint),
                );
            }
        }
        for r in &required {
            if !given.iter().any(|(k, _)| k == r) {
                self.error(
                    n.offset,
                    n.name.len(),
                    format!("component `{name}` needs `{r}`"),
                    Some(format!("write {r}=\"...\"")),
                );
            }
        }
        for (k, v) in &params {
            if !given.iter().any(|(g, _)| g == k) {
                given.push((k.clone(), v.clone()));
            }
        }
        if def.children.len() != 1 {
            return self.error(n.offset, n.name.len(), format!("component `{name}` must hold one widget"), None);
        }
        for (k, v) in &given {
            scope.push(k, param(v));
        }
        let saved = std::mem::replace(&mut self.cur, c.doc.clone());
        self.expanding.push(name);
        let mut kids = Vec::new();
        let body = def.children[0].clone();
        self.node(&body, scope, &mut kids);
        self.expanding.pop();
        self.cur = saved;
        for _ in &given {
            scope.pop();
        }
        // Shared properties written on the use apply to the component's root.
        let mut el = kids.pop();
        for p in shared {
            let Some(ps) = registry::prop(&p.name) else { continue };
            if let (Some(cur), Some(v)) = (el.take(), self.bind_static(&p.value, scope)) {
                match (ps.apply)(cur, &v, &self.ctx.theme) {
                    Ok(next) => el = Some(next),
                    Err(e) => self.value_error(&v, e),
                }
            }
        }
        for (which, list) in actions {
            el = el.map(|e| self.attach_actions(e, which, list));
        }
        out.extend(el);
    }

    fn widget(&mut self, n: &Node, spec: &'static WidgetSpec, scope: &mut Scope<'_>) -> Option<El> {
        let start_errors = self.diags.len();
        // The positional argument.
        let null = Val { raw: Raw::Null, offset: n.offset, len: n.name.len(), source: String::new() };
        let mut live_arg = None;
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
            (Some(_), [a]) => match self.bind(a, scope) {
                Some((v, true)) if spec.content == registry::Content::Text => {
                    if let Raw::Str(s) = &v.raw {
                        live_arg = Some(s.clone());
                    }
                    Some(v)
                }
                Some((v, true)) => {
                    self.error(
                        a.offset,
                        a.len,
                        format!("`{}` cannot follow the screen state here", n.name),
                        Some("`{state.field}` works in text, heading and caption".into()),
                    );
                    Some(v)
                }
                Some((v, false)) => Some(v),
                None => None,
            },
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
        let mut actions: Vec<(&'static str, Vec<Action>)> = Vec::new();
        let mut label = false;
        let mut disabled = false;
        let mut lazy_select = None;
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
                if let Some(v) = self.bind_static(&p.value, scope) {
                    own.push((o.name, v));
                }
                continue;
            }
            if let Some(which) = registry::ACTION_PROPS.iter().find(|a| **a == p.name) {
                if *which == "on-select" && matches!(spec.name, "rail" | "grid") {
                    // Per item: `{item...}` in the actions is the selected item.
                    lazy_select = Some(p.value.clone());
                    continue;
                }
                if *which == "on-change" && !spec.own.iter().any(|o| o.value == "state field") {
                    self.error(
                        p.name_offset,
                        p.name.len(),
                        format!("`on-change` does not apply to `{}`", n.name),
                        Some(format!("it runs when a widget's state field changes: {}", bound_widgets().join(", "))),
                    );
                    continue;
                }
                if let Some(list) = self.actions(&p.value, scope) {
                    actions.push((which, list));
                }
                continue;
            }
            if p.name == "label" {
                label = true;
                if !matches!(p.value.raw, Raw::Str(_)) {
                    self.error(p.value.offset, p.value.len, "a label is text", None);
                }
                continue;
            }
            match registry::prop(&p.name) {
                Some(ps) if ps.applies.to(spec.content) => {
                    if let Some(v) = self.bind_static(&p.value, scope) {
                        if p.name == "initial-focus" && matches!(v.raw, Raw::Bool(true)) {
                            self.initial.push((self.cur.clone(), p.name_offset, p.name.len()));
                        }
                        if p.name == "disabled" && matches!(v.raw, Raw::Bool(true)) {
                            disabled = true;
                        }
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
                    let hint = match registry::css_alias(&p.name) {
                        Some(ours) => format!("tenfoot calls it `{ours}`"),
                        None => suggestion(&p.name, "properties", &names),
                    };
                    self.error(
                        p.name_offset,
                        p.name.len(),
                        format!("unknown property `{}` on `{}`", p.name, n.name),
                        Some(hint),
                    );
                }
            }
        }
        // Children: state looks and the widget's own parts (a list's items) are not widgets.
        let mut looks: Vec<(&str, &Node)> = Vec::new();
        let mut parts: Vec<&Node> = Vec::new();
        let mut widget_kids: Vec<&Node> = Vec::new();
        for c in &n.children {
            if let Some(l) = LOOKS.iter().find(|l| **l == c.name) {
                looks.push((l, c));
            } else if spec.parts.iter().any(|p| *p == c.name) {
                parts.push(c);
            } else {
                widget_kids.push(c);
            }
        }
        if !spec.children && !widget_kids.is_empty() {
            let at = n.children_offset.unwrap_or(n.offset);
            let hint = if spec.parts.is_empty() {
                "put it and its siblings in a `column` or `row`".to_owned()
            } else {
                format!("`{}` holds {}", n.name, spec.parts.join(", "))
            };
            self.error(at, 1, format!("`{}` cannot have children", n.name), Some(hint));
        }
        let own_refs: Vec<(&'static str, &Val)> = own.iter().map(|(n, v)| (*n, v)).collect();
        let is_lazy = matches!(spec.name, "rail" | "grid");
        let mut kids = Vec::new();
        let mut orders = Vec::new();
        if !is_lazy {
            for c in &widget_kids {
                let before = kids.len();
                self.node(c, scope, &mut kids);
                let order = c.props.iter().find(|p| p.name == "order").and_then(|p| match p.value.raw {
                    Raw::Int(i) => i32::try_from(i).ok(),
                    _ => None,
                });
                orders.extend(std::iter::repeat_n(order.unwrap_or(0), kids.len() - before));
            }
        }
        if orders.len() == kids.len() && orders.iter().any(|o| *o != 0) {
            let mut paired: Vec<(i32, El)> = orders.into_iter().zip(kids).collect();
            paired.sort_by_key(|(o, _)| *o);
            kids = paired.into_iter().map(|(_, k)| k).collect();
        }
        let part_vals = self.parts(&parts, scope);
        let lazy = if is_lazy { self.lazy_items(n, spec, &own, &widget_kids, scope, lazy_select) } else { None };
        let mut el = match arg {
            // A rail without its items already said why.
            Some(_) if is_lazy && lazy.is_none() => None,
            Some(arg) => {
                let state = self.ctx.state.as_ref().map(|s| s.borrow().clone());
                let mut cx = WidgetCx {
                    theme: &self.ctx.theme,
                    arg: &arg,
                    own: &own_refs,
                    state: state.as_ref(),
                    item_focus: self.item_focus,
                    kids: std::mem::take(&mut kids),
                    parts: part_vals,
                    lazy,
                };
                let built = (spec.build)(&mut cx);
                kids = std::mem::take(&mut cx.kids);
                match built {
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
            match (ps.apply)(current, v, &self.ctx.theme) {
                Ok(next) => el = Some(next),
                Err(e) => self.value_error(v, e),
            }
        }
        let labelled = label || spec.content == registry::Content::Text || kids.iter().any(has_label) || spec.labelled;
        let looks = self.looks(&looks, spec, scope);
        if self.diags.len() > start_errors {
            return None;
        }
        let mut el = el.map(|e| e.children(kids))?;
        if let Some(template) = live_arg {
            el = self.live_text(el, template);
        }
        if !looks.is_empty() {
            el = attach_looks(el, looks, disabled);
        }
        for (which, list) in actions {
            el = match which {
                "on-change" => match self.bound_slot(spec, &own) {
                    Some(slot) => self.attach_change(el, slot, list),
                    None => el,
                },
                _ => self.attach_actions(el, which, list),
            };
        }
        Some(el.with(MarkupSpan { file: self.cur.file.as_str().into(), offset: n.offset, len: n.name.len(), labelled }))
    }

    /// `{state.field}` in a text: the text follows the state.
    fn live_text(&self, el: El, template: String) -> El {
        let Some(state) = self.ctx.state.clone() else { return el };
        el.bind_text(move |app| {
            fill_state(&template, |f| state.borrow().get(f).map(|s| s.text(app)).unwrap_or_default())
        })
    }

    /// The widget's own child nodes (a list's `item`s, a modal's `action`s): name, label and
    /// properties, bound.
    fn parts(&mut self, parts: &[&Node], scope: &Scope<'_>) -> Vec<registry::Part> {
        let mut out = Vec::new();
        for p in parts {
            let label = match p.args.as_slice() {
                [a] => match self.bind_static(a, scope) {
                    Some(Val { raw: Raw::Str(s), .. }) => s,
                    Some(v) => {
                        self.value_error(&v, ValueError::whole("expected the label as a string"));
                        continue;
                    }
                    None => continue,
                },
                _ => {
                    self.error(
                        p.offset,
                        p.name.len(),
                        format!("`{}` needs its label", p.name),
                        Some(format!("{} \"Label\"", p.name)),
                    );
                    continue;
                }
            };
            let mut props = Vec::new();
            let mut actions = Vec::new();
            for q in &p.props {
                if q.name == "on-select" {
                    if let Some(a) = self.actions(&q.value, scope) {
                        actions = a;
                    }
                    continue;
                }
                if !registry::PART_PROPS.contains(&q.name.as_str()) {
                    let hint = suggestion(&q.name, "properties", registry::PART_PROPS);
                    self.error(
                        q.name_offset,
                        q.name.len(),
                        format!("unknown property `{}` on `{}`", q.name, p.name),
                        Some(hint),
                    );
                    continue;
                }
                if let Some(v) = self.bind_static(&q.value, scope) {
                    props.push((q.name.clone(), v));
                }
            }
            let run = self.action_fn(actions);
            out.push(registry::Part { name: p.name.clone(), label, props, run });
        }
        out
    }

    /// Parses an action list: `"go details.kdl"`, `"set tab 2; open confirm"`.
    fn actions(&mut self, v: &Val, scope: &Scope<'_>) -> Option<Vec<Action>> {
        let Raw::Str(s) = &v.raw else {
            self.value_error(v, ValueError::whole("actions are written as a string, such as \"go details.kdl\""));
            return None;
        };
        let mut out = Vec::new();
        let mut start = 0;
        let mut ok = true;
        for piece in s.split(';') {
            let at = start;
            start += piece.len() + 1;
            let words = super::values::words(piece);
            let Some(&(w0, verb)) = words.first() else { continue };
            // The word after the verb may come from data or a component's parameter.
            let arg1 = match words.get(1) {
                Some((a, w)) if w.contains('{') => match scope.interpolate_live(w) {
                    Ok((text, false)) => Some(text),
                    Ok((_, true)) => {
                        self.value_error(
                            v,
                            ValueError::at(at + a, w.len(), "this name cannot come from the screen state"),
                        );
                        ok = false;
                        continue;
                    }
                    Err(e) => {
                        self.bind_error(v, BindError { at: e.at + at + a, ..e });
                        ok = false;
                        continue;
                    }
                },
                Some((_, w)) => Some((*w).to_owned()),
                None => None,
            };
            let arg = |k: usize| if k == 1 { arg1.as_deref() } else { words.get(k).map(|(_, w)| *w) };
            let err = |b: &mut Self, msg: String, hint: &str| {
                b.value_error(v, ValueError::at(at + w0, verb.len(), msg).hint(hint));
            };
            let action = match (verb, words.len()) {
                ("back", 1) => Action::Back,
                ("close", 1) => Action::Close,
                ("go", 2) => {
                    let target = arg(1).unwrap_or_default();
                    let file = join(&self.cur.file, target);
                    self.links.push((file.clone(), self.cur.clone(), v.offset, v.len));
                    Action::Go(file)
                }
                ("open", 2) => {
                    let name = arg(1).unwrap_or_default().to_owned();
                    let known: Vec<String> = self
                        .screen
                        .nodes
                        .iter()
                        .filter(|n| n.name == "dialog")
                        .filter_map(|n| match n.args.first().map(|a| &a.raw) {
                            Some(Raw::Str(s)) => Some(s.clone()),
                            _ => None,
                        })
                        .collect();
                    if !known.contains(&name) {
                        let names: Vec<&str> = known.iter().map(String::as_str).collect();
                        let hint = if names.is_empty() {
                            "define it at the top of the screen: dialog \"name\" { modal \"Title\" { action \"OK\" } }"
                                .to_owned()
                        } else {
                            suggestion(&name, "dialogs", &names)
                        };
                        self.value_error(
                            v,
                            ValueError::at(at + words[1].0, name.len(), format!("no dialog named `{name}`")).hint(hint),
                        );
                        ok = false;
                        continue;
                    }
                    Action::Open(name)
                }
                ("set", n) if n >= 3 => {
                    let field = arg(1).unwrap_or_default().to_owned();
                    let field = field.as_str();
                    let value_at = words[2].0;
                    let value = piece[value_at..].trim_end();
                    // Data references are filled now; state references when the action runs.
                    let value = match scope.interpolate_live(value) {
                        Ok((text, _)) => text,
                        Err(e) => {
                            self.bind_error(v, BindError { at: e.at + at + value_at, ..e });
                            ok = false;
                            continue;
                        }
                    };
                    match self.field(v, at + words[1].0, field) {
                        Some(slot) => {
                            if !value.contains('{') && !slot.accepts(&value) {
                                self.value_error(
                                    v,
                                    ValueError::at(
                                        at + value_at,
                                        value.len(),
                                        format!("`{field}` holds {}", slot.kind()),
                                    ),
                                );
                                ok = false;
                                continue;
                            }
                            if field == "theme"
                                && !value.contains('{')
                                && !super::runtime::THEMES.contains(&value.as_str())
                            {
                                self.value_error(
                                    v,
                                    ValueError::at(at + value_at, value.len(), format!("unknown theme `{value}`"))
                                        .hint(format!("themes: {}", super::runtime::THEMES.join(", "))),
                                );
                                ok = false;
                                continue;
                            }
                            Action::Set(field.to_owned(), value)
                        }
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                ("toggle", 2) => {
                    let field = arg(1).unwrap_or_default().to_owned();
                    let field = field.as_str();
                    match self.field(v, at + words[1].0, field) {
                        Some(Slot::Bool(_)) => Action::Toggle(field.to_owned()),
                        Some(other) => {
                            self.value_error(
                                v,
                                ValueError::at(
                                    at + words[1].0,
                                    field.len(),
                                    format!("`{field}` holds {}", other.kind()),
                                )
                                .hint("toggle flips a field that holds #true or #false"),
                            );
                            ok = false;
                            continue;
                        }
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                ("request", n) if n >= 3 => {
                    let topic = arg(1).unwrap_or_default().to_owned();
                    let into = words[2].1.to_owned();
                    let mut body = Vec::new();
                    let mut bad = false;
                    for &(wa, w) in &words[3..] {
                        let Some((key, value)) = w.split_once('=').filter(|(k, _)| !k.is_empty()) else {
                            self.value_error(
                                v,
                                ValueError::at(at + wa, w.len(), format!("`{w}` is not a `key=value` pair"))
                                    .hint("the request's body is written query={state.query} limit=8"),
                            );
                            bad = true;
                            break;
                        };
                        // Data references are filled now; state references when the action runs.
                        match scope.interpolate_live(value) {
                            Ok((text, _)) => body.push((key.to_owned(), text)),
                            Err(e) => {
                                self.bind_error(v, BindError { at: e.at + at + wa + key.len() + 1, ..e });
                                bad = true;
                                break;
                            }
                        }
                    }
                    if bad || into.contains(['{', '.']) {
                        if !bad {
                            self.value_error(
                                v,
                                ValueError::at(at + words[2].0, into.len(), "the answer goes into a data key")
                                    .hint("name the key the screen binds, as in items=\"results\""),
                            );
                        }
                        ok = false;
                        continue;
                    }
                    Action::Request { topic, into, body }
                }
                (verb, _) if registry::ACTIONS.iter().any(|(a, _)| *a == verb) => {
                    let usage = registry::ACTIONS.iter().find(|(a, _)| *a == verb).map_or("", |(_, u)| *u);
                    err(self, format!("`{verb}` is written `{usage}`"), "separate actions with `;`");
                    ok = false;
                    continue;
                }
                (verb, _) => {
                    let names: Vec<&str> = registry::ACTIONS.iter().map(|(a, _)| *a).collect();
                    err(self, format!("unknown action `{verb}`"), &suggestion(verb, "actions", &names));
                    ok = false;
                    continue;
                }
            };
            out.push(action);
        }
        if self.ctx.runtime.is_none() && ok && !out.is_empty() {
            self.value_error(
                v,
                ValueError::whole("actions need a running app")
                    .hint("open the screen with tenfoot-preview, or load it with markup::start"),
            );
            return None;
        }
        ok.then_some(out)
    }

    /// The state field `name`, or an error at `at` inside `v`.
    fn field(&mut self, v: &Val, at: usize, name: &str) -> Option<Slot> {
        if let Some(s) = self.ctx.slot(name) {
            return Some(s);
        }
        let e = match self.ctx.state_fields() {
            Some(fields) => {
                let names: Vec<&str> = fields.iter().map(String::as_str).collect();
                let hint = match super::diag::nearest(name, names.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("declare it at the top of the screen: state {{ {name} \"\" }}"),
                };
                ValueError::at(at, name.len(), format!("the screen state has no field `{name}`")).hint(hint)
            }
            None => ValueError::at(at, name.len(), "screen state is only available in a running app")
                .hint("open the screen with tenfoot-preview, or load it with markup::start"),
        };
        self.value_error(v, e);
        None
    }

    /// A closure running `actions` for an element (none when there are no actions).
    fn action_fn(&self, actions: Vec<Action>) -> Option<registry::RunFn> {
        let rt = self.ctx.runtime.clone()?;
        if actions.is_empty() {
            return None;
        }
        let file = self.screen.file.clone();
        Some(Rc::new(move |app: &mut App, target: Option<Entity>| rt.run(app, &file, target, &actions)))
    }

    /// The state field a widget is bound to (`value=query`, `selected=tab`), for `on-change`.
    fn bound_slot(&self, spec: &WidgetSpec, own: &[(&'static str, Val)]) -> Option<Slot> {
        let state = self.ctx.state.as_ref()?.borrow();
        own.iter().find_map(|(name, v)| {
            let is_field = spec.own.iter().any(|o| o.name == *name && o.value == "state field");
            match &v.raw {
                Raw::Str(field) if is_field => state.get(field).copied(),
                _ => None,
            }
        })
    }

    /// `on-change`: the actions run after the widget's state field changed (typed, switched,
    /// set by another action or `--set`), not when the element is built. They run in the
    /// frame's tasks phase, outside the effect that watches the field, so nothing they read
    /// becomes a dependency of it.
    fn attach_change(&self, el: El, slot: Slot, actions: Vec<Action>) -> El {
        let Some(run) = self.action_fn(actions) else { return el };
        let mut last: Option<String> = None;
        el.bind(move |app, e| {
            let now = slot.text(app);
            let changed = last.as_ref().is_some_and(|l| *l != now);
            last = Some(now);
            if changed {
                let run = run.clone();
                app.spawn_with(move |cx| async move { cx.update(move |app| run(app, Some(e))) });
            }
        })
    }

    fn attach_actions(&self, el: El, which: &str, actions: Vec<Action>) -> El {
        let Some(run) = self.action_fn(actions) else { return el };
        match which {
            "on-select" => el.on_select(move |ctx| {
                let (run, target) = (run.clone(), ctx.target());
                ctx.defer(move |app| run(app, Some(target)));
            }),
            "on-focus" => el.on_focus(move |ctx| {
                let (run, target) = (run.clone(), ctx.target());
                ctx.defer(move |app| run(app, Some(target)));
            }),
            "on-change" => el,
            _ => el.on_key(move |ctx, key| {
                if key.key != RemoteKey::Back || key.phase != KeyPhase::Press {
                    return Handled::No;
                }
                let (run, target) = (run.clone(), ctx.target());
                ctx.defer(move |app| run(app, Some(target)));
                Handled::Yes
            }),
        }
    }

    /// State looks: each `focused { scale 1.08; border "4 $focus-ring" }` block becomes a
    /// visual (and text colour) the element takes while in that state.
    fn looks(&mut self, looks: &[(&str, &Node)], spec: &WidgetSpec, scope: &Scope<'_>) -> Vec<Look> {
        let mut out = Vec::new();
        for (state, node) in looks {
            let mut base = El::new();
            if spec.content == registry::Content::Text {
                base = base.text("");
            }
            let mut props = Vec::new();
            let mut condition = None;
            if *state == "selected" {
                let bound: Vec<Val> = node.args.iter().filter_map(|a| self.bind_static(a, scope)).collect();
                condition = match bound.as_slice() {
                    [Val { raw: Raw::Str(s), offset, len, .. }] => {
                        let words = super::values::words(s);
                        match words.as_slice() {
                            [(fa, f), (_, value)] => {
                                let v = bound[0].clone();
                                let value =
                                    value.strip_prefix('#').filter(|v| *v == "true" || *v == "false").unwrap_or(value);
                                self.field(&v, *fa, f).map(|slot| (slot, value.to_owned()))
                            }
                            _ => {
                                self.error(
                                    *offset,
                                    *len,
                                    "`selected` names a state field and a value",
                                    Some("for example: selected \"tab 2\" { background $accent }".into()),
                                );
                                None
                            }
                        }
                    }
                    _ => {
                        self.error(
                            node.offset,
                            node.name.len(),
                            "`selected` names a state field and a value",
                            Some("for example: selected \"tab 2\" { background $accent }".into()),
                        );
                        None
                    }
                };
                if condition.is_none() {
                    continue;
                }
            } else if !node.args.is_empty() {
                self.error(
                    node.args[0].offset,
                    node.args[0].len,
                    format!("`{state}` takes no value"),
                    Some(format!("{state} {{ scale 1.08 }}")),
                );
            }
            for p in &node.children {
                let Some(ps) = registry::prop(&p.name).filter(|ps| registry::LOOK_PROPS.contains(&ps.name)) else {
                    let hint = match registry::css_alias(&p.name) {
                        Some(ours) => format!("tenfoot calls it `{ours}`"),
                        None => suggestion(&p.name, "look properties", registry::LOOK_PROPS),
                    };
                    self.error(p.offset, p.name.len(), format!("`{}` cannot change in a look", p.name), Some(hint));
                    continue;
                };
                if ps.name == "color" && spec.content != registry::Content::Text {
                    self.error(
                        p.offset,
                        p.name.len(),
                        "`color` in a look applies to text widgets",
                        Some("give the text inside its own look: caption \"x\" { focused { color $text } }".into()),
                    );
                    continue;
                }
                let v = match p.args.as_slice() {
                    [a] => a,
                    _ => {
                        self.error(
                            p.offset,
                            p.name.len(),
                            format!("`{}` needs one value", p.name),
                            Some(format!("{} VALUE", p.name)),
                        );
                        continue;
                    }
                };
                if let Some(v) = self.bind_static(v, scope) {
                    props.push((ps, v));
                }
            }
            let mut el = Some(base);
            for (ps, v) in &props {
                let cur = el.take().unwrap_or_default();
                match (ps.apply)(cur, v, &self.ctx.theme) {
                    Ok(next) => el = Some(next),
                    Err(e) => self.value_error(v, e),
                }
            }
            let Some(el) = el else { continue };
            let names: Vec<&'static str> = props.iter().map(|(p, _)| p.name).collect();
            out.push(Look {
                state: state.to_string(),
                visual: el.visual_content().cloned().unwrap_or_default(),
                color: el.text_content().map(|t| t.color).filter(|_| names.contains(&"color")),
                props: names,
                condition,
            });
        }
        out
    }

    /// A rail's or grid's items: the list, and a builder of one item body.
    fn lazy_items(
        &mut self,
        n: &Node,
        spec: &WidgetSpec,
        own: &[(&'static str, Val)],
        kids: &[&Node],
        scope: &Scope<'_>,
        select: Option<Val>,
    ) -> Option<registry::Lazy> {
        let get = |k: &str| own.iter().find(|(n, _)| *n == k).map(|(_, v)| v);
        let Some(items_val) = get("items") else {
            self.error(
                n.offset,
                n.name.len(),
                format!("`{}` needs the list of its items", spec.name),
                Some(format!("{} \"Title\" items=\"rail.items\" as=item {{ tile \"{{item.poster}}\" }}", spec.name)),
            );
            return None;
        };
        let Raw::Str(path) = &items_val.raw else {
            self.value_error(items_val, ValueError::whole("`items` is the path of a list, as a string"));
            return None;
        };
        let inner = path.strip_prefix('{').and_then(|p| p.strip_suffix('}')).unwrap_or(path).trim().to_owned();
        let items = match scope.resolve(&inner) {
            Ok(Bound::Json(Value::Array(items))) => items,
            Ok(_) => {
                self.value_error(items_val, ValueError::whole(format!("`{inner}` is not a list")));
                return None;
            }
            Err(e) => {
                self.bind_error(items_val, e);
                return None;
            }
        };
        let var = match get("as").map(|v| &v.raw) {
            Some(Raw::Str(s)) => s.clone(),
            _ => "item".to_owned(),
        };
        let body = match kids {
            [b] => (*b).clone(),
            _ => {
                self.error(
                    n.children_offset.unwrap_or(n.offset),
                    1,
                    format!("`{}` repeats one widget per item", spec.name),
                    Some("put the item's look in one widget, such as tile or column".into()),
                );
                return None;
            }
        };
        // Check the first items now: their mistakes are the screen's.
        for (i, item) in items.iter().take(CHECKED_ITEMS).enumerate() {
            scope.clone_into_check(self, &var, item, i, &body);
            if let Some(v) = &select {
                let mut s = scope.clone();
                s.push(&var, Bound::Json(item.clone()));
                s.push("index", Bound::Index(i));
                let _ = self.actions(v, &s);
            }
        }
        let vars: Vec<(String, Bound)> = scope.vars().to_vec();
        let (doc, screen, ctx) = (self.cur.clone(), self.screen.clone(), self.ctx.clone());
        let items = Rc::new(items);
        let count = items.len();
        let list = items.clone();
        let item_var = var.clone();
        let build: registry::ItemFn = Rc::new(move |index: usize, focused: Signal<bool>| {
            let Some(item) = list.get(index) else { return El::new() };
            let mut b = Builder::new(&screen, &ctx);
            b.cur = doc.clone();
            b.item_focus = Some(focused);
            let mut scope = b.scope();
            for (k, v) in &vars {
                scope.push(k, v.clone());
            }
            scope.push(&var, Bound::Json(item.clone()));
            scope.push("index", Bound::Index(index));
            let mut out = Vec::new();
            b.node(&body, &mut scope, &mut out);
            out.pop().unwrap_or_default()
        });
        let select: Option<registry::SelectFn> = match (select, self.ctx.runtime.clone()) {
            (Some(val), Some(rt)) => {
                let (doc, screen, ctx, items) =
                    (self.cur.clone(), self.screen.clone(), self.ctx.clone(), items.clone());
                let (vars, var) = (scope.vars().to_vec(), item_var);
                Some(Rc::new(move |app: &mut App, index: usize| {
                    let Some(item) = items.get(index) else { return };
                    let mut b = Builder::new(&screen, &ctx);
                    b.cur = doc.clone();
                    let mut scope = b.scope();
                    for (k, v) in &vars {
                        scope.push(k, v.clone());
                    }
                    scope.push(&var, Bound::Json(item.clone()));
                    scope.push("index", Bound::Index(index));
                    if let Some(actions) = b.actions(&val, &scope) {
                        rt.run(app, &screen.file, None, &actions);
                    }
                }))
            }
            _ => None,
        };
        Some(registry::Lazy { count, build, select })
    }

    fn for_each(&mut self, n: &Node, scope: &mut Scope<'_>, out: &mut Vec<El>) {
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
        for (i, item) in items.into_iter().enumerate() {
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

impl Scope<'_> {
    /// Builds `body` once for `item` to collect its diagnostics (a rail's item check).
    fn clone_into_check(&self, b: &mut Builder<'_>, var: &str, item: &Value, index: usize, body: &Node) {
        let mut scope = self.clone();
        scope.push(var, Bound::Json(item.clone()));
        scope.push("index", Bound::Index(index));
        let mut out = Vec::new();
        let saved = b.item_focus;
        b.item_focus = None;
        b.node(body, &mut scope, &mut out);
        b.item_focus = saved;
    }
}

fn has_label(e: &El) -> bool {
    e.text_content().is_some_and(|t| !t.text.is_empty()) || e.child_elements().iter().any(has_label)
}

/// One state look of an element.
#[derive(Clone, Debug)]
pub struct Look {
    pub state: String,
    pub visual: Visual,
    pub color: Option<tenfoot_renderer::Color>,
    /// The properties the look sets (only these replace the resting values).
    pub props: Vec<&'static str>,
    /// `selected "tab 2"`: the state field and the value that selects.
    pub condition: Option<(Slot, String)>,
}

/// Copies the properties `look` sets from its visual onto `v`.
fn overlay(v: &mut Visual, look: &Look) {
    let l = &look.visual;
    for p in &look.props {
        match *p {
            "background" => v.background = l.background,
            "gradient" => v.gradient = l.gradient.clone(),
            "border" => v.border = l.border,
            "radius" => v.radii = l.radii,
            "shadow" => v.shadow = l.shadow,
            "opacity" => v.opacity = l.opacity,
            "scale" => {
                v.scale = l.scale;
                v.transform = l.transform;
            }
            _ => {}
        }
    }
}

/// Drives an element's looks from its state: the resting visual as built, with each active
/// look's properties over it, in the order focused, selected, pressed, disabled. The
/// `focused` look is the element's [`FocusStyle`] (shown while its focus owner, itself or its
/// nearest focusable ancestor, has focus), the others make its resting look; both go through
/// [`App::set_looks`], so the element's declared `transition` animates every change.
fn attach_looks(el: El, looks: Vec<Look>, disabled: bool) -> El {
    let base = el.visual_content().cloned().unwrap_or_default();
    let base_color = el.text_content().map(|t| t.color);
    let held: Rc<Cell<Option<Entity>>> = Rc::new(Cell::new(None));
    let wants_press = looks.iter().any(|l| l.state == "pressed");
    let h = held.clone();
    let apply = Rc::new(move |app: &mut App, e: Entity| {
        let compose = |app: &App, focused: bool| {
            let mut v = base.clone();
            let mut color = base_color;
            for l in &looks {
                let on = match l.state.as_str() {
                    "focused" => focused,
                    "selected" => l.condition.as_ref().is_some_and(|(slot, want)| slot.text(app) == *want),
                    "pressed" => h.get() == Some(e),
                    _ => disabled,
                };
                if on {
                    overlay(&mut v, l);
                    if l.color.is_some() {
                        color = l.color;
                    }
                }
            }
            (v, color)
        };
        let (resting, color) = compose(app, false);
        let (focus, focus_color) = compose(app, true);
        let text_color = color.filter(|_| app.world().get::<&TextContent>(e).is_ok());
        let focus = FocusStyle {
            visual: (focus != resting).then_some(focus),
            text_color: focus_color.filter(|c| Some(*c) != color && text_color.is_some()),
        };
        app.set_looks(e, resting, text_color, focus);
    });
    let run = apply.clone();
    let mut el = el.bind(move |app, e| run(app, e));
    if wants_press {
        el = el.on_key(move |ctx, key| {
            if key.key == RemoteKey::Select {
                let target = ctx.target();
                match key.phase {
                    KeyPhase::Press => held.set(Some(target)),
                    KeyPhase::Release => held.set(None),
                    _ => {}
                }
                let apply = apply.clone();
                ctx.defer(move |app| apply(app, target));
            }
            Handled::No
        });
    }
    el
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let d = Diagnostic::at("", src, offset, 1, "");
    (d.line, d.column)
}
