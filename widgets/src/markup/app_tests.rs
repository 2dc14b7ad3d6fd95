//! Markup apps: actions, state, dialogs, screens, themes and the check, in a headless app.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use tenfoot_toolkit::{App, RemoteKey};

use super::*;
use crate::theme::{theme, Theme};

struct Mem(HashMap<String, String>);

impl Files for Mem {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0.get(path).cloned().ok_or_else(|| "no such file".to_owned())
    }
}

fn files(list: &[(&str, &str)]) -> Rc<dyn Files> {
    Rc::new(Mem(list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()))
}

fn app_of(list: &[(&str, &str)]) -> App {
    let mut app = App::headless();
    let started = start(&mut app, files(list), list[0].0, Theme::dark(), None);
    assert!(started.is_ok(), "{}", started.err().map(|e| render_all(&e)).unwrap_or_default());
    app.frame(Duration::ZERO, &[]);
    app
}

fn focus(app: &App) -> String {
    app.focus_path().unwrap_or_default()
}

#[test]
fn a_misspelled_widget_on_line_3_fails_with_its_line_and_a_hint() {
    let src = "column {\n  text \"a\"\n  buton \"Play\"\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    assert_eq!(d.len(), 1, "{}", render_all(&d));
    assert!(d[0].to_string().contains("s.kdl:3:3"), "{}", d[0]);
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `button`?"));
}

#[test]
fn all_errors_of_a_file_at_once_and_css_names_answered() {
    let src =
        "column justify-content=center {\n  colum {\n    text \"a\" flex-grow=1\n  }\n  row align-items=flex-end\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    let hints: Vec<String> = d.iter().map(|d| format!("{}: {}", d.line, d.hint.clone().unwrap_or_default())).collect();
    assert_eq!(
        hints,
        [
            "1: tenfoot calls it `justify`",
            "2: did you mean `column`?",
            "3: tenfoot calls it `grow`",
            "5: tenfoot calls it `end`"
        ]
    );
}

#[test]
fn warnings_for_two_initial_focus_unreachable_and_unlabelled() {
    let src = "column {\n  button \"A\" initial-focus=#true\n  button \"B\" initial-focus=#true\n  \
               column focusable=#true width=100 height=100\n  \
               column width=10 height=10 left=1800 top=1000 focusable=#true label=\"far\" nav-up=x\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    let msgs: Vec<(usize, String, bool)> = d.iter().map(|d| (d.line, d.message.clone(), d.is_error())).collect();
    assert!(msgs.contains(&(3, "a second `initial-focus` on this screen".into(), false)), "{msgs:?}");
    assert!(msgs.contains(&(4, "this focusable element has no label".into(), false)), "{msgs:?}");
    assert!(msgs.iter().all(|m| !m.2), "only warnings: {msgs:?}");
}

