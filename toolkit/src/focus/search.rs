//! The direction search: given the focused element's on-screen rectangle, a direction and the
//! candidates' rectangles, which candidate does the arrow go to?
//!
//! A pure function over rectangles: no world, no scopes, no memory. Scopes, overrides and
//! enter policies (`scope.rs`) decide *which* rectangles to offer; this decides among them.
//! The metric, and how it compares with Android's FocusFinder, Norigin Spatial Navigation and
//! the W3C CSS spatial navigation draft, is written down in `docs/focus.md`.
//!
//! In short, for direction `d` (everything below is said for Right; the other directions are
//! the same after mirroring or swapping axes):
//! 1. **Candidates** lie at least partly in `d`: `c.left > s.left && c.right > s.right`
//!    (Android's rule; overlapping rectangles count, so a scaled-up focused tile still finds
//!    its neighbour).
//! 2. **Beam**: a candidate overlapping the source on the minor axis (same row for Left/Right)
//!    beats one that does not. For Up/Down the beam only wins while the off-beam candidate is
//!    not *entirely* closer (its far edge before the beam candidate's near edge), so Down goes
//!    to the next row even when it is staggered; for Left/Right the beam always wins, so
//!    focus stays in its row.
//! 3. **Distance**: `13 * major^2 + minor^2`, where `major` is the gap from the source's far
//!    edge to the candidate's near edge (0 when they overlap) and `minor` the distance from the
//!    source's centre line to the candidate's extent on the minor axis (0 when the candidate
//!    spans it, so a wide row or hero directly below is "straight down").
//! 4. **Ties** go to the smaller centre-to-centre minor distance, then to the earlier
//!    candidate (callers pass tree order, so reading order wins).

use tenfoot_renderer::Rect;

use crate::input::RemoteKey;

/// One of the four arrow directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NavDirection {
    Up,
    Down,
    Left,
    Right,
}

impl NavDirection {
    pub const ALL: [NavDirection; 4] = [NavDirection::Up, NavDirection::Down, NavDirection::Left, NavDirection::Right];

    /// The direction of an arrow key; `None` for the other keys.
    pub fn from_key(key: RemoteKey) -> Option<Self> {
        match key {
            RemoteKey::Up => Some(Self::Up),
            RemoteKey::Down => Some(Self::Down),
            RemoteKey::Left => Some(Self::Left),
            RemoteKey::Right => Some(Self::Right),
            _ => None,
        }
    }

    pub fn key(self) -> RemoteKey {
        match self {
            Self::Up => RemoteKey::Up,
            Self::Down => RemoteKey::Down,
            Self::Left => RemoteKey::Left,
            Self::Right => RemoteKey::Right,
        }
    }

    /// Left and Right.
    pub fn is_horizontal(self) -> bool {
        matches!(self, Self::Left | Self::Right)
    }

    pub fn opposite(self) -> Self {
        match self {
            Self::Up => Self::Down,
            Self::Down => Self::Up,
            Self::Left => Self::Right,
            Self::Right => Self::Left,
        }
    }
}

impl From<NavDirection> for RemoteKey {
    fn from(d: NavDirection) -> Self {
        d.key()
    }
}

impl std::fmt::Display for NavDirection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key().name())
    }
}

/// How much more a step along the pressed direction costs than a step across it (squared
/// distances, so the linear ratio is about 3.6). Android's FocusFinder value, kept because it
/// is tuned on real layouts: a tile in the next row, even far to the side, beats one two rows
/// down.
pub const MAJOR_AXIS_WEIGHT: f32 = 13.0;

/// Float slack: layout and transforms produce values like 199.99998 for 200.
const EPS: f32 = 0.01;

/// A rectangle seen from direction `d`: `major` grows in `d`, `minor` runs across it.
#[derive(Clone, Copy, Debug)]
struct Proj {
    major_lo: f32,
    major_hi: f32,
    minor_lo: f32,
    minor_hi: f32,
}

impl Proj {
    fn new(r: &Rect, d: NavDirection) -> Self {
        let (x0, x1, y0, y1) = (r.x, r.right(), r.y, r.bottom());
        match d {
            NavDirection::Right => Proj { major_lo: x0, major_hi: x1, minor_lo: y0, minor_hi: y1 },
            NavDirection::Left => Proj { major_lo: -x1, major_hi: -x0, minor_lo: y0, minor_hi: y1 },
            NavDirection::Down => Proj { major_lo: y0, major_hi: y1, minor_lo: x0, minor_hi: x1 },
            NavDirection::Up => Proj { major_lo: -y1, major_hi: -y0, minor_lo: x0, minor_hi: x1 },
        }
    }

