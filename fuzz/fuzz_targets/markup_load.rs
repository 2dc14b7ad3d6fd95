//! Fuzzes the markup loader with arbitrary screen, theme and data text: it must return a
//! screen or diagnostics, never panic, hang or overflow the stack.
//!
//! Input layout: `screen \0 theme \0 data`; a missing theme or data part uses the bundled
//! ones, so most inputs exercise the screen against real tokens and catalog data.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tenfoot_widgets::markup;
use tenfoot_widgets::Theme;

const THEME: &str = include_str!("../../assets/themes/dark.kdl");
const DATA: &str = include_str!("../../assets/data/sample.json");

/// The bundled theme and data, parsed once (most inputs have no theme or data part).
fn bundled() -> &'static (Theme, Option<markup::Data>) {
    static BUNDLED: OnceLock<(Theme, Option<markup::Data>)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let theme = markup::load_theme("theme.kdl", THEME).unwrap_or_else(|_| Theme::dark());
        (theme, markup::parse_data("data.json", DATA).ok())
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let mut parts = text.splitn(3, '\0');
    let screen = parts.next().unwrap_or("");
    let (default_theme, default_data) = bundled();
    let theme = match parts.next() {
        None => default_theme.clone(),
        Some(src) => markup::load_theme("theme.kdl", src).unwrap_or_else(|errors| {
            let _ = markup::render_all(&errors);
            Theme::dark()
        }),
    };
    let data = match parts.next() {
        None => default_data.clone(),
        Some(src) => markup::parse_data("data.json", src).ok(),
    };
    match markup::load_screen("screen.kdl", screen, &theme, data.as_ref()) {
        Ok(el) => {
            let _ = format!("{el:?}");
        }
        Err(errors) => {
            for d in &errors {
                // Exercise the excerpt, caret and Display code on every diagnostic.
                let _ = (d.to_string(), d.caret(), d.excerpt_parts());
            }
        }
    }
});
