//! Tracking, batching, memo caching, disposal, cycles, panics, bindings and keyed lists.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use super::*;
use crate::element::El;
use crate::style::{Direction, TextContent};

fn frame(app: &mut App) -> Vec<String> {
    let t = app.now() + Duration::from_millis(16);
    app.frame(t, &[]).errors.iter().map(ToString::to_string).collect()
}

fn counter() -> (Rc<Cell<u32>>, impl Fn() + Clone) {
    let c = Rc::new(Cell::new(0));
    let c2 = c.clone();
    (c, move || c2.set(c2.get() + 1))
}

fn text_of(app: &App, name: &str) -> String {
    app.find(name).and_then(|e| app.world().get::<&TextContent>(e).ok().map(|t| t.text.clone())).unwrap_or_default()
}

#[test]
fn effects_track_what_they_read_and_only_that() {
    let mut app = App::headless();
    let a = app.signal(1);
    let b = app.signal(10);
    let switch = app.signal(true);
    let (runs, bump) = counter();
    let seen = Rc::new(Cell::new(0));
    let seen2 = seen.clone();
    let root = app.root();
    app.effect(root, move |app| {
        bump();
        // Dynamic dependencies: reads `a` or `b`, never both.
        seen2.set(if switch.get(app) { a.get(app) } else { b.get(app) });
    });
    assert_eq!(runs.get(), 0, "effects never run at creation, only in the reactive phase");
    frame(&mut app);
    assert_eq!((runs.get(), seen.get()), (1, 1));
    b.set(&mut app, 11);
    frame(&mut app);
    assert_eq!(runs.get(), 1, "b was not read, so writing it does nothing");
    a.set(&mut app, 2);
    frame(&mut app);
    assert_eq!((runs.get(), seen.get()), (2, 2));
    switch.set(&mut app, false);
    frame(&mut app);
    assert_eq!((runs.get(), seen.get()), (3, 11));
    a.set(&mut app, 3);
    frame(&mut app);
    assert_eq!(runs.get(), 3, "after the switch, a is no longer a dependency");
}

#[test]
fn writes_are_batched_until_the_reactive_phase() {
    let mut app = App::headless();
    let a = app.signal(0);
    let b = app.signal(0);
    let (runs, bump) = counter();
    let sum = Rc::new(Cell::new(0));
    let sum2 = sum.clone();
    let root = app.root();
    app.effect(root, move |app| {
        bump();
        sum2.set(a.get(app) + b.get(app));
    });
    frame(&mut app);
    for i in 1..=10 {
        a.set(&mut app, i);
        b.update(&mut app, |v| *v += 1);
    }
    assert_eq!(runs.get(), 1, "nothing runs on write");
    frame(&mut app);
    assert_eq!((runs.get(), sum.get()), (2, 20), "twenty writes, one run, final values");
    assert!(!app.reactive.has_work());
    frame(&mut app);
    assert_eq!(runs.get(), 2, "a frame with no writes does no reactive work");
}

#[test]
fn memos_cache_and_cut_off_unchanged_results() {
    let mut app = App::headless();
    let n = app.signal(3);
    let (computes, bump) = counter();
    let parity = app.memo(move |app| {
        bump();
        n.get(app) % 2
    });
    assert_eq!(computes.get(), 0, "memos are lazy");
    assert_eq!(parity.get(&app), 1);
    assert_eq!(parity.get(&app), 1);
    assert_eq!(computes.get(), 1, "a second read is served from the cache");
    let (runs, bump_run) = counter();
    let root = app.root();
    app.effect(root, move |app| {
        parity.get(app);
        bump_run();
    });
    frame(&mut app);
    assert_eq!(runs.get(), 1);
    n.set(&mut app, 5); // still odd
    frame(&mut app);
    assert_eq!(computes.get(), 2, "recomputed once after its source changed");
    assert_eq!(runs.get(), 1, "the memo's value did not change, so the effect did not rerun");
    n.set(&mut app, 6);
    frame(&mut app);
    assert_eq!((computes.get(), runs.get()), (3, 2));
    // Memo of a memo.
    let label = app.memo(move |app| if parity.get(app) == 0 { "even" } else { "odd" });
    assert_eq!(label.get(&app), "even");
    n.set(&mut app, 7);
    assert_eq!(label.get(&app), "odd");
}

