//! Spinner: eight dots on a circle, fading from the lead dot, stepping one dot clockwise every
//! [`SPINNER_STEP`]. The step comes from the frame clock (`App::clock`), so frame N of a
//! spinner is the same picture on every run, and a mounted spinner keeps the app animating
//! (`App::is_animating`) until it is despawned.

use std::f32::consts::TAU;
use std::time::Duration;

use tenfoot_renderer::{Corners, Transform};
use tenfoot_toolkit::El;

use crate::theme::themed;

/// How long each dot leads.
pub const SPINNER_STEP: Duration = Duration::from_millis(100);

const DOTS: usize = 8;

/// The rotation, in radians, of a spinner at time `now`: a whole number of dot steps.
pub fn spinner_angle(now: Duration) -> f32 {
    let step = now.as_millis() / SPINNER_STEP.as_millis();
    (step % DOTS as u128) as f32 * TAU / DOTS as f32
}

/// A spinner `size` logical px across (64 is a good default).
pub fn spinner(size: f32) -> El {
    let dot = (size * 0.2).round();
    let radius = (size - dot) / 2.0;
    let mut el = El::new()
        .name("spinner")
        .size(size, size)
        .bind_visual(|app, v| v.transform = Transform::rotate(spinner_angle(app.clock())));
    for i in 0..DOTS {
        // The lead dot sits at the top; the others trail counter-clockwise, fading.
        let a = -TAU / 4.0 - i as f32 * TAU / DOTS as f32;
        let (x, y) = (size / 2.0 + radius * a.cos() - dot / 2.0, size / 2.0 + radius * a.sin() - dot / 2.0);
        let alpha = 1.0 - i as f32 * 0.11;
        el = el.child(
            themed(El::new().absolute(x, y).size(dot, dot), move |t, l| {
                l.visual.background = Some(t.text.with_opacity(alpha));
                l.visual.radii = Corners::all(dot / 2.0);
            })
            .name(format!("dot-{i}")),
        );
    }
    el
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_toolkit::{App, Visual};

    #[test]
    fn angle_steps_with_the_clock() {
        assert_eq!(spinner_angle(Duration::ZERO), 0.0);
        assert_eq!(spinner_angle(Duration::from_millis(99)), 0.0);
        assert!((spinner_angle(Duration::from_millis(250)) - TAU / 4.0).abs() < 1e-6);
        assert_eq!(spinner_angle(Duration::from_millis(800)), 0.0, "a full turn every 8 steps");
    }

    #[test]
    fn mounted_spinner_turns_each_frame_and_stops_when_despawned() {
        let mut app = App::headless();
        let e = app.mount(app.root(), spinner(64.0));
        assert!(app.is_animating());
        app.frame(Duration::from_millis(300), &[]);
        let t = app.world().get::<&Visual>(e).unwrap().transform;
        assert_eq!(t, Transform::rotate(spinner_angle(Duration::from_millis(300))));
        let painted = app.frame(Duration::from_millis(301), &[]).display_list.is_some();
        assert!(!painted, "same step, nothing to repaint");
        assert!(app.frame(Duration::from_millis(400), &[]).display_list.is_some());
        app.despawn(e);
        assert!(!app.is_animating());
    }
}
