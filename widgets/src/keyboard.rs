//! Keyboard: an on-screen keyboard grid for typing with a remote (TV search, sign-in). It edits
//! a `Signal<String>`: character keys in rows of a configurable width, then Space, Delete,
//! Clear, a key switching between layouts (letters and digits, symbols and accents) and, when
//! the app asks for one, a submit key.
//!
//! The keyboard is one focus scope that remembers its last key. The arrows move between keys
//! by the spatial search, so wide keys simply span the columns under them, and moving down or
//! up lands on the nearest key; Up from a wide key goes back to the column you came down from.
//! Select types; held Select repeats characters, Space and Delete. Edits go through
//! [`edit_text`](crate::edit_text), so a [`TextInput`](crate::TextInput) bound to the same signal
//! sets the length limit and shows its caret while a key has focus.
//!
//! Keys flip colours when focused (the theme's text colour as fill), grow slightly and cast a
//! shadow, driven by a focus signal per key, so the look follows theme switches. Rows of a
//! layout marked [`KeyLayout::rtl`] run right to left; Latin layouts stay left to right in an
//! RTL app, as on every TV keyboard (a mirrored alphabet reads backwards).

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use tenfoot_renderer::{Color, Corners, FontWeight, Point, TextAlign, TextStyle};
use tenfoot_toolkit::{
    focus::screen_rect, tree, App, Direction, El, Entity, ErrorKind, EventCtx, FocusScope, FocusStyle, FrameError,
    Handled, KeyEvent, KeyPhase, RemoteKey, Shadow, Signal, TextContent, Visual, World,
};

use crate::container::{column, row};
use crate::icon::{icon_text, Icon};
use crate::text_input::{edit_text, TextEdit};
use crate::theme::{theme, TextRole, Theme};

/// Marks a keyboard's root and names the value it edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyboard {
    pub value: Signal<String>,
}

/// What a key does on Select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    /// Types the character.
    Char(char),
    Space,
    /// Deletes the last character.
    Backspace,
    /// Empties the text.
    Clear,
    /// Shows the next layout.
    Switch,
    /// Runs the keyboard's `on_submit` with the text.
    Submit,
}

/// Marks a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub action: KeyAction,
}

/// One page of character keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyLayout {
    /// Shown on the switch key that leads to this layout.
    pub label: String,
    pub keys: Vec<char>,
    /// Rows run right to left (an Arabic or Hebrew alphabet).
    pub rtl: bool,
}

impl KeyLayout {
    /// A layout of `keys`, in reading order; whitespace and control characters are dropped
    /// (Space has its own key).
    pub fn new(label: impl Into<String>, keys: impl IntoIterator<Item = char>) -> Self {
        let keys = keys.into_iter().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
        Self { label: label.into(), keys, rtl: false }
    }

    /// a–z then 0–9 (36 keys: six full rows of six).
    pub fn letters() -> Self {
        Self::new("ABC", ('a'..='z').chain('0'..='9'))
    }

    /// Punctuation found in titles, then accented letters (36 keys).
    pub fn symbols() -> Self {
        Self::new("#+=", "-'&.,:!?()@#$%+=/*éèêëàâäáçñöôóüûúïí".chars())
    }

    /// Rows run right to left.
    pub fn rtl(mut self) -> Self {
        self.rtl = true;
        self
    }
}

type Submit = Rc<dyn Fn(&mut App, String)>;

/// Builder for a keyboard.
pub struct KeyboardBuilder {
    value: Signal<String>,
    layouts: Vec<KeyLayout>,
    columns: usize,
    key_size: (f32, f32),
    gap: f32,
    submit: Option<(String, Submit)>,
    actions: Vec<KeyAction>,
    name: Option<String>,
    initial_focus: bool,
}

impl std::fmt::Debug for KeyboardBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyboardBuilder")
            .field("layouts", &self.layouts)
            .field("columns", &self.columns)
            .finish_non_exhaustive()
    }
}

/// A keyboard typing into `value`: letters and digits, and symbols behind the switch key, in
/// rows of six 88 x 64 keys.
pub fn keyboard(value: Signal<String>) -> KeyboardBuilder {
    KeyboardBuilder {
        value,
        layouts: vec![KeyLayout::letters(), KeyLayout::symbols()],
        columns: 6,
        key_size: (88.0, 64.0),
        gap: 12.0,
        submit: None,
        actions: DEFAULT_ACTIONS.to_vec(),
        name: None,
        initial_focus: false,
    }
}

/// The wide keys below the characters, in order (the switch only with two layouts or more,
/// submit only with `on_submit`).
const DEFAULT_ACTIONS: [KeyAction; 5] =
    [KeyAction::Switch, KeyAction::Space, KeyAction::Backspace, KeyAction::Clear, KeyAction::Submit];

