//! Toast: a short message in a raised panel near the bottom of the screen, with a coloured
//! marker for its kind (info, success, error), that goes away on its own.
//!
//! [`Toasts`] is the queue (a signal of the visible toasts); [`toast_stack`] shows it, one
//! panel per toast, keyed by id so a new toast does not rebuild the others. Expiry runs on the
//! frame clock, and only while a toast is visible: an empty stack costs nothing per frame.

use std::time::Duration;

use tenfoot_renderer::{Color, Corners};
use tenfoot_toolkit::{Align, App, Direction, El, Insets, Shadow, Signal};

use crate::text::text;
use crate::theme::{themed, Theme};

/// What a toast is about; sets its marker colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ToastKind {
    #[default]
    Info,
    Success,
    Error,
}

/// One visible toast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub message: String,
    pub kind: ToastKind,
    /// Frame time after which it is removed.
    pub until: Duration,
}

/// The toast queue of an app: a handle (`Copy`) around a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Toasts {
    list: Signal<Vec<Toast>>,
    next: Signal<u64>,
}

impl Toasts {
    pub fn new(app: &mut App) -> Self {
        Self { list: app.signal(Vec::new()), next: app.signal(1) }
    }

    /// Shows `message` for `duration` from the current frame time; returns its id.
    pub fn show(self, app: &mut App, message: impl Into<String>, kind: ToastKind, duration: Duration) -> u64 {
        let id = self.next.get_untracked(app).unwrap_or(1);
        self.next.set(app, id + 1);
        let until = app.now() + duration;
        self.list.update(app, |l| l.push(Toast { id, message: message.into(), kind, until }));
        id
    }

    /// Removes toast `id` now.
    pub fn dismiss(self, app: &mut App, id: u64) {
        if self.list.try_with(app, |l| l.iter().any(|t| t.id == id)) == Some(true) {
            self.list.update(app, |l| l.retain(|t| t.id != id));
        }
    }

    /// The signal of visible toasts.
    pub fn signal(self) -> Signal<Vec<Toast>> {
        self.list
    }
}

/// The marker colour of `kind`.
pub fn toast_color(theme: &Theme, kind: ToastKind) -> Color {
    match kind {
        ToastKind::Info => theme.accent,
        ToastKind::Success => Color::hex(0x3fb96b),
        ToastKind::Error => theme.badge,
    }
}

/// One toast panel.
pub fn toast(message: impl Into<String>, kind: ToastKind) -> El {
    let panel = themed(
        El::new()
            .direction(Direction::Row)
            .align_items(Align::Center)
            .gap(20.0)
            .padding_xy(32.0, 22.0)
            .max_width(1100.0),
        |t, l| {
            l.visual.background = Some(t.surface_raised);
            l.visual.radii = Corners::all(t.radius.medium);
            l.visual.shadow = Some(Shadow { y: 12.0, blur: 36.0, color: Color::rgba(0, 0, 0, 150), ..Shadow::NONE });
        },
    );
    let marker = themed(El::new().name("marker").size(14.0, 14.0).shrink(0.0), move |t, l| {
        l.visual.background = Some(toast_color(t, kind));
        l.visual.radii = Corners::all(7.0);
    });
    // Toasts are live regions: an info toast is said when the reader is free, an error at once.
    let role =
        if matches!(kind, ToastKind::Error) { tenfoot_toolkit::Role::Alert } else { tenfoot_toolkit::Role::Status };
    panel.role(role).child(marker).child(text(message).max_lines(2).name("message"))
}

/// The visible toasts of `toasts`, stacked bottom-centre over their parent (mount it as the last
/// child of a full-screen container). Expired toasts are removed in the reactive phase.
pub fn toast_stack(toasts: Toasts) -> El {
    let list = toasts.signal();
    El::new()
        .name("toasts")
        .inset(Insets::AUTO.left(0.0).right(0.0).bottom(72.0))
        .direction(Direction::Column)
        .align_items(Align::Center)
        .gap(16.0)
        .for_each(list, |t: &Toast| t.id, |t| toast(t.message.clone(), t.kind).name(format!("toast-{}", t.id)))
        .bind(move |app, _| {
            // Read the clock only while something can expire, so an idle stack is free.
            let Some(next_expiry) = list.with(app, |l| l.iter().map(|t| t.until).min()) else { return };
            let now = app.clock();
            if now >= next_expiry {
                list.update(app, |l| l.retain(|t| t.until > now));
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenfoot_toolkit::tree;

    #[test]
    fn toasts_show_stack_and_expire_on_the_clock() {
        let mut app = App::headless();
        let toasts = Toasts::new(&mut app);
        app.set_root(El::new().size(1920.0, 1080.0).child(toast_stack(toasts)));
        let stack = app.find("toasts").unwrap();
        assert!(!app.is_animating(), "an empty stack does not need frames");
        toasts.show(&mut app, "Added to My List", ToastKind::Success, Duration::from_secs(3));
        app.frame(Duration::from_secs(1), &[]);
        let first = tree::children(app.world(), stack);
        assert_eq!(first.len(), 1);
        toasts.show(&mut app, "Download failed", ToastKind::Error, Duration::from_secs(3));
        app.frame(Duration::from_secs(2), &[]);
        let both = tree::children(app.world(), stack);
        assert_eq!((both.len(), both[0]), (2, first[0]), "the first toast kept its entity");
        let r = app.rect(both[1]).unwrap();
        assert!((r.center().x - 960.0).abs() < 1.0 && r.bottom() <= 1080.0 - 72.0, "{r:?}");
        assert!(app.is_animating(), "visible toasts watch the clock");
        app.frame(Duration::from_millis(3500), &[]);
        app.frame(Duration::from_millis(3516), &[]);
        assert_eq!(tree::children(app.world(), stack).len(), 1, "the first expired at 3 s");
        app.frame(Duration::from_secs(5), &[]);
        app.frame(Duration::from_millis(5016), &[]);
        assert!(tree::children(app.world(), stack).is_empty());
        assert!(!app.is_animating());
    }

    #[test]
    fn dismiss_removes_one() {
        let mut app = App::headless();
        let toasts = Toasts::new(&mut app);
        let a = toasts.show(&mut app, "a", ToastKind::Info, Duration::from_secs(9));
        let b = toasts.show(&mut app, "b", ToastKind::Info, Duration::from_secs(9));
        toasts.dismiss(&mut app, a);
        let ids: Vec<u64> = toasts.signal().get(&app).iter().map(|t| t.id).collect();
        assert_eq!(ids, vec![b]);
    }
}
