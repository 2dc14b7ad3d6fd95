//! The engine as a device host drives it, against the native headless run of the same keys:
//! the same focus path, and a stream whose replayed last frame is pixel-identical to the native
//! screenshot. The host side here is the sample's `SimHost` pumped through the engine's JSON
//! bus (as `device/node/host.mjs` pumps its JavaScript catalog).

#![expect(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::time::Duration;

use tenfoot::renderer::PhysicalSize;
use tenfoot::sample::{SimHost, SimSettings};
use tenfoot::toolkit::tasks::{Envelope, Host};
use tenfoot::toolkit::{Edge, RemoteKey};
use tenfoot_device::Engine;
use tenfoot_testing::{run_headless, Driver, Options, Session, FRAME_STEP, KEY_STEP, SETTLE_FRAMES};

fn zero_latency() -> SimSettings {
    SimSettings { latency: Duration::ZERO, jitter: Some(Duration::ZERO), ..SimSettings::default() }
}

/// A host pumping the engine's bus into a simulated host, frame by frame.
struct Pump {
    engine: Engine,
    host: SimHost,
}

impl Pump {
    fn new(app: &str) -> Pump {
        Pump { engine: Engine::new(1920, 1080, app).unwrap(), host: SimHost::bundled(zero_latency()).unwrap() }
    }

    fn frame(&mut self, now: Duration) {
        self.engine.frame(now);
        let out: Vec<Envelope> = serde_json::from_str(&self.engine.take_outbox()).unwrap();
        for env in out {
            self.host.receive(now, env);
        }
        let back = self.host.poll(now);
        if !back.is_empty() {
            self.engine.deliver(&serde_json::to_string(&back).unwrap()).unwrap();
        }
    }

    /// The headless runner's schedule (`run_headless`): frames at 60 Hz until the first
    /// screen settles (`Driver::settle`: nothing due within a frame, at most `SETTLE_FRAMES`),
    /// keys 150 ms apart from the next frame on, then `advance`. Returns the stream.
    fn run(&mut self, keys: &[RemoteKey], advance: Duration) -> Vec<u8> {
        let mut stream = Vec::new();
        let mut t = Duration::ZERO;
        self.frame(t);
        stream.extend(self.engine.take_stream());
        for _ in 0..SETTLE_FRAMES {
            if self.engine.next_wakeup().is_none_or(|w| w > t + FRAME_STEP) {
                break;
            }
            t += FRAME_STEP;
            self.frame(t);
            stream.extend(self.engine.take_stream());
        }
        let session = Session::from_keys(keys, KEY_STEP).delayed(t + FRAME_STEP);
        let end_of_keys = session.duration() + KEY_STEP;
        let mut next = 0;
        let mut step = |p: &mut Pump, t: Duration, next: &mut usize| {
            while let Some(e) = session.edges.get(*next).filter(|e| e.at <= t) {
                p.engine.key(e.key, e.edge, e.at);
                *next += 1;
            }
            p.frame(t);
            stream.extend(p.engine.take_stream());
        };
        while t < end_of_keys || next < session.edges.len() {
            t += FRAME_STEP;
            step(self, t, &mut next);
        }
        let until = t + advance;
        while t < until {
            t = (t + FRAME_STEP).min(until);
            step(self, t, &mut next);
        }
        stream
    }
}

fn native(keys: &[RemoteKey], advance: Duration) -> (Option<String>, Vec<u8>) {
    let mut driver = Driver::new(tenfoot::sample::app_with(zero_latency()));
    let options = Options { keys: keys.to_vec(), advance, screenshot: Some("unused.png".into()), ..Options::default() };
    let r = run_headless(&mut driver, &options, None).unwrap();
    (r.focus, r.png.unwrap())
}

fn last_replayed_png(stream: &[u8]) -> Vec<u8> {
    let mut resources = tenfoot_testing::resources();
    let mut last = None;
    tenfoot_testing::replay(stream, PhysicalSize::new(1920, 1080), &mut resources, |_, _, b| {
        last = Some(b.encode_png()?);
        Ok(())
    })
    .unwrap();
    last.unwrap()
}

#[test]
fn the_engine_lands_where_the_native_run_does_and_its_stream_replays_to_the_same_pixels() {
    let keys = [RemoteKey::Select, RemoteKey::Right, RemoteKey::Right];
    let advance = Duration::from_secs(1);
    let (focus, png) = native(&keys, advance);
    let mut pump = Pump::new("sample");
    let stream = pump.run(&keys, advance);
    assert_eq!(pump.engine.focus_path(), focus);
    assert!(focus.as_deref().is_some_and(|f| f.starts_with("root/home/")), "{focus:?}");
    let (frames, full) = pump.engine.stream_frames();
    // Frames are sent only when something changed: the profile picker, home arriving and
    // the focus moves with their transitions; 6 since the sample moved onto the library's
    // widgets (14 before: its own chips glided). What this checks is that only the first is full.
    assert!(frames > 4 && full >= 1 && full < frames, "{frames} frames, {full} full: deltas are used");
    assert!(last_replayed_png(&stream) == png, "the replayed last frame differs from the native screenshot");
}

