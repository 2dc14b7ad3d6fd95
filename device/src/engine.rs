//! [`Engine`]: one app and everything a device host drives it with, in safe Rust. The
//! `extern "C"` functions of `ffi.rs` are a thin layer over these methods, so every behaviour
//! is tested here without pointers.
//!
//! Time is the host's: every call that needs it takes a timestamp in microseconds of the
//! host's monotonic clock (any origin, never going back). Key edges go through the toolkit's
//! [`RepeatEngine`] on that clock, so a held key repeats exactly as in the preview.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use tenfoot_renderer::codec::EncoderOptions;
use tenfoot_renderer::{AssetError, AssetSource, EmbeddedAssets, Resources, SinkBackend};
use tenfoot_toolkit::tasks::Envelope;
use tenfoot_toolkit::{App, Edge, ErrorKind, KeyEvent, RemoteKey, RepeatConfig, RepeatEngine, Snapshot, LOGICAL_SIZE};

/// The apps a bundle carries, by the id a host passes to [`Engine::new`].
pub const APP_IDS: [&str; 2] = ["sample", "chaos"];

/// The largest screen side a host may ask for, in pixels.
pub const MAX_SCREEN_SIDE: u32 = 16_384;

/// The most frame errors kept for [`Engine::take_errors`] between two takes (the oldest are
/// dropped first; [`Engine::errors_dropped`] counts them).
pub const MAX_KEPT_ERRORS: usize = 256;

/// Something the host asked for could not be done. The message names the argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineError(pub String);

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EngineError {}

fn err<T>(message: impl Into<String>) -> Result<T, EngineError> {
    Err(EngineError(message.into()))
}

/// Asset bytes the host registered, shared with the app's [`Resources`] (which own a boxed
/// source), so registering after creation is seen by later loads.
#[derive(Clone, Default)]
struct HostAssets(Rc<RefCell<HashMap<String, Arc<[u8]>>>>);

impl AssetSource for HostAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        self.0.borrow().get(path).cloned().ok_or_else(|| AssetError::not_found(path))
    }
}

/// Collects what the sink writes, for [`Engine::take_stream`].
#[derive(Clone, Default)]
struct StreamBuf(Rc<RefCell<Vec<u8>>>);

impl io::Write for StreamBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What [`Engine::frame`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameOutcome {
    /// A new frame record is waiting in the stream.
    pub painted: bool,
    /// Whether that record is a full frame.
    pub full: bool,
    /// An animation runs: ask for the next frame soon.
    pub animating: bool,
    /// Errors this frame reported (they wait in [`Engine::take_errors`]).
    pub errors: usize,
}

/// One app, its remote, its display-list stream and its host bus.
pub struct Engine {
    app: App,
    app_id: String,
    screen: (u32, u32),
    repeat: RepeatEngine,
    keys: Vec<KeyEvent>,
    assets: HostAssets,
    sink: SinkBackend<StreamBuf>,
    stream: StreamBuf,
    errors: Vec<String>,
    errors_dropped: u64,
    panics_caught: u64,
    frames: u64,
    /// Unhandled key presses (Back on the bottom screen), for the host.
    unhandled: Vec<RemoteKey>,
    last_us: u64,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine").field("app", &self.app_id).field("frames", &self.frames).finish_non_exhaustive()
    }
}

/// A timestamp from the host, checked.
pub fn micros(at_us: f64) -> Result<Duration, EngineError> {
    if !at_us.is_finite() || !(0.0..=9.0e15).contains(&at_us) {
        return err(format!("time {at_us} us is not a finite, non-negative microsecond count"));
    }
    Ok(Duration::from_micros(at_us as u64))
}

