//! A screen written in markup, not Rust: `assets/screens/rails.kdl` (a home screen with a
//! featured title and rails of posters) bound to `assets/data/sample.json` and styled by
//! `assets/themes/dark.kdl`, loaded with `tenfoot::widgets::markup::load` and run like any
//! other app. A broken file prints its diagnostics (file:line:column, excerpt, hint) and exits.
//!
//! Run it: `cargo run --example markup_screen` (Escape closes). Headless:
//! `cargo run --example markup_screen -- --screenshot rails.png`. To edit the screen and see
//! every save at once, open it with the preview binary instead:
//! `cargo run -p tenfoot-preview -- assets/screens/rails.kdl --data assets/data/sample.json
//! --theme assets/themes/dark.kdl`.

use std::process::ExitCode;

use tenfoot::toolkit::App;
use tenfoot::widgets::markup::{self, Source};

/// Reads one file of the bundled assets folder.
fn read(path: &str) -> Result<String, String> {
    let file = tenfoot::testing::assets_dir().join(path);
    std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

/// The rails screen over the bundled assets, or the loader's diagnostics as text.
pub fn app() -> Result<App, String> {
    let (screen, theme, data) = (read("screens/rails.kdl")?, read("themes/dark.kdl")?, read("data/sample.json")?);
    let loaded = markup::load(
        Source::new("screens/rails.kdl", &screen),
        Some(Source::new("themes/dark.kdl", &theme)),
        Some(Source::new("data/sample.json", &data)),
    )
    .map_err(|errors| markup::render_all(&errors))?;
    let mut app = tenfoot::app(loaded.root);
    app.set_background(loaded.theme.background);
    Ok(app)
}

fn main() -> ExitCode {
    match app() {
        Ok(app) => tenfoot::run(app),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
