//! The reactive graph: an arena of signals, memos and effects with their dependency edges.
//!
//! Owns: node storage (values, cached memo values, effect closures), subscriber and source
//! lists, the queue of dirty effects, entity ownership, contexts and the errors the graph
//! reports. Touches nothing in the world; the reactive phase (`super::run`) lends effects the
//! `App`.
//!
//! Borrowing: everything sits in one `RefCell`, and every borrow is short and never held
//! across a user closure (memo computations and effects run with the cell released), so a
//! closure that reads other signals can never trip over a borrow taken by the runtime.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use hecs::Entity;

use crate::app::App;
use crate::errors::{ErrorKind, FrameError};

/// A node in the graph: index into the arena plus a generation, so a stale handle to a
/// disposed (and possibly reused) slot is recognised instead of reading someone else's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub(crate) index: u32,
    pub(crate) generation: u32,
}

pub(crate) type Value = Rc<dyn Any>;
pub(crate) type Compute = Rc<dyn Fn(&App) -> Value>;
pub(crate) type EffectFn = Box<dyn FnMut(&mut App)>;
/// Compares two memo values of the same type (a monomorphised `PartialEq`).
pub(crate) type Eq = fn(&dyn Any, &dyn Any) -> bool;

pub(crate) enum Kind {
    Signal {
        value: Value,
    },
    Memo {
        value: Option<Value>,
        compute: Compute,
        eq: Eq,
        dirty: bool,
        computing: bool,
    },
    Effect {
        /// `None` while the effect runs (it is lent to the phase) or after it was disabled.
        run: Option<EffectFn>,
        pending: bool,
        ran: bool,
        panics: u32,
    },
}

pub(crate) struct Node {
    pub(crate) kind: Kind,
    /// Bumped on every change of a signal's or memo's value.
    pub(crate) version: u64,
    /// Memos and effects that read this node on their last run.
    pub(crate) subscribers: Vec<NodeId>,
    /// What this memo or effect read on its last run, with the version it saw.
    pub(crate) sources: Vec<(NodeId, u64)>,
    pub(crate) owner: Option<Entity>,
    /// Creation order: dirty effects run oldest first.
    pub(crate) seq: u64,
}

struct Slot {
    generation: u32,
    node: Option<Node>,
}

/// Counts of live nodes, for leak tests and the inspector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReactiveStats {
    pub signals: usize,
    pub memos: usize,
    pub effects: usize,
    /// Effects waiting for the next reactive phase.
    pub pending: usize,
    /// Entities that own at least one node.
    pub owners: usize,
}

#[derive(Default)]
pub(crate) struct Inner {
    slots: Vec<Slot>,
    free: Vec<u32>,
    next_seq: u64,
    /// Observers being evaluated (innermost last) and the sources each has read so far.
    tracking: Vec<(NodeId, Vec<(NodeId, u64)>)>,
    /// Dirty effects by creation order.
    pub(crate) pending: BTreeMap<u64, NodeId>,
    owned: HashMap<Entity, Vec<NodeId>>,
    contexts: HashMap<TypeId, NodeId>,
    pub(crate) errors: Vec<FrameError>,
    /// The frame-clock signal, created on first use.
    pub(crate) clock: Option<NodeId>,
    /// The focused-element signal, created on first use.
    pub(crate) focus: Option<NodeId>,
}

/// The reactive runtime of one [`App`]. Single-threaded, no globals: two apps on one thread
/// have separate graphs.
#[derive(Default)]
pub struct Runtime {
    pub(crate) inner: RefCell<Inner>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("stats", &self.stats()).finish()
    }
}

impl Inner {
    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        let slot = self.slots.get(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.node.as_ref()
    }

