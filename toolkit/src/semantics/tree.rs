//! The semantics tree: the elements a screen reader knows about, built from the ECS.
//!
//! A node is an element that has a role or label of its own, takes focus, shows text or shows
//! an image; plain layout boxes are skipped and their children hang from the nearest node
//! above. Hidden subtrees (`display_none`, opacity 0, covered screens, exiting elements) are
//! left out. Roles with presentational children (buttons, tiles, keys...) are leaves whose
//! label, when not given, is the text inside them. Items of a collection (list, grid) get their
//! place "n of m" from the order of the focusable nodes inside it, unless they carry one.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use hecs::{Entity, World};
use serde::Serialize;

use super::{Role, Semantics};
use crate::animation::Exiting;
use crate::app::App;
use crate::focus::{descend_transform, screen_rect_under, Disabled, Focusable, Focused};
use crate::style::{ImageContent, Style, TextContent, Visual};
use crate::tree::{self, Name};
use tenfoot_renderer::{Rect, Transform};

/// States a reader says: focus and disabled come from the focus components, the rest from
/// [`Semantics`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NodeStates {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub focused: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub selected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub busy: bool,
}

/// One node of the tree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SemNode {
    /// Stable for the element's life (the entity's bits).
    pub id: u64,
    pub role: Role,
    /// Its name: the label given, or the text inside it (empty when it has neither).
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub states: NodeStates,
    /// Place in its collection, 1-based, and the collection's size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<(usize, usize)>,
    /// For collections: how many items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub focusable: bool,
    /// On-screen rectangle in logical px (x, y, width, height), rounded.
    pub rect: [i32; 4],
    /// The element's path of names (for people reading lint reports and dumps).
    pub path: String,
    #[serde(skip)]
    pub parent: Option<u64>,
    #[serde(skip)]
    pub children: Vec<u64>,
    #[serde(skip)]
    pub entity: Entity,
    /// The place its element gave (virtualized items), used for `position`.
    #[serde(skip)]
    index: Option<usize>,
    /// The count its element gave (before collections are counted).
    #[serde(skip)]
    base_count: Option<usize>,
}

impl SemNode {
    /// Equal in what the node says of itself (everything but its place in the tree).
    fn same_own(&self, o: &SemNode) -> bool {
        self.id == o.id
            && self.role == o.role
            && self.label == o.label
            && self.description == o.description
            && self.value == o.value
            && self.hint == o.hint
            && self.states == o.states
            && self.focusable == o.focusable
            && self.rect == o.rect
            && self.path == o.path
            && self.entity == o.entity
            && self.index == o.index
            && self.base_count == o.base_count
    }
}

/// The tree of one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct SemanticsTree {
    /// Every node, parents before children (pre-order). Shared with the trees before it where
    /// the node did not change.
    pub nodes: Vec<Arc<SemNode>>,
    index: HashMap<u64, usize>,
    pub root: u64,
    pub focus: Option<u64>,
}

/// The id of an element's node.
pub fn node_id(e: Entity) -> u64 {
    e.to_bits().get()
}

fn hidden(world: &World, e: Entity) -> bool {
    world.get::<&Style>(e).is_ok_and(|s| s.display_none)
        || world.get::<&Visual>(e).is_ok_and(|v| v.opacity <= 0.0)
        || world.get::<&Exiting>(e).is_ok()
}

fn decorative(world: &World, e: Entity) -> bool {
    world.get::<&Semantics>(e).is_ok_and(|s| s.decorative)
}

/// Text as a reader says it: trimmed, without private-use characters (icons drawn from an icon
/// font mean nothing to a speech engine; the control's label says what they show).
pub(crate) fn spoken(text: &str) -> String {
    let kept: String = text.chars().filter(|c| !private_use(*c)).collect();
    kept.trim().to_owned()
}

/// A private-use character (an icon from an icon font).
fn private_use(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c) || ('\u{f0000}'..='\u{10fffd}').contains(&c)
}

/// The visible, non-decorative text under `e` (itself included), joined by spaces.
pub(crate) fn content_text(world: &World, e: Entity) -> String {
    let mut out = String::new();
    content_text_into(world, e, &mut out, &mut Vec::new());
    out
}

