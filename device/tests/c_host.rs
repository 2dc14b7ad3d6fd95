//! A C host (`device/c/host.c`) links the engine's shared library and drives it through
//! `device/include/tenfoot.h` alone. Skipped (with a message) when no C compiler is installed.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Says why on the raw stderr, which `cargo test` shows even for a passing test.
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: a_c_host_drives_the_engine_through_the_header: {why}");
}

#[test]
fn a_c_host_drives_the_engine_through_the_header() {
    let device = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The test binary sits in target/<profile>/deps, next to the crate's cdylib.
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let lib = ["libtenfoot_device.so", "libtenfoot_device.dylib"].iter().map(|n| deps.join(n)).find(|p| p.exists());
    let Some(lib) = lib else {
        skip(&format!("no libtenfoot_device shared library in {}", deps.display()));
        return;
    };
    let out = std::env::temp_dir().join(format!("tenfoot-c-host-{}", std::process::id()));
    let status = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o"])
        .arg(&out)
        .arg(device.join("c/host.c"))
        .arg("-I")
        .arg(device.join("include"))
        .arg(&lib)
        .arg(format!("-Wl,-rpath,{}", deps.display()))
        .status();
    let Ok(status) = status else {
        skip("no C compiler (cc) to build device/c/host.c");
        return;
    };
    assert!(status.success(), "cc failed to build device/c/host.c");
    let run = Command::new(&out).output().unwrap();
    let _ = std::fs::remove_file(&out);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("create_error unknown app id `tetris`"), "{stdout}");
    assert!(stdout.contains("key_error key code 99"), "{stdout}");
    assert!(stdout.contains("focus root/profiles/"), "{stdout}");
    assert!(stdout.contains("frames 31"), "{stdout}");
}
