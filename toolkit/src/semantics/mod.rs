//! Semantics: what each element *is* for a screen reader (role, label, description, value,
//! states), the tree built from them, the TV announcer that speaks the focus path, and the
//! accessibility lint.
//!
//! Semantics are a component ([`Semantics`]) set by `El` builder methods (`.role()`, `.label()`,
//! `.description()`...) or later with [`App::update_semantics`]; library widgets set their own.
//! Focus, disabled and hidden states are not stored twice: the tree reads them from the focus
//! components and the style. Building the tree is off until something asks for it
//! ([`App::enable_semantics`], or the announcer): an app nobody listens to pays nothing.
//!
//! Once enabled, the tree (`tree.rs`) is rebuilt at the end of each frame in which something
//! changed (the frame painted, focus moved, or semantics were edited); nodes are keyed by their
//! entity's bits, so ids are stable for an element's life, and the update handed to an adapter
//! ([`App::take_semantics_update`]) carries only the nodes that changed since it last asked.
//!
//! Reads: the tree, [`Semantics`], [`crate::TextContent`], [`crate::ImageContent`], focus and
//! disabled markers, layout and style. Writes: nothing in the world; its own state and, through
//! the announcer, `tts.speak` messages on the host bus.

pub mod announce;
pub mod lint;
mod tree;

use hecs::Entity;

use crate::app::App;
use crate::element::El;

pub use announce::{Announcer, Politeness, TtsSpeak, Utterance};
pub use lint::{a11y_lint, A11yFinding, A11yLintReport, FindingKind, LintOptions, MIN_TEXT_LOGICAL, MIN_TEXT_PHYSICAL};
use tree::NodeCache;
pub use tree::{NodeStates, SemNode, SemanticsTree, SemanticsUpdate};

/// What an element is, as a screen reader names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A whole screen (home, details); its label is announced when focus enters it.
    Screen,
    /// A plain grouping; announced on entry only when it has a label.
    Group,
    Button,
    Link,
    /// A poster or card that opens something.
    Tile,
    Heading,
    Text,
    Image,
    /// A one-dimensional collection (a rail); focused items get "n of m".
    List,
    /// A two-dimensional collection.
    Grid,
    Tab,
    TabList,
    Dialog,
    /// An on/off switch.
    Toggle,
    Checkbox,
    Slider,
    Progress,
    TextField,
    /// A key of an on-screen keyboard.
    Key,
    Keyboard,
    /// A polite live region (an info toast).
    Status,
    /// An assertive live region (an error toast).
    Alert,
}

impl Role {
    /// The word spoken after the label (`"Play, button"`); `None` for roles a TV reader does
    /// not name (tiles, text, keys, live regions).
    pub fn word(self) -> Option<&'static str> {
        Some(match self {
            Role::Screen => "screen",
            Role::Button => "button",
            Role::Link => "link",
            Role::Heading => "heading",
            Role::Image => "image",
            Role::List => "list",
            Role::Grid => "grid",
            Role::Tab => "tab",
            Role::TabList => "tab list",
            Role::Dialog => "dialog",
            Role::Toggle => "switch",
            Role::Checkbox => "checkbox",
            Role::Slider => "slider",
            Role::Progress => "progress",
            Role::TextField => "text field",
            Role::Keyboard => "keyboard",
            Role::Group | Role::Tile | Role::Text | Role::Key | Role::Status | Role::Alert => return None,
        })
    }

    /// Roles whose descendants are presentation: their text makes the label and they are not
    /// nodes of their own (ARIA's "children presentational").
    pub fn children_presentational(self) -> bool {
        matches!(
            self,
            Role::Button
                | Role::Link
                | Role::Tile
                | Role::Tab
                | Role::Toggle
                | Role::Checkbox
                | Role::Slider
                | Role::Progress
                | Role::TextField
                | Role::Key
                | Role::Image
                | Role::Heading
                | Role::Status
                | Role::Alert
        )
    }

    /// Containers the announcer names when focus enters them.
    pub fn announced_on_entry(self) -> bool {
        matches!(self, Role::Screen | Role::List | Role::Grid | Role::TabList | Role::Dialog | Role::Keyboard)
    }

    /// Collections whose focusable items are counted ("2 of 8").
    pub fn is_collection(self) -> bool {
        matches!(self, Role::List | Role::Grid | Role::TabList | Role::Keyboard)
    }
}

