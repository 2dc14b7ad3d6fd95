//! [`DirAssets`]: assets read from a folder, for tests, the preview and tools. The core crates
//! never touch the file system; this is where it happens.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use tenfoot_cpu::ImageCodec;
use tenfoot_renderer::{AssetError, AssetSource, EmbeddedAssets, Resources};

/// The largest asset file read, in bytes. Encoded images are far smaller than their decodes
/// (which `MAX_IMAGE_ALLOC` limits); a larger file is refused before any byte is read.
pub const MAX_ASSET_BYTES: u64 = 64 * 1024 * 1024;

/// Reads assets from files under a root folder. A path is refused when it leaves the root
/// (`..`, absolute paths, or a symbolic link resolving outside it), when it is not a regular
/// file (a FIFO, a device, a folder: opened without blocking, never read), or when the file is
/// larger than [`MAX_ASSET_BYTES`]. Every refusal names the asset and the file.
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

    /// The file a relative asset path maps to, or `None` if the path escapes the root
    /// lexically. [`AssetSource::load`] also resolves links before reading.
    pub fn resolve(&self, path: &str) -> Option<PathBuf> {
        let rel = Path::new(path);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return None;
        }
        Some(self.root.join(rel))
    }

    /// The file to read for `path`, links resolved, checked to be a regular file inside the
    /// root and within the size cap.
    fn checked(&self, path: &str) -> Result<(PathBuf, u64), String> {
        let file = self.resolve(path).ok_or_else(|| "path leaves the asset folder".to_owned())?;
        let root =
            std::fs::canonicalize(&self.root).map_err(|e| format!("asset folder {}: {e}", self.root.display()))?;
        let real = std::fs::canonicalize(&file).map_err(|e| format!("{e} ({})", file.display()))?;
        if !real.starts_with(&root) {
            return Err(format!("path leaves the asset folder: {} links to {}", file.display(), real.display()));
        }
        let meta = std::fs::metadata(&real).map_err(|e| format!("{e} ({})", real.display()))?;
        if !meta.is_file() {
            return Err(format!("not a regular file ({}: {})", real.display(), file_kind(&meta)));
        }
        if meta.len() > MAX_ASSET_BYTES {
            return Err(format!(
                "file of {} bytes is larger than the {} MiB asset limit ({})",
                meta.len(),
                MAX_ASSET_BYTES >> 20,
                real.display()
            ));
        }
        Ok((real, meta.len()))
    }
}

/// What kind of file system entry `meta` is, for refusals.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Opens `file` for reading without blocking on special files (the entry may have been swapped
/// for a FIFO since it was checked), then checks again that what was opened is a regular file.
fn open_regular(file: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let f = options.open(file)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(f)
}

impl AssetSource for DirAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        let err = |reason: String| AssetError { path: path.to_owned(), reason };
        let (file, len) = self.checked(path).map_err(err)?;
        let f = open_regular(&file).map_err(|e| err(format!("{e} ({})", file.display())))?;
        // The file may grow after the check: read at most one byte past the cap.
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_ASSET_BYTES + 1), &mut bytes)
            .map_err(|e| err(format!("{e} ({})", file.display())))?;
        if bytes.len() as u64 > MAX_ASSET_BYTES {
            return Err(err(format!(
                "file grew past the {} MiB asset limit ({})",
                MAX_ASSET_BYTES >> 20,
                file.display()
            )));
        }
        Ok(Arc::from(bytes))
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
/// backend's codec, and drawing generated art (`art/...` paths, the sample catalog's
/// backdrops and stills: `tenfoot_renderer::art`).
pub fn resources() -> Resources {
    let source = EmbeddedAssets::over(DirAssets::new(assets_dir()));
    let resources = match Resources::new(source) {
        Ok(r) => r,
        // The fonts are compiled in; this only fails if the binary itself is damaged.
        Err(_) => Resources::embedded(),
    };
    let mut resources = resources.with_decoder(ImageCodec);
    tenfoot_renderer::art::install(&mut resources);
    resources
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

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tenfoot-assets-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(dir.join("sub"));
        dir
    }

    fn load_err(a: &DirAssets, path: &str) -> String {
        match a.load(path) {
            Ok(b) => format!("read {} bytes", b.len()),
            Err(e) => e.to_string(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_of_the_folder_special_files_and_huge_files() {
        let dir = scratch("hostile");
        let a = DirAssets::new(&dir);
        std::fs::write(dir.join("sub/ok.txt"), b"fine").unwrap_or_default();
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.png")).unwrap_or_default();
        std::os::unix::fs::symlink("/etc/hostname", dir.join("out.png")).unwrap_or_default();
        std::os::unix::fs::symlink(dir.join("sub/ok.txt"), dir.join("inside.txt")).unwrap_or_default();
        // (unsafe code is forbidden, so no libc::mkfifo: the coreutils tool makes the FIFO)
        let made = std::process::Command::new("mkfifo").arg(dir.join("pipe.png")).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let sparse = std::fs::File::create(dir.join("sparse.png")).and_then(|f| f.set_len(3 << 30));
        assert!(sparse.is_ok());

        assert_eq!(a.load("sub/ok.txt").map(|b| b.to_vec()), Ok(b"fine".to_vec()));
        assert_eq!(a.load("inside.txt").map(|b| b.to_vec()), Ok(b"fine".to_vec()), "links inside the folder are fine");
        let e = load_err(&a, "zero.png");
        assert!(
            e.contains("asset `zero.png`") && e.contains("leaves the asset folder") && e.contains("/dev/zero"),
            "{e}"
        );
        let e = load_err(&a, "out.png");
        assert!(e.contains("leaves the asset folder"), "{e}");
        let e = load_err(&a, "pipe.png");
        assert!(e.contains("not a regular file") && e.contains("a FIFO") && e.contains("pipe.png"), "{e}");
        let e = load_err(&a, "sparse.png");
        assert!(e.contains("3221225472 bytes is larger than the 64 MiB asset limit"), "{e}");
        let e = load_err(&a, "sub");
        assert!(e.contains("a folder"), "{e}");
        let e = load_err(&a, "missing.png");
        assert!(e.contains("asset `missing.png`") && e.contains("missing.png"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
