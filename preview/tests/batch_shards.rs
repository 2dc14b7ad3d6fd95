//! `tenfoot-batch` sharded and merged, end to end: the real binary renders stand-in examples
//! (shell scripts that write a PNG where `--screenshot` says, one that fails) as two shards
//! (`--partition hash:1/2`, `hash:2/2`), then `--merge` joins the two folders into one report.

#![expect(clippy::panic, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};
use std::process::Command;

const BATCH: &str = env!("CARGO_BIN_EXE_tenfoot-batch");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tenfoot-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(std::fs::create_dir_all(&dir).is_ok(), "cannot create {}", dir.display());
    dir
}

/// A stand-in example: copies a golden PNG to the `--screenshot` path (or fails, for `broken`).
fn fake_example(bin: &Path, src: &Path, name: &str, png: &Path) {
    assert!(std::fs::write(src.join(format!("{name}.rs")), "").is_ok());
    let body = if name == "broken" {
        "echo 'thread main panicked at the test' >&2; exit 3".to_owned()
    } else {
        format!("while [ $# -gt 0 ]; do [ \"$1\" = --screenshot ] && cp '{}' \"$2\"; shift; done", png.display())
    };
    let path = bin.join(name);
    assert!(std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).is_ok());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert!(std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).is_ok());
    }
}

fn batch(args: &[&str]) -> (bool, String) {
    let out = Command::new(BATCH).args(args).output();
    let Ok(out) = out else { panic!("cannot run {BATCH}") };
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn two_shards_merge_into_one_report() {
    if !cfg!(unix) {
        eprintln!("skipped: the stand-in examples are shell scripts");
        return;
    }
    let root = scratch("shards");
    let (bin, src) = (root.join("bin"), root.join("src"));
    assert!(std::fs::create_dir_all(&bin).is_ok() && std::fs::create_dir_all(&src).is_ok());
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots/markup-example-01-hello.png");
    let names = ["alpha", "bravo", "broken", "charlie", "delta", "echo", "foxtrot", "golf"];
    for n in names {
        fake_example(&bin, &src, n, &png);
    }
    let mut shards = Vec::new();
    for k in 1..=2 {
        let out = root.join(format!("shard-{k}"));
        let part = format!("hash:{k}/2");
        let (_, log) = batch(&[
            "--out",
            &out.display().to_string(),
            "--examples-dir",
            &bin.display().to_string(),
            "--sources",
            &src.display().to_string(),
            "--devices",
            "1080p,720p",
            "--partition",
            &part,
        ]);
        assert!(log.contains("wrote"), "{log}");
        shards.push(out);
    }
    let rows = |dir: &Path| -> Vec<String> {
        let tsv = std::fs::read_to_string(dir.join("report.tsv")).unwrap_or_default();
        let mut rows: Vec<String> = tsv
            .lines()
            .filter_map(|l| l.strip_prefix("cell\t"))
            .filter_map(|l| l.split('\t').next().map(str::to_owned))
            .collect();
        rows.dedup();
        rows
    };
    let (one, two) = (rows(&shards[0]), rows(&shards[1]));
    assert!(!one.is_empty() && !two.is_empty(), "both shards render some: {one:?} {two:?}");
    assert!(one.iter().all(|n| !two.contains(n)), "shards overlap: {one:?} {two:?}");
    assert_eq!(one.len() + two.len(), names.len());

    let merged = root.join("merged");
    let (ok, log) = batch(&[
        "--merge",
        &shards[0].display().to_string(),
        &shards[1].display().to_string(),
        "--out",
        &merged.display().to_string(),
    ]);
    assert!(!ok, "the broken example fails the merged run too: {log}");
    assert!(log.contains("8 examples, 2 columns, merged from 2 shard folders"), "{log}");
    assert_eq!(rows(&merged), names.map(str::to_owned).to_vec());
    let html = std::fs::read_to_string(merged.join("index.html")).unwrap_or_default();
    assert!(html.contains("merged from shards hash:1/2, hash:2/2"), "{html}");
    assert!(html.contains("thread main panicked at the test"), "the failed cell keeps its error");
    for n in names.iter().filter(|n| **n != "broken") {
        for d in ["1080p", "720p"] {
            let img = format!("{n}--{d}--start.png");
            assert!(html.contains(&img), "{img} in the report");
            assert!(merged.join(&img).is_file(), "{img} copied into the merged folder");
        }
    }
    // The same shard twice is refused: one of its cells would be lost.
    let (ok, log) = batch(&[
        "--merge",
        &shards[0].display().to_string(),
        &shards[0].display().to_string(),
        "--out",
        &root.join("twice").display().to_string(),
    ]);
    assert!(!ok && log.contains("shards must not overlap"), "{log}");
    let _ = std::fs::remove_dir_all(&root);
}
