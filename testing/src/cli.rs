//! The shared command line of every example and the sample app.

use std::path::PathBuf;
use std::time::Duration;

use tenfoot_renderer::PhysicalSize;
use tenfoot_toolkit::{parse_keys, RemoteKey};

pub use crate::device::Device;

/// Parsed command-line options.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Write a PNG of the logical frame (after keys and advance) and exit, with no window.
    pub screenshot: Option<PathBuf>,
    /// Physical size of the headless buffer; defaults to the device's buffer.
    pub size: Option<PhysicalSize>,
    pub device: Device,
    /// Run without a window even if no screenshot is asked for.
    pub headless: bool,
    /// Keys to press before the screenshot / focus report.
    pub keys: Vec<RemoteKey>,
    /// Virtual time to let pass after the keys.
    pub advance: Duration,
    /// Print the focus path after the keys.
    pub print_focus: bool,
    /// Write the session's timed remote keys here.
    pub record: Option<PathBuf>,
    /// Play a recorded session back.
    pub replay: Option<PathBuf>,
    /// Key mapping overrides, `NAME=Key,...`.
    pub map: Option<String>,
    /// Print the navigation lint (after the keys) and exit; non-zero exit on findings.
    pub lint_focus: bool,
    /// Exit with status 1 when any error was reported (headless), for CI.
    pub strict: bool,
    /// Record the display-list stream of every painted frame to this file.
    pub sink: Option<PathBuf>,
    /// The simulated host's typical reply time (`--latency 800ms`).
    pub latency: Option<Duration>,
    /// The share of simulated host requests that fail, 0..=1 (`--failure-rate 0.2`).
    pub failure_rate: Option<f32>,
    /// Supervise: rebuild and restart the app when its sources change (see `watch.rs`).
    pub watch: bool,
    /// Play `--replay` in virtual time before the window shows (what `--watch` restarts use).
    pub replay_fast: bool,
    /// Where to open the window (outer position, physical pixels); `--watch` passes the old
    /// window's place to the restarted app.
    pub window_pos: Option<(i32, i32)>,
    /// The window's inner size, likewise handed over by `--watch`.
    pub window_size: Option<PhysicalSize>,
    /// Set by the `--watch` supervisor on the app it runs: the folder of its status and window
    /// files (see `watch::Child`).
    pub watch_child: Option<PathBuf>,
    /// Print each utterance of the TV announcer on stdout (with `--keys`: headless).
    pub announce: bool,
    /// Speak each utterance with espeak-ng (skipped, with a message, when it is not installed).
    pub speak: bool,
    /// Print the semantics tree as JSON after the keys, then exit.
    pub semantics: bool,
    /// Print the accessibility lint after the keys, then exit (status 1 on findings).
    pub lint_a11y: bool,
    /// Print the localisation lint after the keys, then exit (status 1 on findings).
    pub lint_l10n: bool,
    /// `--slowdown F`: the CPU slowdown the window emulates, instead of the device profile's.
    pub slowdown: Option<f32>,
    /// `--safe-area`: draw the safe-area overlay (in the window from the start, headless into
    /// the screenshot).
    pub safe_area: bool,
    /// `--locale ar|he|de|fr|ja|en|pseudo` (any BCP 47 tag): the app's locale; right-to-left
    /// locales mirror the screen.
    pub locale: Option<tenfoot_toolkit::Locale>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            screenshot: None,
            size: None,
            device: Device::Hd1080,
            headless: false,
            keys: Vec::new(),
            advance: Duration::ZERO,
            print_focus: false,
            record: None,
            replay: None,
            map: None,
            lint_focus: false,
            strict: false,
            sink: None,
            latency: None,
            failure_rate: None,
            watch: false,
            replay_fast: false,
            window_pos: None,
            window_size: None,
            watch_child: None,
            announce: false,
            speak: false,
            semantics: false,
            lint_a11y: false,
            lint_l10n: false,
            slowdown: None,
            safe_area: false,
            locale: None,
        }
    }
}

