//! Hot reload of markup screens: [`HotReload`] reads the screen, theme and data files, builds
//! the screen with the markup loader, swaps it into the app keeping focus on the element with
//! the same path, and on a change reloads again; a changed image only drops that image's
//! caches. A broken file keeps the last good screen and its diagnostics are shown (the window
//! draws them with [`crate::overlay::error_panel`]) and printed on stderr.
//!
//! The file watcher (`notify`) lives here and only feeds paths into [`HotReload::file_changed`];
//! everything else runs on the caller's clock, so tests drive reloads with virtual time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tenfoot_cpu::CpuBackend;
use tenfoot_toolkit::{App, Entity};
use tenfoot_widgets::markup::{self, Diagnostic};
use tenfoot_widgets::Theme;

/// Screen files from the file system (paths as the loader joined them).
#[derive(Clone, Copy, Debug, Default)]
pub struct FsFiles;

impl markup::Files for FsFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| e.to_string())
    }

    fn read_source(&self, path: &str) -> Result<String, Vec<Diagnostic>> {
        read_file(Path::new(path), "check the path (relative to the screen that names it)")
    }
}

/// How long a burst of file events must be quiet before reloading: editors save in several
/// steps (truncate, write, rename), and a reload in the middle would show a spurious error.
/// Small enough that a save shows within 100 ms.
pub const SETTLE: Duration = Duration::from_millis(15);

/// The files a markup screen is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenFiles {
    pub screen: PathBuf,
    pub theme: Option<PathBuf>,
    pub data: Option<PathBuf>,
    /// The asset folder images are read from (watched for changed images).
    pub assets: PathBuf,
}

/// What a processed change did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The screen was rebuilt and swapped in.
    Screen,
    /// The screen, theme or data has errors; the last good screen stays.
    Failed,
    /// Only images changed; their caches were dropped (the given asset paths).
    Images(Vec<String>),
}

/// A markup screen kept in sync with its files.
pub struct HotReload {
    files: ScreenFiles,
    pending: BTreeSet<PathBuf>,
    first_event: Option<Duration>,
    last_event: Option<Duration>,
    /// When the first change of the last processed batch was seen.
    changed_at: Option<Duration>,
    errors: Vec<Diagnostic>,
    loaded: bool,
    events: Option<Receiver<PathBuf>>,
    watcher: Option<RecommendedWatcher>,
}

impl std::fmt::Debug for HotReload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HotReload").field("files", &self.files).field("errors", &self.errors.len()).finish()
    }
}

/// Reads a file named on the command line (see [`read_file`]).
fn read(path: &Path) -> Result<String, Vec<Diagnostic>> {
    read_file(path, "check the path on the command line")
}

/// Reads a screen, theme or data file: only a regular file, a size cap checked before reading
/// (the data limit, the larger of the two; the loaders check their own), and invalid UTF-8
/// named by byte offset. `hint` says where the path came from.
pub(crate) fn read_file(path: &Path, hint: &str) -> Result<String, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let cannot =
        |e: String| vec![Diagnostic::at(&name, "", 0, 0, format!("cannot read this file: {e}")).with_hint(hint)];
    let meta = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
    if !meta.is_file() {
        return Err(cannot("not a regular file".to_owned()));
    }
    let limit = tenfoot_widgets::markup::MAX_DATA_BYTES as u64;
    if meta.len() > limit {
        return Err(cannot(format!("{} bytes is larger than the {} MiB limit", meta.len(), limit >> 20)));
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(e.to_string()))?;
    tenfoot_widgets::markup::decode_source(&name, bytes)
}

