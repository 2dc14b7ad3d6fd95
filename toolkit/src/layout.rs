//! Layout phase: mirrors the entity tree into taffy, recomputes what changed, and writes each
//! element's absolute rectangle back as a [`ComputedLayout`] component.
//!
//! Reads: [`Style`], [`TextContent`], the tree links. Writes: [`ComputedLayout`].
//! Incremental: only nodes whose style or text changed are marked dirty in taffy, whose cache
//! skips every untouched subtree, and text is only re-measured when its node is dirty.

use hecs::{Entity, World};
use taffy::{AvailableSpace, NodeId, TaffyTree};
use tenfoot_renderer::{FontLibrary, Rect, Size, TextStyle};

use crate::style::{Style, TextContent};
use crate::tree;

/// The taffy node mirroring an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutNode(pub(crate) NodeId);

/// Where layout put an element, in absolute logical pixels (before visual transforms).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ComputedLayout {
    /// The border box.
    pub rect: Rect,
    /// The content box (inside padding).
    pub content: Rect,
    /// Laid out mirrored (a right-to-left app, outside any [`LeftToRight`] subtree): paint
    /// mirrors the element's horizontal look with it, so a gradient's angle `a` becomes
    /// `360 - a`, a shadow's x offset flips and the left and right corner radii swap
    /// ([`Visual::mirrored`](crate::style::Visual::mirrored)).
    pub mirrored: bool,
}

/// What taffy needs to measure a text leaf.
#[derive(Clone, Debug)]
pub(crate) struct TextMeasure {
    text: String,
    style: TextStyle,
}

/// The taffy tree and its bookkeeping.
pub struct LayoutEngine {
    taffy: TaffyTree<TextMeasure>,
    measures: u64,
}

impl std::fmt::Debug for LayoutEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutEngine").field("nodes", &self.taffy.total_node_count()).finish()
    }
}

impl Default for LayoutEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl LayoutEngine {
    pub fn new() -> Self {
        Self { taffy: TaffyTree::new(), measures: 0 }
    }

    /// How many times a text leaf was measured; tests use it to prove layout is incremental.
    pub fn measure_count(&self) -> u64 {
        self.measures
    }

    pub fn node_count(&self) -> usize {
        self.taffy.total_node_count()
    }

    /// Creates the node for a newly spawned element.
    pub(crate) fn create(&mut self, style: &Style, text: Option<&TextContent>) -> Option<NodeId> {
        let s = style.to_taffy();
        match text {
            Some(t) => self.taffy.new_leaf_with_context(s, TextMeasure { text: t.text.clone(), style: t.style }),
            None => self.taffy.new_leaf(s),
        }
        .ok()
    }

    pub(crate) fn set_children(&mut self, node: NodeId, children: &[NodeId]) {
        let _ = self.taffy.set_children(node, children);
    }

    /// Appends `child` to `node`'s children.
    pub(crate) fn add_child(&mut self, node: NodeId, child: NodeId) {
        let _ = self.taffy.add_child(node, child);
    }

    pub(crate) fn child_count(&self, node: NodeId) -> usize {
        taffy::TraversePartialTree::child_count(&self.taffy, node)
    }

    pub(crate) fn remove(&mut self, node: NodeId) {
        let _ = self.taffy.remove(node);
    }

    pub(crate) fn set_style(&mut self, node: NodeId, style: &Style) {
        let _ = self.taffy.set_style(node, style.to_taffy());
    }

    pub(crate) fn set_text(&mut self, node: NodeId, text: Option<&TextContent>) {
        let ctx = text.map(|t| TextMeasure { text: t.text.clone(), style: t.style });
        let _ = self.taffy.set_node_context(node, ctx);
        let _ = self.taffy.mark_dirty(node);
    }

