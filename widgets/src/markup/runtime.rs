//! Markup apps: a folder of screens run as an app. [`start`] loads the start screen into an
//! [`App`]; from then on the screens' actions (`on-select="go details.kdl"`, `back`, `open`,
//! `close`, `set`, `toggle`, `request`; `on-change` runs them when a bound field changes) run here, reading further screen files through the [`Files`] the
//! caller gave (the loader itself never touches the file system).
//!
//! The screen state (`state { query "" }` at the top of a screen) is one set of signals for
//! the whole app, created when a screen first declares a field; `{state.field}` in a text and
//! the widgets bound to a field (`toggle value=autoplay`) follow it. The field `theme` is
//! special: setting it to `dark`, `light` or `high-contrast` switches the app's theme and
//! rebuilds the screens with it, focus kept.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;
use tenfoot_toolkit::{tree, App, Entity, Name, Signal};

use super::build::{Action, Builder, Ctx, Doc};
use super::diag::Diagnostic;
use super::parse::{self, Raw};
use crate::theme::{set_theme, Theme};

/// Where screen files come from: `read("screens/details.kdl")`. Paths are joined by the
/// loader (a `go` target is relative to the screen naming it).
pub trait Files {
    fn read(&self, path: &str) -> Result<String, String>;

    /// The file's text, or what is wrong with it as diagnostics. The default wraps
    /// [`Files::read`]'s error; a source that sees the bytes (the file system) overrides it to
    /// name the byte offset of invalid UTF-8 (see [`super::decode_source`]) instead of a
    /// read error at 1:1.
    fn read_source(&self, path: &str) -> Result<String, Vec<Diagnostic>> {
        self.read(path).map_err(|e| {
            vec![Diagnostic::at(path, "", 0, 0, format!("cannot read this file: {e}"))
                .with_hint("check the path (relative to the screen that names it)")]
        })
    }
}

/// A field of the screen state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Bool(Signal<bool>),
    /// Whole numbers of 0 or more (a selected tab, a list index).
    Index(Signal<usize>),
    Number(Signal<f64>),
    Text(Signal<String>),
}

impl Slot {
    /// The field's value as text, for `{state.field}`.
    pub fn text(self, app: &App) -> String {
        match self {
            Slot::Bool(s) => s.try_get(app).map(|b| b.to_string()).unwrap_or_default(),
            Slot::Index(s) => s.try_get(app).map(|b| b.to_string()).unwrap_or_default(),
            Slot::Number(s) => s.try_get(app).map(|b| b.to_string()).unwrap_or_default(),
            Slot::Text(s) => s.try_get(app).unwrap_or_default(),
        }
    }

    /// What kind of value the field holds, for errors.
    pub fn kind(self) -> &'static str {
        match self {
            Slot::Bool(_) => "#true or #false",
            Slot::Index(_) => "a whole number of 0 or more",
            Slot::Number(_) => "a number",
            Slot::Text(_) => "text",
        }
    }

    /// Sets the field from text (`set volume 3`); an error says what the field takes.
    pub fn set_text(self, app: &mut App, value: &str) -> Result<(), String> {
        let value = bool_word(self, value);
        let bad = || format!("`{value}` is not {}", self.kind());
        match self {
            Slot::Bool(s) => s.set(app, value.parse::<bool>().map_err(|_| bad())?),
            Slot::Index(s) => s.set(app, value.parse::<usize>().map_err(|_| bad())?),
            Slot::Number(s) => {
                let n = value.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(bad)?;
                s.set(app, n)
            }
            Slot::Text(s) => s.set(app, value.to_owned()),
        }
        Ok(())
    }

    /// Whether text is a valid value (checked when a screen loads).
    pub fn accepts(self, value: &str) -> bool {
        let value = bool_word(self, value);
        match self {
            Slot::Bool(_) => value.parse::<bool>().is_ok(),
            Slot::Index(_) => value.parse::<usize>().is_ok(),
            Slot::Number(_) => value.parse::<f64>().is_ok_and(f64::is_finite),
            Slot::Text(_) => true,
        }
    }
}

/// `#true`/`#false` (KDL's spelling) for a boolean field.
fn bool_word(slot: Slot, value: &str) -> &str {
    match slot {
        Slot::Bool(_) => value.strip_prefix('#').unwrap_or(value),
        _ => value,
    }
}

