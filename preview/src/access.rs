//! The preview window's screen-reader bridge: the app's semantics tree as AccessKit nodes, and
//! AccessKit's action requests as focus moves and remote keys.
//!
//! The window (`window.rs`) owns the `accesskit_winit` adapter; this module is the pure part
//! (no window, no D-Bus), so the conversion is tested on its own. Node ids are the semantics
//! tree's (an entity's bits), so they are stable for an element's life. The first update is the
//! whole tree; after that each frame sends only the nodes the toolkit reports changed
//! ([`SemanticsUpdate`]), plus the root, which carries the transform from the 1920x1080 design
//! space to window pixels (so a resize or zoom change touches one node).
//!
//! Reads the semantics tree and update; writes nothing: the window applies the
//! [`AccessAction`]s it gets back.

use accesskit::{
    Action, ActionRequest, Affine, Live, Node, NodeId, Rect, Role as AkRole, Toggled, Tree, TreeId, TreeUpdate,
};

use tenfoot_toolkit::{Entity, Role, SemNode, SemanticsTree, SemanticsUpdate};

/// Where the design space lands in the window: window px = logical px * `scale` + `offset`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub scale: f64,
    pub offset: (f64, f64),
}

impl View {
    /// The identity (window pixels are logical pixels).
    pub const IDENTITY: View = View { scale: 1.0, offset: (0.0, 0.0) };

    fn affine(self) -> Affine {
        Affine::new([self.scale, 0.0, 0.0, self.scale, self.offset.0, self.offset.1])
    }
}

/// What a screen reader asked the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessAction {
    /// Move focus to the element (as the remote would by arrowing to it).
    Focus(Entity),
    /// Focus it and press Select (a click or "activate" from the reader).
    Activate(Entity),
}

/// The AccessKit role of a node (the root is the window).
fn role(n: &SemNode, root: bool) -> AkRole {
    if root {
        return AkRole::Window;
    }
    match n.role {
        Role::Screen => AkRole::Pane,
        Role::Group if n.label.is_empty() => AkRole::GenericContainer,
        Role::Group => AkRole::Group,
        Role::Button | Role::Key => AkRole::Button,
        // A poster opens its details: a link in ARIA's terms.
        Role::Link | Role::Tile => AkRole::Link,
        Role::Heading => AkRole::Heading,
        Role::Text => AkRole::Label,
        Role::Image => AkRole::Image,
        Role::List => AkRole::List,
        Role::Grid => AkRole::Grid,
        Role::Tab => AkRole::Tab,
        Role::TabList => AkRole::TabList,
        Role::Dialog => AkRole::Dialog,
        Role::Toggle => AkRole::Switch,
        Role::Checkbox => AkRole::CheckBox,
        Role::Slider => AkRole::Slider,
        Role::Progress => AkRole::ProgressIndicator,
        Role::TextField => AkRole::TextInput,
        Role::Keyboard => AkRole::Group,
        Role::Status => AkRole::Status,
        Role::Alert => AkRole::Alert,
    }
}

/// One semantics node as an AccessKit node. `view` is only applied to the root.
pub fn node(n: &SemNode, root: bool, view: View) -> Node {
    let r = role(n, root);
    let mut out = Node::new(r);
    if !n.label.is_empty() {
        // A label's text is its value in AccessKit (readers take its name from there).
        if r == AkRole::Label {
            out.set_value(n.label.as_str());
        } else {
            out.set_label(n.label.as_str());
        }
    }
    // The hint is said last by TV readers; desktop readers say the description last.
    let description = match (&n.description, &n.hint) {
        (Some(d), Some(h)) => Some(format!("{d}. {h}")),
        (Some(d), None) => Some(d.clone()),
        (None, Some(h)) => Some(h.clone()),
        (None, None) => None,
    };
    if let Some(d) = description {
        out.set_description(d);
    }
    if let (Some(v), false) = (&n.value, r == AkRole::Label) {
        out.set_value(v.as_str());
    }
    let s = &n.states;
    if s.selected {
        out.set_selected(true);
    }
    if let Some(c) = s.checked {
        out.set_toggled(if c { Toggled::True } else { Toggled::False });
    }
    if s.disabled {
        out.set_disabled();
    }
    if s.busy {
        out.set_busy();
    }
    match n.role {
        Role::Status => out.set_live(Live::Polite),
        Role::Alert => out.set_live(Live::Assertive),
        _ => {}
    }
    // AccessKit counts places from 0 and keeps the size on the collection (readers say
    // "2 of 5" from both).
    if let Some((i, _)) = n.position {
        out.set_position_in_set(i.saturating_sub(1));
    }
    if let (Some(c), true) = (n.count, n.role.is_collection()) {
        out.set_size_of_set(c);
    }
    if n.focusable && !s.disabled {
        out.add_action(Action::Focus);
        out.add_action(Action::Click);
    }
    let [x, y, w, h] = n.rect.map(f64::from);
    out.set_bounds(Rect::new(x, y, x + w, y + h));
    if root {
        out.set_transform(view.affine());
    }
    out.set_children(n.children.iter().map(|c| NodeId(*c)).collect::<Vec<_>>());
    out
}

