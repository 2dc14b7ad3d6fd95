//! Toggle and Checkbox: a focusable row with a label and a switch (or a check box) bound to a
//! `Signal<bool>`. Select flips the signal; the switch's knob slides and its track changes
//! colour on a transition, the check mark fades in.
//!
//! Focus draws a ring around the whole row and scales it up slightly, so the focused setting
//! is obvious from the sofa. Everything follows the app's theme.

use std::f32::consts::FRAC_PI_4;

use tenfoot_renderer::{Corners, Point, Transform};
use tenfoot_toolkit::{Direction, El, FocusStyle, Insets, Signal, Visual};

use crate::text::text;
use crate::theme::{theme, themed, Theme};

/// The switch's track size and knob inset, in logical px.
const TRACK: (f32, f32) = (76.0, 40.0);
const KNOB_INSET: f32 = 4.0;
const KNOB: f32 = TRACK.1 - 2.0 * KNOB_INSET;
/// How far the knob travels from off to on.
pub const KNOB_TRAVEL: f32 = TRACK.0 - KNOB - 2.0 * KNOB_INSET;

/// Marks a toggle or checkbox row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Toggle {
    pub value: Signal<bool>,
}

fn row_visual(t: &Theme) -> Visual {
    Visual { background: Some(t.surface), radii: Corners::all(t.radius.small), ..Visual::default() }
}

/// The row while focused: raised, ringed, a little larger.
fn row_focus(t: &Theme) -> FocusStyle {
    FocusStyle {
        visual: Some(Visual {
            background: Some(t.surface_raised),
            border: Some((t.focus_ring_width, t.focus_ring)),
            transform: Transform::scale(1.03, 1.03),
            ..row_visual(t)
        }),
        text_color: None,
    }
}

/// The row's words: the label, and under it the detail (muted, brightening while the row has
/// focus) when there is one.
fn words(label: String, detail: Option<String>) -> El {
    let label = text(label).name("label").single_line();
    let Some(detail) = detail else { return label.grow(1.0) };
    let detail = themed(text(detail).name("detail").max_lines(2), |t, l| {
        if let Some(c) = &mut l.text {
            c.style.size = t.type_scale.caption;
            c.color = t.text_muted;
        }
        l.focus = Some(FocusStyle { visual: None, text_color: Some(t.text) });
    });
    El::new()
        .name("words")
        .direction(Direction::Column)
        .gap(4.0)
        .grow(1.0)
        .shrink(1.0)
        .child(label.weight(tenfoot_renderer::FontWeight::SEMIBOLD))
        .child(detail)
}

/// The focusable row around `control`, flipping `value` on Select.
fn setting_row(label: impl Into<String>, detail: Option<String>, value: Signal<bool>, control: El) -> El {
    let label: String = label.into();
    let description = detail.clone();
    let row = themed(
        El::new()
            .direction(Direction::Row)
            .align_items(tenfoot_toolkit::Align::Center)
            .gap(32.0)
            .padding_xy(28.0, 18.0)
            .min_width(560.0),
        |t, l| {
            l.visual = row_visual(t);
            l.focus = Some(row_focus(t));
        },
    )
    .with(Toggle { value })
    .role(tenfoot_toolkit::Role::Toggle)
    // Said as the row's name; the detail is its description, not part of the name.
    .label(label.clone())
    .bind_semantics(move |app, s| s.checked = Some(value.get(app)))
    .focusable()
    .on_select(move |ctx| value.update(ctx, |v| *v = !*v))
    .child(words(label, detail))
    .child(control);
    match description {
        Some(d) => row.description(d),
        None => row,
    }
}

/// A labelled on/off switch bound to `value`.
pub fn toggle(label: impl Into<String>, value: Signal<bool>) -> El {
    toggle_switch(label.into(), None, value)
}

/// A settings row: `label` over a line of `detail` (what the setting does, which readers say
/// as the description), the switch bound to `value` at the right.
pub fn toggle_with_detail(label: impl Into<String>, detail: impl Into<String>, value: Signal<bool>) -> El {
    toggle_switch(label.into(), Some(detail.into()), value)
}

fn toggle_switch(label: String, detail: Option<String>, value: Signal<bool>) -> El {
    let knob = El::new()
        .name("knob")
        .inset(Insets::AUTO.left(KNOB_INSET).top(KNOB_INSET))
        .size(KNOB, KNOB)
        .transition("translate 180ms ease-out")
        .bind_visual(move |app, v| {
            let on = value.get(app);
            v.background = Some(if on { theme(app).on_accent } else { theme(app).text });
            v.radii = Corners::all(KNOB / 2.0);
            // A mirrored screen (right-to-left locale) flips the track, so on slides left.
            let _ = app.locale();
            let travel = if app.is_rtl() { -KNOB_TRAVEL } else { KNOB_TRAVEL };
            v.translate = Point::new(if on { travel } else { 0.0 }, 0.0);
        });
    let track = El::new()
        .name("switch")
        .size(TRACK.0, TRACK.1)
        .shrink(0.0)
        .transition("background 180ms ease-out")
        .bind_visual(move |app, v| {
            let t = theme(app);
            v.background = Some(if value.get(app) { t.accent } else { t.track });
            v.radii = Corners::all(TRACK.1 / 2.0);
        })
        .child(knob);
    setting_row(label, detail, value, track)
}

