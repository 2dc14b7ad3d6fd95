//! Focus scopes and scope-aware navigation: which element an arrow goes to once containers
//! with memory, enter policies, wrap-around, traps and explicit overrides are taken into
//! account.
//!
//! Navigation works on a [`NavSnapshot`]: the eligible focusables and scopes of one screen with
//! their on-screen rectangles (after scroll offsets and visual transforms). Building one is a
//! single walk of the screen's subtree; the live focus phase and the lint
//! (`lint.rs`) both navigate over it, so the lint reports exactly what the remote would do.
//!
//! Reads: the tree, [`ComputedLayout`], [`Style`] (`display_none`), [`Visual`] (opacity,
//! transform), [`Scroll`], [`Focusable`], [`Disabled`], [`FocusScope`], [`FocusMemory`],
//! [`FocusOverrides`]. Writes nothing.

use std::collections::{HashMap, HashSet};

use hecs::{Entity, World};
use tenfoot_renderer::{Rect, Transform};

use super::search::{find_next, NavDirection};
use super::{Disabled, FocusSaved, Focusable};
use crate::layout::ComputedLayout;
use crate::scroll::Scroll;
use crate::style::{Style, Visual};
use crate::tree::{self, Children};

/// Where focus goes when it enters a scope from outside.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EnterPolicy {
    /// The element focused last time focus was inside (falls back to `Nearest`).
    #[default]
    Remembered,
    /// The first element, in tree order.
    First,
    /// The element nearest to where focus came from, in the direction of travel.
    Nearest,
    /// The element marked selected (`El::selected`, `Semantics::selected`: the current theme
    /// of a row of choices, the current season tab), so a row of options is entered on its
    /// choice wherever focus comes from; without one, as `Remembered`.
    Selected,
}

/// A container that groups focusable descendants: a row, a grid, a menu, a modal.
///
/// Navigation first searches inside the scope that holds the focused element; only when
/// nothing lies in the pressed direction does it wrap (if enabled), stop (a trap), follow the
/// scope's override, or move on to the parent scope. From outside, the scope is one target
/// whose rectangle is the container's, entered by its [`EnterPolicy`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FocusScope {
    pub enter: EnterPolicy,
    /// Right past the last element comes back to the first of the same row (and Left).
    pub wrap_horizontal: bool,
    /// Down past the last element comes back to the first of the same column (and Up).
    pub wrap_vertical: bool,
    /// Focus never leaves by arrows (a modal); it enters when the scope appears and returns
    /// to where it was when the scope goes away.
    pub trap: bool,
}

impl FocusScope {
    /// A scope remembering its last focused element (a row of tiles).
    pub fn remembered() -> Self {
        Self::default()
    }

    pub fn with_enter(mut self, enter: EnterPolicy) -> Self {
        self.enter = enter;
        self
    }

    pub fn wrap(mut self, horizontal: bool, vertical: bool) -> Self {
        self.wrap_horizontal = horizontal;
        self.wrap_vertical = vertical;
        self
    }

    /// A modal's scope: focus stays inside until it closes.
    pub fn trap() -> Self {
        Self { trap: true, enter: EnterPolicy::First, ..Self::default() }
    }

    fn wraps(&self, dir: NavDirection) -> bool {
        if dir.is_horizontal() {
            self.wrap_horizontal
        } else {
            self.wrap_vertical
        }
    }
}

/// The last focused element inside a scope (kept on the scope entity, cleared when that
/// element is despawned).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FocusMemory(pub Option<Entity>);

/// Explicit arrow targets: pressing `dir` on this element (or, on a scope, leaving the scope
/// in `dir`) goes to the element named `target`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FocusOverrides(pub Vec<(NavDirection, String)>);

struct ScopeInfo {
    scope: FocusScope,
    memory: Option<Entity>,
    /// The container's on-screen rectangle (or its units' union when it has no size).
    rect: Rect,
    /// Eligible focusables and non-empty child scopes, in tree order.
    units: Vec<Entity>,
}

