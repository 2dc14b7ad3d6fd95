//! Reactive phase: signals, memos and effects with automatic dependency tracking.
//!
//! Reads and writes: the app's [`Runtime`] (the graph), and through effects anything the
//! `App` mutation API reaches (text, styles, visuals, mounting and despawning elements).
//! Must not touch: layout, paint or the backend directly; effects only go through `App`
//! methods, so those phases see what changed.
//!
//! Writing a signal never runs anything: it marks the effects that read it dirty. This phase
//! (DESIGN step 3) runs dirty effects oldest first, in passes, until none is dirty; effects
//! dirtied during a pass run in the next one, and after [`MAX_PASSES`] the rest are reported as
//! a cycle and dropped. A frame with no writes costs one check. Each effect runs inside
//! `catch_unwind`: a panic is reported in `Frame::errors`, and the third panic in a row
//! disables the effect and shows its owner as the error placeholder ([`crate::ErrorMark`]). See `docs/reactive.md` for why this
//! runtime is our own rather than `floem_reactive` or `sycamore-reactive`.

mod bind;
mod list;
mod runtime;
mod signal;
#[cfg(test)]
mod tests;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::time::Duration;

use hecs::Entity;

pub(crate) use bind::{mount, Reactive};
pub use runtime::{NodeId, ReactiveStats, Runtime};
pub use signal::{Effect, Memo, Signal, Source};

use crate::app::App;
use crate::errors::{panic_message, ErrorKind, FrameError};
use crate::tree;
use runtime::{Kind, Node};

/// Passes over dirty effects before the rest are reported as a dependency cycle.
pub const MAX_PASSES: usize = 64;

/// Consecutive panics after which an effect is disabled.
pub const MAX_PANICS: u32 = 3;

/// Runs the reactive phase (and the flush after animation): effects queued since the last
/// flush run; what they report goes to the frame's errors.
pub(crate) fn run(app: &mut App) {
    tick_clock(app);
    tick_focus(app);
    if !app.reactive.has_work() {
        return;
    }
    for _ in 0..MAX_PASSES {
        let pass: Vec<NodeId> = std::mem::take(&mut app.reactive.inner.get_mut().pending).into_values().collect();
        if pass.is_empty() {
            break;
        }
        for id in pass {
            run_effect(app, id, false);
        }
    }
    let inner = app.reactive.inner.get_mut();
    if !inner.pending.is_empty() {
        let stuck: Vec<NodeId> = std::mem::take(&mut inner.pending).into_values().collect();
        let mut names = Vec::new();
        for id in &stuck {
            if let Some(node) = inner.node_mut(*id) {
                if let Kind::Effect { pending, .. } = &mut node.kind {
                    *pending = false;
                }
                names.push(format!("#{}", id.index));
            }
        }
        let msg = format!(
            "reactive cycle: effects {} were still dirty after {MAX_PASSES} passes (an effect writes a signal \
             that, directly or not, makes it run again); they wait for the next write",
            names.join(", ")
        );
        inner.errors.push(FrameError::new(ErrorKind::Limit, msg));
    }
    for e in std::mem::take(&mut app.reactive.inner.get_mut().errors) {
        app.report(e);
    }
}

/// Writes the frame time into the clock signal, only when something reads it.
fn tick_clock(app: &mut App) {
    let now = app.now();
    let inner = app.reactive.inner.get_mut();
    let Some(id) = inner.clock else { return };
    let Some(node) = inner.node_mut(id) else { return };
    if node.subscribers.is_empty() {
        return;
    }
    if let Kind::Signal { value } = &mut node.kind {
        if value.downcast_ref::<Duration>() == Some(&now) {
            return;
        }
        *value = Rc::new(now);
        node.version += 1;
        inner.notify(id);
    }
}

