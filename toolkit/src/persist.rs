//! State that survives the app: a [`Snapshot`] of the screen stack (by route), the focus path
//! and the signals the app marks persistent, taken by a host and given back to a fresh app
//! after a crash (crash-only recovery on a device whose VM cannot unwind) or a restart.
//!
//! The app opts in piece by piece: [`App::persist`] names a signal whose value is saved as JSON,
//! [`App::set_route`] names a pushed screen so it can be rebuilt, and the host's restore code
//! calls the app's own router for each route ([`App::restore_with`]). The focus path is applied
//! as soon as it exists (data-driven screens mount their content a few frames after they
//! open), by [`App::settle_restored_focus`], which a host calls after every frame.
//!
//! Owns: the registry of persistent signals (an app context) and the [`ScreenRoute`]
//! component. Must not touch: storage. Where the bytes go is the host's business.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use hecs::Entity;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::App;
use crate::reactive::Signal;
use crate::tree::{self, Name};

/// The route of a pushed screen: what the app's router needs to build it again
/// (`"home"`, `"details/t042"`). Set with [`App::set_route`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenRoute(pub String);

/// What a host saves to bring an app back where it was.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Routes of the pushed screens, bottom first. Stops at the first screen without a route
    /// (what is above it cannot be rebuilt).
    pub screens: Vec<String>,
    /// The focus path (`App::focus_path`), if something had focus.
    pub focus: Option<String>,
    /// The persistent signals' values, by the key given to [`App::persist`].
    pub signals: BTreeMap<String, Value>,
}

impl Snapshot {
    pub fn to_json(&self) -> String {
        // A tree of strings and JSON values with string keys always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Snapshot, RestoreError> {
        serde_json::from_str(text).map_err(|e| RestoreError { what: "snapshot".to_owned(), reason: e.to_string() })
    }
}

/// Part of a snapshot could not be applied. The rest was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreError {
    /// The signal key, `route \`..\``, or `snapshot`.
    pub what: String,
    pub reason: String,
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "restore {}: {}", self.what, self.reason)
    }
}

impl std::error::Error for RestoreError {}

type Save = Box<dyn Fn(&App) -> Option<Result<Value, String>>>;
type Load = Box<dyn Fn(&mut App, Value) -> Result<(), String>>;

struct Entry {
    key: String,
    save: Save,
    load: Load,
}

/// The registry, provided as an app context (a clone shares it).
#[derive(Clone, Default)]
struct Persisted {
    entries: Rc<RefCell<Vec<Entry>>>,
    /// The focus path a restore still waits for, and how many frames it may still wait.
    pending_focus: Rc<RefCell<Option<(String, u32)>>>,
}

/// Frames a restored focus path is waited for (data arrives over the host bus): 10 s at 60 Hz.
pub const RESTORE_FOCUS_FRAMES: u32 = 600;

impl App {
    fn persisted(&mut self) -> Persisted {
        match self.context_signal::<Persisted>().and_then(|s| s.get_untracked(self)) {
            Some(p) => p,
            None => {
                let p = Persisted::default();
                self.provide(p.clone());
                p
            }
        }
    }

    /// Marks `signal` persistent under `key`: [`App::snapshot`] saves its value as JSON and
    /// [`App::restore_signals`] writes it back. A later call with the same key replaces the
    /// earlier one. A disposed signal is left out of snapshots.
    pub fn persist<T>(&mut self, key: impl Into<String>, signal: Signal<T>)
    where
        T: Serialize + DeserializeOwned + Clone + 'static,
    {
        let key = key.into();
        let save: Save =
            Box::new(move |app| signal.get_untracked(app).map(|v| serde_json::to_value(v).map_err(|e| e.to_string())));
        let load: Load = Box::new(move |app, value| {
            let v: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
            if signal.get_untracked(app).is_none() {
                return Err("the signal was disposed".to_owned());
            }
            signal.set(app, v);
            Ok(())
        });
        let p = self.persisted();
        let mut entries = p.entries.borrow_mut();
        entries.retain(|e| e.key != key);
        entries.push(Entry { key, save, load });
    }

    /// Names the pushed screen whose root is `screen` for [`Snapshot::screens`].
    pub fn set_route(&mut self, screen: Entity, route: impl Into<String>) {
        let _ = self.world.insert_one(screen, ScreenRoute(route.into()));
    }