/// [`content_text`] into `out` (cleared first), with `stack` as the walk's scratch space, so a
/// caller that asks often allocates nothing once its buffers have grown.
fn content_text_into(world: &World, e: Entity, out: &mut String, stack: &mut Vec<Entity>) {
    out.clear();
    stack.clear();
    stack.push(e);
    while let Some(n) = stack.pop() {
        if hidden(world, n) || (n != e && decorative(world, n)) {
            continue;
        }
        if let Ok(t) = world.get::<&TextContent>(n) {
            let s = t.text.trim();
            if s.chars().any(|c| !private_use(c)) {
                let s = spoken(s);
                if !s.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&s);
                }
            }
        }
        let kids = tree::children(world, n);
        stack.extend(kids.into_iter().rev());
    }
}

impl SemanticsTree {
    /// Builds the tree of `app` as its last layout left it, from scratch.
    pub(crate) fn build(app: &App) -> Self {
        Self::build_from(app, None, &mut NodeCache::default())
    }

    /// Builds the tree of `app`, keeping each node of `prev` whose inputs (in `cache`) compare
    /// equal to this frame's: the node is shared with `prev`, not rebuilt, so a frame that
    /// changed two nodes builds two. The walk still visits every element (as navigation and
    /// paint do); what it skips is making nodes, and it carries the screen transform down
    /// instead of walking each element's ancestors.
    pub(crate) fn build_from(app: &App, prev: Option<&SemanticsTree>, cache: &mut NodeCache) -> Self {
        let world = app.world();
        let root = app.root();
        cache.frame += 1;
        let mut nodes: Vec<Arc<SemNode>> = Vec::new();
        // Per node, what this frame says of its place in the tree; reconciled below.
        let mut parents: Vec<Option<usize>> = Vec::new();
        let mut children: Vec<Vec<u64>> = Vec::new();
        let mut index = HashMap::new();
        let mut focus = None;
        // (element, the node its nodes hang from, the element's path, the transform of its
        // parent's layout space to the screen). Paths are made on the way down, one part per
        // element, instead of walking every node's ancestors; so is the transform.
        let mut stack: Vec<(Entity, Option<usize>, String, Transform)> =
            vec![(root, None, tree::path(world, root), Transform::IDENTITY)];
        while let Some((e, parent, path, above)) = stack.pop() {
            if e != root && hidden(world, e) {
                continue;
            }
            let kids = tree::children(world, e);
            let child_paths: Vec<String> = kids
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let part = match world.get::<&Name>(*c) {
                        Ok(n) => n.0.clone(),
                        Err(_) => format!("#{i}"),
                    };
                    if path.is_empty() {
                        part
                    } else {
                        format!("{path}/{part}")
                    }
                })
                .collect();
            let rect = rounded(screen_rect_under(world, e, &above).unwrap_or_default());
            let node = if e == root {
                let n = root_node(world, e, path, rect);
                Some(match prev.and_then(|t| t.arc_of(e)) {
                    Some(old) if old.same_own(&n) => Arc::clone(old),
                    _ => Arc::new(n),
                })
            } else {
                cache.node(world, e, path, rect, prev)
            };
            let mut leaf = false;
            let mut here = parent;
            if let Some(n) = node {
                leaf = n.role.children_presentational();
                if n.states.focused {
                    focus = Some(n.id);
                }
                let i = nodes.len();
                if let Some(p) = parent {
                    children[p].push(n.id);
                }
                index.insert(n.id, i);
                nodes.push(n);
                parents.push(parent);
                children.push(Vec::new());
                here = Some(i);
            }
            if !leaf && !kids.is_empty() {
                let below = descend_transform(world, e, &above);
                for (c, p) in kids.into_iter().zip(child_paths).rev() {
                    stack.push((c, here, p, below));
                }
            }
        }
        cache.forget_unseen();
        let places = number_items(&nodes, &parents);
        // A kept node whose place changed (a sibling came or went) is copied, not shared.
        let ids: Vec<u64> = nodes.iter().map(|n| n.id).collect();
        for (i, n) in nodes.iter_mut().enumerate() {
            let parent = parents[i].map(|p| ids[p]);
            let (position, count) = places[i];
            if n.parent != parent || n.children != children[i] || n.position != position || n.count != count {
                let m = Arc::make_mut(n);
                m.parent = parent;
                m.children = std::mem::take(&mut children[i]);
                m.position = position;
                m.count = count;
            }
        }
        SemanticsTree { nodes, index, root: node_id(root), focus }
    }

    /// The shared node of element `e`.
    fn arc_of(&self, e: Entity) -> Option<&Arc<SemNode>> {
        self.index.get(&node_id(e)).map(|i| &self.nodes[*i])
    }

    pub fn get(&self, id: u64) -> Option<&SemNode> {
        self.index.get(&id).map(|i| &*self.nodes[*i])
    }

    /// The node of element `e`, if it is one.
    pub fn node_of(&self, e: Entity) -> Option<&SemNode> {
        self.get(node_id(e))
    }

    /// The focused node.
    pub fn focused(&self) -> Option<&SemNode> {
        self.focus.and_then(|id| self.get(id))
    }

    /// The ancestors of `id`, root first (without the node itself).
    pub fn ancestors(&self, id: u64) -> Vec<&SemNode> {
        let mut out = Vec::new();
        let mut cur = self.get(id).and_then(|n| n.parent);
        while let Some(n) = cur.and_then(|p| self.get(p)) {
            out.push(n);
            cur = n.parent;
        }
        out.reverse();
        out
    }

    /// The first node whose element path ends with `suffix` (tests).
    pub fn find_path(&self, suffix: &str) -> Option<&SemNode> {
        self.nodes.iter().find(|n| n.path.ends_with(suffix)).map(|n| &**n)
    }

    /// The tree as nested JSON (what `--semantics` prints).
    pub fn to_json(&self) -> String {
        let v = self.json_of(self.root);
        serde_json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    fn json_of(&self, id: u64) -> serde_json::Value {
        let Some(n) = self.get(id) else { return serde_json::Value::Null };
        let mut v = serde_json::to_value(n).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(m) = &mut v {
            if !n.children.is_empty() {
                let kids = n.children.iter().map(|c| self.json_of(*c)).collect();
                m.insert("children".to_owned(), serde_json::Value::Array(kids));
            }
        }
        v
    }

    /// One line per node, indented by depth: role, label and what else it has. For text
    /// snapshots (rects and ids left out: they are not what a reader hears).
    pub fn outline(&self) -> String {
        let mut out = String::new();
        let mut stack = vec![(self.root, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            let Some(n) = self.get(id) else { continue };
            out.push_str(&"  ".repeat(depth));
            out.push_str(&format!("{:?}", n.role).to_lowercase());
            if !n.label.is_empty() {
                out.push_str(&format!(" \"{}\"", n.label));
            }
            for (k, v) in [("description", &n.description), ("value", &n.value), ("hint", &n.hint)] {
                if let Some(v) = v {
                    out.push_str(&format!(" {k}=\"{v}\""));
                }
            }
            if let Some((i, m)) = n.position {
                out.push_str(&format!(" {i}/{m}"));
            }
            if let (Some(c), true) = (n.count, n.role.is_collection()) {
                out.push_str(&format!(" items={c}"));
            }
            let s = &n.states;
            for (on, word) in
                [(s.focused, "focused"), (s.selected, "selected"), (s.disabled, "disabled"), (s.busy, "busy")]
            {
                if on {
                    out.push_str(&format!(" [{word}]"));
                }
            }
            if let Some(c) = s.checked {
                out.push_str(if c { " [on]" } else { " [off]" });
            }
            out.push('\n');
            for c in n.children.iter().rev() {
                stack.push((*c, depth + 1));
            }
        }
        out
    }
}

fn root_node(world: &World, e: Entity, path: String, rect: [i32; 4]) -> SemNode {
    let mut n = base_node(world, e, Role::Group, path, rect);
    n.label = world.get::<&Semantics>(e).ok().and_then(|s| s.label.clone()).unwrap_or_default();
    n
}

/// A rectangle in whole logical px, as nodes carry it.
fn rounded(r: Rect) -> [i32; 4] {
    [r.x.round() as i32, r.y.round() as i32, r.width.round() as i32, r.height.round() as i32]
}

fn base_node(world: &World, e: Entity, role: Role, path: String, rect: [i32; 4]) -> SemNode {
    SemNode {
        id: node_id(e),
        role,
        label: String::new(),
        description: None,
        value: None,
        hint: None,
        states: NodeStates {
            focused: world.get::<&Focused>(e).is_ok(),
            disabled: world.get::<&Disabled>(e).is_ok(),
            ..NodeStates::default()
        },
        position: None,
        count: None,
        focusable: world.get::<&Focusable>(e).is_ok(),
        rect,
        path,
        parent: None,
        children: Vec::new(),
        entity: e,
        index: None,
        base_count: None,
    }
}

/// The node of `e`, or `None` when it is not one (a plain box, or decorative), and whether its
/// label is the text inside it.
fn make_node(world: &World, e: Entity, path: String, rect: [i32; 4]) -> Option<(SemNode, bool)> {
    let sem = world.get::<&Semantics>(e).ok().map(|s| (*s).clone());
    if sem.as_ref().is_some_and(|s| s.decorative) {
        return None;
    }
    let focusable = world.get::<&Focusable>(e).is_ok();
    let text = world.get::<&TextContent>(e).ok().map(|t| spoken(&t.text)).filter(|t| !t.is_empty());
    let image = world.get::<&ImageContent>(e).is_ok();
    let explicit = sem.as_ref().is_some_and(|s| s.role.is_some() || s.label.is_some());
    if !(explicit || focusable || text.is_some() || image) {
        return None;
    }
    let role = sem.as_ref().and_then(|s| s.role).unwrap_or(if focusable {
        Role::Button
    } else if text.is_some() {
        Role::Text
    } else if image {
        Role::Image
    } else {
        Role::Group
    });
    let mut n = base_node(world, e, role, path, rect);
    let given = sem.as_ref().and_then(|s| s.label.clone());
    let from_content = given.is_none() && role != Role::Image && (role.children_presentational() || focusable);
    n.label = match given {
        Some(l) => l,
        None if role == Role::Image => String::new(),
        None if from_content => content_text(world, e),
        None => text.unwrap_or_default(),
    };
    if let Some(s) = sem {
        n.description = s.description;
        n.value = s.value;
        n.hint = s.hint;
        n.states.selected = s.selected;
        n.states.checked = s.checked;
        n.states.busy = s.busy;
        n.index = s.index;
        n.count = s.count;
        n.base_count = s.count;
    }
    Some((n, from_content))
}

/// A node's `position` and `count`.
type Place = (Option<(usize, usize)>, Option<usize>);

/// Each node's place in its collection ("n of m") and count: the focusable nodes inside a
/// collection are its items in tree order, unless their element gave a place.
fn number_items(nodes: &[Arc<SemNode>], parents: &[Option<usize>]) -> Vec<Place> {
    let mut places: Vec<Place> = nodes.iter().map(|n| (None, n.base_count)).collect();
    let mut items: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if !n.focusable {
            continue;
        }
        let mut cur = parents[i];
        while let Some(p) = cur {
            if nodes[p].role.is_collection() {
                items.entry(p).or_default().push(i);
                break;
            }
            cur = parents[p];
        }
    }
    for (list, members) in items {
        let count = nodes[list].base_count.unwrap_or(members.len());
        places[list].1 = Some(count);
        for (k, i) in members.into_iter().enumerate() {
            places[i].0 = Some((nodes[i].index.unwrap_or(k + 1), count));
        }
    }
    places
}

