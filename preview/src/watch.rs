//! `--watch`: edit Rust, save, see it. The process started with `--watch` becomes a supervisor:
//! it runs the app as a child process (the same executable, without `--watch`), watches the
//! example's sources and the workspace crates, rebuilds with cargo on save and restarts the app
//! on the new binary. The restarted app replays the keys pressed so far in virtual time before
//! its first present (`--replay-fast`), so the developer lands on the same page with the same
//! focus, in a window at the same place and size.
//!
//! A failed build leaves the running app alone: the supervisor writes the compiler's first
//! error to a status file in its folder, which the app (as a [`Child`]) polls and shows in an
//! overlay. The app writes its key session and its window geometry to the same folder.
//!
//! Sources are watched by polling modification times every [`POLL`]: a few hundred `stat`
//! calls, far cheaper than the build they trigger, with no dependency, no inotify limits and
//! the same behaviour on every platform. (The markup hot reload has its own watcher; this one
//! only restarts processes.)
//!
//! Owns: the supervisor loop, finding the target and its sources, the cargo command, the
//! first-error parser and the hand-over files. Must not touch the app: the supervisor never
//! runs one itself.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use tenfoot_testing::Session;

/// How often the supervisor looks at the sources, and the app at the status file.
pub const POLL: Duration = Duration::from_millis(100);
/// Idle gaps longer than this shrink when a session is handed to a restarted app.
pub const HAND_OVER_GAP: Duration = Duration::from_millis(250);

const SESSION_FILE: &str = "session.txt";
const STATUS_FILE: &str = "status.txt";
const WINDOW_FILE: &str = "window.txt";

/// What cargo builds: an example or a binary, in a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub kind: TargetKind,
    /// The cargo profile (`dev`, `release` or a custom one).
    pub profile: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    Example,
    Bin,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TargetKind::Example => "example",
            TargetKind::Bin => "bin",
        };
        write!(f, "{kind} `{}` ({})", self.name, self.profile)
    }
}

impl Target {
    /// The target an executable was built as, from its path: `<target>/<profile>/examples/NAME`
    /// (or `NAME-<hash>`) is an example, `<target>/<profile>/NAME` a binary. `debug` is the
    /// `dev` profile's folder.
    pub fn from_exe(exe: &Path) -> Option<Target> {
        let file = exe.file_stem()?.to_str()?;
        let parent = exe.parent()?;
        let (kind, profile_dir) = if parent.file_name()? == "examples" {
            (TargetKind::Example, parent.parent()?)
        } else {
            (TargetKind::Bin, parent)
        };
        let name = strip_hash(file).to_owned();
        let profile = match profile_dir.file_name()?.to_str()? {
            "debug" => "dev".to_owned(),
            other => other.to_owned(),
        };
        if name.is_empty() {
            return None;
        }
        Some(Target { name, kind, profile })
    }

    /// `cargo build` arguments for this target. `package` narrows the build to one package
    /// (cargo sets `CARGO_PKG_NAME` for `cargo run`); `gamepad` keeps the feature the running
    /// binary was built with, so the rebuild does not recompile the preview without it.
    pub fn build_args(&self, package: Option<&str>, gamepad: bool) -> Vec<String> {
        let mut args = vec!["build".to_owned(), "--color".to_owned(), "never".to_owned()];
        if let Some(p) = package {
            args.extend(["-p".to_owned(), p.to_owned()]);
        }
        let kind = match self.kind {
            TargetKind::Example => "--example",
            TargetKind::Bin => "--bin",
        };
        args.extend([kind.to_owned(), self.name.clone()]);
        match self.profile.as_str() {
            "dev" => {}
            "release" => args.push("--release".to_owned()),
            other => args.extend(["--profile".to_owned(), other.to_owned()]),
        }
        if gamepad {
            args.extend(["--features".to_owned(), "tenfoot-preview/gamepad".to_owned()]);
        }
        args
    }
}

