//! [`App`]: the world, its root element, and the frame loop that runs the phases in order.
//!
//! `App` owns the hecs world, the layout engine and the [`Resources`]; it knows no window and no
//! clock: time and input arrive as arguments to [`App::frame`]. Mutations go through `App`
//! methods so the phases know what changed (a changed style re-lays out one node, a changed
//! colour only repaints).

use std::time::Duration;

use hecs::{Entity, World};
use tenfoot_renderer::{clip_text, Backend, Color, DisplayList, FrameReport, Rect, Resources, Size, MAX_TEXT_BYTES};

use crate::animation::{self, AnimState};
use crate::damage;
use crate::element::El;
use crate::errors::{ErrorKind, FrameError, Pending};
use crate::failure::{self, ErrorMark, Systems, MAX_TREE_DEPTH};
use crate::focus::{self, FocusState};
use crate::input::{self, InputState, KeyEvent};
use crate::layout::{self, ComputedLayout, LayoutEngine, LayoutNode};
use crate::paint::PaintCache;
use crate::reactive::{self, Runtime};
use crate::screen::ScreenEntry;
use crate::scroll;
use crate::style::{ImageContent, Style, TextContent, Visual};
use crate::tasks::{self, Tasks};
use crate::tree::{self, Name};

/// The logical design space every screen is written for.
pub const LOGICAL_SIZE: Size = Size::new(1920.0, 1080.0);

/// The frame's phases, in the order [`App::frame`] runs them. Each has its own module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// `input`: takes the frame's [`KeyEvent`]s, tracks which keys are held, drops releases
    /// of keys that were never pressed.
    Input,
    /// `focus`: dispatches keys to the focused element and its ancestors, moves focus
    /// (spatial navigation, scopes, traps), pops screens on Back, keeps focus valid.
    Focus,
    /// `reactive`: run the effects whose signals were written since the last frame; they
    /// write text, styles and visuals through the `App` API.
    Reactive,
    /// `tasks`: poll ready tasks within the budget, fire timers, move host bus messages, apply
    /// the app updates tasks queued.
    Tasks,
    /// `animation`: advance tweens and springs to the frame time, write animated values.
    Animation,
    /// `layout`: sync changed styles and text to taffy, recompute, write [`ComputedLayout`].
    Layout,
    /// `scroll`: scroll containers move so the focused descendant is visible.
    Scroll,
    /// `paint`: turn the tree into a [`DisplayList`].
    Paint,
}

impl Phase {
    pub const ALL: [Phase; 8] = [
        Phase::Input,
        Phase::Focus,
        Phase::Reactive,
        Phase::Tasks,
        Phase::Animation,
        Phase::Layout,
        Phase::Scroll,
        Phase::Paint,
    ];
}

/// What one call to [`App::frame`] produced. Borrows the app's display list (no copy) and its
/// resources, so [`Frame::draw`] can hand both to a backend.
pub struct Frame<'a> {
    /// The new display list, or `None` when nothing changed since the last frame (no paint
    /// work was done and the previous pixels are still right).
    pub display_list: Option<&'a DisplayList>,
    /// Problems reported during the frame (bad style values, missing images, caught panics).
    pub errors: Vec<FrameError>,
    /// With a display list: the logical rectangles that differ from the previous frame
    /// (`Some(vec![])` when it paints the same), or `None` when everything must be redrawn
    /// (the first frame, a background change).
    pub damage: Option<Vec<Rect>>,
    /// Key presses nothing handled, for the host (Back on the bottom screen: leave the app).
    pub unhandled: Vec<KeyEvent>,
    /// True while an animation or transition runs: the host should ask for another frame.
    pub animating: bool,
    /// The colour behind everything.
    pub background: Color,
    resources: &'a mut Resources,
}

impl std::fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame")
            .field("painted", &self.display_list.map(|l| l.commands.len()))
            .field("errors", &self.errors)
            .field("damage", &self.damage)
            .field("unhandled", &self.unhandled)
            .field("animating", &self.animating)
            .finish()
    }
}