/// The navigable state of one screen, frozen for one search.
pub(crate) struct NavSnapshot<'w> {
    world: &'w World,
    pub(crate) screen: Entity,
    /// Eligible focusables in tree order.
    pub(crate) focusables: Vec<Entity>,
    rects: HashMap<Entity, Rect>,
    parent_scope: HashMap<Entity, Entity>,
    scopes: HashMap<Entity, ScopeInfo>,
    overrides: HashMap<Entity, Vec<(NavDirection, Entity)>>,
    /// Trap scopes with something focusable inside, in tree order (the last is on top).
    pub(crate) traps: Vec<Entity>,
    /// Whether enter policies may use scope memory (the lint explores as on a fresh screen).
    use_memory: bool,
    /// Problems found while building (overrides naming no element).
    pub(crate) errors: Vec<String>,
}

/// The transform a visual applies, about its layout rectangle's centre. A focused element's
/// focus look (its scale-up) is ignored: navigation starts from where the element sits.
fn own_transform(world: &World, e: Entity, rect: &Rect) -> Transform {
    world.entity(e).map(|er| own_transform_of(er, rect)).unwrap_or(Transform::IDENTITY)
}

/// [`own_transform`] for an element already looked up.
fn own_transform_of(er: hecs::EntityRef<'_>, rect: &Rect) -> Transform {
    let saved = er.get::<&FocusSaved>().map(|s| s.visual.as_ref().map(|v| v.transform));
    let t = match saved {
        Some(base) => base.unwrap_or(Transform::IDENTITY),
        None => er.get::<&Visual>().map(|v| v.transform).unwrap_or(Transform::IDENTITY),
    };
    if t.is_identity() || !t.is_finite() {
        return Transform::IDENTITY;
    }
    let c = rect.center();
    Transform::translate(c.x, c.y).then(&t).then(&Transform::translate(-c.x, -c.y))
}

/// The transform from `e`'s parent's layout space to the screen: its ancestors' visual
/// transforms and scroll offsets, outermost first.
fn ancestors_transform(world: &World, e: Entity) -> Transform {
    let mut chain = tree::ancestors(world, e);
    chain.reverse();
    chain.into_iter().fold(Transform::IDENTITY, |m, a| descend_transform(world, a, &m))
}

/// One step of [`ancestors_transform`]: given `above`, the transform of `e`'s parent's layout
/// space, the transform of `e`'s own layout space (where its children are placed) to the
/// screen. Walks that go down the tree carry it instead of walking each element's ancestors.
pub(crate) fn descend_transform(world: &World, e: Entity, above: &Transform) -> Transform {
    let mut m = *above;
    if let Ok(l) = world.get::<&ComputedLayout>(e) {
        m = m.then(&own_transform(world, e, &l.rect));
    }
    if let Ok(s) = world.get::<&Scroll>(e) {
        let (dx, dy) = s.translation();
        m = m.then(&Transform::translate(dx, dy));
    }
    m
}

/// [`screen_rect`] of `e` given `above`, its parent's [`descend_transform`].
pub(crate) fn screen_rect_under(world: &World, e: Entity, above: &Transform) -> Option<Rect> {
    let rect = world.get::<&ComputedLayout>(e).ok()?.rect;
    Some(above.then(&own_transform(world, e, &rect)).map_rect(&rect))
}

/// The on-screen rectangle of `e`: its layout box after the scroll offsets and visual
/// transforms of its ancestors and its own transform. `None` when it is not laid out.
pub fn screen_rect(world: &World, e: Entity) -> Option<Rect> {
    screen_rect_under(world, e, &ancestors_transform(world, e))
}

impl<'w> NavSnapshot<'w> {
    /// Walks the subtree of `screen`. Hidden subtrees (`display_none`, opacity 0) are skipped;
    /// disabled and zero-size focusables are not eligible.
    pub(crate) fn build(world: &'w World, screen: Entity, use_memory: bool) -> Self {
        let mut snap = NavSnapshot {
            world,
            screen,
            focusables: Vec::new(),
            rects: HashMap::new(),
            parent_scope: HashMap::new(),
            scopes: HashMap::new(),
            overrides: HashMap::new(),
            traps: Vec::new(),
            use_memory,
            errors: Vec::new(),
        };
        let root_scope = world
            .get::<&FocusScope>(screen)
            .map(|s| *s)
            .unwrap_or(FocusScope { enter: EnterPolicy::First, ..FocusScope::default() });
        let root_rect = world.get::<&ComputedLayout>(screen).map(|l| l.rect).unwrap_or_default();
        snap.scopes.insert(screen, ScopeInfo { scope: root_scope, memory: None, rect: root_rect, units: Vec::new() });
        // The screen's own ancestors may transform or scroll it too.
        let base = ancestors_transform(world, screen);
        snap.walk(screen, base, screen, true);
        snap.prune(screen);
        snap.resolve_overrides();
        snap
    }

