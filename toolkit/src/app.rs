//! [`App`]: the world, its root element, and the frame loop that runs the phases in order.
//!
//! `App` owns the hecs world, the layout engine and the [`Resources`]; it knows no window and no
//! clock: time and input arrive as arguments to [`App::frame`]. Mutations go through `App`
//! methods so the phases know what changed (a changed style re-lays out one node, a changed
//! colour only repaints).

use std::time::Duration;

use hecs::{Entity, World};
use tenfoot_renderer::{
    Backend, Color, CpuBackend, DisplayList, FrameReport, PhysicalSize, Rect, Resources, Scale, Size,
};

use crate::element::El;
use crate::input::KeyEvent;
use crate::layout::{self, ComputedLayout, LayoutEngine, LayoutNode};
use crate::paint;
use crate::reactive::{self, Runtime};
use crate::style::{ImageContent, Style, TextContent, Visual};
use crate::tree::{self, Name};

/// The logical design space every screen is written for.
pub const LOGICAL_SIZE: Size = Size::new(1920.0, 1080.0);

/// The frame's phases, in the order [`App::frame`] runs them. Each has its own module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// `reactive`: run the effects whose signals were written since the last frame; they
    /// write text, styles and visuals through the `App` API.
    Reactive,
    /// `layout`: sync changed styles and text to taffy, recompute, write [`ComputedLayout`].
    Layout,
    /// `paint`: turn the tree into a [`DisplayList`].
    Paint,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Reactive, Phase::Layout, Phase::Paint];
}

/// What one call to [`App::frame`] produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// The new display list, or `None` when nothing changed since the last frame (no paint
    /// work was done and the previous pixels are still right).
    pub display_list: Option<DisplayList>,
    /// Problems reported during the frame (bad style values, missing images...).
    pub errors: Vec<String>,
}

/// A tree of elements and the state to lay it out and paint it.
pub struct App {
    world: World,
    root: Entity,
    layout: LayoutEngine,
    resources: Resources,
    viewport: Size,
    background: Color,
    needs_layout: bool,
    needs_paint: bool,
    pending_errors: Vec<String>,
    last_list: Option<DisplayList>,
    now: Duration,
    /// Signals, memos and effects (see the `reactive` module).
    pub(crate) reactive: Runtime,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("entities", &self.world.len()).field("viewport", &self.viewport).finish()
    }
}

impl App {
    /// An app with an empty root filling the logical screen.
    pub fn new(resources: Resources) -> Self {
        let mut world = World::new();
        let mut layout = LayoutEngine::new();
        let root_style = Style {
            width: crate::style::Length::Percent(1.0),
            height: crate::style::Length::Percent(1.0),
            ..Style::default()
        };
        let node = layout.create(&root_style, None);
        let root = world.spawn((root_style, Name("root".to_owned())));
        if let Some(node) = node {
            let _ = world.insert_one(root, LayoutNode(node));
        }
        Self {
            world,
            root,
            layout,
            resources,
            viewport: LOGICAL_SIZE,
            background: Color::BLACK,
            needs_layout: true,
            needs_paint: true,
            pending_errors: Vec::new(),
            last_list: None,
            now: Duration::ZERO,
            reactive: Runtime::default(),
        }
    }

    /// An app with only the bundled fonts as assets.
    pub fn headless() -> Self {
        Self::new(Resources::embedded())
    }

