//! The entity tree: parent/child links between hecs entities, and subtree spawn/despawn.
//!
//! Every UI element is an entity with a [`Parent`] (except the root) and, when it has any, a
//! [`Children`] list in paint order. This module owns only the links; what an element looks
//! like or how it lays out lives in other components.

use hecs::{Entity, World};

/// The element's parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parent(pub Entity);

/// The element's children, in layout and paint order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Children(pub Vec<Entity>);

/// A name for tests, focus paths and the inspector (`"home/rail-0/tile-3"` style paths are
/// built from these).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name(pub String);

/// The children of `e` (empty when it has none or does not exist).
pub fn children(world: &World, e: Entity) -> Vec<Entity> {
    world.get::<&Children>(e).map(|c| c.0.clone()).unwrap_or_default()
}

/// The parent of `e`.
pub fn parent(world: &World, e: Entity) -> Option<Entity> {
    world.get::<&Parent>(e).ok().map(|p| p.0)
}

/// `e` and all its descendants, parents before children (pre-order).
pub fn subtree(world: &World, e: Entity) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut stack = vec![e];
    while let Some(n) = stack.pop() {
        if !world.contains(n) {
            continue;
        }
        out.push(n);
        if let Ok(c) = world.get::<&Children>(n) {
            stack.extend(c.0.iter().rev());
        }
    }
    out
}

/// The ancestors of `e`, nearest first.
pub fn ancestors(world: &World, e: Entity) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut cur = parent(world, e);
    while let Some(p) = cur {
        if out.contains(&p) {
            break; // a cycle would be a bug elsewhere; never loop forever
        }
        out.push(p);
        cur = parent(world, p);
    }
    out
}

/// Links `child` under `parent` at `index` (appended when `None` or past the end).
pub fn attach(world: &mut World, parent: Entity, child: Entity, index: Option<usize>) {
    let _ = world.insert_one(child, Parent(parent));
    if let Ok(mut c) = world.get::<&mut Children>(parent) {
        let at = index.unwrap_or(c.0.len()).min(c.0.len());
        c.0.insert(at, child);
        return;
    }
    let _ = world.insert_one(parent, Children(vec![child]));
}

/// Removes `e` from its parent's children list (it stays spawned).
pub fn detach(world: &mut World, e: Entity) {
    if let Some(p) = parent(world, e) {
        if let Ok(mut c) = world.get::<&mut Children>(p) {
            c.0.retain(|x| *x != e);
        }
    }
    let _ = world.remove_one::<Parent>(e);
}

/// The path of names from the root to `e`, `/`-separated; unnamed elements show as `#index`;
/// `(removed)` once `e` is despawned.
pub fn path(world: &World, e: Entity) -> String {
    if !world.contains(e) {
        return "(removed)".to_owned();
    }
    let mut parts = Vec::new();
    let mut chain = vec![e];
    chain.extend(ancestors(world, e));
    for n in chain.iter().rev() {
        let part = match world.get::<&Name>(*n) {
            Ok(name) => name.0.clone(),
            Err(_) => match parent(world, *n) {
                Some(p) => format!("#{}", children(world, p).iter().position(|c| c == n).unwrap_or(0)),
                None => continue, // the unnamed root is implied
            },
        };
        parts.push(part);
    }
    parts.join("/")
}

/// Finds the first element named `name` under `root` (pre-order).
pub fn find_by_name(world: &World, root: Entity, name: &str) -> Option<Entity> {
    subtree(world, root).into_iter().find(|e| world.get::<&Name>(*e).map(|n| n.0 == name).unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attach_detach_and_paths() {
        let mut w = World::new();
        let root = w.spawn((Name("root".into()),));
        let a = w.spawn((Name("a".into()),));
        let b = w.spawn(());
        attach(&mut w, root, a, None);
        attach(&mut w, a, b, None);
        assert_eq!(subtree(&w, root), vec![root, a, b]);
        assert_eq!(path(&w, b), "root/a/#0");
        assert_eq!(ancestors(&w, b), vec![a, root]);
        assert_eq!(find_by_name(&w, root, "a"), Some(a));
        detach(&mut w, a);
        assert_eq!(children(&w, root), Vec::<Entity>::new());
        assert_eq!(parent(&w, a), None);
    }
}
