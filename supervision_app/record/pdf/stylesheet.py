"""The record's named paragraph styles (one stylesheet factory, as in pretix's invoice
builder), and the palette's colours as ReportLab colours."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from supervision_app.record.pdf.fonts import FONT, FONT_BOLD, register_fonts, shaping_available
from supervision_app.record.styles import PALETTE

INK = colors.HexColor(PALETTE.ink)
MUTED = colors.HexColor(PALETTE.muted)
ACCENT = colors.HexColor(PALETTE.accent)
RULE = colors.HexColor(PALETTE.rule)


def stylesheet() -> StyleSheet1:
    """The named paragraph styles of the record (body 10 pt DejaVu Sans)."""
    register_fonts()
    ss = StyleSheet1()
    base = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10,
        leading=14,
        textColor=INK,
        alignment=TA_LEFT,
        shaping=1 if shaping_available() else 0,
    )
    ss.add(base)

    def add(name: str, **kw: Any) -> None:
        ss.add(ParagraphStyle(name, parent=ss[kw.pop("parent", "Body")], **kw))

    add("Title", fontName=FONT_BOLD, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=2)
    add("Subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=10)
    add("Label", fontName=FONT_BOLD, fontSize=9, leading=13, textColor=MUTED)
    add("Value", fontSize=10, leading=13.5)
    add("Empty", parent="Value", textColor=MUTED)
    add(
        "Stage",
        fontName=FONT_BOLD,
        fontSize=13.5,
        leading=17,
        textColor=ACCENT,
        spaceBefore=16,
        keepWithNext=1,
    )
    add("Section", parent="Stage")
    add("Summary", fontSize=9.5, leading=13, textColor=MUTED, spaceAfter=6, keepWithNext=1)
    add(
        "Group",
        fontName=FONT_BOLD,
        fontSize=11,
        leading=14,
        textColor=INK,
        spaceBefore=8,
        spaceAfter=1,
        keepWithNext=1,
    )
    add(
        "Prompt",
        fontName=FONT_BOLD,
        fontSize=10,
        leading=13.5,
        spaceBefore=7,
        spaceAfter=2,
        keepWithNext=1,
    )
    add("Answer")
    add("ToolSection", fontName=FONT_BOLD, fontSize=9.5, leading=13, spaceBefore=4)
    add("ToolRow", leftIndent=14, bulletIndent=3, bulletFontName=FONT, spaceBefore=2)
    add("ToolNote", leftIndent=14, fontSize=9, leading=12.5, textColor=MUTED)
    add("Source", fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=2)
    add("Decision", leftIndent=18, bulletIndent=0, bulletFontName=FONT_BOLD, spaceBefore=6)
    add("Rationale", leftIndent=18, fontSize=9.5, leading=13.5, spaceBefore=1)
    add("Cell", fontSize=9, leading=12)
    add("CellHeader", parent="Cell", fontName=FONT_BOLD)
    add("Colophon", fontSize=8, leading=11, textColor=MUTED)
    add("Fingerprint", fontSize=10, leading=14, spaceBefore=10)
    add("Late", fontSize=9, leading=12, textColor=colors.HexColor("#9a3412"))
    add("WriteValue", fontSize=10, leading=24)
    return ss
