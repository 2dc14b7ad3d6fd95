//! Harness tests of focus: build a screen from widgets, press remote keys, assert where focus
//! is. Each test names the behaviour of the focus issue it checks.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers: a failing unwrap is a failing test; one handler panics on purpose"
)]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use tenfoot_renderer::{Color, Command};
use tenfoot_toolkit::{
    navigation_lint, App, El, EnterPolicy, FocusScope, Handled, KeyEvent, KeyPhase, NavDirection, RemoteKey, Scroll,
    ScrollPolicy,
};
use tenfoot_widgets::{button, column, container, row, Widget};

/// A focusable tile with a visible focus look.
fn tile(name: &str) -> El {
    container()
        .name(name)
        .size(200.0, 120.0)
        .shrink(0.0)
        .background(Color::hex(0x333333))
        .focusable()
        .focus_visual(|v| v.border = Some((4.0, Color::WHITE)))
}

/// A row scope of `n` tiles named `{prefix}{i}`.
fn tiles_row(name: &str, prefix: &str, n: usize, scope: FocusScope) -> El {
    row().name(name).gap(24.0).focus_scope(scope).children((0..n).map(|i| tile(&format!("{prefix}{i}"))))
}

fn start(el: impl Into<El>) -> App {
    let mut app = App::headless();
    app.set_root(el);
    let frame = app.frame(Duration::ZERO, &[]);
    assert!(frame.errors.is_empty(), "{:?}", frame.errors);
    app
}

/// The last name on the focus path.
fn focused(app: &App) -> String {
    app.focus_path().and_then(|p| p.rsplit('/').next().map(str::to_owned)).unwrap_or_default()
}

fn keys(app: &mut App, script: &str) -> String {
    app.press_keys(script).unwrap();
    focused(app)
}

fn two_rails(top: FocusScope, bottom: FocusScope) -> El {
    column()
        .name("home")
        .gap(40.0)
        .padding(40.0)
        .child(tiles_row("rail-0", "a", 5, top))
        .child(tiles_row("rail-1", "b", 5, bottom))
}

#[test]
fn initial_focus_and_arrows_follow_the_grid() {
    let mut app = start(two_rails(FocusScope::remembered(), FocusScope::remembered()));
    assert_eq!(app.focus_path().as_deref(), Some("root/home/rail-0/a0"));
    assert_eq!(keys(&mut app, "Right Right"), "a2");
    assert_eq!(keys(&mut app, "Down"), "b2");
    assert_eq!(keys(&mut app, "Right Right Right"), "b4", "stays on the last tile");
    assert_eq!(keys(&mut app, "Up"), "a2", "rail-0 remembers a2");
}

#[test]
fn initial_focus_marker_wins_over_tree_order() {
    let app = start(column().child(tile("a")).child(tile("b").initial_focus()));
    assert_eq!(focused(&app), "b");
}

#[test]
fn returning_to_a_row_restores_its_last_focused_tile() {
    let mut app = start(two_rails(FocusScope::remembered(), FocusScope::remembered()));
    assert_eq!(keys(&mut app, "Right Right Right Down"), "b3");
    assert_eq!(keys(&mut app, "Left Left Left"), "b0");
    // a1 is directly above b0, but rail-0 remembers a3.
    assert_eq!(keys(&mut app, "Up"), "a3");
    assert_eq!(keys(&mut app, "Down"), "b0");
}

#[test]
fn enter_policies_first_and_nearest() {
    let mut app = start(two_rails(FocusScope::remembered(), FocusScope::remembered().with_enter(EnterPolicy::First)));
    assert_eq!(keys(&mut app, "Right Right Down"), "b0", "First");
    let mut app = start(two_rails(FocusScope::remembered().with_enter(EnterPolicy::Nearest), FocusScope::remembered()));
    assert_eq!(keys(&mut app, "Right Right Right Down Left Left"), "b1");
    // Nearest ignores rail-0's memory (a3) and takes the tile above.
    assert_eq!(keys(&mut app, "Up"), "a1", "Nearest");
}

