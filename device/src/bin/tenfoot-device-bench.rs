//! `tenfoot-device-bench`: the native figures next to which `host.mjs --bench` puts the wasm
//! bundle's. The same engine, app and schedule (home after Select, settled; a focus move is a
//! Right or Left press and the frame that handles it, encoded to the stream; a full frame is
//! `force_full` and the frame), timed with the host's clock. Prints `name value unit` lines.
//! Run it from a release build: `cargo run --release -p tenfoot-device --bin tenfoot-device-bench`.

use std::time::{Duration, Instant};

use tenfoot::sample::{SimHost, SimSettings};
use tenfoot::toolkit::tasks::{Envelope, Host};
use tenfoot::toolkit::{Edge, RemoteKey};
use tenfoot_device::Engine;

const FRAME: Duration = Duration::from_micros(16_667);
const CATALOG: &str = include_str!("../../../assets/catalog/catalog.json");

struct Pump {
    engine: Engine,
    host: SimHost,
    t: Duration,
}

impl Pump {
    fn frame(&mut self, t: Duration) {
        self.t = t;
        self.engine.frame(t);
        let out: Vec<Envelope> = serde_json::from_str(&self.engine.take_outbox()).unwrap_or_default();
        for env in out {
            self.host.receive(t, env);
        }
        let back = self.host.poll(t);
        if !back.is_empty() {
            if let Ok(json) = serde_json::to_string(&back) {
                let _ = self.engine.deliver(&json);
            }
        }
        let _ = self.engine.take_stream();
        let _ = self.engine.take_errors();
    }

    fn run_for(&mut self, d: Duration) {
        let until = self.t + d;
        while self.t < until {
            self.frame((self.t + FRAME).min(until));
        }
    }

    fn press(&mut self, key: RemoteKey, t: Duration) {
        self.engine.key(key, Edge::Press, t);
        self.engine.key(key, Edge::Release, t);
    }
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() -> std::process::ExitCode {
    let settings = SimSettings { latency: Duration::ZERO, jitter: Some(Duration::ZERO), ..SimSettings::default() };
    let (engine, host) = match (Engine::new(1920, 1080, "sample"), SimHost::from_json(CATALOG, settings)) {
        (Ok(e), Ok(h)) => (e, h),
        (Err(e), _) => {
            eprintln!("tenfoot-device-bench: {e}");
            return std::process::ExitCode::FAILURE;
        }
        (_, Err(e)) => {
            eprintln!("tenfoot-device-bench: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut p = Pump { engine, host, t: Duration::ZERO };
    p.frame(Duration::ZERO);
    p.run_for(Duration::from_millis(500));
    let t = p.t + FRAME;
    p.press(RemoteKey::Select, t);
    p.run_for(Duration::from_secs(2));
    let mut moves = Vec::new();
    for i in 0..40 {
        let t = p.t + FRAME;
        p.press(if i % 2 == 0 { RemoteKey::Right } else { RemoteKey::Left }, t);
        let start = Instant::now();
        p.engine.frame(t);
        let _ = p.engine.take_stream();
        moves.push(start.elapsed());
        p.t = t;
        p.run_for(Duration::from_millis(500));
    }
    let mut fulls = Vec::new();
    for _ in 0..20 {
        let t = p.t + FRAME;
        p.engine.force_full();
        let start = Instant::now();
        p.engine.frame(t);
        let _ = p.engine.take_stream();
        fulls.push(start.elapsed());
        p.t = t;
    }
    println!("native_focus_move_ms {:.3} ms", median(moves));
    println!("native_full_frame_ms {:.3} ms", median(fulls));
    println!("native_full_frame_bytes {} bytes", p.engine.last_frame_bytes());
    std::process::ExitCode::SUCCESS
}
