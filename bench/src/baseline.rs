//! The baseline: the benchmark screen drawn with plain tiny-skia calls, written as fast as
//! tiny-skia allows, with no toolkit in the timed loop.
//!
//! Setup (not timed) takes the scene's geometry from the toolkit's display list and prepares
//! what a hand-written tiny-skia program would: posters pre-scaled with rounded corners,
//! each label pre-rendered to one bitmap, shadows pre-blurred, the opaque backdrop kept at
//! screen size for a row copy. The timed frame then does only tiny-skia drawing: a row copy,
//! `fill_rect`/`fill_path` for solid shapes and the gradient scrim, and `draw_pixmap` for
//! every poster, label and shadow.

use tenfoot_cpu::CpuBackend;
use tenfoot_renderer::{Backend, Color, Command, DisplayList, PhysicalSize, Rect, Resources, Scale, Transform};
use tiny_skia::{FillRule, GradientStop, LinearGradient, Paint, PathBuilder, Pixmap, PixmapPaint, SpreadMode};

enum Op {
    /// An opaque pixmap copied row by row.
    RowCopy(Pixmap, i32, i32),
    /// A pre-rendered pixmap blended at an integer position.
    Blit(Pixmap, i32, i32),
    /// A solid or gradient shape.
    Fill(tiny_skia::Path, Paint<'static>),
}

/// The prepared scene.
pub struct Baseline {
    ops: Vec<Op>,
    background: tiny_skia::Color,
    pub target: Pixmap,
}

fn sk(t: &Transform) -> tiny_skia::Transform {
    tiny_skia::Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

fn rounded(rect: &Rect, r: f32) -> Option<tiny_skia::Path> {
    if r <= 0.0 {
        return tiny_skia::Rect::from_xywh(rect.x, rect.y, rect.width, rect.height).map(PathBuilder::from_rect);
    }
    let mut pb = PathBuilder::new();
    pb.push_rounded_rect(rect.x, rect.y, rect.width, rect.height, r);
    pb.finish()
}

trait RoundedRect {
    fn push_rounded_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32);
}

impl RoundedRect for PathBuilder {
    fn push_rounded_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        const K: f32 = 0.552_284_8;
        let r = r.min(w / 2.0).min(h / 2.0);
        self.move_to(x + r, y);
        self.line_to(x + w - r, y);
        self.cubic_to(x + w - r + r * K, y, x + w, y + r - r * K, x + w, y + r);
        self.line_to(x + w, y + h - r);
        self.cubic_to(x + w, y + h - r + r * K, x + w - r + r * K, y + h, x + w - r, y + h);
        self.line_to(x + r, y + h);
        self.cubic_to(x + r - r * K, y + h, x, y + h - r + r * K, x, y + h - r);
        self.line_to(x, y + r);
        self.cubic_to(x, y + r - r * K, x + r - r * K, y, x + r, y);
        self.close();
    }
}

/// Renders one command, under `t`, into a pixmap covering its physical bounds.
fn bake(cmd: &Command, t: &Transform, bounds: Rect, res: &mut Resources) -> Option<(Pixmap, i32, i32)> {
    let b = t.map_rect(&bounds);
    let (x, y) = (b.x.floor() as i32, b.y.floor() as i32);
    let w = (b.right().ceil() as i32 - x).max(1) as u32;
    let h = (b.bottom().ceil() as i32 - y).max(1) as u32;
    let mut backend = CpuBackend::new(PhysicalSize::new(w, h), Scale(1.0));
    backend.set_background(Color::TRANSPARENT);
    let shift = Transform::translate(-x as f32, -y as f32).then(t);
    let list = DisplayList { commands: vec![Command::PushTransform(shift), cmd.clone(), Command::PopTransform] };
    backend.draw(&list, res, None);
    Some((backend.pixmap().clone(), x, y))
}