    pub(crate) fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.node.as_mut()
    }

    fn insert(&mut self, kind: Kind, owner: Option<Entity>) -> NodeId {
        let seq = self.next_seq;
        self.next_seq += 1;
        let node = Node { kind, version: 0, subscribers: Vec::new(), sources: Vec::new(), owner, seq };
        let id = match self.free.pop() {
            Some(index) => {
                let slot = &mut self.slots[index as usize];
                slot.node = Some(node);
                NodeId { index, generation: slot.generation }
            }
            None => {
                self.slots.push(Slot { generation: 0, node: Some(node) });
                NodeId { index: (self.slots.len() - 1) as u32, generation: 0 }
            }
        };
        if let Some(owner) = owner {
            self.owned.entry(owner).or_default().push(id);
        }
        id
    }

    /// Records that the innermost observer read `source` (at its current version).
    pub(crate) fn track(&mut self, source: NodeId) {
        let Some(version) = self.node(source).map(|n| n.version) else { return };
        if let Some((observer, deps)) = self.tracking.last_mut() {
            if *observer != source && !deps.iter().any(|(d, _)| *d == source) {
                deps.push((source, version));
            }
        }
    }

    /// Replaces the sources of `observer` with `deps`, updating both sides of the edges.
    pub(crate) fn set_sources(&mut self, observer: NodeId, deps: Vec<(NodeId, u64)>) {
        let old = match self.node_mut(observer) {
            Some(n) => std::mem::take(&mut n.sources),
            None => return,
        };
        for (s, _) in old {
            if let Some(n) = self.node_mut(s) {
                n.subscribers.retain(|x| *x != observer);
            }
        }
        for (s, _) in &deps {
            if let Some(n) = self.node_mut(*s) {
                n.subscribers.push(observer);
            }
        }
        if let Some(n) = self.node_mut(observer) {
            n.sources = deps;
        }
    }

    /// After `source` changed: memos below it turn dirty, effects below it are queued.
    pub(crate) fn notify(&mut self, source: NodeId) {
        let mut work: Vec<NodeId> = self.node(source).map(|n| n.subscribers.clone()).unwrap_or_default();
        // An observer running right now that already read `source` is not subscribed yet (its
        // edges are committed when it finishes), but it did see a value that is now stale.
        work.extend(self.tracking.iter().filter(|(_, deps)| deps.iter().any(|(d, _)| *d == source)).map(|(o, _)| *o));
        while let Some(id) = work.pop() {
            let Some(node) = self.node_mut(id) else { continue };
            let seq = node.seq;
            match &mut node.kind {
                Kind::Memo { dirty, .. } => {
                    if !*dirty {
                        *dirty = true;
                        work.extend(node.subscribers.iter().copied());
                    }
                }
                Kind::Effect { pending, .. } => {
                    if !*pending {
                        *pending = true;
                        self.pending.insert(seq, id);
                    }
                }
                Kind::Signal { .. } => {}
            }
        }
    }

    /// Removes `id` and its edges. Stale handles to it read as disposed from now on. Returns
    /// the node: it holds user values and closures, so the caller drops it behind a panic
    /// boundary (`failure::drop_guarded`), outside any borrow of the runtime.
    #[must_use = "drop the node with failure::drop_guarded"]
    pub(crate) fn dispose(&mut self, id: NodeId) -> Option<Node> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        let node = slot.node.take()?;
        slot.generation = slot.generation.wrapping_add(1);
        self.free.push(id.index);
        self.pending.remove(&node.seq);
        for (s, _) in &node.sources {
            if let Some(n) = self.node_mut(*s) {
                n.subscribers.retain(|x| *x != id);
            }
        }
        for s in &node.subscribers {
            if let Some(n) = self.node_mut(*s) {
                n.sources.retain(|(x, _)| *x != id);
            }
        }
        if let Some(owner) = node.owner {
            if let Some(list) = self.owned.get_mut(&owner) {
                list.retain(|x| *x != id);
                if list.is_empty() {
                    self.owned.remove(&owner);
                }
            }
        }
        self.contexts.retain(|_, v| *v != id);
        if self.clock == Some(id) {
            self.clock = None;
        }
        if self.focus == Some(id) {
            self.focus = None;
        }
        Some(node)
    }
}

impl Runtime {
    pub(crate) fn new_signal(&self, value: Value, owner: Option<Entity>) -> NodeId {
        self.inner.borrow_mut().insert(Kind::Signal { value }, owner)
    }

    pub(crate) fn new_memo(&self, compute: Compute, eq: Eq, owner: Option<Entity>) -> NodeId {
        let kind = Kind::Memo { value: None, compute, eq, dirty: true, computing: false };
        self.inner.borrow_mut().insert(kind, owner)
    }

    /// A new effect; `queued`: it first runs at the next reactive phase (otherwise the caller
    /// runs it now).
    pub(crate) fn new_effect(&self, run: EffectFn, owner: Option<Entity>, queued: bool) -> NodeId {
        let mut inner = self.inner.borrow_mut();
        let id = inner.insert(Kind::Effect { run: Some(run), pending: queued, ran: false, panics: 0 }, owner);
        if queued {
            if let Some(seq) = inner.node(id).map(|n| n.seq) {
                inner.pending.insert(seq, id);
            }
        }
        id
    }

    /// The current value of a signal, recording the read for the running observer.
    pub(crate) fn read_signal(&self, id: NodeId, track: bool) -> Option<Value> {
        let mut inner = self.inner.borrow_mut();
        if track {
            inner.track(id);
        }
        match &inner.node(id)?.kind {
            Kind::Signal { value } => Some(value.clone()),
            _ => None,
        }
    }

