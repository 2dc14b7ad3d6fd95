//! Loader tests: exact positions of every kind of error, and markup building the same trees
//! as the builder API.

use tenfoot_renderer::{Color, FontWeight};
use tenfoot_toolkit::{Align, App, El, Justify};

use super::*;
use crate::{button, caption, column, container, image, row, text, ButtonLook};

fn screen(src: &str) -> Result<El, Vec<Diagnostic>> {
    load_screen("screen.kdl", src, &Theme::dark(), None)
}

fn with_data(src: &str, json: &str) -> Result<El, Vec<Diagnostic>> {
    let data = parse_data("data.json", json).unwrap();
    load_screen("screen.kdl", src, &Theme::dark(), Some(&data))
}

/// The first diagnostic as (line, column, len, message, hint).
fn first(r: Result<El, Vec<Diagnostic>>) -> (usize, usize, usize, String, String) {
    let d = r.err().and_then(|d| d.into_iter().next()).expect("an error");
    (d.line, d.column, d.len, d.message, d.hint.unwrap_or_default())
}

#[test]
fn unknown_widget_suggests_the_nearest() {
    let src = "column {\n    colum gap=12\n}\n";
    assert_eq!(first(screen(src)), (2, 5, 5, "unknown widget `colum`".into(), "did you mean `column`?".into()));
}

#[test]
fn unknown_property_suggests_the_nearest_for_that_widget() {
    let src = "column {\n  text \"Hi\" font-sise=30\n}\n";
    assert_eq!(
        first(screen(src)),
        (2, 13, 9, "unknown property `font-sise` on `text`".into(), "did you mean `font-size`?".into())
    );
    // A property of another kind of widget: say where it applies.
    let (line, col, _, msg, hint) = first(screen("row font-size=30\n"));
    assert_eq!((line, col, msg.as_str()), (1, 5, "`font-size` does not apply to `row`"));
    assert!(hint.contains("text, heading, caption"), "{hint}");
}

#[test]
fn bad_colour_points_inside_the_string() {
    let src = "column {\n  text \"Hi\" color=\"#12345g\"\n}\n";
    let (line, col, len, msg, hint) = first(screen(src));
    assert_eq!((line, col, len, msg.as_str()), (2, 20, 7, "`#12345g` is not a colour"));
    assert!(hint.contains("#rrggbb"), "{hint}");
    // In a compound value, the caret is on the bad word.
    let src = "column shadow=\"0 12 32 #zz0000\"\n";
    assert_eq!(first(screen(src)).0..=first(screen(src)).1, 1..=24);
}

#[test]
fn unknown_token_suggests_a_token() {
    let src = "column background=$backgroud\n";
    assert_eq!(
        first(screen(src)),
        (1, 19, 10, "unknown theme token `$backgroud`".into(), "did you mean `$background`?".into())
    );
}

#[test]
fn bad_number_and_type_mismatch() {
    let src = "column {\n  row gap=\"wide\"\n}\n";
    let (line, col, len, msg, _) = first(screen(src));
    assert_eq!((line, col, len, msg.as_str()), (2, 12, 4, "`wide` is not a number"));
    let src = "column {\n  row gap=#true\n}\n";
    let (line, col, len, msg, _) = first(screen(src));
    assert_eq!((line, col, len, msg.as_str()), (2, 11, 5, "expected a number, found a boolean"));
    let src = "column background=12\n";
    let (line, col, _, msg, _) = first(screen(src));
    assert_eq!((line, col, msg.as_str()), (1, 19, "expected a colour, found a whole number"));
    let src = "column align-items=flex-end\n";
    let (_, col, _, _, hint) = first(screen(src));
    assert_eq!((col, hint.as_str()), (20, "tenfoot calls it `end`"));
    // A unit KDL cannot read as a number gets a hint to quote it.
    let (line, col, len, _, hint) = first(screen("column width=240px\n"));
    assert_eq!((line, col, len), (1, 14, 5));
    assert!(hint.contains("\"240px\""), "{hint}");
}