impl Frame<'_> {
    /// True when the frame painted a new display list.
    pub fn painted(&self) -> bool {
        self.display_list.is_some()
    }

    /// Draws the new display list with `backend`, limited to the damage. `None` when nothing
    /// changed (the backend's previous pixels are still right).
    pub fn draw(&mut self, backend: &mut dyn Backend) -> Option<FrameReport> {
        let list = self.display_list?;
        Some(backend.draw(list, self.resources, self.damage.as_deref()))
    }

    /// The resources the display list refers to.
    pub fn resources(&mut self) -> &mut Resources {
        self.resources
    }
}

/// A tree of elements and the state to lay it out and paint it.
pub struct App {
    pub(crate) world: World,
    pub(crate) root: Entity,
    layout: LayoutEngine,
    pub(crate) resources: Resources,
    viewport: Size,
    background: Color,
    pub(crate) needs_layout: bool,
    pub(crate) needs_paint: bool,
    /// The screen runs right to left (the locale's direction): layout mirrors what it writes.
    rtl: bool,
    /// Problems reported since the last frame returned, with the element they concern.
    errors: Vec<Pending>,
    /// The phase [`App::frame`] is running (`None` between frames).
    phase: Option<Phase>,
    /// Layout passes run in the current frame (for the frame contract's test).
    layout_runs: u32,
    last_list: Option<DisplayList>,
    /// Each element's commands and damage record, kept between frames (retained paint).
    paint_cache: PaintCache,
    /// The next painted frame is drawn in full (the first one, a background change).
    full_redraw: bool,
    pub(crate) now: Duration,
    // --- input, focus, screens, scroll (focus issue) ---
    pub(crate) input: InputState,
    pub(crate) focus: FocusState,
    pub(crate) screens: Vec<ScreenEntry>,
    pub(crate) needs_scroll: bool,
    /// Animation state (see the `animation` module).
    pub(crate) anim: AnimState,
    /// Tasks, timers and the host bus (`tasks` module).
    pub(crate) tasks: Tasks,
    /// Signals, memos and effects (see the `reactive` module).
    pub(crate) reactive: Runtime,
    /// Custom systems (`failure` module).
    pub(crate) systems: Systems,
    /// The semantics tree and the announcer (`semantics` module).
    pub(crate) semantics: crate::semantics::SemanticsState,
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
            rtl: false,
            errors: Vec::new(),
            phase: None,
            layout_runs: 0,
            last_list: None,
            paint_cache: PaintCache::default(),
            full_redraw: true,
            now: Duration::ZERO,
            input: InputState::default(),
            focus: FocusState::default(),
            screens: Vec::new(),
            needs_scroll: false,
            anim: AnimState::default(),
            tasks: Tasks::default(),
            reactive: Runtime::default(),
            systems: Systems::default(),
            semantics: crate::semantics::SemanticsState::default(),
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

    /// The logical size screens are laid out in ([`LOGICAL_SIZE`]).
    pub fn viewport(&self) -> Size {
        self.viewport
    }

    /// The colour behind everything.
    pub fn background(&self) -> Color {
        self.background
    }