/// An element's semantics. Everything is optional: an element without a role gets one from
/// what it is (focusable: button, text: text, image: image), a focusable without a label is
/// named by the text inside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Semantics {
    pub role: Option<Role>,
    /// What it is called ("Play", a tile's title, an image's alt text).
    pub label: Option<String>,
    /// Said after the label and position ("Season 2 Episode 2", a tile's meta line).
    pub description: Option<String>,
    /// Its current value ("40 % watched", a slider's position, a field's text).
    pub value: Option<String>,
    /// What pressing it does, said last ("press Select to play").
    pub hint: Option<String>,
    pub selected: bool,
    /// For toggles and checkboxes.
    pub checked: Option<bool>,
    /// Loading: its content is not there yet.
    pub busy: bool,
    /// Nothing a reader should say (a decorative image, a big rank numeral that the tile's
    /// label already says). Its subtree is still walked.
    pub decorative: bool,
    /// This item's place in its collection, 1-based: set by virtualized collections, whose
    /// unmounted items cannot be counted (the place is otherwise the order of the items).
    pub index: Option<usize>,
    /// A collection's number of items when not all are mounted.
    pub count: Option<usize>,
}

/// Edits the [`Semantics`] being built on `el`.
fn edit(mut el: El, f: impl FnOnce(&mut Semantics)) -> El {
    f(el.semantics.get_or_insert_with(Semantics::default));
    el
}

impl El {
    /// What the element is for a screen reader (see [`Role`]).
    pub fn role(self, role: Role) -> Self {
        edit(self, |s| s.role = Some(role))
    }
    /// What a screen reader calls it (an image's alt text, a button's name).
    pub fn label(self, label: impl Into<String>) -> Self {
        let label = label.into();
        edit(self, |s| s.label = Some(label))
    }
    /// Said after the label and position (a tile's meta line).
    pub fn description(self, description: impl Into<String>) -> Self {
        let d = description.into();
        edit(self, |s| s.description = Some(d))
    }
    /// The current value ("40 % watched").
    pub fn value(self, value: impl Into<String>) -> Self {
        let v = value.into();
        edit(self, |s| s.value = Some(v))
    }
    /// What Select does, said last ("press Select to play").
    pub fn hint(self, hint: impl Into<String>) -> Self {
        let h = hint.into();
        edit(self, |s| s.hint = Some(h))
    }
    /// Marks it selected (the current tab, season or theme).
    pub fn selected(self, selected: bool) -> Self {
        edit(self, |s| s.selected = selected)
    }
    /// On or off (toggles, checkboxes).
    pub fn checked(self, checked: bool) -> Self {
        edit(self, |s| s.checked = Some(checked))
    }
    /// Loading: its content is not there yet.
    pub fn busy(self, busy: bool) -> Self {
        edit(self, |s| s.busy = busy)
    }
    /// Nothing for a reader to say (decoration, or said elsewhere).
    pub fn decorative(self) -> Self {
        edit(self, |s| s.decorative = true)
    }
    /// This item's 1-based place in its collection (virtualized collections set it).
    pub fn item_index(self, index: usize) -> Self {
        edit(self, |s| s.index = Some(index))
    }
    /// A collection's size when not all its items are mounted.
    pub fn item_count(self, count: usize) -> Self {
        edit(self, |s| s.count = Some(count))
    }
    /// Takes the semantics set so far (a wrapper adopting its child's, like a rail's item slot).
    pub fn take_semantics(&mut self) -> Option<Semantics> {
        self.semantics.take()
    }
    /// Replaces all semantics set so far.
    pub fn semantics(mut self, semantics: Semantics) -> Self {
        self.semantics = Some(semantics);
        self
    }
    /// Keeps the semantics up to date with `f` (a binding: reruns when what it read changes).
    pub fn bind_semantics(self, f: impl Fn(&App, &mut Semantics) + 'static) -> Self {
        self.bind(move |app, e| {
            let mut s = app.world().get::<&Semantics>(e).map(|s| (*s).clone()).unwrap_or_default();
            f(app, &mut s);
            app.update_semantics(e, |old| *old = s);
        })
    }
}

/// The app's semantics bookkeeping.
#[derive(Default)]
pub(crate) struct SemanticsState {
    enabled: bool,
    /// Set by [`App::update_semantics`]: rebuild even if nothing painted.
    dirty: bool,
    last_focus: Option<Entity>,
    tree: Option<SemanticsTree>,
    /// What the tree's nodes were made from, so the next build keeps the unchanged ones.
    cache: NodeCache,
    /// Changes since the adapter last took them (`None`: it has taken nothing yet, so its
    /// first update is the whole tree).
    update: Option<SemanticsUpdate>,
    announcer: Option<Announcer>,
    /// Rebuilds, for tests of the "only when something changed" rule.
    builds: u64,
}

impl App {
    /// Starts (or stops) building the semantics tree each frame something changed.
    pub fn enable_semantics(&mut self, on: bool) {
        self.semantics.enabled = on;
        self.semantics.dirty = true;
        if !on {
            self.semantics.tree = None;
            self.semantics.update = None;
        }
    }

