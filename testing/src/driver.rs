//! [`Driver`]: the app plus the remote: live or replayed key edges go through the repeat
//! engine into [`App::frame`]. The window and the headless runner share it, so a session
//! behaves the same in both; only the clock differs (real vs virtual).

use std::time::Duration;

use tenfoot_toolkit::{App, Edge, Frame, FrameError, KeyEvent, RemoteKey, RepeatConfig, RepeatEngine};

use crate::session::{PointerAction, Session};
use tenfoot_renderer::Point;
use tenfoot_toolkit::ScrollAxis;

/// Virtual frame interval for headless runs (60 Hz).
pub const FRAME_STEP: Duration = Duration::from_micros(16_667);

/// At most this many frames (two seconds of virtual time) for [`Driver::settle`]: an app that
/// keeps work due every frame (a task polling forever) must not hold a key script back.
pub const SETTLE_FRAMES: u32 = 120;

/// The app and its remote.
pub struct Driver {
    pub app: App,
    engine: RepeatEngine,
    replay: Option<Session>,
    replay_next: usize,
    replay_pointer_next: usize,
    /// Select is held by the pointer's button (released with it).
    pointer_down: bool,
    recording: Option<Session>,
    pending: Vec<KeyEvent>,
    /// The time of the last [`Driver::step`]; a window started after a fast-forward continues
    /// its clock from here.
    last: Duration,
}

impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver").field("app", &self.app).finish_non_exhaustive()
    }
}

impl Driver {
    pub fn new(app: App) -> Self {
        Self {
            app,
            engine: RepeatEngine::new(RepeatConfig::default()),
            replay: None,
            replay_next: 0,
            replay_pointer_next: 0,
            pointer_down: false,
            recording: None,
            pending: Vec::new(),
            last: Duration::ZERO,
        }
    }

    /// Changes the remote's repeat timing (a device profile's, or F8 switching devices).
    pub fn set_repeat(&mut self, config: RepeatConfig) {
        self.engine.set_config(config);
    }

    /// The remote's repeat timing.
    pub fn repeat(&self) -> RepeatConfig {
        self.engine.config()
    }

    /// Plays `session` back from time zero of this driver's clock.
    pub fn replay(&mut self, session: Session) {
        self.replay = Some(session);
        self.replay_next = 0;
        self.replay_pointer_next = 0;
    }

    /// A live pointer action at `now` (the window's mouse), recorded like key edges. As on a
    /// pointer remote: moving over a focusable focuses it, the button is Select on what it is
    /// over (press and release), the wheel moves along the rail or list under it.
    pub fn pointer(&mut self, now: Duration, action: PointerAction) {
        if let Some(rec) = &mut self.recording {
            rec.push_pointer(now, action);
        }
        self.apply_pointer(action);
    }

    fn apply_pointer(&mut self, action: PointerAction) {
        let point = |x: i32, y: i32| Point { x: x as f32, y: y as f32 };
        match action {
            PointerAction::Move(x, y) => {
                if let Some(e) = self.app.focusable_at(point(x, y)).filter(|e| self.app.focused() != Some(*e)) {
                    self.app.set_focus(e);
                }
            }
            PointerAction::Down(x, y) => {
                let Some(e) = self.app.focusable_at(point(x, y)) else { return };
                if self.app.focused() != Some(e) {
                    self.app.set_focus(e);
                }
                if !self.pointer_down {
                    self.pointer_down = true;
                    self.pending.push(KeyEvent::press(RemoteKey::Select));
                }
            }
            PointerAction::Up => {
                if std::mem::take(&mut self.pointer_down) {
                    self.pending.push(KeyEvent::release(RemoteKey::Select));
                }
            }
            PointerAction::Wheel(dx, dy) => {
                let axis = self.app.focused().and_then(|e| self.app.scroll_axis_of(e));
                // A vertical wheel also scrolls a horizontal rail (most mice have no other).
                let (n, key) = match axis {
                    Some(ScrollAxis::Vertical) => (dy, if dy > 0 { RemoteKey::Down } else { RemoteKey::Up }),
                    _ => {
                        let n = if dx != 0 { dx } else { dy };
                        (n, if n > 0 { RemoteKey::Right } else { RemoteKey::Left })
                    }
                };
                for _ in 0..n.unsigned_abs().min(5) {
                    self.pending.push(KeyEvent::press(key));
                    self.pending.push(KeyEvent::release(key));
                }
            }
        }
    }

