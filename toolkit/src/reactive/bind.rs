//! Reactive element properties: `El` methods that bind text, visibility, style and visuals to
//! signals, and the mount step that turns them into effects owned by the spawned entity.
//!
//! A binding is an effect whose first run happens when its element is mounted (so a freshly
//! mounted tree is complete before any frame), then in the reactive phase whenever what it read
//! changed. It is disposed with its element.

use hecs::Entity;

use super::runtime::NodeId;
use super::signal::Source;
use crate::app::App;
use crate::element::El;
use crate::style::{Style, TextContent, Visual};

pub(crate) type Binding = Box<dyn FnMut(&mut App, Entity)>;

/// The reactive parts of an [`El`]: bindings to run and nodes to own once it is spawned.
#[derive(Default)]
pub struct Reactive {
    pub(crate) bindings: Vec<Binding>,
    pub(crate) owns: Vec<NodeId>,
}

impl Reactive {
    pub(crate) fn is_empty(&self) -> bool {
        self.bindings.is_empty() && self.owns.is_empty()
    }
}

/// Called by `App` for each spawned element after its children: takes ownership of its nodes
/// and runs its bindings for the first time.
pub(crate) fn mount(app: &mut App, e: Entity, reactive: Reactive) {
    for node in reactive.owns {
        app.reactive.set_owner(node, e);
    }
    for mut binding in reactive.bindings {
        let id = app.reactive.new_effect(Box::new(move |app: &mut App| binding(app, e)), Some(e), false);
        super::run_effect(app, id, true);
    }
}

impl El {
    /// Runs `f(app, entity)` as an effect owned by this element once it is mounted: first at
    /// mount, then in the reactive phase whenever a signal or memo it read changed. The most
    /// general binding; the others are built on it.
    pub fn bind(mut self, f: impl FnMut(&mut App, Entity) + 'static) -> Self {
        self.reactive.bindings.push(Box::new(f));
        self
    }

    /// Makes the element dispose `node` (a signal or memo) when it is despawned: component-local
    /// state that does not outlive its component.
    pub fn owns(mut self, node: impl Into<NodeId>) -> Self {
        self.reactive.owns.push(node.into());
        self
    }

    /// The text is `f(app)`, kept up to date. Makes this a text element if it was not one.
    pub fn bind_text(self, f: impl Fn(&App) -> String + 'static) -> Self {
        let el = if self.text.is_none() { self.text("") } else { self };
        el.bind(move |app, e| {
            let s = f(app);
            app.set_text(e, s);
        })
    }

    /// The text follows `source` (a `Signal<String>` or `Memo<String>`).
    pub fn text_signal(self, source: impl Source<String>) -> Self {
        self.bind_text(move |app| source.read(app))
    }

    /// Shown while `f(app)` is true; hidden (taking no space) otherwise.
    pub fn bind_visible(self, f: impl Fn(&App) -> bool + 'static) -> Self {
        self.bind(move |app, e| {
            let hidden = !f(app);
            let current = app.world().get::<&Style>(e).map(|s| s.display_none).unwrap_or(hidden);
            if current != hidden {
                app.update_style(e, |s| s.display_none = hidden);
            }
        })
    }

    /// Shown while `source` (a `Signal<bool>` or `Memo<bool>`) is true.
    pub fn visible_when(self, source: impl Source<bool>) -> Self {
        self.bind_visible(move |app| source.read(app))
    }

    /// Edits the layout style from signals. Only a real change re-lays out.
    pub fn bind_style(self, f: impl Fn(&App, &mut Style) + 'static) -> Self {
        self.bind(move |app, e| {
            let Ok(old) = app.world().get::<&Style>(e).map(|s| (*s).clone()) else { return };
            let mut new = old.clone();
            f(app, &mut new);
            if new != old {
                app.set_style(e, new);
            }
        })
    }

    /// Edits the visual (colours, radii, opacity, transform) from signals. Only repaints.
    pub fn bind_visual(self, f: impl Fn(&App, &mut Visual) + 'static) -> Self {
        self.bind(move |app, e| {
            let old = app.world().get::<&Visual>(e).map(|v| (*v).clone()).ok();
            let mut new = old.clone().unwrap_or_default();
            f(app, &mut new);
            if old.as_ref() != Some(&new) {
                app.update_visual(e, |v| *v = new);
            }
        })
    }

    /// Edits the text content (colour, size, weight, the string) from signals. Re-lays out only
    /// when something that changes the shaped size changed.
    pub fn bind_text_content(self, f: impl Fn(&App, &mut TextContent) + 'static) -> Self {
        self.bind(move |app, e| {
            let Ok(old) = app.world().get::<&TextContent>(e).map(|t| (*t).clone()) else { return };
            let mut new = old.clone();
            f(app, &mut new);
            if new != old {
                app.update_text(e, |t| *t = new);
            }
        })
    }

    /// Takes the reactive parts out (the `App` mounts them after spawning).
    pub(crate) fn take_reactive(&mut self) -> Reactive {
        std::mem::take(&mut self.reactive)
    }
}
