//! Generated art: a backdrop or an episode still drawn by a deterministic generator from its
//! path (`art/backdrop/t001.art`, `art/still/t001/s2e3.art`), so a catalog of 150 titles and
//! 841 episodes (the sample's) gets art for each without shipping image files, on the desktop
//! and on a device alike. Apps opt in with [`install`] (`tenfoot_testing::resources` and the
//! device engine do).
//!
//! The art goes through the image pipeline like any file: [`ArtAssets`] answers an art path
//! with a few bytes naming it (so the image store, the stream's resource hashes and hot reload
//! see an ordinary source), and [`ArtDecoder`] turns those bytes into pixels on first draw; the
//! image store caches them and the backends keep their own copies at the drawn size, as for a
//! decoded JPEG. On a device build (no PNG or JPEG decoder) the decoder still draws art, and
//! the stream carries the pixels. A backdrop takes a few milliseconds in a release build.
//!
//! Drawing: a sky gradient, a sun or moon with its glow, stars by night, ridges of hills or
//! mountains fading into the haze, water with the sun's reflection, and one landmark (a
//! lighthouse with its beam, a skyline with lit windows, pines, a radio mast). Silhouettes are
//! height fields (the top edge per column) sampled eight times across each pixel column and
//! covered exactly down it, so every edge is anti-aliased at the output size; colours are
//! computed in floating point and dithered (interleaved gradient noise) on the way to 8 bits,
//! so gradients have no bands. A series' stills share its palette and landmark (one world),
//! each episode with its own time of day, ridges and view.
//!
//! Owns only pixels from a path: no I/O, no clock, no randomness but the path's hash.

use std::sync::Arc;

use crate::assets::{AssetError, AssetSource, MemoryAssets};
use crate::images::{ImageDecoder, ImageError, ImagePixels};
use crate::resources::Resources;

/// Backdrop size (16:9): the hero draws it full-bleed, scaled like the old 960x540 files.
pub const BACKDROP_SIZE: (u32, u32) = (960, 540);
/// Episode still size (16:9): cards draw it 400 logical pixels wide.
pub const STILL_SIZE: (u32, u32) = (480, 270);

/// What an art path's bytes start with.
const MAGIC: &[u8] = b"tenfoot-art 1\n";
/// The longest art path accepted.
const MAX_PATH: usize = 200;

/// The backdrop of title `id`.
pub fn backdrop_path(id: &str) -> String {
    format!("art/backdrop/{id}.art")
}

/// The still of episode `episode` of season `season` of title `id`.
pub fn still_path(id: &str, season: u32, episode: u32) -> String {
    format!("art/still/{id}/s{season}e{episode}.art")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Backdrop,
    Still,
}

/// A parsed art path: what to draw, the world's seed (the title) and the view's seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spec {
    kind: Kind,
    world: u64,
    view: u64,
}

fn parse(path: &str) -> Option<Spec> {
    if path.len() > MAX_PATH || !path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/_-.".contains(&b)) {
        return None;
    }
    let rest = path.strip_prefix("art/")?.strip_suffix(".art")?;
    let (kind, name) = match rest.split_once('/')? {
        ("backdrop", id) if !id.is_empty() && !id.contains('/') => (Kind::Backdrop, id),
        ("still", name) => {
            let (id, ep) = name.split_once('/')?;
            let (s, e) = ep.strip_prefix('s')?.split_once('e')?;
            let ok = !id.is_empty() && s.parse::<u32>().is_ok() && e.parse::<u32>().is_ok();
            if !ok {
                return None;
            }
            (Kind::Still, name)
        }
        _ => return None,
    };
    let id = name.split('/').next().unwrap_or(name);
    Some(Spec { kind, world: hash(id.as_bytes()), view: hash(name.as_bytes()) })
}

/// FNV-1a, then a final mix: stable across platforms and releases (a golden depends on it).
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    /// Uniform in `lo..hi`.
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        let unit = (self.next() >> 40) as f32 / (1u64 << 24) as f32;
        lo + (hi - lo) * unit
    }
    fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n.max(1))) as u32
    }
}

/// Serves art paths (as the few bytes that name them) and everything else from `inner`.
pub struct ArtAssets {
    inner: Box<dyn AssetSource>,
}