/// What each element's node was made from, so that a node whose inputs compare equal is kept
/// from the last tree instead of made again ([`SemanticsTree::build_from`]). Compared by
/// content, like retained paint: any writer of a component is seen without dirty flags.
#[derive(Default)]
pub(crate) struct NodeCache {
    inputs: HashMap<Entity, NodeInputs>,
    frame: u64,
    /// Scratch space for comparing labels made from text.
    text: String,
    stack: Vec<Entity>,
}

/// The components a node reads (its rectangle and path are compared with the node's own).
struct NodeInputs {
    semantics: Option<Semantics>,
    text: Option<String>,
    image: bool,
    focusable: bool,
    focused: bool,
    disabled: bool,
    /// Its label is the text inside it, so the texts below it are inputs too.
    from_content: bool,
    seen: u64,
}

impl NodeInputs {
    fn read(world: &World, e: Entity, from_content: bool, seen: u64) -> Self {
        NodeInputs {
            semantics: world.get::<&Semantics>(e).ok().map(|s| (*s).clone()),
            text: world.get::<&TextContent>(e).ok().map(|t| t.text.clone()),
            image: world.get::<&ImageContent>(e).is_ok(),
            focusable: world.get::<&Focusable>(e).is_ok(),
            focused: world.get::<&Focused>(e).is_ok(),
            disabled: world.get::<&Disabled>(e).is_ok(),
            from_content,
            seen,
        }
    }

