//! Keyed reactive child lists: `El::for_each`.
//!
//! The element's children mirror a list from a signal. When the list changes, children whose
//! key is still present keep their entity (and with it their focus memory, animations and
//! effects), new keys are mounted, vanished keys are despawned, and the children are reordered
//! in place. The view function runs once per key, not on every change: per-item changes belong
//! in signals the view binds to.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use hecs::Entity;

use super::signal::Source;
use crate::element::El;
use crate::errors::{ErrorKind, FrameError};

impl El {
    /// Children built from `items` (a `Signal<Vec<T>>`, a `Memo<Vec<T>>`, or a closure over
    /// `&App`), one per item, identified by `key`. `view` builds an item's element the first time
    /// its key appears. The element should have no other children.
    ///
    /// Cost per change: one `view` call per new key, one despawn per removed key, and one
    /// reorder of the children list (re-laying out this element only).
    pub fn for_each<T, K>(
        self,
        items: impl Source<Vec<T>>,
        key: impl Fn(&T) -> K + 'static,
        view: impl Fn(&T) -> El + 'static,
    ) -> Self
    where
        T: 'static,
        K: Eq + Hash + Clone + std::fmt::Debug + 'static,
    {
        let mut current: Vec<(K, Entity)> = Vec::new();
        self.bind(move |app, parent| {
            let items = items.read(app);
            let mut old: HashMap<K, Entity> = current.drain(..).collect();
            let mut seen = HashSet::new();
            let mut next = Vec::with_capacity(items.len());
            for item in &items {
                let k = key(item);
                if !seen.insert(k.clone()) {
                    let path = crate::tree::path(app.world(), parent);
                    let msg = format!("for_each: duplicate key {k:?}; later items skipped");
                    app.reactive.report(FrameError::new(ErrorKind::InvalidValue, msg).at(path));
                    continue;
                }
                let child = match old.remove(&k) {
                    Some(e) if app.world().contains(e) => e,
                    _ => app.mount(parent, view(item)),
                };
                next.push((k, child));
            }
            // Despawn in a fixed order (the old list's), not the hash map's.
            let mut gone: Vec<Entity> = old.into_values().collect();
            gone.sort_by_key(|e| e.to_bits());
            for e in gone {
                app.despawn(e);
            }
            let order: Vec<Entity> = next.iter().map(|(_, e)| *e).collect();
            app.reorder_children(parent, &order);
            current = next;
        })
    }
}
