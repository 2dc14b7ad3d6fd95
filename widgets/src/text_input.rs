//! TextInput: a one-line text field showing a `Signal<String>`, the TV search box. It shows a
//! muted placeholder while the value is empty, a caret while it is being edited, and, when the
//! text is wider than the field, its end after a leading ellipsis ("…night train"), so the
//! letters just typed are always in view. Secure mode shows a dot per character.
//!
//! A remote has no letters: text arrives through an on-screen [`keyboard`](crate::keyboard)
//! bound to the same signal, or as typed keys ([`RemoteKey::Char`], [`RemoteKey::Delete`]: a
//! desktop keyboard in the preview, a device's IME), which the keyboard's keys and a focusable
//! field take ([`typed_key`]); [`typing_target`] tells a host when typed keys have somewhere to
//! go (the preview then sends letters as text, not as remote buttons). The two find each other through the signal: the field is lit
//! and shows its caret while focus is on a key of a keyboard editing its value, and the keyboard
//! keeps within the field's [`max_len`](TextInputBuilder::max_len). A `focusable()` field rings
//! like other controls, and Select on it moves focus into its keyboard.
//!
//! The caret is steady: a blink would make every idle frame repaint and screenshots depend on
//! the time they were taken at.

use tenfoot_renderer::{Corners, FontLibrary, TextStyle};
use tenfoot_toolkit::{
    tree, Align, App, Direction, El, Entity, EventCtx, FocusMemory, Focusable, Handled, KeyEvent, RemoteKey, Signal,
    Style, Visual,
};

use crate::keyboard::Keyboard;
use crate::text::styled_text;
use crate::theme::{theme, ColorToken, TextRole, Theme};

/// Marks a text field and says what it shows and how long that may grow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextInput {
    pub value: Signal<String>,
    /// At most this many characters (Unicode scalar values); `None`: unlimited.
    pub max_len: Option<usize>,
}

/// A change to a text value: what a keyboard key, or a host delivering text, does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextEdit {
    /// Appends the text (control characters are dropped), as far as the length limit allows.
    Insert(String),
    /// Appends a space, unless the text is empty or already ends in one: on a remote a doubled
    /// press is far more often a slip than a wish for two spaces.
    Space,
    /// Removes the last character.
    Backspace,
    /// Empties the text.
    Clear,
}

/// The tightest `max_len` of the text fields showing `value`.
fn max_len_of(app: &App, value: Signal<String>) -> Option<usize> {
    app.world().query::<&TextInput>().iter().filter(|t| t.value == value).filter_map(|t| t.max_len).min()
}

/// Applies `edit` to `value`, keeping it within the `max_len` of every [`TextInput`] showing it.
/// Returns whether the value changed (an unchanged value wakes nothing). Never panics: a
/// disposed signal is left alone.
pub fn edit_text(app: &mut App, value: Signal<String>, edit: TextEdit) -> bool {
    let Some(old) = value.get_untracked(app) else { return false };
    let limit = max_len_of(app, value).unwrap_or(usize::MAX);
    let mut new = old.clone();
    let mut room = limit.saturating_sub(new.chars().count());
    match edit {
        TextEdit::Insert(s) => {
            for c in s.chars().filter(|c| !c.is_control()) {
                if room == 0 {
                    break;
                }
                new.push(c);
                room -= 1;
            }
        }
        TextEdit::Space => {
            if room > 0 && !new.is_empty() && !new.ends_with(' ') {
                new.push(' ');
            }
        }
        TextEdit::Backspace => {
            new.pop();
        }
        TextEdit::Clear => new.clear(),
    }
    value.set_if_changed(app, new)
}

