#!/usr/bin/env python3
"""Generates the sample posters and backdrops in assets/ (our own procedural art, CC0).

Deterministic: the same script writes the same bytes. Standard library only for PNG; the JPEG
backdrops need ImageMagick's `convert` (Debian package `imagemagick`) and are skipped without it.

Posters 00-11 are landscapes (the hello example's goldens use them); from 12 on the scene type
cycles through stripes, rings, a skyline, a silhouette, peaks and a tiled pattern, so a rail of
posters reads as different titles. Backdrops 01+ are rendered at half size and scaled up by
`convert` (they sit behind gradients, where softness is wanted).

    python3 scripts/make_posters.py [--count N] [--backdrops N]
"""
import math
import os
import shutil
import struct
import subprocess
import sys
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")

PALETTES = [
    ((18, 24, 66), (232, 110, 80), (255, 214, 140)),
    ((10, 40, 48), (40, 160, 150), (230, 250, 220)),
    ((40, 12, 50), (200, 60, 120), (255, 200, 230)),
    ((12, 20, 30), (70, 110, 170), (240, 240, 255)),
    ((50, 30, 10), (220, 150, 40), (255, 240, 190)),
    ((8, 30, 20), (90, 170, 80), (250, 250, 200)),
    ((30, 10, 10), (180, 40, 40), (255, 190, 120)),
    ((20, 20, 40), (120, 90, 200), (220, 210, 255)),
    ((5, 25, 45), (20, 120, 200), (255, 160, 90)),
    ((35, 35, 35), (150, 150, 150), (250, 220, 120)),
    ((45, 8, 30), (240, 90, 60), (255, 230, 120)),
    ((6, 38, 38), (220, 190, 90), (255, 255, 235)),
]


def png_bytes(width, height, rows):
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def mix(a, b, t):
    t = max(0.0, min(1.0, t))
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def scene(width, height, seed):
    """A sky gradient, a sun, and three layers of hills: a poster-like landscape."""
    sky_top, sky_bottom, sun = PALETTES[seed % len(PALETTES)]
    sun_x = width * (0.3 + 0.4 * ((seed * 37) % 10) / 10.0)
    sun_y = height * (0.28 + 0.1 * ((seed * 13) % 5) / 5.0)
    sun_r = min(width, height) * (0.12 + 0.05 * (seed % 3))
    layers = []
    for k in range(3):
        base = height * (0.55 + 0.13 * k)
        amp = height * (0.06 - 0.012 * k)
        freq = (1.5 + k + (seed % 4) * 0.5) * math.pi / width
        phase = seed * 1.7 + k * 2.1
        shade = mix(sky_top, (0, 0, 0), 0.35 + 0.22 * k)
        layers.append((base, amp, freq, phase, shade))
    rows = []
    for y in range(height):
        row = bytearray()
        sky = mix(sky_top, sky_bottom, y / (height * 0.75))
        for x in range(width):
            c = sky
            d = math.hypot(x - sun_x, y - sun_y)
            if d < sun_r:
                c = sun
            elif d < sun_r * 1.6:
                c = mix(sun, sky, (d - sun_r) / (sun_r * 0.6))
            for base, amp, freq, phase, shade in layers:
                if y > base + amp * math.sin(x * freq + phase):
                    c = shade
            row += bytes(c)
        rows.append(row)
    return rows


def rng(seed):
    """A small deterministic generator (an LCG), independent of Python's random module."""
    state = [seed * 2654435761 % 4294967296 or 1]
    def next_float():
        state[0] = (state[0] * 1664525 + 1013904223) % 4294967296
        return state[0] / 4294967296.0
    return next_float


def palette(seed):
    return PALETTES[(seed * 5 + 3) % len(PALETTES)]