    fn walk(&mut self, e: Entity, parent_m: Transform, scope: Entity, is_screen: bool) {
        // One lookup per element; every component below is read through it.
        let Ok(er) = self.world.entity(e) else { return };
        if er.get::<&Style>().map(|s| s.display_none).unwrap_or(false) {
            return;
        }
        if er.get::<&Visual>().map(|v| v.opacity.is_nan() || v.opacity <= 0.0).unwrap_or(false) {
            return;
        }
        let Some(layout) = er.get::<&ComputedLayout>().map(|l| l.rect) else { return };
        let m = parent_m.then(&own_transform_of(er, &layout));
        let rect = m.map_rect(&layout);
        let mut inner_scope = scope;
        let focus_scope = if is_screen { None } else { er.get::<&FocusScope>().map(|s| *s) };
        if let Some(s) = focus_scope {
            let memory = er.get::<&FocusMemory>().and_then(|m| m.0);
            self.scopes.insert(e, ScopeInfo { scope: s, memory, rect, units: Vec::new() });
            self.parent_scope.insert(e, scope);
            if let Some(info) = self.scopes.get_mut(&scope) {
                info.units.push(e);
            }
            inner_scope = e;
        } else if !is_screen && er.has::<Focusable>() {
            let eligible = !er.has::<Disabled>() && rect.is_finite() && rect.width > 0.0 && rect.height > 0.0;
            if eligible {
                self.focusables.push(e);
                self.rects.insert(e, rect);
                self.parent_scope.insert(e, scope);
                if let Some(info) = self.scopes.get_mut(&scope) {
                    info.units.push(e);
                }
            }
        }
        if er.get::<&FocusOverrides>().is_some_and(|o| !o.0.is_empty()) {
            self.overrides.insert(e, Vec::new());
        }
        let child_m = match er.get::<&Scroll>() {
            Some(s) => {
                let (dx, dy) = s.translation();
                m.then(&Transform::translate(dx, dy))
            }
            None => m,
        };
        if let Some(children) = er.get::<&Children>() {
            for &c in &children.0 {
                self.walk(c, child_m, inner_scope, false);
            }
        }
    }

    /// Drops scopes with nothing eligible inside and fixes up the remaining scope rectangles.
    /// Returns whether `scope` has content.
    fn prune(&mut self, scope: Entity) -> bool {
        let units = self.scopes.get(&scope).map(|i| i.units.clone()).unwrap_or_default();
        let mut kept = Vec::new();
        let mut union = Rect::default();
        for u in units {
            let keep = if self.scopes.contains_key(&u) { self.prune(u) } else { true };
            if keep {
                if let Some(r) = self.rects.get(&u) {
                    union = union.union(r);
                }
                kept.push(u);
            } else {
                self.scopes.remove(&u);
                self.parent_scope.remove(&u);
            }
        }
        let has = !kept.is_empty();
        if let Some(info) = self.scopes.get_mut(&scope) {
            if info.rect.is_empty() {
                info.rect = union;
            }
            info.units = kept;
            if has && scope != self.screen {
                self.rects.insert(scope, info.rect);
                if info.scope.trap {
                    self.traps.push(scope);
                }
            }
        }
        has
    }

