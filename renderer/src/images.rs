//! Image sources and their lazily decoded pixels.
//!
//! An [`ImageId`] names a source path; pixels are decoded on first draw by an
//! [`ImageDecoder`] (this crate decodes nothing itself: the CPU backend brings one, a device
//! decodes on its own side), and kept as premultiplied RGBA8 [`ImagePixels`]. A failed decode is
//! a value ([`ImageError`]) remembered for that source, so a corrupt file is reported once and
//! drawn as a placeholder every frame without retrying the decode.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::assets::AssetSource;
use crate::display_list::ImageId;

/// The largest width or height accepted, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 8192;
/// The most memory one decode may allocate, in bytes.
pub const MAX_IMAGE_ALLOC: u64 = 256 * 1024 * 1024;

/// Why an image could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError {
    pub source: String,
    pub reason: String,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "image `{}`: {}", self.source, self.reason)
    }
}

impl std::error::Error for ImageError {}

/// Decoded pixels: premultiplied RGBA8, `width * height * 4` bytes, rows top to bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct ImagePixels {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl fmt::Debug for ImagePixels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImagePixels({}x{})", self.width, self.height)
    }
}

impl ImagePixels {
    /// Wraps premultiplied RGBA8 rows; `None` when a side is zero, a side is over
    /// [`MAX_IMAGE_SIDE`] or `data` is not `width * height * 4` bytes.
    pub fn from_premultiplied(width: u32, height: u32, data: Vec<u8>) -> Option<Self> {
        let ok = width > 0
            && height > 0
            && width <= MAX_IMAGE_SIDE
            && height <= MAX_IMAGE_SIDE
            && data.len() as u64 == u64::from(width) * u64::from(height) * 4;
        ok.then_some(Self { width, height, data })
    }

    /// Wraps straight-alpha RGBA8 rows, premultiplying them (same checks as
    /// [`ImagePixels::from_premultiplied`]).
    pub fn from_straight(width: u32, height: u32, mut data: Vec<u8>) -> Option<Self> {
        premultiply(&mut data);
        Self::from_premultiplied(width, height, data)
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// The premultiplied RGBA8 bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Bytes held.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }
}

/// Turns encoded image bytes (PNG, JPEG...) into pixels, within [`MAX_IMAGE_SIDE`] and
/// [`MAX_IMAGE_ALLOC`]. `Send + Sync` so a host may run it on a worker thread.
pub trait ImageDecoder: Send + Sync {
    /// Decodes `bytes`, read from `source` (named in errors).
    fn decode(&self, source: &str, bytes: &[u8]) -> Result<ImagePixels, ImageError>;
}

/// Converts straight RGBA8 to premultiplied in place.
pub fn premultiply(data: &mut [u8]) {
    for px in data.chunks_exact_mut(4) {
        let a = px[3] as u16;
        if a == 255 {
            continue;
        }
        for c in &mut px[..3] {
            *c = ((*c as u16 * a + 127) / 255) as u8;
        }
    }
}

/// The decoded result of one source.
pub type Decoded = Result<Arc<ImagePixels>, ImageError>;

/// Bytes of decoded pixels the store keeps by default: one image of the largest allowed decode
/// ([`MAX_IMAGE_ALLOC`]) fits; past it, the least recently drawn decodes are dropped (and decoded
/// again if drawn again). Backends keep their own copies at the drawn size, so a screen of large
/// posters costs one full-size decode at a time, not one per poster.
pub const DEFAULT_DECODED_BUDGET: usize = MAX_IMAGE_ALLOC as usize;

struct Entry {
    result: Decoded,
    last_used: u64,
    /// Decoded by this store from its assets (or inserted as such): [`ImageStore::release`] may
    /// drop the pixels, the next [`ImageStore::pixels`] decodes them again. Pixels a host pushed
    /// with nothing behind them in the assets are never dropped this way.
    reloadable: bool,
}

/// Registered image sources and their decode results, within a byte budget.
pub struct ImageStore {
    sources: Vec<String>,
    by_source: HashMap<String, ImageId>,
    decoded: HashMap<ImageId, Entry>,
    /// Sizes of every successful decode, kept after its pixels are evicted.
    sizes: HashMap<ImageId, (u32, u32)>,
    bytes: usize,
    budget: usize,
    clock: u64,
}

impl Default for ImageStore {
    fn default() -> Self {
        Self {
            sources: Vec::new(),
            by_source: HashMap::new(),
            decoded: HashMap::new(),
            sizes: HashMap::new(),
            bytes: 0,
            budget: DEFAULT_DECODED_BUDGET,
            clock: 0,
        }
    }
}

impl fmt::Debug for ImageStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageStore").field("sources", &self.sources).field("decoded", &self.decoded.len()).finish()
    }
}