    /// True when `e`'s components are the ones recorded (compared borrowed, nothing cloned).
    fn matches(&self, world: &World, e: Entity) -> bool {
        let Ok(er) = world.entity(e) else { return false };
        let semantics = match (er.get::<&Semantics>(), &self.semantics) {
            (Some(a), Some(b)) => *a == *b,
            (None, None) => true,
            _ => false,
        };
        let text = match (er.get::<&TextContent>(), &self.text) {
            (Some(a), Some(b)) => a.text == *b,
            (None, None) => true,
            _ => false,
        };
        semantics
            && text
            && er.has::<ImageContent>() == self.image
            && er.has::<Focusable>() == self.focusable
            && er.has::<Focused>() == self.focused
            && er.has::<Disabled>() == self.disabled
    }
}

impl NodeCache {
    /// The node of `e` (see [`make_node`]): last tree's when its inputs, rectangle and path
    /// are unchanged, else a new one.
    fn node(
        &mut self,
        world: &World,
        e: Entity,
        path: String,
        rect: [i32; 4],
        prev: Option<&SemanticsTree>,
    ) -> Option<Arc<SemNode>> {
        let frame = self.frame;
        if let (Some(old), Some(inputs)) = (prev.and_then(|t| t.arc_of(e)), self.inputs.get_mut(&e)) {
            if old.rect == rect
                && old.path == path
                && inputs.matches(world, e)
                && (!inputs.from_content || {
                    content_text_into(world, e, &mut self.text, &mut self.stack);
                    old.label == self.text
                })
            {
                inputs.seen = frame;
                return Some(Arc::clone(old));
            }
        }
        match make_node(world, e, path, rect) {
            Some((n, from_content)) => {
                self.inputs.insert(e, NodeInputs::read(world, e, from_content, frame));
                Some(Arc::new(n))
            }
            None => {
                self.inputs.remove(&e);
                None
            }
        }
    }