    fn resolve_overrides(&mut self) {
        let keys: Vec<Entity> = self.overrides.keys().copied().collect();
        for e in keys {
            let Ok(list) = self.world.get::<&FocusOverrides>(e).map(|o| o.0.clone()) else { continue };
            let mut resolved = Vec::new();
            for (dir, name) in list {
                match tree::find_by_name(self.world, self.screen, &name) {
                    Some(t) => resolved.push((dir, t)),
                    None => self.errors.push(format!(
                        "focus override on `{}`: {dir} names `{name}`, which is not on this screen",
                        tree::path(self.world, e)
                    )),
                }
            }
            self.overrides.insert(e, resolved);
        }
        // Traps are collected bottom-up by `prune`; tree order puts outer traps first.
        if self.traps.len() < 2 {
            return;
        }
        let order: HashMap<Entity, usize> =
            tree::subtree(self.world, self.screen).into_iter().enumerate().map(|(i, e)| (e, i)).collect();
        self.traps.sort_by_key(|t| order.get(t).copied().unwrap_or(usize::MAX));
    }

    pub(crate) fn is_eligible(&self, e: Entity) -> bool {
        self.rects.contains_key(&e) && !self.scopes.contains_key(&e)
    }

    pub(crate) fn rect(&self, e: Entity) -> Option<Rect> {
        self.rects.get(&e).copied()
    }

    pub(crate) fn is_scope(&self, e: Entity) -> bool {
        self.scopes.contains_key(&e)
    }

    /// Whether `e` is `ancestor` or inside it.
    pub(crate) fn is_within(&self, e: Entity, ancestor: Entity) -> bool {
        e == ancestor || tree::ancestors(self.world, e).contains(&ancestor)
    }

    /// The eligible focusables inside `container` (any depth), in tree order.
    pub(crate) fn focusables_within(&self, container: Entity) -> Vec<Entity> {
        self.focusables.iter().copied().filter(|f| self.is_within(*f, container)).collect()
    }

    /// The first eligible focusable inside `container` marked selected for readers.
    fn selected_within(&self, container: Entity) -> Option<Entity> {
        self.focusables_within(container)
            .into_iter()
            .find(|e| self.world.get::<&crate::semantics::Semantics>(*e).is_ok_and(|s| s.selected))
    }

    /// The scopes from `e`'s scope out to the screen, nearest first.
    pub(crate) fn scope_chain(&self, e: Entity) -> Vec<Entity> {
        let mut out = Vec::new();
        let mut cur = self.parent_scope.get(&e).copied();
        while let Some(s) = cur {
            if out.contains(&s) {
                break;
            }
            out.push(s);
            cur = self.parent_scope.get(&s).copied();
        }
        out
    }

    fn units_with_rects(&self, units: &[Entity], except: Option<Entity>) -> Vec<(Entity, Rect)> {
        units.iter().filter(|u| Some(**u) != except).filter_map(|u| self.rects.get(u).map(|r| (*u, *r))).collect()
    }

    /// The element focus lands on when it enters `target` (a focusable, a scope or any
    /// container) coming from `from` in `dir`.
    pub(crate) fn enter(&self, target: Entity, from: Option<Rect>, dir: Option<NavDirection>) -> Option<Entity> {
        self.enter_depth(target, from, dir, 0)
    }

    fn enter_depth(
        &self,
        target: Entity,
        from: Option<Rect>,
        dir: Option<NavDirection>,
        depth: usize,
    ) -> Option<Entity> {
        if depth > 64 {
            return None;
        }
        if self.is_eligible(target) {
            return Some(target);
        }
        let Some(info) = self.scopes.get(&target) else {
            // A plain container: the nearest eligible focusable inside it.
            let inside = self.focusables_within(target);
            let cands = self.units_with_rects(&inside, None);
            return self.pick_nearest(&cands, from, dir);
        };
        if info.scope.enter == EnterPolicy::Selected {
            if let Some(s) = self.selected_within(target) {
                return Some(s);
            }
        }
        if matches!(info.scope.enter, EnterPolicy::Remembered | EnterPolicy::Selected) && self.use_memory {
            if let Some(m) = info.memory.filter(|m| self.is_eligible(*m) && self.is_within(*m, target)) {
                return Some(m);
            }
        }
        let unit = match info.scope.enter {
            EnterPolicy::First => info.units.first().copied(),
            EnterPolicy::Remembered | EnterPolicy::Nearest | EnterPolicy::Selected => {
                let cands = self.units_with_rects(&info.units, None);
                self.pick_nearest(&cands, from, dir)
            }
        }?;
        self.enter_depth(unit, from, dir, depth + 1)
    }

