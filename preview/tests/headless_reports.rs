//! No silent failures headless, end to end: the real `tenfoot-preview` binary renders markup
//! screens whose images are refused (a path out of the asset folder, a link out of it, a
//! FIFO), fail to decode or are missing, and each is named on stderr; the render still exits 0
//! (a degraded screenshot is still a screenshot) unless `--strict` is given, which exits 1
//! and says how many errors were reported. `--map` headless is checked (garbage is an error,
//! a valid map says it has no effect), `--record` writes its file, and bad files (invalid
//! UTF-8, control characters, a one-line data file with an error) print short, escaped
//! diagnostics naming the byte offset.

#![expect(clippy::panic, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};
use std::process::Command;

const PREVIEW: &str = env!("CARGO_BIN_EXE_tenfoot-preview");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tenfoot-headless-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(std::fs::create_dir_all(dir.join("assets")).is_ok(), "cannot create {}", dir.display());
    dir
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    assert!(std::fs::write(path, bytes).is_ok(), "cannot write {}", path.display());
}

/// Runs the binary; (exit code, stdout, stderr).
fn preview(args: &[&str]) -> (Option<i32>, String, String) {
    let out = match Command::new(PREVIEW).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run {PREVIEW}: {e}"),
    };
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// A screen of images the asset folder refuses or cannot decode, next to one that loads.
fn bad_images(dir: &Path) -> PathBuf {
    let assets = dir.join("assets");
    write(&assets.join("bad.png"), "not a png");
    let poster = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/posters/poster-00.png");
    assert!(std::fs::copy(&poster, dir.join("outside.png")).is_ok());
    assert!(std::fs::copy(&poster, assets.join("good.png")).is_ok());
    let mut images = vec!["good.png", "bad.png", "../outside.png", "missing.png"];
    #[cfg(unix)]
    {
        assert!(std::os::unix::fs::symlink("../outside.png", assets.join("link.png")).is_ok());
        assert!(Command::new("mkfifo").arg(assets.join("fifo.png")).status().is_ok_and(|s| s.success()));
        images.extend(["link.png", "fifo.png"]);
    }
    let body: String = images.iter().map(|i| format!("    image \"{i}\" width=200 height=300\n")).collect();
    let screen = dir.join("screen.kdl");
    write(&screen, format!("row name=root gap=8 {{\n{body}}}\n"));
    screen
}

#[test]
fn refused_and_broken_images_are_named_on_stderr_and_strict_exits_1() {
    let dir = scratch("images");
    let screen = bad_images(&dir);
    let png = dir.join("out.png");
    let assets = dir.join("assets");
    let args = [s(&screen), "--assets", s(&assets), "--screenshot", s(&png)];
    let (code, _, stderr) = preview(&args);
    assert_eq!(code, Some(0), "a degraded render exits 0 without --strict: {stderr}");
    assert!(png.exists(), "the screenshot is still written");
    let expected = [
        "image `bad.png`: unknown image format",
        "image `../outside.png`: path leaves the asset folder",
        "image `missing.png`: No such file",
        #[cfg(unix)]
        "image `link.png`: path leaves the asset folder",
        #[cfg(unix)]
        "image `fifo.png`: not a regular file",
    ];
    for e in expected {
        assert!(stderr.contains(e), "stderr lacks `{e}`:\n{stderr}");
    }
    assert!(!stderr.contains("good.png"), "the good image is not reported: {stderr}");

    let strict: Vec<&str> = args.iter().copied().chain(["--strict"]).collect();
    let (code, _, stderr) = preview(&strict);
    assert_eq!(code, Some(1), "{stderr}");
    let n = expected.len();
    assert!(stderr.contains(&format!("--strict: {n} errors reported")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn strict_passes_a_clean_render() {
    let dir = scratch("clean");
    let screen = dir.join("screen.kdl");
    write(&screen, "column name=root {\n    button \"Fine\" name=t\n}\n");
    let (code, stdout, stderr) = preview(&[s(&screen), "--strict", "--print-focus"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.trim(), "", "nothing to report");
    assert!(stdout.trim().ends_with("/t"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn map_headless_is_checked_and_record_writes_its_file() {
    let dir = scratch("map");
    let screen = dir.join("screen.kdl");
    write(&screen, "column name=root {\n    button \"A\" name=a\n    button \"B\" name=b\n}\n");
    let (code, _, stderr) = preview(&[s(&screen), "--print-focus", "--map", "garbage"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("--map item 1 `garbage`: expected NAME=RemoteKey"), "{stderr}");
    let (code, _, stderr) = preview(&[s(&screen), "--print-focus", "--map", "w=Up"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("--map has no effect headless"), "{stderr}");

    let session = dir.join("session.txt");
    let (code, recorded, stderr) = preview(&[s(&screen), "--keys", "Down", "--record", s(&session), "--print-focus"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(recorded.trim().ends_with("/b"), "Down moved to B: {recorded}");
    let text = std::fs::read_to_string(&session).unwrap_or_default();
    assert!(text.starts_with("# tenfoot session v1") && text.contains(" press Down"), "{text}");
    let (code, replayed, stderr) = preview(&[s(&screen), "--replay", s(&session), "--print-focus"]);
    assert_eq!((code, replayed), (Some(0), recorded), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_utf8_names_the_byte_offset_on_every_path() {
    let dir = scratch("utf8");
    let screen = dir.join("bad.kdl");
    write(&screen, b"column {\n    text \"ok\xff\"\n}\n");
    let main = dir.join("main.kdl");
    write(&main, "column {\n    button \"Go\" on-select=\"go bad.kdl\"\n}\n");
    for args in [vec![s(&screen), "--print-focus"], vec!["--check", s(&screen)], vec!["--check", s(&main)]] {
        let (code, _, stderr) = preview(&args);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("invalid UTF-8 at byte 21 (0xff"), "{args:?}: {stderr}");
        assert!(stderr.contains("bad.kdl:2:13"), "{args:?}: {stderr}");
        assert!(!stderr.contains("check the path"), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_are_escaped_and_long_lines_cut_to_a_window() {
    let dir = scratch("diag");
    let screen = dir.join("esc.kdl");
    write(&screen, "column {\n    tex\u{1b}[2J \"a\"\n}\n");
    let (code, _, stderr) = preview(&["--check", s(&screen)]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && stderr.contains("\\u{1b}"), "{stderr:?}");

    let data = dir.join("wide.json");
    write(&data, format!("[{}x]", "1,".repeat(1_000_000)));
    let (code, _, stderr) = preview(&["--check", s(&data)]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("wide.json:1:2000002"), "{stderr}");
    assert!(stderr.contains("…1,1,1") && stderr.contains("x]"), "a window around the error: {stderr}");
    assert!(stderr.len() < 1000, "a 2 MB line prints {} bytes", stderr.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_go_target_that_is_a_fifo_is_refused_not_waited_on() {
    // Reading a FIFO blocks until a writer comes: the screen reader takes regular files only.
    let dir = scratch("fifo");
    assert!(Command::new("mkfifo").arg(dir.join("next.kdl")).status().is_ok_and(|s| s.success()));
    let main = dir.join("main.kdl");
    write(&main, "column {\n    button \"Go\" on-select=\"go next.kdl\"\n}\n");
    let (code, _, stderr) = preview(&["--check", s(&main)]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("next.kdl") && stderr.contains("not a regular file"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
