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
        "usage: tenfoot-preview SCREEN.kdl [--data FILE.json] [--theme FILE.kdl] [--assets DIR] [options]\n\
       tenfoot-preview --check FILES... [--data FILE.json] [--theme FILE.kdl]\n\n\
Opens a markup screen (see docs/markup.md) and reloads it when the screen, the theme, the data\n\
or an image in the asset folder is saved. With --check, loads each file (screens, the screens\n\
they go to, themes, data) and prints every error and warning; exit status 1 on errors.\n\n\
Screen options:\n\
  --data FILE.json        data for {{field}} references and for-each (default: the file the\n\
                          screen names with `data \"file.json\"`); watched in the window\n\
  --theme FILE.kdl        theme tokens (default: the built-in dark theme)\n\
  --assets DIR            where image paths are looked up (default: the bundled assets/)\n\
  --set FIELD=VALUE       set a field of the screen state, after the --keys before it\n\
                          (headless: --keys Down --set query=night --keys Right)\n\
  --set-data FILE.json    replace the data, after the --keys before it (headless: one data\n\
                          file per key step: --keys Down --set-data fewer.json --keys Right)\n\
{USAGE}"
    )
}

/// One step of a headless script with `--set`: keys to press, or a state field to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Keys(String),
    Set(String, String),
    /// New data from this JSON file (live data, headless).
    Data(PathBuf),
}

/// Takes `--keys`, `--set` and `--set-data` out of `rest` when a `--set` or `--set-data` is
/// among them (they then run in order, before the other headless flags); otherwise leaves
/// `rest` alone.
pub fn take_steps(rest: &mut Vec<String>) -> Result<Vec<Step>, String> {
    if !rest.iter().any(|a| a == "--set" || a == "--set-data") {
        return Ok(Vec::new());
    }
    let mut steps = Vec::new();
    let mut kept = Vec::new();
    let mut it = std::mem::take(rest).into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--keys" => steps.push(Step::Keys(it.next().ok_or("--keys needs a value")?)),
            "--set" => {
                let v = it.next().ok_or("--set needs FIELD=VALUE")?;
                let (f, val) = v.split_once('=').ok_or_else(|| format!("--set {v}: write FIELD=VALUE"))?;
                steps.push(Step::Set(f.trim().to_owned(), val.to_owned()));
            }
            "--set-data" => steps.push(Step::Data(PathBuf::from(it.next().ok_or("--set-data needs FILE.json")?))),
            _ => kept.push(a),
        }
    }
    *rest = kept;
    Ok(steps)
}

fn run_steps(app: &mut App, steps: &[Step]) -> Result<(), String> {
    let rt = markup::runtime(app).ok_or("--set and --set-data need a markup screen")?;
    let mut now = std::time::Duration::ZERO;
    for s in steps {
        match s {
            Step::Keys(k) => {
                for key in tenfoot_toolkit::parse_keys(k).map_err(|e| format!("--keys: {e}"))? {
                    now += std::time::Duration::from_millis(200);
                    let _ = app
                        .frame(now, &[tenfoot_toolkit::KeyEvent::press(key), tenfoot_toolkit::KeyEvent::release(key)]);
                }
            }
            Step::Set(f, v) => {
                rt.set(app, f, v).map_err(|e| format!("--set {f}={v}: {e}"))?;
                now += std::time::Duration::from_millis(16);
                let _ = app.frame(now, &[]);
            }
            Step::Data(path) => {
                let name = path.display().to_string();
                let src = std::fs::read_to_string(path).map_err(|e| format!("--set-data {name}: {e}"))?;
                let data = markup::parse_data(&name, &src).map_err(|e| markup::render_all(&e))?;
                // The simulated host answers `request`s from the new data too.
                app.set_host(markup::DataHost::new(Some(data.clone())));
                rt.set_data(app, Some(data)).map_err(|e| markup::render_all(&e))?;
                now += std::time::Duration::from_millis(16);
                let _ = app.frame(now, &[]);
            }
        }
    }
    Ok(())
}

