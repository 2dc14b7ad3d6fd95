//! The bitmap cache: images at their drawn size with corners baked in, shadows and gradients,
//! least recently used first out, bounded in bytes.

use std::sync::Arc;

use tenfoot_renderer::{Color, ImageFit, ImageId};
use tiny_skia::Pixmap;

use crate::backend::CpuBackend;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PixKey {
    Image { id: ImageId, w: u32, h: u32, fit: ImageFit, radii: [u32; 4] },
    Shadow { w: u32, h: u32, blur: u32, radii: [u32; 4], color: Color },
    Gradient { w: u32, h: u32, radii: [u32; 4], scale: u32, params: u64 },
}

pub(crate) struct CachedPixmap {
    pub(crate) pixmap: Arc<Pixmap>,
    pub(crate) opaque: bool,
    /// The widest band of whole columns `[x0, 0, x1, h)` that is fully opaque (a poster between
    /// its rounded corners), for shadows it hides.
    pub(crate) opaque_band: Option<[i32; 4]>,
    pub(crate) last_used: u64,
}

impl CpuBackend {
    pub(crate) fn touch(&mut self, key: PixKey) -> Option<(Arc<Pixmap>, bool)> {
        let frame = self.frame;
        self.pixmaps.get_mut(&key).map(|e| {
            e.last_used = frame;
            (e.pixmap.clone(), e.opaque)
        })
    }

    /// Caches `pixmap` under `key` within the budget's share for bitmaps, evicting the least
    /// recently used entries. Entries drawn in this frame are kept; when the new one still does
    /// not fit (a frame drawing more distinct bitmaps than the budget holds), it is drawn once
    /// and not cached, so memory stays bounded within the frame too (reported once).
    ///
    /// `may_be_opaque` is false when the caller knows the bitmap has transparent pixels (a
    /// shadow, a gradient with a translucent stop or rounded corners): the pass over its alpha
    /// that finds the opaque part is then skipped.
    pub(crate) fn remember(&mut self, key: PixKey, pixmap: Pixmap, may_be_opaque: bool) -> (Arc<Pixmap>, bool) {
        let bytes = pixmap.data().len();
        let limit = self.budget.pixmaps;
        // One pass over the alpha: the pixmap is opaque when its opaque band is all of it.
        let opaque_band = if may_be_opaque { opaque_band(&pixmap) } else { None };
        let opaque = opaque_band.is_some_and(|b| b[2] - b[0] == pixmap.width() as i32);
        let opaque_band = opaque_band.filter(|_| matches!(key, PixKey::Image { .. }));
        if self.pixmap_bytes + bytes > limit {
            // Drop everything not drawn this frame, oldest first, until the new entry fits.
            let mut entries: Vec<(PixKey, u64, usize)> =
                self.pixmaps.iter().map(|(k, v)| (*k, v.last_used, v.pixmap.data().len())).collect();
            entries.sort_by_key(|e| e.1);
            for (k, used, size) in entries {
                if self.pixmap_bytes + bytes <= limit || used == self.frame {
                    break;
                }
                self.pixmaps.remove(&k);
                self.pixmap_bytes -= size;
            }
        }
        let pixmap = Arc::new(pixmap);
        if self.pixmap_bytes + bytes > limit {
            self.note(format!(
                "this frame draws more distinct images, shadows and gradients than the bitmap cache's budget ({} MiB) holds: the rest are drawn uncached",
                limit >> 20
            ));
            return (pixmap, opaque);
        }
        self.pixmap_bytes += bytes;
        self.pixmaps.insert(key, CachedPixmap { pixmap: pixmap.clone(), opaque, opaque_band, last_used: self.frame });
        (pixmap, opaque)
    }

    /// Drops every pre-scaled copy of image `id`, so the next draw rescales it from fresh
    /// pixels (hot reload of a changed image file, after `ImageStore::invalidate`).
    pub fn forget_image(&mut self, id: ImageId) {
        let mut freed = 0;
        self.pixmaps.retain(|k, v| match k {
            PixKey::Image { id: cached, .. } if *cached == id => {
                freed += v.pixmap.data().len();
                false
            }
            _ => true,
        });
        self.pixmap_bytes -= freed;
    }

    /// Bytes held by the pre-scaled image, shadow and gradient cache (at most 3/8 of the
    /// memory budget).
    pub fn cache_bytes(&self) -> usize {
        self.pixmap_bytes
    }
}

/// The widest run of fully opaque whole columns of `pm`, as `[x0, 0, x1, height)`.
pub(crate) fn opaque_band(pm: &Pixmap) -> Option<[i32; 4]> {
    let (w, h) = (pm.width() as usize, pm.height() as usize);
    let mut column_opaque = vec![true; w];
    for row in pm.pixels().chunks_exact(w) {
        for (c, p) in column_opaque.iter_mut().zip(row) {
            *c &= p.alpha() == 255;
        }
    }
    let (mut best, mut start) = ((0, 0), None);
    for (i, &o) in column_opaque.iter().chain([&false]).enumerate() {
        match (o, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s > best.1 - best.0 {
                    best = (s, i);
                }
                start = None;
            }
            _ => {}
        }
    }
    (best.1 > best.0).then_some([best.0 as i32, 0, best.1 as i32, h as i32])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::new_pixmap;
    use tenfoot_renderer::{Corners, Rect};

    #[test]
    fn an_opaque_band_avoids_rounded_corners() {
        let mut pm = new_pixmap(20, 10);
        pm.fill(tiny_skia::Color::WHITE);
        crate::resample::cut_corners(&mut pm, &Rect::new(0.0, 0.0, 20.0, 10.0), &Corners::all(4.0));
        let band = opaque_band(&pm).expect("a band");
        assert!(band[0] >= 3 && band[2] <= 17 && band[2] - band[0] >= 10, "{band:?}");
        assert_eq!([band[1], band[3]], [0, 10]);
        for y in 0..10 {
            for x in band[0]..band[2] {
                assert_eq!(pm.pixel(x as u32, y).map(|p| p.alpha()), Some(255));
            }
        }
        assert_eq!(opaque_band(&new_pixmap(5, 5)), None, "nothing opaque");
    }
}