/// `hello-0123456789abcdef` -> `hello` (cargo's hashed copies of examples).
fn strip_hash(name: &str) -> &str {
    match name.rsplit_once('-') {
        Some((base, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => base,
        _ => name,
    }
}

/// The workspace root above `package`: the topmost ancestor whose `Cargo.toml` declares
/// `[workspace]`, or `package` itself.
pub fn workspace_root(package: &Path) -> PathBuf {
    let mut root = package.to_path_buf();
    for dir in package.ancestors() {
        let manifest = dir.join("Cargo.toml");
        if std::fs::read_to_string(&manifest).is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]")) {
            root = dir.to_path_buf();
        }
    }
    root
}

/// What to watch for `target` in package `package` of workspace `root`: the example's file (or
/// folder), the package's `src/` for a binary, and every crate's `src/`, `build.rs` and
/// `Cargo.toml` at the root and one level below it (where this workspace's members live).
pub fn watch_roots(root: &Path, package: &Path, target: &Target) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    match target.kind {
        TargetKind::Example => {
            let file = package.join("examples").join(format!("{}.rs", target.name));
            let dir = package.join("examples").join(&target.name);
            roots.push(if dir.is_dir() { dir } else { file });
        }
        // A binary may pull example files in with `#[path]` (the main binary shows `hello`).
        TargetKind::Bin => roots.push(package.join("examples")),
    }
    let mut crates = vec![root.to_path_buf(), package.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut members: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("Cargo.toml").is_file() && !is_hidden(p))
            .collect();
        members.sort();
        crates.extend(members);
    }
    for c in crates {
        for p in [c.join("Cargo.toml"), c.join("build.rs"), c.join("src")] {
            if p.exists() && !roots.contains(&p) {
                roots.push(p);
            }
        }
    }
    roots
}

fn is_hidden(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n == "target")
}

/// Modification time and length of every `.rs` and `Cargo.toml` under `roots`.
pub type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Takes a [`Snapshot`]. Missing roots are skipped (a deleted file shows as a change).
pub fn scan(roots: &[PathBuf]) -> Snapshot {
    let mut out = Snapshot::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else { continue };
        // Directory links are not followed below the roots: a link loop must not hang the loop.
        let linked = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if meta.is_dir() && linked && !roots.contains(&p) {
            continue;
        }
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| !is_hidden(p)));
            }
        } else if p.extension().is_some_and(|e| e == "rs") || p.file_name().is_some_and(|n| n == "Cargo.toml") {
            out.insert(p, (meta.modified().ok(), meta.len()));
        }
    }
    out
}

/// The first error of a failed `cargo build` (human format, no colour), for the overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    /// `error[E0425]: cannot find value `x` in this scope`
    pub message: String,
    /// `examples/hello.rs:20:9`
    pub location: Option<String>,
    /// The source lines rustc quotes under the message.
    pub context: Vec<String>,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{l}: ")?;
        }
        write!(f, "{}", self.message)?;
        for line in &self.context {
            write!(f, "\n{line}")?;
        }
        Ok(())
    }
}

/// Finds the first real error in cargo's output: the first `error` line that is not cargo's
/// summary (`could not compile`, `aborting due to`), with the `-->` location under it and up to
/// six lines of quoted source. Falls back to the summary when there is nothing else.
pub fn first_error(output: &str) -> Option<BuildError> {
    let lines: Vec<&str> = output.lines().collect();
    let is_error = |l: &str| l.starts_with("error[") || l.starts_with("error:");
    let is_summary = |l: &str| {
        l.starts_with("error: could not compile")
            || l.starts_with("error: aborting due to")
            || l.starts_with("error: failed to compile")
    };
    let start =
        lines.iter().position(|l| is_error(l) && !is_summary(l)).or_else(|| lines.iter().position(|l| is_error(l)))?;
    let mut error = BuildError { message: lines[start].trim().to_owned(), location: None, context: Vec::new() };
    for line in lines.iter().skip(start + 1) {
        if line.trim().is_empty() || is_error(line) || line.starts_with("warning") {
            break;
        }
        match line.trim_start().strip_prefix("--> ") {
            Some(loc) if error.location.is_none() => error.location = Some(loc.trim().to_owned()),
            _ if error.context.len() < 6 => error.context.push(line.trim_end().to_owned()),
            _ => {}
        }
    }
    // Quoted source has a ` | ` gutter; a bare gutter line carries nothing.
    error.context.retain(|l| l.trim() != "|");
    Some(error)
}