    fn minor_center(&self) -> f32 {
        (self.minor_lo + self.minor_hi) / 2.0
    }
}

/// Whether `c` lies at least partly in the direction from `s`.
fn is_candidate(s: &Proj, c: &Proj) -> bool {
    c.major_lo > s.major_lo + EPS && c.major_hi > s.major_hi + EPS
}

/// Whether `c` overlaps `s` across the direction (is in the source's "beam").
fn in_beam(s: &Proj, c: &Proj) -> bool {
    c.minor_lo < s.minor_hi - EPS && c.minor_hi > s.minor_lo + EPS
}

/// The distance score of a candidate (lower is better) and its tie-breaker.
fn score(s: &Proj, c: &Proj) -> (f32, f32) {
    let major = (c.major_lo - s.major_hi).max(0.0);
    let center = s.minor_center();
    let minor = if center < c.minor_lo {
        c.minor_lo - center
    } else if center > c.minor_hi {
        center - c.minor_hi
    } else {
        0.0
    };
    (MAJOR_AXIS_WEIGHT * major * major + minor * minor, (c.minor_center() - center).abs())
}

/// Whether candidate `a` beats candidate `b` because only `a` is in the beam.
fn beam_beats(s: &Proj, a: &Proj, b: &Proj, horizontal: bool) -> bool {
    if !in_beam(s, a) || in_beam(s, b) {
        return false;
    }
    // `b` overlaps the source along the direction: it is beside us, not ahead.
    if b.major_lo < s.major_hi - EPS {
        return true;
    }
    if horizontal {
        return true;
    }
    // Vertically the beam wins unless `b` lies entirely before `a` starts.
    a.major_lo < b.major_hi - EPS
}