#[test]
fn a_dialog_opens_on_select_and_back_closes_it_with_focus_returned() {
    let src = r#"
dialog "confirm" {
    modal "Sign out?" message="You can sign in again any time." name=dlg {
        action "Sign out" primary=#true on-select="set signed-in #false"
        action "Cancel"
    }
}
state { signed-in #true }
column name=page {
    button "Home" name=home
    button "Sign out" name=out on-select="open confirm"
    text "signed in: {state.signed-in}" name=status
}
"#;
    let mut app = app_of(&[("s.kdl", src)]);
    app.press(RemoteKey::Down);
    assert_eq!(focus(&app), "root/page/out");
    app.press(RemoteKey::Select);
    app.frame(Duration::from_millis(50), &[]);
    assert!(focus(&app).contains("dlg"), "focus moved into the dialog: {}", focus(&app));
    app.press(RemoteKey::Back);
    app.frame(Duration::from_secs(1), &[]);
    app.frame(Duration::from_secs(2), &[]);
    assert_eq!(focus(&app), "root/page/out", "focus returned to the button that opened it");
    // Open again and take the primary action: the state changes and the text follows.
    app.press(RemoteKey::Select);
    app.frame(Duration::from_secs(3), &[]);
    app.press(RemoteKey::Select);
    app.frame(Duration::from_secs(4), &[]);
    app.frame(Duration::from_secs(5), &[]);
    let status = app.find("status").unwrap();
    let text = app.world().get::<&tenfoot_toolkit::TextContent>(status).unwrap().text.clone();
    assert_eq!(text, "signed in: false");
    assert_eq!(focus(&app), "root/page/out");
}

#[test]
fn go_pushes_a_screen_file_and_back_restores_focus() {
    let home = "column name=home {\n  button \"A\" name=a\n  button \"Details\" name=b on-select=\"go pages/details.kdl\"\n}\n";
    let details = "column name=details {\n  button \"Back\" name=back on-select=\"back\"\n  import-me\n}\n";
    let comp = "component \"import-me\" label=\"Play\" {\n  button \"{label}\" name=play\n}\n";
    let details = format!("import \"../comp.kdl\"\n{details}");
    let mut app = app_of(&[("app/home.kdl", home), ("app/pages/details.kdl", &details), ("app/comp.kdl", comp)]);
    app.press(RemoteKey::Down);
    app.press(RemoteKey::Select);
    app.frame(Duration::from_millis(100), &[]);
    assert!(focus(&app).ends_with("details/back"), "{}", focus(&app));
    assert!(app.find("play").is_some(), "the imported component was built");
    app.press(RemoteKey::Select);
    app.frame(Duration::from_secs(1), &[]);
    assert_eq!(focus(&app), "root/home/b");
}

#[test]
fn setting_theme_in_markup_switches_the_theme_and_keeps_focus() {
    let src = r#"
state { theme "dark" }
column name=settings background=$background {
    button "Dark" name=dark on-select="set theme dark"
    button "Light" name=light on-select="set theme light"
    text "Theme: {state.theme}" name=label
}
"#;
    let mut app = app_of(&[("settings.kdl", src)]);
    assert_eq!(theme(&app).name, "dark");
    let bg = |app: &App| {
        let e = app.find("settings").unwrap();
        app.world().get::<&tenfoot_toolkit::Visual>(e).unwrap().background
    };
    assert_eq!(bg(&app), Some(Theme::dark().background));
    app.press(RemoteKey::Down);
    app.press(RemoteKey::Select);
    app.frame(Duration::from_millis(100), &[]);
    assert_eq!(theme(&app).name, "light");
    assert_eq!(bg(&app), Some(Theme::light().background), "tokens resolved again with the new theme");
    assert_eq!(focus(&app), "root/settings/light");
    let rt = runtime(&app).unwrap();
    assert!(rt.set(&mut app, "theme", "sepia").unwrap_err().contains("unknown theme"));
}

#[test]
fn focus_looks_follow_focus_through_the_transition() {
    let src = r##"
row name=r {
    column name=a focusable=#true width=100 height=100 background="#222222" transition="transform 100ms linear" {
        focused { scale 1.5; background "#ff0000" }
    }
    column name=b focusable=#true width=100 height=100 background="#222222" {
        focused { scale 1.5 }
    }
}
"##;
    let mut app = app_of(&[("s.kdl", src)]);
    fn vis(app: &App, n: &str) -> tenfoot_toolkit::Visual {
        let e = app.find(n).unwrap();
        let v = app.world().get::<&tenfoot_toolkit::Visual>(e).unwrap();
        (*v).clone()
    }
    app.frame(Duration::from_millis(10), &[]);
    app.frame(Duration::from_millis(500), &[]);
    assert_eq!(vis(&app, "a").background, Some(tenfoot_renderer::Color::hex(0xff0000)));
    assert_eq!(vis(&app, "a").scale.x, 1.5);
    assert_eq!(vis(&app, "b").scale.x, 1.0);
    app.press(RemoteKey::Right);
    // Halfway through the declared 100 ms, a is between its looks.
    app.frame(Duration::from_millis(550), &[]);
    let mid = vis(&app, "a").scale.x;
    assert!(mid > 1.0 && mid < 1.5, "animating: {mid}");
    app.frame(Duration::from_millis(700), &[]);
    assert_eq!(vis(&app, "a").scale.x, 1.0);
    assert_eq!(vis(&app, "b").scale.x, 1.5);
}

