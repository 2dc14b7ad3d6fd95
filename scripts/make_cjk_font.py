#!/usr/bin/env python3
"""Cuts the Japanese font the sample app bundles: Noto Sans CJK JP (Regular, Bold) from the
Debian package fonts-noto-cjk, reduced to the characters the .ftl files and the locale formats
(toolkit/src/l10n/format.rs: 時間, 分, 年月日) use plus hiragana, katakana and CJK punctuation,
so every Japanese string of the app renders and the subset stays small. Run after editing
assets/locales/ja/*.ftl or the formats:  python3 scripts/make_cjk_font.py
(`tenfoot --locale ja --lint-l10n` reports a character the subset lacks as a missing glyph.)
Needs: fonts-noto-cjk (apt), fonttools (pip)."""
import glob
import subprocess

SOURCES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
# Index 0 of the collection is Noto Sans CJK JP.
FONT_NUMBER = "0"
RANGES = "U+3000-303F,U+3040-309F,U+30A0-30FF,U+FF01-FF5E,U+30FC"


def main():
    chars = set()
    for path in sorted(glob.glob("assets/locales/ja/*.ftl")) + ["toolkit/src/l10n/format.rs"]:
        with open(path, encoding="utf-8") as f:
            chars.update(c for c in f.read() if ord(c) > 0x2E7F)
    text = "".join(sorted(chars))
    for weight, src in SOURCES.items():
        out = f"assets/fonts/NotoSansJP-{weight}-subset.otf"
        subprocess.run(
            [
                "pyftsubset", src, f"--font-number={FONT_NUMBER}", f"--text={text}",
                f"--unicodes={RANGES}", f"--output-file={out}",
                "--no-hinting", "--desubroutinize",
            ],
            check=True,
        )
        print(out, len(chars), "characters from the .ftl files and the formats")


if __name__ == "__main__":
    main()