    /// The routes of the pushed screens, bottom first, up to the first one without a route.
    pub fn screen_routes(&self) -> Vec<String> {
        let mut routes = Vec::new();
        for root in self.pushed_screen_roots() {
            match self.world.get::<&ScreenRoute>(root) {
                Ok(r) => routes.push(r.0.clone()),
                Err(_) => break,
            }
        }
        routes
    }

    /// The current state: routes, focus path and persistent signals. Cheap (a few small
    /// serializations); a host may take one every frame. A signal whose value cannot be
    /// serialized is left out.
    pub fn snapshot(&mut self) -> Snapshot {
        let p = self.persisted();
        let mut signals = BTreeMap::new();
        for e in p.entries.borrow().iter() {
            if let Some(Ok(v)) = (e.save)(self) {
                signals.insert(e.key.clone(), v);
            }
        }
        Snapshot { screens: self.screen_routes(), focus: self.focus_path(), signals }
    }

    /// Writes the snapshot's persistent signals back (keys this app did not mark are
    /// reported, as are values that do not decode). Call before rebuilding screens, which
    /// read them.
    pub fn restore_signals(&mut self, snapshot: &Snapshot) -> Vec<RestoreError> {
        let p = self.persisted();
        let mut errors = Vec::new();
        for (key, value) in &snapshot.signals {
            // The entry is taken out while it runs: writing the signal runs no effect here,
            // but a loader may still call `persist`, which borrows the registry.
            let taken = {
                let mut entries = p.entries.borrow_mut();
                entries.iter().position(|e| &e.key == key).map(|i| entries.remove(i))
            };
            let Some(entry) = taken else {
                errors.push(RestoreError { what: key.clone(), reason: "no signal persists this key".to_owned() });
                continue;
            };
            let result = (entry.load)(self, value.clone());
            let mut entries = p.entries.borrow_mut();
            if !entries.iter().any(|e| e.key == entry.key) {
                entries.push(entry);
            }
            drop(entries);
            if let Err(reason) = result {
                errors.push(RestoreError { what: key.clone(), reason });
            }
        }
        errors
    }

    /// Restores a whole snapshot: signals, then each route through `open` (the app's router:
    /// it pushes the screen and returns false for a route it does not know, which ends the
    /// rebuild), then the focus path, applied now if it exists or as soon as it does
    /// ([`App::settle_restored_focus`]).
    pub fn restore_with(
        &mut self,
        snapshot: &Snapshot,
        mut open: impl FnMut(&mut App, &str) -> bool,
    ) -> Vec<RestoreError> {
        let mut errors = self.restore_signals(snapshot);
        for route in &snapshot.screens {
            if !open(self, route) {
                errors.push(RestoreError {
                    what: format!("route `{route}`"),
                    reason: "the app has no such route".into(),
                });
                break;
            }
        }
        if let Some(path) = &snapshot.focus {
            let p = self.persisted();
            *p.pending_focus.borrow_mut() = Some((path.clone(), RESTORE_FOCUS_FRAMES));
            self.settle_restored_focus();
        }
        errors
    }

    /// Moves focus to the restored focus path once that element exists. Returns true while a
    /// restored path is still awaited. Gives up after [`RESTORE_FOCUS_FRAMES`] calls, or as
    /// soon as the user moved focus elsewhere themselves.
    pub fn settle_restored_focus(&mut self) -> bool {
        let Some(p) = self.context_signal::<Persisted>().and_then(|s| s.get_untracked(self)) else { return false };
        let Some((path, left)) = p.pending_focus.borrow().clone() else { return false };
        if let Some(e) = self.find_path(&path) {
            if self.set_focus(e) {
                *p.pending_focus.borrow_mut() = None;
                return false;
            }
        }
        let left = left.saturating_sub(1);
        *p.pending_focus.borrow_mut() = (left > 0).then_some((path, left));
        left > 0
    }

    /// The element at a `/`-separated name path (as [`App::focus_path`] writes it; `#i` is the
    /// i-th child of an unnamed element). Where siblings share a name, later ones are tried
    /// first (the top screen is mounted last).
    pub fn find_path(&self, path: &str) -> Option<Entity> {
        let mut parts: Vec<&str> = path.split('/').collect();
        if let Ok(name) = self.world.get::<&Name>(self.root) {
            if parts.first() != Some(&name.0.as_str()) {
                return None;
            }
            parts.remove(0);
        }
        find_from(&self.world, self.root, &parts)
    }
}

