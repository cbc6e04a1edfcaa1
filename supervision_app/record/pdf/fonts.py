"""The record's fonts: DejaVu Sans, the bundled fallback fonts, and what each can draw.

Characters that the bundled DejaVu Sans cannot draw are set in a fallback font
(:data:`FALLBACK_FONTS`: a subset of Symbola for emoji and symbols).  Characters
no bundled font can draw are replaced by ``[U+XXXX]`` (:func:`missing_glyphs`):
ReportLab would otherwise print an empty box and put U+0000 in the text layer,
losing the word for good.

For characters beyond U+FFFF that DejaVu can draw (some emoji, mathematical
letters), :func:`patch_tounicode_cmap` corrects ReportLab's ToUnicode map so
they can be copied and searched.

Scripts DejaVu cannot draw well are set in bundled fallback fonts
(:data:`FALLBACK_FONTS`): Arabic and Urdu in Noto Naskh Arabic, Hebrew in Noto Sans Hebrew, Hindi in Noto
Sans Devanagari, Punjabi in Noto Sans Gurmukhi (all shaped through
``uharfbuzz``, which also lays a right-to-left run out right to left), and
Chinese in a subset of WenQuanYi Micro Hei (GB 2312 hanzi, kana, CJK
punctuation).  Full bidi reordering of mixed paragraphs needs ``rlbidi``,
which is not available here; Hebrew is set in Noto Sans Hebrew for the same reason.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from supervision_app.paths import resource_path
from supervision_app.record.styles import code_point_marker, printable_text

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
#: Fonts tried, in order, for characters DejaVu Sans cannot draw (registered name, file).
#: SymbolaEmoji is a subset of Symbola 2.60 (emoji and symbols; free for any use).
FALLBACK_FONTS: tuple[tuple[str, str], ...] = (
    ("SymbolaEmoji", "SymbolaEmoji-subset.ttf"),
    ("NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf"),
    ("NotoSansHebrew", "NotoSansHebrew-Regular.ttf"),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf"),
    ("WQYMicroHeiCJK", "WQYMicroHei-CJK-subset.ttf"),
)
#: Fonts that need shaping (joining, reordering of vowel signs, conjuncts) through HarfBuzz.
SHAPED_FONTS = frozenset(
    {"NotoNaskhArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansGurmukhi"}
)
#: Scripts set in their own font even where DejaVu has the letters (DejaVu cannot join Arabic).
RTL_FONTS = (
    (
        "NotoNaskhArabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    ("NotoSansHebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
)
#: The names of the right-to-left fonts, and every code point they are used for.
RTL_NAMES = frozenset(name for name, _ranges in RTL_FONTS)
RTL_CODES = frozenset(
    code for _name, ranges in RTL_FONTS for low, high in ranges for code in range(low, high + 1)
)


@functools.lru_cache(maxsize=8192)
def rtl_font(code: int) -> str | None:
    """The shaped font for a right-to-left letter (DejaVu has them but cannot lay them out)."""
    for name, ranges in RTL_FONTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None


def shaping_available() -> bool:
    """True when uharfbuzz is installed, so Arabic and Indic text is shaped."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


_CMAP_ASTRAL_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def patch_tounicode_cmap() -> None:
    """Make ReportLab write characters beyond U+FFFF correctly into the text layer.

    ReportLab 5.1 writes such a character's ToUnicode entry as ``<1F600>``
    (five hex digits) instead of the UTF-16 surrogate pair ``<D83DDE00>`` that
    the PDF specification requires, so readers cannot copy, search or read
    aloud e.g. emoji or mathematical letters that DejaVu Sans can draw.  This
    wraps ReportLab's CMap writer and rewrites only those malformed entries.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_supervision_app_fixed", False):
        return

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        return _CMAP_ASTRAL_ENTRY.sub(
            lambda m: f"<{m[1]}> <{_utf16_hex(int(m[2], 16))}>", original(fontname, subset)
        )

    make_to_unicode_cmap._supervision_app_fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


class RecordFont(TTFont):  # type: ignore[misc]  # ReportLab has no types
    """A TrueType font whose text, once its characters are in the PDF's first subset, is
    mapped to that subset's codes in one pass.

    ReportLab's ``splitString`` (called for every run of text drawn) walks the text a
    character at a time in Python, assigning each new character a code in a subset of
    the embedded font.  When every character already has a code in subset 0 (the
    common case after the first lines of a record), the result is the text's codes as
    bytes; anything else (a new character, one in a later subset, one the font lacks)
    takes ReportLab's own path, so the subsets and codes are ReportLab's.
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            assigned = state.assignments
            try:  # no-break space prints as a space, as in ReportLab's
                codes = bytes([assigned[code] for code in map(ord, text.replace("\xa0", " "))])
            except (KeyError, ValueError):  # not assigned yet, or beyond subset 0
                pass
            else:
                return [(0, codes)] if codes else []
        parts: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return parts


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) once, with ``<b>`` mapped to bold."""
    patch_tounicode_cmap()
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        # DejaVu text is not shaped: its text layer then keeps every character as typed.
        _register(RecordFont(name, str(resource_path("fonts", file)), shapable=False))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    for name, file in FALLBACK_FONTS:
        shaped = name in SHAPED_FONTS and shaping_available()
        _register(TTFont(name, str(resource_path("fonts", file)), shapable=shaped))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FONT, FONT_BOLD


def _register(font: TTFont) -> None:
    """Register ``font``, with its face's ascent and descent on the font itself: ReportLab's
    ``getAscentDescent`` (called for every word of every line) reads ``font.ascent`` and,
    for a TrueType font that has none, falls back to the face's after catching the
    AttributeError; the same numbers, without an exception per word."""
    font.ascent, font.descent = font.face.ascent, font.face.descent
    pdfmetrics.registerFont(font)


@functools.cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points ``font_name`` has a glyph for."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@functools.cache
def plain_characters(font_name: str) -> frozenset[str]:
    """The characters ``font_name`` draws unshaped and left to right: a line made only of
    them needs no fallback font and no right-to-left run (one set comparison per line)."""
    return frozenset(chr(code) for code in coverage(font_name) - RTL_CODES)


class MissingGlyphs(dict[int, int | str]):
    """A ``str.translate`` table: characters the font lacks map to a visible marker."""

    def __init__(self, covered: frozenset[int]) -> None:
        super().__init__()
        self._covered = covered | {ord("\n")}

    def __missing__(self, code: int) -> int | str:
        value: int | str = code if code in self._covered else code_point_marker(chr(code))
        self[code] = value
        return value


@functools.cache
def missing_glyphs(font_name: str, with_fallbacks: bool = True) -> MissingGlyphs:
    """Characters neither ``font_name`` nor (optionally) a fallback font can draw."""
    covered = coverage(font_name)
    if with_fallbacks:
        for name, _file in FALLBACK_FONTS:
            covered |= coverage(name)
    return MissingGlyphs(covered)


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis if wider than ``width`` points."""
    text = printable_text(text).replace("\n", " ").translate(missing_glyphs(font, False))
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