#[test]
fn actions_and_state_are_checked_when_the_screen_loads() {
    let src = "state { tab 0 }\ncolumn {\n  button \"x\" on-select=\"set tabb 1; opne d; set tab many\"\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    let got: Vec<(String, String)> =
        d.iter().map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default())).collect();
    assert_eq!(got[0], ("the screen state has no field `tabb`".into(), "did you mean `tab`?".into()));
    assert_eq!(got[1].0, "unknown action `opne`");
    assert_eq!(got[1].1, "did you mean `open`?");
    assert_eq!(got[2].0, "`tab` holds a whole number of 0 or more");
    assert_eq!(d[0].column, 29);
}

#[test]
fn unreachable_focusables_and_inescapable_traps_are_warned_at_their_markup() {
    let src = "column {\n  button \"A\" initial-focus=#true\n  column focusable=#true label=\"under A\" width=20 height=20 left=10 top=10\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    assert_eq!(d.len(), 1, "{}", render_all(&d));
    assert_eq!((d[0].line, d[0].message.as_str()), (3, "the arrows never reach this focusable element"));
    let src = "column {\n  row focus-scope=trap {\n    button \"T\" initial-focus=#true\n  }\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    assert_eq!(d.len(), 1, "{}", render_all(&d));
    assert!(d[0].message.starts_with("focus enters this scope and cannot leave"), "{}", d[0]);
    assert_eq!(d[0].line, 2);
}

#[test]
fn new_data_rebuilds_the_screen_and_focus_stays_sane_when_its_item_goes() {
    let src = "column name=page {\n  for-each \"items\" {\n    button \"{item}\" name=\"b-{index}\"\n  }\n}\n";
    let mut app = App::headless();
    let data = serde_json::json!({"items": ["a", "b", "c"]});
    let started = start(&mut app, files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), Some(data));
    assert!(started.is_ok());
    app.frame(Duration::ZERO, &[]);
    app.press(RemoteKey::Down);
    app.press(RemoteKey::Down);
    assert_eq!(focus(&app), "root/page/b-2");
    let rt = runtime(&app).unwrap();
    // The same item still there: focus stays on it.
    rt.set_data(&mut app, Some(serde_json::json!({"items": ["x", "y", "z", "w"]}))).unwrap();
    app.frame(Duration::from_millis(16), &[]);
    assert_eq!(focus(&app), "root/page/b-2");
    // The focused item removed: focus goes to a live element, not nowhere.
    rt.set_data(&mut app, Some(serde_json::json!({"items": ["x"]}))).unwrap();
    app.frame(Duration::from_millis(32), &[]);
    assert_eq!(focus(&app), "root/page/b-0");
    // Data that breaks the screen keeps the last good one.
    assert!(rt.set_data(&mut app, Some(serde_json::json!({"things": []}))).is_err());
    app.frame(Duration::from_millis(48), &[]);
    assert_eq!(focus(&app), "root/page/b-0");
}

#[test]
fn a_request_action_binds_the_hosts_answer_into_the_data() {
    let src = r#"
state { query "" }
column name=page {
    button "Find" name=find on-select="set query sun; request data.search hits list=titles query={state.query}"
    button "Bad" name=bad on-select="request data.nothing hits"
    text "{state.query}" name=q
    for-each "hits" {
        text "{item.title}" name="hit-{index}"
    }
}
"#;
    let data = serde_json::json!({
        "titles": [{"title": "Sunrise", "genres": []}, {"title": "Night", "genres": ["Sunny"]}, {"title": "Rain"}],
        "hits": []
    });
    let mut app = App::headless();
    app.set_host(DataHost::new(Some(data.clone())));
    let started = start(&mut app, files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), Some(data));
    assert!(started.is_ok(), "{}", started.err().map(|e| render_all(&e)).unwrap_or_default());
    app.frame(Duration::ZERO, &[]);
    assert!(app.find("hit-0").is_none());
    app.press(RemoteKey::Select);
    for ms in [16, 32, 48, 64] {
        app.frame(Duration::from_millis(ms), &[]);
    }
    let text = |app: &App, n: &str| {
        app.find(n).and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.text.clone()))
    };
    // The body was filled from the state when the action ran; a genre matches too.
    assert_eq!(text(&app, "hit-0").as_deref(), Some("Sunrise"));
    assert_eq!(text(&app, "hit-1").as_deref(), Some("Night"));
    assert!(app.find("hit-2").is_none());
    assert_eq!(focus(&app), "root/page/find", "focus kept through the rebuild");
    // A topic the host does not serve is reported, not a panic, and the data stays.
    app.press(RemoteKey::Down);
    app.press(RemoteKey::Select);
    for ms in [80, 96, 112] {
        app.frame(Duration::from_millis(ms), &[]);
    }
    let rt = runtime(&app).unwrap();
    let errors = render_all(&rt.errors());
    assert!(errors.contains("data.nothing"), "{errors}");
    assert_eq!(text(&app, "hit-0").as_deref(), Some("Sunrise"));
}