#[test]
fn unbalanced_braces() {
    let src = "column {\n  row {\n    text \"a\"\n}\n";
    let (line, col, _, msg, hint) = first(screen(src));
    assert_eq!((line, col), (1, 8), "{msg}");
    assert!(msg.contains("closing '}'"), "{msg}");
    assert!(hint.contains("matching"), "{hint}");
    let (line, col, _, _, _) = first(screen("column {\n}\n}\n"));
    assert_eq!((line, col), (3, 1));
}

#[test]
fn missing_data_field_points_at_the_field() {
    let json = r#"{"rails": [{"title": "New", "items": [{"title": "A", "poster": "p.png"}]}]}"#;
    let src = "column {\n  for-each \"rails\" as=rail {\n    text \"{rail.titel}\"\n  }\n}\n";
    assert_eq!(
        first(with_data(src, json)),
        (3, 17, 5, "`rail` has no field `titel`".into(), "did you mean `title`?".into())
    );
    let src = "column {\n  for-each \"rials\" {\n    text \"x\"\n  }\n}\n";
    let (line, col, len, msg, hint) = first(with_data(src, json));
    assert_eq!(
        (line, col, len, msg.as_str(), hint.as_str()),
        (2, 13, 5, "no data named `rials`", "did you mean `rails`?")
    );
    // Without data at all, the hint says how to pass it.
    let (_, _, _, _, hint) = first(screen("text \"{title}\"\n"));
    assert!(hint.contains("--data"), "{hint}");
}

#[test]
fn other_structural_errors() {
    assert_eq!(first(screen("")).3, "the screen is empty");
    assert_eq!(first(screen("row\nrow\n")).0, 2);
    let (_, _, _, msg, _) = first(screen("column {\n  text\n}\n"));
    assert_eq!(msg, "`text` needs the text");
    let (line, col, _, msg, _) = first(screen("text \"a\" {\n  row\n}\n"));
    assert_eq!((line, col, msg.as_str()), (1, 10, "`text` cannot have children"));
    let (line, col, _, msg, _) = first(screen("row gap=1 gap=2\n"));
    assert_eq!((line, col, msg.as_str()), (1, 11, "`gap` is set twice"));
    let (_, col, _, msg, _) = first(screen("row \"x\"\n"));
    assert_eq!((col, msg.as_str()), (5, "`row` takes no value before its properties"));
}

#[test]
fn every_error_of_a_save_is_reported() {
    let src = "column {\n  txt \"a\"\n  row gapp=1\n  text \"b\" color=\"red\"\n}\n";
    let errs = screen(src).unwrap_err();
    let lines: Vec<usize> = errs.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![2, 3, 4], "{}", render_all(&errs));
}

#[test]
fn errors_inside_for_each_are_reported_once() {
    let json = r#"{"items": [1, 2, 3]}"#;
    let errs = with_data("column {\n  for-each \"items\" {\n    text \"a\" colr=1\n  }\n}\n", json).unwrap_err();
    assert_eq!(errs.len(), 1);
}

#[test]
fn runaway_repetition_stops_with_an_error() {
    let json = format!("{{\"xs\": [{}]}}", vec!["0"; 200].join(","));
    let src = "column {\n for-each \"xs\" as=a {\n  for-each \"xs\" as=b {\n   text \"{a}{b}\"\n  }\n }\n}\n";
    let errs = with_data(src, &json).unwrap_err();
    assert!(errs[0].message.contains("more than 20000 elements"), "{}", errs[0]);
}

/// Renders both trees and compares their display lists: markup and builder are the same screen.
fn same_screen(markup: El, builder: El) {
    let mut a = App::headless();
    a.set_root(markup);
    let mut b = App::headless();
    b.set_root(builder);
    assert_eq!(a.display_list(), b.display_list());
}