#[test]
fn a_snapshot_restores_screens_focus_and_settings_in_a_fresh_engine() {
    let mut pump = Pump::new("sample");
    let keys = [RemoteKey::Select, RemoteKey::Down, RemoteKey::Right, RemoteKey::Select];
    pump.run(&keys, Duration::from_secs(1));
    let before = pump.engine.focus_path();
    assert!(before.as_deref().is_some_and(|f| f.starts_with("root/details/")), "{before:?}");
    let snap = pump.engine.snapshot();
    let parsed: serde_json::Value = serde_json::from_str(&snap).unwrap();
    assert_eq!(parsed["screens"][0], "home");
    assert!(parsed["screens"][1].as_str().unwrap().starts_with("details/t"), "{snap}");
    assert!(parsed["signals"]["sample.profile"]["id"].is_string(), "{snap}");

    // The crash: a fresh engine, the snapshot, a few frames of host replies.
    let mut fresh = Pump::new("sample");
    fresh.frame(Duration::ZERO);
    fresh.engine.restore(&snap).unwrap();
    let mut t = Duration::ZERO;
    for _ in 0..10 {
        t += FRAME_STEP;
        fresh.frame(t);
    }
    assert_eq!(fresh.engine.focus_path(), before);
    assert_eq!(fresh.engine.app().screen_routes().len(), 2);
    assert_eq!(fresh.engine.take_errors(), "");
    // Back still goes home.
    fresh.engine.key(RemoteKey::Back, Edge::Press, t);
    fresh.engine.key(RemoteKey::Back, Edge::Release, t);
    t += FRAME_STEP;
    fresh.frame(t);
    assert!(fresh.engine.focus_path().is_some_and(|f| f.starts_with("root/home/")));
}

#[test]
fn chaos_panics_are_caught_and_navigation_goes_on() {
    let mut e = Engine::new(1280, 720, "chaos").unwrap();
    let keys = [RemoteKey::Up, RemoteKey::Down, RemoteKey::Left, RemoteKey::Right, RemoteKey::Select];
    let mut paths = std::collections::BTreeSet::new();
    let mut errors = String::new();
    for n in 0..1000u64 {
        let now = FRAME_STEP * (n as u32 + 1);
        if n % 3 == 0 {
            let k = keys[(n as usize * 7 + n as usize / 5) % keys.len()];
            e.key(k, Edge::Press, now);
            e.key(k, Edge::Release, now);
        }
        if n % 10 == 0 {
            e.deliver(r#"[{"type":"message","topic":"chaos.poke","body":{}},{"type":"request","id":1,"topic":"chaos.ask","body":{}}]"#)
                .unwrap();
        }
        e.frame(now);
        let _ = e.take_outbox();
        paths.extend(e.focus_path());
        errors.push_str(&e.take_errors());
        errors.push('\n');
    }
    assert!(e.panics_caught() > 20, "{} panics caught", e.panics_caught());
    for kind in ["key handler", "select handler", "effect", "task", "system", "message handler", "request handler"] {
        assert!(errors.contains(kind), "no caught panic of `{kind}` in:\n{errors}");
    }
    assert!(paths.len() > 5, "focus visited only {paths:?}");
    assert!(e.focus_path().is_some(), "something is focused at the end");
}

#[test]
fn bad_host_input_is_refused_with_a_reason() {
    assert!(Engine::new(0, 1080, "sample").unwrap_err().0.contains("screen size 0x1080"));
    assert!(Engine::new(1920, 1080, "tetris").unwrap_err().0.contains("unknown app id `tetris`"));
    let mut e = Engine::new(1920, 1080, "sample").unwrap();
    assert!(e.deliver("{").unwrap_err().0.contains("not JSON"));
    assert!(e
        .deliver(r#"[{"type":"message","topic":"a","body":1},{"type":"nope"}]"#)
        .unwrap_err()
        .0
        .contains("envelope 1"));
    assert!(e.restore("[]").unwrap_err().0.contains("restore snapshot"));
    assert!(e.key_code(11, true, Duration::ZERO).unwrap_err().0.contains("key code 11"));
    assert!(tenfoot_device::micros(-1.0).is_err() && tenfoot_device::micros(f64::INFINITY).is_err());
    assert!(e.register_asset("", b"x").is_err());
    assert!(e.register_font("fonts/broken.ttf", b"not a font").is_err());
    // A crash drill in a bundle that unwinds is one more caught panic.
    e.panic_in_frame(2);
    e.frame(Duration::ZERO);
    assert_eq!(e.panics_caught(), 0);
    e.frame(FRAME_STEP);
    assert_eq!(e.panics_caught(), 1);
    assert!(e.take_errors().contains("crash drill"));
}