    pub fn set_background(&mut self, c: Color) {
        self.background = c;
        self.needs_paint = true;
        self.full_redraw = true;
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
    ///
    /// Refused (nothing is spawned, the report says why, and the returned entity is
    /// `Entity::DANGLING`, which every `App` method treats as gone) when `parent` does not exist
    /// or is already at [`MAX_TREE_DEPTH`]: the depth limit holds for every way of mounting,
    /// one element at a time included, and the parent then shows the error placeholder.
    pub fn mount_at(&mut self, parent: Entity, el: El, index: Option<usize>) -> Entity {
        if !self.world.contains(parent) {
            let count = crate::element::count_and_drop(vec![el]);
            let msg = format!("mount under an element that does not exist: {count} elements not mounted");
            self.report(FrameError::new(ErrorKind::Limit, msg));
            return Entity::DANGLING;
        }
        let depth = tree::ancestors(&self.world, parent).len() + 1;
        if depth > MAX_TREE_DEPTH {
            let count = crate::element::count_and_drop(vec![el]);
            let msg = format!("element tree deeper than {MAX_TREE_DEPTH} levels: {count} elements not mounted");
            self.report_on(parent, ErrorKind::Limit, msg.clone());
            if self.world.get::<&ErrorMark>(parent).is_err() {
                let _ = self.world.insert_one(parent, ErrorMark { message: msg });
                self.request_paint();
            }
            return Entity::DANGLING;
        }
        let e = self.spawn_subtree(el, depth, parent, index);
        self.link_layout(parent, e);
        self.invalidate();
        e
    }

    /// Puts `child`'s layout node under `parent`'s after a mount. Appended to a parent whose
    /// layout children match its tree children so far (the usual case), it is one append: a
    /// wide parent (10,000 pushed screens under the root) does not rebuild its whole list on
    /// every mount. Otherwise the list is set again from the tree.
    fn link_layout(&mut self, parent: Entity, child: Entity) {
        let nodes =
            (self.world.get::<&LayoutNode>(parent).map(|n| n.0), self.world.get::<&LayoutNode>(child).map(|n| n.0));
        let appended = self
            .world
            .get::<&tree::Children>(parent)
            .ok()
            .and_then(|c| (c.0.last() == Some(&child)).then_some(c.0.len()));
        if let ((Ok(p), Ok(c)), Some(len)) = (nodes, appended) {
            if self.layout.child_count(p) + 1 == len {
                self.layout.add_child(p, c);
                return;
            }
        }
        self.sync_children(parent);
    }

    /// Replaces everything under the root with `el`.
    pub fn set_root(&mut self, el: impl Into<El>) -> Entity {
        for child in tree::children(&self.world, self.root) {
            self.despawn(child);
        }
        self.reset_screens();
        self.mount(self.root, el)
    }

    /// Spawns `el` (at `depth` below the root) and its subtree as a child of `parent` (at
    /// `index`, else last). Recursive, but never deeper than [`MAX_TREE_DEPTH`]: an element
    /// there keeps no children and shows the error placeholder. Each element is attached
    /// before its children are spawned and its bindings first run, so a binding sees the
    /// element's ancestors (a rail item's tile finds the slot holding it).
    fn spawn_subtree(&mut self, mut el: El, depth: usize, parent: Entity, index: Option<usize>) -> Entity {
        let focus_spec = el.take_focus_spec();
        let bindings = el.take_reactive();
        let (mut builder, mut children) = el.into_parts();
        let e = self.world.spawn(builder.build());
        tree::attach(&mut self.world, parent, e, index);
        if depth >= MAX_TREE_DEPTH && !children.is_empty() {
            let cut = crate::element::count_and_drop(std::mem::take(&mut children));
            let msg = format!("element tree deeper than {MAX_TREE_DEPTH} levels: {cut} elements not mounted");
            self.report_on(e, ErrorKind::Limit, msg.clone());
            let _ = self.world.insert_one(e, ErrorMark { message: msg });
        }
        focus::attach(&mut self.world, &mut self.focus, e, focus_spec);
        self.check_style(e);
        self.check_text(e);
        let node = {
            let style = self.world.get::<&Style>(e).map(|s| (*s).clone()).unwrap_or_default();
            let text = self.world.get::<&TextContent>(e).ok().map(|t| (*t).clone());
            self.layout.create(&style, text.as_ref())
        };
        if let Some(node) = node {
            let _ = self.world.insert_one(e, LayoutNode(node));
        }
        for child in children {
            self.spawn_subtree(child, depth + 1, e, None);
        }
        self.sync_children(e);
        animation::on_spawn(self, e);
        if !bindings.is_empty() {
            reactive::mount(self, e, bindings);
        }
        e
    }

    /// Cuts text longer than [`MAX_TEXT_BYTES`] (at a character boundary) and reports it.
    fn check_text(&mut self, e: Entity) {
        let cut = match self.world.get::<&mut TextContent>(e) {
            Ok(mut t) if t.text.len() > MAX_TEXT_BYTES => {
                let len = t.text.len();
                let keep = clip_text(&t.text).len();
                t.text.truncate(keep);
                len
            }
            _ => return,
        };
        self.report_on(e, ErrorKind::Limit, format!("text longer than {MAX_TEXT_BYTES} bytes ({cut}) was cut"));
    }

    /// Replaces NaN, infinite and negative style values and reports them.
    fn check_style(&mut self, e: Entity) {
        let bad = match self.world.get::<&mut Style>(e) {
            Ok(mut s) => s.sanitize(),
            Err(_) => return,
        };
        if !bad.is_empty() {
            self.report_on(e, ErrorKind::InvalidValue, format!("invalid style values clamped: {}", bad.join(", ")));
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
        if e == self.root || !self.world.contains(e) || animation::begin_exit(self, e) {
            return;
        }
        animation::cancel_subtree(self, e);
        self.tasks.cancel_owned(&tree::subtree(&self.world, e));
        let parent = tree::parent(&self.world, e);
        tree::detach(&mut self.world, e);
        let doomed = tree::subtree(&self.world, e);
        // Components, handlers and reactive nodes may hold user values whose `Drop` panics:
        // everything is detached first, then dropped behind a panic boundary.
        let mut components = Vec::with_capacity(doomed.len());
        for n in &doomed {
            if let Ok(node) = self.world.get::<&LayoutNode>(*n).map(|n| n.0) {
                self.layout.remove(node);
            }
            if let Ok(taken) = self.world.take(*n) {
                let mut held = hecs::EntityBuilder::new();
                held.add_bundle(taken);
                components.push(held);
            }
            reactive::on_despawn(self, *n);
        }
        failure::drop_guarded(self, components, "the components of a despawned element");
        let handlers = focus::forget(&mut self.world, &mut self.focus, &doomed);
        failure::drop_guarded(self, handlers, "the handlers of a despawned element");
        if let Some(p) = parent {
            self.sync_children(p);
        }
        self.invalidate();
    }

    /// Replaces the style of `e`; only that node is re-laid out (plus what its size moves).
    pub fn set_style(&mut self, e: Entity, mut style: Style) {
        animation::intercept_style(self, e, &mut style);
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
            self.check_text(e);
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
        self.check_text(e);
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

    /// Lays the whole screen out right to left (or back): rows start at the right, paddings,
    /// alignments and insets mirror, and arrows follow what the eye sees (see the layout
    /// phase). [`App::set_locale`] calls it with the locale's direction. Costs one layout
    /// write-back; taffy recomputes nothing.
    pub fn set_rtl(&mut self, rtl: bool) {
        if self.rtl != rtl {
            self.rtl = rtl;
            self.needs_layout = true;
            self.needs_paint = true;
        }
    }

    /// Whether the screen runs right to left ([`App::set_rtl`]).
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// Reports a problem in the next frame's `Frame::errors` (widgets and effects use it for
    /// bad data they recovered from), as [`ErrorKind::Other`].
    pub fn report_error(&mut self, message: impl Into<String>) {
        self.report(FrameError::new(ErrorKind::Other, message));
    }

    /// Reports `error` in the next frame's `Frame::errors`; the running phase is filled in.
    pub fn report(&mut self, mut error: FrameError) {
        error.phase = error.phase.or(self.phase);
        self.errors.push(Pending { error, element: None });
    }

    /// Reports a problem with element `e`; its path is named when the frame returns (so an
    /// element still being mounted is named too).
    pub fn report_on(&mut self, e: Entity, kind: ErrorKind, message: impl Into<String>) {
        let error = FrameError { kind, phase: self.phase, element: None, message: message.into() };
        self.errors.push(Pending { error, element: Some(e) });
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
        animation::intercept_visual(self, e, &mut v);
        let _ = self.world.insert_one(e, v);
        self.needs_paint = true;
    }

    /// The laid-out rectangle of `e` (after the last frame's layout).
    pub fn rect(&self, e: Entity) -> Option<Rect> {
        self.world.get::<&ComputedLayout>(e).ok().map(|l| l.rect)
    }

    /// Every focusable element, in tree order (for overlays and tools).
    pub fn focusables(&self) -> Vec<Entity> {
        tree::subtree(&self.world, self.root)
            .into_iter()
            .filter(|e| self.world.get::<&crate::focus::Focusable>(*e).is_ok())
            .collect()
    }

    /// The first element named `name`.
    pub fn find(&self, name: &str) -> Option<Entity> {
        tree::find_by_name(&self.world, self.root, name)
    }

    /// Brings geometry up to date: layout if a style or text changed since it last ran, then
    /// the scroll phase if layout or focus moved things. The one owner of geometry: the focus
    /// phase (navigation needs current rectangles), the layout phase and paint (after a custom
    /// system) all ask here, so layout runs at most once a frame unless a phase changed styles
    /// after it. Cheap when nothing changed.
    pub fn layout(&mut self) {
        if self.needs_layout {
            layout::run(
                &mut self.world,
                &mut self.layout,
                self.root,
                self.viewport,
                &mut self.resources.fonts,
                self.rtl,
            );
            self.needs_layout = false;
            self.needs_scroll = true;
            self.layout_runs += 1;
            animation::after_layout(self);
        }
    }

    /// Layout passes the last (or current) frame ran.
    pub fn layout_runs(&self) -> u32 {
        self.layout_runs
    }

    /// Runs the scroll phase now (normally [`App::frame`] does this).
    pub(crate) fn run_scroll(&mut self) {
        self.needs_scroll = false;
        let changed = scroll::run(&mut self.world, self.focus.focused);
        if changed.is_empty() {
            return;
        }
        self.needs_paint = true;
        // The focus search already sees the new offset; the picture glides there on a
        // critically damped spring (snaps with reduced motion).
        for (e, before) in changed {
            let Ok(s) = self.world.get::<&scroll::Scroll>(e).map(|s| *s) else { continue };
            let point = |o: f32| match s.axis {
                scroll::ScrollAxis::Horizontal => tenfoot_renderer::Point::new(o, 0.0),
                scroll::ScrollAxis::Vertical => tenfoot_renderer::Point::new(0.0, o),
            };
            if self.world.get::<&crate::style::ScrollOffset>(e).is_err() {
                let _ = self.world.insert_one(e, crate::style::ScrollOffset(point(before)));
            }
            let stiffness = 300.0f32;
            let spring = crate::animation::Spring::new(stiffness, 2.0 * stiffness.sqrt(), 1.0);
            let _ = self.spring(e, crate::animation::AnimProp::ScrollOffset, point(s.offset), spring);
        }
    }

    /// Advances the app to time `now`, handles `input` (in order) and runs the phases, in the
    /// order [`Phase`] lists them. Returns a display list only when something changed; an idle
    /// frame costs a few flag checks.
    pub fn frame(&mut self, now: Duration, input: &[KeyEvent]) -> Frame<'_> {
        self.now = now;
        self.anim.begin_frame();
        self.layout_runs = 0;
        let events = self.phase(Phase::Input, |app| input::run(&mut app.input, input));
        self.phase(Phase::Focus, |app| focus::run(app, &events));
        self.phase(Phase::Reactive, reactive::run);
        self.phase(Phase::Tasks, tasks::run);
        self.phase(Phase::Animation, |app| {
            animation::run(app);
            // Signals written by tasks, timers, host messages and animation callbacks run their
            // effects now, so what they change is in this frame's picture, not the next one's.
            reactive::run(app);
        });
        self.phase(Phase::Layout, |app| {
            // An exit motion that ended in the animation phase despawned its element: settle
            // focus now (back from a closed dialog), not a frame late.
            if app.focus.needs_check {
                focus::settle(app);
            }
            app.layout();
        });
        self.phase(Phase::Scroll, |app| {
            if app.needs_scroll {
                app.run_scroll();
            }
        });
        // Custom paint systems run before painting, so what they change is in this picture.
        self.phase = Some(Phase::Paint);
        failure::run_systems(self, Phase::Paint);
        let damage = self.paint();
        // After paint, so the tree sees this frame's layout, focus and look.
        crate::semantics::run(self, damage.is_some());
        self.phase = None;
        self.finish_frame(damage)
    }

    /// Runs one phase's own work, then the custom systems registered for it.
    fn phase<R>(&mut self, phase: Phase, run: impl FnOnce(&mut App) -> R) -> R {
        self.phase = Some(phase);
        let out = run(self);
        failure::run_systems(self, phase);
        out
    }

    /// The paint phase: the tree becomes a display list (elements whose inputs did not change
    /// keep their commands, see [`PaintCache`]) and the damage comes from the elements whose
    /// records changed. `None` when nothing needed painting; `Some(None)` for a full redraw.
    fn paint(&mut self) -> Option<Option<Vec<Rect>>> {
        // A custom system may have changed styles after the layout phase.
        self.layout();
        if !self.needs_paint {
            return None;
        }
        let previous = self.last_list.take();
        let (list, rects) = self.paint_cache.paint(&self.world, self.root, &mut self.resources, previous);
        let damage = (!std::mem::take(&mut self.full_redraw)).then(|| damage::merge(rects));
        self.last_list = Some(list);
        self.needs_paint = false;
        Some(damage)
    }

    /// The current tree painted from scratch, without the retained commands (the reference
    /// retained paint is tested against: it must equal [`App::display_list`]).
    pub fn paint_from_scratch(&mut self) -> DisplayList {
        self.layout();
        crate::paint::paint(&self.world, self.root, &mut self.resources)
    }

    /// Forgets the retained paint: the next frame rebuilds every element's commands (for
    /// measuring a paint from scratch, and after replacing fonts or images under the same
    /// names).
    pub fn forget_paint(&mut self) {
        self.paint_cache.clear();
    }

    /// Names the elements of the frame's errors and hands everything to the [`Frame`].
    fn finish_frame(&mut self, damage: Option<Option<Vec<Rect>>>) -> Frame<'_> {
        let errors = std::mem::take(&mut self.errors)
            .into_iter()
            .map(|p| match p.element {
                Some(e) => p.error.at(tree::path(&self.world, e)),
                None => p.error,
            })
            .collect();
        let unhandled = std::mem::take(&mut self.focus.unhandled);
        let animating = animation::is_animating(self) || reactive::uses_clock(self);
        Frame {
            display_list: damage.is_some().then_some(self.last_list.as_ref()).flatten(),
            damage: damage.flatten(),
            errors,
            unhandled,
            animating,
            background: self.background,
            resources: &mut self.resources,
        }
    }

    /// Marks paint stale without re-layout (animated visual values).
    pub(crate) fn request_paint(&mut self) {
        self.needs_paint = true;
    }

    pub(crate) fn layout_engine_mut(&mut self) -> &mut LayoutEngine {
        &mut self.layout
    }

    /// The most recent display list, painting now (in a frame at the current time) if the app
    /// changed since. Errors that frame reports wait for the next one.
    pub fn display_list(&mut self) -> &DisplayList {
        self.paint_if_stale();
        self.last_list.get_or_insert_with(DisplayList::default)
    }

    /// The last painted display list and the resources it refers to, without painting (the
    /// window redraws it under changed overlays).
    pub fn last_display_list(&mut self) -> Option<(&DisplayList, &mut Resources)> {
        Some((self.last_list.as_ref()?, &mut self.resources))
    }

    /// Draws the current frame with `backend` (painting first if the app changed).
    pub fn draw(&mut self, backend: &mut dyn Backend) -> FrameReport {
        self.paint_if_stale();
        let list = self.last_list.get_or_insert_with(DisplayList::default);
        backend.draw(list, &mut self.resources, None)
    }

    fn paint_if_stale(&mut self) {
        if self.last_list.is_none() || self.needs_paint || self.needs_layout {
            let errors = self.frame(self.now, &[]).errors;
            // Nobody sees this frame's report: keep its errors for the next one.
            self.carry_errors(errors);
        }
    }

    /// Keeps errors of a frame nobody looked at for the next frame's report.
    pub(crate) fn carry_errors(&mut self, errors: Vec<FrameError>) {
        self.errors.extend(errors.into_iter().map(|error| Pending { error, element: None }));
    }
}