impl KeyboardBuilder {
    /// The layouts the switch key cycles through, the first shown first (none: letters). With
    /// one layout there is no switch key.
    pub fn layouts(mut self, layouts: impl IntoIterator<Item = KeyLayout>) -> Self {
        self.layouts = layouts.into_iter().collect();
        if self.layouts.is_empty() {
            self.layouts.push(KeyLayout::letters());
        }
        self
    }
    /// Keys per row (1 to 32; default 6).
    pub fn columns(mut self, n: usize) -> Self {
        self.columns = n.clamp(1, 32);
        self
    }
    /// The size of a character key in logical px; wide keys span columns of it.
    pub fn key_size(mut self, width: f32, height: f32) -> Self {
        self.key_size = (width, height);
        self
    }
    /// Space between keys (default 12).
    pub fn gap(mut self, gap: f32) -> Self {
        self.gap = gap;
        self
    }
    /// The wide keys below the characters, in this order (default: switch, Space, Delete,
    /// Clear, submit). A PIN pad leaves out Space: `.actions([KeyAction::Backspace,
    /// KeyAction::Clear, KeyAction::Submit])`. Characters in the list are ignored; the switch
    /// key shows only with two layouts or more, submit only with [`on_submit`](Self::on_submit).
    pub fn actions(mut self, actions: impl IntoIterator<Item = KeyAction>) -> Self {
        self.actions = actions.into_iter().filter(|a| !matches!(a, KeyAction::Char(_))).collect();
        self
    }
    /// Adds an accent key labelled `label` that runs `f` with the text. A panic in `f` is
    /// reported in the frame's errors; the keyboard goes on.
    pub fn on_submit(mut self, label: impl Into<String>, f: impl Fn(&mut App, String) + 'static) -> Self {
        self.submit = Some((label.into(), Rc::new(f)));
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Focus starts on the first key when the screen is shown.
    pub fn initial_focus(mut self) -> Self {
        self.initial_focus = true;
        self
    }
}

/// What the keys of one keyboard share.
struct Shared {
    value: Signal<String>,
    layouts: Vec<KeyLayout>,
    columns: usize,
    key_size: (f32, f32),
    gap: f32,
    submit: Option<Submit>,
    actions: Vec<KeyAction>,
    initial_focus: bool,
    /// The layout shown: a signal made when the keyboard mounts (builders have no `App`).
    page: Cell<Option<Signal<usize>>>,
    /// The layout the character rows were built for.
    built: Cell<usize>,
    /// The key with focus, and the one before it (Up from a wide key goes back there).
    current: Cell<Option<Entity>>,
    previous: Cell<Option<Entity>>,
}

impl Shared {
    /// Width of a key spanning `span` columns.
    fn span_width(&self, span: usize) -> f32 {
        span as f32 * self.key_size.0 + span.saturating_sub(1) as f32 * self.gap
    }
}

/// The key's name: `key-a`, `key-space`; characters that are not letters or digits by code
/// point (`key-u002f` for `/`), so names stay valid in focus paths.
fn key_name(action: KeyAction) -> String {
    match action {
        KeyAction::Char(c) if c.is_alphanumeric() => format!("key-{c}"),
        KeyAction::Char(c) => format!("key-u{:04x}", c as u32),
        KeyAction::Space => "key-space".to_owned(),
        KeyAction::Backspace => "key-delete".to_owned(),
        KeyAction::Clear => "key-clear".to_owned(),
        KeyAction::Switch => "key-switch".to_owned(),
        KeyAction::Submit => "key-submit".to_owned(),
    }
}

/// Letters show in upper case (easier to read across a room); they type as they are.
fn char_label(c: char) -> String {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u.to_string(),
        _ => c.to_string(),
    }
}

/// A key's box: a raised chip; focused, a flip to the text colour with a lift and a shadow
/// (the focus ring colour outlines it too, which high contrast needs against its white fill).
pub fn key_visual(t: &Theme, focused: bool, primary: bool) -> Visual {
    let mut v = Visual { radii: Corners::all(t.radius.small), ..Visual::default() };
    if focused {
        v.background = Some(t.text);
        v.border = (t.focus_ring != t.text).then_some((t.focus_ring_width * 0.5, t.focus_ring));
        v.scale = Point::new(1.06, 1.06);
        v.shadow = Some(Shadow { y: 6.0, blur: 20.0, color: Color::rgba(0, 0, 0, 140), ..Shadow::NONE });
    } else {
        v.background = Some(if primary { t.accent } else { t.surface_raised });
    }
    v
}

