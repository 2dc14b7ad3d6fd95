//! Tests of the Animation phase through `App`: exact samples at frame times, retarget
//! continuity, completion, reduced motion, idle frames, transitions, layout animation,
//! enter/exit and screen transitions.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use tenfoot_renderer::{Color, Point, Rect};

use super::*;
use crate::app::App;
use crate::element::El;
use crate::style::Direction;

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn us(v: u64) -> Duration {
    Duration::from_micros(v)
}

/// An app with one 100x100 box named "box"; the first frame has run at t = 0.
fn one_box() -> (App, Entity) {
    let mut app = App::headless();
    app.set_root(El::new().child(El::new().name("box").size(100.0, 100.0).background(Color::WHITE)));
    let _ = app.frame(ms(0), &[]);
    let e = app.find("box").unwrap();
    (app, e)
}

fn visual(app: &App, e: Entity) -> Visual {
    app.world().get::<&Visual>(e).map(|v| (*v).clone()).unwrap()
}

fn close(a: f32, b: f32, eps: f32) -> bool {
    (a - b).abs() <= eps
}

#[test]
fn tween_samples_exact_values_at_frame_times() {
    let (mut app, e) = one_box();
    let h = app.animate(e, AnimProp::Opacity, 0.0, Tween::ms(200).ease(Easing::Linear));
    // The tween starts at the first frame after the request (t = 100 ms here).
    assert!(app.frame(ms(100), &[]).animating);
    assert_eq!(visual(&app, e).opacity, 1.0);
    let _ = app.frame(ms(150), &[]);
    assert_eq!(visual(&app, e).opacity, 0.75);
    let _ = app.frame(ms(200), &[]);
    assert_eq!(visual(&app, e).opacity, 0.5);
    assert!(!h.is_done(&app));
    let f = app.frame(ms(300), &[]);
    assert!(!f.animating);
    assert!(f.display_list.is_some(), "the last step still paints");
    assert_eq!(visual(&app, e).opacity, 0.0);
    assert!(h.is_done(&app));
    let f = app.frame(ms(316), &[]);
    assert!(f.display_list.is_none() && !f.animating, "idle again");
}

#[test]
fn eased_translate_and_colour_samples() {
    let (mut app, e) = one_box();
    let _ = app.animate(e, AnimProp::Translate, Point::new(200.0, -100.0), Tween::ms(400).ease(Easing::EaseInOut));
    let _ = app.animate(e, AnimProp::BackgroundColor, Color::rgba(0, 0, 255, 0), Tween::ms(400).ease(Easing::Linear));
    let _ = app.frame(ms(0), &[]);
    let _ = app.frame(ms(200), &[]);
    let v = visual(&app, e);
    // ease-in-out is symmetric: half way at half time.
    assert!(close(v.translate.x, 100.0, 1e-3) && close(v.translate.y, -50.0, 1e-3), "{:?}", v.translate);
    // Premultiplied: white fading to transparent blue stays white (no blue tint) at half alpha.
    assert_eq!(v.background, Some(Color::rgba(255, 255, 255, 128)));
    let _ = app.frame(ms(100 + 200), &[]);
    let expected = 200.0 * Easing::EaseInOut.ease(0.75) as f32;
    assert!(close(visual(&app, e).translate.x, expected, 1e-3));
}

#[test]
fn spring_matches_the_analytic_solution_whatever_the_frame_rate() {
    let spring = Spring::new(100.0, 20.0, 1.0); // critically damped, w0 = 10
    let sample = |frames: &[u64]| {
        let (mut app, e) = one_box();
        let _ = app.spring(e, AnimProp::Translate, Point::new(100.0, 0.0), spring);
        let _ = app.frame(ms(0), &[]);
        for &t in frames {
            let _ = app.frame(ms(t), &[]);
        }
        visual(&app, e).translate.x
    };
    let t = 0.1f64;
    let expected = (100.0 - 100.0 * (1.0 + 10.0 * t) * (-10.0 * t).exp()) as f32;
    let at_60hz = sample(&[16, 33, 50, 66, 83, 100]);
    let at_once = sample(&[100]);
    assert!(close(at_60hz, expected, 1e-3), "{at_60hz} vs {expected}");
    assert_eq!(at_60hz, at_once, "independent of the frames in between");
}

