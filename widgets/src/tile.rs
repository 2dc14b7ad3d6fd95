//! Tile: a poster card. A rounded poster image with an optional badge ("NEW", "4K") in its
//! top-left corner and a watch-progress bar along its bottom, and the title under it.
//!
//! The focused look scales the poster up by the theme's `focus_scale`, draws the focus ring and
//! a deeper shadow, and brightens the title. It is shown while the tile's focus owner (the
//! rail or grid item slot, or whatever focusable holds the tile) has focus: poster, ring and
//! title each carry a [`FocusStyle`], so a `transition` on them animates it. A showcase draws
//! it permanently with [`TileBuilder::focused`]. Everything follows the app's theme.

use tenfoot_renderer::{Color, Corners, FontWeight, Transform};
use tenfoot_toolkit::{pct, tree, App, El, Entity, FocusStyle, Focusable, Insets, Role, Shadow, Source, Visual};

use crate::image::image;
use crate::progress_bar::{progress_bar, progress_bar_bound};
use crate::text::{caption, text};
use crate::theme::{theme, themed, Theme};

/// Marks a tile's root element and remembers its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tile {
    pub title: String,
}

/// Builder for a poster tile.
pub struct TileBuilder {
    poster: String,
    title: String,
    width: f32,
    progress: Option<f32>,
    /// A progress that changes (continue watching after the player closes).
    progress_src: Option<Box<dyn Source<f32>>>,
    badge: Option<String>,
    static_focus: bool,
    name: Option<String>,
    meta: Option<String>,
}

impl std::fmt::Debug for TileBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileBuilder").field("title", &self.title).field("poster", &self.poster).finish_non_exhaustive()
    }
}

/// A poster tile showing the image at `poster` (2:3) and `title`.
pub fn tile(poster: impl Into<String>, title: impl Into<String>) -> TileBuilder {
    TileBuilder {
        poster: poster.into(),
        title: title.into(),
        width: 240.0,
        progress: None,
        progress_src: None,
        badge: None,
        static_focus: false,
        name: None,
        meta: None,
    }
}

