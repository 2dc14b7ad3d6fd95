use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use tenfoot_renderer::Color;

use super::*;
use crate::focus::FocusScope;
use crate::tasks::{Envelope, Host};
use crate::RemoteKey;

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn item(name: &str, title: &str) -> El {
    El::new()
        .name(name.to_owned())
        .size(200.0, 300.0)
        .focusable()
        .role(Role::Tile)
        .description(format!("{title} meta"))
        .child(El::new().text(title.to_owned()))
}

/// A screen: a heading, a button, and a list of three tiles under it.
fn screen() -> El {
    El::new()
        .name("screen")
        .role(Role::Screen)
        .label("Home")
        .size(1920.0, 1080.0)
        .gap(40.0)
        .child(El::new().text("Welcome").role(Role::Heading).font_size(40.0))
        .child(
            El::new()
                .name("play")
                .size(200.0, 80.0)
                .focusable()
                .hint("press Select to play")
                .child(El::new().text("Play")),
        )
        .child(
            El::new()
                .name("rail")
                .role(Role::List)
                .label("Picks")
                .direction(crate::Direction::Row)
                .gap(20.0)
                .focus_scope(FocusScope::remembered())
                .child(item("a", "Alpha"))
                .child(item("b", "Beta"))
                .child(item("c", "Gamma")),
        )
}

fn app() -> App {
    let mut app = App::headless();
    app.set_root(screen());
    app.enable_announcer();
    app
}

#[test]
fn the_tree_names_roles_labels_and_places() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let tree = app.semantics().unwrap();
    let outline = tree.outline();
    assert_eq!(
        outline,
        "group\n  \
           screen \"Home\"\n    \
             heading \"Welcome\"\n    \
             button \"Play\" hint=\"press Select to play\" [focused]\n    \
             list \"Picks\" items=3\n      \
               tile \"Alpha\" description=\"Alpha meta\" 1/3\n      \
               tile \"Beta\" description=\"Beta meta\" 2/3\n      \
               tile \"Gamma\" description=\"Gamma meta\" 3/3\n"
    );
    // Ids are the entities': stable across frames.
    let b = app.find("b").unwrap();
    let id = tree.node_of(b).unwrap().id;
    let _ = app.press(RemoteKey::Down);
    assert_eq!(app.semantics().unwrap().node_of(b).map(|n| n.id), Some(id));
    assert!(app.semantics().unwrap().to_json().contains("\"label\": \"Beta\""));
}

#[test]
fn focus_moves_are_announced_from_the_focus_path() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let first: Vec<String> = app.take_utterances().into_iter().map(|u| u.text).collect();
    assert_eq!(first, ["Home, screen. Play, button. Press Select to play"]);
    let _ = app.press(RemoteKey::Down);
    let u = app.take_utterances();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].text, "Picks, list, 3 items. Alpha, 1 of 3, Alpha meta");
    assert_eq!((u[0].politeness, u[0].interrupt), (Politeness::Assertive, true));
    let _ = app.press(RemoteKey::Right);
    let u: Vec<String> = app.take_utterances().into_iter().map(|u| u.text).collect();
    assert_eq!(u, ["Beta, 2 of 3, Beta meta"], "moving within the list names only the tile");
    let _ = app.frame(ms(500), &[]);
    assert!(app.take_utterances().is_empty(), "nothing changed, nothing said");
}

#[test]
fn the_tree_is_rebuilt_only_when_something_changed() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let builds = app.semantics_builds();
    let _ = app.frame(ms(16), &[]);
    let _ = app.frame(ms(32), &[]);
    assert_eq!(app.semantics_builds(), builds, "idle frames do not rebuild");
    let play = app.find("play").unwrap();
    app.update_semantics(play, |s| s.value = Some("ready".into()));
    let _ = app.frame(ms(48), &[]);
    assert_eq!(app.semantics_builds(), builds + 1);
    assert_eq!(app.semantics().unwrap().node_of(play).unwrap().value.as_deref(), Some("ready"));
}

