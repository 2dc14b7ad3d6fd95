//! The navigation lint: which focusable elements can the remote's arrows never reach, and
//! which scopes does focus enter but never leave?
//!
//! It explores the top screen from its focus (or initial focus) with the same navigation the
//! focus phase uses (`scope.rs`), one arrow at a time, as on a freshly shown screen (scope
//! memory empty: memory only ever holds elements already reached, so it cannot add any).
//! While a trap (a modal) is open, only the trap is explored. Run it after a frame, so layout
//! is current; it changes nothing.

use std::collections::{HashSet, VecDeque};
use std::fmt;

use hecs::Entity;

use super::scope::{FocusScope, NavSnapshot};
use super::search::NavDirection;
use crate::app::App;
use crate::tree;

/// A scope focus cannot leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapFinding {
    /// The scope's path.
    pub path: String,
    pub reason: String,
}

/// What [`navigation_lint`] found. `Display` lists it for people; the fields are for tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintReport {
    /// The linted screen's path.
    pub screen: String,
    /// Where exploration started.
    pub start: Option<String>,
    /// Eligible focusable elements considered.
    pub focusables: usize,
    /// Paths of focusable elements no sequence of arrows reaches from `start`.
    pub unreachable: Vec<String>,
    /// Scopes that keep focus with no way out.
    pub traps: Vec<TrapFinding>,
    /// Other problems (an override naming a missing element, nothing laid out yet).
    pub notes: Vec<String>,
}

impl LintReport {
    /// No unreachable element and no inescapable trap.
    pub fn is_clean(&self) -> bool {
        self.unreachable.is_empty() && self.traps.is_empty()
    }
}

impl fmt::Display for LintReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let start = self.start.as_deref().unwrap_or("nothing");
        let problems = self.unreachable.len() + self.traps.len();
        if problems == 0 {
            writeln!(
                f,
                "focus lint of `{}`: ok ({} focusable, all reachable from `{start}`, no inescapable traps)",
                self.screen, self.focusables
            )?;
        } else {
            writeln!(
                f,
                "focus lint of `{}`: {problems} problem(s) ({} focusable, starting at `{start}`)",
                self.screen, self.focusables
            )?;
        }
        for u in &self.unreachable {
            writeln!(f, "  unreachable: `{u}`")?;
        }
        for t in &self.traps {
            writeln!(f, "  trap: `{}`: {}", t.path, t.reason)?;
        }
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        Ok(())
    }
}

/// Lints the top screen of `app`. Cost: one navigation per reachable element and direction.
pub fn navigation_lint(app: &App) -> LintReport {
    let world = app.world();
    let screen = app.screen_root();
    let snap = NavSnapshot::build(world, screen, false);
    let mut report = LintReport { screen: tree::path(world, screen), ..LintReport::default() };
    report.notes.extend(snap.errors.iter().cloned());
    if app.rect(screen).is_none() {
        report.notes.push("nothing is laid out yet: run a frame before linting".to_owned());
    }
    let region = snap.traps.last().copied();
    let members = match region {
        Some(t) => snap.focusables_within(t),
        None => snap.focusables.clone(),
    };
    report.focusables = members.len();
    let in_region = |e: Entity| region.map(|t| snap.is_within(e, t)).unwrap_or(true);
    let start = app
        .focused()
        .filter(|f| snap.is_eligible(*f) && in_region(*f))
        .or_else(|| region.and_then(|t| snap.enter(t, None, None)))
        .or_else(|| snap.initial());
    report.start = start.map(|s| tree::path(world, s));
    let Some(start) = start else { return report };

    // Breadth-first over arrow moves.
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    let mut edges = Vec::new();
    while let Some(n) = queue.pop_front() {
        for d in NavDirection::ALL {
            if let Some(t) = snap.navigate(n, d) {
                edges.push((n, t));
                if seen.insert(t) {
                    queue.push_back(t);
                }
            }
        }
    }
    report.unreachable = members.iter().filter(|m| !seen.contains(m)).map(|m| tree::path(world, *m)).collect();

    // Scopes that focus enters and no arrow leaves.
    for e in tree::subtree(world, screen) {
        if e == screen || !snap.is_scope(e) {
            continue;
        }
        if !seen.iter().any(|s| snap.is_within(*s, e)) {
            continue;
        }
        let exits = edges.iter().any(|(a, b)| snap.is_within(*a, e) && !snap.is_within(*b, e));
        if exits {
            continue;
        }
        let trap = world.get::<&FocusScope>(e).map(|s| s.trap).unwrap_or(false);
        let reason = if trap {
            let handled = tree::subtree(world, e)
                .iter()
                .chain(tree::ancestors(world, e).iter())
                .any(|n| app.focus.handlers.get(n).map(|h| h.handles_keys()).unwrap_or(false));
            if handled || app.pushed_screens() > 0 {
                continue;
            }
            "a trap with no key or select handler inside or around it, and no screen below for Back to return to"
        } else if snap.is_within(start, e) {
            // Everything outside is then unreachable, which is reported above.
            continue;
        } else {
            "focus can enter this scope but no arrow leads out of it"
        };
        report.traps.push(TrapFinding { path: tree::path(world, e), reason: reason.to_owned() });
    }
    report
}