#[test]
fn markup_builds_the_same_tree_as_the_builder_api() {
    let src = r##"
column name=screen width=1920 height=1080 padding="96 120" gap=48 background=$background {
    column gap=12 {
        text "tenfoot" font-size=96 weight=bold name=title
        text "Laid out with taffy" font-size=30 color=$text-muted max-lines=2
    }
    row gap=56 align-items=start {
        image "posters/none.png" width=240 height=360 radius=$radius-m shadow="0 12 32 #000000aa"
        column width=820 height=360 padding=48 justify=end radius=28 gradient="135, #3a1c71, #d76d77 50%, #ffaf7b" {
            row gap=24 {
                button "Play" primary=#true name=play
                button "Trailer" look=focused
            }
        }
    }
    container grow=1
    caption "small print"
}
"##;
    let t = Theme::dark();
    let builder = column()
        .name("screen")
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 96.0)
        .gap(48.0)
        .background(t.background)
        .child(
            column()
                .gap(12.0)
                .child(text("tenfoot").font_size(96.0).weight(FontWeight::BOLD).name("title"))
                .child(text("Laid out with taffy").font_size(30.0).color(t.text_muted).max_lines(2)),
        )
        .child(
            row()
                .gap(56.0)
                .align_items(Align::Start)
                .child(image("posters/none.png").size(240.0, 360.0).radius(t.radius.medium).shadow(
                    tenfoot_toolkit::Shadow {
                        y: 12.0,
                        blur: 32.0,
                        color: Color::rgba(0, 0, 0, 170),
                        ..tenfoot_toolkit::Shadow::NONE
                    },
                ))
                .child(
                    column()
                        .width(820.0)
                        .height(360.0)
                        .padding(48.0)
                        .justify(Justify::End)
                        .radius(28.0)
                        .gradient(
                            135.0,
                            &[(0.0, Color::hex(0x3a1c71)), (0.5, Color::hex(0xd76d77)), (1.0, Color::hex(0xffaf7b))],
                        )
                        .child(
                            row()
                                .gap(24.0)
                                .child(button("Play").primary().name("play"))
                                .child(button("Trailer").look(ButtonLook::Focused)),
                        ),
                ),
        )
        .child(container().grow(1.0))
        .child(caption("small print"));
    same_screen(screen(src).unwrap(), builder);
}

#[test]
fn for_each_repeats_with_fields_and_index() {
    let json = r#"{"rails": [
        {"title": "New", "items": [{"title": "A", "year": 2019}, {"title": "B", "year": 2020}]},
        {"title": "Old", "items": [{"title": "C", "year": 1950}]}
    ]}"#;
    let src = r#"
column {
    for-each "rails" as=rail index=r {
        text "{rail.title}" name="rail-{r}"
        row {
            for-each "rail.items" {
                text "{item.title} ({item.year})" name="tile-{r}-{index}"
            }
        }
    }
}
"#;
    let mut app = App::headless();
    app.set_root(with_data(src, json).unwrap());
    let text_of = |app: &App, name: &str| {
        app.find(name).and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.text.clone()))
    };
    assert_eq!(text_of(&app, "rail-1"), Some("Old".to_owned()));
    assert_eq!(text_of(&app, "tile-0-1"), Some("B (2020)".to_owned()));
    assert_eq!(text_of(&app, "tile-1-0"), Some("C (1950)".to_owned()));
    assert_eq!(app.find("tile-1-1"), None);
}

#[test]
fn theme_tokens_come_from_the_loaded_theme() {
    let theme = load_theme("t.kdl", "accent \"#102030\"\nfont-body 40\n").unwrap();
    let el = load_screen(
        "s.kdl",
        // Focus starts on the second button, so the primary one shows its resting accent look.
        "column background=$accent { text \"a\" name=t\nbutton \"b\" primary=#true\nbutton \"c\" initial-focus=#true }",
        &theme,
        None,
    )
    .unwrap();
    let mut app = App::headless();
    app.set_root(el);
    let t = app.find("t").and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.style.size));
    assert_eq!(t, Some(40.0));
    let list = app.display_list().clone();
    let fills = list
        .commands
        .iter()
        .filter(|c| matches!(c, tenfoot_renderer::Command::FillRect { color, .. } if *color == Color::hex(0x102030)))
        .count();
    assert_eq!(fills, 2, "the column and the primary button use the theme's accent");
}

