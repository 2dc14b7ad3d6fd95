//! Golden screenshots: compare a rendered frame with `<dir>/<name>.png`.
//!
//! On a mismatch, `<name>.new.png` (what was rendered) and `<name>.diff.png` (differing pixels
//! in red over a faded copy) are written beside the golden and their paths are in the error.
//! `TENFOOT_BLESS=1` writes the rendered frame as the new golden instead of comparing.

use std::path::{Path, PathBuf};

use tiny_skia::Pixmap;

/// How different two frames may be and still match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance {
    /// Largest allowed difference in any one channel of a pixel (0..=255).
    pub channel: u8,
    /// How many pixels may exceed `channel` before the comparison fails.
    pub pixels: usize,
}

impl Default for Tolerance {
    /// Near exact: rendering is deterministic, so only rounding noise is allowed.
    fn default() -> Self {
        Self { channel: 2, pixels: 0 }
    }
}

/// The outcome of a comparison that did not match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldenMismatch {
    pub message: String,
    pub new_png: Option<PathBuf>,
    pub diff_png: Option<PathBuf>,
}

impl std::fmt::Display for GoldenMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GoldenMismatch {}

/// True when `TENFOOT_BLESS` asks for goldens to be rewritten.
pub fn blessing() -> bool {
    std::env::var("TENFOOT_BLESS").map(|v| v == "1" || v.eq_ignore_ascii_case("true")).unwrap_or(false)
}

/// Pixels differing by more than `channel` in any channel, and the largest difference seen.
pub fn count_differences(a: &Pixmap, b: &Pixmap, channel: u8) -> (usize, u8) {
    let mut count = 0;
    let mut worst = 0u8;
    for (pa, pb) in a.data().chunks_exact(4).zip(b.data().chunks_exact(4)) {
        let d = pa.iter().zip(pb).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        worst = worst.max(d);
        if d > channel {
            count += 1;
        }
    }
    (count, worst)
}

fn diff_image(expected: &Pixmap, actual: &Pixmap, channel: u8) -> Option<Pixmap> {
    let mut out = Pixmap::new(actual.width(), actual.height())?;
    let data = out.data_mut();
    for (i, (pa, pb)) in expected.data().chunks_exact(4).zip(actual.data().chunks_exact(4)).enumerate() {
        let d = pa.iter().zip(pb).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        let o = &mut data[i * 4..i * 4 + 4];
        if d > channel {
            o.copy_from_slice(&[255, 0, 0, 255]);
        } else {
            let grey = ((pb[0] as u16 + pb[1] as u16 + pb[2] as u16) / 3 / 3) as u8;
            o.copy_from_slice(&[grey, grey, grey, 255]);
        }
    }
    Some(out)
}

/// Compares `actual` with the golden `<dir>/<name>.png`.
pub fn check(dir: &Path, name: &str, actual: &Pixmap, tolerance: Tolerance) -> Result<(), GoldenMismatch> {
    let golden = dir.join(format!("{name}.png"));
    let new_png = dir.join(format!("{name}.new.png"));
    let diff_png = dir.join(format!("{name}.diff.png"));
    let fail = |message: String| GoldenMismatch { message, new_png: None, diff_png: None };
    if blessing() {
        std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
        actual.save_png(&golden).map_err(|e| fail(format!("cannot write {}: {e}", golden.display())))?;
        let _ = std::fs::remove_file(&new_png);
        let _ = std::fs::remove_file(&diff_png);
        return Ok(());
    }
    let write_new = || -> Option<PathBuf> {
        let _ = std::fs::create_dir_all(dir);
        actual.save_png(&new_png).ok().map(|_| new_png.clone())
    };
    let expected = match Pixmap::load_png(&golden) {
        Ok(p) => p,
        Err(e) => {
            let new = write_new();
            return Err(GoldenMismatch {
                message: format!(
                    "screenshot `{name}`: no readable golden at {} ({e}); wrote {}; run with TENFOOT_BLESS=1 to accept it",
                    golden.display(),
                    new.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "nothing".into())
                ),
                new_png: new,
                diff_png: None,
            });
        }
    };
    if (expected.width(), expected.height()) != (actual.width(), actual.height()) {
        let new = write_new();
        return Err(GoldenMismatch {
            message: format!(
                "screenshot `{name}`: size {}x{} differs from golden {}x{} ({}); wrote {}",
                actual.width(),
                actual.height(),
                expected.width(),
                expected.height(),
                golden.display(),
                new_png.display()
            ),
            new_png: new,
            diff_png: None,
        });
    }
    let (count, worst) = count_differences(&expected, actual, tolerance.channel);
    if count <= tolerance.pixels {
        let _ = std::fs::remove_file(&new_png);
        let _ = std::fs::remove_file(&diff_png);
        return Ok(());
    }
    let new = write_new();
    let diff = diff_image(&expected, actual, tolerance.channel)
        .and_then(|d| d.save_png(&diff_png).ok())
        .map(|_| diff_png.clone());
    Err(GoldenMismatch {
        message: format!(
            "screenshot `{name}`: {count} pixels differ by more than {} (worst {worst}; {} allowed)\n  golden: {}\n  new:    {}\n  diff:   {}\n  bless with TENFOOT_BLESS=1 if the change is intended",
            tolerance.channel,
            tolerance.pixels,
            golden.display(),
            new_png.display(),
            diff_png.display()
        ),
        new_png: new,
        diff_png: diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(v: u8) -> Pixmap {
        let mut p = Pixmap::new(4, 4).unwrap_or_else(|| unreachable!());
        p.fill(tiny_skia::Color::from_rgba8(v, v, v, 255));
        p
    }

    #[test]
    fn mismatch_writes_new_and_diff_and_names_them() {
        let dir = std::env::temp_dir().join(format!("tenfoot-golden-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = solid(10).save_png(dir.join("g.png"));
        assert!(check(&dir, "g", &solid(11), Tolerance::default()).is_ok());
        let err = check(&dir, "g", &solid(40), Tolerance::default()).err();
        let err = err.unwrap_or_else(|| GoldenMismatch { message: String::new(), new_png: None, diff_png: None });
        assert!(err.message.contains("16 pixels differ"), "{}", err.message);
        assert!(err.new_png.as_ref().is_some_and(|p| p.exists()));
        assert!(err.diff_png.as_ref().is_some_and(|p| p.exists()));
        let missing =
            check(&dir, "absent", &solid(1), Tolerance::default()).err().map(|e| e.message).unwrap_or_default();
        assert!(missing.contains("no readable golden"), "{missing}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