fn find_from(world: &hecs::World, at: Entity, parts: &[&str]) -> Option<Entity> {
    let Some((first, rest)) = parts.split_first() else { return Some(at) };
    let kids = tree::children(world, at);
    if let Some(i) = first.strip_prefix('#').and_then(|i| i.parse::<usize>().ok()) {
        return find_from(world, *kids.get(i)?, rest);
    }
    kids.iter()
        .rev()
        .filter(|k| world.get::<&Name>(**k).is_ok_and(|n| n.0 == *first))
        .find_map(|k| find_from(world, *k, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::El;
    use std::time::Duration;

    fn screen(name: &str, buttons: &[&str]) -> El {
        El::new().name(name).children(buttons.iter().map(|b| El::new().name(*b).size(100.0, 50.0).focusable()))
    }

    fn open(app: &mut App, route: &str) -> bool {
        let el = match route {
            "menu" => screen("menu", &["a", "b", "c"]),
            r if r.starts_with("details/") => screen("details", &["play", "more"]),
            _ => return false,
        };
        let root = app.push_screen(el);
        app.set_route(root, route);
        true
    }

    #[test]
    fn a_snapshot_brings_back_screens_focus_and_persistent_signals() {
        let mut app = App::headless();
        app.set_root(screen("start", &["go"]));
        let volume = app.signal(3u32);
        let scratch = app.signal(9u32);
        app.persist("volume", volume);
        app.frame(Duration::ZERO, &[]);
        assert!(open(&mut app, "menu"));
        assert!(open(&mut app, "details/t042"));
        let more = app.find_path("root/details/more").unwrap();
        assert!(app.set_focus(more));
        volume.set(&mut app, 7);
        scratch.set(&mut app, 1);
        let snap = app.snapshot();
        assert_eq!(snap.screens, ["menu", "details/t042"]);
        assert_eq!(snap.focus.as_deref(), Some("root/details/more"));
        assert_eq!(snap.signals.get("volume"), Some(&serde_json::json!(7)));
        assert!(!snap.signals.contains_key("scratch"));
        let json = snap.to_json();

        let mut fresh = App::headless();
        fresh.set_root(screen("start", &["go"]));
        let volume2 = fresh.signal(3u32);
        fresh.persist("volume", volume2);
        fresh.frame(Duration::ZERO, &[]);
        let errors = fresh.restore_with(&Snapshot::from_json(&json).unwrap(), open);
        assert!(errors.is_empty(), "{errors:?}");
        fresh.frame(Duration::from_millis(16), &[]);
        assert_eq!(volume2.get(&fresh), 7);
        assert_eq!(fresh.pushed_screens(), 2);
        assert_eq!(fresh.focus_path(), snap.focus);
        // Back goes where it went before the crash.
        assert!(fresh.pop_screen());
        assert_eq!(fresh.screen_routes(), ["menu"]);
    }

    #[test]
    fn a_focus_path_that_appears_later_is_applied_when_it_does() {
        let mut app = App::headless();
        app.set_root(screen("start", &["go"]));
        app.frame(Duration::ZERO, &[]);
        let snap = Snapshot { focus: Some("root/start/late".into()), ..Snapshot::default() };
        assert!(app.restore_with(&snap, |_, _| false).is_empty());
        assert!(app.settle_restored_focus(), "still waiting");
        let start = app.find_path("root/start").unwrap();
        app.mount(start, El::new().name("late").size(10.0, 10.0).focusable());
        app.frame(Duration::from_millis(16), &[]);
        assert!(!app.settle_restored_focus());
        assert_eq!(app.focus_path().as_deref(), Some("root/start/late"));
    }

    #[test]
    fn bad_parts_of_a_snapshot_are_reported_and_the_rest_applied() {
        let mut app = App::headless();
        app.set_root(screen("start", &["go"]));
        let n = app.signal(1u32);
        app.persist("n", n);
        let mut snap = Snapshot { screens: vec!["menu".into(), "nowhere".into(), "menu".into()], ..Default::default() };
        snap.signals.insert("n".into(), serde_json::json!("not a number"));
        snap.signals.insert("gone".into(), serde_json::json!(1));
        let errors = app.restore_with(&snap, open);
        let what: Vec<&str> = errors.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(what, ["gone", "n", "route `nowhere`"]);
        assert_eq!(n.get(&app), 1);
        assert_eq!(app.screen_routes(), ["menu"]);
        assert!(Snapshot::from_json("{").unwrap_err().to_string().starts_with("restore snapshot:"));
    }
}
