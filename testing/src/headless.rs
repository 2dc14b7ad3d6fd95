//! Headless runs: keys, time, then a screenshot and/or the focus path, with no window; the
//! announcer's utterances (`--announce`, `--speak`), the semantics tree (`--semantics`) and the
//! accessibility lint (`--lint-a11y`) and the localisation lint (`--lint-l10n`).

use std::time::Duration;

use tenfoot_toolkit::{
    a11y_lint, l10n_lint, A11yLintReport, App, ErrorKind, FrameError, L10nLintReport, LintOptions, Utterance,
};

/// Re-exported: the preview prints announcements through it too.
pub use tenfoot_toolkit::terminal_safe;

use crate::cli::Options;
use crate::driver::Driver;
use crate::record::record_frame;
use crate::session::Session;

/// What a headless run produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeadlessResult {
    /// The PNG, when a screenshot was asked for.
    pub png: Option<Vec<u8>>,
    /// The focus path after the keys (None when nothing is focused).
    pub focus: Option<String>,
    /// Errors the frames reported (bad style values, images that failed to load...).
    pub errors: Vec<FrameError>,
    /// Virtual time at the end of the run.
    pub ended_at: Duration,
    /// The navigation lint, when asked for.
    pub lint: Option<tenfoot_toolkit::LintReport>,
    /// What the announcer said, in order (with `--announce` or `--speak`).
    pub utterances: Vec<Utterance>,
    /// The semantics tree as JSON after the keys (`--semantics`).
    pub semantics: Option<String>,
    /// The accessibility lint (`--lint-a11y`).
    pub a11y: Option<A11yLintReport>,
    /// The localisation lint (`--lint-l10n`).
    pub l10n: Option<L10nLintReport>,
}

/// The gap between keys of a `--keys` script.
pub const KEY_STEP: Duration = Duration::from_millis(150);

/// Plays the session (or key script), lets `advance` pass, then captures what was asked for.
///
/// The keys start once the first screen has settled ([`Driver::settle`]): with `--latency 0`
/// its data is on screen before the first key, so `--keys Right` moves on the real screen,
/// not on the skeleton shown before the answer. A `--replay` session is played as recorded,
/// from time zero (its times are the original session's).
pub fn run_headless(
    driver: &mut Driver,
    options: &Options,
    session: Option<Session>,
) -> Result<HeadlessResult, String> {
    let mut result = HeadlessResult::default();
    if options.wants_announcer() {
        driver.app.enable_announcer();
    }
    let session = match session {
        Some(s) => {
            let (first, _) = driver.step(Duration::ZERO);
            result.errors.extend(first.errors);
            s
        }
        None => {
            let (settled, errors) = driver.settle(Duration::ZERO);
            result.errors.extend(errors);
            Session::from_keys(&options.keys, KEY_STEP).delayed(settled + crate::driver::FRAME_STEP)
        }
    };
    let end_of_keys = session.duration() + KEY_STEP;
    driver.replay(session);
    result.utterances.extend(driver.app.take_utterances());
    let mut t = driver.now();
    while t < end_of_keys || driver.replaying() {
        t += crate::driver::FRAME_STEP;
        let (frame, _) = driver.step(t);
        result.errors.extend(frame.errors);
        result.utterances.extend(driver.app.take_utterances());
    }
    let t = driver.run_until(t, t + options.advance);
    result.utterances.extend(driver.app.take_utterances());
    result.ended_at = t;
    result.focus = driver.app.focus_path();
    if options.lint_focus {
        result.lint = Some(tenfoot_toolkit::navigation_lint(&driver.app));
    }
    if options.semantics {
        result.semantics = Some(driver.app.semantics_now().to_json());
    }
    if options.lint_a11y {
        result.a11y = Some(a11y_lint(&mut driver.app, LintOptions { scale: options.scale() }));
    }
    if options.lint_l10n {
        result.l10n = Some(l10n_lint(&mut driver.app));
    }
    if options.screenshot.is_some() {
        let (png, report) = crate::render::device_screenshot_png(
            &mut driver.app,
            options.buffer(),
            &options.profile(),
            options.safe_area,
        )?;
        result.errors.extend(report.errors.into_iter().map(|e| FrameError::new(ErrorKind::Asset, e)));
        result.png = Some(png);
    }
    Ok(result)
}