/// A labelled check box bound to `value`.
pub fn checkbox(label: impl Into<String>, value: Signal<bool>) -> El {
    const BOX: f32 = 36.0;
    // The check mark: a short and a long bar, turned a quarter each way.
    let bar = |name: &str, cx: f32, cy: f32, len: f32, angle: f32| {
        El::new().name(name).inset(Insets::AUTO.left(cx - len / 2.0).top(cy - 2.5)).size(len, 5.0).bind_visual(
            move |app, v| {
                v.background = Some(theme(app).on_accent);
                v.radii = Corners::all(2.5);
                v.transform = Transform::rotate(angle);
            },
        )
    };
    let mark = El::new()
        .name("check")
        .inset(Insets::fill(0.0))
        .transition("opacity 150ms ease-out")
        .bind_visual(move |app, v| v.opacity = if value.get(app) { 1.0 } else { 0.0 })
        .child(bar("tick-short", 12.5, 20.0, 13.0, FRAC_PI_4))
        .child(bar("tick-long", 21.0, 17.0, 22.0, -FRAC_PI_4));
    let boxed = El::new()
        .name("box")
        .size(BOX, BOX)
        .shrink(0.0)
        .transition("background 150ms ease-out")
        .bind_visual(move |app, v| {
            let t = theme(app);
            let on = value.get(app);
            v.background = Some(if on { t.accent } else { t.background.with_opacity(0.0) });
            v.border = (!on).then_some((3.0, t.text_muted));
            v.radii = Corners::all(8.0);
        })
        .child(mark);
    setting_row(label, None, value, boxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use std::time::Duration;
    use tenfoot_toolkit::{App, RemoteKey};

    fn visual(app: &App, name: &str) -> Visual {
        (*app.world().get::<&Visual>(app.find(name).unwrap()).unwrap()).clone()
    }

    #[test]
    fn select_flips_the_signal_and_the_knob_slides_there() {
        let mut app = App::headless();
        let wifi = app.signal(false);
        app.set_root(column().child(toggle("Autoplay", wifi).name("t")));
        app.frame(Duration::ZERO, &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/t"));
        assert_eq!(visual(&app, "knob").translate.x, 0.0);
        app.press(RemoteKey::Select);
        assert!(wifi.get(&app));
        app.frame(Duration::from_millis(90), &[]);
        let mid = visual(&app, "knob").translate.x;
        assert!(mid > 0.0 && mid < KNOB_TRAVEL, "the knob is on its way: {mid}");
        app.frame(Duration::from_millis(400), &[]);
        assert_eq!(visual(&app, "knob").translate.x, KNOB_TRAVEL);
        assert_eq!(visual(&app, "switch").background, Some(Theme::dark().accent));
        app.press(RemoteKey::Select);
        assert!(!wifi.get(&app));
    }

    #[test]
    fn in_a_right_to_left_app_the_knob_slides_left_inside_the_track() {
        let mut app = App::headless();
        let on = app.signal(true);
        app.set_root(column().child(toggle("Autoplay", on).name("t")));
        app.frame(Duration::ZERO, &[]);
        // Switched after the first frame: the knob glides to its mirrored place.
        app.set_locale(tenfoot_toolkit::Locale::parse("ar").unwrap());
        app.frame(Duration::from_millis(16), &[]);
        app.frame(Duration::from_millis(400), &[]);
        let track = app.find("switch").and_then(|e| app.rect(e)).unwrap();
        let knob = app.find("knob").and_then(|e| app.rect(e)).unwrap();
        let x = knob.x + visual(&app, "knob").translate.x;
        assert!(x >= track.x && x + knob.width <= track.right(), "knob {x} in track {track:?}");
        assert!(x < track.x + track.width / 2.0, "on is at the left: {x}");
    }

    #[test]
    fn checkbox_shows_its_mark_only_when_checked_and_focus_rings_the_row() {
        let mut app = App::headless();
        let subs = app.signal(true);
        let other = app.signal(false);
        app.set_root(column().gap(20.0).child(checkbox("Subtitles", subs).name("a")).child(toggle("x", other)));
        app.frame(Duration::from_secs(1), &[]);
        assert_eq!(visual(&app, "check").opacity, 1.0);
        assert_eq!(visual(&app, "a").border.map(|b| b.1), Some(Theme::dark().focus_ring));
        app.press(RemoteKey::Select);
        app.frame(Duration::from_secs(2), &[]);
        assert_eq!(visual(&app, "check").opacity, 0.0);
        app.press(RemoteKey::Down);
        assert_eq!(visual(&app, "a").border, None, "the ring follows focus");
    }
}