#[test]
fn effects_and_owned_signals_are_disposed_with_their_entity() {
    let mut app = App::headless();
    let before = app.reactive_stats();
    let shared = app.signal(0);
    let item = app.mount(app.root(), El::new().child(El::new().name("leaf")));
    let leaf = app.find("leaf").unwrap_or(item);
    let local = app.signal_owned(leaf, 5);
    let memo = app.memo(move |app| local.get(app) * 2);
    app.set_owner(memo, leaf);
    let (runs, bump) = counter();
    app.effect(leaf, move |app| {
        shared.get(app);
        bump();
    });
    app.effect(item, |_| {});
    frame(&mut app);
    assert_eq!(runs.get(), 1);
    let during = app.reactive_stats();
    assert_eq!((during.signals, during.memos, during.effects), (2, 1, 2));
    app.despawn(item);
    shared.set(&mut app, 1);
    frame(&mut app);
    assert_eq!(runs.get(), 1, "a despawned owner's effect never runs again");
    let after = app.reactive_stats();
    assert_eq!(after, ReactiveStats { signals: before.signals + 1, ..before }, "only the app-level signal is left");
    assert_eq!(local.try_get(&app), None, "a disposed signal reads as None");
    assert_eq!(memo.try_get(&app), None);
    local.set(&mut app, 9); // ignored, no panic
                            // Slots are reused, but stale handles stay stale.
    let fresh = app.signal(1);
    assert_eq!(local.try_get(&app), None);
    assert_eq!(fresh.get(&app), 1);
}

#[test]
fn bindings_die_with_their_elements_over_many_mounts() {
    let mut app = App::headless();
    let text = app.signal("a".to_owned());
    let base = app.reactive_stats();
    for _ in 0..50 {
        let e = app.mount(app.root(), El::new().child(El::new().text_signal(text)).bind_visible(|_| true));
        frame(&mut app);
        app.despawn(e);
    }
    text.set(&mut app, "b".to_owned());
    frame(&mut app);
    assert_eq!(app.reactive_stats(), base, "nothing leaks");
}

#[test]
fn an_effect_writing_its_own_source_is_reported_as_a_cycle() {
    let mut app = App::headless();
    let n = app.signal(0u64);
    let root = app.root();
    app.effect(root, move |app| {
        let v = n.get(app);
        n.set(app, v + 1);
    });
    let errors = frame(&mut app);
    assert_eq!(n.get(&app), MAX_PASSES as u64);
    assert!(errors.iter().any(|e| e.contains("reactive cycle")), "{errors:?}");
    assert!(frame(&mut app).is_empty(), "the cycle is broken, the next frame is quiet");
}

#[test]
fn effects_writing_signals_settle_in_later_passes() {
    let mut app = App::headless();
    let celsius = app.signal(0.0f32);
    let fahrenheit = app.signal(32.0f32);
    let label = app.signal(String::new());
    let root = app.root();
    // Created in "wrong" order: the label effect runs first, then is dirtied by the converter.
    app.effect(root, move |app| {
        let f = fahrenheit.get(app);
        label.set(app, format!("{f} F"));
    });
    app.effect(root, move |app| {
        let c = celsius.get(app);
        fahrenheit.set_if_changed(app, c * 9.0 / 5.0 + 32.0);
    });
    frame(&mut app);
    celsius.set(&mut app, 100.0);
    assert!(frame(&mut app).is_empty());
    assert_eq!(label.get(&app), "212 F");
}

#[test]
#[expect(clippy::panic, reason = "the test needs an effect that panics")]
fn a_panicking_effect_is_reported_then_disabled_and_the_frame_goes_on() {
    let mut app = App::headless();
    let n = app.signal(0);
    let owner = app.mount(app.root(), El::new().name("bad"));
    let fine = app.mount(app.root(), El::new().text("").name("fine"));
    let bad = app.effect(owner, move |app| {
        if n.get(app) < 100 {
            panic!("boom {}", n.get(app));
        }
    });
    app.effect(fine, move |app| {
        let s = format!("n={}", n.get(app));
        app.set_text(fine, s);
    });
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // keep the test output clean
    let mut all = Vec::new();
    for i in 1..=4 {
        all.push(frame(&mut app));
        n.set(&mut app, i);
    }
    std::panic::set_hook(prev);
    assert_eq!(all[0][0], "element `root/bad`: effect #1 panicked: boom 0", "{:?}", all[0]);
    assert!(all[2][0].contains("disabled after 3 panics"), "{:?}", all[2]);
    assert!(all[3].is_empty(), "disabled: {:?}", all[3]);
    assert!(!bad.is_alive(&app));
    assert_eq!(text_of(&app, "fine"), "n=3", "the other effect kept running");
    assert_eq!(app.failed_elements(), vec![owner], "the owner shows the error placeholder");
}