/// Samples x at `t - h`, `t`, `t + h` around a retarget at `t` and returns (value jump,
/// velocity before, velocity after).
fn retarget_probe(first: Timing, second: Timing) -> (f32, f32, f32) {
    let h = us(100);
    let t = ms(150);
    let run = |retarget: bool| {
        let (mut app, e) = one_box();
        let _ = app.animate_with(e, AnimProp::Translate, Point::new(500.0, 0.0), first);
        let _ = app.frame(ms(0), &[]);
        let _ = app.frame(t - h, &[]);
        let before = visual(&app, e).translate.x;
        if retarget {
            let _ = app.animate_with(e, AnimProp::Translate, Point::new(-200.0, 0.0), second);
        }
        let _ = app.frame(t, &[]);
        let at = visual(&app, e).translate.x;
        let _ = app.frame(t + h, &[]);
        let after = visual(&app, e).translate.x;
        (before, at, after)
    };
    let (b, at, a) = run(true);
    let (_, at_unchanged, _) = run(false);
    let s = h.as_secs_f32();
    (at - at_unchanged, (at - b) / s, (a - at) / s)
}

#[test]
fn retargeting_a_spring_keeps_value_and_velocity_continuous() {
    let (jump, v_before, v_after) = retarget_probe(Spring::snappy().into(), Spring::snappy().into());
    assert!(jump.abs() < 1e-3, "value jumped by {jump}");
    assert!(v_before > 1000.0, "moving fast towards 500: {v_before}");
    assert!((v_after - v_before).abs() < 0.02 * v_before.abs(), "velocity {v_before} -> {v_after}");
}

#[test]
fn retargeting_a_tween_keeps_value_and_velocity_continuous() {
    let first = Tween::ms(400).ease(Easing::EaseInOut).into();
    let second = Tween::ms(300).ease(Easing::EaseOut).into();
    let (jump, v_before, v_after) = retarget_probe(first, second);
    assert!(jump.abs() < 1e-3, "value jumped by {jump}");
    assert!(v_before > 500.0, "{v_before}");
    assert!((v_after - v_before).abs() < 0.02 * v_before.abs(), "velocity {v_before} -> {v_after}");
}

#[test]
fn retarget_lands_on_the_new_target_and_interrupts_the_old_handle() {
    let (mut app, e) = one_box();
    let ends = Rc::new(RefCell::new(Vec::new()));
    let first = app.spring(e, AnimProp::Translate, Point::new(500.0, 0.0), Spring::snappy());
    let log = ends.clone();
    app.on_done(first, move |_, end| log.borrow_mut().push(("first", end)));
    let _ = app.frame(ms(0), &[]);
    let _ = app.frame(ms(100), &[]);
    let second = app.spring(e, AnimProp::Translate, Point::new(-200.0, 0.0), Spring::snappy());
    let log = ends.clone();
    app.on_done(second, move |_, end| log.borrow_mut().push(("second", end)));
    let mut t = 100;
    while app.frame(ms(t), &[]).animating && t < 5000 {
        t += 16;
    }
    assert_eq!(visual(&app, e).translate, Point::new(-200.0, 0.0));
    assert_eq!(*ends.borrow(), vec![("first", AnimationEnd::Interrupted), ("second", AnimationEnd::Finished)]);
    assert!(first.is_done(&app) && second.is_done(&app));
}

#[test]
fn repeat_and_yoyo_run_on_the_frame_clock() {
    let (mut app, e) = one_box();
    let _ = app.animate(e, AnimProp::Scale, 2.0, Tween::ms(100).ease(Easing::Linear).repeat(1).yoyo());
    let _ = app.frame(ms(0), &[]);
    let _ = app.frame(ms(50), &[]);
    assert_eq!(visual(&app, e).scale, Point::new(1.5, 1.5));
    let _ = app.frame(ms(150), &[]);
    assert_eq!(visual(&app, e).scale, Point::new(1.5, 1.5), "on the way back");
    assert!(!app.frame(ms(200), &[]).animating);
    assert_eq!(visual(&app, e).scale, Point::new(1.0, 1.0));
}

