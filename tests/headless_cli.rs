//! The sample app's headless command line, run as a user runs it (the `tenfoot` binary): a key
//! script starts on the settled first screen, so with `--latency 0` the first key is not lost
//! on the loading skeleton; `--record` works headless and its file replays to the same place (an
//! unwritable one fails, naming it); `--map` is checked headless and said to have no effect.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use std::process::Command;

/// Runs the sample app with `args`; returns stdout (the focus path), failing on a bad exit.
fn tenfoot(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tenfoot")).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tenfoot {args:?} failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn the_first_key_reaches_the_first_screen() {
    // The README's promise: with no host latency, each answer is there before the next key.
    let focus = tenfoot(&["--latency", "0", "--keys", "Right", "--print-focus"]);
    assert!(focus.ends_with("/profile-p2"), "{focus}");
    // Without keys the first profile is focused (the script did move focus above).
    let focus = tenfoot(&["--latency", "0", "--print-focus"]);
    assert!(focus.ends_with("/profile-p1"), "{focus}");
}

#[test]
fn a_slow_host_does_not_hold_the_script_back() {
    // 600 ms answers are not "immediate": the keys start at once, on the skeleton, as before.
    let focus = tenfoot(&["--latency", "600ms", "--keys", "Right", "--print-focus"]);
    assert!(focus.contains("profile-loading"), "{focus}");
}

#[test]
fn headless_record_replays_to_the_same_focus() {
    let dir = std::env::temp_dir().join(format!("tenfoot-headless-record-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("session.txt");
    let file_arg = file.to_str().unwrap();
    let recorded =
        tenfoot(&["--latency", "0", "--keys", "Right Right Select Down", "--record", file_arg, "--print-focus"]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# tenfoot session v1"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains(" press ")).count(), 4, "{text}");
    let replayed = tenfoot(&["--latency", "0", "--replay", file_arg, "--print-focus"]);
    assert_eq!(replayed, recorded);
    assert!(!recorded.contains("profiles"), "Select should have left the profile picker: {recorded}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the sample app with `args`; returns the exit code and stderr.
fn tenfoot_status(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tenfoot")).args(args).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn map_is_checked_and_said_to_do_nothing_headless() {
    // Issue 23: `--map garbage` was ignored silently by a headless run of an app.
    let (code, stderr) = tenfoot_status(&["--latency", "0", "--print-focus", "--map", "garbage"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("--map item 1 `garbage`: expected NAME=RemoteKey, such as w=Up"), "{stderr}");
    let (code, stderr) = tenfoot_status(&["--latency", "0", "--print-focus", "--map", "w=Jump"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("unknown remote key `Jump`"), "{stderr}");
    let (code, stderr) = tenfoot_status(&["--latency", "0", "--print-focus", "--map", "w=Up"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("--map has no effect headless (keys come from --keys or --replay)"), "{stderr}");
}

#[test]
fn record_to_a_file_that_cannot_be_written_fails_naming_it() {
    let (code, stderr) =
        tenfoot_status(&["--latency", "0", "--keys", "Right", "--record", "/nonexistent-dir/s.txt", "--print-focus"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("--record /nonexistent-dir/s.txt:"), "{stderr}");
}

#[test]
fn arabic_mirrors_the_home_page_and_left_moves_along_the_rail() {
    // Issue 26's check: in a rail that starts at the right, Left moves to the next tile.
    let keys = ["--latency", "0", "--keys", "Select Down Left", "--print-focus"];
    let ar = tenfoot(&[&["--locale", "ar"][..], &keys[..]].concat());
    assert!(ar.ends_with("/rail-continue/items/item-1"), "{ar}");
    let en = tenfoot(&[&["--locale", "en"][..], &keys[..]].concat());
    assert!(en.ends_with("/rail-continue/items/item-0"), "left to right, Left has nowhere to go: {en}");
    let bad = Command::new(env!("CARGO_BIN_EXE_tenfoot")).args(["--locale", "x y"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--locale: locale `x y` is not a language tag"));
}
