//! The benchmark screen: a 1920x1080 streaming home comparable to the sample app's: a full-screen
//! backdrop under a scrim, a nav bar, a hero title, 40 rounded poster tiles in four rails and 91
//! labels, one tile focused (ring and scale).

use tenfoot_renderer::{Color, FontWeight};
use tenfoot_toolkit::{App, El};
use tenfoot_widgets::{column, container, image, row, text, Theme};

pub const RAILS: usize = 4;
pub const TILES: usize = 10;
pub const TILE_W: f32 = 150.0;
pub const TILE_H: f32 = 225.0;

pub const NAV: [&str; 6] = ["Home", "Movies", "Series", "Live", "My List", "Search"];
pub const RAIL_TITLES: [&str; RAILS] = ["Continue Watching", "Trending Now", "Top Picks for You", "New Releases"];

pub fn tile_name(rail: usize, i: usize) -> String {
    format!("tile-{rail}-{i}")
}

pub fn poster(rail: usize, i: usize) -> String {
    format!("posters/poster-{:02}.png", (rail * 3 + i) % 12)
}

pub fn title(rail: usize, i: usize) -> String {
    const WORDS: [&str; 12] =
        ["Night", "Harbor", "Echo", "Summit", "Glass", "River", "Ember", "North", "Signal", "Orchard", "Atlas", "Tide"];
    format!("{} {}", WORDS[(rail * 5 + i) % 12], WORDS[(rail + i * 7) % 12])
}

fn tile(rail: usize, i: usize, focused: bool) -> El {
    let theme = Theme::dark();
    let mut img = image(poster(rail, i)).name(format!("{}-img", tile_name(rail, i))).size(TILE_W, TILE_H).radius(12.0);
    if focused {
        img = img.border(4.0, theme.focus_ring).shadow(0.0, 10.0, 24.0, Color::rgba(0, 0, 0, 180));
    }
    let mut t = column()
        .name(tile_name(rail, i))
        .width(TILE_W)
        .gap(6.0)
        .child(img)
        .child(text(title(rail, i)).font_size(18.0).weight(FontWeight::SEMIBOLD).single_line())
        .child(
            text(format!("{} \u{b7} {}", 2016 + (rail + i) % 9, ["Drama", "Comedy", "Thriller"][i % 3]))
                .font_size(15.0)
                .color(theme.text_muted),
        );
    if focused {
        t = t.scale(1.08);
    }
    t
}

/// The home screen with tile (`focus_rail`, `focus_tile`) focused.
pub fn home(focus_rail: usize, focus_tile: usize) -> El {
    let theme = Theme::dark();
    let nav = row().name("nav").gap(40.0).padding_xy(96.0, 28.0).children(NAV.iter().enumerate().map(|(i, n)| {
        let label = text(*n).font_size(24.0).weight(if i == 0 { FontWeight::BOLD } else { FontWeight::REGULAR });
        if i == 0 {
            container().padding_xy(18.0, 6.0).background(Color::rgba(255, 255, 255, 40)).radius(20.0).child(label)
        } else {
            container().padding_xy(18.0, 6.0).child(label)
        }
    }));
    let rails = column().name("rails").gap(22.0).padding_xy(96.0, 0.0).children((0..RAILS).map(|r| {
        column()
            .name(format!("rail-{r}"))
            .gap(10.0)
            .child(text(RAIL_TITLES[r]).font_size(26.0).weight(FontWeight::BOLD))
            .child(row().gap(24.0).children((0..TILES).map(|i| tile(r, i, (r, i) == (focus_rail, focus_tile)))))
    }));
    container()
        .name("home")
        .size(1920.0, 1080.0)
        .child(image("backdrops/backdrop-00.jpg").name("backdrop").size(1920.0, 1080.0).absolute(0.0, 0.0))
        .child(container().absolute(0.0, 0.0).size(1920.0, 1080.0).gradient(
            180.0,
            &[(0.0, Color::rgba(11, 13, 18, 120)), (0.45, Color::rgba(11, 13, 18, 235)), (1.0, theme.background)],
        ))
        .child(nav)
        .child(
            column()
                .padding_xy(96.0, 8.0)
                .gap(8.0)
                .child(text("The Long Signal").font_size(56.0).weight(FontWeight::BOLD).name("hero-title")),
        )
        .child(rails)
}

/// The benchmark app with the first tile focused.
pub fn app() -> App {
    let mut app = App::new(tenfoot_preview::resources());
    app.set_background(Theme::dark().background);
    app.set_root(home(0, 0));
    app
}
