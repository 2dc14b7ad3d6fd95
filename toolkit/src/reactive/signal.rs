//! The typed handles app code holds: [`Signal`], [`Memo`], [`Effect`], and the `App` methods
//! that create them.
//!
//! Handles are `Copy` ids into the app's [`Runtime`](super::Runtime); reading takes `&App`,
//! writing takes `&mut App`. A read inside a memo or effect subscribes it to the value.

use std::any::{Any, TypeId};
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;
use std::time::Duration;

use hecs::Entity;

use super::runtime::{NodeId, Value};
use crate::app::App;

/// A value that memos and effects can depend on. Create with [`App::signal`].
pub struct Signal<T> {
    pub(crate) id: NodeId,
    // `fn() -> T`: the handle is an id, Send + Sync whatever `T` is, so it fits in components.
    marker: PhantomData<fn() -> T>,
}

/// A derived value, recomputed lazily when a source changed, and only propagating a change
/// when the new value differs (`PartialEq`). Create with [`App::memo`].
pub struct Memo<T> {
    pub(crate) id: NodeId,
    marker: PhantomData<fn() -> T>,
}

/// An effect: a closure that runs in the reactive phase whenever a value it read last time
/// changed. Create with [`App::effect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Effect {
    pub(crate) id: NodeId,
}

macro_rules! handle_traits {
    ($t:ident) => {
        impl<T> Clone for $t<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T> Copy for $t<T> {}
        impl<T> PartialEq for $t<T> {
            fn eq(&self, other: &Self) -> bool {
                self.id == other.id
            }
        }
        impl<T> Eq for $t<T> {}
        impl<T> fmt::Debug for $t<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}#{}v{}", stringify!($t), self.id.index, self.id.generation)
            }
        }
    };
}
handle_traits!(Signal);
handle_traits!(Memo);

fn downcast<T: 'static>(v: &Value) -> Option<&T> {
    v.downcast_ref::<T>()
}

impl<T: 'static> Signal<T> {
    fn new(id: NodeId) -> Self {
        Self { id, marker: PhantomData }
    }

    /// Calls `f` with the value, subscribing the running memo or effect. Returns `None` when the
    /// signal was disposed (its owner despawned).
    pub fn try_with<R>(self, app: &App, f: impl FnOnce(&T) -> R) -> Option<R> {
        let v = app.reactive.read_signal(self.id, true)?;
        downcast::<T>(&v).map(f)
    }

    /// Calls `f` with the value, subscribing the running memo or effect.
    ///
    /// # Panics
    /// When the signal was disposed: reading state after its owner was despawned is a bug in
    /// the caller. Inside an effect the panic is caught and reported; use [`Self::try_with`]
    /// where disposal is expected.
    pub fn with<R>(self, app: &App, f: impl FnOnce(&T) -> R) -> R {
        match self.try_with(app, f) {
            Some(r) => r,
            None => disposed(self.id),
        }
    }

    /// The value (cloned), subscribing the running memo or effect. Panics like [`Self::with`].
    pub fn get(self, app: &App) -> T
    where
        T: Clone,
    {
        self.with(app, T::clone)
    }

    /// The value, or `None` once disposed.
    pub fn try_get(self, app: &App) -> Option<T>
    where
        T: Clone,
    {
        self.try_with(app, T::clone)
    }

    /// The value without subscribing anything.
    pub fn get_untracked(self, app: &App) -> Option<T>
    where
        T: Clone,
    {
        let v = app.reactive.read_signal(self.id, false)?;
        downcast::<T>(&v).cloned()
    }

    /// Replaces the value and queues every effect that read it for the next reactive phase.
    /// Nothing runs now: ten writes before a frame cost one effect run. A disposed signal
    /// ignores writes.
    pub fn set(self, app: &mut App, value: T) {
        let inner = app.reactive.inner.get_mut();
        let Some(node) = inner.node_mut(self.id) else { return };
        if let super::runtime::Kind::Signal { value: v } = &mut node.kind {
            *v = Rc::new(value);
            node.version += 1;
            inner.notify(self.id);
        }
    }

    /// Writes only when `value` differs from the current one; returns whether it did.
    pub fn set_if_changed(self, app: &mut App, value: T) -> bool
    where
        T: PartialEq,
    {
        let same = app.reactive.read_signal(self.id, false).is_some_and(|v| downcast::<T>(&v) == Some(&value));
        if !same {
            self.set(app, value);
        }
        !same
    }

    /// Edits the value in place and notifies like [`Self::set`].
    pub fn update(self, app: &mut App, f: impl FnOnce(&mut T)) {
        let inner = app.reactive.inner.get_mut();
        let Some(node) = inner.node_mut(self.id) else { return };
        if let super::runtime::Kind::Signal { value } = &mut node.kind {
            // No `with` can be running while we hold `&mut App`, so the value is not shared.
            let Some(v) = Rc::get_mut(value).and_then(|v| v.downcast_mut::<T>()) else { return };
            f(v);
            node.version += 1;
            inner.notify(self.id);
        }
    }

    /// Frees the signal now (normally its owner's despawn does this).
    pub fn dispose(self, app: &mut App) {
        let node = app.reactive.inner.get_mut().dispose(self.id);
        crate::failure::drop_guarded(app, node, "a disposed reactive node");
    }
}

