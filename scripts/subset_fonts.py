#!/usr/bin/env python3
"""scripts/subset_fonts.py: the page's font, cut at build time to the glyphs the UI uses (CMake runs this).

Noto Sans (Latin, Greek, sub- and superscript digits, ŷ, ᵀ) with Noto Sans Math merged in for what Noto Sans
lacks (∂ ∇ ⊗ ⊙ − → ...), both from Debian's fonts-noto-core, subset with fontTools (python3-fonttools).
The glyph set is REQUIRED (the build fails if a font lacks one), WANTED (taken where a font has it) and
every non-ASCII character found in the scanned UI sources (so a new string in the UI brings its glyphs).

Writes <out>/ui_text.ttf, <out>/ui_math.ttf and <out>/fonts.h: both files as byte arrays, and ImGui glyph
ranges listing exactly the code points each file has (ImGui rasterises only what the ranges name).

usage: subset_fonts.py --text NotoSans-Regular.ttf --math NotoSansMath-Regular.ttf --out DIR [--scan FILE...]
"""
import argparse
import io
import os
import sys

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont


def cps(text):
    return {ord(c) for c in text}


def span(lo, hi):
    return set(range(lo, hi + 1))


# Must render: the build fails when neither font has one of these.
REQUIRED = (span(0x20, 0x7E) | span(0xA0, 0xFF)                   # Basic Latin, Latin-1
            | (span(0x391, 0x3A9) - {0x3A2}) | span(0x3B1, 0x3C9)  # Greek capitals and small letters
            | span(0x2070, 0x2070) | span(0x2074, 0x207E)          # superscript 0, 4-9, + - = ( )
            | span(0xB2, 0xB3) | span(0xB9, 0xB9)                  # superscript 2, 3, 1 (Latin-1)
            | span(0x2080, 0x208E)                                 # subscript 0-9, + - = ( )
            | cps("∂ŷσηλΣ⊗⊙ᵀ−×·→←↑↓↔⇒∇∑∏√∞≈≠≤≥±∈∘⋅‖ℓℝ…–—•‘’“”′″ⁱⁿᵢⱼ"))

# Taken where a font has them: more sub/superscript letters, arrows (simple, maps-to, paired, double),
# modifier letters, ϵ ϑ ϕ, and U+FFFD (ImGui's fallback glyph for anything else).
WANTED = (span(0x2090, 0x209C) | span(0x2190, 0x2199) | span(0x21A4, 0x21A7) | span(0x21C4, 0x21C6)
          | span(0x21D0, 0x21D5) | span(0x1D40, 0x1D6A) | cps("ϵϑϕϖ\ufffd"))

# What ImGui never reads: hinting (stb_truetype ignores it), layout tables (no shaping), the MATH table, the
# signature. The copyright and licence names stay (SIL Open Font License).
DROP_TABLES = ["DSIG", "GDEF", "GPOS", "GSUB", "MATH", "gasp"]
KEEP_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]


# Hangul (jamo, compatibility jamo, syllables) and CJK punctuation: the Korean subset's, never Noto Sans's.
HANGUL = span(0x1100, 0x11FF) | span(0x3000, 0x303F) | span(0x3130, 0x318F) | span(0xAC00, 0xD7A3)


def scanned(paths):
    found = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            found |= {ord(c) for c in f.read() if ord(c) > 0x7E}
    return found - HANGUL


def scanned_hangul(paths):
    found = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            found |= {ord(c) for c in f.read() if ord(c) in HANGUL}
    return found


def decompose_scaled_components(font):
    """Turns every composite glyph with a scaled component (ᵀ is a T at 65% x 60%) into plain outlines:
    stb_truetype, ImGui's rasteriser, applies a component's scale twice, which drew ᵀ as a dot."""
    glyf, glyph_set = font["glyf"], font.getGlyphSet()
    for name in list(glyf.keys()):
        glyph = glyf[name]
        if not glyph.isComposite() or not any(hasattr(c, "transform") for c in glyph.components):
            continue
        recording = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(pen)
        glyf[name] = pen.glyph()