#[test]
fn callbacks_run_once_and_a_panicking_one_is_reported() {
    let (mut app, e) = one_box();
    let h = app.animate(e, AnimProp::Opacity, 0.5, Tween::ms(100));
    app.on_done(h, |app, end| {
        assert_eq!(end, AnimationEnd::Finished);
        let root = app.root();
        app.mount(root, El::new().name("chained"));
    });
    let t = app.timer(ms(50));
    #[expect(clippy::panic, reason = "testing that a panicking callback is contained")]
    app.on_done(t, |_, _| panic!("boom"));
    let _ = app.frame(ms(0), &[]);
    let f = app.frame(ms(50), &[]);
    assert!(f.errors.iter().any(|e| e.contains("panicked: boom")), "{:?}", f.errors);
    assert!(app.find("chained").is_none());
    let _ = app.frame(ms(100), &[]);
    assert!(app.find("chained").is_some(), "the callback ran in the frame the tween ended");
    // Registering on an ended animation still calls back, at the next frame.
    let hit = Rc::new(RefCell::new(None));
    let log = hit.clone();
    app.on_done(h, move |_, end| *log.borrow_mut() = Some(end));
    assert!(app.is_animating());
    let _ = app.frame(ms(116), &[]);
    assert_eq!(*hit.borrow(), Some(AnimationEnd::Finished));
}

#[test]
fn reduced_motion_makes_durations_zero_and_springs_snap() {
    let (mut app, e) = one_box();
    app.set_reduced_motion(true);
    let _ = app.animate(e, AnimProp::Opacity, 0.25, Tween::ms(500).delay_ms(100));
    let _ = app.spring(e, AnimProp::Translate, Point::new(300.0, 0.0), Spring::wobbly());
    assert!(!app.frame(ms(16), &[]).animating);
    assert_eq!(visual(&app, e).opacity, 0.25);
    assert_eq!(visual(&app, e).translate, Point::new(300.0, 0.0));
    // A running animation jumps to its end when reduced motion is switched on.
    app.set_reduced_motion(false);
    let _ = app.animate(e, AnimProp::Opacity, 1.0, Tween::ms(500).forever().yoyo());
    let _ = app.frame(ms(32), &[]);
    let _ = app.frame(ms(100), &[]);
    assert!(visual(&app, e).opacity < 1.0);
    app.set_reduced_motion(true);
    assert!(!app.frame(ms(116), &[]).animating);
    assert_eq!(visual(&app, e).opacity, 1.0);
}

#[test]
fn an_idle_app_paints_nothing_and_only_animated_elements_are_damaged() {
    let mut app = App::headless();
    app.set_root(
        El::new()
            .direction(Direction::Row)
            .children((0..3).map(|i| El::new().name(format!("b{i}")).size(50.0, 50.0).background(Color::WHITE))),
    );
    assert!(app.frame(ms(0), &[]).display_list.is_some());
    for t in [16, 33, 1000] {
        let f = app.frame(ms(t), &[]);
        assert!(f.display_list.is_none() && !f.animating, "idle frame at {t} ms");
        assert!(app.changed_this_frame().is_empty());
    }
    let b1 = app.find("b1").unwrap();
    let _ = app.animate(b1, AnimProp::Opacity, 0.0, Tween::ms(100));
    let _ = app.frame(ms(1016), &[]);
    // The first frame writes the starting value, unchanged: nothing to repaint yet.
    assert!(app.changed_this_frame().is_empty());
    assert!(app.frame(ms(1050), &[]).display_list.is_some());
    assert_eq!(app.changed_this_frame(), &[b1]);
}