    pub fn root(&self) -> Entity {
        self.root
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// Direct world access for systems. Changes made here are not seen by layout or paint
    /// until [`App::invalidate`] is called.
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    pub fn resources_mut(&mut self) -> &mut Resources {
        &mut self.resources
    }

    pub fn layout_engine(&self) -> &LayoutEngine {
        &self.layout
    }

    /// The colour behind everything.
    pub fn background(&self) -> Color {
        self.background
    }

    pub fn set_background(&mut self, c: Color) {
        self.background = c;
        self.needs_paint = true;
    }

    /// The time of the last frame.
    pub fn now(&self) -> Duration {
        self.now
    }

    /// Marks layout and paint stale, after direct world edits.
    pub fn invalidate(&mut self) {
        self.needs_layout = true;
        self.needs_paint = true;
    }

    /// Spawns `el` and its subtree as the last child of `parent`; returns the new root entity.
    pub fn mount(&mut self, parent: Entity, el: impl Into<El>) -> Entity {
        self.mount_at(parent, el.into(), None)
    }

    /// Spawns `el` under `parent` at child position `index`.
    pub fn mount_at(&mut self, parent: Entity, el: El, index: Option<usize>) -> Entity {
        let e = self.spawn_subtree(el);
        tree::attach(&mut self.world, parent, e, index);
        self.sync_children(parent);
        self.invalidate();
        e
    }

    /// Replaces everything under the root with `el`.
    pub fn set_root(&mut self, el: impl Into<El>) -> Entity {
        for child in tree::children(&self.world, self.root) {
            self.despawn(child);
        }
        self.mount(self.root, el)
    }

    fn spawn_subtree(&mut self, mut el: El) -> Entity {
        let bindings = el.take_reactive();
        let (mut builder, children) = el.into_parts();
        let e = self.world.spawn(builder.build());
        self.check_style(e);
        let node = {
            let style = self.world.get::<&Style>(e).map(|s| (*s).clone()).unwrap_or_default();
            let text = self.world.get::<&TextContent>(e).ok().map(|t| (*t).clone());
            self.layout.create(&style, text.as_ref())
        };
        if let Some(node) = node {
            let _ = self.world.insert_one(e, LayoutNode(node));
        }
        for child in children {
            let c = self.spawn_subtree(child);
            tree::attach(&mut self.world, e, c, None);
        }
        self.sync_children(e);
        if !bindings.is_empty() {
            reactive::mount(self, e, bindings);
        }
        e
    }

    /// Replaces NaN, infinite and negative style values and reports them.
    fn check_style(&mut self, e: Entity) {
        let bad = match self.world.get::<&mut Style>(e) {
            Ok(mut s) => s.sanitize(),
            Err(_) => return,
        };
        if !bad.is_empty() {
            let path = tree::path(&self.world, e);
            self.pending_errors.push(format!("element `{path}`: invalid style values clamped: {}", bad.join(", ")));
        }
    }

    fn sync_children(&mut self, e: Entity) {
        let Ok(node) = self.world.get::<&LayoutNode>(e).map(|n| n.0) else { return };
        let nodes: Vec<_> = tree::children(&self.world, e)
            .into_iter()
            .filter_map(|c| self.world.get::<&LayoutNode>(c).ok().map(|n| n.0))
            .collect();
        self.layout.set_children(node, &nodes);
    }

    /// Despawns `e` and its whole subtree, with every component and layout node they own.
    pub fn despawn(&mut self, e: Entity) {
        if e == self.root || !self.world.contains(e) {
            return;
        }
        let parent = tree::parent(&self.world, e);
        tree::detach(&mut self.world, e);
        for n in tree::subtree(&self.world, e) {
            if let Ok(node) = self.world.get::<&LayoutNode>(n).map(|n| n.0) {
                self.layout.remove(node);
            }
            let _ = self.world.despawn(n);
            reactive::on_despawn(self, n);
        }
        if let Some(p) = parent {
            self.sync_children(p);
        }
        self.invalidate();
    }

    /// Replaces the style of `e`; only that node is re-laid out (plus what its size moves).
    pub fn set_style(&mut self, e: Entity, style: Style) {
        if self.world.insert_one(e, style).is_err() {
            return;
        }
        self.check_style(e);
        if let (Ok(node), Ok(s)) = (self.world.get::<&LayoutNode>(e).map(|n| n.0), self.world.get::<&Style>(e)) {
            self.layout.set_style(node, &s);
        }
        self.invalidate();
    }

    /// Edits the style of `e` in place.
    pub fn update_style(&mut self, e: Entity, f: impl FnOnce(&mut Style)) {
        let Ok(mut style) = self.world.get::<&Style>(e).map(|s| (*s).clone()) else { return };
        f(&mut style);
        self.set_style(e, style);
    }

    /// Changes the string of a text element.
    pub fn set_text(&mut self, e: Entity, text: impl Into<String>) {
        let text = text.into();
        let changed = match self.world.get::<&mut TextContent>(e) {
            Ok(mut t) if t.text != text => {
                t.text = text;
                true
            }
            _ => false,
        };
        if changed {
            if let (Ok(node), Ok(t)) =
                (self.world.get::<&LayoutNode>(e).map(|n| n.0), self.world.get::<&TextContent>(e))
            {
                self.layout.set_text(node, Some(&t));
            }
            self.invalidate();
        }
    }

    /// Edits the text content of `e` (string, colour, size, weight...). Re-lays out only when
    /// the string or the text style changed; a colour change only repaints.
    pub fn update_text(&mut self, e: Entity, f: impl FnOnce(&mut TextContent)) {
        let Ok(old) = self.world.get::<&TextContent>(e).map(|t| (*t).clone()) else { return };
        let mut new = old.clone();
        f(&mut new);
        if new == old {
            return;
        }
        let relayout = new.text != old.text || new.style != old.style;
        let _ = self.world.insert_one(e, new);
        if relayout {
            if let (Ok(node), Ok(t)) =
                (self.world.get::<&LayoutNode>(e).map(|n| n.0), self.world.get::<&TextContent>(e))
            {
                self.layout.set_text(node, Some(&t));
            }
            self.invalidate();
        } else {
            self.needs_paint = true;
        }
    }

    /// Edits the image content of `e` (source, fit, opacity). Only repaints.
    pub fn update_image(&mut self, e: Entity, f: impl FnOnce(&mut ImageContent)) {
        let Ok(old) = self.world.get::<&ImageContent>(e).map(|i| (*i).clone()) else { return };
        let mut new = old.clone();
        f(&mut new);
        if new != old {
            let _ = self.world.insert_one(e, new);
            self.needs_paint = true;
        }
    }

    /// Reports a problem in the next frame's `Frame::errors` (widgets and effects use it for
    /// bad data they recovered from).
    pub fn report_error(&mut self, message: impl Into<String>) {
        self.reactive.report(message.into());
    }

    /// Puts the children of `parent` in the order given by `order` (children not listed keep
    /// their relative order after them). Entities are kept: only the order changes.
    pub fn reorder_children(&mut self, parent: Entity, order: &[Entity]) {
        let current = tree::children(&self.world, parent);
        let mut next: Vec<Entity> = order.iter().copied().filter(|c| current.contains(c)).collect();
        next.extend(current.iter().copied().filter(|c| !order.contains(c)));
        if next == current {
            return;
        }
        if let Ok(mut c) = self.world.get::<&mut tree::Children>(parent) {
            c.0 = next;
        }
        self.sync_children(parent);
        self.invalidate();
    }

    /// Edits the visual of `e` (creating it if needed). Visual changes never re-lay out.
    pub fn update_visual(&mut self, e: Entity, f: impl FnOnce(&mut Visual)) {
        if !self.world.contains(e) {
            return;
        }
        let mut v = self.world.get::<&Visual>(e).map(|v| (*v).clone()).unwrap_or_default();
        f(&mut v);
        let _ = self.world.insert_one(e, v);
        self.needs_paint = true;
    }

    /// The laid-out rectangle of `e` (after the last frame's layout).
    pub fn rect(&self, e: Entity) -> Option<Rect> {
        self.world.get::<&ComputedLayout>(e).ok().map(|l| l.rect)
    }

    /// The focus path of the focused element (issue 4 adds focus; until then nothing is focused).
    pub fn focus_path(&self) -> Option<String> {
        None
    }

    /// The focused element (issue 4 adds focus; until then nothing is focused).
    pub fn focused(&self) -> Option<Entity> {
        None
    }

    /// Every focusable element (issue 4 adds focus).
    pub fn focusables(&self) -> Vec<Entity> {
        Vec::new()
    }

    /// True while something animates and more frames are needed (issue 6 adds animation).
    pub fn is_animating(&self) -> bool {
        reactive::uses_clock(self)
    }

    /// The first element named `name`.
    pub fn find(&self, name: &str) -> Option<Entity> {
        tree::find_by_name(&self.world, self.root, name)
    }

    /// Runs layout now if anything changed (normally [`App::frame`] does this).
    pub fn layout(&mut self) {
        if self.needs_layout {
            layout::run(&mut self.world, &mut self.layout, self.root, self.viewport, &mut self.resources.fonts);
            self.needs_layout = false;
        }
    }

    /// Advances the app to time `now` and runs the phases. Returns a display list only when
    /// something changed; an idle frame costs a few flag checks.
    pub fn frame(&mut self, now: Duration, input: &[KeyEvent]) -> Frame {
        self.now = now;
        // Focus and dispatch consume `input` (issue 4 adds that phase).
        let _ = input;
        let mut frame = Frame { errors: std::mem::take(&mut self.pending_errors), ..Frame::default() };
        for phase in Phase::ALL {
            match phase {
                Phase::Reactive => frame.errors.extend(reactive::run(self)),
                Phase::Layout => self.layout(),
                Phase::Paint => {
                    if self.needs_paint {
                        let list = paint::paint(&self.world, self.root, &mut self.resources);
                        self.last_list = Some(list.clone());
                        frame.display_list = Some(list);
                        self.needs_paint = false;
                    }
                }
            }
        }
        frame
    }

    /// The most recent display list (painting now if none exists yet).
    pub fn display_list(&mut self) -> DisplayList {
        if self.last_list.is_none() || self.needs_paint || self.needs_layout {
            let _ = self.frame(self.now, &[]);
        }
        self.last_list.clone().unwrap_or_default()
    }

    /// Draws the current frame with `backend`.
    pub fn draw(&mut self, backend: &mut dyn Backend) -> FrameReport {
        let list = self.display_list();
        backend.draw(&list, &mut self.resources, None)
    }

    /// Renders the current frame headless into a `size` buffer (the logical 1920x1080 screen
    /// scaled to fit). Cost: one full rasterization.
    pub fn render(&mut self, size: PhysicalSize) -> (CpuBackend, FrameReport) {
        let mut backend = CpuBackend::new(size, Scale::fit(self.viewport, size));
        backend.set_background(self.background);
        let report = self.draw(&mut backend);
        (backend, report)
    }

    /// Renders the current frame to PNG bytes.
    pub fn screenshot_png(&mut self, size: PhysicalSize) -> Result<Vec<u8>, String> {
        let (backend, _) = self.render(size);
        backend.encode_png()
    }
}
