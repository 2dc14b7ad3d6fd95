//! Recorded remote sessions: `--record FILE` writes the timed key edges of a session,
//! `--replay FILE` plays them back (in real time in the window, in virtual time headless).
//!
//! The format is text, one edge per line, so a session can be written by hand:
//!
//! ```text
//! # tenfoot session v1
//! 0 press Right
//! 120 release Right
//! 900 press Select
//! ```
//!
//! Only press and release edges are stored; repeats and long presses are regenerated from the
//! hold times by the same [`crate::RepeatEngine`] the live remote uses.

use std::fmt::Write as _;
use std::time::Duration;

use tenfoot_toolkit::RemoteKey;

pub const HEADER: &str = "# tenfoot session v1";

/// A key going down or up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Press,
    Release,
}

/// One recorded edge at `at` since the session started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedEdge {
    pub at: Duration,
    pub edge: Edge,
    pub key: RemoteKey,
}

/// A recorded session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    pub edges: Vec<TimedEdge>,
}

impl Session {
    pub fn push(&mut self, at: Duration, edge: Edge, key: RemoteKey) {
        self.edges.push(TimedEdge { at, edge, key });
    }

    /// The session as text.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        out.push('\n');
        for e in &self.edges {
            let edge = match e.edge {
                Edge::Press => "press",
                Edge::Release => "release",
            };
            let _ = writeln!(out, "{} {} {}", e.at.as_millis(), edge, e.key);
        }
        out
    }

    /// Parses session text; errors name the line (1-based) and what was wrong.
    pub fn parse(text: &str, file: &str) -> Result<Session, String> {
        let mut session = Session::default();
        let mut last = Duration::ZERO;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [at, edge, key] = parts.as_slice() else {
                return Err(format!("{file}:{n}: expected `MILLISECONDS press|release KEY`, found `{line}`"));
            };
            let ms: u64 = at.parse().map_err(|_| format!("{file}:{n}: `{at}` is not a time in milliseconds"))?;
            let at = Duration::from_millis(ms);
            if at < last {
                return Err(format!("{file}:{n}: time {ms} ms goes backwards (previous {} ms)", last.as_millis()));
            }
            last = at;
            let edge = match *edge {
                "press" => Edge::Press,
                "release" => Edge::Release,
                other => return Err(format!("{file}:{n}: `{other}` is not `press` or `release`")),
            };
            let key: RemoteKey = key.parse().map_err(|e| format!("{file}:{n}: {e}"))?;
            session.push(at, edge, key);
        }
        Ok(session)
    }

    /// A session pressing each key of a script in turn: down for 50 ms, one every `step`.
    pub fn from_keys(keys: &[RemoteKey], step: Duration) -> Session {
        let mut s = Session::default();
        for (i, k) in keys.iter().enumerate() {
            let at = step * i as u32;
            s.push(at, Edge::Press, *k);
            s.push(at + Duration::from_millis(50).min(step), Edge::Release, *k);
        }
        s
    }

    /// When the last edge happens.
    pub fn duration(&self) -> Duration {
        self.edges.last().map(|e| e.at).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_text() {
        let s = Session::from_keys(&[RemoteKey::Right, RemoteKey::Select], Duration::from_millis(200));
        let text = s.to_text();
        assert!(text.starts_with(HEADER));
        assert_eq!(Session::parse(&text, "s.txt"), Ok(s));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Session::parse("# c\n0 press Right\nabc press Left\n", "s.txt").unwrap_err();
        assert_eq!(e, "s.txt:3: `abc` is not a time in milliseconds");
        let e = Session::parse("10 press Right\n5 release Right\n", "s.txt").unwrap_err();
        assert!(e.starts_with("s.txt:2: time 5 ms goes backwards"), "{e}");
        let e = Session::parse("10 hold Right\n", "s.txt").unwrap_err();
        assert!(e.contains("`hold` is not `press` or `release`"));
        let e = Session::parse("10 press Jump\n", "s.txt").unwrap_err();
        assert!(e.contains("s.txt:1: unknown remote key `Jump`"));
        let e = Session::parse("10 press\n", "s.txt").unwrap_err();
        assert!(e.contains("expected `MILLISECONDS"));
    }
}
