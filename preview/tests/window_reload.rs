//! The real window under X11 (Xvfb in CI) with the real file watcher: open a markup screen,
//! save a theme change, a broken screen and a fix, and read the preview's reports on stderr.
//! Skips, saying why, without a display or xdotool. Waits have generous limits and assert
//! nothing about time: the latency is printed by the preview ("on screen N ms after...").

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Preview {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    /// Waits for a stderr line containing `needle`; returns the lines read on the way.
    fn wait_for(&self, needle: &str) -> Result<Vec<String>, Vec<String>> {
        let mut seen = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(20)) {
            let hit = line.contains(needle);
            seen.push(line);
            if hit {
                return Ok(seen);
            }
        }
        Err(seen)
    }
}

/// Says why the test did not run, on the stderr handle: `eprintln!` and `println!` are
/// captured by the test harness, this line shows without `--nocapture`.
fn skip(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: saving_files_updates_the_real_window: {why}");
}

#[test]
fn saving_files_updates_the_real_window() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return skip("DISPLAY is not set (run under Xvfb)");
    }
    if Command::new("xdotool").arg("version").output().is_err() {
        return skip("xdotool is not installed");
    }
    let dir = std::env::temp_dir().join(format!("tenfoot-window-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let screen = write("screen.kdl", "column background=$accent {\n  text \"hello\"\n}\n");
    let theme = write("theme.kdl", "accent \"#e8b44a\"\n");
    let child = Command::new(env!("CARGO_BIN_EXE_tenfoot-preview"))
        .arg(&screen)
        .arg("--theme")
        .arg(&theme)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = child;
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let preview = Preview { child, lines: rx };
    let found = Command::new("xdotool")
        .args(["search", "--sync", "--name", "tenfoot preview"])
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|c| c.wait_with_output());
    assert!(found.is_ok_and(|o| o.status.success()), "the preview window did not open");
    // The watcher starts before the window opens; give the first frame a moment anyway.
    std::thread::sleep(Duration::from_millis(300));

    write("theme.kdl", "accent \"#3fa9f5\"\n");
    let lines = preview.wait_for("on screen").expect("a reload after the theme save");
    assert!(lines.iter().any(|l| l.contains("reloaded")), "{lines:?}");
    println!("{}", lines.join("\n"));

    write("screen.kdl", "column background=$acent {\n  text \"hello\"\n}\n");
    let lines = preview.wait_for("kept the last good screen").expect("an error report after the broken save");
    assert!(lines.iter().any(|l| l.contains("did you mean `$accent`?")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("screen.kdl:1:19")), "{lines:?}");

    write("screen.kdl", "column background=$accent {\n  text \"fixed\"\n}\n");
    let lines = preview.wait_for("on screen").expect("a reload after the fix");
    println!("{}", lines.join("\n"));
    drop(preview);
    let _ = std::fs::remove_dir_all(&dir);
}
