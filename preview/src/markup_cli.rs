//! The `tenfoot-preview` binary's command line: `tenfoot-preview SCREEN.kdl [--data FILE]
//! [--theme FILE] [--assets DIR]` plus every shared flag ([`crate::USAGE`]). Headless flags
//! render the screen once; otherwise the window opens and follows saves of the screen, the
//! theme, the data and the images.

use std::path::PathBuf;

use tenfoot_renderer::{EmbeddedAssets, Resources};
use tenfoot_toolkit::App;
use tenfoot_widgets::markup;

use crate::reload::{HotReload, ScreenFiles};
use tenfoot_testing::{assets_dir, DirAssets};
use tenfoot_testing::{Options, USAGE};

/// Usage of the `tenfoot-preview` binary.
pub fn screen_usage() -> String {
    format!(
        "usage: tenfoot-preview SCREEN.kdl [--data FILE.json] [--theme FILE.kdl] [--assets DIR] [options]\n\n\
Opens a markup screen (see docs/markup.md) and reloads it when the screen, the theme, the data\n\
or an image in the asset folder is saved.\n\n\
Screen options:\n\
  --data FILE.json        data for {{field}} references and for-each\n\
  --theme FILE.kdl        theme tokens (default: the built-in dark theme)\n\
  --assets DIR            where image paths are looked up (default: the bundled assets/)\n\
{USAGE}"
    )
}

/// Splits the screen's own arguments from the shared ones.
pub fn parse_screen_args(args: Vec<String>) -> Result<(ScreenFiles, Vec<String>), String> {
    let mut it = args.into_iter();
    let screen = match it.next() {
        Some(a) if a == "--help" || a == "-h" => return Err(screen_usage()),
        Some(a) if !a.starts_with('-') => PathBuf::from(a),
        _ => return Err(format!("the first argument is the screen file\n{}", screen_usage())),
    };
    let mut files = ScreenFiles { screen, theme: None, data: None, assets: assets_dir() };
    let mut rest = Vec::new();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{}", screen_usage()));
        match arg.as_str() {
            "--data" => files.data = Some(PathBuf::from(value("--data")?)),
            "--theme" => files.theme = Some(PathBuf::from(value("--theme")?)),
            "--assets" => files.assets = PathBuf::from(value("--assets")?),
            "--help" | "-h" => return Err(screen_usage()),
            _ => rest.push(arg),
        }
    }
    Ok((files, rest))
}

/// Runs the binary with `args` (after the program name).
pub fn run_screen(args: Vec<String>) -> Result<(), String> {
    let (files, rest) = parse_screen_args(args)?;
    let options = Options::parse(rest).map_err(|e| e.replace(USAGE, &screen_usage()))?;
    let resources = Resources::new(EmbeddedAssets::over(DirAssets::new(&files.assets)))
        .map_err(|e| format!("tenfoot-preview: cannot load the bundled fonts: {e}"))?;
    let mut app = App::new(resources);
    let mut reload = HotReload::new(files);
    let loaded = reload.load(&mut app);
    if options.is_headless() {
        // No window to show errors in and nothing to keep: fail with the diagnostics.
        loaded.map_err(|e| markup::render_all(&e))?;
        return crate::run_options(app, options, None);
    }
    if let Err(e) = loaded {
        eprintln!("{}\ntenfoot-preview: no screen yet; fix the file and save", markup::render_all(&e));
    }
    crate::run_options(app, options, Some(reload))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn screen_flags_are_taken_and_the_rest_passed_on() {
        let (files, rest) =
            parse_screen_args(args("s.kdl --keys Right --data d.json --theme t.kdl --screenshot o.png")).unwrap();
        assert_eq!(files.screen, PathBuf::from("s.kdl"));
        assert_eq!(files.data, Some(PathBuf::from("d.json")));
        assert_eq!(files.theme, Some(PathBuf::from("t.kdl")));
        assert_eq!(rest, args("--keys Right --screenshot o.png"));
        assert!(parse_screen_args(args("--screenshot o.png")).unwrap_err().contains("first argument is the screen"));
        assert!(parse_screen_args(args("s.kdl --data")).unwrap_err().contains("--data needs a value"));
    }

    #[test]
    fn headless_run_fails_with_the_diagnostics() {
        let dir = std::env::temp_dir().join(format!("tenfoot-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let screen = dir.join("bad.kdl");
        std::fs::write(&screen, "column {\n  colum\n}\n").unwrap();
        let out = dir.join("out.png");
        let err = run_screen(vec![screen.display().to_string(), "--screenshot".into(), out.display().to_string()])
            .unwrap_err();
        assert!(err.contains("bad.kdl:2:3") && err.contains("did you mean `column`?"), "{err}");
        std::fs::write(&screen, "column {\n  text \"ok\"\n}\n").unwrap();
        run_screen(vec![screen.display().to_string(), "--screenshot".into(), out.display().to_string()]).unwrap();
        assert!(std::fs::metadata(&out).is_ok_and(|m| m.len() > 0));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
