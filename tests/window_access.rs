//! The preview window as a screen reader sees it: under X (Xvfb in CI), a private D-Bus session
//! with the accessibility bus of at-spi2-core (`dbus-daemon`, `at-spi-bus-launcher`, activated
//! from the session bus), the sample app in a window, and the AT-SPI tree read with `gdbus` the
//! way Orca reads it. A real key press moves the focus the reader sees; the reader's focus and
//! click requests move the app's focus and press Select. Without a display, xdotool, D-Bus or
//! at-spi2-core the test says `skipped: why`.

#![expect(clippy::expect_used, clippy::panic, reason = "a test fails by panicking")]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

fn bus_launcher() -> Option<PathBuf> {
    ["/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn cannot_run() -> Option<&'static str> {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return Some("no X display (DISPLAY unset); .ci/run starts Xvfb");
    }
    if !have("xdotool") {
        return Some("xdotool is not installed (apt-get install xdotool)");
    }
    if !have("dbus-daemon") || !have("gdbus") {
        return Some("dbus-daemon or gdbus is missing (apt-get install dbus-daemon libglib2.0-bin)");
    }
    if bus_launcher().is_none() {
        return Some("at-spi2-core is not installed (apt-get install at-spi2-core)");
    }
    None
}

fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

/// A private session bus (its own runtime dir, so the accessibility bus's socket is ours too),
/// with accessibility turned on as a screen reader turns it on.
struct Bus {
    daemon: Child,
    dir: PathBuf,
    session: String,
    a11y: String,
}