#[test]
fn bound_text_is_set_at_mount_and_follows_its_signal() {
    let mut app = App::headless();
    let count = app.signal(0);
    app.set_root(El::new().child(El::new().name("label").bind_text(move |app| format!("Count: {}", count.get(app)))));
    assert_eq!(text_of(&app, "label"), "Count: 0", "complete at mount, before any frame");
    count.set(&mut app, 7);
    assert_eq!(text_of(&app, "label"), "Count: 0", "unchanged until the reactive phase");
    let painted = app.frame(Duration::from_millis(16), &[]).painted();
    assert_eq!(text_of(&app, "label"), "Count: 7");
    assert!(painted, "the text change was painted in the same frame");
}

#[test]
fn visibility_style_and_visual_bindings() {
    let mut app = App::headless();
    let shown = app.signal(true);
    let wide = app.signal(false);
    let red = app.memo(move |app| wide.get(app));
    app.set_root(
        El::new().direction(Direction::Row).child(
            El::new()
                .name("box")
                .size(100.0, 50.0)
                .visible_when(shown)
                .bind_style(move |app, s| s.width = crate::px(if wide.get(app) { 300.0 } else { 100.0 }))
                .bind_visual(move |app, v| {
                    v.background = Some(if red.get(app) {
                        tenfoot_renderer::Color::rgb(255, 0, 0)
                    } else {
                        tenfoot_renderer::Color::rgb(0, 0, 255)
                    })
                }),
        ),
    );
    frame(&mut app);
    let e = app.find("box").unwrap();
    assert_eq!(app.rect(e).map(|r| r.width), Some(100.0));
    wide.set(&mut app, true);
    shown.set(&mut app, false);
    frame(&mut app);
    assert!(app.world().get::<&crate::style::Style>(e).unwrap().display_none);
    shown.set(&mut app, true);
    frame(&mut app);
    assert_eq!(app.rect(e).map(|r| r.width), Some(300.0));
    let bg = app.world().get::<&crate::style::Visual>(e).unwrap().background;
    assert_eq!(bg, Some(tenfoot_renderer::Color::rgb(255, 0, 0)));
}

#[test]
fn keyed_lists_keep_entities_across_reorders() {
    let mut app = App::headless();
    let items = app.signal(vec![(1, "one"), (2, "two"), (3, "three")]);
    let (views, bump) = counter();
    app.set_root(El::new().name("list").for_each(
        items,
        |(k, _)| *k,
        move |(k, label)| {
            bump();
            El::new().name(format!("item-{k}")).text(*label)
        },
    ));
    let list = app.find("list").unwrap();
    let ids = |app: &App| crate::tree::children(app.world(), list);
    let first = ids(&app);
    assert_eq!(first.len(), 3);
    assert_eq!(views.get(), 3);

    items.set(&mut app, vec![(3, "three"), (1, "one"), (2, "two")]);
    frame(&mut app);
    assert_eq!(ids(&app), vec![first[2], first[0], first[1]], "same entities, new order");
    assert_eq!(views.get(), 3, "no view rebuilt for a reorder");
    let rects: Vec<f32> = ids(&app).iter().filter_map(|e| app.rect(*e)).map(|r| r.y).collect();
    assert!(rects.windows(2).all(|w| w[0] < w[1]), "layout follows the new order: {rects:?}");

    items.set(&mut app, vec![(2, "two"), (4, "four"), (3, "three")]);
    frame(&mut app);
    let now = ids(&app);
    assert_eq!((now[0], now[2]), (first[1], first[2]));
    assert!(!app.world().contains(first[0]), "removed key despawned");
    assert_eq!(views.get(), 4, "one new view for the one new key");
    assert_eq!(text_of(&app, "item-4"), "four");

    items.set(&mut app, vec![(5, "a"), (5, "b")]);
    let errors = frame(&mut app);
    assert_eq!(ids(&app).len(), 1);
    assert!(errors.iter().any(|e| e.contains("duplicate key 5")), "{errors:?}");

    let base = app.reactive_stats();
    items.set(&mut app, vec![]);
    frame(&mut app);
    assert!(ids(&app).is_empty());
    assert_eq!(app.reactive_stats(), base);
}

