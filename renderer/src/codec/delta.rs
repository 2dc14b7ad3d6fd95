//! Delta frames: content-defined chunks of commands, and the chunk order as runs of ids.
//!
//! The display list carries no element ids, so deltas are keyed by content. The encoder cuts a
//! frame's encoded commands into chunks at *content-defined* boundaries: after a command whose
//! encoded bytes hash to a boundary value (one command in [`BOUNDARY_ONE_IN`] on average),
//! before every push and after every pop (so a focus ring's transform group is a chunk of its
//! own), and when a chunk reaches [`MAX_CHUNK_COMMANDS`] commands or [`MAX_CHUNK_BYTES`] bytes.
//! A boundary depends only on the command next to it, so changing one tile changes only the
//! chunk (or two) that hold its commands; the chunks around it keep their bytes and their ids.
//!
//! Measured on the home-like screen of `examples/sink_bench.rs` (182 commands): one boundary in
//! 2 commands makes a focus move 374 bytes for a 9.2 KB full frame; one in 4 gives 987 bytes,
//! one in 8 gives 1353 bytes, while the full frame shrinks by under 2%.
//!
//! The reader keeps a table of chunks by id. A frame lists removed ids, defines new chunks, and
//! gives the order of the frame's chunks as runs `(first id, length)`: ids `first`,
//! `first + 1`, ... Chunk ids are handed out in increasing order, so an unchanged stretch of a
//! frame is one run, an idle frame is a single run, and a focus move is a handful.
//!
//! State rules (also in `docs/display-list.md`):
//! - a full frame empties the chunk and resource tables before it is applied;
//! - a delta applies to the state left by the previous frame;
//! - a reader that joins late (or that rejected a frame) ignores deltas until a full frame;
//! - the encoder sends a full frame first, every `keyframe_interval` frames, after
//!   [`super::Encoder::force_full`], and whenever a delta would reuse no chunk at all.
//!
//! The chunking rule is the encoder's choice and not part of the format: a reader only follows
//! ids, so a better chunker needs no reader change.

use super::wire::{
    TAG_POP_CLIP, TAG_POP_OPACITY, TAG_POP_TRANSFORM, TAG_PUSH_CLIP, TAG_PUSH_OPACITY, TAG_PUSH_TRANSFORM,
};

/// A boundary follows a command when its hash is `0 mod BOUNDARY_ONE_IN` (a power of two).
pub const BOUNDARY_ONE_IN: u64 = 2;
/// The encoder closes a chunk at this many commands regardless of content.
pub const MAX_CHUNK_COMMANDS: usize = 32;
/// The encoder closes a chunk at this many bytes regardless of content.
pub const MAX_CHUNK_BYTES: usize = 4096;

/// 64-bit FNV-1a: a stable hash (the same on every run and machine), so chunk boundaries and
/// therefore the encoded stream are deterministic.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn is_push(tag: u8) -> bool {
    matches!(tag, TAG_PUSH_CLIP | TAG_PUSH_OPACITY | TAG_PUSH_TRANSFORM)
}

fn is_pop(tag: u8) -> bool {
    matches!(tag, TAG_POP_CLIP | TAG_POP_OPACITY | TAG_POP_TRANSFORM)
}

/// One chunk being assembled by the encoder: concatenated command bytes and how many commands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PendingChunk {
    pub bytes: Vec<u8>,
    pub commands: u32,
}

/// Cuts a stream of encoded commands into chunks.
#[derive(Debug, Default)]
pub(crate) struct Chunker {
    current: PendingChunk,
    done: Vec<PendingChunk>,
}

impl Chunker {
    /// Adds one encoded command; closes the chunk after it when the rule says so.
    pub(crate) fn push(&mut self, command: &[u8]) {
        let tag = command.first().copied().unwrap_or(0);
        if is_push(tag) && self.current.commands > 0 {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.current.bytes.extend_from_slice(command);
        self.current.commands += 1;
        let boundary = is_pop(tag) || fnv1a(command) & (BOUNDARY_ONE_IN - 1) == 0;
        if boundary
            || self.current.commands as usize >= MAX_CHUNK_COMMANDS
            || self.current.bytes.len() >= MAX_CHUNK_BYTES
        {
            self.done.push(std::mem::take(&mut self.current));
        }
    }

    pub(crate) fn finish(mut self) -> Vec<PendingChunk> {
        if self.current.commands > 0 {
            self.done.push(self.current);
        }
        self.done
    }
}

/// The order `ids` as runs of consecutive ids: `[3, 4, 5, 9, 6]` is `[(3, 3), (9, 1), (6, 1)]`.
pub fn order_runs(ids: &[u32]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((first, len)) if first.checked_add(*len) == Some(id) => *len += 1,
            _ => runs.push((id, 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_collapse_consecutive_ids() {
        assert_eq!(order_runs(&[3, 4, 5, 9, 6]), vec![(3, 3), (9, 1), (6, 1)]);
        assert_eq!(order_runs(&[]), Vec::<(u32, u32)>::new());
        assert_eq!(order_runs(&[u32::MAX, 0]), vec![(u32::MAX, 1), (0, 1)]);
    }

    #[test]
    fn chunk_boundaries_depend_only_on_content() {
        let commands: Vec<Vec<u8>> = (0u8..100).map(|i| vec![i, i.wrapping_mul(7)]).collect();
        let cut = |cmds: &[Vec<u8>]| {
            let mut c = Chunker::default();
            for cmd in cmds {
                c.push(cmd);
            }
            c.finish()
        };
        let a = cut(&commands);
        assert!(a.len() > 3 && a.len() < 60, "{} chunks", a.len());
        // Changing one command in the middle leaves the chunks before and after it intact.
        let mut changed = commands.clone();
        changed[50] = vec![255, 255, 255];
        let b = cut(&changed);
        let same = b.iter().filter(|c| a.contains(c)).count();
        assert!(same + 2 >= a.len(), "{same} of {} chunks kept", a.len());
    }
}
