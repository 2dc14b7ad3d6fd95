//! Player: the video plane (a `VideoContent` element: on a device the platform's video shows
//! through it, under the controls; the CPU backend draws a labelled placeholder), transport controls (icons: seek back 10 s, play/pause, seek forward 10 s, subtitles) and a seek bar whose time labels
//! advance on the frame clock. PlayPause, Rewind and FastForward work from anywhere; Select
//! acts on the focused control. The controls fade out after three seconds without input; the
//! first key after that only brings them back (Back still leaves).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use super::catalog::{Episode, ResumePoint, TitleDetails};
use tenfoot_renderer::{Color, FontWeight, TextAlign};
use tenfoot_toolkit::t;
use tenfoot_toolkit::{
    pct, tree, Align, AnimProp, App, Easing, Edges, El, Entity, FocusScope, Handled, Insets, Justify, KeyEvent,
    RemoteKey, Signal, Tween, VideoContent, Widget,
};
use tenfoot_widgets::{button, caption, column, row, seek_bar_bound, text, title, Icon};

/// Controls hide after this long without a key.
pub const HIDE_AFTER: Duration = Duration::from_secs(3);
/// Rewind and fast-forward step.
pub const SKIP: Duration = Duration::from_secs(10);
/// How often the play head moves (the seek bar's labels show seconds).
const TICK: Duration = Duration::from_millis(250);
const TRAILER: Duration = Duration::from_secs(150);

/// The player's state, shared by its handlers (which see no `App`) and its task.
struct Player {
    position: Signal<Duration>,
    playing: Signal<bool>,
    duration: Duration,
    visible: Cell<bool>,
    last_input: Cell<Duration>,
    root: Cell<Option<Entity>>,
    /// What is playing, for continue watching (`None` for a trailer).
    watching: Option<Watching>,
}

/// The title and episode the player records progress for when it closes.
struct Watching {
    id: String,
    /// Season and episode numbers of the episode playing, and of the one after it.
    episode: Option<(u32, u32)>,
    next: Option<(u32, u32)>,
}

/// Watched this far (of the whole), an episode counts as seen and continue watching moves
/// on to the next one.
const SEEN: f32 = 0.95;

impl Player {
    fn find(&self, app: &App, name: &str) -> Option<Entity> {
        self.root.get().and_then(|r| tree::find_by_name(app.world(), r, name))
    }

    /// A key arrived: note the time and bring the controls back. Returns whether they were hidden.
    fn touch(&self, app: &mut App) -> bool {
        self.last_input.set(app.now());
        if self.visible.get() {
            return false;
        }
        self.visible.set(true);
        if let Some(c) = self.find(app, "controls") {
            app.animate(c, AnimProp::Opacity, 1.0f32, Tween::ms(200).ease(Easing::EaseOut));
        }
        true
    }

    fn hide(&self, app: &mut App) {
        self.visible.set(false);
        if let Some(c) = self.find(app, "controls") {
            app.animate(c, AnimProp::Opacity, 0.0f32, Tween::ms(500).ease(Easing::EaseInOut));
        }
    }

    /// Tells continue watching where the profile stopped (the player is closing or ended).
    fn record(&self, app: &mut App) {
        let Some(w) = &self.watching else { return };
        let at = self.position.get_untracked(app).unwrap_or_default();
        let progress = if self.duration.is_zero() { 1.0 } else { at.as_secs_f32() / self.duration.as_secs_f32() };
        let (episode, progress) = match (progress >= SEEN, w.next) {
            (true, Some(next)) => (Some(next), 0.0),
            _ => (w.episode, progress.clamp(0.0, 1.0)),
        };
        let point =
            ResumePoint { id: w.id.clone(), season: episode.map(|e| e.0), episode: episode.map(|e| e.1), progress };
        super::state(app).watched(app, point);
    }

    fn toggle(&self, app: &mut App) {
        let playing = !self.playing.get(app);
        self.playing.set(app, playing);
    }

    fn skip(&self, app: &mut App, forward: bool) {
        let p = self.position.get(app);
        let next = if forward { (p + SKIP).min(self.duration) } else { p.saturating_sub(SKIP) };
        self.position.set(app, next);
    }

    /// One tick of the frame clock: advance the play head, hide idle controls.
    fn tick(&self, app: &mut App, dt: Duration) {
        if self.playing.get_untracked(app).unwrap_or(false) {
            let p = self.position.get_untracked(app).unwrap_or_default();
            let next = (p + dt).min(self.duration);
            self.position.set_if_changed(app, next);
            if next >= self.duration {
                self.playing.set(app, false);
                self.record(app);
            }
        }
        if self.visible.get() && app.now().saturating_sub(self.last_input.get()) >= HIDE_AFTER {
            self.hide(app);
        }
    }
}

/// Pushes the player for `t` (an `episode` of it, or its trailer) from the start.
pub fn open(app: &mut App, t: &TitleDetails, episode: Option<&Episode>, trailer: bool) {
    start(app, t, episode, trailer, 0.0);
}

