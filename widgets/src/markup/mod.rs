//! Screen markup: KDL screens that build the same [`El`] trees as the builder API, bound to
//! JSON data and styled by theme token files. The format is documented in `docs/markup.md`.
//!
//! ```
//! use tenfoot_widgets::markup;
//! let theme = markup::load_theme("dark.kdl", "accent \"#ff8800\"").unwrap();
//! let data = markup::parse_data("data.json", r#"{"title": "Home"}"#).unwrap();
//! let el = markup::load_screen("home.kdl", r#"column { heading "{title}" color=$accent }"#, &theme, Some(&data));
//! assert!(el.is_ok());
//! ```
//!
//! The loader never touches the file system: it takes sources as `&str` (the preview reads
//! the files and watches them). Nothing a source contains can make it panic: every problem is
//! a [`Diagnostic`] with file, line, column, an excerpt and a hint. Widgets and properties come
//! from tables in [`registry`], one row each.

mod bind;
mod build;
mod diag;
mod host;
mod parse;
pub mod registry;
mod runtime;
mod theme;
mod values;

pub use bind::parse_data;
pub use build::{MarkupSpan, MAX_DIAGNOSTICS, MAX_ELEMENTS};
pub use diag::{
    decode_source, nearest, render_all, Diagnostic, Severity, EXCERPT_CONTEXT, MAX_DATA_BYTES, MAX_MESSAGE_CHARS,
    MAX_SOURCE_BYTES,
};
pub use host::DataHost;
pub use parse::MAX_DEPTH;
pub use runtime::{
    check, find_path, focus_warnings, join, runtime, start, Files, Runtime, Slot, Started, REQUEST_TIMEOUT, THEMES,
};
pub use serde_json::Value as Data;
pub use theme::{load_theme, token, TokenKind, TokenSpec, TokenValue, BASES, TOKENS};

use tenfoot_toolkit::El;

use crate::theme::Theme;

/// Builds the screen in `src` (named `file` in diagnostics) with `theme`'s tokens and `data`
/// for `{...}` references and `for-each`. Cost: one parse and one walk of the tree; a few
/// milliseconds for a home screen.
pub fn load_screen(file: &str, src: &str, theme: &Theme, data: Option<&Data>) -> Result<El, Vec<Diagnostic>> {
    let nodes = parse::parse(file, src)?;
    let doc = std::rc::Rc::new(build::Doc::new(file, src.to_owned(), nodes));
    let mut ctx = build::Ctx::new(theme.clone());
    ctx.data = data.cloned().map(std::rc::Rc::new);
    ctx.add_components(&doc);
    let mut b = build::Builder::new(&doc, &ctx);
    let el = b.screen();
    let (diags, _) = b.finish();
    match el {
        Some(el) if diags.is_empty() => Ok(el),
        _ => Err(diags),
    }
}

/// The sample data file a screen names with `data "file.json"` (relative to the screen), if
/// any: the preview loads it when no `--data` is given.
pub fn data_file(file: &str, src: &str) -> Option<String> {
    let nodes = parse::parse(file, src).ok()?;
    build::Doc::new(file, String::new(), nodes).data_file().map(|p| join(file, &p))
}

/// True when `src` holds only `component` (and `import`) nodes: a file screens import.
pub fn is_component_file(file: &str, src: &str) -> bool {
    parse::parse(file, src).is_ok_and(|nodes| {
        nodes.iter().any(|n| n.name == "component") && nodes.iter().all(|n| n.name == "component" || n.name == "import")
    })
}

/// Checks a component file on its own: its syntax and the shape of each component (a name
/// and one widget). The widgets inside are checked where a screen uses them, since their
/// parameters and state come from there (`--check` follows screens into their imports).
pub fn check_components(file: &str, src: &str, _theme: Theme) -> Vec<Diagnostic> {
    let nodes = match parse::parse(file, src) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let doc = build::Doc::new(file, src.to_owned(), nodes);
    let mut out = doc.library_errors();
    for n in doc.nodes.iter().filter(|n| n.name == "component") {
        let named = matches!(n.args.first().map(|v| &v.raw), Some(parse::Raw::Str(_)));
        if !named || n.children.len() != 1 {
            out.push(
                Diagnostic::at(file, src, n.offset, n.name.len(), "a component has a name and one widget")
                    .with_hint(r#"component "poster-card" poster title="Untitled" { column { ... } }"#),
            );
        }
    }
    out
}

/// A source file: its name (for diagnostics) and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Self { name, text }
    }
}

/// A loaded screen and the theme it was built with (the app's background comes from it).
#[derive(Debug)]
pub struct Loaded {
    pub root: El,
    pub theme: Theme,
}

/// Loads a theme (the dark theme when `None`), data and a screen in one call. Stops at the
/// first file with errors, since later files depend on it (a screen cannot resolve tokens of
/// a broken theme).
pub fn load(
    screen: Source<'_>,
    theme: Option<Source<'_>>,
    data: Option<Source<'_>>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let theme = match theme {
        Some(t) => load_theme(t.name, t.text)?,
        None => Theme::dark(),
    };
    let data = match data {
        Some(d) => Some(parse_data(d.name, d.text)?),
        None => None,
    };
    let root = load_screen(screen.name, screen.text, &theme, data.as_ref())?;
    Ok(Loaded { root, theme })
}

#[cfg(test)]
mod app_tests;
#[cfg(test)]
mod tests;
