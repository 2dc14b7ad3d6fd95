//! tenfoot-device: the embedding API. A device host (a TV's native layer in C, or JavaScript
//! driving the wasm bundle) creates an [`Engine`] for an app, feeds it remote key edges and
//! the time, takes the frames' display-list stream and the host-bus envelopes, and saves
//! snapshots to restart from after a crash. `docs/embedding.md` is the guide; the C ABI is in
//! [`ffi`] and `device/include/tenfoot.h`.
//!
//! The bundle carries two apps, chosen by id at creation: `sample` (the sample streaming app,
//! whose data the host serves over the bus) and `chaos` (callbacks that panic, to prove the
//! panic boundaries on the device). Owns: the engine and the ABI. Must not touch: files,
//! threads, clocks; the host brings all of those.

mod chaos;
mod engine;
pub mod ffi;

pub use chaos::{Ask, Poke};
pub use engine::{micros, Engine, EngineError, FrameOutcome, APP_IDS, MAX_KEPT_ERRORS, MAX_SCREEN_SIDE};