#[test]
fn declarative_transitions_animate_visual_and_size_changes() {
    let mut app = App::headless();
    app.set_root(
        El::new().child(
            El::new()
                .name("tile")
                .size(100.0, 100.0)
                .opacity(0.5)
                .transition("opacity 200ms linear, width 100ms linear, transform spring"),
        ),
    );
    let _ = app.frame(ms(0), &[]);
    let e = app.find("tile").unwrap();
    app.update_visual(e, |v| {
        v.opacity = 1.0;
        v.background = Some(Color::WHITE); // no transition: immediate
    });
    assert_eq!(visual(&app, e).opacity, 0.5, "keeps its current value until the frame");
    assert_eq!(visual(&app, e).background, Some(Color::WHITE));
    let _ = app.frame(ms(10), &[]);
    let _ = app.frame(ms(110), &[]);
    assert!(close(visual(&app, e).opacity, 0.75, 1e-6));
    app.update_style(e, |s| s.width = crate::style::px(300.0));
    let _ = app.frame(ms(120), &[]);
    let _ = app.frame(ms(170), &[]);
    assert_eq!(app.rect(e).map(|r| r.width), Some(200.0), "width is laid out as it animates");
    let _ = app.frame(ms(400), &[]);
    assert_eq!(app.rect(e).map(|r| r.width), Some(300.0));
    assert_eq!(visual(&app, e).opacity, 1.0);
}

#[test]
fn a_transitioned_change_undone_before_it_moved_ends_where_it_started() {
    let mut app = App::headless();
    app.set_root(
        El::new().child(
            El::new().name("key").size(100.0, 100.0).background(Color::WHITE).transition("scale 120ms ease-out"),
        ),
    );
    let _ = app.frame(ms(0), &[]);
    let e = app.find("key").unwrap();
    // Focus passing over a key: scaled up, then back in the next key event's frame at the same
    // time (two events in one vsync), before the motion has moved it.
    app.update_visual(e, |v| v.scale = Point::new(1.06, 1.06));
    let _ = app.frame(ms(0), &[]);
    assert_eq!(visual(&app, e).scale, Point::new(1.0, 1.0));
    app.update_visual(e, |v| v.scale = Point::new(1.0, 1.0));
    for t in [16, 60, 200, 400] {
        let _ = app.frame(ms(t), &[]);
    }
    assert_eq!(visual(&app, e).scale, Point::new(1.0, 1.0));
    // The same target again mid-flight does not restart the motion.
    app.update_visual(e, |v| v.scale = Point::new(2.0, 2.0));
    let _ = app.frame(ms(416), &[]);
    let _ = app.frame(ms(476), &[]);
    let mid = visual(&app, e).scale.x;
    app.update_visual(e, |v| v.scale = Point::new(2.0, 2.0));
    let _ = app.frame(ms(536), &[]);
    let _ = app.frame(ms(537), &[]);
    assert_eq!(visual(&app, e).scale.x, 2.0, "ended on time, 120 ms after it started (was {mid})");
}

#[test]
fn bad_targets_and_transition_strings_are_reported_not_fatal() {
    let mut app = App::headless();
    app.set_root(El::new().child(El::new().name("x").transition("opacity 200ms eas-out")));
    let f = app.frame(ms(0), &[]);
    assert!(f.errors.iter().any(|e| e.contains("x") && e.contains("column 15")), "{:?}", f.errors);
    let e = app.find("x").unwrap();
    let h = app.animate(e, AnimProp::Opacity, Color::WHITE, Tween::ms(100));
    let f = app.frame(ms(16), &[]);
    assert!(f.errors.iter().any(|e| e.contains("cannot take the value")), "{:?}", f.errors);
    assert!(h.is_done(&app));
}