    /// Runs frames from `from` while the app has work due by the next frame: mount hooks,
    /// ready tasks, host answers that arrive at once (`--latency 0`), the views they fill in.
    /// Stops at the first frame after which nothing is due sooner than a frame away (a slow
    /// host's answer, a timer, an animation do not hold it up), or after [`SETTLE_FRAMES`].
    /// Returns the time reached: a key script starts there, so its first key reaches the
    /// first screen rather than the skeleton before it.
    /// The errors those frames reported come back with it.
    pub fn settle(&mut self, from: Duration) -> (Duration, Vec<FrameError>) {
        let mut t = from;
        let mut errors = self.step(t).0.errors;
        for _ in 0..SETTLE_FRAMES {
            let due = self.app.next_wakeup().is_some_and(|w| w <= t + FRAME_STEP);
            if !due {
                break;
            }
            t += FRAME_STEP;
            errors.extend(self.step(t).0.errors);
        }
        (t, errors)
    }

    /// Starts recording live edges.
    pub fn record(&mut self) {
        self.recording = Some(Session::default());
    }

    pub fn recording(&self) -> Option<&Session> {
        self.recording.as_ref()
    }

    /// A live key edge at `now` (from the keyboard or a gamepad).
    pub fn edge(&mut self, now: Duration, edge: Edge, key: RemoteKey) {
        if let Some(rec) = &mut self.recording {
            rec.push(now, edge, key);
        }
        let event = self.engine.edge(key, edge, now);
        self.pending.extend(event);
    }

    /// Releases every held key (focus lost).
    pub fn release_all(&mut self) {
        let released = self.engine.release_all();
        self.pending.extend(released);
    }

    /// True while a replay still has edges to play.
    pub fn replaying(&self) -> bool {
        self.replay
            .as_ref()
            .is_some_and(|s| self.replay_next < s.edges.len() || self.replay_pointer_next < s.pointer.len())
    }

    /// When something is next due (a replayed edge, a repeat, a long press, a task's timer or
    /// a host reply).
    pub fn next_deadline(&self) -> Option<Duration> {
        let replay = self.replay.as_ref().and_then(|s| s.edges.get(self.replay_next)).map(|e| e.at);
        let pointer = self.replay.as_ref().and_then(|s| s.pointer.get(self.replay_pointer_next)).map(|p| p.at);
        [replay, pointer, self.engine.next_deadline(), self.app.next_wakeup()].into_iter().flatten().min()
    }

    /// Runs one frame at `now` with every key event due by then. Returns the frame and the
    /// key events it consumed.
    pub fn step(&mut self, now: Duration) -> (Frame<'_>, Vec<KeyEvent>) {
        if let Some(session) = self.replay.take() {
            while let Some(p) = session.pointer.get(self.replay_pointer_next).copied() {
                if p.at > now {
                    break;
                }
                self.replay_pointer_next += 1;
                self.pointer(p.at, p.action);
            }
            while let Some(e) = session.edges.get(self.replay_next).copied() {
                if e.at > now {
                    break;
                }
                self.replay_next += 1;
                // Repeats due before this edge come first, so hold times are honoured.
                let due = self.engine.tick(e.at);
                self.pending.extend(due);
                self.edge(e.at, e.edge, e.key);
            }
            self.replay = Some(session);
        }
        let due = self.engine.tick(now);
        self.pending.extend(due);
        let events = std::mem::take(&mut self.pending);
        let frame = self.app.frame(now, &events);
        self.last = self.last.max(now);
        (frame, events)
    }

    /// The time of the latest frame run.
    pub fn now(&self) -> Duration {
        self.last
    }

    /// Plays `session` in virtual time, as fast as the frames run, and stops one frame after its
    /// last edge (`--replay-fast`, used by `--watch` so a restarted app lands on the same page
    /// and focus before its first present). Returns the time reached; errors the frames reported
    /// are printed.
    pub fn fast_forward(&mut self, session: Session) -> Duration {
        let start = self.last;
        let end = start + session.duration() + FRAME_STEP;
        self.replay(session);
        // Every frame is run, as in the window: a request made by a key handler starts at the
        // next frame's time, so skipping frames would start animations late.
        let mut t = start;
        loop {
            let (frame, _) = self.step(t);
            for e in &frame.errors {
                eprintln!("tenfoot-preview: {e}");
            }
            if t >= end && !self.replaying() {
                return t;
            }
            t += FRAME_STEP;
        }
    }

