//! Modal / Dialog: a scrim over the screen and a centred panel with a title, a message and a
//! row of action buttons. The panel is a focus trap: arrows never leave it, focus enters it
//! when it opens and returns to where it was when it closes. Back closes it, and so does any
//! action (after running the action's callback). It fades and scales in, and out.
//!
//! Open one with [`open_modal`] (it mounts over the top screen); close it with
//! [`close_modal`], or let Back or an action do it.

use std::rc::Rc;

use tenfoot_renderer::{Color, Corners};
use tenfoot_toolkit::{
    tree, App, Direction, El, Entity, EventCtx, FocusScope, Handled, Insets, KeyPhase, Motion, RemoteKey, Shadow,
    Tween, Widget,
};

use crate::button::button;
use crate::container::row;
use crate::text::{text, title};
use crate::theme::themed;

/// Marks a modal's root (the scrim).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modal {
    pub title: String,
}

type Action = Rc<dyn Fn(&mut EventCtx<'_>)>;

/// Builder for a modal dialog.
pub struct ModalBuilder {
    title: String,
    message: Option<String>,
    actions: Vec<(String, bool, Option<Action>)>,
    width: f32,
    name: Option<String>,
    initial_action: Option<usize>,
}

impl std::fmt::Debug for ModalBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModalBuilder").field("title", &self.title).finish_non_exhaustive()
    }
}

/// A dialog titled `title`.
pub fn modal(title: impl Into<String>) -> ModalBuilder {
    ModalBuilder {
        title: title.into(),
        message: None,
        actions: Vec::new(),
        width: 880.0,
        name: None,
        initial_action: None,
    }
}

