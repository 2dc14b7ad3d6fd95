#!/usr/bin/env python3
"""Writes the seed corpus of the `image_load` fuzz target: fuzz/corpus/image_load/.

Small valid PNGs (RGBA, grey, palette, 16-bit, interlaced), PNG headers that claim huge sizes
(decompression bombs the decoder must refuse before allocating), and JPEGs: a small baseline and a
progressive one cut from a bundled backdrop with ImageMagick's `convert` (skipped without it).
Standard library only, deterministic output. Run: python3 scripts/make_fuzz_seeds.py
"""
import os
import shutil
import struct
import subprocess
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus", "image_load")


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, depth, color_type, rows, interlace=0, extra=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    w, h = 4, 3
    rgba = [b"".join(bytes((x * 60, y * 80, 200, 255 - x * 40)) for x in range(w)) for y in range(h)]
    write("rgba-4x3.png", png(w, h, 8, 6, rgba))
    write("grey-4x3.png", png(w, h, 8, 0, [bytes(x * 60 + y for x in range(w)) for y in range(h)]))
    plte = chunk(b"PLTE", bytes((255, 0, 0, 0, 255, 0, 0, 0, 255)))
    write("palette-4x3.png", png(w, h, 8, 3, [bytes((x + y) % 3 for x in range(w)) for y in range(h)], extra=plte))
    write("rgb16-2x2.png", png(2, 2, 16, 2, [bytes(range(12)), bytes(range(12, 24))]))
    write("interlaced-4x3.png", png(w, h, 8, 6, rgba, interlace=1))
    # Headers claiming 100000 x 100000 (and 8192 x 8192 RGBA16, 512 MiB) with a tiny body.
    write("bomb-100000.png", png(100000, 100000, 8, 6, [b"\x00" * 4]))
    write("bomb-8192-rgba16.png", png(8192, 8192, 16, 6, [b"\x00" * 8]))
    if shutil.which("convert"):
        src = os.path.join(ROOT, "assets", "backdrops", "backdrop-00.jpg")
        for name, args in (("baseline-16x9.jpg", []), ("progressive-16x9.jpg", ["-interlace", "JPEG"])):
            dst = os.path.join(OUT, name)
            subprocess.run(["convert", src, "-resize", "16x9!", "-strip", "-quality", "40", *args, dst], check=True)
    else:
        print("convert not found: JPEG seeds skipped")


if __name__ == "__main__":
    main()