#[test]
fn layout_animation_paints_from_the_old_rect_while_layout_is_final() {
    let mut app = App::headless();
    let tile = |n: &str| El::new().name(n).size(100.0, 100.0).background(Color::WHITE);
    let row = app.mount(
        app.root(),
        El::new()
            .direction(Direction::Row)
            .gap(10.0)
            .child(tile("a").animate_layout_with(Tween::ms(100).ease(Easing::Linear)))
            .child(tile("b")),
    );
    let _ = app.frame(ms(0), &[]);
    let a = app.find("a").unwrap();
    assert_eq!(app.rect(a).map(|r| r.x), Some(0.0));
    app.mount_at(row, tile("new"), Some(0));
    let _ = app.frame(ms(20), &[]);
    // Layout is final at once; paint still has the old place.
    assert_eq!(app.rect(a).map(|r| r.x), Some(110.0));
    let paint_x = |app: &App| app.world().get::<&PaintRect>(a).map(|p| p.local.x).ok();
    assert_eq!(paint_x(&app), Some(0.0));
    assert_eq!(app.changed_this_frame(), &[a]);
    let _ = app.frame(ms(70), &[]);
    assert_eq!(paint_x(&app), Some(55.0));
    let list = app.display_list();
    let drawn = list.commands.iter().find_map(|c| match c {
        tenfoot_renderer::Command::FillRect { rect, .. } if rect.x == 55.0 => Some(*rect),
        _ => None,
    });
    assert_eq!(drawn, Some(Rect::new(55.0, 0.0, 100.0, 100.0)), "painted at the animated rect");
    assert!(!app.frame(ms(120), &[]).animating);
    assert_eq!(paint_x(&app), None, "done: painted at its layout rect again");
}

#[test]
fn layout_animation_retargets_from_where_it_is_painted() {
    let mut app = App::headless();
    let row = app.mount(
        app.root(),
        El::new()
            .direction(Direction::Row)
            .child(El::new().name("a").size(100.0, 100.0).animate_layout_with(Tween::ms(100).ease(Easing::Linear))),
    );
    let _ = app.frame(ms(0), &[]);
    let a = app.find("a").unwrap();
    app.mount_at(row, El::new().size(100.0, 100.0), Some(0));
    let _ = app.frame(ms(0), &[]);
    let _ = app.frame(ms(50), &[]);
    let x = |app: &App| app.world().get::<&PaintRect>(a).map(|p| p.local.x).unwrap();
    assert_eq!(x(&app), 50.0);
    app.mount_at(row, El::new().size(100.0, 100.0), Some(0));
    let _ = app.frame(ms(50), &[]);
    assert_eq!(x(&app), 50.0, "continues from the painted place, not the old layout");
    let _ = app.frame(ms(100), &[]);
    assert!(x(&app) > 100.0 && x(&app) < 200.0);
}

#[test]
fn enter_plays_from_offstage() {
    let mut app = App::headless();
    app.set_root(
        El::new().child(
            El::new()
                .name("e")
                .size(10.0, 10.0)
                .opacity(0.8)
                .enter(Motion::fade().slide(0.0, 40.0).timing(Tween::ms(100).ease(Easing::Linear))),
        ),
    );
    let e = app.find("e").unwrap();
    let _ = app.frame(ms(0), &[]);
    assert_eq!(visual(&app, e).opacity, 0.0);
    assert_eq!(visual(&app, e).translate, Point::new(0.0, 40.0));
    let _ = app.frame(ms(50), &[]);
    assert!(close(visual(&app, e).opacity, 0.4, 1e-6));
    assert_eq!(visual(&app, e).translate, Point::new(0.0, 20.0));
    let _ = app.frame(ms(100), &[]);
    assert!(close(visual(&app, e).opacity, 0.8, 1e-6), "ends at the look it was built with");
}