impl ModalBuilder {
    /// The body text (wraps).
    pub fn message(mut self, m: impl Into<String>) -> Self {
        self.message = Some(m.into());
        self
    }
    /// A button that runs `f` and closes the dialog.
    pub fn action(mut self, label: impl Into<String>, f: impl Fn(&mut EventCtx<'_>) + 'static) -> Self {
        self.actions.push((label.into(), false, Some(Rc::new(f))));
        self
    }
    /// An accent-coloured button that runs `f` and closes the dialog. Focus starts on the
    /// first action unless [`initial_action`](Self::initial_action) names another.
    pub fn primary_action(mut self, label: impl Into<String>, f: impl Fn(&mut EventCtx<'_>) + 'static) -> Self {
        self.actions.push((label.into(), true, Some(Rc::new(f))));
        self
    }
    /// A button that only closes the dialog.
    pub fn dismiss(mut self, label: impl Into<String>) -> Self {
        self.actions.push((label.into(), false, None));
        self
    }
    /// Focus starts on the action at `index` (in the order they were added) when the dialog
    /// opens: a destructive dialog starts on its safe choice.
    pub fn initial_action(mut self, index: usize) -> Self {
        self.initial_action = Some(index);
        self
    }
    /// Panel width in logical px (default 880).
    pub fn width(mut self, w: f32) -> Self {
        self.width = w;
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// The modal enclosing `e` (`e` itself or an ancestor).
fn modal_of(app: &App, e: Entity) -> Option<Entity> {
    std::iter::once(e).chain(tree::ancestors(app.world(), e)).find(|a| app.world().get::<&Modal>(*a).is_ok())
}

/// Closes the modal `e` belongs to (plays its exit motion; focus returns where it was).
pub fn close_modal(app: &mut App, e: Entity) {
    if let Some(m) = modal_of(app, e) {
        if !app.is_exiting(m) {
            app.despawn(m);
        }
    }
}

/// Mounts `modal` over the top screen and returns its root. Focus moves into it in the next
/// frame's focus phase.
pub fn open_modal(app: &mut App, modal: impl Into<El>) -> Entity {
    let screen = app.screen_root();
    app.mount(screen, modal)
}

fn timing(ms: u64) -> Tween {
    Tween::ms(ms).ease(tenfoot_toolkit::Easing::EaseOut)
}

impl From<ModalBuilder> for El {
    fn from(b: ModalBuilder) -> El {
        let mut actions =
            row().name("actions").gap(24.0).margin_edges(tenfoot_toolkit::Edges { top: 16.0, ..Default::default() });
        for (i, (label, primary, f)) in b.actions.into_iter().enumerate() {
            let mut bb = button(label.clone()).name(format!("action-{i}"));
            if primary {
                bb = bb.primary();
            }
            if b.initial_action == Some(i) {
                bb = bb.initial_focus();
            }
            let el = bb.on_select(move |ctx| {
                if let Some(f) = &f {
                    f(ctx);
                }
                let target = ctx.target();
                close_modal(ctx, target);
            });
            actions = actions.child(el);
        }
        let mut panel = themed(
            El::new()
                .name("panel")
                .direction(Direction::Column)
                .width(b.width)
                .gap(20.0)
                .padding_xy(56.0, 48.0)
                .enter(Motion::fade().opacity(0.01).scale(0.92).timing(timing(220)))
                .exit(Motion::fade().scale(0.96).timing(timing(160))),
            |t, l| {
                l.visual.background = Some(t.surface_raised);
                l.visual.radii = Corners::all(t.radius.large);
                l.visual.shadow =
                    Some(Shadow { y: 24.0, blur: 64.0, color: Color::rgba(0, 0, 0, 200), ..Shadow::NONE });
            },
        )
        .focus_scope(FocusScope::trap())
        .role(tenfoot_toolkit::Role::Dialog)
        .label(b.title.clone())
        .child(title(b.title.clone()).name("title"));
        if let Some(m) = b.message {
            panel = panel.child(text(m).name("message"));
        }
        panel = panel.child(actions);
        themed(
            El::new()
                .name(b.name.unwrap_or_else(|| "modal".to_owned()))
                .inset(Insets::fill(0.0))
                .center()
                // Fades in from just above 0, not 0: focus ignores fully transparent subtrees,
                // and the trap must be seen in the frame the dialog opens.
                .enter(Motion::fade().opacity(0.01).timing(timing(220)))
                .exit(Motion::fade().timing(timing(180))),
            |t, l| l.visual.background = Some(t.scrim.with_opacity(0.82)),
        )
        .with(Modal { title: b.title })
        .on_key(|ctx, ev| {
            if ev.key != RemoteKey::Back {
                return Handled::No;
            }
            if ev.phase == KeyPhase::Press {
                let target = ctx.target();
                close_modal(ctx, target);
            }
            Handled::Yes
        })
        .child(panel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::column;
    use std::time::Duration;

    fn screen() -> El {
        column().size(1920.0, 1080.0).child(button("Delete").name("delete")).child(button("Other").name("other"))
    }

    fn dialog(deleted: tenfoot_toolkit::Signal<bool>) -> ModalBuilder {
        modal("Delete download?")
            .message("The episode will be removed from this device.")
            .primary_action("Delete", move |app| deleted.set(app, true))
            .dismiss("Cancel")
    }

    #[test]
    fn traps_focus_closes_on_back_and_returns_focus() {
        let mut app = App::headless();
        let deleted = app.signal(false);
        app.set_root(screen());
        app.frame(Duration::ZERO, &[]);
        app.press_keys("Down").unwrap();
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/other"));
        open_modal(&mut app, dialog(deleted));
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/modal/panel/actions/action-0"), "starts on the first");
        app.press_keys("Right Right Up Up Down").unwrap();
        assert_eq!(app.focus_path().as_deref(), Some("root/modal/panel/actions/action-1"), "trapped");
        app.press_keys("Back").unwrap();
        // The exit motion ends in this frame, and focus is back in the same frame.
        app.frame(Duration::from_secs(1), &[]);
        assert!(app.find("modal").is_none(), "closed after its exit motion");
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/other"), "focus returned");
        assert!(!deleted.get(&app));
    }

    #[test]
    fn focus_starts_on_the_initial_action() {
        let mut app = App::headless();
        let deleted = app.signal(false);
        app.set_root(screen());
        app.frame(Duration::ZERO, &[]);
        open_modal(&mut app, dialog(deleted).initial_action(1));
        app.frame(Duration::from_millis(16), &[]);
        assert_eq!(app.focus_path().as_deref(), Some("root/modal/panel/actions/action-1"), "on Cancel");
        app.press_keys("Select").unwrap();
        assert!(!deleted.get(&app), "Select on the safe choice deletes nothing");
    }

    #[test]
    fn an_action_runs_then_closes() {
        let mut app = App::headless();
        let deleted = app.signal(false);
        app.set_root(screen());
        app.frame(Duration::ZERO, &[]);
        open_modal(&mut app, dialog(deleted));
        app.frame(Duration::from_millis(16), &[]);
        app.press_keys("Select").unwrap();
        assert!(deleted.get(&app));
        // The exit motion ends in this frame, and focus is back in the same frame.
        app.frame(Duration::from_secs(1), &[]);
        assert!(app.find("modal").is_none());
        assert_eq!(app.focus_path().as_deref(), Some("root/#0/delete"));
    }
}
