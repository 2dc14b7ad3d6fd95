//! SeekBar: the player's timeline. Elapsed time, a track with the played part filled and a
//! round thumb at the play head, and the total duration. Times read `m:ss` under an hour and
//! `h:mm:ss` from an hour up. The position can be bound to a signal (the player's clock); each
//! change moves the fill and thumb and rewrites one label.

use std::rc::Rc;
use std::time::Duration;

use tenfoot_renderer::{Color, Corners};
use tenfoot_toolkit::{pct, Align, App, Direction, El, Insets, Length, Shadow, Source};

use crate::progress_bar::clamp_progress;
use crate::text::text;
use crate::theme::themed;

/// `m:ss`, or `h:mm:ss` from one hour up.
pub fn format_time(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn fraction(position: Duration, duration: Duration) -> f32 {
    if duration.is_zero() {
        0.0
    } else {
        clamp_progress((position.as_secs_f64() / duration.as_secs_f64()) as f32)
    }
}

const THUMB: f32 = 28.0;

/// A seek bar at `position` of `duration`.
pub fn seek_bar(position: Duration, duration: Duration) -> El {
    seek_bar_bound(move |_: &App| position, duration)
}

/// A seek bar whose position follows `position` (a `Signal<Duration>`, a `Memo<Duration>` or a
/// closure over `&App`).
pub fn seek_bar_bound(position: impl Source<Duration>, duration: Duration) -> El {
    let position: Rc<dyn Source<Duration>> = Rc::new(position);
    let (p1, p2, p3) = (position.clone(), position.clone(), position);
    let fill = themed(El::new().name("played").height(pct(100.0)).width(pct(0.0)), |t, l| {
        l.visual.background = Some(t.accent);
        l.visual.radii = Corners::all(4.0);
    })
    .bind_style(move |app, s| s.width = pct(fraction(p1.read(app), duration) * 100.0));
    let thumb = themed(
        El::new().name("thumb").size(THUMB, THUMB).inset(Insets::AUTO.left(0.0).top((8.0 - THUMB) / 2.0)),
        |t, l| {
            l.visual.background = Some(t.text);
            l.visual.radii = Corners::all(THUMB / 2.0);
            l.visual.shadow = Some(Shadow { y: 2.0, blur: 8.0, color: Color::rgba(0, 0, 0, 140), ..Shadow::NONE });
        },
    )
    .style(|s| s.margin.left = -THUMB / 2.0)
    .bind_style(move |app, s| s.inset[0] = Some(Length::Percent(fraction(p2.read(app), duration))));
    let track = themed(El::new().name("track").direction(Direction::Row).height(8.0).grow(1.0), |t, l| {
        l.visual.background = Some(t.track);
        l.visual.radii = Corners::all(4.0);
    })
    .child(fill)
    .child(thumb);
    let label = |s: String| text(s).single_line().min_width(96.0);
    El::new()
        .direction(Direction::Row)
        .align_items(Align::Center)
        .gap(28.0)
        .width(pct(100.0))
        .child(label(String::new()).name("elapsed").bind_text(move |app| format_time(p3.read(app))))
        .child(track)
        .child(label(format_time(duration)).name("total").text_align(tenfoot_renderer::TextAlign::End))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use tenfoot_toolkit::TextContent;

    #[test]
    fn formats_minutes_and_hours() {
        assert_eq!(format_time(Duration::from_secs(0)), "0:00");
        assert_eq!(format_time(Duration::from_secs(754)), "12:34");
        assert_eq!(format_time(Duration::from_secs(3600 + 5 * 60 + 9)), "1:05:09");
    }

    #[test]
    fn thumb_and_fill_follow_the_position() {
        let mut app = App::headless();
        let pos = app.signal(Duration::from_secs(30));
        app.set_root(column().width(1000.0).child(seek_bar_bound(pos, Duration::from_secs(120))));
        app.frame(Duration::ZERO, &[]);
        let rect = |app: &App, n: &str| app.find(n).and_then(|e| app.rect(e)).unwrap();
        let track = rect(&app, "track");
        assert_eq!(rect(&app, "played").width, (track.width * 0.25).round());
        let thumb = rect(&app, "thumb");
        assert!((thumb.center().x - (track.x + track.width * 0.25)).abs() < 1.0, "{thumb:?} on {track:?}");
        pos.set(&mut app, Duration::from_secs(90));
        app.frame(Duration::from_millis(16), &[]);
        let elapsed = app.find("elapsed").unwrap();
        assert_eq!(app.world().get::<&TextContent>(elapsed).unwrap().text, "1:30");
        let thumb = rect(&app, "thumb");
        assert!((thumb.center().x - (track.x + track.width * 0.75)).abs() < 1.0);
    }

    #[test]
    fn zero_duration_does_not_divide_by_zero() {
        assert_eq!(fraction(Duration::from_secs(5), Duration::ZERO), 0.0);
        assert_eq!(fraction(Duration::from_secs(500), Duration::from_secs(5)), 1.0);
    }
}