    /// True while the tree is being built.
    pub fn semantics_enabled(&self) -> bool {
        self.semantics.enabled
    }

    /// The semantics tree as of the last frame (`None` until enabled and a frame ran).
    pub fn semantics(&self) -> Option<&SemanticsTree> {
        self.semantics.tree.as_ref()
    }

    /// Builds the tree now (tools that run once, like the lint; enables semantics).
    pub fn semantics_now(&mut self) -> &SemanticsTree {
        self.semantics.enabled = true;
        self.layout();
        let tree = rebuild(self);
        // An adapter's pending update must not lose what changed up to this tree.
        if let (Some(update), Some(old)) = (self.semantics.update.as_mut(), self.semantics.tree.as_ref()) {
            update.add_diff(old, &tree);
        }
        self.semantics.tree.insert(tree)
    }

    /// A tree built from scratch, ignoring what the last one kept (for tests and tools that
    /// check the incremental tree against it). Lays out nothing: call after a frame.
    pub fn semantics_from_scratch(&self) -> SemanticsTree {
        SemanticsTree::build(self)
    }

    /// How many times the tree was rebuilt (it is rebuilt only in frames that changed
    /// something).
    pub fn semantics_builds(&self) -> u64 {
        self.semantics.builds
    }

    /// Edits the [`Semantics`] of `e` (creating them); the tree follows at the end of the frame.
    pub fn update_semantics(&mut self, e: Entity, f: impl FnOnce(&mut Semantics)) {
        if !self.world.contains(e) {
            return;
        }
        let mut s = self.world.get::<&Semantics>(e).map(|s| (*s).clone()).unwrap_or_default();
        let old = s.clone();
        f(&mut s);
        if s != old || self.world.get::<&Semantics>(e).is_err() {
            let _ = self.world.insert_one(e, s);
            self.semantics.dirty = true;
        }
    }

    /// What changed in the tree since the last call: every node the first time, then the
    /// nodes added or changed and the ids removed. `None` when nothing changed (or semantics
    /// are off). For platform adapters (AccessKit).
    pub fn take_semantics_update(&mut self) -> Option<SemanticsUpdate> {
        let tree = self.semantics.tree.as_ref()?;
        match self.semantics.update.take() {
            Some(u) => {
                self.semantics.update = Some(SemanticsUpdate::empty(tree));
                (!u.is_empty()).then_some(u)
            }
            None => {
                self.semantics.update = Some(SemanticsUpdate::empty(tree));
                Some(SemanticsUpdate::full(tree))
            }
        }
    }

    /// Starts the TV announcer (and semantics): each focus change, toast and error becomes an
    /// [`Utterance`], sent as a `tts.speak` message on the host bus and kept for
    /// [`App::take_utterances`].
    pub fn enable_announcer(&mut self) {
        self.enable_semantics(true);
        if self.semantics.announcer.is_none() {
            self.semantics.announcer = Some(Announcer::default());
        }
    }

    /// The utterances since the last call, oldest first.
    pub fn take_utterances(&mut self) -> Vec<Utterance> {
        self.semantics.announcer.as_mut().map(Announcer::take).unwrap_or_default()
    }

    /// The announcer, when enabled (its recent history, for the preview's overlay).
    pub fn announcer(&self) -> Option<&Announcer> {
        self.semantics.announcer.as_ref()
    }
}

/// Runs at the end of a frame: rebuilds the tree when something changed, then lets the
/// announcer speak what the change means. `painted` is whether the frame painted.
pub(crate) fn run(app: &mut App, painted: bool) {
    if !app.semantics.enabled {
        return;
    }
    let focus = app.focused();
    let changed = painted || app.semantics.dirty || focus != app.semantics.last_focus || app.semantics.tree.is_none();
    if !changed {
        return;
    }
    app.semantics.dirty = false;
    app.semantics.last_focus = focus;
    app.semantics.builds += 1;
    let tree = rebuild(app);
    if let (Some(update), Some(old)) = (app.semantics.update.as_mut(), app.semantics.tree.as_ref()) {
        update.add_diff(old, &tree);
    }
    let now = app.now();
    let spoken = match app.semantics.announcer.as_mut() {
        Some(a) => a.observe(app.semantics.tree.as_ref(), &tree, now),
        None => Vec::new(),
    };
    app.semantics.tree = Some(tree);
    for u in spoken {
        app.send(TtsSpeak::from(&u));
    }
}

/// The tree of this frame, keeping the last tree's unchanged nodes.
fn rebuild(app: &mut App) -> SemanticsTree {
    let mut cache = std::mem::take(&mut app.semantics.cache);
    let tree = SemanticsTree::build_from(app, app.semantics.tree.as_ref(), &mut cache);
    app.semantics.cache = cache;
    tree
}

#[cfg(test)]
mod tests;