/// The headless half of the command line every example shares: plays `--keys` or `--replay`,
/// then writes `--screenshot` and `--sink`, prints `--print-focus` and `--lint-focus`. Errors
/// the frames reported go to stderr; a failed lint is an error.
pub fn run_headless_cli(app: App, options: &Options) -> Result<(), String> {
    // Keys come from --keys or --replay headless, so a map changes nothing (a bad one was an
    // error when the options were parsed): said, not silently dropped.
    if options.map.is_some() {
        eprintln!("tenfoot-preview: --map has no effect headless (keys come from --keys or --replay)");
    }
    let mut app = app;
    crate::network::apply_options(&mut app, options);
    let mut driver = Driver::new(app);
    driver.set_repeat(options.profile().repeat);
    // The edges played (a key script, or a replayed session) are what a headless run records:
    // replaying the file lands on the same screen and focus.
    if options.record.is_some() {
        driver.record();
    }
    let replay = match &options.replay {
        Some(path) => Some(Session::load(path)?),
        None => None,
    };
    let mut result = run_headless(&mut driver, options, replay)?;
    // Errors of a frame painted inside the screenshot's draw wait for the next frame: take
    // them too, so nothing reported is lost.
    let late = driver.app.frame(result.ended_at, &[]).errors;
    result.errors.extend(late);
    for e in &result.errors {
        eprintln!("tenfoot-preview: {}", terminal_safe(&e.to_string(), 1000));
    }
    if let (Some(path), Some(png)) = (&options.screenshot, &result.png) {
        std::fs::write(path, png).map_err(|e| format!("cannot write screenshot {}: {e}", path.display()))?;
    }
    if let (Some(path), Some(session)) = (&options.record, driver.recording()) {
        std::fs::write(path, session.to_text()).map_err(|e| format!("--record {}: {e}", path.display()))?;
    }
    if let Some(sink) = &options.sink {
        record_frame(&mut driver.app, sink)?;
    }
    if options.print_focus {
        println!("{}", result.focus.as_deref().unwrap_or("(nothing focused)"));
    }
    if options.announce {
        for u in &result.utterances {
            // Utterances carry catalog text a host controls: escaped like every printed name.
            println!("{}", terminal_safe(&crate::speech::announce_line(u), 4000));
        }
    }
    if options.speak {
        match crate::speech::Speaker::new() {
            Ok(mut speaker) => {
                for u in &result.utterances {
                    speaker.say_and_wait(u)?;
                }
            }
            Err(skipped) => eprintln!("{skipped}"),
        }
    }
    if let Some(json) = &result.semantics {
        println!("{json}");
    }
    let mut failed = Vec::new();
    if let Some(lint) = &result.lint {
        print!("{lint}");
        if !lint.unreachable.is_empty() || !lint.traps.is_empty() {
            failed.push("focus lint found problems");
        }
    }
    if let Some(report) = &result.a11y {
        print!("{report}");
        if !report.is_clean() {
            failed.push("accessibility lint found problems");
        }
    }
    if let Some(report) = &result.l10n {
        // Texts and keys come from files and hosts: escaped like every printed name.
        for line in report.to_string().lines() {
            println!("{}", terminal_safe(line, 4000));
        }
        if !report.is_clean() {
            failed.push("localisation lint found problems");
        }
    }
    if !failed.is_empty() {
        return Err(failed.join("; "));
    }
    strict_outcome(options, result.errors.len())
}

/// `--strict`: a run that reported errors fails (status 1), naming how many; without it a
/// degraded render still exits 0.
pub fn strict_outcome(options: &Options, errors: usize) -> Result<(), String> {
    if options.strict && errors > 0 {
        return Err(format!("--strict: {errors} error{} reported", if errors == 1 { "" } else { "s" }));
    }
    Ok(())
}