#[test]
fn a_request_body_that_is_not_key_value_fails_when_the_screen_loads() {
    let src = "state { q \"\" }\nbutton \"Go\" on-select=\"request data.search hits oops\"\n";
    let mut app = App::headless();
    let err = start(&mut app, files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None).err().unwrap();
    let text = render_all(&err);
    assert!(text.contains("2:") && text.contains("`oops` is not a `key=value` pair"), "{text}");
}

#[test]
fn on_change_runs_when_the_bound_field_changes_not_when_built() {
    let src = r#"
state { query ""; auto #false; note "none" }
column name=page {
    toggle "Autoplay" value=auto name=auto on-change="set note switched {state.auto}"
    text-input value=query name=field
    keyboard value=query columns=6 name=keys \
        on-change="request data.search hits list=titles field=title query={state.query}"
    text "{state.note}" name=note
    for-each "hits" {
        text "{item.title}" name="hit-{index}"
    }
}
"#;
    let data = serde_json::json!({
        "titles": [{"title": "Arrow", "synopsis": "b"}, {"title": "Bay", "synopsis": "a"}],
        "hits": []
    });
    let mut app = App::headless();
    app.set_host(DataHost::new(Some(data.clone())));
    let started = start(&mut app, files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), Some(data));
    assert!(started.is_ok(), "{}", started.err().map(|e| render_all(&e)).unwrap_or_default());
    let text = |app: &App, n: &str| {
        app.find(n).and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.text.clone()))
    };
    let mut now = Duration::ZERO;
    let mut frames = |app: &mut App, n: u32| {
        for _ in 0..n {
            now += Duration::from_millis(16);
            app.frame(now, &[]);
        }
    };
    frames(&mut app, 3);
    assert_eq!(text(&app, "note").as_deref(), Some("none"), "nothing ran at build");
    assert!(app.find("hit-0").is_none(), "no request at build");
    app.press(RemoteKey::Select);
    frames(&mut app, 2);
    assert_eq!(text(&app, "note").as_deref(), Some("switched true"));
    // A new query (as the keyboard types it) asks the host; only titles are searched, and
    // the answer rebuilds the screen, which must not ask again.
    let rt = runtime(&app).unwrap();
    rt.set(&mut app, "query", "arr").unwrap();
    frames(&mut app, 6);
    assert_eq!(text(&app, "hit-0").as_deref(), Some("Arrow"));
    assert!(app.find("hit-1").is_none(), "Bay's synopsis is not searched");
    assert_eq!(rt.requests_sent(), 1, "the rebuild after the answer did not ask again");
}

#[test]
fn on_change_needs_a_widget_bound_to_a_field() {
    let src = "state { q \"\" }\ncolumn {\n  button \"Go\" on-change=\"set q x\"\n}\n";
    let d = check(files(&[("s.kdl", src)]), "s.kdl", Theme::dark(), None);
    let text = render_all(&d);
    assert!(text.contains("3:") && text.contains("`on-change` does not apply to `button`"), "{text}");
    assert!(text.contains("keyboard"), "the hint names the bound widgets: {text}");
}
