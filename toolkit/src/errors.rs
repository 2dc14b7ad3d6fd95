//! [`FrameError`]: what a frame reports instead of failing. Owns the error type, the place it
//! was found (phase, element) and the text of caught panics; knows nothing of how hosts show
//! errors (the preview prints and toasts them, a device host forwards them).

use std::fmt;

use hecs::Entity;

use crate::app::Phase;

/// What kind of problem a [`FrameError`] is, for hosts and tests that branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A handler, effect, task, hook, system, animation callback or host call panicked; the
    /// panic was caught at its boundary and the app went on.
    Panic,
    /// A value out of range was clamped or replaced (a NaN style, a spring with no stiffness,
    /// a transition that does not parse).
    InvalidValue,
    /// A limit was hit: text cut, a tree too deep, an effect cycle, focus handlers that keep
    /// moving focus.
    Limit,
    /// An image, font or other asset failed to load or decode.
    Asset,
    /// The host bus: a message with no handler, a body that does not decode.
    Bus,
    /// Anything else the app or a widget reported ([`crate::App::report_error`]).
    Other,
}

/// A problem reported during a frame: what failed, which element, in which phase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameError {
    pub kind: ErrorKind,
    /// The phase that was running, or `None` outside [`crate::App::frame`] (an element mounted
    /// between frames).
    pub phase: Option<Phase>,
    /// The `/`-separated name path of the element involved, if one was.
    pub element: Option<String>,
    /// What happened, without the element path.
    pub message: String,
}

impl FrameError {
    /// An error of `kind` about no element in particular.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, phase: None, element: None, message: message.into() }
    }

    /// The same error about the element at `path`.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.element = Some(path.into());
        self
    }

    /// Whether the error's text (as displayed, element path included) contains `needle`: for
    /// tests and log filters.
    pub fn contains(&self, needle: &str) -> bool {
        self.to_string().contains(needle)
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.element {
            Some(path) => write!(f, "element `{path}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FrameError {}

/// An error waiting for the end of the frame, when an element's path is known (an element
/// being spawned is not attached yet).
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub(crate) error: FrameError,
    pub(crate) element: Option<Entity>,
}

/// The text of a caught panic's payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_its_element_and_reads_its_payload() {
        let e = FrameError::new(ErrorKind::Panic, "select handler panicked: boom").at("root/ok");
        assert_eq!(e.to_string(), "element `root/ok`: select handler panicked: boom");
        assert_eq!(FrameError::new(ErrorKind::Bus, "no handler").to_string(), "no handler");
        let payload: Box<dyn std::any::Any + Send> = Box::new(String::from("dynamic"));
        assert_eq!(panic_message(payload.as_ref()), "dynamic");
        assert_eq!(panic_message(&42u8), "a panic without a message");
    }
}
