//! The C reference reader (`examples/device-reader/reader.c`) decodes streams recorded from the
//! examples from the spec alone; its per-frame command counts must match the Rust decoder's.
//! Skipped (with a message) when no C compiler is installed.

#![expect(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

#[path = "../examples/hello.rs"]
#[expect(dead_code, reason = "only the example's app is used")]
mod hello;

#[path = "../examples/sink_bench.rs"]
#[expect(dead_code, reason = "only the example's frames are used")]
mod sink_bench;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use tenfoot::renderer::codec::{decode_stream, FrameKind};
use tenfoot::renderer::{Backend, DisplayList, SinkBackend};
use tenfoot::toolkit::App;

fn record(app: &mut App, lists: &[DisplayList]) -> Vec<u8> {
    let mut sink = SinkBackend::new(Vec::new());
    sink.set_background(app.background());
    for list in lists {
        assert!(sink.draw(list, app.resources_mut(), None).errors.is_empty());
    }
    sink.finish().unwrap()
}

/// What the C reader prints for a stream, computed with the Rust decoder.
fn expected(stream: &[u8]) -> String {
    let mut out = String::new();
    for frame in decode_stream(stream).unwrap() {
        let kind = if frame.kind == FrameKind::Full { "full" } else { "delta" };
        out += &format!("frame {} {kind} {}", frame.sequence, frame.list.len());
        for (name, n) in frame.list.counts() {
            out += &format!(" {name}={n}");
        }
        out += "\n";
    }
    out
}

fn compile(dir: &Path) -> Option<PathBuf> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/device-reader/reader.c");
    let exe = dir.join("device-reader");
    let status = Process::new("cc")
        .args(["-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o"])
        .arg(&exe)
        .arg(&source)
        .status();
    match status {
        Err(_) => None,
        Ok(s) => {
            assert!(s.success(), "cc failed to build {}", source.display());
            Some(exe)
        }
    }
}

#[test]
fn c_reader_counts_match_the_rust_decoder() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("device-reader");
    std::fs::create_dir_all(&dir).unwrap();
    let Some(reader) = compile(&dir) else {
        println!("skipped: no C compiler (cc)");
        return;
    };

    let mut app = hello::app();
    let hello_list = app.display_list().clone();
    let (mut home, home_lists) = sink_bench::frames();
    // hello: a full frame, then the same frame again (an idle delta).
    let streams =
        [("hello", record(&mut app, &[hello_list.clone(), hello_list])), ("home", record(&mut home, &home_lists))];
    for (name, stream) in streams {
        let path = dir.join(format!("{name}.tfdl"));
        std::fs::write(&path, &stream).unwrap();
        let out = Process::new(&reader).arg(&path).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: reader failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(stdout, expected(&stream), "{name}: C and Rust counts differ");

        // A truncated stream is an error for the C reader too, not a crash.
        std::fs::write(&path, &stream[..stream.len() / 2]).unwrap();
        let out = Process::new(&reader).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: truncated stream");
        assert!(String::from_utf8_lossy(&out.stderr).contains("error at byte"));
    }
}
