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

/// What a pointer (a pointer remote, the preview's mouse) did, in logical px of the
/// 1920x1080 design space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerAction {
    /// Moved to (x, y): hovering focuses what is there.
    Move(i32, i32),
    /// The button went down at (x, y): focus goes there and Select is pressed.
    Down(i32, i32),
    /// The button came up: Select is released.
    Up,
    /// The wheel turned (right, down positive, in notches): the rail under the pointer scrolls.
    Wheel(i32, i32),
}

/// One pointer action at `at` since the session started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedPointer {
    pub at: Duration,
    pub action: PointerAction,
}

/// A recorded session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    pub edges: Vec<TimedEdge>,
    /// Pointer actions, in time order (lines `MS pointer move X Y`, `down X Y`, `up`,
    /// `wheel DX DY`).
    pub pointer: Vec<TimedPointer>,
}

impl Session {
    pub fn push(&mut self, at: Duration, edge: Edge, key: RemoteKey) {
        self.edges.push(TimedEdge { at, edge, key });
    }

    pub fn push_pointer(&mut self, at: Duration, action: PointerAction) {
        self.pointer.push(TimedPointer { at, action });
    }

    /// The session as text (key edges and pointer actions merged in time order).
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        out.push('\n');
        let mut pointer = self.pointer.iter().peekable();
        let write_pointer = |out: &mut String, p: &TimedPointer| {
            let ms = p.at.as_millis();
            let _ = match p.action {
                PointerAction::Move(x, y) => writeln!(out, "{ms} pointer move {x} {y}"),
                PointerAction::Down(x, y) => writeln!(out, "{ms} pointer down {x} {y}"),
                PointerAction::Up => writeln!(out, "{ms} pointer up"),
                PointerAction::Wheel(x, y) => writeln!(out, "{ms} pointer wheel {x} {y}"),
            };
        };
        for e in &self.edges {
            while let Some(p) = pointer.next_if(|p| p.at <= e.at) {
                write_pointer(&mut out, p);
            }
            let edge = match e.edge {
                Edge::Press => "press",
                Edge::Release => "release",
            };
            let _ = writeln!(out, "{} {} {}", e.at.as_millis(), edge, e.key);
        }
        for p in pointer {
            write_pointer(&mut out, p);
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
            if parts.get(1) == Some(&"pointer") {
                let (at, action) = parse_pointer(&parts, file, n, line)?;
                if at < last {
                    return Err(format!("{file}:{n}: time {} ms goes backwards", at.as_millis()));
                }
                last = at;
                session.push_pointer(at, action);
                continue;
            }
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

    /// A session pressing each key of a script in turn (no pointer): down for 50 ms, one every `step`.
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
        Session {
            edges: self.edges.iter().map(|e| TimedEdge { at: e.at + by, ..*e }).collect(),
            pointer: self.pointer.iter().map(|p| TimedPointer { at: p.at + by, ..*p }).collect(),
        }
    }

    /// When the last edge or pointer action happens.
    pub fn duration(&self) -> Duration {
        let key = self.edges.last().map(|e| e.at).unwrap_or_default();
        key.max(self.pointer.last().map(|p| p.at).unwrap_or_default())
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
        let mut pointer = self.pointer.iter().peekable();
        for e in &self.edges {
            let prev_out = prev.saturating_sub(shift);
            let gap = e.at.saturating_sub(prev);
            if held.is_empty() && gap > max_gap {
                shift += gap - max_gap;
            }
            // Pointer actions before this edge shrink with the gap they fall in, staying
            // between the edges around them.
            while let Some(p) = pointer.next_if(|p| p.at <= e.at) {
                out.push_pointer(p.at.saturating_sub(shift).max(prev_out), p.action);
            }
            prev = e.at;
            match e.edge {
                Edge::Press if !held.contains(&e.key) => held.push(e.key),
                Edge::Press => {}
                Edge::Release => held.retain(|k| *k != e.key),
            }
            out.push(e.at.saturating_sub(shift), e.edge, e.key);
        }
        for p in pointer {
            out.push_pointer(p.at.saturating_sub(shift), p.action);
        }
        let end = out.duration() + Duration::from_millis(17);
        for key in held {
            out.push(end, Edge::Release, key);
        }
        out
    }
}

/// A `MS pointer ACTION [X Y]` line.
fn parse_pointer(parts: &[&str], file: &str, n: usize, line: &str) -> Result<(Duration, PointerAction), String> {
    let bad = || {
        format!("{file}:{n}: expected `MS pointer move|down X Y`, `MS pointer up` or `MS pointer wheel DX DY`, found `{line}`")
    };
    let ms: u64 = parts[0].parse().map_err(|_| format!("{file}:{n}: `{}` is not a time in milliseconds", parts[0]))?;
    let num = |i: usize| -> Result<i32, String> {
        let v = parts.get(i).ok_or_else(bad)?;
        match v.parse::<i32>() {
            Ok(v) if (-100_000..=100_000).contains(&v) => Ok(v),
            _ => Err(format!("{file}:{n}: `{v}` is not a coordinate")),
        }
    };
    let action = match (parts.get(2).copied(), parts.len()) {
        (Some("move"), 5) => PointerAction::Move(num(3)?, num(4)?),
        (Some("down"), 5) => PointerAction::Down(num(3)?, num(4)?),
        (Some("up"), 3) => PointerAction::Up,
        (Some("wheel"), 5) => PointerAction::Wheel(num(3)?, num(4)?),
        _ => return Err(bad()),
    };
    Ok((Duration::from_millis(ms), action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_actions_round_trip_in_time_order() {
        let ms = Duration::from_millis;
        let mut s = Session::from_keys(&[RemoteKey::Right], ms(150));
        s.push_pointer(ms(20), PointerAction::Move(640, 360));
        s.push_pointer(ms(70), PointerAction::Down(641, 360));
        s.push_pointer(ms(90), PointerAction::Up);
        s.push_pointer(ms(400), PointerAction::Wheel(0, -2));
        let text = s.to_text();
        assert!(text.contains("20 pointer move 640 360\n50 release Right\n70 pointer down 641 360"), "{text}");
        assert_eq!(Session::parse(&text, "s.txt"), Ok(s.clone()));
        assert_eq!(s.duration(), ms(400));
        let e = Session::parse("10 pointer move 1\n", "s.txt").unwrap_err();
        assert!(e.starts_with("s.txt:1: expected `MS pointer"), "{e}");
        let e = Session::parse("10 pointer down x 2\n", "s.txt").unwrap_err();
        assert!(e.contains("`x` is not a coordinate"), "{e}");
    }

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