def stripes(width, height, seed):
    """Diagonal bands in three tones with a disc breaking through."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    angle = 0.6 + r() * 0.9
    band = width * (0.12 + r() * 0.1)
    cx, cy, cr = width * (0.3 + r() * 0.4), height * (0.3 + r() * 0.3), width * (0.22 + r() * 0.12)
    ca, sa = math.cos(angle), math.sin(angle)
    tones = [dark, mix(dark, mid, 0.5), mid, mix(mid, light, 0.35)]
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            k = int((x * ca + y * sa) / band) % len(tones)
            c = tones[k]
            d = math.hypot(x - cx, y - cy)
            if d < cr:
                c = mix(light, mid, d / cr * 0.6)
            elif d < cr + 6:
                c = dark
            c = mix(c, (0, 0, 0), max(0.0, (y / height - 0.6) * 1.2))
            row += bytes(c)
        rows.append(row)
    return rows


def rings(width, height, seed):
    """A planet with rings over a starfield."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    stars = {(int(r() * width), int(r() * height)) for _ in range(width * height // 300)}
    cx, cy = width * (0.35 + r() * 0.3), height * (0.35 + r() * 0.2)
    pr = width * (0.18 + r() * 0.08)
    tilt = 0.25 + r() * 0.2
    rows = []
    for y in range(height):
        row = bytearray()
        sky = mix((4, 4, 10), dark, y / height)
        for x in range(width):
            c = (230, 230, 240) if (x, y) in stars else sky
            dx, dy = x - cx, (y - cy) / tilt
            rr = math.hypot(dx, dy)
            behind = y < cy
            ring = pr * 1.35 < rr < pr * 2.1 and int(rr / 5) % 3 != 0
            if ring and behind:
                c = mix(mid, light, (rr - pr) / (pr * 1.2))
            d = math.hypot(x - cx, y - cy)
            if d < pr:
                shade = max(0.0, 1.0 - ((x - cx + pr * 0.4) ** 2 + (y - cy + pr * 0.4) ** 2) ** 0.5 / (pr * 1.8))
                c = mix(mix(dark, mid, 0.7), light, shade)
            if ring and not behind:
                c = mix(mid, light, (rr - pr) / (pr * 1.2))
            row += bytes(c)
        rows.append(row)
    return rows


def skyline(width, height, seed):
    """A city at dusk: gradient sky, a moon, buildings with lit windows."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    buildings = []
    x = -10
    while x < width:
        w = int(width * (0.08 + r() * 0.12))
        h = height * (0.25 + r() * 0.35)
        buildings.append((x, x + w, height - h, r()))
        x += w + int(r() * 6)
    mx, my, mr = width * (0.2 + r() * 0.6), height * (0.18 + r() * 0.1), width * 0.09
    rows = []
    for y in range(height):
        row = bytearray()
        sky = mix(dark, mid, (y / height) ** 1.5)
        for x in range(width):
            c = sky
            if math.hypot(x - mx, y - my) < mr:
                c = light
            for x0, x1, top, lit in buildings:
                if x0 <= x < x1 and y >= top:
                    c = mix(dark, (0, 0, 0), 0.55)
                    wx, wy = (x - x0) % 12, int(y - top) % 16
                    if 3 <= wx < 8 and 4 <= wy < 10 and ((x - x0) // 12 * 7 + int(y - top) // 16 * 3 + int(lit * 10)) % 4 == 0:
                        c = mix(light, mid, 0.2)
            row += bytes(c)
        rows.append(row)
    return rows


def silhouette(width, height, seed):
    """A lone figure against a huge sun, on a ridge."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    sx, sy, sr = width * 0.5, height * (0.42 + r() * 0.08), width * (0.34 + r() * 0.08)
    fx = width * (0.4 + r() * 0.2)
    ground = height * 0.78
    head = height * 0.035
    rows = []
    for y in range(height):
        row = bytearray()
        sky = mix(mid, dark, abs(y / height - 0.45) * 1.8)
        for x in range(width):
            c = sky
            d = math.hypot(x - sx, y - sy)
            if d < sr:
                c = mix(light, mid, (d / sr) ** 3)
            ridge = ground + math.sin(x * 0.02 + seed) * height * 0.02
            body_top = ground - height * 0.2
            if y > ridge:
                c = mix(dark, (0, 0, 0), 0.6)
            elif math.hypot(x - fx, y - (body_top - head * 1.2)) < head:
                c = mix(dark, (0, 0, 0), 0.6)
            elif body_top < y <= ridge:
                half = head * (0.9 + 0.6 * (y - body_top) / (ridge - body_top))
                if abs(x - fx) < half:
                    c = mix(dark, (0, 0, 0), 0.6)
            row += bytes(c)
        rows.append(row)
    return rows


