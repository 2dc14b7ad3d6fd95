//! The desktop window: winit for the window and events, softbuffer for pixels, the CPU backend
//! for drawing.
//!
//! The app is drawn into the device profile's buffer (1920x1080, 1280x720 or 3840x2160), exactly
//! what the TV would get, then shown in the window at the zoom (fit, 50%, 100%), centred and
//! letterboxed. Keys become remote events through the [`Driver`]; F-keys drive the overlays.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use softbuffer::{Context, Surface};
use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{Backend, DisplayList, PhysicalSize, Scale};
use tenfoot_toolkit::{App, LOGICAL_SIZE};
use winit::application::ApplicationHandler;
use winit::dpi::{PhysicalPosition, PhysicalSize as WinSize};
use winit::event::{ElementState, KeyEvent, MouseButton, MouseScrollDelta, WindowEvent};
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop, EventLoopProxy};
use winit::keyboard::{Key, ModifiersState, NamedKey, PhysicalKey};
use winit::window::{Window, WindowId};

use crate::access::{self, AccessAction};
use crate::measure;
use crate::overlay::{self, Overlays, Toast};
use crate::present::Presenter;
use crate::reload::HotReload;
use crate::remote::KeyMap;
use crate::stats::Stats;
use crate::watch;
use tenfoot_testing::FrameHook;
use tenfoot_testing::Options;
use tenfoot_testing::PointerAction;
use tenfoot_testing::{Device, DeviceProfile, Driver};
use tenfoot_toolkit::{Edge, RemoteKey};

/// How the device buffer is shown in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    Fit,
    Half,
    Full,
}

impl Zoom {
    fn name(&self) -> &'static str {
        match self {
            Zoom::Fit => "fit",
            Zoom::Half => "50%",
            Zoom::Full => "100%",
        }
    }

    /// The factor from device buffer to window pixels.
    pub fn factor(&self, device: PhysicalSize, window: PhysicalSize) -> f32 {
        match self {
            Zoom::Fit => (window.width as f32 / device.width as f32).min(window.height as f32 / device.height as f32),
            Zoom::Half => 0.5,
            Zoom::Full => 1.0,
        }
    }
}

struct Preview {
    driver: Driver,
    hook: Option<FrameHook>,
    options: Options,
    keymap: KeyMap,
    started: Instant,
    /// Virtual time already run before the window opened (`--replay-fast`): the window's clock
    /// continues from there, so the app never sees time go backwards.
    clock_offset: Duration,
    /// The `--watch` supervisor's side channel, when this app runs under one.
    watch: Option<watch::Child>,
    window: Option<Rc<Window>>,
    surface: Option<Surface<Rc<Window>, Rc<Window>>>,
    backend: CpuBackend,
    overlay_app: App,
    overlays: Overlays,
    /// Shift and the other modifiers (Shift+F8 is the safe-area overlay).
    modifiers: ModifiersState,
    stats: Stats,
    /// Scales the device buffer into the window's (keeps the column spans between frames).
    presenter: Presenter,
    zoom: Zoom,
    toast: Option<Toast>,
    /// Press times of keys not yet presented, for key-to-present latency.
    unpresented: Vec<Duration>,
    needs_draw: bool,
    /// Where the mouse is (window px) and when it last moved: the pointer hides after
    /// [`POINTER_IDLE`] without moving, as on a pointer remote.
    cursor: Option<(f64, f64)>,
    cursor_moved: Option<Duration>,
    cursor_hidden: bool,
    /// The remote key each held keyboard key pressed, so its release matches.
    held: HashMap<PhysicalKey, RemoteKey>,
    /// Set while a redraw the preview asked for is outstanding. A `RedrawRequested` without it
    /// comes from the system (the window was exposed: mapped, uncovered, moved between
    /// outputs): X11 keeps no copy of the pixels, so the frame must be presented again in full
    /// even when the app did not change.
    own_redraw: bool,
    shots: u32,
    /// The last frame's sleep for the device's CPU slowdown (F2 shows it).
    slept: Duration,
    error: Option<String>,
    /// Window size and zoom of the last present; a change forces a full redraw.
    last_window: Option<(u32, u32, Zoom)>,
    /// Set when the app asked to leave (unhandled Back on its bottom screen).
    exit_requested: bool,
    /// The markup screen's files, watched and reloaded (the `tenfoot-preview` binary).
    reload: Option<HotReload>,
    /// When the file change behind a reload not yet on screen was seen.
    reload_seen: Option<Duration>,
    /// `--speak`: espeak-ng, when installed.
    speaker: Option<tenfoot_testing::Speaker>,
    /// The screen-reader bridge (AccessKit), made with the window; `access_view` is set while
    /// a reader listens (the adapter asked for the tree) and is the view last sent to it.
    access: Option<accesskit_winit::Adapter>,
    access_view: Option<access::View>,
    proxy: EventLoopProxy<UserEvent>,
    #[cfg(feature = "gamepad")]
    gamepads: Option<crate::gamepad::Gamepads>,
}