#[test]
fn a_row_of_choices_is_entered_on_its_selected_choice() {
    // rail-1 is a row of choices with b3 the current one (a theme row, season tabs).
    let choices = row()
        .name("rail-1")
        .gap(24.0)
        .focus_scope(FocusScope::remembered().with_enter(EnterPolicy::Selected))
        .children((0..5).map(|i| tile(&format!("b{i}")).selected(i == 3)));
    let mut app = start(
        column()
            .name("home")
            .gap(40.0)
            .padding(40.0)
            .child(tiles_row("rail-0", "a", 5, FocusScope::remembered()))
            .child(choices),
    );
    assert_eq!(keys(&mut app, "Down"), "b3", "entered on the selected choice, not the nearest (b0)");
    // Visiting another choice without choosing it does not move the entry point.
    assert_eq!(keys(&mut app, "Left Left Up"), "a0");
    assert_eq!(keys(&mut app, "Down"), "b3");
    // Without a selected choice: memory, as Remembered.
    let mut app =
        start(two_rails(FocusScope::remembered(), FocusScope::remembered().with_enter(EnterPolicy::Selected)));
    assert_eq!(keys(&mut app, "Down Right Right Up Down"), "b2");
}

#[test]
fn wrap_around_per_axis() {
    let mut app = start(two_rails(FocusScope::remembered().wrap(true, false), FocusScope::remembered()));
    assert_eq!(keys(&mut app, "Left"), "a4", "Left from the first wraps to the last");
    assert_eq!(keys(&mut app, "Right"), "a0", "Right from the last wraps to the first");
    // Vertical wrap is off: Down leaves the row as usual.
    assert_eq!(keys(&mut app, "Down"), "b0");
    assert_eq!(keys(&mut app, "Left"), "b0", "rail-1 does not wrap");
}

#[test]
fn explicit_overrides_for_an_element_and_for_a_scope() {
    let screen = column()
        .name("s")
        .gap(40.0)
        .child(row().name("nav").gap(24.0).child(tile("n0")).child(tile("n1")).child(tile("n2")))
        .child(
            row()
                .name("rail")
                .gap(24.0)
                .focus_scope(FocusScope::remembered())
                .focus_override(NavDirection::Up, "n2")
                .child(tile("t0").focus_override(NavDirection::Right, "n0"))
                .child(tile("t1"))
                .child(tile("t2")),
        );
    let mut app = start(screen);
    assert_eq!(keys(&mut app, "Down"), "t0");
    assert_eq!(keys(&mut app, "Right"), "n0", "t0's Right goes to n0");
    assert_eq!(keys(&mut app, "Down"), "t0", "the rail remembers t0");
    assert!(app.set_focus(app.find("t1").unwrap()));
    assert_eq!(keys(&mut app, "Right"), "t2", "only t0 has the override");
    assert_eq!(keys(&mut app, "Left Left"), "t0");
    assert_eq!(keys(&mut app, "Up"), "n2", "leaving the rail upwards goes to n2, not to n0 above");
}

#[test]
fn a_modal_trap_keeps_focus_until_it_closes_then_focus_returns() {
    let modal = || {
        column()
            .name("modal")
            .absolute(600.0, 300.0)
            .gap(24.0)
            .focus_scope(FocusScope::trap())
            .child(button("OK").name("ok"))
            .child(button("Cancel").name("cancel"))
            .on_key(|ctx, ev| {
                if ev.key == RemoteKey::Back && ev.phase == KeyPhase::Press {
                    ctx.despawn(ctx.target());
                    return Handled::Yes;
                }
                Handled::No
            })
    };
    let screen = column().name("s").size(1920.0, 1080.0).child(row().gap(24.0).child(tile("x")).child(
        button("Open").name("open").on_select(move |ctx| {
            let s = ctx.find("s").unwrap();
            ctx.mount(s, modal());
        }),
    ));
    let mut app = start(screen);
    assert_eq!(keys(&mut app, "Right Select"), "ok", "focus enters the modal");
    assert_eq!(keys(&mut app, "Up"), "ok");
    assert_eq!(keys(&mut app, "Left Right Up"), "ok", "arrows never leave the trap");
    assert_eq!(keys(&mut app, "Down"), "cancel");
    assert_eq!(keys(&mut app, "Down Left Right"), "cancel");
    assert_eq!(keys(&mut app, "Back"), "open", "closing returns focus to the opener");
    assert_eq!(keys(&mut app, "Left"), "x");
}