impl Engine {
    /// An engine running app `app_id` (one of [`APP_IDS`]) for a screen of `width` x `height`
    /// pixels. The app lays out in the 1920x1080 logical space; the stream says so and the
    /// host scales it to its screen.
    pub fn new(width: u32, height: u32, app_id: &str) -> Result<Engine, EngineError> {
        if width == 0 || height == 0 || width > MAX_SCREEN_SIDE || height > MAX_SCREEN_SIDE {
            return err(format!("screen size {width}x{height}: each side must be 1..={MAX_SCREEN_SIDE}"));
        }
        let assets = HostAssets::default();
        let mut resources = Resources::new(EmbeddedAssets::over(assets.clone()))
            .map_err(|e| EngineError(format!("bundled fonts: {e}")))?;
        // The catalog's backdrops and stills are generated art: drawn here, sent as pixels.
        tenfoot_renderer::art::install(&mut resources);
        let app = match app_id {
            "sample" => tenfoot::sample::with_resources(resources),
            "chaos" => crate::chaos::app(resources),
            other => return err(format!("unknown app id `{other}` (this bundle has: {})", APP_IDS.join(", "))),
        };
        let stream = StreamBuf::default();
        let mut sink = SinkBackend::with_options(stream.clone(), EncoderOptions::default());
        sink.set_logical_size(LOGICAL_SIZE);
        Ok(Engine {
            app,
            app_id: app_id.to_owned(),
            screen: (width, height),
            repeat: RepeatEngine::new(RepeatConfig::default()),
            keys: Vec::new(),
            assets,
            sink,
            stream,
            errors: Vec::new(),
            errors_dropped: 0,
            panics_caught: 0,
            frames: 0,
            unhandled: Vec::new(),
            last_us: 0,
        })
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    pub fn screen_size(&self) -> (u32, u32) {
        self.screen
    }

    /// A remote key edge at the host's time `at`. Repeats and long presses due before it are
    /// generated first, so hold times are honoured however late the host calls.
    pub fn key(&mut self, key: RemoteKey, edge: Edge, at: Duration) {
        let due = self.repeat.tick(at);
        self.keys.extend(due);
        self.keys.extend(self.repeat.edge(key, edge, at));
    }

    /// [`Engine::key`] with the key by its index in [`RemoteKey::ALL`] and the edge as
    /// pressed / released: the C form.
    pub fn key_code(&mut self, code: u32, pressed: bool, at: Duration) -> Result<(), EngineError> {
        let Some(key) = RemoteKey::ALL.get(code as usize).copied() else {
            return err(format!("key code {code}: expected 0..={}", RemoteKey::ALL.len() - 1));
        };
        self.key(key, if pressed { Edge::Press } else { Edge::Release }, at);
        Ok(())
    }

    /// Runs the frame at `now`: the key events due, the phases, and when something changed, the
    /// next record of the display-list stream ([`Engine::take_stream`]).
    pub fn frame(&mut self, now: Duration) -> FrameOutcome {
        let due = self.repeat.tick(now);
        self.keys.extend(due);
        let keys = std::mem::take(&mut self.keys);
        self.frames += 1;
        self.last_us = self.last_us.max(now.as_micros() as u64);
        let mut out = FrameOutcome::default();
        let mut frame = self.app.frame(now, &keys);
        out.animating = frame.animating;
        let mut errors: Vec<(ErrorKind, String)> = frame.errors.iter().map(|e| (e.kind, e.to_string())).collect();
        self.unhandled
            .extend(frame.unhandled.iter().filter(|k| k.phase == tenfoot_toolkit::KeyPhase::Press).map(|k| k.key));
        let before = self.sink.stats();
        self.sink.set_background(frame.background);
        if let Some(report) = frame.draw(&mut self.sink) {
            errors.extend(report.errors.into_iter().map(|e| (ErrorKind::Other, e)));
        }
        let after = self.sink.stats();
        out.painted = after.frames > before.frames;
        out.full = after.full_frames > before.full_frames;
        // A restored focus path waits for the content that holds it.
        self.app.settle_restored_focus();
        out.errors = errors.len();
        for (kind, e) in errors {
            if kind == ErrorKind::Panic {
                self.panics_caught += 1;
            }
            if self.errors.len() >= MAX_KEPT_ERRORS {
                self.errors.remove(0);
                self.errors_dropped += 1;
            }
            self.errors.push(e);
        }
        out
    }

    /// When the app next needs a frame, in host microseconds: now when something is pending,
    /// a timer, a request timeout or a key repeat; `None` when it can sleep until a key.
    pub fn next_wakeup(&self) -> Option<Duration> {
        [self.app.next_wakeup(), self.repeat.next_deadline()].into_iter().flatten().min()
    }

    /// Stream bytes written since the last take: the 8-byte header first (on the first take),
    /// then frame records. Appending every take to a file gives a stream `tenfoot-replay` reads.
    pub fn take_stream(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.stream.0.borrow_mut())
    }

    /// Makes the next painted frame a full one and repaints everything (a reader joined, or
    /// the host lost its picture).
    pub fn force_full(&mut self) {
        self.sink.force_full();
        self.app.invalidate();
    }

