#!/usr/bin/env python3
"""Builds assets/fonts/LucideIcons-subset.ttf: the icons tenfoot's `icon` widget names, cut
from the Lucide icon font (npm package lucide-static, ISC licence) and centred in their em box.

    npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    pip install fonttools
    python3 scripts/make_icon_font.py package/font/lucide.ttf

Icons are glyphs on Unicode's supplementary private use area A, at U+F0000 plus the low bits of
Lucide's own codepoint (Lucide's play, U+E13C, is U+F013C here): Inter maps much of the BMP's
private use area (U+E000-U+E164) to glyphs of its own, which would win. So the text
pipeline draws them: shaped by cosmic-text (which falls back to this face for them, as no other
bundled face maps those codepoints), rasterized at the drawn size (crisp at every scale), and
sent to devices as glyphs in the display-list stream's atlases like any text. The Lucide font's
glyphs start at the em box's corner at different sizes; each is scaled so its larger side is
20/24 of the em (Lucide's live area on its 24 px grid) and centred, so an icon sits in the
middle of its square box. Keep NAMES in step with `widgets/src/icon.rs`.
"""

import sys

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
import json
import os

NAMES = [
    "play", "pause", "rewind", "fast-forward", "skip-back", "skip-forward",
    "chevron-left", "chevron-right", "chevron-up", "chevron-down", "arrow-left",
    "search", "house", "settings", "check", "delete", "space", "star", "circle-check",
    "plus", "user", "tv", "film", "x", "volume-2", "captions", "info", "bookmark", "heart",
    "corner-down-left", "languages", "rotate-ccw", "rotate-cw", "circle-play", "list",
    "clapperboard", "sparkles",
]

EM = 1000
LIVE = EM * 20 / 24
# The baseline sits this far above the em box's bottom: an icon alone in a line one em high is
# centred in it, and an icon in a line of Inter is centred on the capitals (Inter's cap height
# is 0.727 em, so their middle is 0.36 em above the baseline, as the icon's is: 0.5 - 0.14).
DESCENT = 140
PLANE = 0xF0000


def main(font_path: str, out: str) -> None:
    codepoints = json.load(open(os.path.join(os.path.dirname(font_path), "codepoints.json")))
    wanted = [codepoints[n] for n in NAMES]
    font = TTFont(font_path, recalcTimestamp=False)
    options = Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    sub = Subsetter(options)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    glyf, hmtx = font["glyf"], font["hmtx"]
    cmap = font.getBestCmap()
    for cp in wanted:
        name = cmap[cp]
        g = glyf[name]
        if g.numberOfContours == 0:
            continue
        g.recalcBounds(glyf)
        w, h = g.xMax - g.xMin, g.yMax - g.yMin
        s = LIVE / max(w, h)
        dx = (EM - w * s) / 2 - g.xMin * s
        dy = (EM - h * s) / 2 - g.yMin * s - DESCENT
        rec = DecomposingRecordingPen(glyf)
        g.draw(rec, glyf)
        pen = TTGlyphPen(None)
        rec.replay(TransformPen(pen, (s, 0, 0, s, dx, dy)))
        glyf[name] = pen.glyph()
        hmtx[name] = (EM, 0)
    # Move the icons off the BMP's private use area (see the docstring).
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    moved = {PLANE + (cp - 0xE000): cmap[cp] for cp in wanted}
    tables = []
    for platform, encoding, fmt, mapping in [(3, 1, 4, {}), (0, 4, 12, moved), (3, 10, 12, moved)]:
        t = CmapSubtable.newSubtable(fmt)
        t.platformID, t.platEncID, t.language, t.cmap = platform, encoding, 0, dict(mapping)
        tables.append(t)
    font["cmap"].tables = tables
    font["head"].unitsPerEm = EM
    # Ascent + descent = the em: a line one em high is exactly the icon's square.
    font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = EM - DESCENT, -DESCENT, 0
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = EM - DESCENT, -DESCENT, 0
    os2.usWinAscent, os2.usWinDescent = EM - DESCENT, DESCENT
    font.save(out)
    print(f"wrote {out}: {len(wanted)} icons, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    main(sys.argv[1], os.path.join(here, "..", "assets", "fonts", "LucideIcons-subset.ttf"))