    /// Recomputes layout under `root` for a `viewport`-sized screen. Cost: proportional to the
    /// dirty nodes and their ancestors; clean subtrees are served from taffy's cache.
    pub(crate) fn compute(&mut self, root: NodeId, viewport: Size, fonts: &mut FontLibrary) {
        let measures = &mut self.measures;
        let available = taffy::Size {
            width: AvailableSpace::Definite(viewport.width),
            height: AvailableSpace::Definite(viewport.height),
        };
        let _ = self.taffy.compute_layout_with_measure(root, available, |inputs, _node, ctx, style| {
            taffy::compute_leaf_layout(
                inputs,
                style,
                |_, _| 0.0,
                |known, avail| {
                    let Some(ctx) = ctx else { return taffy::Size::ZERO };
                    if let (Some(width), Some(height)) = (known.width, known.height) {
                        return taffy::Size { width, height };
                    }
                    *measures += 1;
                    let max_width = known.width.or(match avail.width {
                        AvailableSpace::Definite(w) => Some(w),
                        // Zero width asks for the widest unbreakable word.
                        AvailableSpace::MinContent => Some(0.0),
                        AvailableSpace::MaxContent => None,
                    });
                    let s = fonts.measure(&ctx.text, &ctx.style, max_width);
                    taffy::Size { width: known.width.unwrap_or(s.width), height: known.height.unwrap_or(s.height) }
                },
            )
        });
    }

    /// The layout of `node` relative to its parent: (border box, content box).
    fn local(&self, node: NodeId) -> Option<(Rect, Rect)> {
        let l = self.taffy.layout(node).ok()?;
        let rect = Rect::new(l.location.x, l.location.y, l.size.width, l.size.height);
        let content = Rect::new(
            l.padding.left + l.border.left,
            l.padding.top + l.border.top,
            (l.size.width - l.padding.left - l.padding.right - l.border.left - l.border.right).max(0.0),
            (l.size.height - l.padding.top - l.padding.bottom - l.border.top - l.border.bottom).max(0.0),
        );
        Some((rect, content))
    }
}

/// Keeps an element's subtree left to right in a right-to-left app (a Latin keyboard, a
/// seek bar's time line, a phone number): [`El::ltr`](crate::El::ltr).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftToRight;

/// Runs the layout phase and writes [`ComputedLayout`] for every element under `root`.
///
/// With `rtl` (the app's locale runs right to left, [`crate::App::set_rtl`]) the computed
/// layout is mirrored as it is written back: each child's place inside its parent is
/// reflected about the parent's vertical centre line (`x' = parent width - x - width`), and so
/// is each element's content box (its left and right paddings swap). Rows then run from the
/// right, alignments and insets mirror, horizontal scroll content overflows to the left (the
/// scroll phase measures rectangles, so it follows), and the focus search, which only sees
/// rectangles, moves with what the eye sees. Two kinds of element do not mirror their
/// children: a [`Style::rtl`] row (its row-reverse already runs right to left) and, with its
/// whole subtree, a [`LeftToRight`] element. Every element laid out right to left is marked
/// [`ComputedLayout::mirrored`], so paint mirrors its horizontal gradients, shadow offsets and
/// corner radii too (a hero's scrim darkens the side its text starts on).
pub(crate) fn run(
    world: &mut World,
    engine: &mut LayoutEngine,
    root: Entity,
    viewport: Size,
    fonts: &mut FontLibrary,
    rtl: bool,
) {
    let Ok(root_node) = world.get::<&LayoutNode>(root).map(|n| n.0) else { return };
    engine.compute(root_node, viewport, fonts);
    // Absolute positions: parents come before children in pre-order, so each child adds its
    // parent's already-written origin. Each entry carries the parent's width and whether the
    // parent mirrors its children (`None` at the root: nothing to mirror against).
    let mut stack = vec![(root, 0.0f32, 0.0f32, None::<f32>, rtl)];
    while let Some((e, ox, oy, mirror_in, rtl_here)) = stack.pop() {
        let Ok(node) = world.get::<&LayoutNode>(e).map(|n| n.0) else { continue };
        let Some((mut local, mut content)) = engine.local(node) else { continue };
        let rtl_here = rtl_here && world.get::<&LeftToRight>(e).is_err();
        if let Some(parent_w) = mirror_in {
            local.x = parent_w - local.x - local.width;
        }
        let reversed_row = world.get::<&Style>(e).is_ok_and(|s| s.rtl);
        let mirrors = rtl_here && !reversed_row;
        if mirrors {
            content.x = local.width - content.x - content.width;
        }
        let rect = local.translate(ox, oy);
        let computed = ComputedLayout { rect, content: content.translate(rect.x, rect.y), mirrored: rtl_here };
        let existing = world.get::<&mut ComputedLayout>(e).map(|mut c| *c = computed).is_ok();
        if !existing {
            let _ = world.insert_one(e, computed);
        }
        for child in tree::children(world, e).into_iter().rev() {
            stack.push((child, rect.x, rect.y, mirrors.then_some(local.width), rtl_here));
        }
    }
}