/// The label colour of a key.
fn label_color(t: &Theme, focused: bool, primary: bool) -> Color {
    match (focused, primary) {
        (true, _) => t.background,
        (false, true) => t.on_accent,
        (false, false) => t.text,
    }
}

fn key(sh: &Rc<Shared>, action: KeyAction, label: String, width: f32, initial: bool) -> El {
    let (keys, focus_sh) = (sh.clone(), sh.clone());
    let primary = action == KeyAction::Submit;
    let key_h = sh.key_size.1;
    let el = El::new()
        .name(key_name(action))
        .size(width, sh.key_size.1)
        .shrink(0.0)
        .center()
        .transition("scale 120ms ease-out")
        .with(Key { action })
        .role(tenfoot_toolkit::Role::Key)
        .focusable()
        .on_focus(move |ctx| {
            let me = Some(ctx.target());
            if focus_sh.current.get() != me {
                focus_sh.previous.set(focus_sh.current.replace(me));
            }
        })
        .on_key(move |ctx, ev| key_pressed(&keys, ctx, ev, action))
        // A label too long for its key (a translation, an app's submit label) is laid out
        // within the padding and ends in an ellipsis instead of spilling over the neighbours.
        .padding_xy(3.0, 0.0)
        .child(El::new().name("label").text(label).single_line().text_align(TextAlign::Center))
        // The theme's resting look and focus look (the key's scale transition animates the
        // lift), restyled at rest when the theme changes.
        .bind(move |app, e| {
            let t = theme(app);
            app.with_resting_look(e, |app| {
                let v = key_visual(&t, false, primary);
                if app.world().get::<&Visual>(e).map(|old| *old != v).unwrap_or(true) {
                    app.update_visual(e, |old| *old = v);
                }
                let focus = FocusStyle {
                    visual: Some(key_visual(&t, true, primary)),
                    text_color: Some(label_color(&t, true, primary)),
                };
                let _ = app.world_mut().insert_one(e, focus);
                let Some(label) = tree::children(app.world(), e).first().copied() else { return };
                // Body text, smaller on small keys (a compact keyboard in a side panel).
                let (body, _, line_height) = t.text_style(TextRole::Body);
                let size = body.min((key_h * 0.5).round()).max(1.0);
                let (color, weight) = (label_color(&t, false, primary), FontWeight::SEMIBOLD);
                let stale = app.world().get::<&TextContent>(label).map(|c| {
                    c.color != color
                        || c.style.size != size
                        || c.style.weight != weight
                        || c.style.line_height != line_height
                });
                if stale.unwrap_or(false) {
                    app.update_text(label, |c| {
                        c.color = color;
                        c.style = TextStyle { size, weight, line_height, ..c.style };
                    });
                }
            });
        });
    if initial {
        el.initial_focus()
    } else {
        el
    }
}

/// Select on a key, Up from a wide key, and typed keys (a desktop keyboard) into the value.
fn key_pressed(sh: &Rc<Shared>, ctx: &mut EventCtx<'_>, ev: &KeyEvent, action: KeyAction) -> Handled {
    match ev.key {
        RemoteKey::Char(_) | RemoteKey::Delete => crate::text_input::typed_key(ctx, sh.value, ev),
        RemoteKey::Select => {
            let repeats = matches!(action, KeyAction::Char(_) | KeyAction::Space | KeyAction::Backspace);
            if ev.phase == KeyPhase::Press || (ev.phase == KeyPhase::Repeat && repeats) {
                run(ctx, sh, action);
            }
            // A key owns Select in every phase: its release must not reach a parent's handler.
            Handled::Yes
        }
        RemoteKey::Up if ev.is_activation() && !matches!(action, KeyAction::Char(_)) => {
            match back_up(ctx.world(), sh, ctx.target()) {
                Some(k) => {
                    ctx.set_focus(k);
                    Handled::Yes
                }
                None => Handled::No,
            }
        }
        _ => Handled::No,
    }
}

/// Up from the wide key `from`: the key focused before it, when that is in the row just above
/// and within `from`'s columns (you came down from it); else the search decides.
fn back_up(world: &World, sh: &Shared, from: Entity) -> Option<Entity> {
    let last = sh.previous.get().filter(|e| *e != from && world.contains(*e))?;
    let (me, k) = (screen_rect(world, from)?, screen_rect(world, last)?);
    let board = tree::ancestors(world, from).into_iter().find(|a| world.get::<&Keyboard>(*a).is_ok())?;
    let within = k.x + k.width / 2.0 > me.x && k.x + k.width / 2.0 < me.right();
    // The nearest row above `from`: the lowest bottom edge among the keys above it.
    let row_above = tree::subtree(world, board)
        .into_iter()
        .filter(|e| world.get::<&Key>(*e).is_ok())
        .filter_map(|e| screen_rect(world, e))
        .map(|r| r.bottom())
        .filter(|b| *b <= me.y + 0.5)
        .fold(f32::MIN, f32::max);
    (within && (k.bottom() - row_above).abs() < 0.5).then_some(last)
}

