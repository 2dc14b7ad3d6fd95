//! The semantics tree: the elements a screen reader knows about, built from the ECS.
//!
//! A node is an element that has a role or label of its own, takes focus, shows text or shows
//! an image; plain layout boxes are skipped and their children hang from the nearest node
//! above. Hidden subtrees (`display_none`, opacity 0, covered screens, exiting elements) are
//! left out. Roles with presentational children (buttons, tiles, keys...) are leaves whose
//! label, when not given, is the text inside them. Items of a collection (list, grid) get their
//! place "n of m" from the order of the focusable nodes inside it, unless they carry one.

use std::collections::{HashMap, HashSet};

use hecs::{Entity, World};
use serde::Serialize;

use super::{Role, Semantics};
use crate::animation::Exiting;
use crate::app::App;
use crate::focus::{screen_rect, Disabled, Focusable, Focused};
use crate::style::{ImageContent, Style, TextContent, Visual};
use crate::tree::{self, Name};

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
}

/// The tree of one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct SemanticsTree {
    /// Every node, parents before children (pre-order).
    pub nodes: Vec<SemNode>,
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
    let private = |c: &char| ('\u{e000}'..='\u{f8ff}').contains(c) || ('\u{f0000}'..='\u{10fffd}').contains(c);
    let kept: String = text.chars().filter(|c| !private(c)).collect();
    kept.trim().to_owned()
}

/// The visible, non-decorative text under `e` (itself included), joined by spaces.
pub(crate) fn content_text(world: &World, e: Entity) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut stack = vec![e];
    while let Some(n) = stack.pop() {
        if hidden(world, n) || (n != e && decorative(world, n)) {
            continue;
        }
        if let Ok(t) = world.get::<&TextContent>(n) {
            let s = spoken(&t.text);
            if !s.is_empty() {
                parts.push(s);
            }
        }
        stack.extend(tree::children(world, n).into_iter().rev());
    }
    parts.join(" ")
}

impl SemanticsTree {
    /// Builds the tree of `app` as its last layout left it.
    pub(crate) fn build(app: &App) -> Self {
        let world = app.world();
        let root = app.root();
        let mut nodes: Vec<SemNode> = Vec::new();
        let mut index = HashMap::new();
        let mut focus = None;
        // (element, the node its nodes hang from, the element's path). Paths are made on the
        // way down, one part per element, instead of walking every node's ancestors.
        let mut stack: Vec<(Entity, Option<usize>, String)> = vec![(root, None, tree::path(world, root))];
        while let Some((e, parent, path)) = stack.pop() {
            if e != root && hidden(world, e) {
                continue;
            }
            let kids = tree::children(world, e);
            let child_paths: Vec<String> = if kids.is_empty() {
                Vec::new()
            } else {
                kids.iter()
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
                    .collect()
            };
            let node = if e == root { Some(root_node(world, e, path)) } else { make_node(world, e, path) };
            let mut leaf = false;
            let mut here = parent;
            if let Some(mut n) = node {
                leaf = n.role.children_presentational();
                n.parent = parent.map(|p| nodes[p].id);
                if n.states.focused {
                    focus = Some(n.id);
                }
                let i = nodes.len();
                if let Some(p) = parent {
                    nodes[p].children.push(n.id);
                }
                index.insert(n.id, i);
                nodes.push(n);
                here = Some(i);
            }
            if !leaf {
                for (c, p) in kids.into_iter().zip(child_paths).rev() {
                    stack.push((c, here, p));
                }
            }
        }
        let mut t = SemanticsTree { nodes, index, root: node_id(root), focus };
        t.number_items();
        t
    }

    /// Gives the focusable items of each collection their place, "n of m".
    fn number_items(&mut self) {
        let mut items: HashMap<u64, Vec<usize>> = HashMap::new();
        for i in 0..self.nodes.len() {
            if !self.nodes[i].focusable {
                continue;
            }
            let mut cur = self.nodes[i].parent;
            while let Some(p) = cur.and_then(|id| self.get(id)) {
                if p.role.is_collection() {
                    items.entry(p.id).or_default().push(i);
                    break;
                }
                cur = p.parent;
            }
        }
        for (list, members) in items {
            let Some(&li) = self.index.get(&list) else { continue };
            let count = self.nodes[li].count.unwrap_or(members.len());
            self.nodes[li].count = Some(count);
            for (k, i) in members.into_iter().enumerate() {
                let n = &mut self.nodes[i];
                n.position = Some((n.index.unwrap_or(k + 1), count));
            }
        }
    }

    pub fn get(&self, id: u64) -> Option<&SemNode> {
        self.index.get(&id).map(|i| &self.nodes[*i])
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
        self.nodes.iter().find(|n| n.path.ends_with(suffix))
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

fn root_node(world: &World, e: Entity, path: String) -> SemNode {
    let mut n = base_node(world, e, Role::Group, path);
    n.label = world.get::<&Semantics>(e).ok().and_then(|s| s.label.clone()).unwrap_or_default();
    n
}

fn base_node(world: &World, e: Entity, role: Role, path: String) -> SemNode {
    let rect = screen_rect(world, e).unwrap_or_default();
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
        rect: [rect.x.round() as i32, rect.y.round() as i32, rect.width.round() as i32, rect.height.round() as i32],
        path,
        parent: None,
        children: Vec::new(),
        entity: e,
        index: None,
    }
}

/// The node of `e`, or `None` when it is not one (a plain box, or decorative).
fn make_node(world: &World, e: Entity, path: String) -> Option<SemNode> {
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
    let mut n = base_node(world, e, role, path);
    let given = sem.as_ref().and_then(|s| s.label.clone());
    n.label = match given {
        Some(l) => l,
        None if role == Role::Image => String::new(),
        None if role.children_presentational() || focusable => content_text(world, e),
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
    }
    Some(n)
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
        Self { nodes: tree.nodes.clone(), root: tree.root, focus: tree.focus, removed: Vec::new(), focus_moved: true }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.removed.is_empty() && !self.focus_moved
    }

    /// Folds the change from `old` to `new` into this update.
    pub(crate) fn add_diff(&mut self, old: &SemanticsTree, new: &SemanticsTree) {
        let present: HashSet<u64> = new.nodes.iter().map(|n| n.id).collect();
        for n in &new.nodes {
            if old.get(n.id) != Some(n) {
                self.removed.retain(|r| *r != n.id);
                match self.nodes.iter_mut().find(|m| m.id == n.id) {
                    Some(m) => *m = n.clone(),
                    None => self.nodes.push(n.clone()),
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