    /// The candidate in `dir` from `from`; failing that (or without a direction) the one whose
    /// centre is nearest; without a starting rectangle, the first.
    fn pick_nearest(&self, cands: &[(Entity, Rect)], from: Option<Rect>, dir: Option<NavDirection>) -> Option<Entity> {
        let Some(from) = from else { return cands.first().map(|c| c.0) };
        if let Some(d) = dir {
            if let Some(e) = find_next(from, d, cands) {
                return Some(e);
            }
        }
        let c = from.center();
        let dist = |r: &Rect| {
            let p = r.center();
            (p.x - c.x).powi(2) + (p.y - c.y).powi(2)
        };
        let mut best: Option<(Entity, f32)> = None;
        for (e, r) in cands {
            let d = dist(r);
            if best.map(|(_, bd)| d < bd).unwrap_or(true) {
                best = Some((*e, d));
            }
        }
        best.map(|b| b.0)
    }

    fn follow_override(&self, e: Entity, dir: NavDirection, from: Rect) -> Option<Entity> {
        let (_, target) = self.overrides.get(&e)?.iter().find(|(d, _)| *d == dir)?;
        self.enter(*target, Some(from), Some(dir))
    }

    /// Where pressing `dir` moves focus from `from`, or `None` to stay. `from` must be eligible.
    pub(crate) fn navigate(&self, from: Entity, dir: NavDirection) -> Option<Entity> {
        let from_rect = self.rect(from)?;
        if let Some(t) = self.follow_override(from, dir, from_rect) {
            return Some(t);
        }
        let mut inner = from;
        let mut visited = HashSet::new();
        for scope in self.scope_chain(from) {
            if !visited.insert(scope) {
                break;
            }
            let Some(info) = self.scopes.get(&scope) else { break };
            let cands = self.units_with_rects(&info.units, Some(inner));
            if let Some(u) = find_next(from_rect, dir, &cands) {
                if let Some(t) = self.enter(u, Some(from_rect), Some(dir)) {
                    return Some(t);
                }
            }
            if info.scope.wraps(dir) {
                if let Some(t) = self.wrap_within(info, from, from_rect, dir).filter(|t| *t != from) {
                    return Some(t);
                }
            }
            if info.scope.trap {
                return None;
            }
            if let Some(t) = self.follow_override(scope, dir, from_rect) {
                return Some(t);
            }
            inner = scope;
        }
        None
    }

    /// The search again from just beyond the scope's opposite edge, so Right past the end of
    /// a row lands on the row's first element.
    fn wrap_within(&self, info: &ScopeInfo, from: Entity, from_rect: Rect, dir: NavDirection) -> Option<Entity> {
        let cands = self.units_with_rects(&info.units, Some(from));
        let bounds = cands.iter().fold(Rect::default(), |acc, (_, r)| acc.union(r));
        if bounds.is_empty() {
            return None;
        }
        let mut start = from_rect;
        match dir {
            NavDirection::Right => start.x = bounds.x - start.width - 1.0,
            NavDirection::Left => start.x = bounds.right() + 1.0,
            NavDirection::Down => start.y = bounds.y - start.height - 1.0,
            NavDirection::Up => start.y = bounds.bottom() + 1.0,
        }
        let u = find_next(start, dir, &cands)?;
        self.enter(u, Some(start), Some(dir))
    }

    /// Where focus starts on this screen: an eligible element marked initial, else the
    /// screen's enter policy (first in tree order by default).
    /// The focusable marked [`super::InitialFocus`] inside `container`, if any.
    pub(crate) fn marked_within(&self, container: Entity) -> Option<Entity> {
        self.focusables_within(container).into_iter().find(|e| self.world.get::<&super::InitialFocus>(*e).is_ok())
    }

    pub(crate) fn initial(&self) -> Option<Entity> {
        let marked = self.focusables.iter().copied().find(|e| self.world.get::<&super::InitialFocus>(*e).is_ok());
        marked.or_else(|| self.enter(self.screen, None, None))
    }
}