fn tree_info(root: u64) -> Tree {
    let mut t = Tree::new(NodeId(root));
    t.toolkit_name = Some("tenfoot".to_owned());
    t.toolkit_version = Some(env!("CARGO_PKG_VERSION").to_owned());
    t
}

/// The whole tree, for the adapter's first request.
pub fn full_update(tree: &SemanticsTree, view: View) -> TreeUpdate {
    let nodes = tree.nodes.iter().map(|n| (NodeId(n.id), node(n, n.id == tree.root, view))).collect();
    TreeUpdate {
        nodes,
        tree: Some(tree_info(tree.root)),
        tree_id: TreeId::ROOT,
        focus: NodeId(tree.focus.unwrap_or(tree.root)),
    }
}

/// The nodes that changed (`update`, from [`tenfoot_toolkit::App::take_semantics_update`]),
/// plus the root with the current `view`. Removed nodes are left out: their parents come
/// with their new children, which is how AccessKit learns of a removal.
pub fn incremental_update(update: &SemanticsUpdate, tree: &SemanticsTree, view: View) -> TreeUpdate {
    let mut nodes: Vec<(NodeId, Node)> =
        update.nodes.iter().map(|n| (NodeId(n.id), node(n, n.id == update.root, view))).collect();
    if !update.nodes.iter().any(|n| n.id == update.root) {
        if let Some(root) = tree.get(update.root) {
            nodes.push((NodeId(root.id), node(root, true, view)));
        }
    }
    TreeUpdate {
        nodes,
        tree: Some(tree_info(update.root)),
        tree_id: TreeId::ROOT,
        focus: NodeId(update.focus.unwrap_or(update.root)),
    }
}

/// Only the root, with a new `view` (the window was resized or zoomed; nothing else changed).
pub fn root_update(tree: &SemanticsTree, view: View) -> TreeUpdate {
    let nodes = tree.get(tree.root).map(|n| vec![(NodeId(n.id), node(n, true, view))]).unwrap_or_default();
    TreeUpdate {
        nodes,
        tree: Some(tree_info(tree.root)),
        tree_id: TreeId::ROOT,
        focus: NodeId(tree.focus.unwrap_or(tree.root)),
    }
}