#[test]
fn a_trap_opens_on_its_initial_focus() {
    let modal = || {
        column()
            .name("modal")
            .absolute(600.0, 300.0)
            .gap(24.0)
            .focus_scope(FocusScope::trap())
            .child(button("Delete").name("delete"))
            .child(button("Keep").name("keep").initial_focus())
    };
    let screen = column().name("s").size(1920.0, 1080.0).child(tile("x")).child(button("Open").name("open").on_select(
        move |ctx| {
            let s = ctx.find("s").unwrap();
            ctx.mount(s, modal());
        },
    ));
    let mut app = start(screen);
    assert_eq!(keys(&mut app, "Down Select"), "keep", "the safe choice, not the first button");
    assert_eq!(keys(&mut app, "Up"), "delete");
}

#[test]
fn keys_bubble_from_the_focused_element_to_its_ancestors() {
    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let (l1, l2, l3) = (log.clone(), log.clone(), log.clone());
    let screen = column()
        .name("s")
        .on_key(move |_, ev| {
            if ev.phase == KeyPhase::Press {
                l1.borrow_mut().push(format!("screen {}", ev.key));
            }
            Handled::from(ev.key == RemoteKey::Menu)
        })
        .child(
            row()
                .name("rail")
                .on_key(move |_, ev| {
                    if ev.phase == KeyPhase::Press {
                        l2.borrow_mut().push(format!("rail {}", ev.key));
                    }
                    // The rail eats PlayPause and Right (no navigation to t1).
                    Handled::from(matches!(ev.key, RemoteKey::PlayPause | RemoteKey::Right))
                })
                .child(tile("t0").on_select(move |_| l3.borrow_mut().push("t0 select".into())))
                .child(tile("t1")),
        );
    let mut app = start(screen);
    app.press_keys("PlayPause Menu Select Right").unwrap();
    assert_eq!(
        *log.borrow(),
        ["rail PlayPause", "rail Menu", "screen Menu", "t0 select", "rail Right"],
        "t0's on_select takes Select before its ancestors see it"
    );
    assert_eq!(focused(&app), "t0", "the rail handled Right, so focus did not move");
    // Down is unhandled by everyone and finds nothing below: focus stays.
    assert_eq!(keys(&mut app, "Down"), "t0");
}

#[test]
fn back_pops_the_screen_and_focus_returns_to_where_it_was() {
    let details = || column().name("details").child(button("Play").name("play")).child(tile("more"));
    let screen =
        column().name("home").child(tiles_row("rail", "t", 4, FocusScope::remembered())).on_key(move |ctx, ev| {
            if ev.key == RemoteKey::Select && ev.phase == KeyPhase::Press {
                ctx.push_screen(details());
                return Handled::Yes;
            }
            Handled::No
        });
    let mut app = start(screen);
    assert_eq!(keys(&mut app, "Right Right Select"), "play");
    assert_eq!(app.pushed_screens(), 1);
    // The home screen is covered: arrows stay on the details screen.
    assert_eq!(keys(&mut app, "Down"), "more");
    assert_eq!(keys(&mut app, "Up Up Left Right"), "play");
    assert_eq!(keys(&mut app, "Back"), "t2");
    assert_eq!(app.pushed_screens(), 0);
    assert!(app.find("details").is_none(), "the popped screen is despawned");
    // Memory and focus look of the covered screen survived.
    assert_eq!(keys(&mut app, "Right"), "t3");
    // Back on the bottom screen is reported for the host to handle (leave the app).
    let frame = app.press(RemoteKey::Back);
    assert_eq!(frame.unhandled, vec![KeyEvent::press(RemoteKey::Back)]);
}