impl<T: 'static> Memo<T> {
    fn new(id: NodeId) -> Self {
        Self { id, marker: PhantomData }
    }

    /// Calls `f` with the value (recomputed first if a source changed), subscribing the running
    /// memo or effect. `None` once disposed.
    pub fn try_with<R>(self, app: &App, f: impl FnOnce(&T) -> R) -> Option<R> {
        let v = app.reactive.read_memo(app, self.id, true)?;
        downcast::<T>(&v).map(f)
    }

    /// Like [`Signal::with`], with the same panic on a disposed memo.
    pub fn with<R>(self, app: &App, f: impl FnOnce(&T) -> R) -> R {
        match self.try_with(app, f) {
            Some(r) => r,
            None => disposed(self.id),
        }
    }

    pub fn get(self, app: &App) -> T
    where
        T: Clone,
    {
        self.with(app, T::clone)
    }

    pub fn try_get(self, app: &App) -> Option<T>
    where
        T: Clone,
    {
        self.try_with(app, T::clone)
    }

    pub fn dispose(self, app: &mut App) {
        let node = app.reactive.inner.get_mut().dispose(self.id);
        crate::failure::drop_guarded(app, node, "a disposed reactive node");
    }
}

impl Effect {
    /// Stops and frees the effect now (normally its owner's despawn does this).
    pub fn dispose(self, app: &mut App) {
        let node = app.reactive.inner.get_mut().dispose(self.id);
        crate::failure::drop_guarded(app, node, "a disposed reactive node");
    }

    /// Whether the effect still exists (it is gone after its owner's despawn, or after it
    /// panicked too often).
    pub fn is_alive(self, app: &App) -> bool {
        app.reactive.version(self.id).is_some()
    }
}

#[expect(clippy::panic, reason = "reading a disposed signal is a bug in the caller; documented on `with`")]
fn disposed(id: NodeId) -> ! {
    panic!("signal or memo #{} read after it was disposed (its owner was despawned)", id.index)
}

/// Anything an element property can be bound to: a [`Signal`], a [`Memo`], or a closure over
/// `&App` (for closures, prefer the `bind_*` methods, which infer the argument type).
pub trait Source<T>: 'static {
    /// The current value, subscribing the running memo or effect.
    fn read(&self, app: &App) -> T;
}

impl<T: Clone + 'static> Source<T> for Signal<T> {
    fn read(&self, app: &App) -> T {
        self.get(app)
    }
}

impl<T: Clone + 'static> Source<T> for Memo<T> {
    fn read(&self, app: &App) -> T {
        self.get(app)
    }
}

impl<T, F: Fn(&App) -> T + 'static> Source<T> for F {
    fn read(&self, app: &App) -> T {
        self(app)
    }
}