/// Writes the focused element into the focus signal when it changed and something reads it.
/// Focus moves in the focus phase (and through `App::set_focus` between frames); effects see
/// where it landed in this phase, never a half-moved state.
fn tick_focus(app: &mut App) {
    let focused = app.focused();
    let inner = app.reactive.inner.get_mut();
    let Some(id) = inner.focus else { return };
    let Some(node) = inner.node_mut(id) else { return };
    if node.subscribers.is_empty() {
        return;
    }
    if let Kind::Signal { value } = &mut node.kind {
        if value.downcast_ref::<Option<Entity>>() == Some(&focused) {
            return;
        }
        *value = Rc::new(focused);
        node.version += 1;
        inner.notify(id);
    }
}

/// True while some effect or memo reads the frame clock (it needs a frame every vsync).
pub(crate) fn uses_clock(app: &App) -> bool {
    let inner = app.reactive.inner.borrow();
    inner.clock.and_then(|id| inner.node(id)).is_some_and(|n| !n.subscribers.is_empty())
}

/// Whether any source of effect `id` changed since it last ran (memos are brought up to date
/// first, so a memo that recomputed to the same value does not count).
fn sources_changed(app: &App, id: NodeId) -> bool {
    let sources = {
        let inner = app.reactive.inner.borrow();
        match inner.node(id) {
            Some(Node { kind: Kind::Effect { ran: false, .. }, .. }) => return true,
            Some(n) => n.sources.clone(),
            None => return false,
        }
    };
    sources.iter().any(|(src, seen)| {
        if app.reactive.is_memo(*src) {
            let _ = app.reactive.read_memo(app, *src, false);
        }
        app.reactive.version(*src).is_some_and(|v| v != *seen)
    })
}

/// Runs effect `id` once (if `force`, whether or not its sources changed).
pub(crate) fn run_effect(app: &mut App, id: NodeId, force: bool) {
    {
        let inner = app.reactive.inner.get_mut();
        match inner.node_mut(id).map(|n| &mut n.kind) {
            Some(Kind::Effect { pending, .. }) => *pending = false,
            _ => return,
        }
    }
    if !force && !sources_changed(app, id) {
        return;
    }
    let (f, owner) = {
        let inner = app.reactive.inner.get_mut();
        let Some(node) = inner.node_mut(id) else { return };
        let owner = node.owner;
        match &mut node.kind {
            Kind::Effect { run, .. } => (run.take(), owner),
            _ => return,
        }
    };
    // `None`: the effect is running further up the stack (it mounted something that ran it).
    let Some(mut f) = f else { return };
    let depth = app.reactive.push_observer(id);
    let result = catch_unwind(AssertUnwindSafe(|| f(app)));
    let deps = app.reactive.pop_observer(depth);
    // The effect may have despawned its own owner: then it is disposed and `f` is dropped.
    if app.reactive.inner.get_mut().node_mut(id).is_none() {
        crate::failure::drop_guarded(app, f, "a disposed effect");
        return;
    }
    let inner = app.reactive.inner.get_mut();
    let Some(node) = inner.node_mut(id) else { return };
    let panics = match &mut node.kind {
        Kind::Effect { run, ran, panics, .. } => {
            *run = Some(f);
            *ran = true;
            *panics = if result.is_ok() { 0 } else { *panics + 1 };
            *panics
        }
        _ => return,
    };
    inner.set_sources(id, deps);
    if let Err(panic) = result {
        let what = panic_message(&*panic);
        let mut message = format!("effect #{} panicked: {what}", id.index);
        if panics >= MAX_PANICS {
            message.push_str(&format!(" (disabled after {MAX_PANICS} panics in a row)"));
            let node = app.reactive.inner.get_mut().dispose(id);
            crate::failure::drop_guarded(app, node, "a disabled effect");
            if let Some(o) = owner {
                app.mark_failed(o, message.clone());
            }
        }
        let mut error = FrameError::new(ErrorKind::Panic, message);
        if let Some(o) = owner {
            error = error.at(tree::path(app.world(), o));
        }
        app.reactive.report(error);
    }
}

/// Disposes what the despawned entity `e` owned.
pub(crate) fn on_despawn(app: &mut App, e: Entity) {
    let nodes = app.reactive.dispose_owner(e);
    if !nodes.is_empty() {
        crate::failure::drop_guarded(app, nodes, "the effects and signals of a despawned element");
    }
}