/// How long the mouse rests before the pointer hides.
const POINTER_IDLE: Duration = Duration::from_secs(3);

/// Wakes the event loop from another thread: the file watcher, or AccessKit (a screen reader
/// asking for the tree or for an action).
#[derive(Debug)]
enum UserEvent {
    Wake,
    Access(accesskit_winit::Event),
}

impl From<accesskit_winit::Event> for UserEvent {
    fn from(e: accesskit_winit::Event) -> Self {
        UserEvent::Access(e)
    }
}

/// Opens the window and runs until it is closed. Errors (no display, no surface) come back as
/// one-line messages.
pub fn run_window(driver: Driver, options: Options) -> Result<(), String> {
    run_window_with(driver, options, None)
}

/// [`run_window`] for a markup screen: its files are watched and changes reloaded live.
pub fn run_window_with(driver: Driver, options: Options, reload: Option<HotReload>) -> Result<(), String> {
    let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err(no_display("DISPLAY is not set"));
    }
    let mut keymap = KeyMap::default();
    #[cfg(feature = "gamepad")]
    crate::gamepad::add_default_bindings(&mut keymap);
    if let Some(spec) = &options.map {
        keymap.apply_overrides(spec)?;
    }
    let hook = options.sink.as_deref().map(tenfoot_testing::sink_hook).transpose()?;
    let event_loop = EventLoop::<UserEvent>::with_user_event().build().map_err(|e| no_display(&e.to_string()))?;
    let mut reload = reload;
    if let Some(r) = reload.as_mut() {
        let proxy = event_loop.create_proxy();
        if let Err(e) = r.watch(move || {
            let _ = proxy.send_event(UserEvent::Wake);
        }) {
            eprintln!("tenfoot-preview: {e}; saving a file will not reload it");
        }
    }
    let profile = options.profile();
    let mut backend = device_backend(&profile);
    backend.set_background(driver.app.background());
    let clock_offset = driver.now();
    let mut driver = driver;
    driver.set_repeat(profile.repeat);
    if options.wants_announcer() {
        driver.app.enable_announcer();
    }
    let speaker = match options.speak {
        true => match tenfoot_testing::Speaker::new() {
            Ok(s) => Some(s),
            Err(skipped) => {
                eprintln!("{skipped}");
                None
            }
        },
        false => None,
    };
    let watch = options.watch_child.clone().map(watch::Child::new);
    let overlays = Overlays { safe_area: options.safe_area, ..Overlays::default() };
    let mut preview = Preview {
        driver,
        hook,
        options,
        keymap,
        started: Instant::now(),
        clock_offset,
        watch,
        window: None,
        surface: None,
        backend,
        overlay_app: App::headless(),
        overlays,
        modifiers: ModifiersState::empty(),
        stats: Stats::default(),
        presenter: Presenter::new(),
        zoom: Zoom::Fit,
        toast: None,
        unpresented: Vec::new(),
        needs_draw: true,
        held: HashMap::new(),
        cursor: None,
        cursor_moved: None,
        cursor_hidden: false,
        own_redraw: false,
        shots: 0,
        slept: Duration::ZERO,
        error: None,
        last_window: None,
        exit_requested: false,
        reload,
        reload_seen: None,
        speaker,
        access: None,
        access_view: None,
        proxy: event_loop.create_proxy(),
        #[cfg(feature = "gamepad")]
        gamepads: match crate::gamepad::Gamepads::new() {
            Ok(g) => Some(g),
            Err(e) => {
                eprintln!("tenfoot-preview: {e}; the keyboard still works");
                None
            }
        },
    };
    let result = event_loop.run_app(&mut preview).map_err(|e| format!("tenfoot-preview: event loop failed: {e}"));
    preview.save_recording();
    result?;
    match preview.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A CPU backend for the device profile: its buffer and its memory budget.
fn device_backend(profile: &DeviceProfile) -> CpuBackend {
    let mut backend = CpuBackend::new(profile.buffer, Scale::fit(LOGICAL_SIZE, profile.buffer));
    backend.set_memory_budget(profile.memory_budget);
    backend
}

/// The longest a frame is held back to emulate a slow device: a pathological frame must not
/// freeze the window for seconds.
const MAX_SLOWDOWN_SLEEP: Duration = Duration::from_millis(500);

/// How long to sleep after a frame that took `work` to make it take `factor` times as long.
pub fn slowdown_sleep(work: Duration, factor: f32) -> Duration {
    if !(factor.is_finite() && factor > 1.0) {
        return Duration::ZERO;
    }
    work.mul_f64(f64::from(factor) - 1.0).min(MAX_SLOWDOWN_SLEEP)
}

fn no_display(why: &str) -> String {
    format!(
        "tenfoot-preview: no display available ({why}). Run headless instead, for example: \
         --screenshot out.png [--keys \"Right Select\"] [--print-focus] [--size 1920x1080]"
    )
}

fn window_title(profile: &DeviceProfile) -> String {
    format!("tenfoot preview \u{2014} {} (F1 help, F8 next device)", profile.name)
}