fn eq_any<T: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    match (a.downcast_ref::<T>(), b.downcast_ref::<T>()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

impl App {
    /// A new signal holding `value`, living as long as the app (or until disposed). For state
    /// that belongs to an element, use [`App::signal_owned`] or `El::owns`.
    pub fn signal<T: 'static>(&mut self, value: T) -> Signal<T> {
        Signal::new(self.reactive.new_signal(Rc::new(value), None))
    }

    /// A new signal disposed when `owner` is despawned.
    pub fn signal_owned<T: 'static>(&mut self, owner: Entity, value: T) -> Signal<T> {
        Signal::new(self.reactive.new_signal(Rc::new(value), Some(owner)))
    }

    /// A memo computing `f`. Lazy: `f` first runs when the memo is read, and again only after
    /// a value it read changed. Effects depending on it rerun only when its result changes.
    pub fn memo<T: PartialEq + 'static>(&mut self, f: impl Fn(&App) -> T + 'static) -> Memo<T> {
        let compute: super::runtime::Compute = Rc::new(move |app| Rc::new(f(app)) as Value);
        Memo::new(self.reactive.new_memo(compute, eq_any::<T>, None))
    }

    /// An effect owned by `owner` (disposed when it is despawned). It first runs in the next
    /// reactive phase, then again whenever a signal or memo it read changes. Effects write the
    /// world through the `App` they are given; a panic is caught and reported in
    /// `Frame::errors`, and an effect that panics three times in a row is disabled.
    pub fn effect(&mut self, owner: Entity, f: impl FnMut(&mut App) + 'static) -> Effect {
        Effect { id: self.reactive.new_effect(Box::new(f), Some(owner), true) }
    }

    /// Makes `owner` own the signal or memo `node`: it is disposed with the entity.
    pub fn set_owner(&mut self, node: impl Into<NodeId>, owner: Entity) {
        self.reactive.set_owner(node.into(), owner);
    }

    /// Provides an app-wide value of type `T` (a theme, a locale), held in a signal so that
    /// everything reading it through [`App::context`] updates when it is replaced. Providing
    /// again replaces the value.
    pub fn provide<T: 'static>(&mut self, value: T) -> Signal<T> {
        match self.context_signal::<T>() {
            Some(sig) => {
                sig.set(self, value);
                sig
            }
            None => {
                let sig = self.signal(value);
                self.reactive.set_context(TypeId::of::<T>(), sig.id);
                sig
            }
        }
    }

    /// The signal holding the provided `T`, if any. Reading it subscribes like any signal.
    pub fn context_signal<T: 'static>(&self) -> Option<Signal<T>> {
        self.reactive.context(TypeId::of::<T>()).map(Signal::new)
    }

    /// The provided `T` (cloned), subscribing the running memo or effect; `None` when nothing
    /// was provided.
    pub fn context<T: Clone + 'static>(&self) -> Option<T> {
        self.context_signal::<T>().and_then(|s| s.try_get(self))
    }

    /// The provided `T`, subscribing the running memo or effect; when nothing was provided yet,
    /// provides `T::default()` first, so that readers are subscribed to a later
    /// [`App::provide`] (a theme read before any theme was set still follows the first switch).
    pub fn context_or_default<T: Clone + Default + 'static>(&self) -> T {
        let sig = match self.context_signal::<T>() {
            Some(sig) => sig,
            None => {
                let id = self.reactive.new_signal(Rc::new(T::default()), None);
                self.reactive.set_context(TypeId::of::<T>(), id);
                Signal::new(id)
            }
        };
        sig.try_get(self).unwrap_or_default()
    }

    /// The frame clock: the `now` of the current frame, as a signal. Reading it from an effect
    /// makes that effect run every frame (a spinner), and keeps [`App::is_animating`] true
    /// while anything depends on it. Deterministic: it is the time passed to `App::frame`.
    pub fn clock(&self) -> Duration {
        let existing = self.reactive.inner.borrow().clock;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = self.reactive.new_signal(Rc::new(self.now()), None);
                self.reactive.inner.borrow_mut().clock = Some(id);
                id
            }
        };
        Signal::<Duration>::new(id).try_get(self).unwrap_or(self.now())
    }

    /// The focused element, as a signal: reading it from an effect or binding makes it run
    /// again, in the reactive phase, whenever focus has moved (not on every frame). For looks
    /// that depend on focus somewhere else than the element itself (a text field lit while its
    /// keyboard has focus); an element's own look is cheaper as a `FocusStyle` or an
    /// `on_focus`/`on_blur` signal, since every reader reruns on every move.
    pub fn focus_tracked(&self) -> Option<Entity> {
        let existing = self.reactive.inner.borrow().focus;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = self.reactive.new_signal(Rc::new(self.focused()), None);
                self.reactive.inner.borrow_mut().focus = Some(id);
                id
            }
        };
        Signal::<Option<Entity>>::new(id).try_get(self).unwrap_or_else(|| self.focused())
    }

    /// Live signals, memos and effects (leak tests).
    pub fn reactive_stats(&self) -> super::ReactiveStats {
        self.reactive.stats()
    }
}

impl<T> From<Signal<T>> for NodeId {
    fn from(s: Signal<T>) -> NodeId {
        s.id
    }
}

impl<T> From<Memo<T>> for NodeId {
    fn from(m: Memo<T>) -> NodeId {
        m.id
    }
}