pub const USAGE: &str = "\
Options:
  --device 1080p|720p|4k  the TV to preview: logical 1920x1080 drawn into a 1920x1080,
                          1280x720 or 3840x2160 buffer (default 1080p), with the profile's
                          overscan and title-safe area, key repeat timing, CPU slowdown
                          (window) and memory budget (F8 cycles them in the window)
  --slowdown 3            window: make each frame take this many times as long as it did
                          (default: the device's; 1 turns it off); no effect headless
  --safe-area             draw the overscan and title-safe area (window: Shift+F8 toggles;
                          headless: into the screenshot)
  --locale ar|he|de|fr|ja|en|pseudo
                          the app's language (any BCP 47 tag, such as de-AT: it falls back
                          to de, then en); ar and he lay the screen out right to left;
                          pseudo shows English 40 % longer, accented and bracketed
  --headless              run without a window (implied by --screenshot and --print-focus)
  --keys \"Right Select\"   remote keys to press first (Up Down Left Right Select Back Menu
                          PlayPause Rewind FastForward)
  --advance 500ms         let this much virtual time pass after the keys (ms or s)
  --screenshot PATH       write a PNG of the frame after keys and advance, then exit
  --size WxH              buffer size for --screenshot (default: the device's buffer)
  --print-focus           print the focus path after the keys, then exit
  --record FILE           write this session's timed remote keys to FILE
  --replay FILE           play back a session recorded with --record
  --map NAME=Key,...      remap keyboard keys, e.g. --map w=Up,s=Down,a=Left,d=Right
                          (gamepad buttons too: PadSouth, PadEast, PadStart, PadDPadUp...)
  --lint-focus            report focusable elements unreachable by arrows and inescapable
                          focus traps (after the keys), then exit (status 1 on findings)
  --strict                headless: exit with status 1 if any error was reported on stderr
                          (a missing image, a caught panic...), so CI can fail on it
  --sink FILE             record the display-list stream (each painted frame) to FILE;
                          replay it with `tenfoot-replay FILE --out DIR`
  --latency 800ms         the simulated host's reply time (give or take a quarter as jitter)
  --failure-rate 0.2      the share of simulated host requests that fail (0 to 1)
  --announce              print what the TV announcer says (each focus change, toast, error)
                          on stdout; with --keys, headless: plays them, prints, exits
  --speak                 speak the announcer's utterances with espeak-ng (skipped, saying
                          so, when it is not installed); with --keys, headless
  --semantics             print the semantics tree (JSON) after the keys, then exit
  --lint-a11y             report focusables without a label, images without alt text, text
                          under 3:1 contrast or below the TV minimum size (after the keys),
                          then exit (status 1 on findings)
  --lint-l10n             report message keys missing per locale, keys the app used that no
                          locale has, and translated texts that overflow or are clipped in
                          their box (after the keys; use with --locale pseudo), then exit
                          (status 1 on findings)
  --watch                 rebuild and restart when the example's sources change, replaying
                          the keys pressed so far (build errors show over the running app)
  --help                  show this help

Window keys: arrows move, Enter/Space select, Escape/Backspace back, M menu, P play/pause,
R or , rewind, F or . fast-forward; F1 help, F2 frame stats, F3 focus overlay, F4 layout
bounds and the focused element's sizes and spacing, F5 simulated latency presets, F6
simulated failures on/off, F7 last utterances (with --announce or --speak), F8 next device
profile, Shift+F8 safe-area overlay, F9 zoom to fit, F10 zoom 50%,
F11 zoom 100%, F12 save a PNG of the frame.";

/// Parses `WxH`, as in `1920x1080`.
pub fn parse_size(s: &str) -> Result<PhysicalSize, String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("--size `{s}`: expected WxH, such as 1920x1080"))?;
    let parse = |v: &str, what: &str| -> Result<u32, String> {
        let n: u32 = v.trim().parse().map_err(|_| format!("--size `{s}`: {what} `{v}` is not a whole number"))?;
        if n == 0 || n > 16_384 {
            return Err(format!("--size `{s}`: {what} must be between 1 and 16384"));
        }
        Ok(n)
    };
    Ok(PhysicalSize::new(parse(w, "width")?, parse(h, "height")?))
}

/// Parses `--map` overrides, `NAME=Key` comma-separated (`"w=Up,s=Down,F5=Menu"`), into
/// `(platform key name, remote key)` pairs. Checked when the options are parsed, so a bad map
/// is an error with or without a window.
pub fn parse_key_map(spec: &str) -> Result<Vec<(String, RemoteKey)>, String> {
    let mut out = Vec::new();
    for (i, item) in spec.split(',').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
        let (name, key) = item
            .split_once('=')
            .filter(|(name, _)| !name.trim().is_empty())
            .ok_or_else(|| format!("--map item {} `{item}`: expected NAME=RemoteKey, such as w=Up", i + 1))?;
        let key: RemoteKey = key.trim().parse().map_err(|e| format!("--map item {} `{item}`: {e}", i + 1))?;
        out.push((name.trim().to_owned(), key));
    }
    Ok(out)
}

