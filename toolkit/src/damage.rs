//! Damage: what changed on screen since the last frame, from per-element paint records.
//!
//! Paint tells which display-list commands each element drew. Here each element gets a record:
//! its on-screen bounds (after the transforms and clips around it) and a hash of its commands
//! together with that context (transform, opacity, clip). Comparing records with the previous
//! frame's gives the damage: the old and new bounds of every element that appeared, vanished or
//! drew differently. Runs after paint; reads only the display list and paint's ownership table.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::quality::{FixedState, FoldHasher};
use std::ops::Range;

use hecs::Entity;
use tenfoot_renderer::{Command, DisplayList, Rect, Transform};

/// One element's paint record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaintRecord {
    pub bounds: Rect,
    pub hash: u64,
}

/// Records of every element that drew something.
pub type PaintRecords = HashMap<Entity, PaintRecord>;

/// The damage rectangles merged into at most this many.
pub const MAX_DAMAGE_RECTS: usize = 8;

/// The drawing context of a command: the transform, clip and opacity around it, and their hash.
#[derive(Clone, Copy)]
pub(crate) struct Context {
    pub(crate) transform: Transform,
    pub(crate) clip: Option<Rect>,
    pub(crate) opacity: f32,
    pub(crate) hash: u64,
}

impl Context {
    pub(crate) const ROOT: Context = Context { transform: Transform::IDENTITY, clip: None, opacity: 1.0, hash: 0 };

    /// The context inside `c` when it is a push (`None` for anything else).
    pub(crate) fn inside(&self, c: &Command) -> Option<Context> {
        let cx = *self;
        let mut n = match c {
            Command::PushTransform(t) => Context { transform: cx.transform.then(t), ..cx },
            Command::PushOpacity(o) => Context { opacity: cx.opacity * o, ..cx },
            Command::PushClip { rect, .. } => {
                let r = cx.transform.map_rect(rect);
                let clip = match cx.clip {
                    Some(old) => old.intersect(&r).or(Some(Rect::new(r.x, r.y, 0.0, 0.0))),
                    None => Some(r),
                };
                Context { clip, ..cx }
            }
            _ => return None,
        };
        n.hash = context_hash(&n.transform, &n.clip, n.opacity);
        Some(n)
    }

    /// The record of an element whose own commands hash to `own_hash` and cover `own_bounds`
    /// (logical, before this context's transform and clip).
    pub(crate) fn record(&self, own_hash: u64, own_bounds: Option<Rect>) -> PaintRecord {
        let mut h = hasher();
        self.hash.hash(&mut h);
        own_hash.hash(&mut h);
        let bounds = own_bounds.map(|b| self.transform.map_rect(&b)).and_then(|b| match self.clip {
            Some(clip) => b.intersect(&clip),
            None => Some(b),
        });
        PaintRecord { bounds: bounds.unwrap_or_default(), hash: h.finish() }
    }
}

/// The hash and the union of the bounds of an element's own commands.
pub(crate) fn own_summary(commands: &[Command]) -> (u64, Option<Rect>) {
    let mut h = hasher();
    let mut bounds: Option<Rect> = None;
    for c in commands {
        c.hash_into(&mut h);
        if let Some(b) = c.bounds() {
            bounds = Some(bounds.map_or(b, |u| u.union(&b)));
        }
    }
    (h.finish(), bounds)
}

/// A hasher with a fixed seed: records must compare equal across frames (and runs).
fn hasher() -> FoldHasher<'static> {
    const STATE: FixedState = FixedState::with_seed(0x7e7f_007e_7f00_7e7f);
    STATE.build_hasher()
}

fn context_hash(t: &Transform, clip: &Option<Rect>, opacity: f32) -> u64 {
    let mut h = hasher();
    for v in [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty, opacity] {
        v.to_bits().hash(&mut h);
    }
    if let Some(c) = clip {
        for v in [c.x, c.y, c.width, c.height] {
            v.to_bits().hash(&mut h);
        }
    }
    h.finish()
}

/// Builds records from a display list and paint's table of which commands each element owns.
pub fn records(list: &DisplayList, owners: &[(Entity, Range<usize>)]) -> PaintRecords {
    // Per command: screen bounds and the hash of (context, command).
    let mut per_command: Vec<(Option<Rect>, u64)> = Vec::with_capacity(list.len());
    let root = Context { transform: Transform::IDENTITY, clip: None, opacity: 1.0, hash: 0 };
    let mut stack = vec![root];
    for c in &list.commands {
        let cx = stack.last().copied().unwrap_or(root);
        let mut h = hasher();
        cx.hash.hash(&mut h);
        c.hash_into(&mut h);
        let bounds = c.bounds().map(|b| cx.transform.map_rect(&b)).and_then(|b| match cx.clip {
            Some(clip) => b.intersect(&clip),
            None => Some(b),
        });
        per_command.push((bounds, h.finish()));
        let next = match c {
            Command::PushTransform(t) => Some(Context { transform: cx.transform.then(t), ..cx }),
            Command::PushOpacity(o) => Some(Context { opacity: cx.opacity * o, ..cx }),
            Command::PushClip { rect, .. } => {
                let r = cx.transform.map_rect(rect);
                let clip = match cx.clip {
                    Some(old) => old.intersect(&r).or(Some(Rect::new(r.x, r.y, 0.0, 0.0))),
                    None => Some(r),
                };
                Some(Context { clip, ..cx })
            }
            _ => None,
        };
        if let Some(mut n) = next {
            n.hash = context_hash(&n.transform, &n.clip, n.opacity);
            stack.push(n);
        } else if c.pops().is_some() && stack.len() > 1 {
            stack.pop();
        }
    }
    let mut out = PaintRecords::with_capacity(owners.len());
    for (e, range) in owners {
        let mut h = hasher();
        let mut bounds: Option<Rect> = None;
        for (b, ch) in per_command.get(range.clone()).unwrap_or_default() {
            ch.hash(&mut h);
            if let Some(b) = b {
                bounds = Some(bounds.map_or(*b, |u| u.union(b)));
            }
        }
        out.insert(*e, PaintRecord { bounds: bounds.unwrap_or_default(), hash: h.finish() });
    }
    out
}

