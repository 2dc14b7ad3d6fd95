//! The profile picker ("Who's watching?"): the app's first screen, at the bottom of the screen
//! stack. Profiles come from `catalog.profiles`; Select opens home for that profile (pushed, so
//! Back from home comes back here with the same profile focused).

use super::catalog::{AppReady, Profile};
use std::cell::Cell;
use std::rc::Rc;
use tenfoot_renderer::{Color, Corners, FontWeight, Point};

use tenfoot_toolkit::{tree, Align, App, El, FocusScope, Justify, Role};
use tenfoot_widgets::{caption, column, display, row, skeleton, skeleton_line, text, theme};

use super::data;
use super::ui::{avatar, page, parse_hex, tracked};

const AVATAR: f32 = 180.0;

/// Mounts the picker as the app's root screen and starts loading the profiles.
pub fn mount(app: &mut App) {
    // A Select pressed before the profiles arrive picks the first one once they do (remote
    // presses are not lost to a loading screen; key scripts may start at once).
    let pending = Rc::new(Cell::new(false));
    let p = pending.clone();
    let placeholder = move || placeholder(p.clone());
    let root = app.set_root(screen(placeholder()));
    let Some(slot) = tree::find_by_name(app.world(), root, "profile-list") else { return };
    data::fill(app, slot, placeholder, data::profiles, move |app, slot, profiles| {
        let cards: Vec<El> = profiles.iter().enumerate().map(|(i, p)| card(app, p, i == 0)).collect();
        app.mount(
            slot,
            row()
                .name("profile-row")
                .role(Role::List)
                .label("Profiles")
                .gap(56.0)
                .focus_scope(FocusScope::remembered().wrap(true, false))
                .children(cards),
        );
        if let (true, Some(first)) = (pending.replace(false), profiles.first()) {
            choose(app, first.clone());
        }
    });
}

fn screen(placeholder: El) -> El {
    page("profiles")
        .label("Who\u{2019}s watching?")
        .justify(Justify::Center)
        .align_items(Align::Center)
        .gap(72.0)
        .child(display("Who\u{2019}s watching?").name("heading"))
        .child(El::new().name("profile-list").height(AVATAR + 80.0).align_items(Align::Center).child(placeholder))
        .child(caption("Arrows move \u{b7} Enter selects \u{b7} Escape goes back").name("hint"))
}

/// Five skeleton profiles. The first holds focus while loading, so a Select pressed before
/// the profiles arrive is kept (`pending`) and picks the first profile once they do.
fn placeholder(pending: Rc<Cell<bool>>) -> El {
    row().gap(56.0).children((0..5).map(|i| {
        let mut c = column()
            .gap(24.0)
            .align_items(Align::Center)
            .child(skeleton(AVATAR, AVATAR).radius(AVATAR / 2.0))
            .child(skeleton_line(120.0, 26.0));
        if i == 0 {
            let pending = pending.clone();
            c = c
                .name("profile-loading")
                .label("Loading profiles")
                .busy(true)
                .focusable()
                .on_select(move |_| pending.set(true));
        }
        c
    }))
}

fn card(app: &mut App, p: &Profile, first: bool) -> El {
    let (el, f) = tracked(app, column());
    let initial: String = p.name.chars().take(1).collect();
    let ring = El::new()
        .name("ring")
        .size(AVATAR + 20.0, AVATAR + 20.0)
        .center()
        .transition("transform 140ms ease-out")
        .bind_visual(move |app, v| {
            let t = theme(app);
            let on = f.get(app);
            v.radii = Corners::all(AVATAR / 2.0 + 10.0);
            v.border = on.then_some((t.focus_ring_width + 1.0, t.focus_ring));
            v.scale = if on { Point::new(1.08, 1.08) } else { Point::new(1.0, 1.0) };
            v.shadow = on.then_some(tenfoot_toolkit::Shadow {
                y: 16.0,
                blur: 40.0,
                color: Color::rgba(0, 0, 0, 170),
                ..tenfoot_toolkit::Shadow::NONE
            });
        })
        .child(avatar(parse_hex(&p.avatar_color), &initial, AVATAR));
    let name = text(p.name.clone()).name("name").weight(FontWeight::SEMIBOLD).single_line().bind_text_content(
        move |app, c| {
            let t = theme(app);
            c.color = if f.get(app) { t.text } else { t.text_muted };
        },
    );
    let profile = p.clone();
    let mut el = el
        .name(format!("profile-{}", p.id))
        .label(p.name.clone())
        .gap(18.0)
        .align_items(Align::Center)
        .child(ring)
        .child(name)
        .on_select(move |ctx| {
            choose(ctx, profile.clone());
        });
    if first {
        el = el.initial_focus();
    }
    el
}

/// Remembers the profile, tells the host, and opens home.
fn choose(app: &mut App, profile: Profile) {
    let state = super::state(app);
    app.send(AppReady { profile: profile.id.clone() });
    state.profile.set(app, Some(profile));
    super::home::open(app);
}