#[test]
fn nested_bindings_inside_list_items_update() {
    let mut app = App::headless();
    let items = app.signal(vec![1, 2]);
    let suffix = app.signal("!".to_owned());
    app.set_root(El::new().for_each(
        items,
        |k| *k,
        move |k| {
            let k = *k;
            El::new().name(format!("i{k}")).bind_text(move |app| format!("{k}{}", suffix.get(app)))
        },
    ));
    assert_eq!(text_of(&app, "i2"), "2!");
    suffix.set(&mut app, "?".to_owned());
    items.set(&mut app, vec![2, 3]);
    frame(&mut app);
    assert_eq!((text_of(&app, "i2"), text_of(&app, "i3")), ("2?".to_owned(), "3?".to_owned()));
}

#[test]
fn contexts_are_signals() {
    #[derive(Clone, PartialEq, Debug)]
    struct Locale(&'static str);
    let mut app = App::headless();
    assert_eq!(app.context::<Locale>(), None);
    app.provide(Locale("en"));
    app.set_root(El::new().name("t").bind_text(|app| app.context::<Locale>().map(|l| l.0).unwrap_or("?").to_owned()));
    assert_eq!(text_of(&app, "t"), "en");
    app.provide(Locale("ar"));
    frame(&mut app);
    assert_eq!(text_of(&app, "t"), "ar");
}

#[test]
fn the_clock_drives_effects_only_while_read() {
    let mut app = App::headless();
    assert!(!app.is_animating());
    let e = app.mount(app.root(), El::new().name("spin").bind_text(|app| format!("{}", app.clock().as_millis())));
    assert!(app.is_animating());
    app.frame(Duration::from_millis(100), &[]);
    assert_eq!(text_of(&app, "spin"), "100");
    app.frame(Duration::from_millis(116), &[]);
    assert_eq!(text_of(&app, "spin"), "116");
    app.despawn(e);
    assert!(!app.is_animating());
}

#[test]
fn focus_tracked_reruns_readers_when_focus_moves_and_only_then() {
    let mut app = App::headless();
    let (runs, bump) = counter();
    let root = app.root();
    let a = app.mount(root, El::new().name("a").size(100.0, 100.0).focusable());
    let b = app.mount(root, El::new().name("b").size(100.0, 100.0).focusable());
    let e = app.mount(
        root,
        El::new().name("who").bind_text(move |app| {
            bump();
            let f = app.focus_tracked();
            app.world().get::<&crate::tree::Name>(f.unwrap_or(app.root())).map(|n| n.0.clone()).unwrap_or_default()
        }),
    );
    app.frame(Duration::ZERO, &[]);
    assert_eq!(app.focused(), Some(a));
    assert_eq!(text_of(&app, "who"), "a");
    let before = runs.get();
    frame(&mut app);
    frame(&mut app);
    assert_eq!(runs.get(), before, "idle frames do not rerun readers");
    app.press(crate::input::RemoteKey::Down);
    assert_eq!(app.focused(), Some(b));
    assert_eq!(text_of(&app, "who"), "b", "seen in the frame focus moved");
    app.set_focus(a);
    frame(&mut app);
    assert_eq!(text_of(&app, "who"), "a", "a move between frames is seen in the next one");
    app.despawn(e);
    let after = runs.get();
    app.press(crate::input::RemoteKey::Down);
    assert_eq!(runs.get(), after, "a despawned reader is gone");
}

#[test]
fn two_apps_on_one_thread_have_separate_graphs() {
    let mut a = App::headless();
    let mut b = App::headless();
    let sa = a.signal(1);
    let sb = b.signal(2);
    sa.set(&mut a, 10);
    assert_eq!((sa.get(&a), sb.get(&b)), (10, 2));
    assert_eq!(b.reactive_stats().pending, 0);
}