#[test]
fn updates_carry_only_what_changed() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let full = app.take_semantics_update().unwrap();
    assert_eq!(full.nodes.len(), app.semantics().unwrap().nodes.len());
    assert!(app.take_semantics_update().is_none(), "nothing new since");
    let _ = app.press(RemoteKey::Down);
    let u = app.take_semantics_update().unwrap();
    let labels: Vec<&str> = u.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["Play", "Alpha"], "the old and the new focus, nothing else");
    assert_eq!(u.focus, app.semantics().unwrap().find_path("rail/a").map(|n| n.id));
    let b = app.find("b").unwrap();
    let bid = app.semantics().unwrap().node_of(b).unwrap().id;
    app.despawn(b);
    let _ = app.frame(ms(100), &[]);
    let u = app.take_semantics_update().unwrap();
    assert!(u.removed.contains(&bid));
    assert!(u.nodes.iter().any(|n| n.label == "Gamma" && n.position == Some((2, 2))), "Gamma is now 2 of 2");
}

#[derive(Clone, Default)]
struct Spy(Rc<RefCell<Vec<Envelope>>>);

impl Host for Spy {
    fn receive(&mut self, _now: Duration, envelope: Envelope) {
        self.0.borrow_mut().push(envelope);
    }
    fn poll(&mut self, _now: Duration) -> Vec<Envelope> {
        Vec::new()
    }
}

#[test]
fn utterances_go_out_on_the_host_bus() {
    let mut app = app();
    let spy = Spy::default();
    app.set_host(spy.clone());
    let _ = app.frame(ms(0), &[]);
    let _ = app.press(RemoteKey::Down);
    let _ = app.frame(ms(50), &[]);
    let sent: Vec<TtsSpeak> = spy
        .0
        .borrow()
        .iter()
        .filter_map(|e| match e {
            Envelope::Message { topic, body } if topic == "tts.speak" => serde_json::from_value(body.clone()).ok(),
            _ => None,
        })
        .collect();
    let texts: Vec<&str> = sent.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Home, screen. Play, button. Press Select to play", "Picks, list, 3 items. Alpha, 1 of 3, Alpha meta"]
    );
    assert!(sent.iter().all(|s| s.interrupt && s.politeness == Politeness::Assertive));
}

#[test]
fn toasts_are_polite_and_errors_assertive() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let _ = app.take_utterances();
    let root = app.root();
    app.mount(root, El::new().role(Role::Status).child(El::new().text("Welcome back, Ana")));
    app.mount(root, El::new().role(Role::Alert).label("Couldn't load the catalog"));
    let _ = app.frame(ms(16), &[]);
    let u = app.take_utterances();
    let got: Vec<(&str, Politeness, bool)> = u.iter().map(|u| (u.text.as_str(), u.politeness, u.interrupt)).collect();
    assert_eq!(
        got,
        [("Welcome back, Ana", Politeness::Polite, false), ("Couldn't load the catalog", Politeness::Assertive, true)]
    );
}

#[test]
fn a_flipped_toggle_is_said_again() {
    let mut app = App::headless();
    app.set_root(
        El::new().child(
            El::new().name("t").size(100.0, 50.0).focusable().role(Role::Toggle).label("Autoplay").checked(true),
        ),
    );
    app.enable_announcer();
    let _ = app.frame(ms(0), &[]);
    assert_eq!(app.take_utterances()[0].text, "Autoplay, switch, on");
    let t = app.find("t").unwrap();
    app.update_semantics(t, |s| s.checked = Some(false));
    let _ = app.frame(ms(16), &[]);
    assert_eq!(app.take_utterances()[0].text, "Autoplay, switch, off");
}

#[test]
fn hidden_and_decorative_elements_are_left_out() {
    let mut app = App::headless();
    app.set_root(
        El::new()
            .child(El::new().text("shown"))
            .child(El::new().text("hidden").hidden(true))
            .child(El::new().text("9").decorative())
            .child(El::new().size(10.0, 10.0).image("posters/poster-00.png").decorative()),
    );
    let outline = app.semantics_now().outline();
    assert_eq!(outline, "group\n  text \"shown\"\n");
}