impl ImageStore {
    /// The id for `source`, registering it on first use. Does no I/O.
    pub fn id(&mut self, source: &str) -> ImageId {
        if let Some(id) = self.by_source.get(source) {
            return *id;
        }
        let id = ImageId(self.sources.len() as u32);
        self.sources.push(source.to_owned());
        self.by_source.insert(source.to_owned(), id);
        id
    }

    pub fn source(&self, id: ImageId) -> Option<&str> {
        self.sources.get(id.0 as usize).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The decoded pixels of `id`, loading from `assets` and decoding with `decoder` on first
    /// call (or again after eviction). Errors are cached too.
    pub fn pixels(&mut self, id: ImageId, assets: &dyn AssetSource, decoder: &dyn ImageDecoder) -> Decoded {
        self.clock += 1;
        if let Some(done) = self.decoded.get_mut(&id) {
            done.last_used = self.clock;
            return done.result.clone();
        }
        let result = match self.sources.get(id.0 as usize) {
            None => Err(ImageError { source: format!("#{}", id.0), reason: "unknown image id".to_owned() }),
            Some(source) => assets
                .load(source)
                .map_err(|e| ImageError { source: source.clone(), reason: e.reason })
                .and_then(|bytes| decoder.decode(source, &bytes).map(Arc::new)),
        };
        self.keep(id, result.clone(), true);
        result
    }

    /// Drops the decoded pixels of `id` if they can be decoded again from the assets (see
    /// [`ImageStore::insert_loaded`]); its size stays known. A backend that keeps its own copy at
    /// the drawn size calls this, so a screen does not hold each image twice. Returns whether
    /// pixels were dropped.
    pub fn release(&mut self, id: ImageId) -> bool {
        match self.decoded.get(&id) {
            Some(Entry { result: Ok(_), reloadable: true, .. }) => {}
            _ => return false,
        }
        if let Some(e) = self.decoded.remove(&id) {
            self.bytes -= e.result.map_or(0, |p| p.byte_len()).min(self.bytes);
        }
        true
    }

    /// Stores `result` for `id` and evicts the least recently used other decodes past the budget.
    fn keep(&mut self, id: ImageId, result: Decoded, reloadable: bool) {
        self.clock += 1;
        if let Ok(p) = &result {
            self.sizes.insert(id, (p.width(), p.height()));
            self.bytes += p.byte_len();
        }
        if let Some(old) = self.decoded.insert(id, Entry { result, last_used: self.clock, reloadable }) {
            self.bytes -= old.result.map_or(0, |p| p.byte_len()).min(self.bytes);
        }
        if self.bytes <= self.budget {
            return;
        }
        let mut held: Vec<(u64, ImageId)> = self
            .decoded
            .iter()
            .filter(|(k, e)| **k != id && e.result.is_ok())
            .map(|(k, e)| (e.last_used, *k))
            .collect();
        held.sort_unstable();
        for (_, k) in held {
            if self.bytes <= self.budget {
                break;
            }
            if let Some(e) = self.decoded.remove(&k) {
                self.bytes -= e.result.map_or(0, |p| p.byte_len()).min(self.bytes);
            }
        }
    }

    /// Bytes of decoded pixels held now.
    pub fn decoded_bytes(&self) -> usize {
        self.bytes
    }

    /// Sets how many bytes of decoded pixels the store keeps ([`DEFAULT_DECODED_BUDGET`]); the
    /// most recent decode is always kept, whatever its size.
    pub fn set_decoded_budget(&mut self, bytes: usize) {
        self.budget = bytes;
    }

    /// The pixel size of `id` if it was already decoded successfully; never decodes. The sink
    /// uses it to describe images without touching their bytes.
    pub fn decoded_size(&self, id: ImageId) -> Option<(u32, u32)> {
        self.sizes.get(&id).copied()
    }

    /// The pixels of `id` if it was already decoded successfully; never decodes.
    pub fn decoded(&self, id: ImageId) -> Option<Arc<ImagePixels>> {
        match self.decoded.get(&id) {
            Some(Entry { result: Ok(p), .. }) => Some(p.clone()),
            _ => None,
        }
    }

    /// Stores pixels (or the error) for `source` decoded elsewhere, such as on a host's worker
    /// thread, so the first draw needs no decode. Registers the source if needed.
    pub fn insert_decoded(&mut self, source: &str, result: Decoded) -> ImageId {
        let id = self.id(source);
        self.keep(id, result, false);
        id
    }

    /// [`ImageStore::insert_decoded`] for pixels decoded from this store's own assets with its
    /// decoder (an app's background image load): they may be released and decoded again.
    pub fn insert_loaded(&mut self, source: &str, result: Decoded) -> ImageId {
        let id = self.id(source);
        self.keep(id, result, true);
        id
    }

    /// The size of `source` if it is decoded already (`Some(Err)` if decoding failed), without
    /// decoding anything.
    pub fn decoded_result(&self, source: &str) -> Option<Result<(u32, u32), ImageError>> {
        let id = self.by_source.get(source)?;
        match self.decoded.get(id).map(|e| &e.result) {
            Some(Err(e)) => Some(Err(e.clone())),
            _ => self.sizes.get(id).map(|s| Ok(*s)),
        }
    }

    /// Forgets decoded pixels of `source` so the next draw reloads it (hot reload).
    pub fn invalidate(&mut self, source: &str) {
        if let Some(id) = self.by_source.get(source) {
            if let Some(e) = self.decoded.remove(id) {
                self.bytes -= e.result.map_or(0, |p| p.byte_len()).min(self.bytes);
            }
            self.sizes.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::MemoryAssets;

    /// A decoder for tests: the bytes are `w h` in ASCII, the pixels grey.
    struct Fake;

    impl ImageDecoder for Fake {
        fn decode(&self, source: &str, bytes: &[u8]) -> Result<ImagePixels, ImageError> {
            let err = || ImageError { source: source.to_owned(), reason: "not a fake image".to_owned() };
            let text = std::str::from_utf8(bytes).map_err(|_| err())?;
            let mut it = text.split(' ').map(str::parse::<u32>);
            let (Some(Ok(w)), Some(Ok(h))) = (it.next(), it.next()) else { return Err(err()) };
            ImagePixels::from_premultiplied(w, h, vec![128; (w * h * 4) as usize]).ok_or_else(err)
        }
    }

    #[test]
    fn decodes_lazily_and_caches_results_and_errors() {
        let assets = MemoryAssets::new().with("a.png", b"4 3".to_vec()).with("junk.png", b"junk".to_vec());
        let mut store = ImageStore::default();
        let id = store.id("a.png");
        assert_eq!(store.id("a.png"), id);
        assert_eq!(store.decoded_size(id), None, "nothing decoded before the first draw");
        let px = store.pixels(id, &assets, &Fake).map(|p| (p.width(), p.height()));
        assert_eq!(px, Ok((4, 3)));
        assert_eq!(store.decoded_result("a.png"), Some(Ok((4, 3))));
        for name in ["junk.png", "missing.png"] {
            let id = store.id(name);
            let err = store.pixels(id, &assets, &Fake).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(name), "{err}");
        }
        store.invalidate("a.png");
        assert_eq!(store.decoded_size(id), None);
    }

    #[test]
    fn pixels_refuse_wrong_lengths_and_sides() {
        assert!(ImagePixels::from_premultiplied(2, 2, vec![0; 16]).is_some());
        assert!(ImagePixels::from_premultiplied(2, 2, vec![0; 15]).is_none());
        assert!(ImagePixels::from_premultiplied(0, 2, vec![]).is_none());
        assert!(ImagePixels::from_premultiplied(MAX_IMAGE_SIDE + 1, 1, vec![0; (MAX_IMAGE_SIDE as usize + 1) * 4])
            .is_none());
        let p = ImagePixels::from_straight(1, 1, vec![200, 100, 50, 128]).map(|p| p.data().to_vec());
        assert_eq!(p, Some(vec![100, 50, 25, 128]));
    }

    #[test]
    fn decodes_past_the_budget_evict_the_least_recently_drawn() {
        let assets = MemoryAssets::new()
            .with("a", b"100 100".to_vec())
            .with("b", b"100 100".to_vec())
            .with("c", b"100 100".to_vec());
        let mut store = ImageStore::default();
        store.set_decoded_budget(2 * 100 * 100 * 4);
        let [a, b, c] = ["a", "b", "c"].map(|s| store.id(s));
        for id in [a, b, a, c] {
            assert!(store.pixels(id, &assets, &Fake).is_ok());
        }
        assert_eq!(store.decoded_bytes(), 2 * 100 * 100 * 4, "b, drawn least recently, was dropped");
        assert_eq!(store.decoded_size(b), Some((100, 100)), "its size is still known");
        assert_eq!(store.decoded_result("b"), Some(Ok((100, 100))));
        assert!(store.pixels(b, &assets, &Fake).is_ok(), "and it decodes again when drawn");
        assert_eq!(store.decoded_bytes(), 2 * 100 * 100 * 4);
        store.invalidate("b");
        assert_eq!(store.decoded_bytes(), 100 * 100 * 4);
    }

    #[test]
    fn release_drops_only_pixels_that_can_be_decoded_again() {
        let assets = MemoryAssets::new().with("a", b"10 10".to_vec()).with("b", b"10 10".to_vec());
        let mut store = ImageStore::default();
        let a = store.id("a");
        assert!(store.pixels(a, &assets, &Fake).is_ok());
        assert!(store.release(a), "decoded from the assets");
        assert_eq!((store.decoded_bytes(), store.decoded(a).is_none()), (0, true));
        assert_eq!(store.decoded_size(a), Some((10, 10)), "its size is still known");
        assert_eq!(store.decoded_result("a"), Some(Ok((10, 10))));
        assert!(store.pixels(a, &assets, &Fake).is_ok(), "and it decodes again when drawn");
        assert!(store.release(a), "a decode made by `pixels` is reloadable again");

        let loaded = store.insert_loaded("b", Fake.decode("b", b"10 10").map(Arc::new));
        assert!(store.release(loaded), "loaded in the background from the same assets");
        let pushed = store.insert_decoded("host", Fake.decode("host", b"10 10").map(Arc::new));
        assert!(!store.release(pushed), "a host's pixels have nothing behind them");
        assert!(store.decoded(pushed).is_some());
        let failed = store.id("missing");
        assert!(store.pixels(failed, &assets, &Fake).is_err());
        assert!(!store.release(failed), "errors stay cached");
        assert!(store.pixels(failed, &assets, &Fake).is_err());
    }
}
