//! The shared command line of every example and the sample app.

use std::path::PathBuf;

use tenfoot_renderer::PhysicalSize;

/// Parsed command-line options.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Render once headless, write this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Physical size of the headless buffer (default 1920x1080).
    pub size: PhysicalSize,
    /// Record the display-list stream of every painted frame to this file.
    pub sink: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self { screenshot: None, size: PhysicalSize::new(1920, 1080), sink: None }
    }
}

pub const USAGE: &str = "\
Options:
  --screenshot PATH   render headless, write a PNG to PATH and exit (no window)
  --size WxH          physical size for --screenshot (default 1920x1080; 3840x2160 for 4K)
  --sink FILE         record the display-list stream (each painted frame) to FILE;
                      replay it with `tenfoot-replay FILE --out DIR`
  --help              show this help";

/// Parses `WxH`, as in `1920x1080`.
pub fn parse_size(s: &str) -> Result<PhysicalSize, String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("--size `{s}`: expected WxH, such as 1920x1080"))?;
    let parse = |v: &str, what: &str| -> Result<u32, String> {
        let n: u32 = v.trim().parse().map_err(|_| format!("--size `{s}`: {what} `{v}` is not a whole number"))?;
        if n == 0 || n > 16_384 {
            return Err(format!("--size `{s}`: {what} must be between 1 and 16384"));
        }
        Ok(n)
    };
    Ok(PhysicalSize::new(parse(w, "width")?, parse(h, "height")?))
}

impl Options {
    /// Parses the arguments after the program name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
        let mut o = Options::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--screenshot" => o.screenshot = Some(PathBuf::from(value("--screenshot")?)),
                "--size" => o.size = parse_size(&value("--size")?)?,
                "--sink" => o.sink = Some(PathBuf::from(value("--sink")?)),
                "--help" | "-h" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown option `{other}`\n{USAGE}")),
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Options, String> {
        Options::parse(s.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn parses_screenshot_and_size() {
        let o = parse("--screenshot out.png --size 3840x2160");
        assert_eq!(
            o,
            Ok(Options { screenshot: Some("out.png".into()), size: PhysicalSize::new(3840, 2160), sink: None })
        );
        assert_eq!(parse("--sink s.tfdl").map(|o| o.sink), Ok(Some("s.tfdl".into())));
    }

    #[test]
    fn bad_values_name_the_problem() {
        assert!(parse("--size 12").err().unwrap_or_default().contains("expected WxH"));
        assert!(parse("--size 0x10").err().unwrap_or_default().contains("between 1 and 16384"));
        assert!(parse("--screenshot").err().unwrap_or_default().contains("needs a value"));
        assert!(parse("--bogus").err().unwrap_or_default().contains("unknown option `--bogus`"));
    }
}