    /// The value of a memo, recomputing it first when a source changed.
    pub(crate) fn read_memo(&self, app: &App, id: NodeId, track: bool) -> Option<Value> {
        let (needs, compute) = {
            let mut inner = self.inner.borrow_mut();
            let node = inner.node_mut(id)?;
            match &mut node.kind {
                Kind::Memo { value, compute, dirty, computing, .. } => {
                    if *computing {
                        // A memo reading itself (directly or through others): answer with the
                        // stale value rather than recursing forever.
                        let stale = value.clone();
                        let msg = format!("memo #{} reads itself (a dependency cycle)", id.index);
                        inner.errors.push(FrameError::new(ErrorKind::Limit, msg));
                        return stale;
                    }
                    let needs = *dirty || value.is_none();
                    if needs {
                        *computing = true;
                    }
                    (needs, compute.clone())
                }
                _ => return None,
            }
        };
        if needs {
            let depth = self.push_observer(id);
            let new = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compute(app))) {
                Ok(v) => v,
                Err(panic) => {
                    // Leave the memo dirty and re-computable, then let the effect boundary
                    // that called us report the panic.
                    self.pop_observer(depth);
                    if let Some(Kind::Memo { computing, .. }) =
                        self.inner.borrow_mut().node_mut(id).map(|n| &mut n.kind)
                    {
                        *computing = false;
                    }
                    std::panic::resume_unwind(panic);
                }
            };
            let deps = self.pop_observer(depth);
            let mut inner = self.inner.borrow_mut();
            inner.set_sources(id, deps);
            if let Some(node) = inner.node_mut(id) {
                if let Kind::Memo { value, eq, dirty, computing, .. } = &mut node.kind {
                    *dirty = false;
                    *computing = false;
                    let same = value.as_ref().is_some_and(|old| eq(&**old, &*new));
                    if !same {
                        *value = Some(new);
                        node.version += 1;
                    }
                }
            }
        }
        let mut inner = self.inner.borrow_mut();
        if track {
            inner.track(id);
        }
        match &inner.node(id)?.kind {
            Kind::Memo { value, .. } => value.clone(),
            _ => None,
        }
    }

    /// Lets a signal read `id` even when the caller holds only `&App` (used by `Memo::get`).
    pub(crate) fn version(&self, id: NodeId) -> Option<u64> {
        self.inner.borrow().node(id).map(|n| n.version)
    }

    pub(crate) fn is_memo(&self, id: NodeId) -> bool {
        matches!(self.inner.borrow().node(id).map(|n| &n.kind), Some(Kind::Memo { .. }))
    }

    pub(crate) fn push_observer(&self, id: NodeId) -> usize {
        let mut inner = self.inner.borrow_mut();
        inner.tracking.push((id, Vec::new()));
        inner.tracking.len() - 1
    }

    /// Ends the observation started at `depth` (dropping deeper frames a panic left behind)
    /// and returns what it read.
    pub(crate) fn pop_observer(&self, depth: usize) -> Vec<(NodeId, u64)> {
        let mut inner = self.inner.borrow_mut();
        inner.tracking.truncate(depth + 1);
        if inner.tracking.len() == depth + 1 {
            inner.tracking.pop().map(|(_, d)| d).unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    /// Disposes every node owned by `owner` (called for each despawned entity).
    /// Disposes what `owner` owned; returns the nodes for the caller to drop (see `dispose`).
    #[must_use = "drop the nodes with failure::drop_guarded"]
    pub(crate) fn dispose_owner(&self, owner: Entity) -> Vec<Node> {
        let mut inner = self.inner.borrow_mut();
        let ids = inner.owned.remove(&owner).unwrap_or_default();
        ids.into_iter().filter_map(|id| inner.dispose(id)).collect()
    }

    pub(crate) fn set_owner(&self, id: NodeId, owner: Entity) {
        let mut inner = self.inner.borrow_mut();
        let previous = match inner.node_mut(id) {
            Some(n) => n.owner.replace(owner),
            None => return,
        };
        if let Some(p) = previous {
            if let Some(list) = inner.owned.get_mut(&p) {
                list.retain(|x| *x != id);
            }
        }
        inner.owned.entry(owner).or_default().push(id);
    }

    pub(crate) fn context(&self, ty: TypeId) -> Option<NodeId> {
        self.inner.borrow().contexts.get(&ty).copied()
    }

    pub(crate) fn set_context(&self, ty: TypeId, id: NodeId) {
        self.inner.borrow_mut().contexts.insert(ty, id);
    }

    /// True when an effect is queued or an error waits to be reported: only then does the
    /// reactive phase do any work.
    pub fn has_work(&self) -> bool {
        let inner = self.inner.borrow();
        !inner.pending.is_empty() || !inner.errors.is_empty()
    }

    pub fn stats(&self) -> ReactiveStats {
        let inner = self.inner.borrow();
        let mut s = ReactiveStats { pending: inner.pending.len(), owners: inner.owned.len(), ..Default::default() };
        for node in inner.slots.iter().filter_map(|s| s.node.as_ref()) {
            match node.kind {
                Kind::Signal { .. } => s.signals += 1,
                Kind::Memo { .. } => s.memos += 1,
                Kind::Effect { .. } => s.effects += 1,
            }
        }
        s
    }

    pub(crate) fn report(&self, error: FrameError) {
        self.inner.borrow_mut().errors.push(error);
    }
}