    /// Envelopes the app sent, as a JSON array (`docs/host-bus.md`).
    pub fn take_outbox(&mut self) -> String {
        let out = self.app.take_host_outbox();
        // A Vec of envelopes of JSON values always serializes.
        serde_json::to_string(&out).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Queues envelopes from the host for the next frame: one JSON envelope or an array of
    /// them. Nothing is queued when any of them is malformed.
    pub fn deliver(&mut self, json: &str) -> Result<usize, EngineError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| EngineError(format!("host bus: not JSON: {e}")))?;
        let items = match value {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        let mut envelopes = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let env: Envelope =
                serde_json::from_value(item).map_err(|e| EngineError(format!("host bus: envelope {i}: {e}")))?;
            envelopes.push(env);
        }
        let n = envelopes.len();
        envelopes.into_iter().for_each(|e| self.app.deliver_from_host(e));
        Ok(n)
    }

    /// Registers asset bytes at `path` (an image the host fetched, a font file). Images are
    /// referenced by path in the stream; the host's renderer decodes them itself, the app only
    /// needs to know they exist. A path registered again replaces the bytes.
    pub fn register_asset(&mut self, path: &str, bytes: &[u8]) -> Result<(), EngineError> {
        if path.is_empty() || path.len() > tenfoot_renderer::codec::MAX_PATH_LEN {
            return err(format!("asset path of {} bytes: must be 1..=1024", path.len()));
        }
        self.assets.0.borrow_mut().insert(path.to_owned(), Arc::from(bytes));
        self.app.resources_mut().images.invalidate(path);
        self.app.invalidate();
        Ok(())
    }

    /// Registers a font: its bytes at `path`, then loaded into the font library (text may use
    /// it from the next frame on).
    pub fn register_font(&mut self, path: &str, bytes: &[u8]) -> Result<(), EngineError> {
        self.register_asset(path, bytes)?;
        let resources = self.app.resources_mut();
        resources.fonts.load(resources.assets.as_ref(), path).map_err(|e| EngineError(format!("font `{path}`: {e}")))
    }

    /// The focused element's path of names (`root/home/.../hero-play`), if anything is focused.
    pub fn focus_path(&self) -> Option<String> {
        self.app.focus_path()
    }

    /// The state to bring a fresh engine back here ([`Engine::restore`]), as JSON.
    pub fn snapshot(&mut self) -> String {
        self.app.snapshot().to_json()
    }

    /// Restores a snapshot taken from an engine of the same app: persistent signals, the
    /// screen stack, then the focus path (at once, or as soon as the screen's content arrives).
    /// Parts that cannot be applied are reported in the errors; the rest is applied.
    pub fn restore(&mut self, json: &str) -> Result<(), EngineError> {
        let snapshot = Snapshot::from_json(json).map_err(|e| EngineError(e.to_string()))?;
        let problems = match self.app_id.as_str() {
            "sample" => self.app.restore_with(&snapshot, tenfoot::sample::open_route),
            _ => self.app.restore_with(&snapshot, |_, _| false),
        };
        self.errors.extend(problems.iter().map(ToString::to_string));
        Ok(())
    }

    /// Frame errors since the last take, one per line, oldest first.
    pub fn take_errors(&mut self) -> String {
        std::mem::take(&mut self.errors).join("\n")
    }

    /// Errors dropped because more than [`MAX_KEPT_ERRORS`] waited.
    pub fn errors_dropped(&self) -> u64 {
        self.errors_dropped
    }

    /// Panics caught at the app's boundaries so far (reported with kind panic).
    pub fn panics_caught(&self) -> u64 {
        self.panics_caught
    }

    /// Frames run so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Key presses nothing in the app handled since the last take, as key codes (Back on the
    /// bottom screen means: leave the app).
    pub fn take_unhandled(&mut self) -> Vec<RemoteKey> {
        std::mem::take(&mut self.unhandled)
    }

    /// The oldest unhandled key press not taken yet.
    pub fn pop_unhandled(&mut self) -> Option<RemoteKey> {
        (!self.unhandled.is_empty()).then(|| self.unhandled.remove(0))
    }

    /// Bytes of the last frame record.
    pub fn last_frame_bytes(&self) -> usize {
        self.sink.stats().last_frame_bytes
    }

    /// Frames encoded, and how many were full.
    pub fn stream_frames(&self) -> (u64, u64) {
        let s = self.sink.stats();
        (s.frames, s.full_frames)
    }

    /// Makes the app panic in frame `n` (counted from this call; 0 is never), inside a custom
    /// system: with an unwinding bundle the panic is caught like any other, with an aborting
    /// one it traps the instance. For crash-recovery drills (`host.mjs --crash-at`).
    pub fn panic_in_frame(&mut self, n: u64) {
        let mut left = n;
        self.app.add_system(tenfoot_toolkit::Phase::Tasks, "crash-drill", move |_| {
            if left == 1 {
                left = 0;
                #[expect(clippy::panic, reason = "the drill's whole point is a panic inside the app")]
                {
                    panic!("crash drill: the host asked for a panic in this frame");
                }
            }
            left = left.saturating_sub(1);
        });
    }

    /// The host's latest timestamp seen by [`Engine::frame`], in microseconds.
    pub fn last_time_us(&self) -> u64 {
        self.last_us
    }
}