/// What the app shows for the supervisor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to show.
    Running,
    /// A rebuild is under way.
    Building,
    /// The last rebuild failed; the text is [`BuildError`]'s.
    Failed(String),
}

impl Status {
    fn to_text(&self) -> String {
        match self {
            Status::Running => String::new(),
            Status::Building => "building\n".to_owned(),
            Status::Failed(e) => format!("failed\n{e}"),
        }
    }

    fn parse(text: &str) -> Status {
        match text.split_once('\n') {
            Some(("building", _)) => Status::Building,
            Some(("failed", e)) => Status::Failed(e.to_owned()),
            _ => Status::Running,
        }
    }
}

/// Writes `text` to `path` through a temporary file and a rename, so a reader (or a process
/// killed mid-write) never leaves half a file.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Window geometry in physical pixels: outer position, inner size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

impl Geometry {
    fn parse(text: &str) -> Option<Geometry> {
        let v: Vec<&str> = text.split_whitespace().collect();
        let [x, y, w, h] = v.as_slice() else { return None };
        let g = Geometry { x: x.parse().ok()?, y: y.parse().ok()?, width: w.parse().ok()?, height: h.parse().ok()? };
        (g.width > 0 && g.height > 0).then_some(g)
    }
}

/// The app's side of `--watch` (`--watch-child DIR`): polls the supervisor's status, writes the
/// window geometry, and notices when the supervisor is gone (then the app quits, rather than
/// linger as an orphan window).
#[derive(Debug)]
pub struct Child {
    dir: PathBuf,
    parent: Option<u32>,
    next_poll: Instant,
    stamp: Option<(Option<SystemTime>, u64)>,
    pub status: Status,
}

/// What a [`Child::poll`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll {
    Unchanged,
    /// The status changed: redraw the overlay.
    Changed,
    /// The supervisor has exited.
    Orphaned,
}

impl Child {
    pub fn new(dir: PathBuf) -> Child {
        Child { dir, parent: parent_id(), next_poll: Instant::now(), stamp: None, status: Status::Running }
    }

    /// When the next poll is due.
    pub fn next_poll(&self) -> Instant {
        self.next_poll
    }

    /// Looks at the status file when a poll is due (a `stat`, and a read when it changed).
    pub fn poll(&mut self, now: Instant) -> Poll {
        if now < self.next_poll {
            return Poll::Unchanged;
        }
        self.next_poll = now + POLL;
        if parent_id() != self.parent || !self.dir.is_dir() {
            // A supervisor killed by a signal cannot clean up; its last app does.
            let _ = std::fs::remove_dir_all(&self.dir);
            return Poll::Orphaned;
        }
        let path = self.dir.join(STATUS_FILE);
        let stamp = std::fs::metadata(&path).ok().map(|m| (m.modified().ok(), m.len()));
        if stamp == self.stamp {
            return Poll::Unchanged;
        }
        self.stamp = stamp;
        let status = std::fs::read_to_string(&path).map(|t| Status::parse(&t)).unwrap_or(Status::Running);
        if status == self.status {
            return Poll::Unchanged;
        }
        self.status = status;
        Poll::Changed
    }

    /// Records where the window is, for the next restart.
    pub fn window_moved(&self, g: Geometry) {
        let _ = write_atomic(&self.dir.join(WINDOW_FILE), &format!("{} {} {} {}\n", g.x, g.y, g.width, g.height));
    }
}

#[cfg(unix)]
fn parent_id() -> Option<u32> {
    Some(std::os::unix::process::parent_id())
}

#[cfg(not(unix))]
fn parent_id() -> Option<u32> {
    None
}

/// The user's arguments split for the children: `--watch` dropped, `--record FILE` and
/// `--replay FILE` taken out (the supervisor owns the session file and hands them on).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChildArgs {
    pub args: Vec<String>,
    pub replay: Option<PathBuf>,
    pub record: Option<PathBuf>,
}