#[test]
fn rails_scroll_the_focused_tile_into_view() {
    let rail = |policy| {
        row()
            .name("rail")
            .width(1000.0)
            .gap(24.0)
            .focus_scope(FocusScope::remembered())
            .scroll(Scroll::horizontal(policy))
            .children((0..10).map(|i| tile(&format!("t{i}"))))
    };
    let mut app = start(column().name("s").child(rail(ScrollPolicy::KeepInView { margin: 40.0 })));
    let view = app.rect(app.find("rail").unwrap()).unwrap();
    app.press_keys("Right Right Right").unwrap();
    assert_eq!(focused(&app), "t3");
    let scroll = |app: &App| app.world().get::<&Scroll>(app.find("rail").unwrap()).unwrap().offset;
    assert_eq!(scroll(&app), 0.0, "t3 (672..872) is in view with its margin");
    app.press_keys("Right").unwrap();
    let r = app.screen_rect(app.find("t4").unwrap()).unwrap();
    assert!((r.right() - (view.right() - 40.0)).abs() < 0.5, "t4 ends 40 px before the edge: {r:?}");
    assert!(scroll(&app) > 0.0);
    // Paint glides the children to the offset on a spring, then draws them where the search
    // already sees them.
    let glide = app.now() + std::time::Duration::from_millis(16);
    let _ = app.frame(glide, &[]);
    let _ = app.frame(glide + std::time::Duration::from_secs(2), &[]);
    let list = app.display_list().clone();
    let xs: Vec<f32> = list.commands.iter().filter_map(|c| c.bounds()).map(|b| b.x + 1.0).collect();
    assert!(xs.iter().any(|x| (x - r.x).abs() < 0.5), "t4 painted at {r:?}: {xs:?}");
    // Going back left: t0 returns to offset 0.
    app.press_keys("Left Left Left Left").unwrap();
    assert_eq!((focused(&app).as_str(), scroll(&app)), ("t0", 0.0));
    // Navigation uses on-screen rects: from t9 (scrolled far) Up finds nothing, Left finds t8.
    app.press_keys("Right Right Right Right Right Right Right Right Right").unwrap();
    assert_eq!(focused(&app), "t9");
    let r9 = app.screen_rect(app.find("t9").unwrap()).unwrap();
    assert!(r9.right() <= view.right() + 0.5, "{r9:?} {view:?}");

    let mut app = start(column().name("s").child(rail(ScrollPolicy::StickToStart)));
    app.press_keys("Right Right").unwrap();
    let r = app.screen_rect(app.find("t2").unwrap()).unwrap();
    assert!((r.x - view.x).abs() < 0.5, "t2 sits at the start: {r:?}");
    let mut app = start(column().name("s").child(rail(ScrollPolicy::Centre)));
    app.press_keys("Right Right Right Right").unwrap();
    let r = app.screen_rect(app.find("t4").unwrap()).unwrap();
    assert!((r.center().x - view.center().x).abs() < 0.5, "t4 is centred: {r:?}");
}

#[test]
fn focus_moves_to_a_neighbour_when_the_focused_element_disappears() {
    let remove_on_select = || {
        move |ctx: &mut tenfoot_toolkit::EventCtx<'_>| {
            let t = ctx.target();
            ctx.despawn(t);
        }
    };
    let row_of = |name: &str, prefix: &str| {
        row()
            .name(name)
            .gap(24.0)
            .focus_scope(FocusScope::remembered())
            .children((0..3).map(|i| tile(&format!("{prefix}{i}")).on_select(remove_on_select())))
    };
    let mut app = start(column().name("s").gap(40.0).child(row_of("r0", "a")).child(row_of("r1", "b")));
    assert_eq!(keys(&mut app, "Right Select"), "a2", "a2 slides into a1's place");
    assert_eq!(keys(&mut app, "Select"), "a0", "the last tile gone: its left neighbour");
    assert_eq!(keys(&mut app, "Select"), "b0", "the row is empty: the nearest elsewhere");
    assert_eq!(keys(&mut app, "Up"), "b0", "the empty row is no target");
    // Hiding and disabling also move focus on.
    let b0 = app.find("b0").unwrap();
    app.update_style(b0, |s| s.display_none = true);
    app.frame(Duration::ZERO, &[]);
    assert_eq!(focused(&app), "b1");
    let b1 = app.find("b1").unwrap();
    app.set_disabled(b1, true);
    app.frame(Duration::ZERO, &[]);
    assert_eq!(focused(&app), "b2");
    // Removing everything leaves nothing focused, and a new element gets focus.
    let s = app.find("s").unwrap();
    app.despawn(app.find("r1").unwrap());
    app.frame(Duration::ZERO, &[]);
    assert_eq!(app.focused(), None);
    app.mount(s, tile("new"));
    app.frame(Duration::ZERO, &[]);
    assert_eq!(focused(&app), "new");
}

#[test]
fn disabled_hidden_and_zero_size_elements_are_skipped() {
    let screen = row()
        .name("s")
        .gap(24.0)
        .child(tile("t0"))
        .child(tile("disabled").disabled(true))
        .child(tile("hidden").hidden(true))
        .child(tile("zero").size(0.0, 120.0))
        .child(container().opacity(0.0).child(tile("transparent")))
        .child(button("Off").look(tenfoot_widgets::ButtonLook::Disabled).name("off"))
        .child(tile("t1"));
    let mut app = start(screen);
    assert_eq!(keys(&mut app, "Right"), "t1");
    assert_eq!(keys(&mut app, "Left"), "t0");
}