/// Pushes the player for `t` (an `episode` of it) from `progress` (0..=1) of the way in:
/// Resume.
pub fn open_at(app: &mut App, t: &TitleDetails, episode: Option<&Episode>, progress: f32) {
    start(app, t, episode, false, progress);
}

/// A season number and an episode number.
type EpisodeAt = (u32, u32);

/// The episode's season number and the episode after it (the next season's first after a
/// season's last).
fn place(t: &TitleDetails, e: &Episode) -> Option<(EpisodeAt, Option<EpisodeAt>)> {
    let si = t.seasons.iter().position(|s| s.episodes.contains(e))?;
    let season = t.seasons.get(si)?;
    let ei = season.episodes.iter().position(|x| x == e)?;
    let next = match season.episodes.get(ei + 1) {
        Some(n) => Some((season.number, n.number)),
        None => t.seasons.get(si + 1).and_then(|s| s.episodes.first().map(|n| (s.number, n.number))),
    };
    Some(((season.number, e.number), next))
}

fn start(app: &mut App, t: &TitleDetails, episode: Option<&Episode>, trailer: bool, progress: f32) {
    let minutes = episode.map(|e| e.runtime_min).or(t.runtime_min).unwrap_or(45);
    let duration = if trailer { TRAILER } else { Duration::from_secs(u64::from(minutes) * 60) };
    let subtitle = match (trailer, episode) {
        (true, _) => t!(app, "player-trailer"),
        (false, Some(e)) if !t.seasons.is_empty() => {
            let season = t.seasons.iter().find(|s| s.episodes.contains(e)).map(|s| s.number).unwrap_or(1);
            format!("{} \u{b7} {}", t!(app, "episode-code", season = season, episode = e.number), e.title)
        }
        _ => t.meta_line(app),
    };
    let place = episode.and_then(|e| place(t, e));
    let watching =
        (!trailer).then(|| Watching { id: t.id.clone(), episode: place.map(|p| p.0), next: place.and_then(|p| p.1) });
    let from = if progress.is_finite() { duration.mul_f32(progress.clamp(0.0, 1.0)) } else { Duration::ZERO };
    let position = app.signal(from);
    let playing = app.signal(true);
    let p = Rc::new(Player {
        position,
        playing,
        duration,
        visible: Cell::new(true),
        last_input: Cell::new(app.now()),
        root: Cell::new(None),
        watching,
    });
    let subtitles = super::state(app).subtitles;
    let el = screen(app, &p, t, &subtitle, subtitles).owns(position).owns(playing);
    let root = app.push_screen(el);
    p.root.set(Some(root));
    let p2 = p.clone();
    app.spawn_owned_with(root, move |cx| async move {
        let mut tick = cx.interval(TICK);
        let mut last = cx.now();
        loop {
            tick.tick().await;
            let now = cx.now();
            let dt = now.saturating_sub(last);
            last = now;
            let p = p2.clone();
            cx.update(move |app| p.tick(app, dt));
        }
    });
}

fn screen(app: &App, p: &Rc<Player>, t: &TitleDetails, subtitle: &str, subtitles: Signal<bool>) -> El {
    let keys = p.clone();
    El::new()
        .name("player")
        .size(1920.0, 1080.0)
        .background(Color::BLACK)
        .clip()
        .on_key(move |ctx, ev| on_key(ctx, &keys, ev))
        .child(El::new().name("video").with(VideoContent::new(t.title.clone())).inset(Insets::fill(0.0)))
        .child(controls(app, p, &t.title, subtitle, subtitles))
        // After the controls: the line is drawn over their scrim, white, not dimmed by it.
        .child(subtitle_line(app, subtitles))
}

/// Keys anywhere on the player: bring hidden controls back, and the media keys.
fn on_key(ctx: &mut tenfoot_toolkit::EventCtx<'_>, p: &Rc<Player>, ev: &KeyEvent) -> Handled {
    if !ev.is_activation() {
        return Handled::No;
    }
    let hidden = !p.visible.get();
    let media = matches!(ev.key, RemoteKey::PlayPause | RemoteKey::Rewind | RemoteKey::FastForward);
    p.touch(ctx);
    match ev.key {
        RemoteKey::PlayPause => p.toggle(ctx),
        RemoteKey::Rewind => p.skip(ctx, false),
        RemoteKey::FastForward => p.skip(ctx, true),
        _ => {}
    }
    match ev.key {
        // Back leaves the player even when the controls are hidden; continue watching keeps
        // where it stopped.
        RemoteKey::Back => {
            p.record(ctx);
            Handled::No
        }
        _ if media || hidden => Handled::Yes,
        _ => Handled::No,
    }
}

/// A subtitle line over the picture while subtitles are on (Settings).
fn subtitle_line(app: &App, on: Signal<bool>) -> El {
    row()
        .name("subtitles")
        // Across the bottom, above the controls (left and right pinned, so the row spans the
        // screen and centres its line; it was pinned top and bottom, a box down from the top).
        .inset(Insets::AUTO.left(0.0).right(0.0).bottom(330.0))
        .justify(Justify::Center)
        .visible_when(on)
        .child(
            El::new().padding_xy(20.0, 8.0).radius(8.0).background(Color::rgba(0, 0, 0, 170)).child(
                El::new()
                    .text(t!(app, "player-subtitle-sample"))
                    .font_size(36.0)
                    .color(Color::WHITE)
                    .text_align(TextAlign::Center)
                    .single_line(),
            ),
        )
}