/// The screen state: field name to signal.
pub type StateMap = HashMap<String, Slot>;

/// The themes a `theme` state field can name.
pub const THEMES: &[&str] = &["dark", "light", "high-contrast"];

fn named_theme(name: &str) -> Option<Theme> {
    match name {
        "dark" => Some(Theme::dark()),
        "light" => Some(Theme::light()),
        "high-contrast" => Some(Theme::high_contrast()),
        _ => None,
    }
}

/// A running markup app (kept by the actions' closures).
pub struct Runtime {
    files: Rc<dyn Files>,
    theme: RefCell<Theme>,
    data: RefCell<Option<Rc<Value>>>,
    state: Rc<RefCell<StateMap>>,
    docs: RefCell<HashMap<String, Rc<Doc>>>,
    /// The screens shown: the start screen, then pushed ones with their roots.
    screens: RefCell<Vec<(String, Option<Entity>)>>,
    /// Problems found while the app runs (a `go` to a broken screen), newest last.
    errors: RefCell<Vec<Diagnostic>>,
    /// Screen files named by `go` actions of the screens built so far, with the place of
    /// the action (for `--check` to follow).
    links: RefCell<Vec<(String, Diagnostic)>>,
    me: std::rc::Weak<Runtime>,
    /// How many `request`s were sent per data key (only the newest answer is bound).
    asked: RefCell<HashMap<String, u64>>,
}

/// How long a `request` action waits for the host.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(8);

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("screens", &self.screens.borrow()).finish_non_exhaustive()
    }
}

/// The runtime of the markup app in `app`, when one was started.
#[derive(Clone)]
struct Installed(Rc<Runtime>);

/// What [`start`] loaded.
#[derive(Debug)]
pub struct Started {
    pub runtime: Rc<Runtime>,
    /// Likely mistakes that did not stop the screen (see [`super::Severity::Warning`]).
    pub warnings: Vec<Diagnostic>,
}

/// Loads the screen file `screen` (read through `files`) into `app` as the start of a markup
/// app with `theme` and `data`. On errors the app is left as it was.
pub fn start(
    app: &mut App,
    files: Rc<dyn Files>,
    screen: &str,
    theme: Theme,
    data: Option<Value>,
) -> Result<Started, Vec<Diagnostic>> {
    let runtime = Rc::new_cyclic(|me| Runtime {
        files,
        theme: RefCell::new(theme.clone()),
        data: RefCell::new(data.map(Rc::new)),
        state: Rc::new(RefCell::new(HashMap::new())),
        docs: RefCell::new(HashMap::new()),
        screens: RefCell::new(Vec::new()),
        errors: RefCell::new(Vec::new()),
        links: RefCell::new(Vec::new()),
        me: me.clone(),
        asked: RefCell::new(HashMap::new()),
    });
    let (el, warnings) = runtime.build_screen(app, screen)?;
    set_theme(app, theme);
    app.set_root(el);
    runtime.screens.borrow_mut().push((screen.to_owned(), None));
    app.provide(Installed(runtime.clone()));
    Ok(Started { runtime, warnings })
}

/// The markup runtime started in `app`, if any.
pub fn runtime(app: &App) -> Option<Rc<Runtime>> {
    app.context::<Installed>().map(|i| i.0)
}

