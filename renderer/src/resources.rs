//! [`Resources`]: the asset source plus the font library and image store built on it.
//!
//! The toolkit owns one `Resources` and lends it to the backend each frame; display lists refer
//! to its fonts and images by id.

use std::fmt;
use std::sync::Arc;

use crate::assets::{AssetSource, EmbeddedAssets};
use crate::images::{ImageDecoder, ImageStore};
use crate::text::{FontError, FontLibrary};

/// Fonts, images and where their bytes come from.
pub struct Resources {
    pub assets: Box<dyn AssetSource>,
    pub fonts: FontLibrary,
    pub images: ImageStore,
    /// Decodes image bytes for tasks that load images ahead of the first draw
    /// (`TaskCx::load_image`). `None`: those loads fail and backends decode with their own.
    pub decoder: Option<Arc<dyn ImageDecoder>>,
}

impl fmt::Debug for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resources").field("fonts", &self.fonts).field("images", &self.images).finish()
    }
}

impl Resources {
    /// Resources over `assets`, with the bundled fonts loaded from it. Cost: parses three font
    /// files (a few milliseconds); images are decoded lazily on first draw.
    pub fn new(assets: impl AssetSource + 'static) -> Result<Self, FontError> {
        let fonts = FontLibrary::bundled(&assets)?;
        Ok(Self { assets: Box::new(assets), fonts, images: ImageStore::default(), decoder: None })
    }

    /// Only the embedded fonts, no other assets: for tests and hello-world screens.
    pub fn embedded() -> Self {
        let assets = EmbeddedAssets::new();
        let fonts = FontLibrary::bundled(&assets).unwrap_or_else(|_| FontLibrary::empty());
        Self { assets: Box::new(assets), fonts, images: ImageStore::default(), decoder: None }
    }

    /// These resources with `decoder` for images loaded ahead of drawing.
    pub fn with_decoder(mut self, decoder: impl ImageDecoder + 'static) -> Self {
        self.decoder = Some(Arc::new(decoder));
        self
    }
}