/// Parses a CPU slowdown factor: a number from 1 to 100.
pub fn parse_slowdown(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if (1.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("--slowdown `{s}`: expected a factor from 1 (off) to 100, such as 3")),
    }
}

/// Parses a failure rate: a number from 0 to 1.
pub fn parse_rate(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a rate between 0 and 1 (try 0.2)")),
    }
}

/// Parses `X,Y`, as in `100,40` (negative values are allowed: windows left of the primary
/// monitor).
pub fn parse_position(s: &str) -> Result<(i32, i32), String> {
    let bad = || format!("--window-pos `{s}`: expected X,Y, such as 100,40");
    let (x, y) = s.split_once(',').ok_or_else(bad)?;
    let x: i32 = x.trim().parse().map_err(|_| bad())?;
    let y: i32 = y.trim().parse().map_err(|_| bad())?;
    Ok((x, y))
}

/// Parses a duration: `500ms`, `2s`, `1.5s`, or a bare number of milliseconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, scale) = if let Some(v) = t.strip_suffix("ms") {
        (v, 0.001)
    } else if let Some(v) = t.strip_suffix('s') {
        (v, 1.0)
    } else {
        (t, 0.001)
    };
    let v: f64 = num.trim().parse().map_err(|_| format!("`{s}` is not a duration (try 500ms or 2s)"))?;
    if !v.is_finite() || v < 0.0 || v * scale > 86_400.0 {
        return Err(format!("`{s}` is not a duration between 0 and 24h"));
    }
    Ok(Duration::from_secs_f64(v * scale))
}