/// A transport control: an icon (with the seconds for the skips), named for readers.
fn control(p: &Rc<Player>, name: &str, icon: Icon, words: &str, spoken: &str, act: fn(&Player, &mut App)) -> El {
    let p = p.clone();
    button(words).icon(icon).name(name).label(spoken.to_owned()).on_select(move |ctx| {
        // While hidden, the first Select only brings the controls back.
        if !p.touch(ctx) {
            act(&p, ctx);
        }
    })
}

/// The words beside the subtitles icon.
fn captions_state(app: &App, on: bool) -> String {
    if on {
        t!(app, "player-subtitles-on")
    } else {
        t!(app, "player-subtitles-off")
    }
}

fn controls(app: &App, p: &Rc<Player>, name: &str, subtitle: &str, subtitles: Signal<bool>) -> El {
    let playing = p.playing;
    let (pause, resume) = (t!(app, "player-pause"), t!(app, "player-play"));
    let play = control(p, "ctl-play", Icon::Pause, "", &pause, Player::toggle).initial_focus().bind(move |app, e| {
        let on = playing.get(app);
        let (glyph, spoken) = if on { (Icon::Pause, pause.as_str()) } else { (Icon::Play, resume.as_str()) };
        super::ui::set_button_icon(app, e, glyph);
        app.update_semantics(e, |s| s.label = Some(spoken.to_owned()));
    });
    let rewind = control(p, "ctl-rewind", Icon::Replay, "10", &t!(app, "player-back-10"), |p, app| p.skip(app, false));
    let forward =
        control(p, "ctl-forward", Icon::Forward, "10", &t!(app, "player-forward-10"), |p, app| p.skip(app, true));
    let shared = p.clone();
    // The state is on the button, not only in the picture: "On" or "Off" beside the icon
    // (readers hear the toggle's checked state).
    let captions = button(captions_state(app, false))
        .icon(Icon::Captions)
        .name("ctl-captions")
        .label(t!(app, "player-subtitles"))
        .role(tenfoot_toolkit::Role::Toggle)
        .bind(move |app, b| {
            let state = captions_state(app, subtitles.get(app));
            super::ui::set_button_text(app, b, &state);
        })
        .bind_semantics(move |app, s| s.checked = Some(subtitles.get(app)))
        .on_select(move |ctx| {
            if !shared.touch(ctx) {
                subtitles.update(ctx, |on| *on = !*on);
            }
        });
    column()
        .name("controls")
        .inset(Insets::fill(0.0))
        .justify(Justify::SpaceBetween)
        .child(
            column()
                .name("top")
                .padding_edges(Edges { left: 120.0, right: 120.0, top: 64.0, bottom: 120.0 })
                .gradient(180.0, &[(0.0, Color::rgba(0, 0, 0, 190)), (1.0, Color::rgba(0, 0, 0, 0))])
                .child(
                    caption(t!(app, "player-back")).weight(FontWeight::SEMIBOLD).color(Color::rgba(255, 255, 255, 200)),
                ),
        )
        .child(
            column()
                .name("bottom")
                .gap(28.0)
                .padding_edges(Edges { left: 120.0, right: 120.0, top: 160.0, bottom: 72.0 })
                .gradient(
                    180.0,
                    &[
                        (0.0, Color::rgba(0, 0, 0, 0)),
                        (0.55, Color::rgba(0, 0, 0, 200)),
                        (1.0, Color::rgba(0, 0, 0, 235)),
                    ],
                )
                .child(
                    column()
                        .gap(6.0)
                        .child(title(name.to_owned()).name("now-playing").color(Color::WHITE).single_line())
                        .child(
                            text(subtitle.to_owned())
                                .name("now-subtitle")
                                .color(Color::rgba(255, 255, 255, 190))
                                .single_line(),
                        ),
                )
                .child(seek_bar_bound(p.position, p.duration).name("seek").bind(|app, seek| {
                    // Video is dark in every theme: the times keep the dark theme's text colour
                    // (the light theme's dark text was 1.2:1 on the scrim; the accessibility
                    // lint found it). The player cannot be open while the theme changes.
                    let light = tenfoot_widgets::Theme::dark().text;
                    for name in ["elapsed", "total"] {
                        if let Some(t) = tree::find_by_name(app.world(), seek, name) {
                            app.update_text(t, |c| c.color = light);
                        }
                    }
                }))
                .child(
                    row()
                        .name("transport")
                        .width(pct(100.0))
                        .justify(Justify::Center)
                        .align_items(Align::Center)
                        .gap(24.0)
                        .focus_scope(FocusScope::remembered())
                        .child(rewind)
                        .child(play)
                        .child(forward)
                        .child(captions),
                ),
        )
}