#[test]
fn focused_button_switches_look_and_back() {
    let mut app = start(row().name("s").gap(24.0).child(button("A").name("a")).child(button("B").name("b")));
    let borders =
        |app: &mut App| app.display_list().commands.iter().filter(|c| matches!(c, Command::Border { .. })).count();
    assert_eq!(focused(&app), "a");
    assert_eq!(borders(&mut app), 1, "exactly one focus ring");
    let a = app.find("a").unwrap();
    let scaled = |app: &App, e| app.world().get::<&tenfoot_toolkit::Visual>(e).unwrap().transform.sx;
    assert!(scaled(&app, a) > 1.0);
    assert!(app.world().get::<&tenfoot_toolkit::Focused>(a).is_ok());
    app.press(RemoteKey::Right);
    assert_eq!(focused(&app), "b");
    assert_eq!(borders(&mut app), 1);
    assert_eq!(scaled(&app, a), 1.0, "A is back to normal");
    assert!(app.world().get::<&tenfoot_toolkit::Focused>(a).is_err());
}

#[test]
fn a_panicking_handler_is_reported_then_disabled_and_the_app_goes_on() {
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    let screen = row().name("s").child(tile("bad").on_select(move |_| {
        c.set(c.get() + 1);
        panic!("boom");
    }));
    let mut app = start(screen.child(tile("ok")));
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.extend(app.press(RemoteKey::Select).errors);
    }
    assert_eq!(calls.get(), 3, "disabled after three panics");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("root/s/bad") && errors[0].contains("boom"), "{}", errors[0]);
    assert!(errors[2].contains("disabled"), "{}", errors[2]);
    assert_eq!(keys(&mut app, "Right"), "ok", "navigation still works");
}

#[test]
fn a_panicking_deferred_command_is_reported_and_the_app_goes_on() {
    let screen =
        row().name("s").child(tile("bad").on_select(|ctx| ctx.defer(|_| panic!("deferred boom")))).child(tile("ok"));
    let mut app = start(screen);
    let errors = app.press(RemoteKey::Select).errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("root/s/bad") && errors[0].contains("deferred boom"), "{}", errors[0]);
    assert_eq!(keys(&mut app, "Right"), "ok", "navigation still works");
}

#[test]
fn lint_finds_an_unreachable_element() {
    // a and b send Down to each other, so nothing reaches x below a.
    let screen = column()
        .name("s")
        .gap(40.0)
        .child(
            row()
                .gap(24.0)
                .child(tile("a").focus_override(NavDirection::Down, "b"))
                .child(tile("b").focus_override(NavDirection::Down, "a")),
        )
        .child(tile("x"));
    let app = start(screen);
    let report = navigation_lint(&app);
    assert_eq!(report.unreachable, ["root/s/x"], "{report}");
    assert!(report.traps.is_empty(), "{report}");
    assert!(report.to_string().contains("unreachable: `root/s/x`"), "{report}");
}

#[test]
fn lint_finds_traps_with_no_way_out() {
    // A row wrapping on both axes: arrows go round inside it forever.
    let screen = column().name("s").gap(40.0).child(tile("top")).child(tiles_row(
        "loop",
        "l",
        3,
        FocusScope::remembered().wrap(true, true),
    ));
    let app = start(screen);
    let report = navigation_lint(&app);
    assert_eq!(report.traps.len(), 1, "{report}");
    assert_eq!(report.traps[0].path, "root/s/loop");
    assert!(report.unreachable.is_empty(), "{report}");

    // A modal trap without any handler on the bottom screen: Back cannot close it.
    let screen = column()
        .name("s")
        .child(tile("behind"))
        .child(column().name("modal").focus_scope(FocusScope::trap()).child(tile("m0")).child(tile("m1")));
    let app = start(screen);
    assert_eq!(focused(&app), "m0");
    let report = navigation_lint(&app);
    assert_eq!(report.traps.iter().map(|t| t.path.as_str()).collect::<Vec<_>>(), ["root/s/modal"], "{report}");
    assert!(report.unreachable.is_empty(), "only the open trap is explored: {report}");
}

#[test]
fn lint_is_clean_on_a_well_formed_screen() {
    let app = start(two_rails(FocusScope::remembered(), FocusScope::remembered().wrap(true, false)));
    let report = navigation_lint(&app);
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.focusables, 10);
    assert!(report.to_string().contains("ok (10 focusable"), "{report}");
}
