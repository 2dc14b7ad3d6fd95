//! The desktop window: winit for the window and events, softbuffer for pixels, the CPU backend
//! for drawing. The frame is rasterized at the window's fitting scale (so text stays crisp at
//! any window size) and letterboxed to keep the 16:9 aspect.

use std::num::NonZeroU32;
use std::rc::Rc;
use std::time::Instant;

use softbuffer::{Context, Surface};
use tenfoot_renderer::{Backend, Color, CpuBackend, DisplayList, PhysicalSize, Resources, Scale};
use tenfoot_toolkit::{App, LOGICAL_SIZE};
use winit::application::ApplicationHandler;
use winit::dpi::LogicalSize;
use winit::event::{ElementState, KeyEvent, WindowEvent};
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::keyboard::{Key, NamedKey};
use winit::window::{Window, WindowId};

struct Preview {
    app: App,
    started: Instant,
    window: Option<Rc<Window>>,
    surface: Option<Surface<Rc<Window>, Rc<Window>>>,
    backend: Option<CpuBackend>,
    error: Option<String>,
    hook: Option<FrameHook>,
}

/// Called with each painted frame's display list, resources and background (`--sink`).
pub type FrameHook = Box<dyn FnMut(&DisplayList, &mut Resources, Color)>;

/// Opens the window and runs until it is closed. Errors (no display, no surface) come back as
/// one-line messages.
pub fn run_window(app: App) -> Result<(), String> {
    run_window_with(app, None)
}

/// [`run_window`], calling `hook` after each frame is drawn.
pub fn run_window_with(app: App, hook: Option<FrameHook>) -> Result<(), String> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(no_display("DISPLAY is not set"));
    }
    let event_loop = EventLoop::new().map_err(|e| no_display(&e.to_string()))?;
    let mut preview =
        Preview { app, started: Instant::now(), window: None, surface: None, backend: None, error: None, hook };
    event_loop.run_app(&mut preview).map_err(|e| format!("tenfoot-preview: event loop failed: {e}"))?;
    match preview.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn no_display(why: &str) -> String {
    format!(
        "tenfoot-preview: no display available ({why}). Run headless instead, for example: \
         --screenshot out.png [--size 1920x1080]"
    )
}

impl Preview {
    fn fail(&mut self, event_loop: &ActiveEventLoop, message: String) {
        self.error = Some(message);
        event_loop.exit();
    }

    fn redraw(&mut self) -> Result<(), String> {
        let (Some(window), Some(surface)) = (self.window.clone(), self.surface.as_mut()) else { return Ok(()) };
        let size = window.inner_size();
        let (Some(w), Some(h)) = (NonZeroU32::new(size.width), NonZeroU32::new(size.height)) else { return Ok(()) };
        surface.resize(w, h).map_err(|e| format!("tenfoot-preview: cannot resize surface: {e}"))?;
        let window_size = PhysicalSize::new(size.width, size.height);
        let scale = Scale::fit(LOGICAL_SIZE, window_size);
        let frame_size = PhysicalSize::new(
            ((LOGICAL_SIZE.width * scale.0).round() as u32).clamp(1, size.width),
            ((LOGICAL_SIZE.height * scale.0).round() as u32).clamp(1, size.height),
        );
        let backend = self.backend.get_or_insert_with(|| CpuBackend::new(frame_size, scale));
        backend.resize(frame_size, scale);
        backend.set_background(self.app.background());
        let _ = self.app.frame(self.started.elapsed());
        let list = self.app.display_list();
        let report = backend.draw(&list, self.app.resources_mut(), None);
        for e in report.errors {
            eprintln!("tenfoot-preview: {e}");
        }
        if let Some(hook) = &mut self.hook {
            let background = self.app.background();
            hook(&list, self.app.resources_mut(), background);
        }
        let mut buffer = surface.buffer_mut().map_err(|e| format!("tenfoot-preview: no buffer: {e}"))?;
        let ox = (size.width - frame_size.width) / 2;
        let oy = (size.height - frame_size.height) / 2;
        buffer.fill(0);
        let px = backend.pixmap().data();
        let fw = frame_size.width as usize;
        for y in 0..frame_size.height as usize {
            let dst = (oy as usize + y) * size.width as usize + ox as usize;
            let src = &px[y * fw * 4..(y + 1) * fw * 4];
            for (x, p) in src.chunks_exact(4).enumerate() {
                // The frame is opaque (drawn over a solid background), so premultiplied
                // channels are the colour itself.
                buffer[dst + x] = (p[0] as u32) << 16 | (p[1] as u32) << 8 | p[2] as u32;
            }
        }
        buffer.present().map_err(|e| format!("tenfoot-preview: present failed: {e}"))
    }
}

impl ApplicationHandler for Preview {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.window.is_some() {
            return;
        }
        let attrs =
            Window::default_attributes().with_title("tenfoot preview").with_inner_size(LogicalSize::new(1280.0, 720.0));
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
        window.request_redraw();
        self.window = Some(window);
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested => event_loop.exit(),
            WindowEvent::Resized(_) => {
                if let Some(w) = &self.window {
                    w.request_redraw();
                }
            }
            WindowEvent::RedrawRequested => {
                if let Err(e) = self.redraw() {
                    self.fail(event_loop, e);
                }
            }
            WindowEvent::KeyboardInput {
                event: KeyEvent { logical_key: Key::Named(NamedKey::Escape), state: ElementState::Pressed, .. },
                ..
            } => event_loop.exit(),
            _ => {}
        }
    }
}