/// The rectangles that differ between two frames' records, merged.
pub fn diff(old: &PaintRecords, new: &PaintRecords) -> Vec<Rect> {
    let mut rects = Vec::new();
    for (e, n) in new {
        match old.get(e) {
            Some(o) if o == n => {}
            Some(o) => {
                rects.push(o.bounds);
                rects.push(n.bounds);
            }
            None => rects.push(n.bounds),
        }
    }
    for (e, o) in old {
        if !new.contains_key(e) {
            rects.push(o.bounds);
        }
    }
    merge(rects)
}

/// Merges overlapping rectangles, then the closest pairs until at most [`MAX_DAMAGE_RECTS`]
/// remain. Empty rectangles are dropped.
pub fn merge(rects: Vec<Rect>) -> Vec<Rect> {
    let mut out: Vec<Rect> = Vec::new();
    for r in rects.into_iter().filter(|r| !r.is_empty() && r.is_finite()) {
        let mut r = r;
        // Absorb everything r touches, repeatedly, since a union can reach new neighbours.
        loop {
            let before = out.len();
            out.retain(|o| {
                if o.inflate(1.0).intersect(&r).is_some() {
                    r = r.union(o);
                    false
                } else {
                    true
                }
            });
            if out.len() == before {
                break;
            }
        }
        out.push(r);
    }
    while out.len() > MAX_DAMAGE_RECTS {
        // Merge the pair whose union wastes the least area.
        let mut best = (0, 1, f32::MAX);
        for i in 0..out.len() {
            for j in i + 1..out.len() {
                let u = out[i].union(&out[j]);
                let waste = u.width * u.height - out[i].width * out[i].height - out[j].width * out[j].height;
                if waste < best.2 {
                    best = (i, j, waste);
                }
            }
        }
        let b = out.remove(best.1);
        out[best.0] = out[best.0].union(&b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_renderer::{Color, Corners};

    fn fill(x: f32) -> Command {
        Command::FillRect { rect: Rect::new(x, 0.0, 10.0, 10.0), radii: Corners::ZERO, color: Color::WHITE }
    }

    #[test]
    fn changed_elements_damage_old_and_new_bounds() {
        let mut w = hecs::World::new();
        let (a, b) = (w.spawn(()), w.spawn(()));
        let l1 = DisplayList { commands: vec![fill(0.0), fill(100.0)] };
        let l2 = DisplayList { commands: vec![fill(0.0), fill(200.0)] };
        let r1 = records(&l1, &[(a, 0..1), (b, 1..2)]);
        let r2 = records(&l2, &[(a, 0..1), (b, 1..2)]);
        assert!(diff(&r1, &r1).is_empty());
        let d = diff(&r1, &r2);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().any(|r| r.x == 99.0) && d.iter().any(|r| r.x == 199.0));
    }

    #[test]
    fn a_parent_transform_damages_its_children() {
        let mut w = hecs::World::new();
        let a = w.spawn(());
        let l1 = DisplayList {
            commands: vec![Command::PushTransform(Transform::IDENTITY), fill(0.0), Command::PopTransform],
        };
        let l2 = DisplayList {
            commands: vec![Command::PushTransform(Transform::scale(2.0, 2.0)), fill(0.0), Command::PopTransform],
        };
        let d = diff(&records(&l1, &[(a, 1..2)]), &records(&l2, &[(a, 1..2)]));
        assert_eq!(d, vec![Rect::new(-2.0, -2.0, 24.0, 24.0)]);
    }

    #[test]
    fn merge_unions_overlaps_and_caps_the_count() {
        let m = merge(vec![Rect::new(0.0, 0.0, 10.0, 10.0), Rect::new(5.0, 5.0, 10.0, 10.0)]);
        assert_eq!(m, vec![Rect::new(0.0, 0.0, 15.0, 15.0)]);
        let many: Vec<Rect> = (0..20).map(|i| Rect::new(i as f32 * 50.0, 0.0, 10.0, 10.0)).collect();
        assert_eq!(merge(many).len(), MAX_DAMAGE_RECTS);
    }
}
