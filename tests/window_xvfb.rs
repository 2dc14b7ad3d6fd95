//! The preview in a real window, driven by real key presses: under X (Xvfb in CI), start the
//! main binary (the sample app), focus its window with xdotool, press F12 (screenshot), Right, F12 again, and
//! check that focus moved and the saved frames show it. Skips, saying why, when there is no
//! display or no xdotool; `.ci/run` provides both.

#![expect(clippy::expect_used, clippy::panic, reason = "a test fails by panicking")]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("timeout").arg("20").arg("xdotool").args(args).output().expect("run xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn real_window_moves_focus_on_real_key_presses() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        println!("skipped: no X display (DISPLAY unset); .ci/run starts Xvfb");
        return;
    }
    if !have("xdotool") {
        println!("skipped: xdotool is not installed (apt-get install xdotool)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tenfoot-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The main binary is the sample app; with no host latency its profile picker is ready at once.
    let child = Command::new(env!("CARGO_BIN_EXE_tenfoot"))
        .args(["--latency", "0"])
        .env("TENFOOT_SCREENSHOT_DIR", &dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the preview");
    let mut child = Kill(child);
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });

    let win = xdotool(&["search", "--sync", "--name", "tenfoot preview"]);
    let win = win.lines().next().unwrap_or_default().to_owned();
    assert!(!win.is_empty(), "the preview window did not appear");
    xdotool(&["windowfocus", "--sync", &win]);
    // Give the first frame a moment to be presented before the first screenshot.
    std::thread::sleep(Duration::from_millis(500));

    let shot = || -> (String, String) {
        xdotool(&["key", "--window", &win, "F12"]);
        let line = rx.recv_timeout(Duration::from_secs(20)).expect("a `screenshot PATH focus PATH` line after F12");
        let rest = line.strip_prefix("screenshot ").unwrap_or_else(|| panic!("unexpected output: {line}"));
        let (path, focus) = rest.split_once(" focus ").unwrap_or_else(|| panic!("unexpected output: {line}"));
        (path.to_owned(), focus.to_owned())
    };
    let (png1, focus1) = shot();
    xdotool(&["key", "--window", &win, "Right"]);
    std::thread::sleep(Duration::from_millis(300));
    let (png2, focus2) = shot();
    assert!(focus1.ends_with("/profile-p1"), "initial focus: {focus1}");
    assert!(focus2.ends_with("/profile-p2"), "focus after Right: {focus2}");

    let a = tiny_skia_png(&png1);
    let b = tiny_skia_png(&png2);
    assert_eq!(a.len(), b.len());
    let differing = a.chunks_exact(4).zip(b.chunks_exact(4)).filter(|(x, y)| x != y).count();
    assert!(differing > 500, "the saved frames should show the focus ring moving ({differing} pixels differ)");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tiny_skia_png(path: &str) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    image_rgba(&bytes)
}

fn image_rgba(png: &[u8]) -> Vec<u8> {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("png size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    buf
}