/// `tenfoot-preview --check FILES...`: every problem of every file; an error if any.
pub fn run_check(args: Vec<String>) -> Result<(), String> {
    let mut files = Vec::new();
    let (mut theme, mut data) = (None, None);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--theme" => theme = Some(it.next().ok_or("--theme needs a value")?),
            "--data" => data = Some(it.next().ok_or("--data needs a value")?),
            "--help" | "-h" => return Err(screen_usage()),
            f if f.starts_with("--") => return Err(format!("--check: unknown option {f}\n{}", screen_usage())),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return Err(format!("--check needs the files to check\n{}", screen_usage()));
    }
    let (mut errors, mut warnings) = (0, 0);
    for f in &files {
        let diags = check_file(f, theme.as_deref(), data.as_deref());
        for d in &diags {
            eprintln!("{d}\n");
        }
        errors += diags.iter().filter(|d| d.is_error()).count();
        warnings += diags.iter().filter(|d| !d.is_error()).count();
    }
    let summary = format!("tenfoot-preview --check: {} files, {errors} errors, {warnings} warnings", files.len());
    if errors > 0 {
        return Err(summary);
    }
    eprintln!("{summary}");
    Ok(())
}

/// Checks one file by its kind: `.json` data, a theme (under a `themes` folder), a component
/// file (only `component` nodes), else a screen.
pub fn check_file(path: &str, theme: Option<&str>, data: Option<&str>) -> Vec<markup::Diagnostic> {
    let read = |p: &str| crate::reload::read_file(std::path::Path::new(p), "check the path on the command line");
    let run = || -> Result<Vec<markup::Diagnostic>, Vec<markup::Diagnostic>> {
        let src = read(path)?;
        if path.ends_with(".json") {
            markup::parse_data(path, &src)?;
            return Ok(Vec::new());
        }
        if std::path::Path::new(path).components().any(|c| c.as_os_str() == "themes") {
            markup::load_theme(path, &src)?;
            return Ok(Vec::new());
        }
        let t = match theme {
            Some(t) => markup::load_theme(t, &read(t)?)?,
            None => tenfoot_widgets::Theme::dark(),
        };
        if markup::is_component_file(path, &src) {
            return Ok(markup::check_components(path, &src, t));
        }
        let data_path = data.map(str::to_owned).or_else(|| markup::data_file(path, &src));
        let d = match &data_path {
            Some(p) => Some(markup::parse_data(p, &read(p)?)?),
            None => None,
        };
        Ok(markup::check(std::rc::Rc::new(crate::reload::FsFiles), path, t, d))
    };
    run().unwrap_or_else(|e| e)
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
    if args.first().is_some_and(|a| a == "--check") {
        return run_check(args[1..].to_vec());
    }
    let (files, mut rest) = parse_screen_args(args)?;
    let steps = take_steps(&mut rest)?;
    let options = Options::parse(rest).map_err(|e| e.replace(USAGE, &screen_usage()))?;
    let resources = Resources::new(EmbeddedAssets::over(DirAssets::new(&files.assets)))
        .map_err(|e| format!("tenfoot-preview: cannot load the bundled fonts: {e}"))?;
    let mut app = App::new(resources);
    let mut reload = HotReload::new(files);
    let loaded = reload.load(&mut app);
    if options.is_headless() {
        // No window to show errors in and nothing to keep: fail with the diagnostics.
        loaded.map_err(|e| markup::render_all(&e))?;
        run_steps(&mut app, &steps)?;
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
    fn set_steps_run_in_order_between_keys() {
        let mut rest = args("--keys Down --set query=night --keys Right --print-focus");
        let steps = take_steps(&mut rest).unwrap();
        assert_eq!(
            steps,
            vec![Step::Keys("Down".into()), Step::Set("query".into(), "night".into()), Step::Keys("Right".into())]
        );
        assert_eq!(rest, args("--print-focus"));
        let mut plain = args("--keys Down --screenshot o.png");
        assert!(take_steps(&mut plain).unwrap().is_empty(), "without --set the keys stay for the shared runner");
        assert!(take_steps(&mut args("--set query")).unwrap_err().contains("FIELD=VALUE"));

        let dir = std::env::temp_dir().join(format!("tenfoot-cli-set-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let screen = dir.join("s.kdl");
        std::fs::write(&screen, "state { query \"\" }\ncolumn {\n  text \"q={state.query}\" name=t\n}\n").unwrap();
        let out = dir.join("out.png");
        let run = |set: &str| {
            run_screen(vec![
                screen.display().to_string(),
                "--set".into(),
                set.into(),
                "--screenshot".into(),
                out.display().to_string(),
            ])
        };
        run("query=night").unwrap();
        assert!(run("qury=night").unwrap_err().contains("did you mean `query`?"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_data_file_per_key_step_rebuilds_the_screen_with_focus_kept_sane() {
        let mut rest = args("--keys Right --set-data b.json --keys Left --print-focus");
        let steps = take_steps(&mut rest).unwrap();
        assert_eq!(
            steps,
            vec![Step::Keys("Right".into()), Step::Data(PathBuf::from("b.json")), Step::Keys("Left".into())]
        );
        assert_eq!(rest, args("--print-focus"));
        assert!(take_steps(&mut args("--set-data")).unwrap_err().contains("FILE.json"));

        let dir = std::env::temp_dir().join(format!("tenfoot-cli-set-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let screen = dir.join("s.kdl");
        std::fs::write(
            &screen,
            "row name=page {\n  for-each \"items\" {\n    button \"{item}\" name=\"b-{index}\"\n  }\n  \
             text \"{title}\" name=title\n}\n",
        )
        .unwrap();
        let (a, b) = (dir.join("a.json"), dir.join("b.json"));
        std::fs::write(&a, r#"{"title": "three", "items": ["x", "y", "z"]}"#).unwrap();
        std::fs::write(&b, r#"{"title": "two", "items": ["x", "y"]}"#).unwrap();
        let (files, _) =
            parse_screen_args(vec![screen.display().to_string(), "--data".into(), a.display().to_string()]).unwrap();
        let mut app = App::headless();
        let mut reload = HotReload::new(files);
        reload.load(&mut app).unwrap();
        let text = |app: &App, name: &str| {
            app.find(name)
                .and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.text.clone()))
        };
        // On the last button, then its item is gone: focus moves to a live one.
        run_steps(&mut app, &[Step::Keys("Right Right".into()), Step::Data(b.clone())]).unwrap();
        assert_eq!(text(&app, "title").as_deref(), Some("two"));
        assert!(app.find("b-2").is_none());
        let focus = app.focus_path().unwrap_or_default();
        assert!(focus.ends_with("b-0") || focus.ends_with("b-1"), "focus on a live button: {focus}");
        // Focus kept where its element still exists.
        run_steps(&mut app, &[Step::Keys("Left".into()), Step::Data(a.clone())]).unwrap();
        assert_eq!(text(&app, "title").as_deref(), Some("three"));
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "{ \"title\": }").unwrap();
        let err = run_steps(&mut app, &[Step::Data(bad)]).unwrap_err();
        assert!(err.contains("bad.json:1:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn check_reports_every_file_and_fails_on_errors() {
        let dir = std::env::temp_dir().join(format!("tenfoot-cli-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.kdl");
        let bad = dir.join("bad.kdl");
        std::fs::write(&good, "column {\n  text \"ok\"\n}\n").unwrap();
        std::fs::write(&bad, "column {\n  text \"a\"\n  buton \"Play\"\n}\n").unwrap();
        let path = |p: &std::path::Path| p.display().to_string();
        run_check(vec![path(&good)]).unwrap();
        let err = run_check(vec![path(&good), path(&bad)]).unwrap_err();
        assert!(err.contains("2 files, 1 errors"), "{err}");
        let d = check_file(&path(&bad), None, None);
        assert!(d[0].to_string().contains("bad.kdl:3:3") && d[0].hint.as_deref() == Some("did you mean `button`?"));
        let _ = std::fs::remove_dir_all(&dir);
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

    #[test]
    fn the_preview_answers_a_request_action_from_the_data() {
        let dir = std::env::temp_dir().join(format!("tenfoot-cli-request-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let screen = dir.join("s.kdl");
        std::fs::write(
            &screen,
            "state { query \"comet\" }\ncolumn name=page {\n  button \"Find\" name=find \\\n    \
             on-select=\"request data.search hits list=titles query={state.query}\"\n  \
             for-each \"hits\" {\n    text \"{item.title}\" name=\"hit-{index}\"\n  }\n}\n",
        )
        .unwrap();
        let data = dir.join("d.json");
        std::fs::write(&data, r#"{"titles": [{"title": "Comet Tail"}, {"title": "Rain"}], "hits": []}"#).unwrap();
        let (files, _) =
            parse_screen_args(vec![screen.display().to_string(), "--data".into(), data.display().to_string()]).unwrap();
        let mut app = App::headless();
        let mut reload = HotReload::new(files);
        reload.load(&mut app).unwrap();
        run_steps(&mut app, &[Step::Keys("Select".into())]).unwrap();
        let _ = app.frame(std::time::Duration::from_secs(1), &[]);
        let hit = app
            .find("hit-0")
            .and_then(|e| app.world().get::<&tenfoot_toolkit::TextContent>(e).ok().map(|t| t.text.clone()));
        assert_eq!(hit.as_deref(), Some("Comet Tail"));
        assert!(app.find("hit-1").is_none(), "Rain does not match");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