/// What Select on a key does.
fn run(app: &mut App, sh: &Shared, action: KeyAction) {
    match action {
        KeyAction::Char(c) => {
            edit_text(app, sh.value, TextEdit::Insert(c.to_string()));
        }
        KeyAction::Space => {
            edit_text(app, sh.value, TextEdit::Space);
        }
        KeyAction::Backspace => {
            edit_text(app, sh.value, TextEdit::Backspace);
        }
        KeyAction::Clear => {
            edit_text(app, sh.value, TextEdit::Clear);
        }
        KeyAction::Switch => {
            if let Some(page) = sh.page.get() {
                let n = sh.layouts.len().max(1);
                page.update(app, |p| *p = (*p + 1) % n);
            }
        }
        KeyAction::Submit => {
            let Some(f) = sh.submit.clone() else { return };
            let text = sh.value.get_untracked(app).unwrap_or_default();
            // Handler commands run outside the toolkit's panic boundary: keep the app's
            // callback inside one of ours.
            if let Err(p) = catch_unwind(AssertUnwindSafe(|| f(app, text))) {
                let msg = tenfoot_toolkit::panic_message(p.as_ref());
                app.report(FrameError::new(ErrorKind::Panic, format!("keyboard: on_submit panicked: {msg}")));
            }
        }
    }
}

/// The rows of character keys of layout `page`.
fn char_rows(sh: &Rc<Shared>, page: usize) -> Vec<El> {
    let Some(layout) = sh.layouts.get(page) else { return Vec::new() };
    layout
        .keys
        .chunks(sh.columns)
        .enumerate()
        .map(|(r, chunk)| {
            row().name(format!("row-{r}")).gap(sh.gap).rtl(layout.rtl).children(chunk.iter().enumerate().map(
                |(i, c)| {
                    key(sh, KeyAction::Char(*c), char_label(*c), sh.key_size.0, sh.initial_focus && r == 0 && i == 0)
                },
            ))
        })
        .collect()
}

/// Columns a wide key of `weight` spans (its span in the default six-column grid) in a grid
/// of `columns`: wider grids give wide keys more columns (a twelve-column grid of small keys
/// still has room for "Clear"), halves rounding down; at least one.
fn span(weight: usize, columns: usize) -> usize {
    ((weight * columns + 2) / 6).max(1)
}

/// The wide keys, each spanning its columns, packed into rows as wide as the grid; the last
/// key of a row stretches to the row's end, so every edge lines up with the columns above.
fn action_rows(sh: &Rc<Shared>, submit_label: Option<String>) -> Vec<El> {
    let mut keys: Vec<(KeyAction, usize, String)> = Vec::new();
    let mut seen = Vec::new();
    for action in sh.actions.iter().copied() {
        if seen.contains(&action) {
            continue;
        }
        seen.push(action);
        let key = match action {
            KeyAction::Switch if sh.layouts.len() > 1 => {
                (1, sh.layouts.get(1).map(|l| l.label.clone()).unwrap_or_default())
            }
            // Icons say what the special keys do at a glance; a one-column key has room for
            // the icon only (readers say the words, `spoken` below).
            KeyAction::Space => (2, icon_text(Icon::Space, "Space")),
            KeyAction::Backspace => (2, icon_text(Icon::Backspace, "Delete")),
            KeyAction::Clear => (1, icon_text(Icon::Close, "")),
            KeyAction::Submit => match &submit_label {
                Some(label) => (2, label.clone()),
                None => continue,
            },
            KeyAction::Switch | KeyAction::Char(_) => continue,
        };
        keys.push((action, span(key.0, sh.columns), key.1));
    }
    let mut rows: Vec<Vec<(KeyAction, usize, String)>> = vec![Vec::new()];
    let mut used = 0;
    for (action, span, label) in keys {
        let span = span.min(sh.columns);
        if used + span > sh.columns {
            rows.push(Vec::new());
            used = 0;
        }
        used += span;
        if let Some(r) = rows.last_mut() {
            r.push((action, span, label));
        }
    }
    rows.into_iter()
        .filter(|r| !r.is_empty())
        .enumerate()
        .map(|(r, mut keys)| {
            let used: usize = keys.iter().map(|k| k.1).sum();
            if let Some(last) = keys.last_mut() {
                last.1 += sh.columns.saturating_sub(used);
            }
            row().name(format!("actions-{r}")).gap(sh.gap).children(keys.into_iter().map(|(action, span, label)| {
                let el = key(sh, action, label, sh.span_width(span), false);
                match spoken(action) {
                    Some(words) => el.label(words),
                    None => el,
                }
            }))
        })
        .collect()
}

