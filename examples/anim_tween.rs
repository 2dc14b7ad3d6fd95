//! Tweens: six balls race along tracks, one per easing curve (linear, ease, ease-in, ease-out,
//! ease-in-out and a springy `cubic-bezier(.3, 1.5, .6, 1)`), bouncing back and forth forever
//! (repeat + yoyo). Below, three cards tween a colour, corner radii, and scale with a shadow.
//! Everything runs on the frame clock: the screenshot test renders the frame at 450 ms.
//!
//! Run it in the preview window: `cargo run --example anim_tween` (Escape closes).
//! Headless (first frame): `cargo run --example anim_tween -- --screenshot tween.png`.

use tenfoot::renderer::{Color, FontWeight, Point};
use tenfoot::toolkit::{Align, AnimProp, App, Easing, El, Shadow, Tween};
use tenfoot::widgets::{caption, column, container, row, text, Theme};

const TRACK: f32 = 1240.0;
const BALL: f32 = 56.0;
const PAD: f32 = 4.0;

/// The easings shown, with their labels.
fn easings() -> [(&'static str, Easing); 6] {
    [
        ("linear", Easing::Linear),
        ("ease", Easing::Ease),
        ("ease-in", Easing::EaseIn),
        ("ease-out", Easing::EaseOut),
        ("ease-in-out", Easing::EaseInOut),
        ("cubic-bezier(.3, 1.5, .6, 1)", Easing::CubicBezier(0.3, 1.5, 0.6, 1.0)),
    ]
}

fn track(i: usize, label: &str, theme: &Theme) -> El {
    row()
        .gap(40.0)
        .align_items(Align::Center)
        .child(text(label).width(420.0).font_size(28.0).color(theme.text_muted))
        .child(
            container()
                .size(TRACK, BALL + 2.0 * PAD)
                .padding(PAD)
                .radius((BALL + 2.0 * PAD) / 2.0)
                .background(theme.surface)
                .child(
                    container().name(format!("ball-{i}")).size(BALL, BALL).radius(BALL / 2.0).background(theme.accent),
                ),
        )
}

fn card(name: &str, label: &str, theme: &Theme) -> El {
    column()
        .gap(20.0)
        .align_items(Align::Center)
        .child(
            container()
                .name(name)
                .size(300.0, 160.0)
                .radius(theme.radius.medium)
                .background(Color::hex(0x3a6df0))
                .shadow(Shadow { y: 8.0, blur: 16.0, color: Color::rgba(0, 0, 0, 120), ..Shadow::NONE }),
        )
        .child(caption(label))
}

/// The tween screen (nothing animates until [`start`] runs).
pub fn screen() -> El {
    let theme = Theme::dark();
    column()
        .size(1920.0, 1080.0)
        .padding_xy(120.0, 64.0)
        .gap(30.0)
        .background(theme.background)
        .child(text("Tweens").font_size(64.0).weight(FontWeight::BOLD))
        .child(caption("1.2 s per leg, repeat forever with yoyo; one curve per track"))
        .child(
            column().gap(18.0).margin_edges(tenfoot::toolkit::Edges { top: 16.0, ..Default::default() }).children(
                easings().iter().enumerate().map(|(i, (label, _))| track(i, label, &theme)).collect::<Vec<_>>(),
            ),
        )
        .child(
            row()
                .gap(120.0)
                .margin_edges(tenfoot::toolkit::Edges { top: 36.0, ..Default::default() })
                .child(card("colour", "background-color", &theme))
                .child(card("radius", "border-radius", &theme))
                .child(card("lift", "scale + shadow", &theme)),
        )
}

/// Starts every tween; they begin at the next frame.
pub fn start(app: &mut App) {
    let leg = |e: Easing| Tween::ms(1200).ease(e).forever().yoyo();
    for (i, (_, easing)) in easings().iter().enumerate() {
        // An overshooting curve travels less, so its peak still ends inside the track.
        let peak = (0..=100).map(|k| easing.ease(k as f64 / 100.0)).fold(1.0, f64::max) as f32;
        let travel = (TRACK - BALL - 2.0 * PAD) / peak;
        if let Some(ball) = app.find(&format!("ball-{i}")) {
            app.animate(ball, AnimProp::Translate, Point::new(travel, 0.0), leg(*easing));
        }
    }
    let smooth = leg(Easing::EaseInOut);
    if let Some(c) = app.find("colour") {
        app.animate(c, AnimProp::BackgroundColor, Color::hex(0xe8b44a), smooth);
    }
    if let Some(r) = app.find("radius") {
        app.animate(r, AnimProp::Radii, 90.0, smooth);
    }
    if let Some(l) = app.find("lift") {
        app.animate(l, AnimProp::Scale, 1.12, smooth);
        app.animate(l, AnimProp::ShadowBlur, 48.0, smooth);
        app.animate(l, AnimProp::ShadowOffset, Point::new(0.0, 28.0), smooth);
    }
}

/// The tween app over the bundled assets, its tweens started.
pub fn app() -> App {
    let mut app = tenfoot::app(screen());
    start(&mut app);
    app
}

fn main() -> std::process::ExitCode {
    tenfoot::run(app())
}
