//! ProgressBar: a rounded track with an accent fill from the start edge, for watch progress
//! and downloads. The value is 0..=1 (clamped; NaN reads as 0), fixed or bound to a signal.
//! In a right-to-left row (`.rtl(true)` on the bar) the fill grows from the right.

use tenfoot_toolkit::{pct, Direction, El, Source};

use crate::theme::themed;

/// Marks the moving part of a progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressFill;

/// `v` clamped to 0..=1, NaN as 0.
pub fn clamp_progress(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 1.0)
    }
}

fn track() -> El {
    themed(El::new().direction(Direction::Row).height(8.0), |t, l| {
        l.visual.background = Some(t.track);
        l.visual.radii = tenfoot_renderer::Corners::all(4.0);
    })
}

fn fill(value: f32) -> El {
    themed(El::new().name("fill").height(pct(100.0)).width(pct(clamp_progress(value) * 100.0)), |t, l| {
        l.visual.background = Some(t.accent);
        l.visual.radii = tenfoot_renderer::Corners::all(4.0);
    })
    .with(ProgressFill)
}

/// A progress bar at `value` (0..=1). It stretches to its parent's width; set `.height()` to
/// change the default 8 px.
pub fn progress_bar(value: f32) -> El {
    let percent = (clamp_progress(value) * 100.0).round();
    track().role(tenfoot_toolkit::Role::Progress).value(format!("{percent} %")).child(fill(value))
}

/// A progress bar following `value` (a `Signal<f32>`, a `Memo<f32>`, or a closure over `&App`).
/// Each change resizes only the fill.
pub fn progress_bar_bound(value: impl Source<f32>) -> El {
    track()
        .role(tenfoot_toolkit::Role::Progress)
        .child(fill(0.0).bind_style(move |app, s| s.width = pct(clamp_progress(value.read(app)) * 100.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use std::time::Duration;
    use tenfoot_toolkit::{tree, App};

    fn fill_width(app: &App) -> f32 {
        let bar = app.find("bar").unwrap();
        tree::children(app.world(), bar).first().and_then(|f| app.rect(*f)).map(|r| r.width).unwrap()
    }

    #[test]
    fn fill_is_a_fraction_of_the_track() {
        let mut app = App::headless();
        app.set_root(column().width(400.0).child(progress_bar(0.25).name("bar")));
        app.layout();
        assert_eq!(fill_width(&app), 100.0);
        assert_eq!(app.find("bar").and_then(|e| app.rect(e)).map(|r| r.height), Some(8.0));
    }

    #[test]
    fn bad_values_are_clamped() {
        assert_eq!(clamp_progress(f32::NAN), 0.0);
        assert_eq!(clamp_progress(-1.0), 0.0);
        assert_eq!(clamp_progress(7.0), 1.0);
    }

    #[test]
    fn bound_bar_follows_its_signal() {
        let mut app = App::headless();
        let p = app.signal(0.1f32);
        app.set_root(column().width(400.0).child(progress_bar_bound(p).name("bar")));
        app.frame(Duration::ZERO, &[]);
        assert_eq!(fill_width(&app), 40.0);
        p.set(&mut app, 0.9);
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(fill_width(&app), 360.0);
    }

    #[test]
    fn rtl_bar_fills_from_the_right() {
        let mut app = App::headless();
        app.set_root(column().width(400.0).child(progress_bar(0.25).rtl(true).name("bar")));
        app.layout();
        let bar = app.find("bar").unwrap();
        let f = tree::children(app.world(), bar).first().and_then(|f| app.rect(*f)).unwrap();
        assert_eq!((f.x, f.width), (300.0, 100.0));
    }
}