def peaks(width, height, seed):
    """Sharp mountains with snow caps under a banded sky."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    mountains = [(width * r(), height * (0.3 + r() * 0.25), width * (0.35 + r() * 0.3)) for _ in range(4)]
    rows = []
    for y in range(height):
        row = bytearray()
        band = int(y / (height * 0.06)) % 2
        sky = mix(mix(mid, light, 0.3 * band), dark, y / height * 0.5)
        for x in range(width):
            c = sky
            for i, (px, top, half) in enumerate(mountains):
                edge = top + abs(x - px) / half * height * 0.55
                if y >= edge:
                    c = mix(dark, (0, 0, 0), 0.2 + 0.12 * i)
                    if y < top + height * 0.07 and y < edge + height * 0.035:
                        c = mix(light, (255, 255, 255), 0.5)
            row += bytes(c)
        rows.append(row)
    return rows


def tiles(width, height, seed):
    """A tiled pattern of half-square triangles, like a quilt."""
    dark, mid, light = palette(seed)
    r = rng(seed)
    size = int(width / (4 + int(r() * 3)))
    flips = [[r() for _ in range(width // size + 2)] for _ in range(height // size + 2)]
    tones = [dark, mid, light, mix(dark, mid, 0.5)]
    rows = []
    for y in range(height):
        row = bytearray()
        ty = y // size
        for x in range(width):
            tx = x // size
            f = flips[ty][tx]
            lx, ly = x % size, y % size
            upper = lx > ly if f < 0.5 else lx + ly < size
            k = (int(f * 8) + (1 if upper else 0)) % len(tones)
            c = tones[k]
            if lx < 2 or ly < 2:
                c = mix(c, (0, 0, 0), 0.4)
            row += bytes(c)
        rows.append(row)
    return rows


SCENES = [stripes, rings, skyline, silhouette, peaks, tiles, scene]


def poster_scene(i):
    """Posters 00-11 keep the original landscapes; later ones cycle through the scene types."""
    if i < 12:
        return scene
    return SCENES[(i - 12) % len(SCENES)]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def to_jpeg(png_path, jpg_path, size=None):
    args = ["convert", png_path]
    if size:
        args += ["-resize", size]
    subprocess.run(args + ["-quality", "85", "-strip", jpg_path], check=True)
    os.remove(png_path)


def main():
    count = 48
    if "--count" in sys.argv:
        count = int(sys.argv[sys.argv.index("--count") + 1])
    backdrops = 12
    if "--backdrops" in sys.argv:
        backdrops = int(sys.argv[sys.argv.index("--backdrops") + 1])
    for i in range(count):
        path = os.path.join(ROOT, "posters", f"poster-{i:02}.png")
        write(path, png_bytes(240, 360, poster_scene(i)(240, 360, i)))
        print(path)
    have_convert = shutil.which("convert") is not None
    for i in range(backdrops):
        png = os.path.join(ROOT, "backdrops", f"backdrop-{i:02}.png")
        if i == 0:
            write(png, png_bytes(960, 540, scene(960, 540, 3)))
        else:
            # Rendered at full size: upscaled small renders showed stair-stepped edges on a TV.
            write(png, png_bytes(960, 540, SCENES[(i * 3) % len(SCENES)](960, 540, 100 + i)))
        if have_convert:
            jpg = png[:-4] + ".jpg"
            to_jpeg(png, jpg, None)
            print(jpg)
        else:
            print(png)
    if not have_convert:
        print("convert not found: kept PNG backdrops", file=sys.stderr)


if __name__ == "__main__":
    main()