impl Drop for Bus {
    fn drop(&mut self) {
        // The bus launcher and the registry leave with the session bus.
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Bus {
    fn start() -> Result<Bus, String> {
        let dir = std::env::temp_dir().join(format!("tenfoot-a11y-bus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .env("XDG_RUNTIME_DIR", &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("dbus-daemon: {e}"))?;
        let mut line = String::new();
        let stdout = daemon.stdout.take().ok_or("no stdout")?;
        BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
        let mut bus = Bus { daemon, dir, session: line.trim().to_owned(), a11y: String::new() };
        if bus.session.is_empty() {
            return Err("dbus-daemon printed no address".into());
        }
        bus.gdbus_session(&[
            "--dest",
            "org.a11y.Bus",
            "--object-path",
            "/org/a11y/bus",
            "--method",
            "org.freedesktop.DBus.Properties.Set",
            "org.a11y.Status",
            "IsEnabled",
            "<true>",
        ])?;
        let out = bus.gdbus_session(&[
            "--dest",
            "org.a11y.Bus",
            "--object-path",
            "/org/a11y/bus",
            "--method",
            "org.a11y.Bus.GetAddress",
        ])?;
        bus.a11y = quoted(&out).into_iter().next().ok_or_else(|| format!("no accessibility bus address in {out}"))?;
        Ok(bus)
    }

    fn gdbus_session(&self, args: &[&str]) -> Result<String, String> {
        gdbus(&["--address", &self.session], args)
    }

    /// A call on the accessibility bus to the object `at`.
    fn call(&self, at: &Obj, method: &str, args: &[&str]) -> Result<String, String> {
        let mut all = vec!["--dest", &at.0, "--object-path", &at.1, "--method", method];
        all.extend_from_slice(args);
        gdbus(&["--address", &self.a11y], &all)
    }

    fn children(&self, at: &Obj) -> Vec<Obj> {
        let out = self.call(at, "org.a11y.atspi.Accessible.GetChildren", &[]).unwrap_or_default();
        quoted(&out).chunks(2).filter(|c| c.len() == 2).map(|c| Obj(c[0].clone(), c[1].clone())).collect()
    }

    fn name(&self, at: &Obj) -> String {
        let out = self
            .call(at, "org.freedesktop.DBus.Properties.Get", &["org.a11y.atspi.Accessible", "Name"])
            .unwrap_or_default();
        quoted(&out).into_iter().next().unwrap_or_default()
    }

    fn focused(&self, at: &Obj) -> bool {
        // AT-SPI's state set: two 32-bit words; FOCUSED is state 12.
        let out = self.call(at, "org.a11y.atspi.Accessible.GetState", &[]).unwrap_or_default();
        let first = out.split(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty() && *s != "32");
        first.and_then(|s| s.parse::<u64>().ok()).is_some_and(|bits| bits & (1 << 12) != 0)
    }

    /// The app's accessible objects (the registry's children and below), with their names.
    fn tree(&self) -> Vec<(Obj, String)> {
        let registry = Obj("org.a11y.atspi.Registry".into(), "/org/a11y/atspi/accessible/root".into());
        let mut out = Vec::new();
        let mut stack = self.children(&registry);
        while let Some(o) = stack.pop() {
            let name = self.name(&o);
            stack.extend(self.children(&o));
            out.push((o, name));
            if out.len() > 2000 {
                break;
            }
        }
        out
    }

    /// Reads the tree until `done` holds for the object named `name` (the app takes a moment
    /// to register and to send its updates); returns it.
    fn wait_for(&self, what: &str, name: &str, done: impl Fn(&Bus, &Obj) -> bool) -> Obj {
        let mut last = Vec::new();
        for _ in 0..60 {
            last = self.tree();
            if let Some((o, _)) = last.iter().find(|(o, n)| n == name && done(self, o)) {
                return o.clone();
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        let names: Vec<&String> = last.iter().map(|(_, n)| n).collect();
        panic!("{what}: no object named {name:?} as wanted; the reader sees {names:?}");
    }
}

/// An accessible object: bus name and object path.
#[derive(Clone, Debug)]
struct Obj(String, String);

fn gdbus(address: &[&str], args: &[&str]) -> Result<String, String> {
    let out = Command::new("timeout")
        .args(["20", "gdbus", "call"])
        .args(address)
        .args(args)
        .output()
        .map_err(|e| format!("gdbus: {e}"))?;
    if !out.status.success() {
        return Err(format!("gdbus {args:?}: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The single-quoted strings of a gdbus reply, in order.
fn quoted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (&mut cur, c) {
            (None, '\'') => cur = Some(String::new()),
            (Some(_), '\'') => out.extend(cur.take()),
            (Some(t), '\\') => t.extend(chars.next()),
            (Some(t), c) => t.push(c),
            (None, _) => {}
        }
    }
    out
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("timeout").arg("20").arg("xdotool").args(args).output().expect("run xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn a_screen_reader_follows_focus_and_moves_it() {
    if let Some(why) = cannot_run() {
        return skip("a_screen_reader_follows_focus_and_moves_it", why);
    }
    let bus = match Bus::start() {
        Ok(b) => b,
        Err(why) => return skip("a_screen_reader_follows_focus_and_moves_it", &format!("no accessibility bus: {why}")),
    };
    let shots = bus.dir.join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenfoot"))
        .args(["--latency", "0"])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.session)
        .env("TENFOOT_SCREENSHOT_DIR", &shots)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the preview");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    struct Kill(Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let child = Kill(child);
    let pid = child.0.id().to_string();
    let win = xdotool(&["search", "--sync", "--pid", &pid, "--name", "tenfoot preview"]);
    let win = win.lines().next().unwrap_or_default().to_owned();
    assert!(!win.is_empty(), "the preview window did not appear");
    xdotool(&["windowfocus", "--sync", &win]);
    let focus_path = || {
        xdotool(&["key", "--window", &win, "F12"]);
        let line = lines.recv_timeout(Duration::from_secs(30)).expect("a `screenshot PATH focus PATH` line after F12");
        line.split_once(" focus ").map(|(_, f)| f.to_owned()).unwrap_or(line)
    };

    // The reader sees the profile picker with the first profile focused ...
    bus.wait_for("initial focus", "Maya", Bus::focused);
    // ... and a real key press moves the focus it sees.
    xdotool(&["key", "--window", &win, "Right"]);
    let jonas = bus.wait_for("after Right", "Jonas", Bus::focused);
    // Its place in the list reaches the reader too (AT-SPI attributes posinset and setsize).
    let attrs = bus.call(&jonas, "org.a11y.atspi.Accessible.GetAttributes", &[]).expect("GetAttributes");
    let raw = attrs.clone();
    let attrs = quoted(&attrs);
    let attr = |k: &str| attrs.iter().position(|a| a == k).and_then(|i| attrs.get(i + 1)).cloned();
    assert_eq!((attr("posinset"), attr("setsize")), (Some("2".into()), Some("5".into())), "{raw}");
    let maya = bus.wait_for("Maya after Right", "Maya", |b, o| !b.focused(o));

    // The reader moves focus (Orca's "grab focus") ...
    bus.call(&maya, "org.a11y.atspi.Component.GrabFocus", &[]).expect("GrabFocus");
    bus.wait_for("after GrabFocus", "Maya", Bus::focused);
    assert!(focus_path().ends_with("/profile-p1"), "focus did not move to the first profile");
    // ... and clicks: Select on it opens that profile's home.
    bus.call(&maya, "org.a11y.atspi.Action.DoAction", &["0"]).expect("DoAction");
    let mut path = String::new();
    for _ in 0..40 {
        path = focus_path();
        if path.starts_with("root/home") {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(path.starts_with("root/home"), "the click did not open home: focus {path}");
    drop(child);
}
