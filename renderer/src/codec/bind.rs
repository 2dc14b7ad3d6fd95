//! [`ResourceBinder`]: maps a stream's font and image ids onto a local [`Resources`], so a
//! decoded frame can be drawn by a backend on the reading side (replay, a Rust device host).
//!
//! Fonts are matched by source path and weight (loading the file through the resources'
//! asset source if it is not loaded yet); images are registered by source path and decoded
//! lazily by the backend, like any other image.

use std::collections::HashMap;
use std::fmt;

use super::records::{ImageForm, ResourceRecord};
use super::{delta::fnv1a, DecodedFrame, FrameKind};
use crate::display_list::{Command, DisplayList, FontId, ImageId};
use crate::images::ImagePixels;
use crate::resources::Resources;

/// A stream resource that cannot be found locally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindError {
    pub message: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BindError {}

/// Stream ids to local ids, kept across frames and reset by full frames.
#[derive(Clone, Debug, Default)]
pub struct ResourceBinder {
    fonts: HashMap<FontId, FontId>,
    images: HashMap<ImageId, ImageId>,
}

impl ResourceBinder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Binds the resources `frame` defines, then returns its display list in local ids.
    /// Cost: a hash lookup per glyph run and image; loads a font file only the first time a
    /// stream names one that is not loaded.
    pub fn bind(&mut self, frame: &DecodedFrame, resources: &mut Resources) -> Result<DisplayList, BindError> {
        if frame.kind == FrameKind::Full {
            self.fonts.clear();
            self.images.clear();
        }
        for (id, def) in &frame.fonts_defined {
            let find =
                |r: &Resources| r.fonts.faces().iter().position(|f| f.source == def.source && f.weight.0 == def.weight);
            let index = match find(resources) {
                Some(i) => i,
                None => {
                    let Resources { assets, fonts, .. } = &mut *resources;
                    fonts.load(assets.as_ref(), &def.source).map_err(|e| BindError { message: e.to_string() })?;
                    find(resources).ok_or_else(|| BindError {
                        message: format!("font `{}` has no face of weight {}", def.source, def.weight),
                    })?
                }
            };
            self.fonts.insert(*id, FontId(index as u32));
        }
        for (id, def) in &frame.images_defined {
            self.images.insert(*id, resources.images.id(&def.source));
        }
        // Stream 1.1 resources: the font files must be the ones we have; pixels that came
        // with the stream are used as they are.
        for record in &frame.resources {
            match record {
                ResourceRecord::Font(f) => {
                    if let Ok(bytes) = resources.assets.load(&f.source) {
                        let local = fnv1a(&bytes);
                        if local != f.hash {
                            return Err(BindError {
                                message: format!(
                                    "font `{}`: the stream's file (hash {:016x}, {} bytes) is not the local one \
                                     (hash {local:016x}, {} bytes)",
                                    f.source,
                                    f.hash,
                                    f.file_len,
                                    bytes.len()
                                ),
                            });
                        }
                    }
                }
                ResourceRecord::Image(i) if i.form == ImageForm::Rgba => {
                    let source = self.images.get(&i.id).and_then(|l| resources.images.source(*l)).map(str::to_owned);
                    let pixels = ImagePixels::from_premultiplied(i.width, i.height, i.bytes.to_vec());
                    if let (Some(source), Some(pixels)) = (source, pixels) {
                        resources.images.insert_decoded(&source, Ok(std::sync::Arc::new(pixels)));
                    }
                }
                _ => {}
            }
        }
        let mut list = frame.list.clone();
        for command in &mut list.commands {
            match command {
                Command::GlyphRun(run) => {
                    run.font = *self
                        .fonts
                        .get(&run.font)
                        .ok_or_else(|| BindError { message: format!("font #{} used but never bound", run.font.0) })?;
                }
                Command::Image { image, .. } => {
                    *image = *self
                        .images
                        .get(image)
                        .ok_or_else(|| BindError { message: format!("image #{} used but never bound", image.0) })?;
                }
                _ => {}
            }
        }
        Ok(list)
    }
}