impl Options {
    /// Parses the arguments after the program name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
        let mut o = Options::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
            match arg.as_str() {
                "--screenshot" => o.screenshot = Some(PathBuf::from(value("--screenshot")?)),
                "--size" => o.size = Some(parse_size(&value("--size")?)?),
                "--device" => o.device = Device::parse(&value("--device")?)?,
                "--headless" => o.headless = true,
                "--keys" => o.keys = parse_keys(&value("--keys")?).map_err(|e| format!("--keys: {e}"))?,
                "--advance" => {
                    o.advance = parse_duration(&value("--advance")?).map_err(|e| format!("--advance: {e}"))?
                }
                "--print-focus" => o.print_focus = true,
                "--record" => o.record = Some(PathBuf::from(value("--record")?)),
                "--replay" => o.replay = Some(PathBuf::from(value("--replay")?)),
                "--map" => {
                    let spec = value("--map")?;
                    parse_key_map(&spec)?;
                    o.map = Some(spec);
                }
                "--lint-focus" => o.lint_focus = true,
                "--strict" => o.strict = true,
                "--sink" => o.sink = Some(PathBuf::from(value("--sink")?)),
                "--latency" => {
                    o.latency = Some(parse_duration(&value("--latency")?).map_err(|e| format!("--latency: {e}"))?)
                }
                "--failure-rate" => {
                    o.failure_rate =
                        Some(parse_rate(&value("--failure-rate")?).map_err(|e| format!("--failure-rate: {e}"))?)
                }
                "--watch" => o.watch = true,
                "--announce" => o.announce = true,
                "--speak" => o.speak = true,
                "--semantics" => o.semantics = true,
                "--lint-a11y" => o.lint_a11y = true,
                "--lint-l10n" => o.lint_l10n = true,
                "--slowdown" => o.slowdown = Some(parse_slowdown(&value("--slowdown")?)?),
                "--safe-area" => o.safe_area = true,
                "--locale" => {
                    o.locale = Some(
                        tenfoot_toolkit::Locale::parse(&value("--locale")?).map_err(|e| format!("--locale: {e}"))?,
                    )
                }
                // Hidden: what the --watch supervisor passes to the app it restarts.
                "--replay-fast" => o.replay_fast = true,
                "--window-pos" => o.window_pos = Some(parse_position(&value("--window-pos")?)?),
                "--window-size" => {
                    o.window_size =
                        Some(parse_size(&value("--window-size")?).map_err(|e| e.replace("--size", "--window-size"))?)
                }
                "--watch-child" => o.watch_child = Some(PathBuf::from(value("--watch-child")?)),
                "--help" | "-h" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown option `{other}`\n{USAGE}")),
            }
        }
        if o.watch && o.is_headless() {
            return Err("--watch needs the window: it cannot be combined with --screenshot, --print-focus \
                        or --headless"
                .to_owned());
        }
        Ok(o)
    }

    /// True when the run needs no window.
    pub fn is_headless(&self) -> bool {
        self.headless
            || self.screenshot.is_some()
            || self.print_focus
            || self.lint_focus
            || self.semantics
            || self.lint_a11y
            || self.lint_l10n
            || (self.wants_announcer() && !self.keys.is_empty())
    }

    /// True when the announcer should run (its utterances are printed or spoken).
    pub fn wants_announcer(&self) -> bool {
        self.announce || self.speak
    }

    /// Physical pixels per logical pixel of the buffer (the lint's text-size check).
    pub fn scale(&self) -> f32 {
        self.buffer().height as f32 / tenfoot_toolkit::LOGICAL_SIZE.height
    }

    /// The device profile, with `--slowdown` applied.
    pub fn profile(&self) -> crate::DeviceProfile {
        let mut p = self.device.profile();
        if let Some(s) = self.slowdown {
            p.slowdown = s;
        }
        p
    }

    /// The buffer to render into headless.
    pub fn buffer(&self) -> PhysicalSize {
        self.size.unwrap_or(self.device.buffer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Options, String> {
        Options::parse(s.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn parses_screenshot_and_size() {
        let o = parse("--screenshot out.png --size 3840x2160").unwrap();
        assert_eq!(o.screenshot, Some("out.png".into()));
        assert_eq!(o.buffer(), PhysicalSize::new(3840, 2160));
        assert!(o.is_headless());
    }

    #[test]
    fn parses_headless_flags() {
        let o = Options::parse(
            ["--keys", "Right Right Select", "--advance", "1.5s", "--print-focus", "--device", "720p"]
                .map(String::from),
        )
        .unwrap();
        assert_eq!(o.keys, vec![RemoteKey::Right, RemoteKey::Right, RemoteKey::Select]);
        assert_eq!(o.advance, Duration::from_millis(1500));
        assert_eq!(o.buffer(), PhysicalSize::new(1280, 720));
        assert!(o.print_focus && o.is_headless());
        assert_eq!(parse("--sink s.tfdl").map(|o| o.sink), Ok(Some("s.tfdl".into())));
        assert_eq!(parse("--strict --screenshot a.png").map(|o| o.strict), Ok(true));
        let strict = parse("--strict").unwrap_or_default();
        assert_eq!(crate::strict_outcome(&strict, 0), Ok(()));
        assert_eq!(crate::strict_outcome(&strict, 2), Err("--strict: 2 errors reported".to_owned()));
        assert_eq!(crate::strict_outcome(&Options::default(), 2), Ok(()), "degraded renders exit 0 without it");
    }

    #[test]
    fn a_bad_key_map_is_an_error_when_parsed() {
        // Checked at parse time, so a headless run (which never builds a key map) reports it too.
        for (spec, want) in [
            ("garbage", "--map item 1 `garbage`: expected NAME=RemoteKey"),
            ("w=Up,s=Jump", "--map item 2 `s=Jump`: unknown remote key `Jump`"),
            ("=Up", "--map item 1 `=Up`: expected NAME=RemoteKey"),
        ] {
            let err = parse(&format!("--map {spec} --print-focus")).unwrap_err();
            assert!(err.contains(want), "{spec}: {err}");
        }
        assert_eq!(parse("--map w=Up,F5=Menu").map(|o| o.map), Ok(Some("w=Up,F5=Menu".to_owned())));
        assert_eq!(
            parse_key_map(" w = Up , ,PadSouth=Select"),
            Ok(vec![("w".to_owned(), RemoteKey::Up), ("PadSouth".to_owned(), RemoteKey::Select)])
        );
    }

    #[test]
    fn device_flags() {
        let o = parse("--device 720p --slowdown 2.5 --safe-area").unwrap();
        assert_eq!(o.profile().slowdown, 2.5);
        assert_eq!(o.profile().memory_budget, Device::Hd720.profile().memory_budget);
        assert!(o.safe_area && !o.is_headless());
        assert_eq!(parse("--device 4k").map(|o| o.profile().slowdown), Ok(Device::Uhd4k.profile().slowdown));
        assert!(parse("--slowdown 0.5").unwrap_err().contains("from 1 (off) to 100"));
        assert!(parse("--slowdown x").unwrap_err().contains("--slowdown `x`"));
    }

    #[test]
    fn bad_values_name_the_problem() {
        assert!(parse("--size 12").unwrap_err().contains("expected WxH"));
        assert!(parse("--size 0x10").unwrap_err().contains("between 1 and 16384"));
        assert!(parse("--screenshot").unwrap_err().contains("needs a value"));
        assert!(parse("--bogus").unwrap_err().contains("unknown option `--bogus`"));
        assert!(parse("--device 8k").unwrap_err().contains("expected 1080p, 720p or 4k"));
        assert!(parse("--advance soon").unwrap_err().contains("`soon` is not a duration"));
        assert!(parse("--keys Jump").unwrap_err().contains("unknown remote key `Jump`"));
    }

    #[test]
    fn simulated_host_flags() {
        let o = parse("--latency 800ms --failure-rate 0.2").unwrap();
        assert_eq!((o.latency, o.failure_rate), (Some(Duration::from_millis(800)), Some(0.2)));
        assert!(!o.is_headless());
        assert!(parse("--failure-rate 1.5").unwrap_err().contains("not a rate between 0 and 1"));
        assert!(parse("--latency fast").unwrap_err().contains("--latency: `fast` is not a duration"));
        assert_eq!(parse("").unwrap().latency, None);
    }

    #[test]
    fn watch_flags() {
        let o = parse("--watch --keys Right").unwrap();
        assert!(o.watch && !o.is_headless());
        assert!(parse("--watch --screenshot a.png").unwrap_err().contains("--watch needs the window"));
        let o = parse("--replay s.txt --replay-fast --window-pos -10,40 --window-size 960x540 --watch-child /tmp/w")
            .unwrap();
        assert!(o.replay_fast);
        assert_eq!(o.window_pos, Some((-10, 40)));
        assert_eq!(o.window_size, Some(PhysicalSize::new(960, 540)));
        assert_eq!(o.watch_child, Some(PathBuf::from("/tmp/w")));
        assert!(parse("--window-pos 10").unwrap_err().contains("expected X,Y"));
        assert!(parse("--window-size 10").unwrap_err().contains("--window-size `10`"));
    }

    #[test]
    fn accessibility_flags() {
        let o = parse("--announce --speak").unwrap();
        assert!(o.announce && o.speak && o.wants_announcer() && !o.is_headless(), "live in the window");
        let o = Options::parse(["--keys", "Select Down", "--announce"].map(String::from)).unwrap();
        assert!(o.is_headless(), "a key script with --announce runs headless");
        let o = Options::parse(["--keys", "Right", "--speak"].map(String::from)).unwrap();
        assert!(o.is_headless(), "and with --speak");
        let o = parse("--semantics --lint-a11y --device 720p").unwrap();
        assert!(o.semantics && o.lint_a11y && o.is_headless());
        assert!((o.scale() - 2.0 / 3.0).abs() < 1e-6);
        let l = parse("--locale pseudo --lint-l10n").unwrap();
        assert!(l.lint_l10n && l.is_headless() && l.locale.as_ref().is_some_and(|l| l.is_pseudo()));
    }

    #[test]
    fn locale_flag() {
        let o = parse("--locale ar --print-focus").unwrap();
        assert_eq!(o.locale.as_ref().map(|l| (l.tag(), l.is_rtl())), Some(("ar".to_owned(), true)));
        assert_eq!(parse("--locale pseudo").unwrap().locale.map(|l| l.is_pseudo()), Some(true));
        assert_eq!(parse("--locale de-AT").unwrap().locale.map(|l| l.language().to_owned()).as_deref(), Some("de"));
        assert!(parse("--locale 12!").unwrap_err().starts_with("--locale: locale `12!` is not a language tag"));
        assert!(parse("--locale").unwrap_err().contains("--locale needs a value"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("250"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("NaNs").is_err());
    }
}
