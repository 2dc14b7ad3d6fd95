//! The TV announcer: what a TV screen reader says as focus moves, composed from the focus path.
//!
//! Rules (the same in `docs/accessibility.md`):
//! - On a focus change, each container the focus *entered* is named first, outermost first:
//!   a screen ("Home, screen"), a dialog ("Sign out?, dialog"), a list or grid with its size
//!   ("Continue Watching, list, 8 items"). Moving within a rail names only the element.
//! - Then the element: label, role word (none for tiles and keys), states (selected, on/off,
//!   disabled, busy), place ("2 of 8"), description, value; then its hint ("press Select to
//!   play"). Parts are joined with ", ", containers and hint with ". ".
//! - Focus utterances are assertive and interrupt whatever is being said, so moving on cuts the
//!   old one off. A status region (an info toast) that appears or changes is polite (queued);
//!   an alert (an error) is assertive.
//! - The focused element changing what it says (a toggle flipped) is said again.
//! - A text field typed into from an on-screen keyboard (focus on a key) says its new text,
//!   politely.

use std::collections::VecDeque;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::tree::{SemNode, SemanticsTree};
use super::Role;

/// How urgently an utterance is spoken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Politeness {
    /// After what is being said (a toast).
    Polite,
    /// Now, cutting off what is being said (focus moves, errors).
    Assertive,
}

/// One thing to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utterance {
    pub text: String,
    pub politeness: Politeness,
    /// Stop speaking what was being said first.
    pub interrupt: bool,
    /// Frame time it was composed at.
    pub at: Duration,
}

/// The `tts.speak` host-bus message: the device's own speech engine says `text`.
/// JSON body: `{"text": "...", "politeness": "assertive", "interrupt": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TtsSpeak {
    pub text: String,
    pub politeness: Politeness,
    pub interrupt: bool,
}

impl crate::tasks::Message for TtsSpeak {
    const TOPIC: &'static str = "tts.speak";
}

impl From<&Utterance> for TtsSpeak {
    fn from(u: &Utterance) -> Self {
        TtsSpeak { text: u.text.clone(), politeness: u.politeness, interrupt: u.interrupt }
    }
}

/// Utterances kept for the preview's overlay.
pub const HISTORY: usize = 32;

/// Turns tree changes into utterances.
#[derive(Debug, Default)]
pub struct Announcer {
    /// Not yet taken by [`crate::App::take_utterances`].
    pending: Vec<Utterance>,
    history: VecDeque<Utterance>,
}

impl Announcer {
    /// The utterances composed since the last call.
    pub fn take(&mut self) -> Vec<Utterance> {
        std::mem::take(&mut self.pending)
    }

    /// The most recent utterances, oldest first (at most [`HISTORY`]).
    pub fn history(&self) -> impl Iterator<Item = &Utterance> {
        self.history.iter()
    }

    /// Compares the last tree with the new one and composes what to say; returns it too.
    pub(crate) fn observe(&mut self, old: Option<&SemanticsTree>, new: &SemanticsTree, at: Duration) -> Vec<Utterance> {
        let mut out = Vec::new();
        let say = |text: String, politeness: Politeness| Utterance {
            interrupt: politeness == Politeness::Assertive,
            text,
            politeness,
            at,
        };
        let old_focus = old.and_then(|t| t.focus);
        match new.focused() {
            Some(f) if Some(f.id) != old_focus => {
                out.push(say(focus_utterance(old, new, f), Politeness::Assertive));
            }
            Some(f) => {
                // Same element: say it again when what it says changed (a toggle flipped).
                if let Some(before) = old.and_then(|t| t.get(f.id)) {
                    if element_phrase(before) != element_phrase(f) {
                        out.push(say(element_phrase(f), Politeness::Assertive));
                    }
                }
            }
            None => {}
        }
        for n in &new.nodes {
            // A field typed into from an on-screen keyboard echoes its text (focus is on the
            // key, which says nothing new when pressed).
            if n.role == Role::TextField && Some(n.id) != new.focus {
                let before = old.and_then(|t| t.get(n.id)).map(|o| o.value.clone());
                if let Some(before) = before.filter(|b| *b != n.value) {
                    let now = n.value.clone().filter(|v| !v.is_empty());
                    let text = match (now, before.is_some_and(|b| !b.is_empty())) {
                        (Some(v), _) => v,
                        (None, true) => format!("{}, empty", if n.label.is_empty() { "field" } else { &n.label }),
                        (None, false) => continue,
                    };
                    out.push(say(text, Politeness::Polite));
                }
                continue;
            }
            let politeness = match n.role {
                Role::Status => Politeness::Polite,
                Role::Alert => Politeness::Assertive,
                _ => continue,
            };
            let before = old.and_then(|t| t.get(n.id)).map(|o| o.label.as_str());
            if !n.label.is_empty() && before != Some(n.label.as_str()) {
                out.push(say(n.label.clone(), politeness));
            }
        }
        for u in &out {
            if self.history.len() == HISTORY {
                self.history.pop_front();
            }
            self.history.push_back(u.clone());
        }
        self.pending.extend(out.iter().cloned());
        out
    }
}

/// What a focus move to `f` says: the containers entered, then the element and its hint.
pub fn focus_utterance(old: Option<&SemanticsTree>, new: &SemanticsTree, f: &SemNode) -> String {
    let before: Vec<u64> = match (old, old.and_then(|t| t.focus)) {
        (Some(t), Some(id)) => t.ancestors(id).iter().map(|n| n.id).collect(),
        _ => Vec::new(),
    };
    let mut sentences: Vec<String> = new
        .ancestors(f.id)
        .into_iter()
        .filter(|a| a.role.announced_on_entry() && !before.contains(&a.id))
        .filter_map(container_phrase)
        .collect();
    sentences.push(element_phrase(f));
    if let Some(h) = &f.hint {
        sentences.push(capitalized(h));
    }
    sentences.join(". ")
}

/// "Continue Watching, list, 8 items"; `None` for an unlabelled screen or group.
pub fn container_phrase(n: &SemNode) -> Option<String> {
    let mut parts = Vec::new();
    if !n.label.is_empty() {
        parts.push(n.label.clone());
    } else if matches!(n.role, Role::Screen | Role::Group) {
        return None;
    }
    parts.extend(n.role.word().map(str::to_owned));
    if n.role.is_collection() {
        if let Some(c) = n.count {
            parts.push(if c == 1 { "1 item".to_owned() } else { format!("{c} items") });
        }
    }
    if n.states.busy {
        parts.push("loading".to_owned());
    }
    parts.extend(n.description.clone());
    Some(parts.join(", "))
}

/// "Frontier & Signal, 1 of 8, Season 2 Episode 2, 40 % watched".
pub fn element_phrase(n: &SemNode) -> String {
    let mut parts = Vec::new();
    parts.push(if n.label.is_empty() { "unlabelled".to_owned() } else { n.label.clone() });
    parts.extend(n.role.word().map(str::to_owned));
    let s = &n.states;
    if s.selected {
        parts.push("selected".to_owned());
    }
    if let Some(c) = s.checked {
        parts.push(if c { "on" } else { "off" }.to_owned());
    }
    if s.disabled {
        parts.push("disabled".to_owned());
    }
    if s.busy {
        parts.push("loading".to_owned());
    }
    if let Some((i, m)) = n.position {
        parts.push(format!("{i} of {m}"));
    }
    parts.extend(n.description.clone());
    parts.extend(n.value.clone());
    parts.join(", ")
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