/// What a reader's request means for the app: `None` for actions the preview does not take
/// (scrolling, text selection...) and for nodes that are gone or cannot take focus.
pub fn action(request: &ActionRequest, tree: &SemanticsTree) -> Option<AccessAction> {
    let n = tree.get(request.target_node.0)?;
    if !n.focusable || n.states.disabled {
        return None;
    }
    match request.action {
        Action::Focus => Some(AccessAction::Focus(n.entity)),
        Action::Click => Some(AccessAction::Activate(n.entity)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tenfoot_toolkit::{App, Direction, El, RemoteKey};

    fn app() -> App {
        let mut app = App::headless();
        app.set_root(
            El::new().child(El::new().text("Settings").role(Role::Heading)).child(
                El::new()
                    .direction(Direction::Row)
                    .role(Role::List)
                    .label("Themes")
                    .child(El::new().size(100.0, 50.0).focusable().name("dark").label("Dark").selected(true))
                    .child(
                        El::new()
                            .size(100.0, 50.0)
                            .focusable()
                            .name("light")
                            .label("Light")
                            .hint("press Select to apply"),
                    ),
            ),
        );
        app.enable_semantics(true);
        frame(&mut app, 0);
        app
    }

    fn frame(app: &mut App, ms: u64) {
        let _ = app.frame(Duration::from_millis(ms), &[]);
    }

    fn id(e: Entity) -> u64 {
        e.to_bits().get()
    }

    fn find(u: &TreeUpdate, id: u64) -> Option<&Node> {
        u.nodes.iter().find(|(i, _)| i.0 == id).map(|(_, n)| n)
    }

    #[test]
    fn the_first_update_is_the_whole_tree_then_a_focus_move_sends_two_nodes_and_the_root() {
        let mut app = app();
        let first = app.take_semantics_update().expect("the whole tree");
        let tree = app.semantics().expect("a tree").clone();
        let full = incremental_update(&first, &tree, View::IDENTITY);
        assert_eq!(full.nodes.len(), tree.nodes.len());
        let dark = tree.find_path("/dark").expect("dark").id;
        let light = tree.find_path("/light").expect("light").id;
        assert_eq!(full.focus, NodeId(dark));
        let root = find(&full, tree.root).expect("the root");
        assert_eq!(root.role(), AkRole::Window);
        let list = tree.nodes.iter().find(|n| n.role == Role::List).expect("the list");
        let ak_list = find(&full, list.id).expect("the list node");
        assert_eq!(ak_list.role(), AkRole::List);
        assert_eq!(ak_list.label(), Some("Themes"));
        assert_eq!(ak_list.children(), &[NodeId(dark), NodeId(light)]);
        let ak_dark = find(&full, dark).expect("dark");
        assert_eq!(ak_dark.position_in_set(), Some(0), "AccessKit counts from 0");
        assert_eq!(ak_list.size_of_set(), Some(2), "the size is the list's");
        assert_eq!(ak_dark.is_selected(), Some(true));
        assert!(ak_dark.supports_action(Action::Focus) && ak_dark.supports_action(Action::Click));
        let heading = find(&full, tree.nodes.iter().find(|n| n.role == Role::Heading).expect("heading").id);
        assert_eq!(heading.expect("heading node").label(), Some("Settings"));
        // Nothing happened: nothing to send.
        frame(&mut app, 16);
        assert!(app.take_semantics_update().is_none());

        let _ = app.press(RemoteKey::Right);
        let u = app.take_semantics_update().expect("a focus move");
        let tree = app.semantics().expect("a tree").clone();
        let inc = incremental_update(&u, &tree, View { scale: 0.5, offset: (0.0, 10.0) });
        let ids: Vec<u64> = inc.nodes.iter().map(|(i, _)| i.0).collect();
        assert_eq!(inc.focus, NodeId(light));
        // The two nodes whose focus changed, and the root (which carries the view).
        assert!(ids.contains(&dark) && ids.contains(&light) && ids.contains(&tree.root), "{ids:?}");
        assert_eq!(ids.len(), 3, "{ids:?}");
        let ak_light = find(&inc, light).expect("light");
        assert_eq!(ak_light.description(), Some("press Select to apply"));
        let root = find(&inc, tree.root).expect("root");
        assert_eq!(root.transform(), Some(&Affine::new([0.5, 0.0, 0.0, 0.5, 0.0, 10.0])));
        // Ids are stable: the same element, the same node.
        assert_eq!(tree.find_path("/dark").map(|n| n.id), Some(dark));
    }

    #[test]
    fn a_removed_node_leaves_through_its_parent() {
        let mut app = app();
        let _ = app.take_semantics_update();
        let light = app.find("light").expect("light");
        let list_id = app.semantics().and_then(|t| t.nodes.iter().find(|n| n.role == Role::List)).expect("list").id;
        app.despawn(light);
        frame(&mut app, 16);
        let u = app.take_semantics_update().expect("a removal");
        assert_eq!(u.removed, vec![id(light)]);
        let tree = app.semantics().expect("tree").clone();
        let inc = incremental_update(&u, &tree, View::IDENTITY);
        let list = find(&inc, list_id).expect("the list comes with its new children");
        assert_eq!(list.children().len(), 1);
        assert!(find(&inc, id(light)).is_none());
    }

    /// Counts what a platform adapter would be told.
    #[derive(Default)]
    struct Seen {
        added: usize,
        removed: usize,
        focus_moves: usize,
    }

    impl accesskit_consumer::TreeChangeHandler for Seen {
        fn node_added(&mut self, _: &accesskit_consumer::Node) {
            self.added += 1;
        }
        fn node_updated(&mut self, _: &accesskit_consumer::Node, _: &accesskit_consumer::Node) {}
        fn focus_moved(&mut self, _: Option<&accesskit_consumer::Node>, _: Option<&accesskit_consumer::Node>) {
            self.focus_moves += 1;
        }
        fn node_removed(&mut self, _: &accesskit_consumer::Node) {
            self.removed += 1;
        }
    }

    /// AccessKit's own consumer (what the platform adapters run; it panics on an update that
    /// breaks the tree's rules) takes the updates of a session: focus moves, a removal, and a
    /// new root (a markup screen reloaded), and follows focus.
    #[test]
    fn accesskit_accepts_the_updates_of_a_session() {
        let mut app = app();
        let tree = app.semantics().expect("tree").clone();
        let _ = app.take_semantics_update();
        let mut ak = accesskit_consumer::Tree::new(full_update(&tree, View::IDENTITY), true);
        let focused = |ak: &accesskit_consumer::Tree| ak.state().focus().and_then(|n| n.label());
        assert_eq!(focused(&ak).as_deref(), Some("Dark"));
        let step = |app: &mut App, ak: &mut accesskit_consumer::Tree| {
            let mut seen = Seen::default();
            if let Some(u) = app.take_semantics_update() {
                let tree = app.semantics().expect("tree");
                ak.update_and_process_changes(incremental_update(&u, tree, View::IDENTITY), &mut seen);
            }
            seen
        };
        let _ = app.press(RemoteKey::Right);
        let seen = step(&mut app, &mut ak);
        assert_eq!((seen.focus_moves, seen.added, seen.removed), (1, 0, 0));
        assert_eq!(focused(&ak).as_deref(), Some("Light"));
        let light = app.find("light").expect("light");
        app.despawn(light);
        frame(&mut app, 48);
        let seen = step(&mut app, &mut ak);
        assert_eq!(seen.removed, 1);
        assert_eq!(focused(&ak).as_deref(), Some("Dark"), "focus went to the neighbour");
        app.set_root(El::new().child(El::new().size(100.0, 50.0).focusable().name("ok").label("OK")));
        frame(&mut app, 64);
        let seen = step(&mut app, &mut ak);
        assert!(seen.added >= 1 && seen.removed >= 3, "added {} removed {}", seen.added, seen.removed);
        assert_eq!(focused(&ak).as_deref(), Some("OK"));
        assert_eq!(ak.state().root().children().count(), 1);
    }

    #[test]
    fn actions_map_to_focus_moves_and_select() {
        let app = app();
        let tree = app.semantics().expect("tree");
        let light = tree.find_path("/light").expect("light");
        let heading = tree.nodes.iter().find(|n| n.role == Role::Heading).expect("heading");
        let req =
            |action, id: u64| ActionRequest { action, target_tree: TreeId::ROOT, target_node: NodeId(id), data: None };
        assert_eq!(action(&req(Action::Focus, light.id), tree), Some(AccessAction::Focus(light.entity)));
        assert_eq!(action(&req(Action::Click, light.id), tree), Some(AccessAction::Activate(light.entity)));
        // Not focusable, gone, or not an action the preview takes.
        assert_eq!(action(&req(Action::Click, heading.id), tree), None);
        assert_eq!(action(&req(Action::Focus, 12345), tree), None);
        assert_eq!(action(&req(Action::ScrollIntoView, light.id), tree), None);
    }
}