    /// Drops the inputs of elements that are no longer nodes.
    fn forget_unseen(&mut self) {
        let frame = self.frame;
        self.inputs.retain(|_, i| i.seen == frame);
    }
}

/// What changed between trees, for platform adapters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SemanticsUpdate {
    /// Nodes added or changed (whole nodes), in tree order.
    pub nodes: Vec<SemNode>,
    /// Ids of nodes that are gone.
    pub removed: Vec<u64>,
    pub root: u64,
    pub focus: Option<u64>,
    focus_moved: bool,
}

impl SemanticsUpdate {
    pub(crate) fn empty(tree: &SemanticsTree) -> Self {
        Self { root: tree.root, focus: tree.focus, ..Self::default() }
    }

    pub(crate) fn full(tree: &SemanticsTree) -> Self {
        Self {
            nodes: tree.nodes.iter().map(|n| (**n).clone()).collect(),
            root: tree.root,
            focus: tree.focus,
            removed: Vec::new(),
            focus_moved: true,
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.removed.is_empty() && !self.focus_moved
    }

    /// Folds the change from `old` to `new` into this update.
    pub(crate) fn add_diff(&mut self, old: &SemanticsTree, new: &SemanticsTree) {
        let present: HashSet<u64> = new.nodes.iter().map(|n| n.id).collect();
        for n in &new.nodes {
            let same = old.index.get(&n.id).is_some_and(|i| {
                let o = &old.nodes[*i];
                Arc::ptr_eq(o, n) || **o == **n
            });
            if !same {
                self.removed.retain(|r| *r != n.id);
                match self.nodes.iter_mut().find(|m| m.id == n.id) {
                    Some(m) => *m = (**n).clone(),
                    None => self.nodes.push((**n).clone()),
                }
            }
        }
        for o in &old.nodes {
            if !present.contains(&o.id) {
                self.nodes.retain(|m| m.id != o.id);
                if !self.removed.contains(&o.id) {
                    self.removed.push(o.id);
                }
            }
        }
        self.focus_moved |= old.focus != new.focus;
        self.root = new.root;
        self.focus = new.focus;
    }
}