impl ArtAssets {
    pub fn over(inner: Box<dyn AssetSource>) -> Self {
        Self { inner }
    }
}

impl AssetSource for ArtAssets {
    fn load(&self, path: &str) -> Result<Arc<[u8]>, AssetError> {
        if path.starts_with("art/") {
            if parse(path).is_none() {
                return Err(AssetError {
                    path: path.to_owned(),
                    reason: "not an art path (art/backdrop/ID.art or art/still/ID/sNeM.art)".to_owned(),
                });
            }
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(path.as_bytes());
            return Ok(Arc::from(bytes));
        }
        self.inner.load(path)
    }

    fn load_static(&self, path: &str) -> Option<&'static [u8]> {
        self.inner.load_static(path)
    }
}

/// Draws art sources and hands every other image to `inner` (the CPU codec on the desktop;
/// none on a device build, where only art is decoded here).
pub struct ArtDecoder {
    inner: Option<Arc<dyn ImageDecoder>>,
}

impl ArtDecoder {
    pub fn over(inner: Option<Arc<dyn ImageDecoder>>) -> Self {
        Self { inner }
    }
}

impl ImageDecoder for ArtDecoder {
    fn decode(&self, source: &str, bytes: &[u8]) -> Result<ImagePixels, ImageError> {
        let err = |reason: &str| ImageError { source: source.to_owned(), reason: reason.to_owned() };
        if let Some(rest) = bytes.strip_prefix(MAGIC) {
            let path = std::str::from_utf8(rest).map_err(|_| err("art bytes are not UTF-8"))?;
            let spec = parse(path).ok_or_else(|| err("not an art path"))?;
            return draw(spec).ok_or_else(|| err("art of an impossible size"));
        }
        match &self.inner {
            Some(d) => d.decode(source, bytes),
            None => Err(err("no image decoder on this build (only generated art is drawn)")),
        }
    }
}

/// Wraps `resources`' assets and decoder so art paths draw (other paths load and decode as
/// before). Installing twice only wraps twice: the outer pair answers every art path.
pub fn install(resources: &mut Resources) {
    let inner = std::mem::replace(&mut resources.assets, Box::new(MemoryAssets::new()));
    resources.assets = Box::new(ArtAssets::over(inner));
    resources.decoder = Some(Arc::new(ArtDecoder::over(resources.decoder.take())));
}

// --- Drawing -------------------------------------------------------------------------------

type Rgb = [f32; 3];