/// The absolute form of `p` for comparing event paths (its folder resolved through links;
/// the file itself may not exist between an editor's delete and rename).
fn normalize(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    match (abs.parent().and_then(|d| d.canonicalize().ok()), abs.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

/// The element at `path` (as `tenfoot_toolkit`'s `tree::path` writes it: names, or `#index` for unnamed
/// elements, from the root down).
pub fn find_path(app: &App, path: &str) -> Option<Entity> {
    markup::find_path(app, path)
}

impl HotReload {
    /// Reload state for `files`, not loaded and not watching yet.
    pub fn new(files: ScreenFiles) -> Self {
        Self {
            files,
            pending: BTreeSet::new(),
            first_event: None,
            last_event: None,
            changed_at: None,
            errors: Vec::new(),
            loaded: false,
            events: None,
            watcher: None,
        }
    }

    pub fn files(&self) -> &ScreenFiles {
        &self.files
    }

    /// The diagnostics of the last load (empty when the screen is current).
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// True once a screen has loaded (so there is a last good screen to keep).
    pub fn has_screen(&self) -> bool {
        self.loaded
    }

    /// Reads and loads the files now and swaps the screen into `app` (as the start of a
    /// markup app: its actions read further screens from the screen's folder). On errors
    /// the app keeps what it shows and the errors are kept for [`HotReload::errors`].
    pub fn load(&mut self, app: &mut App) -> Result<(), Vec<Diagnostic>> {
        let focus = app.focus_path();
        match self.start(app) {
            Ok(warnings) => {
                for w in &warnings {
                    eprintln!("{w}");
                }
                // Keep focus on the same element (by name path) where it still exists.
                if let Some(target) = focus.and_then(|p| find_path(app, &p)) {
                    app.set_focus(target);
                }
                self.errors.clear();
                self.loaded = true;
                Ok(())
            }
            Err(errors) => {
                self.errors = errors.clone();
                Err(errors)
            }
        }
    }

    /// The data file: `--data`, else the one the screen names with `data "file.json"`.
    pub fn data_file(&self) -> Option<PathBuf> {
        if let Some(d) = &self.files.data {
            return Some(d.clone());
        }
        let src = std::fs::read_to_string(&self.files.screen).ok()?;
        markup::data_file(&self.files.screen.display().to_string(), &src).map(PathBuf::from)
    }

    fn start(&self, app: &mut App) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let (theme, data) = self.theme_and_data()?;
        let screen = self.files.screen.display().to_string();
        let host = markup::DataHost::new(data.clone());
        let started = markup::start(app, std::rc::Rc::new(FsFiles), &screen, theme, data)?;
        // The screens' `request` actions are answered from this copy of the data.
        app.set_host(host);
        Ok(started.warnings)
    }

    /// The theme and data files, read and parsed.
    pub fn theme_and_data(&self) -> Result<(Theme, Option<markup::Data>), Vec<Diagnostic>> {
        let name = |p: &Path| p.display().to_string();
        let theme = match &self.files.theme {
            Some(p) => markup::load_theme(&name(p), &read(p)?)?,
            None => Theme::dark(),
        };
        let data = match self.data_file() {
            Some(p) => Some(markup::parse_data(&name(&p), &read(&p)?)?),
            None => None,
        };
        Ok((theme, data))
    }

    /// Starts watching the files' folders and the asset folder. `wake` is called from the
    /// watcher's thread after each event (the window passes its event-loop proxy).
    pub fn watch(&mut self, wake: impl Fn() + Send + 'static) -> Result<(), String> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(event) = res else { return };
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                let _ = tx.send(p);
            }
            wake();
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        let assets = normalize(&self.files.assets);
        if assets.is_dir() {
            watcher
                .watch(&assets, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", assets.display()))?;
        }
        // Folders, not files: editors often save by writing a new file and renaming it over
        // the old one, which a watch on the old file would miss.
        let mut dirs = BTreeSet::new();
        let data = self.data_file();
        for f in [Some(&self.files.screen), self.files.theme.as_ref(), data.as_ref()].into_iter().flatten() {
            if let Some(dir) = normalize(f).parent() {
                if !dir.starts_with(&assets) {
                    dirs.insert(dir.to_path_buf());
                }
            }
        }
        for dir in dirs {
            watcher
                .watch(&dir, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
        self.events = Some(rx);
        self.watcher = Some(watcher);
        Ok(())
    }

    /// Notes that `path` changed at `now` (the watcher does this; tests call it directly).
    pub fn file_changed(&mut self, path: &Path, now: Duration) {
        self.pending.insert(normalize(path));
        self.first_event.get_or_insert(now);
        self.last_event = Some(now);
    }

    /// Moves the watcher's events into the pending set, stamped `now`.
    pub fn drain(&mut self, now: Duration) {
        let paths: Vec<PathBuf> = self.events.as_ref().map(|rx| rx.try_iter().collect()).unwrap_or_default();
        for p in paths {
            self.file_changed(&p, now);
        }
    }

    /// When the first file change handled by the last [`HotReload::poll`] was seen (the window
    /// reports the time from there to the frame on screen).
    pub fn changed_at(&self) -> Option<Duration> {
        self.changed_at
    }

    /// When the pending changes will have settled (`None` when nothing is pending).
    pub fn deadline(&self) -> Option<Duration> {
        self.last_event.filter(|_| !self.pending.is_empty()).map(|t| t + SETTLE)
    }

    /// Processes the pending changes once they have settled by `now`: reloads the screen if
    /// one of its files changed, and drops the caches of changed images. Returns what it did,
    /// or `None` when there was nothing to do yet.
    pub fn poll(&mut self, now: Duration, app: &mut App, backend: Option<&mut CpuBackend>) -> Option<Reloaded> {
        if self.deadline().is_none_or(|d| now < d) {
            return None;
        }
        let changed = std::mem::take(&mut self.pending);
        self.last_event = None;
        self.changed_at = self.first_event.take();
        let data = self.data_file();
        let own: Vec<PathBuf> = [Some(&self.files.screen), self.files.theme.as_ref(), data.as_ref()]
            .into_iter()
            .flatten()
            .map(|p| normalize(p))
            .collect();
        // Other screens and components of the app live next to the screen.
        let screens = normalize(&self.files.screen).parent().map(Path::to_path_buf);
        let assets = normalize(&self.files.assets);
        let mut images = Vec::new();
        let mut reload = false;
        for path in &changed {
            let sibling_kdl =
                path.extension().is_some_and(|e| e == "kdl") && screens.as_ref().is_some_and(|d| path.starts_with(d));
            if own.contains(path) || sibling_kdl {
                reload = true;
            } else if let Some(source) = image_source(&assets, path) {
                images.push(source);
            }
        }
        if !images.is_empty() {
            let mut backend = backend;
            for source in &images {
                let store = &mut app.resources_mut().images;
                store.invalidate(source);
                let id = store.id(source);
                if let Some(b) = backend.as_deref_mut() {
                    b.forget_image(id);
                }
            }
            app.invalidate();
        }
        if reload {
            let started = Instant::now();
            return Some(match self.load(app) {
                Ok(()) => {
                    eprintln!(
                        "tenfoot-preview: reloaded {} in {} ms",
                        self.files.screen.display(),
                        started.elapsed().as_millis()
                    );
                    Reloaded::Screen
                }
                Err(errors) => {
                    eprintln!("{}\ntenfoot-preview: kept the last good screen", markup::render_all(&errors));
                    Reloaded::Failed
                }
            });
        }
        (!images.is_empty()).then_some(Reloaded::Images(images))
    }
}

/// The asset path (`posters/a.png`) of an image file under the asset folder.
fn image_source(assets: &Path, path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") {
        return None;
    }
    let rel = path.strip_prefix(assets).ok()?;
    let parts: Vec<&str> = rel.components().map(|c| c.as_os_str().to_str()).collect::<Option<_>>()?;
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests;