/// The best candidate in `dir` from `from`, or `None` when no candidate lies that way.
///
/// `candidates` should not contain the source itself (a rectangle is never a candidate from
/// itself anyway). Non-finite rectangles are ignored. Cost: one pass, O(n).
pub fn find_next<Id: Copy>(from: Rect, dir: NavDirection, candidates: &[(Id, Rect)]) -> Option<Id> {
    if !from.is_finite() {
        return None;
    }
    let s = Proj::new(&from, dir);
    let horizontal = dir.is_horizontal();
    let mut best: Option<(Id, Proj, (f32, f32))> = None;
    for (id, rect) in candidates {
        if !rect.is_finite() {
            continue;
        }
        let c = Proj::new(rect, dir);
        if !is_candidate(&s, &c) {
            continue;
        }
        let sc = score(&s, &c);
        let better = match &best {
            None => true,
            Some((_, b, bs)) => {
                if beam_beats(&s, &c, b, horizontal) {
                    true
                } else if beam_beats(&s, b, &c, horizontal) {
                    false
                } else {
                    sc.0 < bs.0 - EPS || ((sc.0 - bs.0).abs() <= EPS && sc.1 < bs.1 - EPS)
                }
            }
        };
        if better {
            best = Some((*id, c, sc));
        }
    }
    best.map(|(id, _, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NavDirection::{Down, Left, Right, Up};

    /// A `cols` x `rows` grid of `w` x `h` tiles with `gap`, ids `r * cols + c`.
    fn grid(cols: usize, rows: usize, w: f32, h: f32, gap: f32) -> Vec<(usize, Rect)> {
        let mut v = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                v.push((r * cols + c, Rect::new(c as f32 * (w + gap), r as f32 * (h + gap), w, h)));
            }
        }
        v
    }

    fn from(set: &[(usize, Rect)], id: usize, d: NavDirection) -> Option<usize> {
        let r = set.iter().find(|(i, _)| *i == id).map(|(_, r)| *r).unwrap();
        let others: Vec<_> = set.iter().filter(|(i, _)| *i != id).copied().collect();
        find_next(r, d, &others)
    }

    #[test]
    fn regular_grid_moves_one_step_each_way() {
        let g = grid(4, 3, 200.0, 300.0, 24.0);
        assert_eq!(from(&g, 5, Right), Some(6));
        assert_eq!(from(&g, 5, Left), Some(4));
        assert_eq!(from(&g, 5, Up), Some(1));
        assert_eq!(from(&g, 5, Down), Some(9));
        // Edges: nothing beyond.
        assert_eq!(from(&g, 3, Right), None);
        assert_eq!(from(&g, 0, Up), None);
        assert_eq!(from(&g, 8, Left), None);
        assert_eq!(from(&g, 11, Down), None);
    }

    #[test]
    fn a_tile_in_the_row_beats_a_closer_tile_in_the_next_row() {
        let g = vec![
            (0, Rect::new(0.0, 0.0, 200.0, 100.0)),
            (1, Rect::new(224.0, 0.0, 200.0, 100.0)),
            (2, Rect::new(900.0, 0.0, 200.0, 100.0)),
            (3, Rect::new(448.0, 124.0, 200.0, 100.0)),
        ];
        // Tile 3 is closer along x, but tile 2 is in the row: stay in the row.
        assert_eq!(from(&g, 1, Right), Some(2));
    }

    #[test]
    fn uneven_rows_go_to_the_tile_under_the_centre() {
        // Row 0: three wide tiles; row 1: five narrow ones.
        let mut v = Vec::new();
        for i in 0..3 {
            v.push((i, Rect::new(i as f32 * 324.0, 0.0, 300.0, 170.0)));
        }
        for i in 0..5 {
            v.push((10 + i, Rect::new(i as f32 * 194.0, 200.0, 170.0, 250.0)));
        }
        // Wide tile 1 spans x 324..624, centre 474: narrow tile 12 (388..558) is under it.
        assert_eq!(from(&v, 1, Down), Some(12));
        // Narrow tile 14 (776..946) goes up to wide tile 2 (648..948).
        assert_eq!(from(&v, 14, Up), Some(2));
        // Narrow tile 13 (582..752, centre 667) goes up to wide tile 2 (648..948), which spans
        // its centre, although tile 1 (324..624) overlaps it too.
        assert_eq!(from(&v, 13, Up), Some(2));
    }

    #[test]
    fn staggered_rows_go_down_to_the_next_row_not_two_rows_down() {
        // Row 1 is offset by half a tile and does not overlap the source horizontally;
        // row 2 is aligned (in beam) but farther: the next row wins (Android's vertical rule).
        let v = vec![
            (0, Rect::new(0.0, 0.0, 100.0, 100.0)),
            (1, Rect::new(130.0, 120.0, 100.0, 100.0)),
            (2, Rect::new(0.0, 240.0, 100.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(1));
        // With the off-beam tile overlapping the beam tile's rows, the beam wins.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 100.0, 100.0)),
            (1, Rect::new(130.0, 120.0, 100.0, 200.0)),
            (2, Rect::new(0.0, 240.0, 100.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(2));
    }

    #[test]
    fn offset_tiles_prefer_the_one_spanning_the_centre_then_reading_order() {
        // Row 1 offset by a quarter tile: tiles at x 50..250 and 274..474.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 200.0, 100.0)),
            (1, Rect::new(224.0, 0.0, 200.0, 100.0)),
            (10, Rect::new(50.0, 124.0, 200.0, 100.0)),
            (11, Rect::new(274.0, 124.0, 200.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(10));
        assert_eq!(from(&v, 1, Down), Some(11));
        assert_eq!(from(&v, 11, Up), Some(1));
        // Exactly half offset: both candidates touch the centre line; the nearer centre wins,
        // then the earlier candidate.
        let v = vec![
            (0, Rect::new(100.0, 0.0, 200.0, 100.0)),
            (10, Rect::new(0.0, 124.0, 200.0, 100.0)),
            (11, Rect::new(200.0, 124.0, 200.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(10));
    }

    #[test]
    fn overlapping_rects_still_find_neighbours() {
        // Tiles 8 px apart; the middle one is scaled up 10 % and overlaps both neighbours.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 200.0, 300.0)),
            (1, Rect::new(198.0, -15.0, 220.0, 330.0)), // 208..408 scaled about its centre
            (2, Rect::new(416.0, 0.0, 200.0, 300.0)),
        ];
        let (a, b, c) = (v[0].1, v[1].1, v[2].1);
        assert!(a.right() > b.x && c.x < b.right());
        assert_eq!(from(&v, 1, Right), Some(2));
        assert_eq!(from(&v, 1, Left), Some(0));
        // A rectangle that contains the source is never "in a direction" of it.
        let v = vec![(0, Rect::new(0.0, 0.0, 1000.0, 1000.0)), (1, Rect::new(100.0, 100.0, 100.0, 100.0))];
        for d in NavDirection::ALL {
            assert_eq!(from(&v, 1, d), None, "{d}");
        }
    }

    #[test]
    fn large_hero_beside_small_tiles() {
        // A hero on the left, a 2x2 block of small tiles on the right, a row of tiles below.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 800.0, 600.0)),
            (1, Rect::new(824.0, 0.0, 200.0, 288.0)),
            (2, Rect::new(1048.0, 0.0, 200.0, 288.0)),
            (3, Rect::new(824.0, 312.0, 200.0, 288.0)),
            (4, Rect::new(1048.0, 312.0, 200.0, 288.0)),
            (10, Rect::new(0.0, 624.0, 200.0, 200.0)),
            (11, Rect::new(224.0, 624.0, 200.0, 200.0)),
            (12, Rect::new(448.0, 624.0, 200.0, 200.0)),
            (13, Rect::new(672.0, 624.0, 200.0, 200.0)),
            (14, Rect::new(896.0, 624.0, 200.0, 200.0)),
        ];
        // Hero -> Right: both left tiles are in the beam at the same gap; the top one is read
        // first.
        assert_eq!(from(&v, 0, Right), Some(1));
        // Small tiles -> Left: the hero, from either row.
        assert_eq!(from(&v, 1, Left), Some(0));
        assert_eq!(from(&v, 3, Left), Some(0));
        // Hero -> Down: the tile under the hero's centre (x 400).
        assert_eq!(from(&v, 0, Down), Some(11));
        // Bottom tiles -> Up: the hero when under it, the small tile when under that.
        assert_eq!(from(&v, 10, Up), Some(0));
        assert_eq!(from(&v, 12, Up), Some(0));
        assert_eq!(from(&v, 14, Up), Some(3));
        // Small tile 3 -> Down: tile 14 (896..1096) is under it.
        assert_eq!(from(&v, 3, Down), Some(14));
    }

    #[test]
    fn wide_candidate_directly_below_beats_a_small_one_aside() {
        // From a narrow button at the right, Down: a full-width row (a scope's rectangle)
        // directly below beats a small tile at the same distance whose centre is nearer.
        let v = vec![
            (0, Rect::new(1600.0, 0.0, 100.0, 60.0)),
            (1, Rect::new(0.0, 100.0, 1920.0, 300.0)),
            (2, Rect::new(1000.0, 100.0, 100.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(1));
    }

    #[test]
    fn partly_off_screen_elements_are_candidates() {
        // A rail scrolled so that the next tile hangs off the right edge (x > 1920), and the
        // previous one off the left edge (negative x).
        let v = vec![
            (0, Rect::new(-150.0, 300.0, 240.0, 360.0)),
            (1, Rect::new(114.0, 300.0, 240.0, 360.0)),
            (2, Rect::new(1800.0, 300.0, 240.0, 360.0)),
            (3, Rect::new(2064.0, 300.0, 240.0, 360.0)),
            (4, Rect::new(1600.0, -200.0, 240.0, 360.0)),
        ];
        assert_eq!(from(&v, 1, Left), Some(0));
        assert_eq!(from(&v, 1, Right), Some(2));
        assert_eq!(from(&v, 2, Right), Some(3));
        assert_eq!(from(&v, 2, Up), Some(4));
    }

    #[test]
    fn beam_always_wins_horizontally_but_not_vertically() {
        // Right: an in-row tile far away beats a closer tile in another row.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 100.0, 100.0)),
            (1, Rect::new(1000.0, 0.0, 100.0, 100.0)),
            (2, Rect::new(150.0, 150.0, 100.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Right), Some(1));
        // Down: the equivalent picks the closer off-beam tile.
        let v = vec![
            (0, Rect::new(0.0, 0.0, 100.0, 100.0)),
            (1, Rect::new(0.0, 1000.0, 100.0, 100.0)),
            (2, Rect::new(150.0, 150.0, 100.0, 100.0)),
        ];
        assert_eq!(from(&v, 0, Down), Some(2));
    }

    #[test]
    fn degenerate_input_is_ignored() {
        let v = vec![(0, Rect::new(f32::NAN, 0.0, 10.0, 10.0)), (1, Rect::new(200.0, 0.0, 10.0, 10.0))];
        assert_eq!(find_next(Rect::new(0.0, 0.0, 10.0, 10.0), Right, &v), Some(1));
        assert_eq!(find_next(Rect::new(f32::INFINITY, 0.0, 10.0, 10.0), Right, &v), None);
        assert_eq!(find_next::<usize>(Rect::new(0.0, 0.0, 10.0, 10.0), Right, &[]), None);
    }
}