/// The winit name of a key, matching [`KeyMap`] names (`ArrowLeft`, `Enter`, `F5`, `m`).
fn key_name(key: &Key) -> Option<String> {
    match key {
        Key::Named(NamedKey::Space) => Some("Space".to_owned()),
        Key::Named(n) => Some(format!("{n:?}")),
        Key::Character(c) if c.as_str() == " " => Some("Space".to_owned()),
        Key::Character(c) => Some(c.to_string()),
        _ => None,
    }
}

/// What a desktop key types into a text field: a character, a space, or Delete for Backspace.
/// Enter, Escape, arrows and the rest keep their remote meaning (`None`).
fn typed_key(key: &Key) -> Option<RemoteKey> {
    match key {
        Key::Named(NamedKey::Backspace) => Some(RemoteKey::Delete),
        Key::Named(NamedKey::Space) => Some(RemoteKey::Char(' ')),
        Key::Character(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => Some(RemoteKey::Char(c)),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Preview {
    fn now(&self) -> Duration {
        self.clock_offset + self.started.elapsed()
    }

    /// The instant at which the app's clock reads `t`.
    fn instant_at(&self, t: Duration) -> Instant {
        self.started + t.saturating_sub(self.clock_offset)
    }

    fn fail(&mut self, event_loop: &ActiveEventLoop, message: String) {
        self.error = Some(message);
        event_loop.exit();
    }

    /// Rewrites the `--record` file after each live edge, so a preview that is killed (as
    /// `--watch` does on restart) or crashes still leaves its session behind.
    fn flush_recording(&self) {
        if let (Some(path), Some(session)) = (&self.options.record, self.driver.recording()) {
            if let Err(e) = watch::write_atomic(path, &session.to_text()) {
                eprintln!("tenfoot-preview: cannot write {}: {e}", path.display());
            }
        }
    }

    /// Tells the `--watch` supervisor where the window is.
    fn report_geometry(&self) {
        let (Some(w), Some(window)) = (&self.watch, &self.window) else { return };
        let Ok(pos) = window.outer_position() else { return };
        let size = window.inner_size();
        w.window_moved(watch::Geometry { x: pos.x, y: pos.y, width: size.width, height: size.height });
    }

    fn save_recording(&self) {
        if let (Some(path), Some(session)) = (&self.options.record, self.driver.recording()) {
            match watch::write_atomic(path, &session.to_text()) {
                Ok(()) => {
                    eprintln!("tenfoot-preview: recorded {} key edges to {}", session.edges.len(), path.display())
                }
                Err(e) => eprintln!("tenfoot-preview: cannot write {}: {e}", path.display()),
            }
        }
    }

    fn toast(&mut self, text: String) {
        self.toast = Some(Toast { text, until: self.now() + Duration::from_secs(2) });
        self.needs_draw = true;
    }

    /// F12: the logical frame at 1920x1080, whatever the device and zoom.
    fn save_screenshot(&mut self) {
        // Keys that arrived before F12 belong in the picture: run them now (the window then
        // redraws in full, since this frame's damage is not presented).
        let (frame, _) = self.driver.step(self.now());
        if frame.display_list.is_some() {
            self.needs_draw = true;
        }
        self.shots += 1;
        let dir = std::env::var_os("TENFOOT_SCREENSHOT_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        let path = dir.join(format!("tenfoot-{:04}.png", self.shots));
        let result = tenfoot_testing::screenshot_png(&mut self.driver.app, PhysicalSize::new(1920, 1080))
            .and_then(|(png, _)| std::fs::write(&path, png).map_err(|e| e.to_string()));
        let focus = self.driver.app.focus_path().unwrap_or_else(|| "-".to_owned());
        match result {
            Ok(()) => {
                // Scripts (and the window test) read this line.
                println!("screenshot {} focus {}", path.display(), focus);
                self.toast(format!("saved {}", path.display()));
            }
            Err(e) => {
                eprintln!("tenfoot-preview: cannot save {}: {e}", path.display());
                self.toast(format!("cannot save {}: {e}", path.display()));
            }
        }
    }

    fn preview_key(&mut self, key: &Key) -> bool {
        let Key::Named(named) = key else { return false };
        match named {
            NamedKey::F8 if self.modifiers.shift_key() => {
                self.overlays.safe_area = !self.overlays.safe_area;
                let on = if self.overlays.safe_area { "on" } else { "off" };
                println!("safe-area {on}");
            }
            NamedKey::F8 => self.next_device(),
            NamedKey::F1 => self.overlays.help = !self.overlays.help,
            NamedKey::F2 => self.overlays.stats = !self.overlays.stats,
            NamedKey::F3 => self.overlays.focus = !self.overlays.focus,
            NamedKey::F4 => self.overlays.layout = !self.overlays.layout,
            NamedKey::F7 => self.overlays.speech = !self.overlays.speech,
            NamedKey::F5 => {
                let line = tenfoot_testing::cycle_latency(&mut self.driver.app);
                self.toast(line.unwrap_or_else(|| "this app has no simulated host".to_owned()));
            }
            NamedKey::F6 => {
                let line = tenfoot_testing::toggle_failures(&mut self.driver.app, self.options.failure_rate);
                self.toast(line.unwrap_or_else(|| "this app has no simulated host".to_owned()));
            }
            NamedKey::F9 => self.zoom = Zoom::Fit,
            NamedKey::F10 => self.zoom = Zoom::Half,
            NamedKey::F11 => self.zoom = Zoom::Full,
            NamedKey::F12 => self.save_screenshot(),
            _ => return false,
        }
        self.needs_draw = true;
        true
    }

    /// F8: the next device profile, without restarting: a new backend (buffer, memory
    /// budget), the remote's repeat timing, the slowdown, the title; the app is redrawn in full.
    fn next_device(&mut self) {
        let device: Device = self.options.device.next();
        self.options.device = device;
        let profile = self.options.profile();
        let background = self.driver.app.background();
        self.backend = device_backend(&profile);
        self.backend.set_background(background);
        self.driver.set_repeat(profile.repeat);
        self.last_window = None;
        if let Some(w) = &self.window {
            w.set_title(&window_title(&profile));
        }
        // Scripts (and the window test) read this line.
        println!("device {} {}x{}", profile.name, profile.buffer.width, profile.buffer.height);
        self.toast(format!("device {}: {}", profile.description, profile.summary()));
    }

    fn keyboard(&mut self, event: KeyEvent) {
        let now = self.now();
        if event.state == ElementState::Pressed && !event.repeat && self.preview_key(&event.logical_key) {
            return;
        }
        match event.state {
            ElementState::Pressed => {
                if event.repeat {
                    return;
                }
                // While a text field (or its on-screen keyboard) has focus, letters type: the
                // remote's letter bindings (M, P, R, F) are suspended and Backspace erases.
                let typed =
                    tenfoot_widgets::typing_target(&self.driver.app).and_then(|_| typed_key(&event.logical_key));
                let mapped = || key_name(&event.logical_key).and_then(|name| self.keymap.get(&name));
                let Some(remote) = typed.or_else(mapped) else { return };
                // The release goes to the key the press went to, even if typing started or
                // stopped in between.
                self.held.insert(event.physical_key, remote);
                self.unpresented.push(now);
                self.driver.edge(now, Edge::Press, remote);
            }
            ElementState::Released => {
                let Some(remote) = self.held.remove(&event.physical_key) else { return };
                self.driver.edge(now, Edge::Release, remote);
            }
        }
        self.flush_recording();
        self.request_redraw();
    }

    /// The logical point (1920x1080 design space) under window pixel (x, y), through the
    /// zoom and letterbox `present_scaled` uses; `None` outside the picture.
    fn logical_point(&self, x: f64, y: f64) -> Option<(i32, i32)> {
        let window = self.window.as_ref()?;
        let size = window.inner_size();
        let win = PhysicalSize::new(size.width, size.height);
        let device = self.backend.size();
        let f = self.zoom.factor(device, win) as f64;
        if !(f.is_finite() && f > 0.0) {
            return None;
        }
        let out_w = (device.width as f64 * f).round();
        let out_h = (device.height as f64 * f).round();
        let ox = ((size.width as f64 - out_w) / 2.0).trunc();
        let oy = ((size.height as f64 - out_h) / 2.0).trunc();
        let (bx, by) = ((x - ox) / f, (y - oy) / f);
        if bx < 0.0 || by < 0.0 || bx >= device.width as f64 || by >= device.height as f64 {
            return None;
        }
        let lx = bx * LOGICAL_SIZE.width as f64 / device.width as f64;
        let ly = by * LOGICAL_SIZE.height as f64 / device.height as f64;
        Some((lx as i32, ly as i32))
    }

    fn pointer(&mut self, action: PointerAction) {
        let now = self.now();
        self.unpresented.push(now);
        self.driver.pointer(now, action);
        self.flush_recording();
        self.request_redraw();
    }

    fn mouse_moved(&mut self, x: f64, y: f64) {
        // The first position after the pointer entered (or the window appeared under a resting
        // pointer) is not a movement: focus stays where the app put it.
        let moved = self.cursor.is_some_and(|c| c != (x, y));
        self.cursor = Some((x, y));
        if !moved {
            return;
        }
        self.cursor_moved = Some(self.now());
        if self.cursor_hidden {
            self.cursor_hidden = false;
            if let Some(w) = &self.window {
                w.set_cursor_visible(true);
            }
        }
        if let Some((lx, ly)) = self.logical_point(x, y) {
            self.pointer(PointerAction::Move(lx, ly));
        }
    }

    /// Asks for a redraw (and notes that it is ours, see `own_redraw`).
    fn request_redraw(&mut self) {
        if let Some(w) = &self.window {
            self.own_redraw = true;
            w.request_redraw();
        }
    }

    /// Feeds gamepad edges to the driver; true when a pad is connected.
    #[cfg(feature = "gamepad")]
    fn poll_gamepads(&mut self) -> bool {
        let Some(pads) = self.gamepads.as_mut() else { return false };
        let edges = pads.poll(&self.keymap);
        let connected = pads.connected();
        if !edges.is_empty() {
            let now = self.now();
            for (edge, key) in edges {
                if edge == Edge::Press {
                    self.unpresented.push(now);
                }
                self.driver.edge(now, edge, key);
            }
            self.flush_recording();
            self.request_redraw();
        }
        connected
    }

    fn redraw(&mut self) -> Result<(), String> {
        let Some(window) = self.window.clone() else { return Ok(()) };
        let size = window.inner_size();
        let (Some(w), Some(h)) = (NonZeroU32::new(size.width), NonZeroU32::new(size.height)) else { return Ok(()) };
        let started = Instant::now();
        let now = self.now();
        let (frame, events) = self.driver.step(now);
        let app_changed = frame.painted();
        let (errors, unhandled, app_damage) = (frame.errors, frame.unhandled, frame.damage);
        self.speak_utterances();
        self.update_access();
        for e in &errors {
            eprintln!("tenfoot-preview: {e}");
        }
        // Errors (caught panics included) also show in the window, not only on stderr.
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        if let Some(t) = Toast::for_errors(&messages, now) {
            self.toast = Some(t);
            self.needs_draw = true;
        }
        // Back that nothing handled on the bottom screen leaves the app, as on a TV.
        if unhandled.iter().any(|e| e.key == tenfoot_toolkit::RemoteKey::Back) {
            self.exit_requested = true;
        }
        if !(app_changed || self.needs_draw || self.overlays.any() || !events.is_empty()) {
            return Ok(());
        }
        // Overlays are drawn over the app's list; the app's own list is never copied unless one
        // shows.
        let scale = self.backend.scale().0;
        let profile = self.options.profile();
        let mut extra = overlay::outlines(&self.driver.app, &self.overlays, &self.stats, now, scale);
        let measured = self.overlays.layout.then(|| measure::measure(&self.driver.app)).flatten();
        if let Some(m) = &measured {
            extra.commands.extend(measure::commands(m).commands);
        }
        if self.overlays.safe_area {
            extra.commands.extend(tenfoot_testing::safe_area_overlay(&profile).commands);
        }
        let device = overlay::DeviceStatus {
            profile: &profile,
            budget: self.backend.memory_budget(),
            cache_bytes: self.backend.cache_bytes(),
            glyph_bytes: self.backend.glyph_cache_bytes(),
            slept: self.slept,
        };
        let panels = overlay::panels(
            &self.driver.app,
            &self.overlays,
            &self.stats,
            &self.keymap,
            now,
            &device,
            self.zoom.name(),
            self.toast.as_ref(),
        );
        let panels = overlay::with_layer(panels, measured.as_ref().map(measure::labels));
        let (errors, has_screen) = match &self.reload {
            Some(r) => (r.errors(), r.has_screen()),
            None => (&[][..], true),
        };
        let watch_panel = self.watch.as_ref().and_then(|w| overlay::watch_panel(&w.status));
        let showing_watch = watch_panel.is_some();
        if let Some(root) = overlay::compose(overlay::with_errors(panels, errors, has_screen), watch_panel) {
            self.overlay_app.set_root(root);
            extra.commands.extend(self.overlay_app.display_list().commands.iter().cloned());
        }
        // Damage applies when only the app changed; overlays and resizes redraw everything.
        let full = self.needs_draw
            || self.overlays.any()
            || showing_watch
            || self.last_window != Some((size.width, size.height, self.zoom));
        let damage = if full { None } else { app_damage };
        let background = self.driver.app.background();
        let Some((list, resources)) = self.driver.app.last_display_list() else { return Ok(()) };
        if app_changed {
            if let Some(hook) = &mut self.hook {
                hook(list, resources, background);
            }
        }
        let composed;
        let list = if extra.commands.is_empty() {
            list
        } else {
            composed = DisplayList { commands: list.commands.iter().cloned().chain(extra.commands).collect() };
            &composed
        };
        let report = self.backend.draw(list, resources, damage.as_deref());
        for e in &report.errors {
            eprintln!("tenfoot-preview: {e}");
        }
        // A slower device: the frame's work so far, stretched by the profile's factor, before
        // it is presented (so key-to-present latency and the frame rate show it too).
        self.slept = slowdown_sleep(started.elapsed(), profile.slowdown);
        if !self.slept.is_zero() {
            std::thread::sleep(self.slept);
        }
        for r in &report.drawn {
            self.stats.drawn_rect(now, [r.x, r.y, r.width, r.height]);
        }
        let Some(surface) = self.surface.as_mut() else { return Ok(()) };
        surface.resize(w, h).map_err(|e| format!("tenfoot-preview: cannot resize surface: {e}"))?;
        let mut buffer = surface.buffer_mut().map_err(|e| format!("tenfoot-preview: no buffer: {e}"))?;
        let win = PhysicalSize::new(size.width, size.height);
        let factor = self.zoom.factor(self.backend.size(), win);
        // A buffer with age 0 has unknown contents: it must be filled completely.
        if damage.is_some() && buffer.age() > 0 {
            let mut rects = Vec::new();
            for r in &report.drawn {
                let region = [r.x as u32, r.y as u32, r.width as u32, r.height as u32];
                if let Some([x, y, w, h]) =
                    self.presenter.present_region(self.backend.pixmap(), &mut buffer, win, factor, Some(region))
                {
                    if let (Some(w), Some(h)) = (NonZeroU32::new(w), NonZeroU32::new(h)) {
                        rects.push(softbuffer::Rect { x, y, width: w, height: h });
                    }
                }
            }
            buffer.present_with_damage(&rects).map_err(|e| format!("tenfoot-preview: present failed: {e}"))?;
        } else {
            self.presenter.present(self.backend.pixmap(), &mut buffer, win, factor);
            buffer.present().map_err(|e| format!("tenfoot-preview: present failed: {e}"))?;
        }
        self.last_window = Some((size.width, size.height, self.zoom));
        let presented = self.now();
        if let Some(seen) = self.reload_seen.take() {
            let ms = presented.saturating_sub(seen).as_millis();
            let frame_ms = started.elapsed().as_millis();
            eprintln!("tenfoot-preview: on screen {ms} ms after the change was seen (drawing took {frame_ms} ms)");
        }
        for pressed in self.unpresented.drain(..) {
            self.stats.latency(pressed, presented);
        }
        self.stats.frame(started.elapsed(), presented);
        self.needs_draw = false;
        Ok(())
    }
}

impl Preview {
    /// `--announce` prints what the announcer said this frame, `--speak` says it (an
    /// assertive utterance cuts off the one being spoken), F7 shows the last ones.
    fn speak_utterances(&mut self) {
        let said = self.driver.app.take_utterances();
        if said.is_empty() {
            if let Some(s) = self.speaker.as_mut() {
                let _ = s.poll();
            }
            return;
        }
        for u in &said {
            if self.options.announce {
                println!("{}", tenfoot_testing::terminal_safe(&tenfoot_testing::announce_line(u), 4000));
            }
            if let Some(s) = self.speaker.as_mut() {
                if let Err(e) = s.say(u) {
                    eprintln!("tenfoot-preview: {e}");
                }
            }
        }
        if self.overlays.speech {
            self.needs_draw = true;
        }
    }

    /// Takes the watcher's events and reloads once they have settled.
    fn poll_reload(&mut self) {
        let Some(r) = self.reload.as_mut() else { return };
        let now = self.started.elapsed();
        r.drain(now);
        if r.poll(now, &mut self.driver.app, Some(&mut self.backend)).is_some() {
            self.backend.set_background(self.driver.app.background());
            self.reload_seen = r.changed_at();
            self.needs_draw = true;
        }
    }
}

impl Preview {
    /// Where the 1920x1080 design space is in the window (as `present_scaled` draws it).
    fn view(&self) -> access::View {
        let Some(window) = &self.window else { return access::View::IDENTITY };
        let size = window.inner_size();
        let device = self.backend.size();
        let f = self.zoom.factor(device, PhysicalSize::new(size.width, size.height)) as f64;
        if !(f.is_finite() && f > 0.0) {
            return access::View::IDENTITY;
        }
        let out_w = (device.width as f64 * f).round();
        let out_h = (device.height as f64 * f).round();
        let offset = (((size.width as f64 - out_w) / 2.0).trunc(), ((size.height as f64 - out_h) / 2.0).trunc());
        access::View { scale: f * device.width as f64 / LOGICAL_SIZE.width as f64, offset }
    }

    /// Sends the screen reader what changed in the semantics tree this frame (nothing while
    /// no reader listens), and the root again when the window's view of the frame moved.
    fn update_access(&mut self) {
        let Some(last_view) = self.access_view else { return };
        let view = self.view();
        let update = self.driver.app.take_semantics_update();
        let (Some(adapter), Some(tree)) = (self.access.as_mut(), self.driver.app.semantics()) else { return };
        match update {
            Some(u) => adapter.update_if_active(|| access::incremental_update(&u, tree, view)),
            None if view != last_view => adapter.update_if_active(|| access::root_update(tree, view)),
            None => return,
        }
        self.access_view = Some(view);
    }

    /// A screen reader's request: the whole tree (it started listening), an action, or that it
    /// stopped.
    fn access_event(&mut self, event: accesskit_winit::WindowEvent) {
        use accesskit_winit::WindowEvent as Ak;
        match event {
            Ak::InitialTreeRequested => {
                let view = self.view();
                self.driver.app.enable_semantics(true);
                let tree = self.driver.app.semantics_now();
                let full = access::full_update(tree, view);
                // What follows is relative to the tree just sent.
                let _ = self.driver.app.take_semantics_update();
                if let Some(a) = self.access.as_mut() {
                    a.update_if_active(|| full);
                }
                self.access_view = Some(view);
            }
            Ak::ActionRequested(request) => {
                let Some(act) = self.driver.app.semantics().and_then(|t| access::action(&request, t)) else { return };
                let now = self.now();
                match act {
                    AccessAction::Focus(e) => {
                        self.driver.app.set_focus(e);
                    }
                    AccessAction::Activate(e) => {
                        // As the remote would: focus it, then press and release Select.
                        self.driver.app.set_focus(e);
                        self.unpresented.push(now);
                        self.driver.edge(now, Edge::Press, RemoteKey::Select);
                        self.driver.edge(now, Edge::Release, RemoteKey::Select);
                        self.flush_recording();
                    }
                }
                self.request_redraw();
            }
            Ak::AccessibilityDeactivated => {
                self.access_view = None;
                // The announcer needs the tree; without it nobody does.
                if !self.options.wants_announcer() {
                    self.driver.app.enable_semantics(false);
                }
            }
        }
    }
}

impl ApplicationHandler<UserEvent> for Preview {
    fn user_event(&mut self, _event_loop: &ActiveEventLoop, event: UserEvent) {
        match event {
            // The watcher saw a change: `about_to_wait` (right after this) takes it.
            UserEvent::Wake => {}
            UserEvent::Access(e) => self.access_event(e.window_event),
        }
    }

    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.window.is_some() {
            return;
        }
        // Open at the device size scaled to fit 80% of the monitor.
        let device = self.options.device.buffer();
        let monitor = event_loop.primary_monitor().or_else(|| event_loop.available_monitors().next());
        let initial = match monitor.map(|m| m.size()) {
            Some(m) if m.width > 0 && m.height > 0 => {
                let f = (m.width as f32 * 0.8 / device.width as f32)
                    .min(m.height as f32 * 0.8 / device.height as f32)
                    .min(1.0);
                WinSize::new((device.width as f32 * f) as u32, (device.height as f32 * f) as u32)
            }
            _ => WinSize::new(1280, 720),
        };
        let initial = match self.options.window_size {
            Some(s) => WinSize::new(s.width, s.height),
            None => initial,
        };
        // Hidden until the AccessKit adapter exists: it must be made before the window shows.
        let mut attrs = Window::default_attributes()
            .with_title(window_title(&self.options.profile()))
            .with_inner_size(initial)
            .with_visible(false);
        // `--watch` restarts open where the old window was. Window managers may still place
        // it themselves (and an X server without one keeps it where it is asked).
        if let Some((x, y)) = self.options.window_pos {
            attrs = attrs.with_position(PhysicalPosition::new(x, y));
        }
        let window = match event_loop.create_window(attrs) {
            Ok(w) => Rc::new(w),
            Err(e) => return self.fail(event_loop, no_display(&e.to_string())),
        };
        let context = match Context::new(window.clone()) {
            Ok(c) => c,
            Err(e) => return self.fail(event_loop, format!("tenfoot-preview: no softbuffer context: {e}")),
        };
        match Surface::new(&context, window.clone()) {
            Ok(s) => self.surface = Some(s),
            Err(e) => return self.fail(event_loop, format!("tenfoot-preview: no softbuffer surface: {e}")),
        }
        // Screen readers (AT-SPI on Linux, VoiceOver, Narrator/NVDA) reach the window through
        // this; it costs nothing until one asks for the tree.
        self.access = Some(accesskit_winit::Adapter::with_event_loop_proxy(event_loop, &window, self.proxy.clone()));
        window.set_visible(true);
        self.window = Some(window);
        self.request_redraw();
        self.report_geometry();
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        if let (Some(a), Some(w)) = (self.access.as_mut(), self.window.as_ref()) {
            a.process_event(w, &event);
        }
        match event {
            WindowEvent::CloseRequested => event_loop.exit(),
            WindowEvent::Resized(_) => {
                self.needs_draw = true;
                self.request_redraw();
                self.report_geometry();
            }
            WindowEvent::Moved(_) => self.report_geometry(),
            WindowEvent::Focused(false) => {
                self.held.clear();
                self.driver.release_all();
            }
            WindowEvent::RedrawRequested => {
                if !std::mem::take(&mut self.own_redraw) {
                    self.needs_draw = true;
                }
                if let Err(e) = self.redraw() {
                    self.fail(event_loop, e);
                }
                if self.exit_requested {
                    event_loop.exit();
                }
            }
            WindowEvent::ModifiersChanged(m) => self.modifiers = m.state(),
            WindowEvent::KeyboardInput { event, .. } => self.keyboard(event),
            WindowEvent::CursorMoved { position, .. } => self.mouse_moved(position.x, position.y),
            WindowEvent::CursorLeft { .. } => self.cursor = None,
            WindowEvent::MouseInput { state, button: MouseButton::Left, .. } => match state {
                ElementState::Pressed => {
                    let at = self.cursor.and_then(|(x, y)| self.logical_point(x, y));
                    if let Some((x, y)) = at {
                        self.pointer(PointerAction::Down(x, y));
                    }
                }
                ElementState::Released => self.pointer(PointerAction::Up),
            },
            WindowEvent::MouseWheel { delta, .. } => {
                // Notches, down and right positive (winit's lines are up positive).
                let (dx, dy) = match delta {
                    MouseScrollDelta::LineDelta(x, y) => (x.round() as i32, -y.round() as i32),
                    MouseScrollDelta::PixelDelta(p) => ((p.x / 40.0).round() as i32, -(p.y / 40.0).round() as i32),
                };
                if dx != 0 || dy != 0 {
                    self.pointer(PointerAction::Wheel(dx, dy));
                }
            }
            _ => {}
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        #[cfg(feature = "gamepad")]
        let pad_connected = self.poll_gamepads();
        #[cfg(not(feature = "gamepad"))]
        let pad_connected = false;
        self.poll_reload();
        if let Some(w) = self.watch.as_mut() {
            match w.poll(Instant::now()) {
                watch::Poll::Unchanged => {}
                watch::Poll::Changed => self.needs_draw = true,
                watch::Poll::Orphaned => return event_loop.exit(),
            }
        }
        let busy = self.driver.replaying() || self.overlays.stats || self.needs_draw || self.driver.app.is_animating();
        if self.window.is_none() {
            return;
        }
        if busy {
            self.request_redraw();
            event_loop.set_control_flow(ControlFlow::Poll);
        } else if let Some(deadline) = self.driver.next_deadline() {
            event_loop.set_control_flow(ControlFlow::WaitUntil(self.instant_at(deadline)));
            if deadline <= self.now() {
                self.request_redraw();
            }
        } else if pad_connected {
            // gilrs has no wake-up of its own: poll at frame rate while a pad is connected.
            event_loop.set_control_flow(ControlFlow::WaitUntil(Instant::now() + Duration::from_millis(16)));
        } else if let Some(until) = self.toast.as_ref().map(|t| t.until) {
            event_loop.set_control_flow(ControlFlow::WaitUntil(self.instant_at(until)));
            if until <= self.now() {
                self.toast = None;
                self.needs_draw = true;
                self.request_redraw();
            }
        } else {
            event_loop.set_control_flow(ControlFlow::Wait);
        }
        // The pointer hides once the mouse has rested.
        if let (Some(moved), false) = (self.cursor_moved, self.cursor_hidden) {
            let due = moved + POINTER_IDLE;
            if due <= self.now() {
                self.cursor_hidden = true;
                if let Some(w) = &self.window {
                    w.set_cursor_visible(false);
                }
            } else {
                let at = self.instant_at(due);
                match event_loop.control_flow() {
                    ControlFlow::Poll => {}
                    ControlFlow::WaitUntil(t) if t <= at => {}
                    _ => event_loop.set_control_flow(ControlFlow::WaitUntil(at)),
                }
            }
        }
        // A pending file change settles at its own deadline; wake for it if nothing sooner.
        if let Some(due) = self.reload.as_ref().and_then(HotReload::deadline) {
            let due = self.started + due;
            match event_loop.control_flow() {
                ControlFlow::Poll => {}
                ControlFlow::WaitUntil(t) if t <= due => {}
                _ => event_loop.set_control_flow(ControlFlow::WaitUntil(due)),
            }
        }
        // Under `--watch`, wake up for the next look at the supervisor's status.
        if let Some(w) = &self.watch {
            let poll = w.next_poll();
            match event_loop.control_flow() {
                ControlFlow::Wait => event_loop.set_control_flow(ControlFlow::WaitUntil(poll)),
                ControlFlow::WaitUntil(t) if t > poll => event_loop.set_control_flow(ControlFlow::WaitUntil(poll)),
                _ => {}
            }
        }
    }
}

/// Loads a session file for `--replay`.
#[cfg(test)]
mod tests {
    use super::*;
    use tiny_skia::Pixmap;

    #[test]
    fn slowdown_stretches_frames_within_a_cap() {
        let ms = Duration::from_millis;
        let slept = slowdown_sleep(ms(10), 4.0);
        assert!(slept.abs_diff(ms(30)) < Duration::from_micros(1), "{slept:?}");
        assert_eq!(slowdown_sleep(ms(10), 1.0), Duration::ZERO);
        assert_eq!(slowdown_sleep(ms(10), f32::NAN), Duration::ZERO);
        assert_eq!(slowdown_sleep(ms(400), 4.0), MAX_SLOWDOWN_SLEEP);
    }

    #[test]
    fn zoom_fit_letterboxes_and_averages() {
        let mut src = Pixmap::new(4, 2).unwrap();
        src.fill(tiny_skia::Color::from_rgba8(200, 100, 50, 255));
        let win = PhysicalSize::new(4, 4);
        let f = Zoom::Fit.factor(PhysicalSize::new(4, 2), win);
        assert_eq!(f, 1.0);
        let mut dst = vec![0u32; 16];
        crate::present::present_scaled(&src, &mut dst, win, 0.5);
        // 2x1 image centred in 4x4: row 1 (oy = 1), columns 1..3
        assert_eq!(dst[4 + 1], 200 << 16 | 100 << 8 | 50);
        assert_eq!(dst[0], 0);
        assert_eq!(dst.iter().filter(|p| **p != 0).count(), 2);
    }
}
