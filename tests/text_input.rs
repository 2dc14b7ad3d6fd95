//! The text input example driven like a viewer would: D-pad and Select on the on-screen
//! keyboard type into the search field, Delete and Clear edit it, the PIN pad stops at the
//! field's four characters, focus moves across the grid and out to the PIN pad, and the field
//! shows its placeholder while empty. Through the public `Harness` (virtual time, real frames).

#[path = "../examples/text_input.rs"]
#[expect(dead_code, reason = "only the example's app builder is used")]
mod example;

use tenfoot::testing::{Device, Harness};
use tenfoot::toolkit::{tree, Style};

fn harness() -> Harness {
    Harness::with_app(example::app(), Device::Hd720)
}

fn focused(h: &Harness) -> String {
    h.focused().map(|f| f.name).unwrap_or_default()
}

/// The text an element named `name` inside `parent` shows, and whether it is shown at all.
fn shown(h: &Harness, parent: &str, name: &str) -> (String, bool) {
    let app = h.app();
    let Some(e) = h.find(parent).and_then(|p| tree::find_by_name(app.world(), p, name)) else {
        return (String::new(), false);
    };
    let visible = app.world().get::<&Style>(e).map(|s| !s.display_none).unwrap_or(false);
    let text = app.world().get::<&tenfoot::toolkit::TextContent>(e).map(|t| t.text.clone()).unwrap_or_default();
    (text, visible)
}

#[test]
fn dpad_and_select_type_dune_and_the_placeholder_goes() {
    let mut h = harness();
    assert_eq!(focused(&h), "key-a");
    assert_eq!(shown(&h, "query", "placeholder"), ("Titles, genres, moods".to_owned(), true));
    assert!(!shown(&h, "query", "value").1, "nothing typed yet");
    h.press_keys("Right Right Right Select").unwrap();
    assert_eq!(shown(&h, "query", "value"), ("d".to_owned(), true));
    assert!(!shown(&h, "query", "placeholder").1);
    h.press_keys("Down Down Down Left Select Up Left Select Up Up Right Right Right Select").unwrap();
    assert_eq!(shown(&h, "query", "value").0, "dune");
    assert_eq!(focused(&h), "key-e");
    assert!(h.errors().is_empty(), "{:?}", h.errors());
}

#[test]
fn delete_clear_and_submit() {
    let mut h = harness();
    h.press_keys("Select Right Select").unwrap();
    assert_eq!(shown(&h, "query", "value").0, "ab");
    // Six rows down from b: Space spans b's column.
    h.press_keys("Down Down Down Down Down Down").unwrap();
    assert_eq!(focused(&h), "key-space");
    h.press_keys("Right Select").unwrap();
    assert_eq!((focused(&h).as_str(), shown(&h, "query", "value").0.as_str()), ("key-delete", "a"));
    h.press_keys("Down Select").unwrap();
    assert_eq!(focused(&h), "key-submit");
    assert_eq!(h.text_of("searched").as_deref(), Some("Searched for \u{201c}a\u{201d}"));
    h.press_keys("Up Right Select").unwrap();
    assert_eq!(focused(&h), "key-clear");
    assert_eq!(shown(&h, "query", "value"), (String::new(), false));
    assert!(shown(&h, "query", "placeholder").1, "the placeholder is back");
}

#[test]
fn focus_crosses_the_grid_and_leaves_it_for_the_pin_pad_which_stops_at_four() {
    let mut h = harness();
    h.press_keys("Right Right Right Right Right").unwrap();
    assert_eq!(focused(&h), "key-f");
    h.press_keys("Right").unwrap();
    assert!(h.focused().unwrap().path.contains("pin-pad"), "{:?}", h.focused());
    h.press_keys("Select Select Select Select Select Select").unwrap();
    assert_eq!(shown(&h, "pin", "value").0, "\u{25cf}\u{25cf}\u{25cf}\u{25cf}", "four characters, masked");
    assert_eq!(h.text_of("pin-status").as_deref(), Some("4 of 4 digits"));
    h.press_keys("Down Down Right Right Select").unwrap();
    assert_eq!(focused(&h), "key-submit");
    assert_eq!(h.text_of("pin-status").as_deref(), Some("Signed in"));
    // Back to the search keyboard: it remembers its key.
    h.press_keys("Left Left Left").unwrap();
    assert_eq!(focused(&h), "key-f");
}
