#!/usr/bin/env python3
"""Generates the sample posters and backdrops in assets/ (our own procedural art, CC0).

Deterministic: the same script writes the same bytes. Standard library only for PNG; the JPEG
backdrops need ImageMagick's `convert` (Debian package `imagemagick`) and are skipped without it.

    python3 scripts/make_posters.py [--count N]
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


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    count = 12
    if "--count" in sys.argv:
        count = int(sys.argv[sys.argv.index("--count") + 1])
    for i in range(count):
        path = os.path.join(ROOT, "posters", f"poster-{i:02}.png")
        write(path, png_bytes(240, 360, scene(240, 360, i)))
        print(path)
    backdrop = os.path.join(ROOT, "backdrops", "backdrop-00.png")
    write(backdrop, png_bytes(960, 540, scene(960, 540, 3)))
    print(backdrop)
    if shutil.which("convert"):
        jpg = os.path.join(ROOT, "backdrops", "backdrop-00.jpg")
        subprocess.run(["convert", backdrop, "-quality", "85", "-strip", jpg], check=True)
        os.remove(backdrop)
        print(jpg)
    else:
        print("convert not found: kept the PNG backdrop only", file=sys.stderr)


if __name__ == "__main__":
    main()
