//! The preview in a real window, driven by real input: under X (Xvfb in CI), start the main
//! binary (the sample app), focus its window with xdotool and press keys, type, move and click
//! the pointer; read the window's pixels back with ImageMagick's `import` and the app's frames
//! from F12 (which prints `screenshot PATH focus PATH`). Without a display, xdotool or
//! `import`, each test says `skipped: why` on stderr (shown without `--nocapture`); `.ci/run`
//! provides all three.

#![expect(clippy::expect_used, clippy::panic, clippy::unwrap_used, reason = "a test fails by panicking")]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

/// Why the window tests cannot run here, if they cannot.
fn cannot_run() -> Option<&'static str> {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return Some("no X display (DISPLAY unset); .ci/run starts Xvfb");
    }
    if !have("xdotool") {
        return Some("xdotool is not installed (apt-get install xdotool)");
    }
    if !have("import") {
        return Some("ImageMagick's `import` is not installed (apt-get install imagemagick)");
    }
    None
}

/// Says why a test did not run. Written to the stderr handle rather than with `eprintln!`,
/// which the test harness captures: `cargo test` shows the line without `--nocapture`.
fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("timeout").arg("20").arg("xdotool").args(args).output().expect("run xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// One window at a time: windows open at the same place on a display without a window
/// manager, and `import -window` reads the screen, so a second window would show through.
static ONE_WINDOW: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The sample app in a window, its stdout lines on a channel, killed on drop.
struct Preview {
    _one: std::sync::MutexGuard<'static, ()>,
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    win: String,
    dir: PathBuf,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Preview {
    /// Starts the sample app (no host latency, so its screens are ready at once) and waits for
    /// its window. `name` keeps the screenshot folders of parallel tests apart.
    fn start(name: &str) -> Preview {
        Preview::start_with(name, &[])
    }

    /// [`Preview::start`] with extra flags; `--record` records to [`Preview::record_file`].
    fn start_with(name: &str, extra: &[&str]) -> Preview {
        let one = ONE_WINDOW.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let dir = std::env::temp_dir().join(format!("tenfoot-window-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let record = std::env::temp_dir().join(format!("tenfoot-window-{name}-{}.session", std::process::id()));
        let mut args: Vec<String> = vec!["--latency".into(), "0".into()];
        for a in extra {
            args.push((*a).to_owned());
            if *a == "--record" {
                args.push(record.display().to_string());
            }
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_tenfoot"))
            .args(&args)
            .env("TENFOOT_SCREENSHOT_DIR", &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the preview");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let pid = child.id().to_string();
        let mut preview = Preview { _one: one, child, lines: rx, win: String::new(), dir };
        let found = xdotool(&["search", "--sync", "--pid", &pid, "--name", "tenfoot preview"]);
        preview.win = found.lines().next().unwrap_or_default().to_owned();
        assert!(!preview.win.is_empty(), "the preview window did not appear");
        xdotool(&["windowfocus", "--sync", &preview.win]);
        preview
    }

    /// Where `--record` writes (outside the screenshot folder, which goes with the preview).
    fn record_file(&self) -> PathBuf {
        let name = self.dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        std::env::temp_dir().join(format!("{name}.session"))
    }

    fn key(&self, key: &str) {
        xdotool(&["key", "--window", &self.win, key]);
    }

    /// F12: the app's current frame as the preview saves it, and the focus path.
    fn shot(&self) -> (PathBuf, String) {
        self.key("F12");
        let line =
            self.lines.recv_timeout(Duration::from_secs(30)).expect("a `screenshot PATH focus PATH` line after F12");
        let rest = line.strip_prefix("screenshot ").unwrap_or_else(|| panic!("unexpected output: {line}"));
        let (path, focus) = rest.split_once(" focus ").unwrap_or_else(|| panic!("unexpected output: {line}"));
        (PathBuf::from(path), focus.to_owned())
    }

    /// Presses F12 until the focus path satisfies `done` (the debug build may take seconds to
    /// load a screen); returns the last frame and focus path.
    fn wait_focus(&self, what: &str, done: impl Fn(&str) -> bool) -> (PathBuf, String) {
        let mut last = self.shot();
        for _ in 0..40 {
            if done(&last.1) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(500));
            last = self.shot();
        }
        panic!("focus never reached {what}: last {}", last.1);
    }

    /// `xdotool` input to the focused window (XTEST, as a real keyboard and mouse).
    fn input(&self, args: &[&str]) {
        xdotool(args);
    }

    /// The window's pixels as the X server has them (RGB).
    fn capture(&self, name: &str) -> Image {
        let path = self.dir.join(format!("{name}.png"));
        let ok = Command::new("timeout")
            .args(["20", "import", "-window", &self.win])
            .arg(format!("png24:{}", path.display()))
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "import -window {} failed", self.win);
        Image::load(&path)
    }

    /// Captures until two captures in a row agree and show something: the window has
    /// presented and stopped animating.
    fn settled_capture(&self) -> Image {
        let mut last = self.capture("settle-0");
        for i in 1..100 {
            std::thread::sleep(Duration::from_millis(250));
            let next = self.capture(&format!("settle-{i}"));
            if next == last && next.rgb.iter().any(|&v| v > 16) {
                return next;
            }
            last = next;
        }
        panic!("the window never settled on a picture");
    }
}

/// An RGB image.
#[derive(PartialEq)]
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Image {
    fn load(path: &Path) -> Image {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("png size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        buf.truncate(info.buffer_size());
        let channels = info.color_type.samples();
        let rgb = buf.chunks_exact(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
        Image { width: info.width as usize, height: info.height as usize, rgb }
    }

    /// Scaled to `width` x `height` as the preview presents its buffer (area averaging over the
    /// same source spans), so a frame can be compared with what the window shows.
    fn scaled(&self, width: usize, height: usize) -> Image {
        let span = |o: usize, n_out: usize, n_src: usize| {
            let a = o * n_src / n_out;
            (a, ((o + 1) * n_src / n_out).max(a + 1).min(n_src))
        };
        let mut rgb = Vec::with_capacity(width * height * 3);
        for y in 0..height {
            let (y0, y1) = span(y, height, self.height);
            for x in 0..width {
                let (x0, x1) = span(x, width, self.width);
                let mut sum = [0u32; 3];
                for sy in y0..y1 {
                    for sx in x0..x1 {
                        let i = (sy * self.width + sx) * 3;
                        for (total, &v) in sum.iter_mut().zip(&self.rgb[i..i + 3]) {
                            *total += v as u32;
                        }
                    }
                }
                let n = ((y1 - y0) * (x1 - x0)) as u32;
                rgb.extend(sum.map(|s| (s / n) as u8));
            }
        }
        Image { width, height, rgb }
    }

    /// Pixels where some channel differs by more than `tolerance`.
    fn differing(&self, other: &Image, tolerance: u8) -> usize {
        assert_eq!((self.width, self.height), (other.width, other.height));
        self.rgb
            .chunks_exact(3)
            .zip(other.rgb.chunks_exact(3))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > tolerance))
            .count()
    }
}

#[test]
fn real_window_moves_focus_on_real_key_presses() {
    if let Some(why) = cannot_run() {
        return skip("real_window_moves_focus_on_real_key_presses", why);
    }
    let preview = Preview::start("keys");
    let _ = preview.settled_capture();
    let (png1, focus1) = preview.shot();
    preview.key("Right");
    std::thread::sleep(Duration::from_millis(300));
    let (png2, focus2) = preview.shot();
    assert!(focus1.ends_with("/profile-p1"), "initial focus: {focus1}");
    assert!(focus2.ends_with("/profile-p2"), "focus after Right: {focus2}");
    let (a, b) = (Image::load(&png1), Image::load(&png2));
    let differing = a.differing(&b, 0);
    assert!(differing > 500, "the saved frames should show the focus ring moving ({differing} pixels differ)");
}

/// What the window shows before any key is the app's current frame: the first profile with
/// its focus ring, exactly as F12 (which renders the current frame afresh) saves it.
#[test]
fn the_first_frame_presented_is_the_current_one() {
    if let Some(why) = cannot_run() {
        return skip("the_first_frame_presented_is_the_current_one", why);
    }
    let preview = Preview::start("first");
    let shown = preview.settled_capture();
    let (png, focus) = preview.shot();
    assert!(focus.ends_with("/profile-p1"), "initial focus: {focus}");
    let frame = Image::load(&png);
    // The window is sized to the device's aspect (16:9), so the frame fills it.
    let expected = frame.scaled(shown.width, shown.height);
    let differing = shown.differing(&expected, 2);
    assert!(
        differing < 50,
        "the window shows something else than the current frame ({differing} pixels differ): a stale first present"
    );
}

/// Typing on the desktop keyboard into the sample's search: letters type (not Menu for `m` or
/// PlayPause for `p`), and the results follow the typed query. The session the window records
/// holds the typed characters, and replaying it shows the results for "abc".
#[test]
fn typing_on_the_desktop_keyboard_searches() {
    if let Some(why) = cannot_run() {
        return skip("typing_on_the_desktop_keyboard_searches", why);
    }
    let preview = Preview::start_with("type", &["--record"]);
    let _ = preview.settled_capture();
    preview.input(&["key", "Return"]);
    preview.wait_focus("home", |f| f.starts_with("root/home") && !f.contains("loading"));
    preview.input(&["key", "Up"]);
    preview.wait_focus("the nav bar", |f| f.contains("nav"));
    preview.input(&["key", "Right"]);
    preview.wait_focus("the search tab", |f| f.contains("search"));
    preview.input(&["key", "Return"]);
    preview.wait_focus("the search keyboard", |f| f.contains("keyboard"));
    preview.input(&["type", "--delay", "100", "abc"]);
    std::thread::sleep(Duration::from_millis(500));
    let (_, focus) = preview.shot();
    assert!(focus.contains("/keyboard/"), "typing keeps focus on the keyboard: {focus}");
    let session = std::fs::read_to_string(preview.record_file()).expect("the recorded session");
    for c in ["Char:a", "Char:b", "Char:c"] {
        assert!(session.contains(&format!("press {c}")), "{c} missing from the session:\n{session}");
    }
    // The same session, replayed headless, ends on the search screen showing "abc".
    let file = preview.record_file();
    drop(preview);
    let options = tenfoot::testing::Options::parse(["--latency", "0"].map(String::from)).unwrap();
    let mut app = tenfoot::sample::app();
    tenfoot::testing::apply_options(&mut app, &options);
    let mut driver = tenfoot::testing::Driver::new(app);
    let session = tenfoot::testing::Session::parse(&session, "session.txt").unwrap();
    tenfoot::testing::run_headless(&mut driver, &options, Some(session)).unwrap();
    let status = driver.app.find("results-status").expect("the search screen");
    let status = driver.app.world().get::<&tenfoot::toolkit::TextContent>(status).unwrap().text.clone();
    assert!(status.contains("\u{201c}abc\u{201d}"), "{status}");
    let _ = std::fs::remove_file(file);
}

/// `--announce` in the window prints each utterance as real key presses move focus.
#[test]
fn the_window_announces_focus_moves() {
    if let Some(why) = cannot_run() {
        return skip("the_window_announces_focus_moves", why);
    }
    let preview = Preview::start_with("announce", &["--announce"]);
    let _ = preview.settled_capture();
    preview.key("Right");
    let mut said = Vec::new();
    while let Ok(line) = preview.lines.recv_timeout(Duration::from_secs(30)) {
        let done = line.contains("2 of 5");
        said.push(line);
        if done {
            break;
        }
    }
    assert!(said.iter().any(|l| l.starts_with("announce: Profiles, list, 5 items. Maya, button, 1 of 5")), "{said:?}");
    assert!(said.last().is_some_and(|l| l.starts_with("announce: Jonas, button, 2 of 5")), "{said:?}");
}

/// A pointer click on the second profile opens home for that profile: the mouse moved over
/// it focuses it (hover), the click selects it. The recorded session replays headless to home
/// with that profile's name in the nav bar.
#[test]
fn a_click_on_the_second_profile_opens_its_home() {
    if let Some(why) = cannot_run() {
        return skip("a_click_on_the_second_profile_opens_its_home", why);
    }
    // Where the second profile is, in the logical 1920x1080 space.
    let mut app = tenfoot::sample::app();
    let options = tenfoot::testing::Options::parse(["--latency", "0"].map(String::from)).unwrap();
    tenfoot::testing::apply_options(&mut app, &options);
    let mut driver = tenfoot::testing::Driver::new(app);
    driver.settle(Duration::ZERO);
    let p2 = driver.app.find("profile-p2").expect("the second profile");
    let r = driver.app.screen_rect(p2).expect("its rectangle");
    let (lx, ly) = (r.x + r.width / 2.0, r.y + r.height / 3.0);

    let preview = Preview::start_with("click", &["--record"]);
    let shown = preview.settled_capture();
    // The window shows the 1920x1080 frame scaled to its width (16:9, no letterbox).
    let f = shown.width as f32 / 1920.0;
    let (wx, wy) = ((lx * f).round().to_string(), (ly * f).round().to_string());
    // From a corner, so this is a movement (the window ignores where the pointer rests when
    // it appears).
    preview.input(&["mousemove", "--window", &preview.win, "1", "1"]);
    preview.input(&["mousemove", "--window", &preview.win, &wx, &wy]);
    preview.wait_focus("the second profile (hover)", |f| f.ends_with("/profile-p2"));
    preview.input(&["click", "1"]);
    let (_, focus) = preview.wait_focus("home", |f| f.starts_with("root/home"));
    assert!(!focus.contains("profiles"), "{focus}");
    let text = std::fs::read_to_string(preview.record_file()).expect("the recorded session");
    assert!(text.contains(" pointer down "), "{text}");
    let file = preview.record_file();
    // Park the pointer off the picture for the next window.
    preview.input(&["mousemove", "0", "1079"]);
    drop(preview);
    let mut app = tenfoot::sample::app();
    tenfoot::testing::apply_options(&mut app, &options);
    let mut driver = tenfoot::testing::Driver::new(app);
    let session = tenfoot::testing::Session::parse(&text, "session.txt").unwrap();
    tenfoot::testing::run_headless(&mut driver, &options, Some(session)).unwrap();
    let chip = driver.app.find("nav-profile").expect("home's nav bar");
    let names: Vec<String> = tenfoot::toolkit::tree::subtree(driver.app.world(), chip)
        .into_iter()
        .filter_map(|e| driver.app.world().get::<&tenfoot::toolkit::TextContent>(e).ok().map(|t| t.text.clone()))
        .collect();
    assert!(names.iter().any(|n| n == "Jonas"), "home for the second profile: {names:?}");
    let _ = std::fs::remove_file(file);
}

impl Preview {
    /// Waits for a stdout line starting with `prefix` (lines before it are dropped).
    fn expect_line(&self, prefix: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no line starting with `{prefix}`"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    }
}

impl Image {
    /// Pixels within `tolerance` of `rgb`.
    fn count_near(&self, rgb: [u8; 3], tolerance: u8) -> usize {
        self.rgb.chunks_exact(3).filter(|p| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= tolerance)).count()
    }
}

/// F8 switches the device profile in the running window (the app keeps its state: no
/// restart), Shift+F8 draws the safe area, F4 the focused element's measurements.
#[test]
fn f8_cycles_devices_and_the_overlays_draw() {
    if let Some(why) = cannot_run() {
        return skip("f8_cycles_devices_and_the_overlays_draw", why);
    }
    let preview = Preview::start("devices");
    let plain = preview.settled_capture();
    preview.key("Right");
    preview.wait_focus("the second profile", |f| f.ends_with("/profile-p2"));
    preview.key("F8");
    assert_eq!(preview.expect_line("device "), "device 4k 3840x2160");
    preview.key("F8");
    assert_eq!(preview.expect_line("device "), "device 720p 1280x720");
    let (_, focus) = preview.shot();
    assert!(focus.ends_with("/profile-p2"), "the app kept its state across devices: {focus}");
    let title = xdotool(&["getwindowname", &preview.win]);
    assert!(title.contains("720p"), "the title names the device: {title}");

    // The safe-area overlay: the title-safe line in its colour, the 720p overscan dimmed.
    let line = tenfoot::testing::SAFE_AREA_LINE;
    let before = preview.settled_capture();
    assert_eq!(before.count_near([line.r, line.g, line.b], 40), 0, "no overlay yet");
    preview.key("shift+F8");
    assert_eq!(preview.expect_line("safe-area "), "safe-area on");
    let with = preview.settled_capture();
    let lit = with.count_near([line.r, line.g, line.b], 40);
    // Two px of a 1728x972 logical rectangle's outline, scaled into the window.
    let f = with.width as f32 / 1920.0;
    let expected = (2.0 * (1728.0 + 972.0) * 2.0 * f) as usize;
    assert!(lit > expected / 2, "the title-safe line shows ({lit} pixels, about {expected} expected)");
    let corner = &with.rgb[..3];
    assert!(corner.iter().all(|&v| v < 40), "the overscan is dimmed: {corner:?}");
    preview.key("shift+F8");
    assert_eq!(preview.expect_line("safe-area "), "safe-area off");

    // F4: the focused profile's outline and its caption in the measurement red.
    preview.key("F4");
    let measured = preview.settled_capture();
    let red = measured.count_near([255, 64, 96], 40) + measured.count_near([160, 20, 50], 40);
    assert!(red > 200, "F4 draws the focused element's red-lines ({red} pixels)");
    assert!(plain.differing(&measured, 8) > 1000);
}
