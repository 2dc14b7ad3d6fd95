//! Modal / Dialog: a download list whose "Remove" button opens a confirmation dialog. The
//! dialog fades and scales in over a scrim; focus is trapped in it (arrows cannot leave); Back
//! or Cancel closes it and focus returns to the button; Remove runs its action first.
//!
//! Run it: `cargo run --example modal`. Headless:
//! `cargo run --example modal -- --keys "Select" --advance 500ms --screenshot modal.png`.

use tenfoot::toolkit::{App, El};
use tenfoot::widgets::{button, caption, column, modal, open_modal, row, title, Widget};

/// The downloads screen; Select on "Remove" opens the dialog.
pub fn screen(app: &mut App) -> El {
    let removed = app.signal(false);
    let remove = button("Remove download").name("remove").on_select(move |ctx| {
        let dialog = modal("Remove this download?")
            .message(
                "\u{201c}The Lighthouse Keeper\u{201d} (2.1 GB) will be deleted from this device. \
                 You can download it again at any time.",
            )
            .primary_action("Remove", move |app| removed.set(app, true))
            .dismiss("Cancel");
        open_modal(ctx, dialog);
    });
    column()
        .name("downloads")
        .size(1920.0, 1080.0)
        .padding_xy(160.0, 120.0)
        .gap(24.0)
        .child(title("Downloads"))
        .child(caption("").bind_text(move |app| {
            if removed.get(app) {
                "No downloads".to_owned()
            } else {
                "The Lighthouse Keeper · 2.1 GB".to_owned()
            }
        }))
        .child(row().gap(24.0).child(button("Play").primary()).child(remove))
}

pub fn app() -> App {
    tenfoot::app_with(screen)
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