def subset_font(path, codepoints, metrics_from=None):
    """The font at `path` cut to `codepoints`; with `metrics_from`, its vertical metrics become that font's, so
    ImGui scales both alike (it maps ascent - descent to the pixel size) and their baselines meet."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += DROP_TABLES
    options.name_IDs = KEEP_NAME_IDS
    options.notdef_outline = True
    options.glyph_names = False
    font = TTFont(path)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(codepoints))
    sub.subset(font)
    decompose_scaled_components(font)
    if metrics_from is not None:
        for table, fields in (("hhea", ("ascent", "descent", "lineGap")),
                              ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"))):
            for field in fields:
                setattr(font[table], field, getattr(metrics_from[table], field))
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def ranges(codepoints):
    """Sorted code points as ImGui's zero-terminated [first, last] pairs."""
    out, run = [], None
    for c in sorted(codepoints):
        if run and c == run[1] + 1:
            run[1] = c
        else:
            run = [c, c]
            out.append(run)
    return [v for r in out for v in r] + [0]


def c_bytes(name, data):
    rows = [", ".join(f"0x{b:02x}" for b in data[i:i + 24]) for i in range(0, len(data), 24)]
    return f"inline constexpr unsigned char {name}[{len(data)}] = {{\n  " + ",\n  ".join(rows) + "\n};\n"


def c_ranges(name, values):
    return f"inline constexpr unsigned short {name}[] = {{{', '.join(f'0x{v:04x}' for v in values)}}};\n"


def write_if_changed(path, data):
    mode = "rb" if isinstance(data, bytes) else "r"
    if os.path.exists(path):
        with open(path, mode) as f:
            if f.read() == data:
                return
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", required=True)
    ap.add_argument("--math", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scan", nargs="*", default=[])
    ap.add_argument("--korean", help="a Korean font (NanumGothic): ui_ko.ttf is cut to the Hangul of --korean-scan")
    ap.add_argument("--korean-scan", nargs="*", default=[])
    args = ap.parse_args()

    text_font, math_font = TTFont(args.text), TTFont(args.math)
    text_cmap, math_cmap = text_font.getBestCmap(), math_font.getBestCmap()
    wanted = REQUIRED | WANTED | scanned(args.scan)
    in_text = {c for c in wanted if c in text_cmap}
    in_math = {c for c in wanted - in_text if c in math_cmap}
    missing = sorted(c for c in (REQUIRED | scanned(args.scan)) - in_text - in_math)
    if missing:
        sys.exit("subset_fonts: no glyph in either font for " + " ".join(f"U+{c:04X} {chr(c)}" for c in missing) +
                 " (a character of the required set or of a UI string: choose another, or add a font that has it)")

    text_ttf = subset_font(args.text, in_text)
    math_ttf = subset_font(args.math, in_math, metrics_from=text_font)
    os.makedirs(args.out, exist_ok=True)
    write_if_changed(os.path.join(args.out, "ui_text.ttf"), text_ttf)
    write_if_changed(os.path.join(args.out, "ui_math.ttf"), math_ttf)
    header = ("// Generated by scripts/subset_fonts.py: do not edit. The page's fonts, subset to the UI's glyphs.\n"
              f"// {os.path.basename(args.text)}: {len(in_text)} code points, {len(text_ttf)} bytes; "
              f"{os.path.basename(args.math)}: {len(in_math)} code points, {len(math_ttf)} bytes.\n"
              "#pragma once\n\n"
              + c_bytes("kFontText", text_ttf) + c_ranges("kFontTextRanges", ranges(in_text))
              + c_bytes("kFontMath", math_ttf) + c_ranges("kFontMathRanges", ranges(in_math))
              + c_ranges("kFontRequired", ranges(REQUIRED)))
    ko_ranges = [0]
    if args.korean:  # fetched by the page only when Korean is shown: a file of its own, its ranges in fonts.h
        ko_font = TTFont(args.korean)
        ko_cmap = ko_font.getBestCmap()
        hangul = scanned_hangul(args.korean_scan)
        ko_missing = sorted(c for c in hangul if c not in ko_cmap)
        if ko_missing:
            sys.exit("subset_fonts: no glyph in the Korean font for " + " ".join(f"U+{c:04X} {chr(c)}" for c in ko_missing))
        ko_ttf = subset_font(args.korean, hangul, metrics_from=text_font)
        write_if_changed(os.path.join(args.out, "ui_ko.ttf"), ko_ttf)
        ko_ranges = ranges(hangul)
        print(f"subset_fonts: Korean {len(hangul)} syllables {len(ko_ttf)} B")
    header += c_ranges("kFontKoreanRanges", ko_ranges)
    write_if_changed(os.path.join(args.out, "fonts.h"), header)
    print(f"subset_fonts: text {len(in_text)} glyphs {len(text_ttf)} B, math {len(in_math)} glyphs {len(math_ttf)} B")


if __name__ == "__main__":
    main()