impl Baseline {
    /// Prepares the scene described by `list` for a `size` buffer at `scale`.
    pub fn prepare(list: &DisplayList, res: &mut Resources, size: PhysicalSize, scale: f32, background: Color) -> Self {
        let mut ops = Vec::new();
        let mut stack = vec![Transform::scale(scale, scale)];
        for cmd in &list.commands {
            let t = stack.last().copied().unwrap_or_default();
            match cmd {
                Command::PushTransform(m) => stack.push(t.then(m)),
                Command::PopTransform => {
                    stack.pop();
                }
                Command::FillRect { rect, radii, color } => {
                    if let Some(path) = rounded(rect, radii.top_left).and_then(|p| p.transform(sk(&t))) {
                        let mut paint = Paint::default();
                        paint.set_color_rgba8(color.r, color.g, color.b, color.a);
                        paint.anti_alias = radii.top_left > 0.0;
                        ops.push(Op::Fill(path, paint));
                    }
                }
                Command::LinearGradient { rect, radii, start, end, stops } => {
                    let stops: Vec<GradientStop> = stops
                        .iter()
                        .map(|s| {
                            GradientStop::new(
                                s.offset,
                                tiny_skia::Color::from_rgba8(s.color.r, s.color.g, s.color.b, s.color.a),
                            )
                        })
                        .collect();
                    let shader = LinearGradient::new(
                        tiny_skia::Point::from_xy(start.x, start.y),
                        tiny_skia::Point::from_xy(end.x, end.y),
                        stops,
                        SpreadMode::Pad,
                        sk(&t),
                    );
                    if let (Some(shader), Some(path)) =
                        (shader, rounded(rect, radii.top_left).and_then(|p| p.transform(sk(&t))))
                    {
                        ops.push(Op::Fill(path, Paint { shader, ..Paint::default() }));
                    }
                }
                Command::Image { rect, .. } => {
                    if let Some((pm, x, y)) = bake(cmd, &t, *rect, res) {
                        let opaque = pm.pixels().iter().all(|p| p.alpha() == 255);
                        ops.push(if opaque { Op::RowCopy(pm, x, y) } else { Op::Blit(pm, x, y) });
                    }
                }
                Command::BoxShadow { rect, offset, blur, spread, .. } => {
                    let r = rect.translate(offset.x, offset.y).inflate(spread + blur + 2.0);
                    if let Some((pm, x, y)) = bake(cmd, &t, r, res) {
                        ops.push(Op::Blit(pm, x, y));
                    }
                }
                Command::Border { rect, .. } => {
                    if let Some((pm, x, y)) = bake(cmd, &t, rect.inflate(1.0), res) {
                        ops.push(Op::Blit(pm, x, y));
                    }
                }
                Command::GlyphRun(run) => {
                    let size = run.size;
                    let (mut x0, mut x1) = (f32::MAX, f32::MIN);
                    for g in &run.glyphs {
                        x0 = x0.min(g.x);
                        x1 = x1.max(g.x);
                    }
                    let y0 = run.glyphs.iter().map(|g| g.y).fold(f32::MAX, f32::min);
                    let y1 = run.glyphs.iter().map(|g| g.y).fold(f32::MIN, f32::max);
                    if x0 > x1 {
                        continue;
                    }
                    let bounds = Rect::new(
                        run.origin.x + x0 - size * 0.2,
                        run.origin.y + y0 - size * 1.2,
                        x1 - x0 + size * 1.6,
                        y1 - y0 + size * 1.6,
                    );
                    if let Some((pm, x, y)) = bake(cmd, &t, bounds, res) {
                        ops.push(Op::Blit(pm, x, y));
                    }
                }
                // The benchmark screen uses no clips or opacity layers.
                _ => {}
            }
        }
        let target = Pixmap::new(size.width, size.height).unwrap_or_else(|| {
            #[expect(clippy::expect_used, reason = "1x1 is always a valid pixmap")]
            Pixmap::new(1, 1).expect("1x1")
        });
        let background = tiny_skia::Color::from_rgba8(background.r, background.g, background.b, background.a);
        Self { ops, background, target }
    }

    /// How many drawing calls a frame makes.
    pub fn op_count(&self) -> usize {
        self.ops.len()
    }

    /// Draws one full frame.
    pub fn draw(&mut self) {
        self.target.fill(self.background);
        let paint = PixmapPaint::default();
        let id = tiny_skia::Transform::identity();
        for op in &self.ops {
            match op {
                Op::RowCopy(src, x, y) => row_copy(&mut self.target, src, *x, *y),
                Op::Blit(src, x, y) => self.target.draw_pixmap(*x, *y, src.as_ref(), &paint, id, None),
                Op::Fill(path, paint) => self.target.fill_path(path, paint, FillRule::Winding, id, None),
            }
        }
    }
}

fn row_copy(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let x0 = x.max(0);
    let x1 = (x + src.width() as i32).min(dw);
    if x0 >= x1 {
        return;
    }
    let bytes = (x1 - x0) as usize * 4;
    let sw = src.width() as usize * 4;
    let dwb = dw as usize * 4;
    let sdata = src.data();
    let ddata = dst.data_mut();
    for row in y.max(0)..(y + src.height() as i32).min(dh) {
        let s = (row - y) as usize * sw + (x0 - x) as usize * 4;
        let d = row as usize * dwb + x0 as usize * 4;
        ddata[d..d + bytes].copy_from_slice(&sdata[s..s + bytes]);
    }
}