impl TileBuilder {
    /// Poster width in logical px (height is 1.5 times it). Default 240.
    pub fn width(mut self, w: f32) -> Self {
        self.width = w;
        self
    }
    /// Watch progress, 0..=1, drawn as a bar along the poster's bottom.
    pub fn progress(mut self, p: f32) -> Self {
        self.progress = Some(p);
        self
    }
    /// Watch progress following `progress` (a signal, memo or closure over `&App`, 0..=1):
    /// the bar and what a reader says change with it.
    pub fn progress_when(mut self, progress: impl Source<f32>) -> Self {
        self.progress_src = Some(Box::new(progress));
        self
    }
    /// A short label in the top-left corner.
    pub fn badge(mut self, label: impl Into<String>) -> Self {
        self.badge = Some(label.into());
        self
    }
    /// Draws the focused look at rest too (a showcase of the look; focus is what shows it
    /// otherwise).
    pub fn focused(mut self, focused: bool) -> Self {
        self.static_focus = focused;
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// The meta line a screen reader says after the title ("Season 2 Episode 2", "2024, Drama").
    pub fn meta(mut self, meta: impl Into<String>) -> Self {
        self.meta = Some(meta.into());
        self
    }
}

/// The poster box in the focused or resting look (the ring is a separate child, see
/// [`tile_ring_visual`], so that it is drawn over the picture and outside its edge).
pub fn tile_poster_visual(theme: &Theme, focused: bool) -> Visual {
    let mut v = Visual { radii: Corners::all(theme.radius.medium), ..Visual::default() };
    if focused {
        v.transform = Transform::scale(theme.focus_scale, theme.focus_scale);
        v.shadow = Some(Shadow { y: 18.0, blur: 40.0, color: Color::rgba(0, 0, 0, 200), ..Shadow::NONE });
    } else {
        v.shadow = Some(Shadow { y: 8.0, blur: 24.0, color: Color::rgba(0, 0, 0, 120), ..Shadow::NONE });
    }
    v
}

/// Gap between the poster's edge and the focus ring, in logical px.
const RING_GAP: f32 = 4.0;

/// The focus ring around the poster: transparent when resting.
pub fn tile_ring_visual(theme: &Theme, focused: bool) -> Visual {
    let out = RING_GAP + theme.focus_ring_width;
    Visual {
        radii: Corners::all(theme.radius.medium + out),
        border: focused.then_some((theme.focus_ring_width, theme.focus_ring)),
        ..Visual::default()
    }
}

impl From<TileBuilder> for El {
    fn from(b: TileBuilder) -> El {
        let dark = Theme::dark();
        let at_rest = b.static_focus;
        let ring_out = RING_GAP + dark.focus_ring_width;
        let ring = El::new().name("ring").inset(Insets::fill(-ring_out)).bind_style(move |app, s| {
            let out = RING_GAP + theme(app).focus_ring_width;
            s.inset = [Some(tenfoot_toolkit::px(-out)); 4];
        });
        let ring = themed(ring, move |t, l| {
            l.visual = tile_ring_visual(t, at_rest);
            l.focus = Some(FocusStyle { visual: Some(tile_ring_visual(t, true)), text_color: None });
        });
        // The picture is the poster element's own image, so its children (badge, progress,
        // ring) draw over it.
        let poster = image(b.poster).name("poster").size(b.width, b.width * 1.5);
        let mut poster = themed(poster, move |t, l| {
            l.visual = tile_poster_visual(t, at_rest);
            l.focus = Some(FocusStyle { visual: Some(tile_poster_visual(t, true)), text_color: None });
        })
        .child(ring);
        if let Some(label) = b.badge {
            let badge = themed(El::new().inset(Insets::AUTO.left(12.0).top(12.0)).padding_xy(10.0, 4.0), |t, l| {
                l.visual.background = Some(t.badge);
                l.visual.radii = Corners::all(6.0);
            })
            .name("badge")
            .child(
                themed(caption(label).weight(FontWeight::BOLD), |t, l| {
                    if let Some(c) = &mut l.text {
                        c.color = t.on_badge;
                    }
                })
                .single_line(),
            );
            poster = poster.child(badge);
        }
        let progress_src: Option<std::rc::Rc<dyn Source<f32>>> = b.progress_src.map(std::rc::Rc::from);
        let bar = match (&progress_src, b.progress) {
            (Some(src), _) => {
                let src = src.clone();
                Some(progress_bar_bound(move |app: &App| src.read(app)))
            }
            (None, Some(p)) => Some(progress_bar(p)),
            (None, None) => None,
        };
        if let Some(bar) = bar {
            poster =
                poster.child(bar.name("progress").height(6.0).inset(Insets::AUTO.left(12.0).right(12.0).bottom(12.0)));
        }
        // Two lines before an ellipsis: most titles fit whole, and a rail's posters stay
        // aligned at the top whatever their titles' lengths.
        let title = text(b.title.clone()).name("title").max_lines(2).width(pct(100.0));
        let title = themed(title, move |t, l| {
            if let Some(c) = &mut l.text {
                c.color = if at_rest { t.text } else { t.text_muted };
            }
            l.focus = Some(FocusStyle { visual: None, text_color: Some(t.text) });
        });
        // Read as one thing: "title, meta, 40 % watched" (the poster is the title's picture).
        let mut el = El::new().role(Role::Tile).label(b.title.clone());
        if let Some(m) = b.meta {
            el = el.description(m);
        }
        let watched = |p: f32| format!("{} % watched", (p.clamp(0.0, 1.0) * 100.0).round());
        match (progress_src, b.progress) {
            (Some(src), _) => {
                el = el.bind(move |app, e| {
                    let value = Some(watched(src.read(app)));
                    let holder = semantics_holder(app, e);
                    app.update_semantics(holder, |s| s.value = value);
                })
            }
            (None, Some(p)) => el = el.value(watched(p)),
            (None, None) => {}
        }
        let mut el = el.width(b.width).gap(28.0).with(Tile { title: b.title }).child(poster).child(title);
        if let Some(n) = b.name {
            el = el.name(n);
        }
        el
    }
}

/// Where the tile `e`'s semantics are: on the focusable that holds it (the tile itself, or a
/// rail or grid slot, which takes its item's semantics over because it is what takes focus and
/// so what readers name), else on the tile.
fn semantics_holder(app: &App, e: Entity) -> Entity {
    let world = app.world();
    std::iter::once(e).chain(tree::ancestors(world, e)).find(|a| world.get::<&Focusable>(*a).is_ok()).unwrap_or(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::row;
    use std::time::Duration;
    use tenfoot_toolkit::{tree, App, TextContent};

    fn child(app: &App, root: &str, name: &str) -> tenfoot_toolkit::Entity {
        let r = app.find(root).unwrap();
        tree::subtree(app.world(), r)
            .into_iter()
            .find(|e| app.world().get::<&tenfoot_toolkit::Name>(*e).is_ok_and(|n| n.0 == name))
            .unwrap()
    }

    #[test]
    fn tile_has_poster_badge_progress_and_title() {
        let mut app = App::headless();
        app.set_root(row().child(tile("posters/poster-00.png", "Night Train").badge("NEW").progress(0.4).name("t")));
        app.layout();
        let poster = app.rect(child(&app, "t", "poster")).unwrap();
        assert_eq!((poster.width, poster.height), (240.0, 360.0));
        let bar = app.rect(child(&app, "t", "progress")).unwrap();
        assert_eq!((bar.x, bar.width, bar.bottom()), (12.0, 216.0, 348.0));
        let badge = app.rect(child(&app, "t", "badge")).unwrap();
        assert_eq!((badge.x, badge.y), (12.0, 12.0));
        let title = app.rect(child(&app, "t", "title")).unwrap();
        assert!(title.y >= 380.0);
    }

    #[test]
    fn focus_scales_up_and_rings_the_poster() {
        let mut app = App::headless();
        app.set_root(row().child(El::new().focusable().child(tile("posters/poster-00.png", "A").name("t"))));
        let poster = child(&app, "t", "poster");
        let title = child(&app, "t", "title");
        let ring = child(&app, "t", "ring");
        assert!(app.world().get::<&Visual>(ring).unwrap().border.is_none());
        app.frame(Duration::from_millis(16), &[]);
        let v = app.world().get::<&Visual>(poster).unwrap().clone();
        assert_eq!(v.transform, Transform::scale(1.06, 1.06));
        assert_eq!(app.world().get::<&Visual>(ring).unwrap().border, Some((4.0, Color::hex(0xffffff))));
        let (p, r) = (app.rect(poster).unwrap(), app.rect(ring).unwrap());
        assert_eq!((r.x, r.width), (p.x - 8.0, p.width + 16.0), "the ring sits outside the poster");
        assert_eq!(app.world().get::<&TextContent>(title).unwrap().color, Theme::dark().text);
    }

    #[test]
    fn long_titles_wrap_to_two_lines_then_end_in_an_ellipsis() {
        let mut app = App::headless();
        app.set_root(
            row()
                .child(
                    tile("posters/poster-00.png", "An Extraordinarily Long Film Title That Goes On Indeed").name("t"),
                )
                .child(tile("posters/poster-01.png", "Short").name("s")),
        );
        app.layout();
        let long = app.rect(child(&app, "t", "title")).unwrap();
        let short = app.rect(child(&app, "s", "title")).unwrap();
        assert_eq!(long.width, 240.0);
        assert!(
            (long.height - 2.0 * short.height).abs() <= 1.0,
            "two lines, not three: {} vs {}",
            long.height,
            short.height
        );
    }
}