/// What a reader says for a special key whose face is (or starts with) an icon.
fn spoken(action: KeyAction) -> Option<&'static str> {
    match action {
        KeyAction::Space => Some("Space"),
        KeyAction::Backspace => Some("Delete"),
        KeyAction::Clear => Some("Clear"),
        _ => None,
    }
}

/// Shows layout `page`: the character rows are rebuilt (a layout switch is rare, and its keys
/// are other characters), the switch key names the layout after it.
fn show_page(app: &mut App, root: Entity, sh: &Rc<Shared>, page: usize) {
    sh.built.set(page);
    let Some(grid) = tree::find_by_name(app.world(), root, "keys") else { return };
    for old in tree::children(app.world(), grid) {
        app.despawn(old);
    }
    for r in char_rows(sh, page) {
        app.mount(grid, r);
    }
    let next = sh.layouts.get((page + 1) % sh.layouts.len().max(1)).map(|l| l.label.clone()).unwrap_or_default();
    let switch = tree::subtree(app.world(), root)
        .into_iter()
        .find(|e| app.world().get::<&Key>(*e).map(|k| k.action == KeyAction::Switch).unwrap_or(false));
    if let Some(label) = switch.and_then(|s| tree::children(app.world(), s).first().copied()) {
        app.set_text(label, next);
    }
}