/// Handles a typed key ([`RemoteKey::Char`], [`RemoteKey::Delete`]) for an element editing
/// `value`: presses and repeats edit (a space through [`TextEdit::Space`]), the other phases
/// are taken too, so a parent never sees half a key. Other keys: `Handled::No`.
pub fn typed_key(ctx: &mut EventCtx<'_>, value: Signal<String>, ev: &KeyEvent) -> Handled {
    let edit = match ev.key {
        RemoteKey::Char(' ') => TextEdit::Space,
        RemoteKey::Char(c) => TextEdit::Insert(c.to_string()),
        RemoteKey::Delete => TextEdit::Backspace,
        _ => return Handled::No,
    };
    if ev.is_activation() {
        ctx.defer(move |app| {
            edit_text(app, value, edit);
        });
    }
    Handled::Yes
}

/// The value typed keys would edit now: that of the focused text field, or of the on-screen
/// keyboard focus is in. `None`: nothing takes text, so a host keeps letter keys as remote
/// buttons (M for Menu, P for PlayPause).
pub fn typing_target(app: &App) -> Option<Signal<String>> {
    let f = app.focused()?;
    let world = app.world();
    if let Ok(field) = world.get::<&TextInput>(f) {
        return Some(field.value);
    }
    std::iter::once(f).chain(tree::ancestors(world, f)).find_map(|a| world.get::<&Keyboard>(a).ok().map(|k| k.value))
}

/// Whether `field`'s value is being edited: focus is on the field or on a key of a keyboard
/// bound to the same value. Reads focus tracked, so a binding calling it follows focus.
fn editing(app: &App, field: Entity, value: Signal<String>) -> bool {
    let Some(f) = app.focus_tracked() else { return false };
    let world = app.world();
    f == field
        || std::iter::once(f)
            .chain(tree::ancestors(world, f))
            .any(|a| world.get::<&Keyboard>(a).map(|k| k.value == value).unwrap_or(false))
}

/// The keyboard editing `value`, and the key focus should go to in it: the one it remembers,
/// else its first key.
pub(crate) fn keyboard_key_for(app: &App, value: Signal<String>) -> Option<Entity> {
    let world = app.world();
    let kb = world.query::<(Entity, &Keyboard)>().iter().find(|(_, k)| k.value == value).map(|(e, _)| e)?;
    let remembered = world.get::<&FocusMemory>(kb).ok().and_then(|m| m.0).filter(|e| world.contains(*e));
    remembered.or_else(|| tree::subtree(world, kb).into_iter().find(|e| world.get::<&Focusable>(*e).is_ok()))
}

/// Builder for a text field.
#[derive(Clone, Debug)]
pub struct TextInputBuilder {
    value: Signal<String>,
    placeholder: String,
    max_len: Option<usize>,
    secure: bool,
    width: f32,
    focusable: bool,
    name: Option<String>,
}

/// A text field showing `value`.
pub fn text_input(value: Signal<String>) -> TextInputBuilder {
    TextInputBuilder {
        value,
        placeholder: String::new(),
        max_len: None,
        secure: false,
        width: 600.0,
        focusable: false,
        name: None,
    }
}