fn lerp(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

fn scale(a: Rgb, k: f32) -> Rgb {
    [a[0] * k, a[1] * k, a[2] * k]
}

fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A colour from hue (0..1), saturation and lightness.
fn hsl(h: f32, s: f32, l: f32) -> Rgb {
    let h = h.rem_euclid(1.0) * 6.0;
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    [r + m, g + m, b + m]
}

struct Canvas {
    w: usize,
    h: usize,
    px: Vec<Rgb>,
}

impl Canvas {
    fn blend(&mut self, x: usize, y: usize, c: Rgb, a: f32) {
        if a <= 0.0 {
            return;
        }
        let p = &mut self.px[y * self.w + x];
        *p = if a >= 1.0 { c } else { lerp(*p, c, a) };
    }

    fn add(&mut self, x: usize, y: usize, c: Rgb, a: f32) {
        let p = &mut self.px[y * self.w + x];
        for i in 0..3 {
            p[i] += c[i] * a;
        }
    }

    /// Fills below the height field `top` (the silhouette's upper edge at an x in pixels; `None`
    /// where the shape is absent), anti-aliased: eight samples across each column, exact
    /// coverage down it.
    fn silhouette(&mut self, color: Rgb, top: impl Fn(f32) -> Option<f32>) {
        const S: usize = 8;
        let h = self.h as f32;
        for x in 0..self.w {
            let tops: [f32; S] =
                std::array::from_fn(|i| top(x as f32 + (i as f32 + 0.5) / S as f32).unwrap_or(f32::MAX));
            let lo = tops.iter().copied().fold(f32::MAX, f32::min);
            if lo >= h {
                continue;
            }
            let hi = tops.iter().copied().fold(f32::MIN, f32::max);
            let first = lo.max(0.0).floor() as usize;
            let solid = if hi >= h { self.h } else { (hi.max(0.0).ceil() as usize).min(self.h) };
            for y in first..solid {
                let yf = y as f32;
                let cover = tops.iter().map(|t| (yf + 1.0 - t).clamp(0.0, 1.0)).sum::<f32>() / S as f32;
                self.blend(x, y, color, cover);
            }
            for y in solid..self.h {
                self.px[y * self.w + x] = color;
            }
        }
    }

    /// A disc with a soft glow around it (sun, moon), anti-aliased by distance.
    fn body(&mut self, cx: f32, cy: f32, r: f32, color: Rgb, glow: f32, below: f32) {
        let reach = r * (1.0 + 6.0 * glow);
        let (x0, x1) = ((cx - reach).max(0.0) as usize, ((cx + reach).ceil() as usize).min(self.w));
        let (y0, y1) = ((cy - reach).max(0.0) as usize, ((cy + reach).ceil() as usize).min(self.h).min(below as usize));
        for y in y0..y1 {
            for x in x0..x1 {
                let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
                let halo = glow * (-((d - r).max(0.0) / (r * 1.6)).powi(2)).exp() * 0.3;
                self.add(x, y, color, halo);
                self.blend(x, y, color, (r - d + 0.5).clamp(0.0, 1.0));
            }
        }
    }

    /// To premultiplied (opaque) RGBA8, dithered with interleaved gradient noise.
    fn finish(self) -> Option<ImagePixels> {
        let mut out = Vec::with_capacity(self.w * self.h * 4);
        for (i, p) in self.px.iter().enumerate() {
            let (x, y) = ((i % self.w) as f32, (i / self.w) as f32);
            let n = (52.982_918 * (0.067_110_56 * x + 0.005_837_15 * y).fract()).fract() - 0.5;
            for c in p {
                out.push((c.clamp(0.0, 1.0) * 255.0 + n).round().clamp(0.0, 255.0) as u8);
            }
            out.push(255);
        }
        ImagePixels::from_premultiplied(self.w as u32, self.h as u32, out)
    }
}

/// One wave of a ridge: amplitude (share of the height), frequency (waves across the width),
/// phase, and sharpness (0 rolling hills, 1 peaks).
#[derive(Clone, Copy)]
struct Wave {
    amp: f32,
    freq: f32,
    phase: f32,
    sharp: f32,
}

fn ridge(x: f32, base: f32, waves: &[Wave]) -> f32 {
    let mut y = base;
    for w in waves {
        let s = (x * w.freq * std::f32::consts::TAU + w.phase).sin();
        // Peaks: 1 - |sin| folded upward, blended with the round wave.
        let peaky = 1.0 - 2.0 * (1.0 - s.abs());
        y -= w.amp * (s * (1.0 - w.sharp) + peaky * w.sharp);
    }
    y
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Landmark {
    Lighthouse,
    Skyline,
    Pines,
    Mast,
    Peaks,
}

/// The world of a title: what stays the same across its backdrop and episode stills.
struct World {
    hue: f32,
    landmark: Landmark,
    water: bool,
}

impl World {
    fn new(seed: u64) -> World {
        let mut r = Rng(seed);
        let hue = r.range(0.0, 1.0);
        let landmark = [Landmark::Lighthouse, Landmark::Skyline, Landmark::Pines, Landmark::Mast, Landmark::Peaks]
            [r.below(5) as usize];
        let water = match landmark {
            Landmark::Lighthouse => true,
            Landmark::Skyline => r.below(2) == 0,
            _ => r.below(3) == 0,
        };
        World { hue, landmark, water }
    }
}

fn draw(spec: Spec) -> Option<ImagePixels> {
    let (w, h) = match spec.kind {
        Kind::Backdrop => BACKDROP_SIZE,
        Kind::Still => STILL_SIZE,
    };
    let world = World::new(spec.world);
    let mut r = Rng(spec.view ^ 0x5eed);
    let (wf, hf) = (w as f32, h as f32);
    let mut c = Canvas { w: w as usize, h: h as usize, px: vec![[0.0; 3]; (w * h) as usize] };

    // Time of day: 0 night, 1 dusk or dawn, 2 day.
    let time = r.below(3);
    let hue = world.hue + r.range(-0.04, 0.04);
    let (zenith, horizon) = match time {
        0 => (hsl(hue + 0.62, 0.55, 0.05), hsl(hue + 0.58, 0.45, 0.22)),
        // Dusk: the world's hue above, a warm horizon (red to amber) below.
        1 => (hsl(hue + 0.66, 0.45, 0.16), hsl(0.03 + (hue - 0.5) * 0.14, 0.75, 0.62)),
        _ => (hsl(0.58 + (hue - 0.5) * 0.1, 0.55, 0.42), hsl(0.55 + (hue - 0.5) * 0.1, 0.45, 0.80)),
    };
    let horizon_y = hf * r.range(0.58, 0.70);
    for y in 0..c.h {
        let t = smoothstep((y as f32 / horizon_y).min(1.0)).powf(1.3);
        let col = lerp(zenith, horizon, t);
        for x in 0..c.w {
            c.px[y * c.w + x] = col;
        }
    }
    if time == 0 {
        let stars = (wf * hf / 1800.0) as u32;
        for _ in 0..stars {
            let (sx, sy) = (r.range(0.0, wf), r.range(0.0, horizon_y * 0.9));
            let b = r.range(0.25, 0.9) * (1.0 - sy / horizon_y);
            let (x, y) = (sx as usize, sy as usize);
            if x < c.w && y < c.h {
                c.add(x, y, [1.0, 1.0, 0.95], b);
            }
        }
    }
    // Sun or moon: off the left third, where the hero's text and scrim are.
    let body_r = hf * if time == 2 { r.range(0.05, 0.07) } else { r.range(0.05, 0.085) };
    let (bx, by) = (wf * r.range(0.52, 0.85), horizon_y * r.range(0.25, 0.75));
    let body_col = match time {
        0 => [0.92, 0.93, 1.0],
        1 => lerp(hsl(0.09 + (hue - 0.5) * 0.1, 0.9, 0.7), [1.0, 0.95, 0.85], 0.4),
        _ => [1.0, 0.98, 0.9],
    };
    c.body(bx, by, body_r, lerp(body_col, [1.0; 3], 0.35), if time == 2 { 0.6 } else { 1.0 }, horizon_y + 1.0);

    // Ridges, far to near: each closer one darker and more saturated, less of the haze.
    let dark = match time {
        0 => hsl(hue + 0.6, 0.35, 0.03),
        1 => hsl(hue + 0.7, 0.35, 0.06),
        _ => hsl(hue + 0.3, 0.30, 0.10),
    };
    let layers = if world.water { 2 } else { 3 };
    let peaks = world.landmark == Landmark::Peaks;
    for i in 0..layers {
        let depth = (i + 1) as f32 / (layers + 1) as f32;
        let col = lerp(lerp(horizon, zenith, 0.35), dark, 0.35 + 0.55 * depth);
        let base = horizon_y + if world.water { -hf * 0.005 } else { hf * (0.02 + 0.12 * depth) };
        let height = hf * if peaks { 0.22 } else { 0.09 } * (1.0 - 0.4 * depth);
        let waves: Vec<Wave> = (0..3)
            .map(|k| Wave {
                amp: height * [0.6, 0.3, 0.12][k],
                freq: [0.7, 1.9, 5.3][k] * r.range(0.7, 1.4) / wf,
                phase: r.range(0.0, std::f32::consts::TAU),
                sharp: if peaks { 0.8 } else { 0.15 },
            })
            .collect();
        let lift = height * 0.9;
        c.silhouette(col, |x| Some(ridge(x, base, &waves) - lift));
    }

    // Water below the horizon: the sky mirrored and darkened, soft swell lines and the body's
    // reflection as a column of glints.
    if world.water {
        let top = horizon_y.ceil() as usize;
        for y in top..c.h {
            let d = (y as f32 - horizon_y) / (hf - horizon_y);
            let base = lerp(scale(horizon, 0.55), scale(zenith, 0.45), smoothstep(d));
            for x in 0..c.w {
                let xf = x as f32;
                let swell = ((xf * 0.02 + (y as f32) * 0.9 + (xf * 0.005).sin() * 3.0).sin() * 0.5 + 0.5) * 0.04;
                let glint_w = body_r * (1.0 + d * 1.5);
                let g = (-((xf - bx) / glint_w).powi(2)).exp()
                    * (((y as f32) * 0.7 + (xf * 0.05).sin()).sin() * 0.5 + 0.5)
                    * 0.35
                    * (1.0 - d * 0.6);
                let mut p = lerp(base, body_col, g);
                p = [p[0] + swell, p[1] + swell, p[2] + swell * 1.2];
                c.px[y * c.w + x] = p;
            }
        }
        // The horizon line itself, covered exactly (no hard step).
        let frac = horizon_y.fract();
        if top > 0 && frac > 0.0 {
            let y = top - 1;
            for x in 0..c.w {
                let below = c.px[top * c.w + x];
                c.blend(x, y, below, 1.0 - frac);
            }
        }
    }

    // The landmark on the nearest ground: a headland (with water) or the last ridge's shoulder.
    let side = if r.below(2) == 0 { 0.62 } else { 0.80 };
    let lx = wf * (side + r.range(-0.05, 0.05));
    let ground_y = if world.water { horizon_y + hf * 0.06 } else { hf * 0.86 };
    let near = dark;
    let land = r.range(0.0, std::f32::consts::TAU);
    match world.landmark {
        Landmark::Lighthouse => {
            let unit = hf / 540.0;
            let tower_h = hf * r.range(0.26, 0.34);
            let (base_half, top_half) = (unit * 15.0, unit * 9.0);
            let tower_top = ground_y - tower_h;
            // The beam: a soft wedge of light from the lamp, drawn first, under everything.
            let (lamp_y, dir) = (tower_top - unit * 9.0, if lx > wf * 0.7 { -1.0 } else { 1.0 });
            let beam = lerp(body_col, [1.0, 0.92, 0.6], 0.6);
            for x in 0..c.w {
                let dx = (x as f32 + 0.5 - lx) * dir;
                if dx <= 0.0 {
                    continue;
                }
                // Rows where the beam is more than 1/1000 of its light.
                let (centre, spread) = (lamp_y - dx * 0.06, unit * 6.0 + dx * 0.10);
                let y0 = (centre - 2.7 * spread).max(0.0) as usize;
                let y1 = ((centre + 2.7 * spread).max(0.0) as usize).min((ground_y as usize).min(c.h));
                for y in y0..y1 {
                    let dy = y as f32 + 0.5 - centre;
                    let a = (-(dy / spread).powi(2)).exp() * (-(dx / wf) * 1.6).exp() * 0.35;
                    c.add(x, y, beam, a);
                }
            }
            // The headland under the tower.
            let cliff_half = wf * 0.16;
            c.silhouette(near, |x| {
                let d = (x - lx).abs() / cliff_half;
                (d < 1.6).then(|| ground_y + unit * 4.0 * (x * 0.05 + land).sin() + hf * 0.06 * (d * d).min(2.56))
            });
            // Tower (a trapezoid), gallery, lamp room (lit), cap.
            c.silhouette(near, |x| {
                let d = (x - lx).abs();
                if d <= top_half {
                    Some(tower_top)
                } else if d <= base_half {
                    Some(tower_top + (d - top_half) / (base_half - top_half) * tower_h)
                } else {
                    None
                }
            });
            c.silhouette(near, |x| ((x - lx).abs() <= top_half + unit * 4.0).then_some(tower_top - unit * 2.0));
            c.silhouette([1.0, 0.9, 0.55], |x| ((x - lx).abs() <= unit * 6.0).then_some(tower_top - unit * 12.0));
            c.silhouette(near, |x| ((x - lx).abs() <= unit * 9.0).then_some(tower_top - unit * 2.5));
            c.silhouette(near, |x| {
                let d = (x - lx).abs();
                (d <= unit * 8.0).then_some(tower_top - unit * 19.0 + d * 0.9)
            });
        }
        Landmark::Skyline => {
            let unit = hf / 540.0;
            let (x0, x1) = (wf * r.range(0.40, 0.50), wf);
            let mut towers = Vec::new();
            let mut x = x0;
            while x < x1 {
                let bw = unit * r.range(24.0, 60.0);
                let bh = unit * r.range(40.0, 170.0) * (0.6 + 0.4 * ((x - x0) / (x1 - x0) * 3.1).sin().abs());
                towers.push((x, x + bw, ground_y - bh));
                x += bw + unit * r.range(2.0, 10.0);
            }
            let spire = r.below(towers.len() as u32) as usize;
            c.silhouette(near, |px| {
                towers
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| px >= t.0 && px < t.1)
                    .map(|(i, t)| {
                        let mid = (t.0 + t.1) / 2.0;
                        if i == spire && (px - mid).abs() < unit * 2.0 {
                            t.2 - unit * 40.0
                        } else {
                            t.2
                        }
                    })
                    .reduce(f32::min)
            });
            // Lit windows: small warm squares on a grid, some on.
            let lit = lerp([1.0, 0.85, 0.5], body_col, 0.2);
            for t in &towers {
                let mut wy = t.2 + unit * 8.0;
                while wy < ground_y - unit * 6.0 {
                    let mut wx = t.0 + unit * 5.0;
                    while wx < t.1 - unit * 7.0 {
                        if r.below(3) == 0 {
                            for y in wy as usize..((wy + unit * 3.0) as usize).min(c.h) {
                                for x in wx as usize..((wx + unit * 3.0) as usize).min(c.w) {
                                    c.blend(x, y, lit, 0.8);
                                }
                            }
                        }
                        wx += unit * 8.0;
                    }
                    wy += unit * 10.0;
                }
            }
            c.silhouette(near, |_| Some(ground_y));
        }
        Landmark::Pines | Landmark::Mast | Landmark::Peaks => {
            let unit = hf / 540.0;
            let hill: Vec<Wave> = vec![
                Wave { amp: hf * 0.03, freq: 1.3 / wf, phase: land, sharp: 0.0 },
                Wave { amp: hf * 0.012, freq: 4.1 / wf, phase: land * 2.0, sharp: 0.0 },
            ];
            let ground = |x: f32| ridge(x, ground_y, &hill);
            if world.landmark == Landmark::Pines {
                let n = 18 + r.below(14);
                let trees: Vec<(f32, f32, f32)> = (0..n)
                    .map(|_| {
                        let tx = wf * r.range(0.45, 1.0);
                        let th = unit * r.range(30.0, 75.0);
                        (tx, th, ground(tx) + unit * 2.0)
                    })
                    .collect();
                c.silhouette(near, |x| {
                    trees
                        .iter()
                        .filter_map(|&(tx, th, gy)| {
                            let d = (x - tx).abs();
                            let half = th * 0.28;
                            (d <= half).then(|| gy - th + d / half * th * 0.85)
                        })
                        .reduce(f32::min)
                });
            } else if world.landmark == Landmark::Mast {
                let mh = hf * r.range(0.30, 0.42);
                let gy = ground(lx);
                c.silhouette(near, |x| {
                    let d = (x - lx).abs();
                    let half = unit * 14.0;
                    (d <= half).then(|| gy - mh + d / half * mh)
                });
                c.body(lx, gy - mh - unit * 3.0, unit * 3.5, [1.0, 0.3, 0.25], 0.8, hf);
            }
            c.silhouette(near, |x| Some(ground(x)));
        }
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixels(path: &str) -> ImagePixels {
        let bytes = ArtAssets::over(Box::new(MemoryAssets::new())).load(path).unwrap();
        ArtDecoder::over(None).decode(path, &bytes).unwrap()
    }

    #[test]
    fn paths_parse_and_others_are_refused() {
        assert_eq!(parse(&backdrop_path("t001")).map(|s| s.kind), Some(Kind::Backdrop));
        let still = parse(&still_path("t001", 2, 3)).unwrap();
        assert_eq!(still.kind, Kind::Still);
        assert_eq!(still.world, parse(&backdrop_path("t001")).unwrap().world, "one world per title");
        assert_ne!(still.view, parse(&still_path("t001", 2, 4)).unwrap().view);
        for bad in
            ["art/backdrop/.art", "art/still/t1/x.art", "art/poster/t1.art", "art/backdrop/a b.art", "art/backdrop/t1"]
        {
            assert_eq!(parse(bad), None, "{bad}");
        }
        let assets = ArtAssets::over(Box::new(MemoryAssets::new()));
        let e = assets.load("art/nope.art").err().unwrap();
        assert!(e.to_string().contains("art/nope.art"), "{e}");
        let d = ArtDecoder::over(None).decode("x.png", b"\x89PNG").err().unwrap();
        assert!(d.to_string().contains("x.png") && d.reason.contains("no image decoder"), "{d}");
        let d = ArtDecoder::over(None).decode("y", b"tenfoot-art 1\nart/zzz").err().unwrap();
        assert!(d.to_string().contains("not an art path"), "{d}");
    }

    #[test]
    fn every_title_and_episode_gets_its_own_art_and_the_same_every_time() {
        let a = pixels(&backdrop_path("t001"));
        assert_eq!((a.width(), a.height()), BACKDROP_SIZE);
        assert_eq!(a.data(), pixels(&backdrop_path("t001")).data(), "deterministic");
        let mut seen = std::collections::HashSet::new();
        for id in ["t001", "t002", "t003", "t004", "t005", "t006"] {
            assert!(seen.insert(hash(pixels(&backdrop_path(id)).data())), "{id} repeats another backdrop");
        }
        for e in 1..=4 {
            let s = pixels(&still_path("t002", 1, e));
            assert_eq!((s.width(), s.height()), STILL_SIZE);
            assert!(seen.insert(hash(s.data())), "episode {e} repeats another still");
        }
    }

    fn blank(w: usize, h: usize, v: f32) -> Canvas {
        Canvas { w, h, px: vec![[v; 3]; w * h] }
    }

    /// A gently sloped edge (the stair-stepped case): every column's coverage adds up to the
    /// exact area under the line, in pixels partly covered rather than whole steps.
    #[test]
    fn silhouettes_cover_exactly_and_are_anti_aliased() {
        let mut c = blank(64, 64, 0.0);
        let top = |x: f32| 10.0 + x * 0.25;
        c.silhouette([1.0; 3], |x| Some(top(x)));
        for x in 0..64 {
            let column: Vec<f32> = (0..64).map(|y| c.px[y * 64 + x][0]).collect();
            let area: f32 = column.iter().sum();
            let want = 64.0 - top(x as f32 + 0.5);
            assert!((area - want).abs() < 0.02, "column {x}: {area} covered, {want} wanted");
            assert!(column.iter().any(|v| *v > 0.05 && *v < 0.95), "column {x} has no edge pixel");
        }
        // A steep edge (a tower's side) is covered in eighths across the pixel.
        let mut c = blank(64, 16, 0.0);
        c.silhouette([1.0; 3], |x| (20.3..=40.7).contains(&x).then_some(5.0));
        let at = |x: usize| c.px[10 * 64 + x][0];
        assert!((at(20) - 0.7).abs() <= 0.125 && (at(40) - 0.7).abs() <= 0.125, "{} {}", at(20), at(40));
        assert_eq!((at(19), at(30), at(41)), (0.0, 1.0, 0.0));
    }

    /// A sky gradient too shallow for 8 bits (a few levels over the whole height) keeps its
    /// slope after dithering: each row's mean is the exact value, not the nearest level (which
    /// would be bands several rows tall).
    #[test]
    fn gradients_are_dithered_not_banded() {
        let (w, h) = (480, 270);
        let mut c = blank(w, h, 0.0);
        let v = |y: usize| 0.20 + 0.03 * y as f32 / h as f32;
        for y in 0..h {
            for x in 0..w {
                c.px[y * w + x] = [v(y); 3];
            }
        }
        let p = c.finish().unwrap();
        let mut worst = 0.0f32;
        for y in 0..h {
            let mean = (0..w).map(|x| f32::from(p.data()[(y * w + x) * 4])).sum::<f32>() / w as f32;
            worst = worst.max((mean - v(y) * 255.0).abs());
        }
        assert!(worst < 0.15, "a row's mean is {worst} levels off its value");
    }
}