impl From<KeyboardBuilder> for El {
    fn from(b: KeyboardBuilder) -> El {
        let (submit_label, submit) = match b.submit {
            Some((l, f)) => (Some(l), Some(f)),
            None => (None, None),
        };
        let sh = Rc::new(Shared {
            value: b.value,
            layouts: b.layouts,
            columns: b.columns.clamp(1, 32),
            key_size: b.key_size,
            gap: b.gap,
            submit,
            actions: b.actions,
            initial_focus: b.initial_focus,
            page: Cell::new(None),
            built: Cell::new(0),
            current: Cell::new(None),
            previous: Cell::new(None),
        });
        let pages = sh.clone();
        column()
            .name(b.name.unwrap_or_else(|| "keyboard".to_owned()))
            .direction(Direction::Column)
            .gap(sh.gap)
            .shrink(0.0)
            .with(Keyboard { value: sh.value })
            .focus_scope(FocusScope::remembered())
            .child(column().name("keys").gap(sh.gap).children(char_rows(&sh, 0)))
            .children(action_rows(&sh, submit_label))
            // Runs after the keys are mounted: makes the layout signal, then follows it.
            .bind(move |app, root| {
                let page = match pages.page.get() {
                    Some(p) => p,
                    None => {
                        let p = app.signal_owned(root, 0usize);
                        pages.page.set(Some(p));
                        p
                    }
                };
                let p = page.get(app).min(pages.layouts.len().saturating_sub(1));
                if p != pages.built.get() {
                    show_page(app, root, &pages, p);
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_input::text_input;
    use crate::theme::set_theme;
    use std::time::Duration;
    use tenfoot_toolkit::{Align, Name};

    /// A field (limited to `max` characters) over a keyboard built by `kb`, focus on its first key.
    fn setup(max: Option<usize>, kb: impl FnOnce(Signal<String>) -> KeyboardBuilder) -> (App, Signal<String>) {
        let mut app = App::headless();
        let q = app.signal(String::new());
        let mut input = text_input(q).placeholder("Search");
        if let Some(m) = max {
            input = input.max_len(m);
        }
        app.set_root(column().gap(24.0).align_items(Align::Start).child(input).child(kb(q).initial_focus()));
        app.frame(Duration::ZERO, &[]);
        (app, q)
    }

    fn focused(app: &App) -> String {
        app.focused().and_then(|e| app.world().get::<&Name>(e).ok().map(|n| n.0.clone())).unwrap_or_default()
    }

    fn label(app: &App, key: &str) -> String {
        let k = app.find(key).unwrap();
        let l = tree::children(app.world(), k)[0];
        app.world().get::<&TextContent>(l).unwrap().text.clone()
    }

    fn rect(app: &App, name: &str) -> tenfoot_renderer::Rect {
        app.find(name).and_then(|e| app.rect(e)).unwrap()
    }

    #[test]
    fn dpad_and_select_type_into_the_signal_and_held_select_repeats() {
        let (mut app, q) = setup(None, keyboard);
        assert_eq!(focused(&app), "key-a");
        app.press_keys("Right Right Select").unwrap();
        assert_eq!(q.get(&app), "c");
        app.press_keys("Down Down Select").unwrap();
        assert_eq!(q.get(&app), "co", "two rows of six down from c is o");
        assert_eq!(label(&app, "key-o"), "O", "letters show in upper case, type in lower");
        let t = app.now();
        app.frame(t, &[KeyEvent::press(RemoteKey::Select)]);
        app.frame(t, &[KeyEvent::repeat(RemoteKey::Select)]);
        app.frame(t, &[KeyEvent::long_press(RemoteKey::Select)]);
        app.frame(t, &[KeyEvent::release(RemoteKey::Select)]);
        assert_eq!(q.get(&app), "cooo", "press and repeat type, long press and release do not");
    }

    #[test]
    fn typed_keys_edit_the_value_whichever_key_has_focus() {
        let (mut app, q) = setup(Some(5), keyboard);
        assert_eq!(crate::text_input::typing_target(&app), Some(q), "focus in the keyboard takes text");
        app.press_keys("Right Char:A Char:b Char:U+0020 Char:U+0020 Char:é").unwrap();
        assert_eq!(q.get(&app), "Ab é", "characters as typed; a doubled space is one");
        assert_eq!(focused(&app), "key-b", "typing does not move focus");
        app.press_keys("Delete Char:x Char:y Char:z").unwrap();
        assert_eq!(q.get(&app), "Ab xy", "Delete erases one; the field's limit holds");
    }

    #[test]
    fn nothing_takes_typed_keys_outside_a_field() {
        let mut app = App::headless();
        app.set_root(column().child(El::new().name("b").size(80.0, 40.0).focusable()));
        app.frame(Duration::ZERO, &[]);
        assert_eq!(crate::text_input::typing_target(&app), None);
        let frame = app.press(RemoteKey::Char('m'));
        assert!(frame.unhandled.iter().any(|e| e.key == RemoteKey::Char('m')), "{:?}", frame.unhandled);
    }

    #[test]
    fn delete_clear_and_space() {
        let (mut app, q) = setup(None, keyboard);
        app.press_keys("Select Right Select").unwrap();
        assert_eq!(q.get(&app), "ab");
        // Six rows down: the wide keys (switch, space, delete, clear).
        app.press_keys("Down Down Down Down Down Down").unwrap();
        assert_eq!(focused(&app), "key-space", "b is in space's columns");
        app.press_keys("Select Select").unwrap();
        assert_eq!(q.get(&app), "ab ", "one space, never two");
        app.press_keys("Right Select Select").unwrap();
        assert_eq!((focused(&app).as_str(), q.get(&app).as_str()), ("key-delete", "a"));
        app.press_keys("Right Select").unwrap();
        assert_eq!((focused(&app).as_str(), q.get(&app).as_str()), ("key-clear", ""));
        app.press_keys("Select Left Select").unwrap();
        assert_eq!(q.get(&app), "", "clearing or deleting nothing is harmless");
    }

    #[test]
    fn the_fields_max_len_stops_typing() {
        let (mut app, q) = setup(Some(3), keyboard);
        app.press_keys("Select Select Select Select Select").unwrap();
        assert_eq!(q.get(&app), "aaa");
        app.press_keys("Down Down Down Down Down Down Right Select").unwrap();
        assert_eq!(q.get(&app), "aaa", "space is a character too");
    }

    #[test]
    fn down_lands_on_the_wide_key_under_it_and_up_goes_back_to_the_column() {
        let (mut app, _) = setup(None, keyboard);
        let space = rect(&app, "key-space");
        app.press_keys("Right Right Down Down Down Down Down").unwrap();
        assert_eq!(focused(&app), "key-6", "the last row, third column");
        app.press(RemoteKey::Down);
        assert_eq!(focused(&app), "key-space");
        app.press(RemoteKey::Up);
        assert_eq!(focused(&app), "key-6", "back to the column we came from, not the first one under space");
        app.press_keys("Left Down Up").unwrap();
        assert_eq!(focused(&app), "key-5");
        // Wide keys line up with the columns above them.
        let (five, six) = (rect(&app, "key-5"), rect(&app, "key-6"));
        assert_eq!((space.x, space.right()), (five.x, six.right()));
        app.press_keys("Down Right Right Up").unwrap();
        assert_eq!(focused(&app), "key-9", "clear spans the last column: straight up");
        app.press_keys("Down Up Up").unwrap();
        assert_eq!(focused(&app), "key-3", "rows above move by the search");
    }

    #[test]
    fn the_switch_key_shows_the_symbols_and_back() {
        let (mut app, q) = setup(None, keyboard);
        assert_eq!(label(&app, "key-switch"), "#+=");
        app.press_keys("Down Down Down Down Down Down").unwrap();
        assert_eq!(focused(&app), "key-switch");
        app.press(RemoteKey::Select);
        assert_eq!(focused(&app), "key-switch", "focus stays on the switch");
        assert!(app.find("key-a").is_none() && app.find("key-u002d").is_some());
        assert_eq!(label(&app, "key-switch"), "ABC");
        app.press_keys("Up Up Up Up Up Up Select").unwrap();
        assert_eq!(focused(&app), "key-u002d");
        assert_eq!(q.get(&app), "-");
        app.press_keys("Down Down Down Down Down Down Select").unwrap();
        assert!(app.find("key-a").is_some());
        let before = app.reactive_stats();
        app.press_keys("Select Select").unwrap();
        assert_eq!(app.reactive_stats(), before, "switching there and back leaks no key state");
    }

    #[test]
    #[expect(clippy::panic, reason = "the callback panics on purpose")]
    fn on_submit_gets_the_text_and_a_panic_in_it_is_reported() {
        let mut app = App::headless();
        let q = app.signal("dune".to_owned());
        let got = app.signal(String::new());
        app.set_root(
            column()
                .child(keyboard(q).columns(4).on_submit("Search", move |app, s| got.set(app, s)).name("kb"))
                .child(keyboard(q).layouts([KeyLayout::letters()]).on_submit("Go", |_, _| panic!("boom")).name("kb2")),
        );
        app.frame(Duration::ZERO, &[]);
        let submit = tree::find_by_name(app.world(), app.find("kb").unwrap(), "key-submit").unwrap();
        assert_eq!(app.rect(submit).unwrap().width, 4.0 * 88.0 + 3.0 * 12.0, "submit gets a row of its own");
        app.set_focus(submit);
        app.press(RemoteKey::Select);
        assert_eq!(got.get(&app), "dune");
        let other = tree::find_by_name(app.world(), app.find("kb2").unwrap(), "key-submit").unwrap();
        app.set_focus(other);
        let frame = app.press(RemoteKey::Select);
        assert!(frame.errors.iter().any(|e| e.contains("on_submit panicked: boom")), "{:?}", frame.errors);
        assert!(tree::find_by_name(app.world(), app.find("kb2").unwrap(), "key-switch").is_none(), "one layout");
    }

    #[test]
    fn a_pin_pad_chooses_its_wide_keys() {
        let (app, _) = setup(Some(4), |q| {
            keyboard(q)
                .layouts([KeyLayout::new("123", "1234567890".chars())])
                .columns(5)
                .actions([
                    KeyAction::Backspace,
                    KeyAction::Clear,
                    KeyAction::Space,
                    KeyAction::Submit,
                    KeyAction::Clear,
                ])
                .actions([KeyAction::Backspace, KeyAction::Clear, KeyAction::Submit, KeyAction::Clear])
                .on_submit("Sign in", |_, _| {})
        });
        assert!(app.find("key-space").is_none() && app.find("key-switch").is_none());
        let (d, c, s) = (rect(&app, "key-delete"), rect(&app, "key-clear"), rect(&app, "key-submit"));
        assert_eq!((d.y, c.y), (s.y, s.y), "one row");
        assert_eq!(s.right(), rect(&app, "key-0").right(), "as wide as the digits");
        assert!(app.find("actions-1").is_none(), "a listed key shows once");
    }

    #[test]
    fn latin_rows_stay_left_to_right_in_an_rtl_app_and_rtl_layouts_mirror() {
        let mut app = App::headless();
        let q = app.signal(String::new());
        app.set_root(
            row().rtl(true).child(keyboard(q).name("latin")).child(
                keyboard(q)
                    .layouts([KeyLayout::new("\u{5d0}\u{5d1}", "\u{5d0}\u{5d1}\u{5d2}".chars()).rtl()])
                    .name("hebrew"),
            ),
        );
        app.layout();
        let (latin, hebrew) = (app.find("latin").unwrap(), app.find("hebrew").unwrap());
        let r = |root, n: &str| app.rect(tree::find_by_name(app.world(), root, n).unwrap()).unwrap();
        assert!(r(latin, "key-a").x < r(latin, "key-b").x);
        assert!(r(hebrew, "key-\u{5d0}").x > r(hebrew, "key-\u{5d1}").x, "alef starts at the right");
    }

    #[test]
    fn the_fields_caret_shows_while_a_key_has_focus() {
        let mut app = App::headless();
        let q = app.signal(String::new());
        app.set_root(
            column()
                .gap(24.0)
                .child(text_input(q).name("field"))
                .child(keyboard(q).initial_focus())
                .child(El::new().name("elsewhere").size(100.0, 40.0).focusable()),
        );
        app.frame(Duration::ZERO, &[]);
        let caret = |app: &App| app.world().get::<&Visual>(app.find("caret").unwrap()).unwrap().opacity;
        let border = |app: &App| app.world().get::<&Visual>(app.find("field").unwrap()).unwrap().border;
        assert_eq!(caret(&app), 1.0);
        assert_eq!(border(&app), Some((2.0, Theme::dark().accent)));
        app.press_keys("Right Down").unwrap();
        assert_eq!(caret(&app), 1.0, "still typing");
        app.set_focus(app.find("elsewhere").unwrap());
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(caret(&app), 0.0);
        assert_eq!(border(&app), Some((2.0, Theme::dark().surface_raised)));
    }

    #[test]
    fn focus_looks_follow_the_theme() {
        let (mut app, _) = setup(None, keyboard);
        let bg = |app: &App, n: &str| app.world().get::<&Visual>(app.find(n).unwrap()).unwrap().background;
        assert_eq!(bg(&app, "key-a"), Some(Theme::dark().text));
        assert_eq!(bg(&app, "key-b"), Some(Theme::dark().surface_raised));
        set_theme(&mut app, Theme::light());
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(bg(&app, "key-a"), Some(Theme::light().text));
        app.press(RemoteKey::Right);
        assert_eq!(bg(&app, "key-a"), Some(Theme::light().surface_raised));
        assert_eq!(bg(&app, "key-b"), Some(Theme::light().text));
        set_theme(&mut app, Theme::high_contrast());
        app.frame(Duration::from_millis(32), &[]);
        let b = app.world().get::<&Visual>(app.find("key-b").unwrap()).unwrap().border;
        assert_eq!(b.map(|b| b.1), Some(Theme::high_contrast().focus_ring), "a yellow ring in high contrast");
    }

    #[test]
    fn keys_focus_passed_over_in_one_instant_settle_unscaled() {
        let (mut app, _) = setup(None, keyboard);
        app.press_keys("Right Right").unwrap();
        for i in 1..20u64 {
            app.frame(Duration::from_millis(25 * i), &[]);
        }
        let scale = |n: &str| app.world().get::<&Visual>(app.find(n).unwrap()).unwrap().scale.x;
        assert_eq!((scale("key-a"), scale("key-b"), scale("key-c")), (1.0, 1.0, 1.06));
    }

    #[test]
    fn wide_keys_take_more_columns_in_wider_grids() {
        assert_eq!([1, 2, 2, 1].map(|w| span(w, 6)), [1, 2, 2, 1]);
        assert_eq!([1, 2, 2, 1].map(|w| span(w, 12)), [2, 4, 4, 2]);
        assert_eq!(
            [1, 2, 2, 1].map(|w| span(w, 9)),
            [1, 3, 3, 1],
            "halves round down; the row's last key takes the rest"
        );
        assert_eq!([2, 1, 2].map(|w| span(w, 5)), [2, 1, 2]);
        assert_eq!([1, 2].map(|w| span(w, 1)), [1, 1]);
        let (app, _) = setup(None, |q| keyboard(q).columns(9).key_size(52.0, 44.0).gap(8.0));
        let clear = rect(&app, "key-clear");
        assert_eq!(clear.width, 2.0 * 52.0 + 8.0, "stretched to the end of the row");
        assert_eq!(clear.right(), rect(&app, "key-i").right());
    }

    #[test]
    fn a_long_label_stays_inside_its_key() {
        let (app, _) =
            setup(None, |q| keyboard(q).on_submit("Search the whole catalogue for it now", |_, _| {}).columns(2));
        let key = rect(&app, "key-submit");
        let label = app.rect(tree::children(app.world(), app.find("key-submit").unwrap())[0]).unwrap();
        assert!(label.x >= key.x && label.right() <= key.right(), "{label:?} in {key:?}");
    }

    #[test]
    fn odd_sizes_never_panic() {
        let mut app = App::headless();
        let q = app.signal(String::new());
        app.set_root(
            column()
                .child(keyboard(q).columns(0).key_size(f32::NAN, -4.0).gap(f32::INFINITY))
                .child(keyboard(q).layouts([]).columns(1000))
                .child(keyboard(q).layouts([KeyLayout::new("x", "\n\t ".chars())])),
        );
        app.frame(Duration::ZERO, &[]);
        app.press_keys("Down Select Right Select Up Select Down Down Select").unwrap();
    }
}