#[test]
fn load_stops_at_the_first_broken_file() {
    let errs = load(
        Source::new("s.kdl", "column"),
        Some(Source::new("t.kdl", "accent \"#xyz\"")),
        Some(Source::new("d.json", "{")),
    )
    .unwrap_err();
    assert_eq!(errs[0].file, "t.kdl");
    let ok = load(Source::new("s.kdl", "column background=$accent"), Some(Source::new("t.kdl", "accent white")), None);
    assert_eq!(ok.map(|l| l.theme.accent).ok(), Some(Color::WHITE));
}

#[test]
fn bundled_screens_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets");
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    let theme = load_theme("themes/dark.kdl", &read("themes/dark.kdl")).unwrap();
    assert_eq!(theme, Theme::dark(), "themes/dark.kdl spells out Theme::dark()");
    let data = parse_data("data/sample.json", &read("data/sample.json")).unwrap();
    // The screens at the top level are single screens; sample/ and examples/ are markup apps
    // (state, actions), loaded through the runtime in preview/tests/markup_screens.rs.
    for entry in std::fs::read_dir(dir.join("screens")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let name = path.display().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let result = load_screen(&name, &src, &theme, Some(&data));
        assert!(result.is_ok(), "{}", result.err().map(|e| render_all(&e)).unwrap_or_default());
    }
}

#[test]
fn docs_list_every_widget_property_and_token() {
    let doc =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/markup.md")).unwrap();
    let mut names: Vec<&str> = registry::node_names();
    names.extend(registry::PROPS.iter().map(|p| p.name));
    names.extend(registry::WIDGETS.iter().flat_map(|w| w.own.iter().map(|o| o.name)));
    names.extend(TOKENS.iter().map(|t| t.name));
    let missing: Vec<&str> = names.into_iter().filter(|n| !doc.contains(&format!("`{n}`"))).collect();
    assert!(missing.is_empty(), "docs/markup.md does not mention: {missing:?}");
}

#[test]
fn hostile_inputs_give_errors_not_panics() {
    let json = r#"{"xs": [1, 2], "o": {"a": {"b": [[], {}]}}, "s": "x"}"#;
    let long_name = "a".repeat(10_000);
    let cases = [
        "column width=#nan height=#inf gap=#-inf opacity=1e308".to_owned(),
        format!("column width={}", i128::MAX),
        "column scale=1e30 radius=\"1 2 3\" padding=\"1 2 3 4 5\"".to_owned(),
        "text \"{o}\" name=\"{o.a.b}\"".to_owned(),
        "text \"{xs.99}{xs.-1}{s.x}{o.a.b.0.0}{\" ".to_owned(),
        "column { for-each \"o\" { text \"a\" } for-each 3 { row } for-each \"xs\" as=\"a.b\" { row } }".to_owned(),
        "\u{0}\u{feff}column \u{202e}{ text \"\u{1F600}\" color=\"#\u{e9}\u{e9}\u{e9}\" }".to_owned(),
        format!("{long_name} {long_name}={long_name}"),
        "column gradient=\", , ,\" shadow=\"\" border=\"1\"".to_owned(),
        "column {\n".repeat(50),
        "/- column\n".to_owned(),
        "(type)column (t)x=(u)1".to_owned(),
        "column background=$accent/200% color=$/ gap=$".to_owned(),
    ];
    for src in &cases {
        if let Err(errors) = with_data(src, json) {
            assert!(!errors.is_empty() && errors.len() <= build::MAX_DIAGNOSTICS);
            for d in &errors {
                let _ = (d.to_string(), d.caret(), d.excerpt_parts());
            }
        }
    }
    // Out-of-range numbers are refused with a position.
    let (_, col, _, msg, _) = first(screen("column width=1e9"));
    assert_eq!((col, msg.as_str()), (14, "this number is out of range"));
}