    /// Runs frames at [`FRAME_STEP`] from `from` until `until` (inclusive of a final frame
    /// exactly at `until`). Returns the time reached.
    pub fn run_until(&mut self, from: Duration, until: Duration) -> Duration {
        let mut t = from;
        while t < until {
            t = (t + FRAME_STEP).min(until);
            let _ = self.step(t);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_and_recording_agree() {
        let mut d = Driver::new(App::headless());
        d.record();
        d.edge(Duration::from_millis(10), Edge::Press, RemoteKey::Right);
        d.edge(Duration::from_millis(60), Edge::Release, RemoteKey::Right);
        let (_, events) = d.step(Duration::from_millis(70));
        assert_eq!(events, vec![KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)]);
        let rec = d.recording().cloned().unwrap();
        assert_eq!(rec.edges.len(), 2);

        let mut r = Driver::new(App::headless());
        r.replay(rec);
        assert!(r.replaying());
        let (_, early) = r.step(Duration::from_millis(5));
        assert!(early.is_empty());
        let (_, events) = r.step(Duration::from_millis(100));
        assert_eq!(events, vec![KeyEvent::press(RemoteKey::Right), KeyEvent::release(RemoteKey::Right)]);
        assert!(!r.replaying());
    }

    #[test]
    fn fast_forward_lands_where_a_real_time_replay_does() {
        let keys = [RemoteKey::Right, RemoteKey::Down, RemoteKey::Right, RemoteKey::Select];
        let s = Session::from_keys(&keys, Duration::from_millis(400));
        let mut fast = Driver::new(App::headless());
        fast.record();
        let reached = fast.fast_forward(s.clone());
        assert!(reached >= s.duration() && reached <= s.duration() + 2 * FRAME_STEP, "{reached:?}");
        assert_eq!(fast.now(), reached);
        // Replayed edges are recorded, so the next hand-over carries them on.
        assert_eq!(fast.recording(), Some(&s));

        let mut slow = Driver::new(App::headless());
        slow.replay(s.clone());
        slow.run_until(Duration::ZERO, reached);
        assert_eq!(fast.app.focus_path(), slow.app.focus_path());
    }

    #[test]
    fn a_pointer_hovers_focus_and_clicks_select() {
        use std::cell::Cell;
        use std::rc::Rc;
        use tenfoot_toolkit::El;
        let mut app = App::headless();
        let picked = Rc::new(Cell::new(0));
        let p = picked.clone();
        let tile = |n: &str| El::new().name(n).size(200.0, 100.0).focusable();
        app.set_root(El::new().child(tile("a")).child(tile("b").on_select(move |_| p.set(p.get() + 1))));
        let mut d = Driver::new(app);
        d.record();
        d.step(Duration::ZERO);
        d.pointer(Duration::from_millis(10), PointerAction::Move(50, 150));
        assert_eq!(d.app.focus_path().as_deref(), Some("root/#0/b"), "hover focuses");
        d.pointer(Duration::from_millis(20), PointerAction::Down(50, 150));
        d.pointer(Duration::from_millis(30), PointerAction::Up);
        d.step(Duration::from_millis(40));
        assert_eq!(picked.get(), 1, "a click selects");
        d.pointer(Duration::from_millis(50), PointerAction::Move(50, 50));
        d.pointer(Duration::from_millis(60), PointerAction::Down(500, 500));
        d.pointer(Duration::from_millis(70), PointerAction::Up);
        d.step(Duration::from_millis(80));
        assert_eq!(d.app.focus_path().as_deref(), Some("root/#0/a"));
        assert_eq!(picked.get(), 1, "a click on nothing selects nothing");
        let rec = d.recording().cloned().unwrap_or_default();
        assert_eq!(rec.pointer.len(), 6);
        // Replayed, the pointer lands in the same place.
        let mut r = Driver::new(App::headless());
        r.app.set_root(El::new().child(tile("a")).child(tile("b")));
        r.replay(rec);
        r.run_until(Duration::ZERO, Duration::from_millis(45));
        assert_eq!(r.app.focus_path().as_deref(), Some("root/#0/b"));
        r.run_until(Duration::from_millis(45), Duration::from_millis(100));
        assert_eq!(r.app.focus_path().as_deref(), Some("root/#0/a"));
    }

    #[test]
    fn held_key_in_replay_repeats() {
        let mut s = Session::default();
        s.push(Duration::ZERO, Edge::Press, RemoteKey::Down);
        s.push(Duration::from_millis(1000), Edge::Release, RemoteKey::Down);
        let mut d = Driver::new(App::headless());
        d.replay(s);
        let mut all = Vec::new();
        let mut t = Duration::ZERO;
        while t <= Duration::from_millis(1100) {
            all.extend(d.step(t).1);
            t += FRAME_STEP;
        }
        let repeats = all.iter().filter(|e| e.phase == tenfoot_toolkit::KeyPhase::Repeat).count();
        assert!(repeats >= 4, "{all:?}");
        assert_eq!(all.last(), Some(&KeyEvent::release(RemoteKey::Down)));
    }
}