/// Joins `path` onto the folder of `from` (`screens/home.kdl` + `details.kdl` =
/// `screens/details.kdl`), resolving `..`.
pub fn join(from: &str, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_owned();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in path.split('/') {
        match p {
            "." | "" => {}
            ".." if parts.last().is_some_and(|l| *l != "..") && !parts.is_empty() => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

impl Runtime {
    fn rc(&self) -> Option<Rc<Runtime>> {
        self.me.upgrade()
    }

    pub fn theme(&self) -> Theme {
        self.theme.borrow().clone()
    }

    /// The state field `name`.
    pub fn slot(&self, name: &str) -> Option<Slot> {
        self.state.borrow().get(name).copied()
    }

    /// The state's field names.
    pub fn fields(&self) -> Vec<String> {
        let mut f: Vec<String> = self.state.borrow().keys().cloned().collect();
        f.sort();
        f
    }

    /// How many `request`s the screens' actions have sent.
    pub fn requests_sent(&self) -> u64 {
        self.asked.borrow().values().sum()
    }

    /// Problems met while running actions (kept for the window and tests).
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.errors.borrow().clone()
    }

    /// Reads and parses a screen or component file (cached until [`Runtime::forget_files`]).
    pub(crate) fn doc(&self, path: &str) -> Result<Rc<Doc>, Vec<Diagnostic>> {
        if let Some(d) = self.docs.borrow().get(path) {
            return Ok(d.clone());
        }
        let src = self.files.read_source(path)?;
        let nodes = parse::parse(path, &src)?;
        SOURCES.with(|m| m.borrow_mut().insert(path.to_owned(), src.clone()));
        let doc = Rc::new(Doc::new(path, src, nodes));
        self.docs.borrow_mut().insert(path.to_owned(), doc.clone());
        Ok(doc)
    }

    /// Drops cached files (the preview calls this before a reload).
    pub fn forget_files(&self) {
        self.docs.borrow_mut().clear();
    }

    /// Replaces the data (live data): the screens are rebuilt with it, focus kept.
    pub fn set_data(&self, app: &mut App, data: Option<Value>) -> Result<(), Vec<Diagnostic>> {
        let old = self.data.replace(data.map(Rc::new));
        if let Err(e) = self.rebuild(app) {
            self.data.replace(old);
            return Err(e);
        }
        Ok(())
    }

    /// Declares the fields of `doc`'s `state` blocks that do not exist yet.
    fn declare_state(&self, app: &mut App, doc: &Doc) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for n in doc.state_nodes() {
            for f in &n.children {
                if self.state.borrow().contains_key(&f.name) {
                    continue;
                }
                let slot = match f.args.as_slice() {
                    [v] => match &v.raw {
                        Raw::Bool(b) => Slot::Bool(app.signal(*b)),
                        Raw::Int(i) if *i >= 0 && *i <= i128::from(u32::MAX) => {
                            Slot::Index(app.signal(usize::try_from(*i).unwrap_or(0)))
                        }
                        Raw::Int(i) => Slot::Number(app.signal(*i as f64)),
                        Raw::Float(x) if x.is_finite() => Slot::Number(app.signal(*x)),
                        Raw::Str(s) => Slot::Text(app.signal(s.clone())),
                        _ => {
                            diags.push(
                                Diagnostic::at(&doc.file, &doc.src, v.offset, v.len, "a state field needs a value")
                                    .with_hint("write text, a number, #true or #false"),
                            );
                            continue;
                        }
                    },
                    _ => {
                        diags.push(
                            Diagnostic::at(
                                &doc.file,
                                &doc.src,
                                f.offset,
                                f.name.len(),
                                format!("state field `{}` needs one starting value", f.name),
                            )
                            .with_hint("for example: state { query \"\" autoplay #true tab 0 }"),
                        );
                        continue;
                    }
                };
                if f.name == "theme" && !matches!(&f.args[0].raw, Raw::Str(s) if named_theme(s).is_some()) {
                    diags.push(
                        Diagnostic::at(&doc.file, &doc.src, f.args[0].offset, f.args[0].len, "unknown theme")
                            .with_hint(format!("the `theme` field names a theme: {}", THEMES.join(", "))),
                    );
                }
                self.state.borrow_mut().insert(f.name.clone(), slot);
            }
        }
        diags
    }

    /// Builds the screen file `path`: its state is declared, its components imported.
    pub(crate) fn build_screen(
        &self,
        app: &mut App,
        path: &str,
    ) -> Result<(tenfoot_toolkit::El, Vec<Diagnostic>), Vec<Diagnostic>> {
        let doc = self.doc(path)?;
        let mut errors = self.declare_state(app, &doc);
        let ctx = self.ctx(&doc, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut b = Builder::new(&doc, &ctx);
        let el = b.screen();
        for (file, at, offset, len) in std::mem::take(&mut b.links) {
            let d = Diagnostic::at(&at.file, &at.src, offset, len, format!("`go` names `{file}`"));
            let mut links = self.links.borrow_mut();
            if !links.iter().any(|(f, _)| *f == file) {
                links.push((file, d));
            }
        }
        let (diags, warnings) = b.finish();
        match el {
            Some(el) if diags.is_empty() => Ok((el, warnings)),
            _ => Err(diags),
        }
    }

    /// The build context for `doc`: theme, data, state and the components it imports.
    fn ctx(&self, doc: &Rc<Doc>, errors: &mut Vec<Diagnostic>) -> Ctx {
        let mut ctx = Ctx::new(self.theme());
        ctx.data = self.data.borrow().clone();
        ctx.state = Some(self.state.clone());
        ctx.runtime = self.rc();
        ctx.add_components(doc);
        for (path, offset, len) in doc.imports() {
            let file = join(&doc.file, &path);
            match self.doc(&file) {
                Ok(d) => {
                    errors.extend(d.library_errors());
                    ctx.add_components(&d);
                }
                Err(mut e) => {
                    let mut d = Diagnostic::at(&doc.file, &doc.src, offset, len, format!("cannot import `{path}`"));
                    d.hint = e.first().map(|x| x.message.clone());
                    if e.first().is_some_and(|x| x.line > 0 && !x.excerpt.is_empty()) {
                        errors.append(&mut e);
                    } else {
                        errors.push(d);
                    }
                }
            }
        }
        ctx
    }

    /// Builds and opens the dialog `name` of the screen file `file`.
    fn open_dialog(&self, app: &mut App, file: &str, name: &str) -> Result<(), Vec<Diagnostic>> {
        let doc = self.doc(file)?;
        let mut errors = Vec::new();
        let ctx = self.ctx(&doc, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut b = Builder::new(&doc, &ctx);
        let el = b.dialog(name);
        let (diags, _) = b.finish();
        match el {
            Some(el) if diags.is_empty() => {
                crate::modal::open_modal(app, el);
                Ok(())
            }
            _ => Err(diags),
        }
    }

    fn report(&self, mut diags: Vec<Diagnostic>) {
        for d in &diags {
            eprintln!("{d}");
        }
        self.errors.borrow_mut().append(&mut diags);
    }

    /// Runs `actions` (from the screen file `file`) for the element `target`.
    pub(crate) fn run(&self, app: &mut App, file: &str, target: Option<Entity>, actions: &[Action]) {
        for a in actions {
            match a {
                Action::Go(path) => match self.build_screen(app, path) {
                    Ok((el, _)) => {
                        let root = app.push_screen(el);
                        self.screens.borrow_mut().push((path.clone(), Some(root)));
                    }
                    Err(e) => self.report(e),
                },
                Action::Back => {
                    if app.pushed_screens() > 0 {
                        app.pop_screen();
                    }
                }
                Action::Open(name) => {
                    if let Err(e) = self.open_dialog(app, file, name) {
                        self.report(e);
                    }
                }
                Action::Close => {
                    if let Some(t) = target {
                        crate::modal::close_modal(app, t);
                    }
                }
                Action::Set(field, value) => {
                    let text =
                        super::bind::fill_state(value, |f| self.slot(f).map(|s| s.text(app)).unwrap_or_default());
                    if let Err(e) = self.set(app, field, &text) {
                        self.report(vec![Diagnostic::at(file, "", 0, 0, e)]);
                    }
                }
                Action::Toggle(field) => {
                    if let Some(Slot::Bool(s)) = self.slot(field) {
                        s.update(app, |b| *b = !*b);
                    }
                }
                Action::Request { topic, into, body } => self.request(app, file, topic, into, body),
            }
        }
    }

    /// Sends the `request` action's request; its answer goes into the data under `into` (the
    /// screens are rebuilt with it, focus kept), a failure is reported like other run-time
    /// problems. A newer request of the same action's key wins over an older one still waiting.
    fn request(&self, app: &mut App, file: &str, topic: &str, into: &str, body: &[(String, String)]) {
        let mut object = serde_json::Map::new();
        for (k, v) in body {
            let text = super::bind::fill_state(v, |f| self.slot(f).map(|s| s.text(app)).unwrap_or_default());
            object.insert(k.clone(), Value::String(text));
        }
        let Some(rt) = self.rc() else { return };
        let seq = {
            let mut asked = self.asked.borrow_mut();
            let n = asked.entry(into.to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let (topic, into, file) = (topic.to_owned(), into.to_owned(), file.to_owned());
        app.spawn_with(move |cx| async move {
            let answer = cx.request_json(topic.clone(), Value::Object(object)).timeout(REQUEST_TIMEOUT).await;
            cx.update(move |app| {
                if rt.asked.borrow().get(&into) != Some(&seq) {
                    return;
                }
                match answer {
                    Ok(value) => {
                        if let Err(e) = rt.bind_answer(app, &into, value) {
                            rt.report(e);
                        }
                    }
                    Err(e) => rt.report(vec![Diagnostic::at(&file, "", 0, 0, format!("request `{topic}`: {e}"))]),
                }
            });
        });
    }

    /// Puts `value` into the data under `key` and rebuilds the screens with it.
    pub fn bind_answer(&self, app: &mut App, key: &str, value: Value) -> Result<(), Vec<Diagnostic>> {
        let mut data = self.data.borrow().as_deref().cloned().unwrap_or_else(|| Value::Object(Default::default()));
        let Value::Object(map) = &mut data else {
            return Err(vec![Diagnostic::at(
                "",
                "",
                0,
                0,
                format!("the answer for `{key}` needs the data to be an object"),
            )]);
        };
        map.insert(key.to_owned(), value);
        self.set_data(app, Some(data))
    }

    /// Sets state `field` from text (`--set field=value` and the `set` action). Setting
    /// `theme` switches the theme.
    pub fn set(&self, app: &mut App, field: &str, value: &str) -> Result<(), String> {
        let slot = self.slot(field).ok_or_else(|| {
            let fields = self.fields();
            match super::diag::nearest(field, fields.iter().map(String::as_str)) {
                Some(n) => format!("the screen state has no field `{field}`; did you mean `{n}`?"),
                None => format!("the screen state has no field `{field}` (fields: {})", fields.join(", ")),
            }
        })?;
        if field == "theme" {
            let theme =
                named_theme(value).ok_or_else(|| format!("unknown theme `{value}`; themes: {}", THEMES.join(", ")))?;
            slot.set_text(app, value)?;
            if theme != *self.theme.borrow() {
                let old = self.theme.replace(theme.clone());
                set_theme(app, theme);
                if let Err(e) = self.rebuild(app) {
                    self.theme.replace(old.clone());
                    set_theme(app, old);
                    return Err(super::render_all(&e));
                }
            }
            return Ok(());
        }
        slot.set_text(app, value)
    }

    /// Builds every shown screen again (after a theme or data change), keeping focus on the
    /// element at the same path where it still exists.
    pub fn rebuild(&self, app: &mut App) -> Result<(), Vec<Diagnostic>> {
        let focus = app.focus_path();
        self.forget_files();
        let shown: Vec<String> = self
            .screens
            .borrow()
            .iter()
            .filter(|(_, root)| root.is_none_or(|r| app.world().contains(r)))
            .map(|(f, _)| f.clone())
            .collect();
        let mut built = Vec::new();
        for f in &shown {
            built.push(self.build_screen(app, f)?.0);
        }
        while app.pushed_screens() > 0 {
            app.pop_screen();
        }
        let mut screens = Vec::new();
        for (i, (el, f)) in built.into_iter().zip(shown).enumerate() {
            if i == 0 {
                app.set_root(el);
                screens.push((f, None));
            } else {
                let root = app.push_screen(el);
                screens.push((f, Some(root)));
            }
        }
        *self.screens.borrow_mut() = screens;
        if let Some(target) = focus.and_then(|p| find_path(app, &p)) {
            let _ = app.set_focus(target);
        }
        Ok(())
    }
}

/// The element at `path` (names, or `#index` for unnamed elements, from the root down).
pub fn find_path(app: &App, path: &str) -> Option<Entity> {
    let world = app.world();
    let mut parts = path.split('/');
    let mut cur = app.root();
    if let Ok(name) = world.get::<&Name>(cur) {
        if parts.next() != Some(name.0.as_str()) {
            return None;
        }
    }
    for part in parts {
        let kids = tree::children(world, cur);
        cur = match part.strip_prefix('#').and_then(|i| i.parse::<usize>().ok()) {
            Some(i) => *kids.get(i)?,
            None => *kids.iter().find(|k| world.get::<&Name>(**k).is_ok_and(|n| n.0 == part))?,
        };
    }
    Some(cur)
}

/// Checks the screen file `screen` as `tenfoot-preview --check` does: loads it (and every
/// screen its `go` actions name, and their dialogs) in a headless app, then lays it out and
/// warns about focusable elements the arrows never reach and focusables without a label.
/// Returns errors and warnings, errors first.
pub fn check(files: Rc<dyn Files>, screen: &str, theme: Theme, data: Option<Value>) -> Vec<Diagnostic> {
    let mut app = App::headless();
    let started = match start(&mut app, files, screen, theme, data) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let mut out = started.warnings;
    let _ = app.frame(std::time::Duration::ZERO, &[]);
    out.extend(focus_warnings(&app));
    // Follow the screens this one links to, each once.
    let rt = started.runtime;
    let mut seen = vec![screen.to_owned()];
    let mut i = 0;
    loop {
        let next = rt.links.borrow().get(i).cloned();
        let Some((file, at)) = next else { break };
        i += 1;
        if seen.contains(&file) {
            continue;
        }
        seen.push(file.clone());
        match rt.build_screen(&mut app, &file) {
            Ok((_, w)) => out.extend(w),
            Err(errors) => {
                if errors.iter().all(|e| e.excerpt.is_empty() && e.line <= 1) {
                    let mut d = at.clone();
                    d.message = format!("`go` names `{file}`, which cannot be read");
                    d.hint = errors.first().map(|e| e.message.clone());
                    out.push(d);
                } else {
                    out.extend(errors);
                }
            }
        }
    }
    out.sort_by_key(|d| !d.is_error());
    out
}

/// Warnings about focus on the laid-out top screen of `app`: unreachable focusables and
/// focusables without a label, at the markup that built them.
pub fn focus_warnings(app: &App) -> Vec<Diagnostic> {
    use super::build::MarkupSpan;
    let world = app.world();
    let span_of = |e: Entity| {
        std::iter::once(e)
            .chain(tree::ancestors(world, e))
            .find_map(|a| world.get::<&MarkupSpan>(a).ok().map(|s| (*s).clone()))
    };
    let mut out = Vec::new();
    let lint = tenfoot_toolkit::navigation_lint(app);
    for path in &lint.unreachable {
        let Some(e) = find_path(app, path) else { continue };
        if let Some(s) = span_of(e) {
            out.push(
                located(&s, "the arrows never reach this focusable element")
                    .with_hint("move it next to the others, or add nav-up/nav-down/nav-left/nav-right to reach it")
                    .warning(),
            );
        }
    }
    for t in &lint.traps {
        let Some(e) = find_path(app, &t.path) else { continue };
        if let Some(s) = span_of(e) {
            out.push(
                located(&s, &format!("focus enters this scope and cannot leave: {}", t.reason))
                    .with_hint(
                        "a trap is for dialogs; give the page a way out (nav-up...) or use focus-scope=remembered",
                    )
                    .warning(),
            );
        }
    }
    for e in app.focusables() {
        let Ok(s) = world.get::<&MarkupSpan>(e).map(|s| (*s).clone()) else { continue };
        let texts = tree::subtree(world, e)
            .into_iter()
            .any(|n| world.get::<&tenfoot_toolkit::TextContent>(n).is_ok_and(|t| !t.text.trim().is_empty()));
        if !s.labelled && !texts {
            out.push(
                located(&s, "this focusable element has no label")
                    .with_hint("give it a text, or label=\"...\" so it can be announced")
                    .warning(),
            );
        }
    }
    out.dedup();
    out
}

/// Source texts of the files diagnostics point into, for [`focus_warnings`].
fn located(s: &super::build::MarkupSpan, message: &str) -> Diagnostic {
    let src = SOURCES.with(|m| m.borrow().get(&*s.file).cloned()).unwrap_or_default();
    Diagnostic::at(&s.file, &src, s.offset, s.len, message)
}

thread_local! {
    /// Sources of files the runtimes of this thread have read (warnings after layout quote
    /// their lines).
    static SOURCES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}