impl TextInputBuilder {
    /// The muted hint shown while the value is empty ("Titles, genres, moods").
    pub fn placeholder(mut self, s: impl Into<String>) -> Self {
        self.placeholder = s.into();
        self
    }
    /// At most `n` characters: keyboards and [`edit_text`] stop there. Text written to the
    /// signal directly is shown as it is.
    pub fn max_len(mut self, n: usize) -> Self {
        self.max_len = Some(n);
        self
    }
    /// Shows a dot for each character (PINs, passwords).
    pub fn secure(mut self) -> Self {
        self.secure = true;
        self
    }
    /// Width in logical px (default 600). A number, not a percentage: the field fits its text
    /// to it.
    pub fn width(mut self, w: f32) -> Self {
        self.width = w;
        self
    }
    /// The field takes focus itself (ringed like other controls); Select moves focus into the
    /// keyboard bound to the same value.
    pub fn focusable(mut self) -> Self {
        self.focusable = true;
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Height of the field and its horizontal padding, in logical px.
const HEIGHT: f32 = 76.0;
const PAD_X: f32 = 24.0;
/// The caret: width, the gap before it, and its height relative to the font size.
const CARET_W: f32 = 3.0;
const CARET_GAP: f32 = 3.0;
const CARET_HEIGHT: f32 = 1.2;

/// The field's box: at rest a quiet outline; editing (its keyboard has focus) an accent
/// outline; focused itself the theme's focus ring on a raised fill.
pub fn text_input_visual(t: &Theme, focused: bool, editing: bool) -> Visual {
    let border = if focused {
        (t.focus_ring_width, t.focus_ring)
    } else if editing {
        (2.0, t.accent)
    } else {
        (2.0, t.surface_raised)
    };
    Visual {
        background: Some(if focused { t.surface_raised } else { t.surface }),
        border: Some(border),
        radii: Corners::all(t.radius.small),
        // A safety net: the text is fitted to the field, but a font without a glyph's real
        // width (a fallback face) must not spill over the edge.
        clip: true,
        ..Visual::default()
    }
}

/// `s` if it fits `room` px, else its longest tail that fits after an ellipsis.
fn fit_end(fonts: &mut FontLibrary, s: &str, style: &TextStyle, room: f32) -> String {
    // Only the last characters can be shown; never shape more than could fit (a glyph is at
    // least a fifth of the font size wide), so a huge value costs no more than a short one.
    let most = (room / (style.size * 0.2)).ceil().max(1.0) as usize;
    let n = s.chars().count();
    let s = match s.char_indices().nth(n.saturating_sub(most)) {
        Some((i, _)) if n > most => &s[i..],
        _ => s,
    };
    if n <= most && fonts.measure(s, style, None).width <= room {
        return s.to_owned();
    }
    let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let with_dots = |k: usize| format!("\u{2026}{}", &s[starts[k]..]);
    // The fewest characters dropped (from the start) for the rest to fit after the ellipsis.
    let (mut lo, mut hi) = (1, starts.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fonts.measure(&with_dots(mid), style, None).width <= room {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    with_dots(lo)
}

impl From<TextInputBuilder> for El {
    fn from(b: TextInputBuilder) -> El {
        let TextInputBuilder { value, placeholder, max_len, secure, width, focusable, name } = b;
        let field_label = placeholder.clone();
        let room = (width - 2.0 * PAD_X - CARET_W - CARET_GAP - 1.0).max(0.0);
        // The value, fitted to the field: its end stays in view.
        let shown = El::new().text("").name("value").shrink(0.0).bind(move |app, e| {
            let v = value.get(app);
            let t = theme(app);
            let (size, weight, line_height) = t.text_style(TextRole::Body);
            let style = TextStyle { size, weight, line_height, wrap: false, max_lines: 0, ..TextStyle::default() };
            // A big dot per character: the bullet (U+2022) is too small to count from a sofa.
            let v = if secure { "\u{25cf}".repeat(v.chars().count()) } else { v };
            let fitted = fit_end(&mut app.resources_mut().fonts, &v, &style, room);
            let hidden = fitted.is_empty();
            let changed = app
                .world()
                .get::<&tenfoot_toolkit::TextContent>(e)
                .map_or(true, |c| c.text != fitted || c.style != style || c.color != t.text);
            if changed {
                app.update_text(e, |c| {
                    c.text = fitted;
                    c.style = style;
                    c.color = t.text;
                });
            }
            if app.world().get::<&Style>(e).map(|s| s.display_none != hidden).unwrap_or(false) {
                app.update_style(e, |s| s.display_none = hidden);
            }
        });
        let caret = El::new().name("caret").width(CARET_W).shrink(0.0);
        let hint = styled_text(placeholder, TextRole::Body, ColorToken::TextMuted)
            .name("placeholder")
            .single_line()
            .grow(1.0)
            .min_width(0.0)
            .margin_edges(tenfoot_toolkit::Edges { left: CARET_GAP, ..Default::default() })
            .bind_visible(move |app| value.with(app, String::is_empty));
        let mut el = El::new()
            .name(name.unwrap_or_else(|| "text-input".to_owned()))
            .direction(Direction::Row)
            .align_items(Align::Center)
            .width(width)
            .height(HEIGHT)
            .shrink(0.0)
            .padding_xy(PAD_X, 0.0)
            .visual(|v| *v = text_input_visual(&Theme::dark(), false, false))
            .with(TextInput { value, max_len })
            .role(tenfoot_toolkit::Role::TextField)
            .label(field_label)
            .bind_semantics(move |app, s| {
                let v = value.get(app);
                s.value = Some(if secure { format!("{} characters", v.chars().count()) } else { v });
            })
            .child(shown)
            .child(caret)
            .child(hint)
            // Children mount before their parent, so the field's own binding (run once they
            // are attached) draws the caret too.
            .bind(move |app, e| {
                let t = theme(app);
                let focused = app.focus_tracked() == Some(e);
                let on = editing(app, e, value);
                let look = text_input_visual(&t, focused, on);
                if app.world().get::<&Visual>(e).map(|v| *v != look).unwrap_or(true) {
                    app.update_visual(e, |v| *v = look);
                }
                let Some(caret) = tree::find_by_name(app.world(), e, "caret") else { return };
                let h = tenfoot_toolkit::px((t.text_style(TextRole::Body).0 * CARET_HEIGHT).round());
                // After the text; in an empty field, in the padding just before the text's
                // start, so the placeholder lines up with typed text (and with other fields).
                let left = if value.with(app, String::is_empty) { -(CARET_W + CARET_GAP) } else { CARET_GAP };
                let stale = app.world().get::<&Style>(caret).map(|s| s.height != h || s.margin.left != left);
                if stale.unwrap_or(false) {
                    app.update_style(caret, |s| {
                        s.height = h;
                        s.margin.left = left;
                    });
                }
                let caret_look = Visual {
                    background: Some(t.text),
                    radii: Corners::all(CARET_W / 2.0),
                    opacity: if on { 1.0 } else { 0.0 },
                    ..Visual::default()
                };
                if app.world().get::<&Visual>(caret).map(|v| *v != caret_look).unwrap_or(true) {
                    app.update_visual(caret, |v| *v = caret_look);
                }
            });
        if focusable {
            el = el.focusable().on_key(move |ctx, ev| typed_key(ctx, value, ev)).on_select(move |ctx| {
                if let Some(key) = keyboard_key_for(ctx, value) {
                    ctx.set_focus(key);
                }
            });
        }
        el
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use std::time::Duration;
    use tenfoot_toolkit::TextContent;

    fn text_of(app: &App, name: &str) -> String {
        app.find(name).and_then(|e| app.world().get::<&TextContent>(e).ok().map(|t| t.text.clone())).unwrap_or_default()
    }

    fn shown(app: &App, name: &str) -> bool {
        app.find(name).and_then(|e| app.world().get::<&Style>(e).ok().map(|s| !s.display_none)).unwrap_or(false)
    }

    #[test]
    fn edits_keep_within_the_fields_limit_and_drop_control_characters() {
        let mut app = App::headless();
        let v = app.signal(String::new());
        app.set_root(column().child(text_input(v).max_len(5)));
        assert!(!edit_text(&mut app, v, TextEdit::Space), "a leading space is refused");
        assert!(edit_text(&mut app, v, TextEdit::Insert("ab\ncd".into())));
        assert_eq!(v.get(&app), "abcd");
        assert!(edit_text(&mut app, v, TextEdit::Space));
        assert!(!edit_text(&mut app, v, TextEdit::Insert("e".into())), "five characters is the limit");
        assert_eq!(v.get(&app), "abcd ");
        assert!(!edit_text(&mut app, v, TextEdit::Space), "no doubled space");
        assert!(edit_text(&mut app, v, TextEdit::Backspace));
        assert_eq!(v.get(&app), "abcd");
        assert!(edit_text(&mut app, v, TextEdit::Clear));
        assert_eq!(v.get(&app), "");
        assert!(!edit_text(&mut app, v, TextEdit::Backspace), "nothing to delete");
        v.dispose(&mut app);
        assert!(!edit_text(&mut app, v, TextEdit::Insert("x".into())), "a disposed value is left alone");
    }

    #[test]
    fn placeholder_while_empty_then_the_value() {
        let mut app = App::headless();
        let v = app.signal(String::new());
        app.set_root(column().child(text_input(v).placeholder("Titles, genres, moods")));
        app.frame(Duration::ZERO, &[]);
        assert!(shown(&app, "placeholder") && !shown(&app, "value"));
        assert_eq!(text_of(&app, "placeholder"), "Titles, genres, moods");
        v.set(&mut app, "night".into());
        app.frame(Duration::from_millis(16), &[]);
        assert!(!shown(&app, "placeholder") && shown(&app, "value"));
        assert_eq!(text_of(&app, "value"), "night");
    }

    #[test]
    fn long_text_shows_its_end_after_an_ellipsis_and_fits() {
        let mut app = App::headless();
        let v = app.signal("the night train crosses three borders before dawn".to_owned());
        app.set_root(column().align_items(Align::Start).child(text_input(v).width(400.0).name("f")));
        app.frame(Duration::ZERO, &[]);
        let s = text_of(&app, "value");
        assert!(s.starts_with('\u{2026}') && s.ends_with("before dawn"), "{s}");
        let field = app.find("f").and_then(|e| app.rect(e)).unwrap();
        let caret = app.find("caret").and_then(|e| app.rect(e)).unwrap();
        assert!(caret.right() <= field.right() - PAD_X + 0.5, "the caret stays inside: {caret:?} in {field:?}");
        // A huge value is cut to what can show without shaping all of it.
        v.set(&mut app, "x".repeat(20_000));
        app.frame(Duration::from_millis(16), &[]);
        let s = text_of(&app, "value");
        assert!(s.chars().count() < 100, "{}", s.len());
    }

    #[test]
    fn the_placeholder_starts_where_typed_text_does() {
        let mut app = App::headless();
        let (a, b) = (app.signal(String::new()), app.signal("Dune".to_owned()));
        app.set_root(column().child(text_input(a).placeholder("Search").name("a")).child(text_input(b).name("b")));
        app.frame(Duration::ZERO, &[]);
        let x = |field: &str, part: &str| {
            let f = app.find(field).unwrap();
            app.rect(tree::find_by_name(app.world(), f, part).unwrap()).unwrap().x
        };
        assert_eq!(x("a", "placeholder"), x("b", "value"));
        assert!(x("a", "caret") < x("a", "placeholder") && x("a", "caret") > x("a", "placeholder") - PAD_X);
        assert!(x("b", "caret") > x("b", "value"));
    }

    #[test]
    fn secure_fields_show_dots() {
        let mut app = App::headless();
        let v = app.signal("1234".to_owned());
        app.set_root(column().child(text_input(v).secure()));
        assert_eq!(text_of(&app, "value"), "\u{25cf}\u{25cf}\u{25cf}\u{25cf}");
    }

    #[test]
    fn a_focusable_field_rings_and_shows_its_caret_when_focused() {
        let mut app = App::headless();
        let v = app.signal(String::new());
        app.set_root(
            column()
                .gap(20.0)
                .child(text_input(v).focusable().name("f"))
                .child(El::new().size(10.0, 10.0).focusable().name("other")),
        );
        app.frame(Duration::ZERO, &[]);
        let visual = |app: &App, n: &str| (*app.world().get::<&Visual>(app.find(n).unwrap()).unwrap()).clone();
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/f"));
        assert_eq!(visual(&app, "f").border, Some((Theme::dark().focus_ring_width, Theme::dark().focus_ring)));
        assert_eq!(visual(&app, "caret").opacity, 1.0);
        app.press(tenfoot_toolkit::RemoteKey::Down);
        assert_eq!(visual(&app, "caret").opacity, 0.0, "no caret once focus left");
        assert_eq!(visual(&app, "f").border, Some((2.0, Theme::dark().surface_raised)));
    }
}
