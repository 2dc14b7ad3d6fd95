//! Where bytes come from: the [`AssetSource`] trait and the in-memory sources.
//!
//! The renderer and toolkit never open files; the preview (or a device host) supplies a source
//! that reads a folder or fetches over a bus. [`EmbeddedAssets`] carries the bundled fonts inside
//! the binary so text renders identically everywhere, with no system fonts.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// Loading an asset failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "asset `{}`: {}", self.path, self.reason)
    }
}

impl std::error::Error for AssetError {}

impl AssetError {
    pub fn not_found(path: &str) -> Self {
        Self { path: path.to_owned(), reason: "not found".to_owned() }
    }
}

/// A read-only store of asset bytes addressed by slash-separated relative paths
/// (`fonts/Inter-Regular.otf`, `posters/p01.png`).
pub trait AssetSource {
    /// The bytes at `path`. Called lazily, once per asset, by the resource caches.
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError>;

    /// The bytes at `path` when they live in the binary for the whole run (the bundled fonts of
    /// [`EmbeddedAssets`]): consumers that keep bytes, such as the font library, then borrow
    /// them instead of holding a heap copy. `None` (the default) means: call [`Self::load`].
    fn load_static(&self, path: &str) -> Option<&'static [u8]> {
        let _ = path;
        None
    }
}

/// Assets held in memory, for tests and hosts that push bytes.
#[derive(Clone, Debug, Default)]
pub struct MemoryAssets {
    files: HashMap<String, Arc<[u8]>>,
}

impl MemoryAssets {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn with(mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        self.insert(path, bytes);
        self
    }
}

impl AssetSource for MemoryAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        self.files.get(path).cloned().ok_or_else(|| AssetError::not_found(path))
    }
}

/// The bundled fonts, compiled into the binary: Inter, the UI family, then Noto Sans Arabic and
/// Noto Sans Hebrew, which cosmic-text falls back to for those scripts (Inter has no Arabic or
/// Hebrew glyphs). All SIL OFL 1.1, see `assets/README.md`. Last, the icon font (ISC): only
/// private-use codepoints, so no text falls back to it by accident.
pub const BUNDLED_FONTS: [(&str, &[u8]); 10] = [
    ("fonts/Inter-Regular.otf", include_bytes!("../../assets/fonts/Inter-Regular.otf")),
    ("fonts/Inter-SemiBold.otf", include_bytes!("../../assets/fonts/Inter-SemiBold.otf")),
    ("fonts/Inter-Bold.otf", include_bytes!("../../assets/fonts/Inter-Bold.otf")),
    ("fonts/NotoSansArabic-Regular.ttf", include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf")),
    ("fonts/NotoSansArabic-Bold.ttf", include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf")),
    ("fonts/NotoSansHebrew-Regular.ttf", include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf")),
    ("fonts/NotoSansHebrew-Bold.ttf", include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf")),
    // Japanese (the sample's `ja` locale): Noto Sans CJK JP cut to the kana, CJK punctuation
    // and the kanji the .ftl files use (scripts/make_cjk_font.py), 115 KB each.
    ("fonts/NotoSansJP-Regular-subset.otf", include_bytes!("../../assets/fonts/NotoSansJP-Regular-subset.otf")),
    ("fonts/NotoSansJP-Bold-subset.otf", include_bytes!("../../assets/fonts/NotoSansJP-Bold-subset.otf")),
    // The icon set (widgets' `icon`): 37 Lucide icons on private-use codepoints, 12 KB.
    ("fonts/LucideIcons-subset.ttf", include_bytes!("../../assets/fonts/LucideIcons-subset.ttf")),
];

/// The bundled fonts, optionally in front of another source for everything else.
#[derive(Default)]
pub struct EmbeddedAssets {
    fallback: Option<Box<dyn AssetSource>>,
}

impl fmt::Debug for EmbeddedAssets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmbeddedAssets").field("fallback", &self.fallback.is_some()).finish()
    }
}

impl EmbeddedAssets {
    pub fn new() -> Self {
        Self { fallback: None }
    }

    /// Serves the bundled fonts, and anything else from `source`.
    pub fn over(source: impl AssetSource + 'static) -> Self {
        Self { fallback: Some(Box::new(source)) }
    }
}

impl AssetSource for EmbeddedAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        if let Some((_, bytes)) = BUNDLED_FONTS.iter().find(|(p, _)| *p == path) {
            return Ok(Arc::from(*bytes));
        }
        match &self.fallback {
            Some(source) => source.load(path),
            None => Err(AssetError::not_found(path)),
        }
    }

    fn load_static(&self, path: &str) -> Option<&'static [u8]> {
        match BUNDLED_FONTS.iter().find(|(p, _)| *p == path) {
            Some((_, bytes)) => Some(bytes),
            None => self.fallback.as_ref().and_then(|s| s.load_static(path)),
        }
    }
}
