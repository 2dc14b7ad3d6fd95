//! `--sink FILE`: records the display-list stream of an app's frames to a file, through the
//! renderer's [`SinkBackend`]. This is the host's side of it (the file); the encoding lives in
//! `tenfoot_renderer::codec`.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use tenfoot_renderer::{Backend, Color, DisplayList, Resources, SinkBackend};
use tenfoot_toolkit::{App, LOGICAL_SIZE};

/// Called with every painted frame's list, the resources it refers to and the background (the
/// window's `--sink` recording).
pub type FrameHook = Box<dyn FnMut(&DisplayList, &mut Resources, Color)>;

fn create(path: &Path) -> Result<SinkBackend<BufWriter<File>>, String> {
    let file = File::create(path).map_err(|e| format!("cannot create sink {}: {e}", path.display()))?;
    let mut sink = SinkBackend::new(BufWriter::new(file));
    sink.set_logical_size(LOGICAL_SIZE);
    Ok(sink)
}

/// Records the app's current frame as a one-frame stream at `path` (the `--screenshot` case).
pub fn record_frame(app: &mut App, path: &Path) -> Result<(), String> {
    let mut sink = create(path)?;
    sink.set_background(app.background());
    let report = app.draw(&mut sink);
    if let Some(e) = report.errors.first() {
        return Err(format!("{}: {e}", path.display()));
    }
    sink.finish().map(drop).map_err(|e| format!("cannot write sink {}: {e}", path.display()))
}

/// A window hook that appends every painted frame to the stream at `path`. The stream has no
/// end record (the window may be closed at any time); readers accept that.
pub fn sink_hook(path: &Path) -> Result<FrameHook, String> {
    let mut sink = create(path)?;
    Ok(Box::new(move |list, resources, background| {
        sink.set_background(background);
        for e in sink.draw(list, resources, None).errors {
            eprintln!("tenfoot-preview: {e}");
        }
    }))
}