impl ChildArgs {
    pub fn split(args: &[String]) -> ChildArgs {
        let mut out = ChildArgs::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--watch" => {}
                "--replay" => out.replay = it.next().map(PathBuf::from),
                "--record" => out.record = it.next().map(PathBuf::from),
                _ => out.args.push(a.clone()),
            }
        }
        out
    }

    /// The arguments of one child: the user's, plus the hand-over flags.
    pub fn for_child(&self, dir: &Path, replay: Option<(&Path, bool)>, window: Option<Geometry>) -> Vec<String> {
        let mut args = self.args.clone();
        let session = dir.join(SESSION_FILE);
        args.extend(["--record".to_owned(), session.display().to_string()]);
        if let Some((path, fast)) = replay {
            args.extend(["--replay".to_owned(), path.display().to_string()]);
            if fast {
                args.push("--replay-fast".to_owned());
            }
        }
        if let Some(g) = window {
            args.extend(["--window-pos".to_owned(), format!("{},{}", g.x, g.y)]);
            args.extend(["--window-size".to_owned(), format!("{}x{}", g.width, g.height)]);
        }
        args.extend(["--watch-child".to_owned(), dir.display().to_string()]);
        args
    }
}

/// Kills the running app when dropped, so no exit path of the supervisor leaves it behind.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Removes the hand-over folder when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the supervisor until the app's window is closed. `args` are the arguments after the
/// program name, `--watch` included.
pub fn supervise(args: &[String]) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("--watch: cannot find this executable: {e}"))?;
    let target = Target::from_exe(&exe)
        .ok_or_else(|| format!("--watch: cannot tell which cargo target {} is", exe.display()))?;
    // `cargo run` tells the program its package; without it, this crate's own workspace.
    let package = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let root = workspace_root(&package);
    let roots = watch_roots(&root, &package, &target);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let pkg_name = std::env::var("CARGO_PKG_NAME").ok();
    let build_args = target.build_args(pkg_name.as_deref(), cfg!(feature = "gamepad"));

    let dir = std::env::temp_dir().join(format!("tenfoot-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("--watch: cannot create {}: {e}", dir.display()))?;
    let dir = TempDir(dir);
    let session = dir.0.join(SESSION_FILE);
    let split = ChildArgs::split(args);
    let mut first_replay = None;
    if let Some(r) = &split.replay {
        std::fs::copy(r, &session).map_err(|e| format!("--replay {}: {e}", r.display()))?;
        first_replay = Some((session.as_path(), false));
    }

    let mut seen = scan(&roots);
    eprintln!(
        "tenfoot watch: {target}: watching {} source files under {}; save to rebuild and restart",
        seen.len(),
        root.display()
    );
    let spawn = |args: Vec<String>| -> Result<Running, String> {
        Command::new(&exe)
            .args(args)
            .stdin(Stdio::null())
            .spawn()
            .map(Running)
            .map_err(|e| format!("--watch: cannot start {}: {e}", exe.display()))
    };
    let mut child = Some(spawn(split.for_child(&dir.0, first_replay, None))?);
    let mut exe_stamp = modified(&exe);

    loop {
        std::thread::sleep(POLL);
        if let Some(c) = child.as_mut() {
            match c.0.try_wait() {
                Ok(Some(status)) if status.success() => break,
                Ok(Some(status)) => {
                    eprintln!("tenfoot watch: the app exited ({status}); save a change to restart it");
                    child = None;
                }
                Ok(None) => {}
                Err(e) => return Err(format!("--watch: cannot check the app: {e}")),
            }
        }
        let now = scan(&roots);
        if now == seen {
            continue;
        }
        // An editor may write several files, or write then rename: let it finish.
        std::thread::sleep(Duration::from_millis(30));
        seen = scan(&roots);
        let status_path = dir.0.join(STATUS_FILE);
        let _ = write_atomic(&status_path, &Status::Building.to_text());
        let started = Instant::now();
        eprintln!("tenfoot watch: change seen; cargo {}", build_args.join(" "));
        let out = Command::new(&cargo)
            .args(&build_args)
            .current_dir(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("--watch: cannot run cargo: {e}"))?;
        let built = started.elapsed();
        if !out.status.success() {
            let text = String::from_utf8_lossy(&out.stderr);
            eprint!("{text}");
            let error = first_error(&text)
                .map(|e| e.to_string())
                .unwrap_or_else(|| format!("cargo build failed ({})", out.status));
            let _ = write_atomic(&status_path, &Status::Failed(error).to_text());
            eprintln!(
                "tenfoot watch: build failed after {:.1} s; the last good build keeps running",
                built.as_secs_f64()
            );
            continue;
        }
        let stamp = modified(&exe);
        if stamp == exe_stamp && child.is_some() {
            // Nothing that ends up in the binary changed (a comment in an unused file...).
            let _ = write_atomic(&status_path, &Status::Running.to_text());
            eprintln!("tenfoot watch: built in {:.1} s, binary unchanged", built.as_secs_f64());
            continue;
        }
        exe_stamp = stamp;
        drop(child.take());
        let _ = write_atomic(&status_path, &Status::Running.to_text());
        let window = std::fs::read_to_string(dir.0.join(WINDOW_FILE)).ok().and_then(|t| Geometry::parse(&t));
        let replay = match std::fs::read_to_string(&session) {
            Ok(text) => match Session::parse(&text, &session.display().to_string()) {
                Ok(s) => {
                    let _ = write_atomic(&session, &s.handed_over(HAND_OVER_GAP).to_text());
                    Some((session.as_path(), true))
                }
                Err(e) => {
                    eprintln!("tenfoot watch: {e}; starting without the keys pressed so far");
                    None
                }
            },
            Err(_) => None,
        };
        child = Some(spawn(split.for_child(&dir.0, replay, window))?);
        eprintln!("tenfoot watch: built in {:.1} s; restarted", built.as_secs_f64());
    }

    if let Some(record) = &split.record {
        std::fs::copy(&session, record).map_err(|e| format!("--record {}: {e}", record.display()))?;
    }
    Ok(())
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_from_executable_path() {
        let t = Target::from_exe(Path::new("/w/target/debug/examples/hello")).unwrap();
        assert_eq!(t, Target { name: "hello".into(), kind: TargetKind::Example, profile: "dev".into() });
        let t = Target::from_exe(Path::new("/w/target/release/examples/anim_tween-0123456789abcdef")).unwrap();
        assert_eq!((t.name.as_str(), t.profile.as_str()), ("anim_tween", "release"));
        let t = Target::from_exe(Path::new("/t/x86_64-unknown-linux-gnu/fast/tenfoot")).unwrap();
        assert_eq!(t, Target { name: "tenfoot".into(), kind: TargetKind::Bin, profile: "fast".into() });
        // A dash that is not cargo's hash stays.
        assert_eq!(strip_hash("my-app"), "my-app");
    }

    #[test]
    fn build_arguments() {
        let t = Target { name: "hello".into(), kind: TargetKind::Example, profile: "dev".into() };
        assert_eq!(t.build_args(None, false).join(" "), "build --color never --example hello");
        let t = Target { name: "tenfoot".into(), kind: TargetKind::Bin, profile: "release".into() };
        assert_eq!(
            t.build_args(Some("tenfoot"), true).join(" "),
            "build --color never -p tenfoot --bin tenfoot --release --features tenfoot-preview/gamepad"
        );
    }

    #[test]
    fn finds_this_workspace_and_the_example_sources() {
        let preview = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = workspace_root(preview);
        assert_eq!(root, preview.parent().unwrap());
        let hello = Target { name: "hello".into(), kind: TargetKind::Example, profile: "dev".into() };
        let roots = watch_roots(&root, &root, &hello);
        assert_eq!(roots[0], root.join("examples/hello.rs"));
        for p in ["src", "Cargo.toml", "preview/src", "widgets/src", "toolkit/src", "renderer/src"] {
            assert!(roots.contains(&root.join(p)), "{p} not watched: {roots:?}");
        }
        assert!(!roots.iter().any(|p| p.starts_with(root.join("target"))));
        let files = scan(&roots);
        assert!(files.contains_key(&root.join("examples/hello.rs")));
        assert!(files.contains_key(&root.join("preview/src/watch.rs")));
        assert!(!files.contains_key(&root.join("examples/anim_tween.rs")), "only the running example");
    }

    #[test]
    fn scan_sees_edits_and_new_files() {
        let dir = std::env::temp_dir().join(format!("tenfoot-scan-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/a.rs"), "a").unwrap();
        std::fs::write(dir.join("src/notes.txt"), "ignored").unwrap();
        let roots = vec![dir.join("src")];
        let a = scan(&roots);
        assert_eq!(a.len(), 1);
        std::fs::write(dir.join("src/a.rs"), "ab").unwrap();
        let b = scan(&roots);
        assert_ne!(a, b);
        std::fs::write(dir.join("src/b.rs"), "b").unwrap();
        assert_eq!(scan(&roots).len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    const FAILED: &str = "\
   Compiling tenfoot v0.1.0 (/w)
warning: unused import: `Align`
 --> examples/hello.rs:10:29
  |
10 | use tenfoot::toolkit::{Align, App, El, Justify};
  |                        ^^^^^

error[E0425]: cannot find value `colour` in this scope
  --> examples/hello.rs:20:30
   |
20 |             .background(colour)
   |                         ^^^^^^ not found in this scope

error: expected `;`, found `}`
  --> examples/hello.rs:40:5

warning: `tenfoot` (example \"hello\") generated 1 warning
error: could not compile `tenfoot` (example \"hello\") due to 2 previous errors
";

    #[test]
    fn first_error_skips_warnings_and_summaries() {
        let e = first_error(FAILED).unwrap();
        assert_eq!(e.message, "error[E0425]: cannot find value `colour` in this scope");
        assert_eq!(e.location.as_deref(), Some("examples/hello.rs:20:30"));
        assert_eq!(
            e.to_string(),
            "examples/hello.rs:20:30: error[E0425]: cannot find value `colour` in this scope\n\
             20 |             .background(colour)\n   |                         ^^^^^^ not found in this scope"
        );
        // Only cargo's own complaint: that is the first error then.
        let e = first_error("error: failed to parse manifest at `/w/Cargo.toml`\n\nCaused by:\n  bad\n").unwrap();
        assert_eq!(e.to_string(), "error: failed to parse manifest at `/w/Cargo.toml`");
        let e = first_error("error: could not compile `x` due to 1 previous error\n").unwrap();
        assert!(e.message.contains("could not compile"));
        assert_eq!(first_error("   Compiling x\nwarning: y\n"), None);
    }

    #[test]
    fn status_and_geometry_round_trip() {
        for s in [Status::Running, Status::Building, Status::Failed("a.rs:1:1: error: x\n1 | y".into())] {
            assert_eq!(Status::parse(&s.to_text()), s);
        }
        assert_eq!(Geometry::parse("-5 20 960 540\n"), Some(Geometry { x: -5, y: 20, width: 960, height: 540 }));
        assert_eq!(Geometry::parse("1 2 0 3"), None);
        assert_eq!(Geometry::parse("garbage"), None);
    }

    #[test]
    fn child_arguments_hand_the_session_over() {
        let user: Vec<String> =
            ["--device", "720p", "--watch", "--record", "mine.txt", "--replay", "demo.txt"].map(String::from).to_vec();
        let split = ChildArgs::split(&user);
        assert_eq!(split.args, vec!["--device", "720p"]);
        assert_eq!(split.replay, Some(PathBuf::from("demo.txt")));
        assert_eq!(split.record, Some(PathBuf::from("mine.txt")));
        let dir = Path::new("/tmp/w");
        let session = dir.join(SESSION_FILE);
        let g = Geometry { x: 10, y: 20, width: 960, height: 540 };
        let args = split.for_child(dir, Some((&session, true)), Some(g)).join(" ");
        assert_eq!(
            args,
            "--device 720p --record /tmp/w/session.txt --replay /tmp/w/session.txt --replay-fast \
             --window-pos 10,20 --window-size 960x540 --watch-child /tmp/w"
        );
        // Whatever the supervisor passes, the app's own parser accepts.
        let parsed = tenfoot_testing::Options::parse(args.split(' ').map(String::from)).unwrap();
        assert!(parsed.replay_fast && !parsed.watch);
        assert_eq!(parsed.watch_child, Some(dir.to_path_buf()));
    }
}
