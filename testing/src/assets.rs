//! [`DirAssets`]: assets read from a folder, for tests, the preview and tools. The core crates
//! never touch the file system; this is where it happens.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use tenfoot_cpu::ImageCodec;
use tenfoot_renderer::{AssetError, AssetSource, EmbeddedAssets, Resources};

/// Reads assets from files under a root folder. Paths that try to leave the root (`..`,
/// absolute paths) are refused.
#[derive(Clone, Debug)]
pub struct DirAssets {
    root: PathBuf,
}

impl DirAssets {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file a relative asset path maps to, or `None` if the path escapes the root.
    pub fn resolve(&self, path: &str) -> Option<PathBuf> {
        let rel = Path::new(path);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return None;
        }
        Some(self.root.join(rel))
    }
}

impl AssetSource for DirAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        let file = self
            .resolve(path)
            .ok_or_else(|| AssetError { path: path.to_owned(), reason: "path leaves the asset folder".to_owned() })?;
        std::fs::read(&file)
            .map(Arc::from)
            .map_err(|e| AssetError { path: path.to_owned(), reason: format!("{} ({})", e, file.display()) })
    }
}

/// The bundled `assets/` folder: `$TENFOOT_ASSETS` if set, else the workspace's `assets/`.
pub fn assets_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TENFOOT_ASSETS") {
        return PathBuf::from(dir);
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("assets");
    if workspace.is_dir() {
        return workspace;
    }
    PathBuf::from("assets")
}

/// Resources over the bundled fonts and the assets folder, decoding images with the CPU
/// backend's codec.
pub fn resources() -> Resources {
    let source = EmbeddedAssets::over(DirAssets::new(assets_dir()));
    let resources = match Resources::new(source) {
        Ok(r) => r,
        // The fonts are compiled in; this only fails if the binary itself is damaged.
        Err(_) => Resources::embedded(),
    };
    resources.with_decoder(ImageCodec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_root() {
        let a = DirAssets::new("/tmp/x");
        assert!(a.resolve("../etc/passwd").is_none());
        assert!(a.resolve("/etc/passwd").is_none());
        assert_eq!(a.resolve("posters/a.png"), Some(PathBuf::from("/tmp/x/posters/a.png")));
        let err = a.load("../secret").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("leaves the asset folder"), "{err}");
    }
}
