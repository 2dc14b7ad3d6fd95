//! The profile picker ("Who's watching?"): the app's first screen, at the bottom of the screen
//! stack. Profiles come from `catalog.profiles`; Select opens home for that profile (pushed, so
//! Back from home comes back here with the same profile focused).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::catalog::{AppReady, Profile};
use tenfoot_renderer::{Color, Corners, FontWeight, Transform};

use tenfoot_toolkit::t;
use tenfoot_toolkit::tasks::OnMount;
use tenfoot_toolkit::{Align, App, El, FocusScope, FocusStyle, Justify, Role, Shadow, Visual};
use tenfoot_widgets::{caption, column, deferred_with, display, row, skeleton, skeleton_line, text, themed};

use super::data;
use super::ui::{avatar, page, parse_hex};

const AVATAR: f32 = 180.0;

/// Mounts the picker as the app's root screen and starts loading the profiles.
pub fn mount(app: &mut App) {
    // A Select pressed before the profiles arrive picks the first one once they do (remote
    // presses are not lost to a loading screen; key scripts may start at once).
    let pending = Arc::new(AtomicBool::new(false));
    let p = pending.clone();
    let loading = t!(app, "profiles-loading");
    let list = deferred_with(
        data::profiles,
        move || placeholder(p.clone(), &loading),
        move |app: &mut App, profiles| view(app, profiles, pending.clone()),
    )
    .name("profile-list")
    .height(AVATAR + 80.0)
    .align_items(Align::Center);
    let screen = screen(app, list);
    app.set_root(screen);
}

fn view(app: &App, profiles: Vec<Profile>, pending: Arc<AtomicBool>) -> El {
    let first = profiles.first().cloned();
    let cards: Vec<El> = profiles.iter().enumerate().map(|(i, p)| card(p, i == 0)).collect();
    row()
        .name("profile-row")
        .role(Role::List)
        .label(t!(app, "profiles-label"))
        .gap(56.0)
        .focus_scope(FocusScope::remembered().wrap(true, false))
        .children(cards)
        .with(OnMount::new(move |app: &mut App, _| {
            if let (true, Some(first)) = (pending.swap(false, Ordering::SeqCst), first) {
                choose(app, first);
            }
        }))
}

fn screen(app: &App, list: El) -> El {
    page("profiles")
        .label(t!(app, "profiles-heading"))
        .justify(Justify::Center)
        .align_items(Align::Center)
        .gap(72.0)
        .child(display(t!(app, "profiles-heading")).name("heading"))
        .child(list)
        .child(caption(t!(app, "profiles-hint")).name("hint"))
}

/// Five skeleton profiles. The first holds focus while loading, so a Select pressed before
/// the profiles arrive is kept (`pending`) and picks the first profile once they do.
fn placeholder(pending: Arc<AtomicBool>, loading: &str) -> El {
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
                .label(loading)
                .busy(true)
                .focusable()
                .on_select(move |_| pending.store(true, Ordering::SeqCst));
        }
        c
    }))
}

fn card(p: &Profile, first: bool) -> El {
    let initial: String = p.name.chars().take(1).collect();
    let ring = themed(El::new().name("ring").size(AVATAR + 20.0, AVATAR + 20.0).center(), |t, l| {
        let rest = Visual { radii: Corners::all(AVATAR / 2.0 + 10.0), ..Visual::default() };
        l.focus = Some(FocusStyle {
            visual: Some(Visual {
                border: Some((t.focus_ring_width + 1.0, t.focus_ring)),
                transform: Transform::scale(1.08, 1.08),
                shadow: Some(Shadow { y: 16.0, blur: 40.0, color: Color::rgba(0, 0, 0, 170), ..Shadow::NONE }),
                ..rest.clone()
            }),
            text_color: None,
        });
        l.visual = rest;
    })
    .transition("transform 140ms ease-out")
    .child(avatar(parse_hex(&p.avatar_color), &initial, AVATAR));
    let name = themed(text(p.name.clone()).name("name").weight(FontWeight::SEMIBOLD).single_line(), |t, l| {
        if let Some(c) = &mut l.text {
            c.color = t.text_muted;
        }
        l.focus = Some(FocusStyle { visual: None, text_color: Some(t.text) });
    });
    let profile = p.clone();
    let mut el = column()
        .focusable()
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
