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

use tenfoot_toolkit::{Edge, RemoteKey};

pub const HEADER: &str = "# tenfoot session v1";

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
    /// Reads and parses the session file at `path` (`--replay`).
    pub fn load(path: &std::path::Path) -> Result<Session, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("--replay {}: {e}", path.display()))?;
        Session::parse(&text, &path.display().to_string())
    }

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

    /// The same edges, `by` later (a key script started once the first screen settled).
    pub fn delayed(&self, by: Duration) -> Session {
        Session { edges: self.edges.iter().map(|e| TimedEdge { at: e.at + by, ..*e }).collect() }
    }

    /// When the last edge happens.
    pub fn duration(&self) -> Duration {
        self.edges.last().map(|e| e.at).unwrap_or_default()
    }

    /// The session made ready to hand to a restarted app (`--watch`): idle gaps (no key held)
    /// longer than `max_gap` shrink to `max_gap`, so replaying a long session takes a moment,
    /// while hold times, and so the repeats and long presses they produce, stay exact. Keys still
    /// held at the end (the app was killed mid-press) are released one frame after the last edge,
    /// so the new app does not auto-repeat them forever.
    pub fn handed_over(&self, max_gap: Duration) -> Session {
        let mut out = Session::default();
        let mut held: Vec<RemoteKey> = Vec::new();
        let mut shift = Duration::ZERO;
        let mut prev = Duration::ZERO;
        for e in &self.edges {
            let gap = e.at.saturating_sub(prev);
            if held.is_empty() && gap > max_gap {
                shift += gap - max_gap;
            }
            prev = e.at;
            match e.edge {
                Edge::Press if !held.contains(&e.key) => held.push(e.key),
                Edge::Press => {}
                Edge::Release => held.retain(|k| *k != e.key),
            }
            out.push(e.at.saturating_sub(shift), e.edge, e.key);
        }
        let end = out.duration() + Duration::from_millis(17);
        for key in held {
            out.push(end, Edge::Release, key);
        }
        out
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
    fn hand_over_shrinks_idle_gaps_and_keeps_holds() {
        let ms = Duration::from_millis;
        let mut s = Session::default();
        s.push(ms(5_000), Edge::Press, RemoteKey::Right);
        s.push(ms(5_100), Edge::Release, RemoteKey::Right);
        // A long hold: repeats depend on it, so it must survive.
        s.push(ms(60_000), Edge::Press, RemoteKey::Down);
        s.push(ms(61_500), Edge::Release, RemoteKey::Down);
        s.push(ms(61_600), Edge::Press, RemoteKey::Select);
        let h = s.handed_over(ms(250));
        let times: Vec<u128> = h.edges.iter().map(|e| e.at.as_millis()).collect();
        assert_eq!(times, vec![250, 350, 600, 2100, 2200, 2217]);
        assert_eq!(h.edges[5], TimedEdge { at: ms(2217), edge: Edge::Release, key: RemoteKey::Select });
        // Round-trips as text (times never go backwards).
        assert_eq!(Session::parse(&h.to_text(), "h.txt"), Ok(h.clone()));
        // Handing over twice changes nothing.
        assert_eq!(h.handed_over(ms(250)), h);
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