#[test]
fn the_lint_names_unlabelled_focusables_bad_contrast_small_text_and_bare_images() {
    let mut app = App::headless();
    app.set_background(Color::hex(0x101010));
    app.set_root(
        El::new()
            .name("s")
            .child(El::new().name("mystery").size(80.0, 80.0).focusable())
            .child(El::new().name("ok").size(80.0, 80.0).focusable().label("Fine"))
            .child(El::new().name("dim").text("Dim").font_size(30.0).color(Color::hex(0x303030)))
            .child(El::new().name("tiny").text("Tiny").font_size(12.0))
            .child(El::new().name("pic").size(10.0, 10.0).image("posters/poster-00.png"))
            .child(El::new().name("alt").size(10.0, 10.0).image("posters/poster-00.png").label("A poster"))
            .child(
                El::new()
                    .size(100.0, 100.0)
                    .image("posters/poster-00.png")
                    .decorative()
                    .child(El::new().name("over-image").text("Over").font_size(30.0)),
            ),
    );
    let _ = app.frame(ms(0), &[]);
    let report = a11y_lint(&mut app, LintOptions::default());
    let found: Vec<String> = report.findings.iter().map(|f| f.path.clone()).collect();
    assert_eq!(found, ["root/s/mystery", "root/s/pic", "root/s/dim", "root/s/tiny"], "{report}");
    assert!(matches!(report.findings[0].kind, lint::FindingKind::Unlabelled));
    assert!(matches!(report.findings[2].kind, lint::FindingKind::LowContrast { ratio, .. } if ratio < 2.0));
    assert_eq!(report.texts_unchecked, 1, "text over an image cannot be checked");
    assert!(report.to_string().contains("`root/s/mystery`: focusable element has no label"));
    // At 720p (2/3 physical px per logical px) 18 px text is 12 physical: just enough.
    let mut small = App::headless();
    small.set_root(El::new().child(El::new().text("Caption").font_size(17.0)));
    let r = a11y_lint(&mut small, LintOptions { scale: 2.0 / 3.0 });
    assert!(matches!(r.findings[0].kind, lint::FindingKind::TooSmall { min, .. } if (min - 18.0).abs() < 1e-3));
}

#[test]
fn node_paths_are_the_elements_paths() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let tree = app.semantics().unwrap();
    assert!(tree.nodes.len() > 4);
    for n in &tree.nodes {
        assert_eq!(n.path, crate::tree::path(app.world(), n.entity), "{:?}", n.role);
    }
    assert!(tree.find_path("screen/rail/b").is_some());
}

#[test]
fn semantics_now_keeps_a_pending_update_whole() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let _ = app.take_semantics_update();
    let b = app.find("b").unwrap();
    let bid = app.semantics().unwrap().node_of(b).unwrap().id;
    app.despawn(b);
    // A tool builds the tree between frames: the adapter still hears of the removal.
    let _ = app.semantics_now();
    let _ = app.frame(ms(16), &[]);
    let u = app.take_semantics_update().unwrap();
    assert!(u.removed.contains(&bid), "{:?}", u.removed);
}

/// The ids of the nodes of `now` not shared with `before` (made again this frame).
fn made_again<'a>(before: &SemanticsTree, now: &'a SemanticsTree) -> Vec<&'a str> {
    now.nodes
        .iter()
        .filter(|n| !before.nodes.iter().any(|o| std::sync::Arc::ptr_eq(o, n)))
        .map(|n| n.label.as_str())
        .collect()
}

#[test]
fn the_tree_keeps_unchanged_nodes_and_equals_one_built_from_scratch() {
    let mut app = app();
    let _ = app.frame(ms(0), &[]);
    let same_as_scratch = |app: &App, when: &str| {
        assert_eq!(app.semantics().unwrap(), &app.semantics_from_scratch(), "{when}: incremental tree differs");
    };
    same_as_scratch(&app, "first frame");

    let before = app.semantics().unwrap().clone();
    let _ = app.press(RemoteKey::Down);
    same_as_scratch(&app, "after a focus move");
    assert_eq!(made_again(&before, app.semantics().unwrap()), ["Play", "Alpha"], "only the old and new focus");

    // A text inside a tile is an input of the tile's label.
    let before = app.semantics().unwrap().clone();
    let beta_text = crate::tree::children(app.world(), app.find("b").unwrap())[0];
    app.set_text(beta_text, "Beta II");
    let _ = app.frame(ms(100), &[]);
    same_as_scratch(&app, "after a text change");
    let made = made_again(&before, app.semantics().unwrap());
    assert!(made.contains(&"Beta II") && !made.contains(&"Alpha"), "the tile whose text changed: {made:?}");

    // An edit of semantics; then a tile goes, and its neighbours' places change.
    let play = app.find("play").unwrap();
    app.update_semantics(play, |s| s.value = Some("ready".into()));
    let _ = app.frame(ms(150), &[]);
    same_as_scratch(&app, "after a semantics edit");
    let b = app.find("b").unwrap();
    app.despawn(b);
    let _ = app.frame(ms(200), &[]);
    same_as_scratch(&app, "after a despawn");
    let rail = app.semantics().unwrap().find_path("rail").unwrap();
    assert_eq!(rail.count, Some(2));
    assert_eq!(rail.children.len(), 2);
}