#[test]
fn exit_keeps_the_element_painted_out_of_flow_then_despawns_it() {
    let mut app = App::headless();
    let row = app.mount(
        app.root(),
        El::new()
            .direction(Direction::Row)
            .child(
                El::new()
                    .name("leaving")
                    .size(100.0, 100.0)
                    .background(Color::WHITE)
                    .exit(Motion::fade().scale(0.5).timing(Tween::ms(100).ease(Easing::Linear))),
            )
            .child(El::new().name("stays").size(100.0, 100.0)),
    );
    let _ = app.frame(ms(0), &[]);
    let leaving = app.find("leaving").unwrap();
    let stays = app.find("stays").unwrap();
    let cancelled = Rc::new(RefCell::new(None));
    let pulse = app.animate(leaving, AnimProp::Radii, 20.0, Tween::ms(100).forever());
    let log = cancelled.clone();
    app.on_done(pulse, move |_, end| *log.borrow_mut() = Some(end));
    app.despawn(leaving);
    assert!(app.world().contains(leaving) && app.is_exiting(leaving) && !app.is_alive(leaving));
    let _ = app.frame(ms(16), &[]);
    assert_eq!(app.rect(stays).map(|r| r.x), Some(0.0), "siblings reflow into the gap at once");
    assert_eq!(app.rect(leaving).map(|r| r.x), Some(0.0), "the leaving element stays where it was");
    assert_eq!(*cancelled.borrow(), Some(AnimationEnd::Interrupted), "the exit takes over the element");
    let _ = app.frame(ms(66), &[]);
    assert!(close(visual(&app, leaving).opacity, 0.5, 1e-6));
    assert!(close(visual(&app, leaving).scale.x, 0.75, 1e-6));
    app.despawn(leaving); // already leaving: no effect
    assert!(app.world().contains(leaving));
    assert!(!app.frame(ms(116), &[]).animating);
    assert!(!app.world().contains(leaving), "despawned when the motion ended");
    assert_eq!(crate::tree::children(app.world(), row), vec![stays]);
}

#[test]
fn despawning_a_parent_cancels_animations_below_it() {
    let mut app = App::headless();
    let parent = app.mount(app.root(), El::new().child(El::new().name("c").exit(Motion::fade())));
    let _ = app.frame(ms(0), &[]);
    let c = app.find("c").unwrap();
    let h = app.animate(c, AnimProp::Opacity, 0.0, Tween::ms(1000));
    let end = Rc::new(RefCell::new(None));
    let log = end.clone();
    app.on_done(h, move |_, e| *log.borrow_mut() = Some(e));
    let _ = app.frame(ms(16), &[]);
    app.despawn(parent);
    assert!(!app.world().contains(c), "the child's exit only plays when it is despawned itself");
    let f = app.frame(ms(32), &[]);
    assert_eq!(*end.borrow(), Some(AnimationEnd::Cancelled));
    assert!(!f.animating);
}

#[test]
fn screen_transition_moves_both_screens() {
    let mut app = App::headless();
    let screen = |n: &str| El::new().name(n).absolute(0.0, 0.0).size(1920.0, 1080.0);
    let home = app.mount(app.root(), screen("home"));
    let details = app.mount(app.root(), screen("details"));
    let _ = app.frame(ms(0), &[]);
    let h =
        app.transition_screens(Some(home), details, ScreenTransition::SlideLeft, Tween::ms(400).ease(Easing::Linear));
    assert_eq!(visual(&app, details).translate.x, 1920.0, "the incoming screen starts offstage at once");
    let _ = app.frame(ms(16), &[]);
    let _ = app.frame(ms(216), &[]);
    assert_eq!(visual(&app, details).translate.x, 960.0);
    assert!(close(visual(&app, home).translate.x, -1920.0 * 0.35 / 2.0, 1e-3));
    assert!(close(visual(&app, home).opacity, 0.5, 1e-6));
    let _ = app.frame(ms(416), &[]);
    assert!(h.is_done(&app));
    assert_eq!(visual(&app, details).translate.x, 0.0);
}

#[test]
fn scroll_offset_moves_children_when_painted() {
    let mut app = App::headless();
    let list =
        app.mount(app.root(), El::new().name("list").child(El::new().size(100.0, 100.0).background(Color::WHITE)));
    let _ = app.frame(ms(0), &[]);
    let _ = app.spring(list, AnimProp::ScrollOffset, Point::new(0.0, 50.0), Spring::gentle());
    let mut t = 0;
    while app.frame(ms(t), &[]).animating {
        t += 16;
    }
    let list_cmds = app.display_list();
    assert!(list_cmds.commands.iter().any(|c| matches!(c,
        tenfoot_renderer::Command::FillRect { rect, .. } if rect.y == -50.0)));
}
