"""Render a :class:`SessionRecord` as an A4 PDF with ReportLab platypus.

The layout follows the pretix invoice builder: one stylesheet factory of named
paragraph styles (:func:`stylesheet`), a page template whose ``onPage``
callback draws the page furniture (protective marking at the top and bottom
centre, case reference), a numbered canvas that adds "Page X of Y" once the
total is known, and a story assembled from one small function per section.

Only this module imports ReportLab; nothing imports this module at start-up.

How user text is made safe for ReportLab's paragraph markup:

1. :func:`~supervision_app.record.styles.printable_text` normalises line breaks,
   turns tabs into spaces and replaces control characters and lone surrogates
   with a visible ``[U+XXXX]`` marker.
2. Characters that the bundled DejaVu Sans cannot draw are set in a fallback
   font (:data:`FALLBACK_FONTS`: a subset of Symbola for emoji and symbols).
   Characters no bundled font can draw (CJK, Devanagari, ... for now) are
   replaced by ``[U+XXXX]``: ReportLab would otherwise print an empty box and
   put U+0000 in the text layer, losing the word for good.
3. ``&``, ``<``, ``>`` and quotes are escaped, so markup typed by a user
   (``<b>``, ``<font>``, ``<img>``, ``&amp;``) prints literally; newlines become
   ``<br/>`` and leading spaces become no-break spaces (kept as indentation).
4. Each line of user text becomes its own Paragraph (visually the same as
   ``<br/>``, but each stays a simple one-fragment paragraph that ReportLab
   wraps quickly), and a line longer than :data:`CHUNK_CHARS` characters is
   cut at a space into several.  ReportLab re-wraps the whole rest of a
   paragraph at every page break, so a single 1 MB paragraph would take
   minutes; cut up, it takes seconds.  The price is a line that ends early
   every few pages inside an enormous paragraph.  Words wider than the column
   are broken by ReportLab itself (``splitLongWords``).  A table cell holds at
   most :data:`CELL_CHARS` characters; the rest is printed right after the
   table under "Action N, Column (continued from the table)".

For characters beyond U+FFFF that DejaVu can draw (some emoji, mathematical
letters), :func:`_patch_tounicode_cmap` corrects ReportLab's ToUnicode map so
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
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus.flowables import HRFlowable

from supervision_app import APP_NAME
from supervision_app.atomic import write_atomically
from supervision_app.paths import resource_path
from supervision_app.record.model import RecordPrompt, RecordStage, SessionRecord
from supervision_app.record.styles import (
    LABELS,
    PALETTE,
    code_point_marker,
    format_datetime_text,
    printable_text,
)

__all__ = ["RecordExportError", "render_pdf", "stylesheet", "visible_text", "write_pdf"]

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
_RTL_FONTS = (
    (
        "NotoNaskhArabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    ("NotoSansHebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
)


_RTL_NAMES = frozenset(name for name, _ranges in _RTL_FONTS)
_RTL_CODES = frozenset(
    code for _name, ranges in _RTL_FONTS for low, high in ranges for code in range(low, high + 1)
)


class Paragraph(_ReportLabParagraph):
    """ReportLab's Paragraph, its lines broken once per width.

    A group kept with its heading (:class:`KeepWithFirstLines`) and a table
    measure their paragraphs before placing them, and the frame then wraps each
    paragraph again at the same width; ReportLab breaks every line anew each
    time, which was half of the record's layout time.  The result of a wrap
    depends only on the width (and the paragraph, which does not change).
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == getattr(self, "_wrapped_width", None) and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


@functools.lru_cache(maxsize=8192)
def _rtl_font(code: int) -> str | None:
    """The shaped font for a right-to-left letter (DejaVu has them but cannot lay them out)."""
    for name, ranges in _RTL_FONTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None


def _is_rtl(code: int) -> bool:
    return _rtl_font(code) is not None


def shaping_available() -> bool:
    """True when uharfbuzz is installed, so Arabic and Indic text is shaped."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


#: Longest run of user text placed in one Paragraph (see the module docstring).
CHUNK_CHARS = 8000
#: Longest text placed in a table cell; the rest is printed after the table.
#: ReportLab re-wraps a whole row at every page break, so a huge cell would take minutes.
CELL_CHARS = 2000

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
FRAME_TOP = PAGE_HEIGHT - 22 * mm
FRAME_BOTTOM = 24 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

_QUOTES = {'"': "&quot;", "'": "&#39;"}
_INK = colors.HexColor(PALETTE.ink)
_MUTED = colors.HexColor(PALETTE.muted)
_ACCENT = colors.HexColor(PALETTE.accent)
_RULE = colors.HexColor(PALETTE.rule)


class RecordExportError(Exception):
    """The record could not be written; the message says where and why."""


# --------------------------------------------------------------------------- fonts and styles


_CMAP_ASTRAL_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _patch_tounicode_cmap() -> None:
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


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) once, with ``<b>`` mapped to bold."""
    _patch_tounicode_cmap()
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        # DejaVu text is not shaped: its text layer then keeps every character as typed.
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file)), shapable=False))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    for name, file in FALLBACK_FONTS:
        shaped = name in SHAPED_FONTS and shaping_available()
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file)), shapable=shaped))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FONT, FONT_BOLD


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@functools.cache
def _missing_glyphs(font_name: str, with_fallbacks: bool = True) -> _MissingGlyphs:
    """Characters neither ``font_name`` nor (optionally) a fallback font can draw."""
    covered = _coverage(font_name)
    if with_fallbacks:
        for name, _file in FALLBACK_FONTS:
            covered |= _coverage(name)
    return _MissingGlyphs(covered)


def _font_runs(line: str, font_name: str) -> str:
    """Escaped markup for one line, with runs the main font lacks set in a fallback font."""
    primary = _coverage(font_name)
    codes = {ord(ch) for ch in set(line)}
    if codes <= primary and codes.isdisjoint(_RTL_CODES):
        return escape(line, _QUOTES)
    fallbacks = [(name, _coverage(name)) for name, _file in FALLBACK_FONTS]
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None

    def flush() -> None:
        if run:
            text = "".join(run)
            if run_font in _RTL_NAMES:
                # HarfBuzz lays out each word right to left; the words of a right-to-left
                # phrase must also run right to left (a simple bidi for an LTR paragraph).
                core = text.strip(" ")
                lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(core) :]
                text = lead + " ".join(reversed(core.split(" "))) + trail[len(lead) :]
            body = escape(text, _QUOTES)
            out.append(f'<font name="{run_font}">{body}</font>' if run_font else body)
            run.clear()

    for ch in line:
        code = ord(ch)
        # Joiners and variation selectors stay with the run they join, and spaces stay
        # inside a shaped run (so HarfBuzz lays a right-to-left phrase out as a whole).
        rtl = _rtl_font(code)
        if rtl is not None and code in _coverage(rtl):
            font = rtl
        elif run_font and (
            code in (0x200C, 0x200D, 0xFE0E, 0xFE0F) or (run_font in SHAPED_FONTS and ch == " ")
        ):
            font = run_font
        elif code in primary:
            font = None
        else:
            font = next((name for name, cov in fallbacks if code in cov), None)
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(out)


class _MissingGlyphs(dict):
    """A ``str.translate`` table: characters the font lacks map to a visible marker."""

    def __init__(self, covered: frozenset[int]) -> None:
        super().__init__()
        self._covered = covered | {ord("\n")}

    def __missing__(self, code: int) -> int | str:
        value: int | str = code if code in self._covered else code_point_marker(chr(code))
        self[code] = value
        return value


def stylesheet() -> StyleSheet1:
    """The named paragraph styles of the record (body 10 pt DejaVu Sans)."""
    register_fonts()
    ss = StyleSheet1()
    base = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10,
        leading=14,
        textColor=_INK,
        alignment=TA_LEFT,
        shaping=1 if shaping_available() else 0,
    )
    ss.add(base)

    def add(name: str, **kw: Any) -> None:
        ss.add(ParagraphStyle(name, parent=ss[kw.pop("parent", "Body")], **kw))

    add("Title", fontName=FONT_BOLD, fontSize=18, leading=22, textColor=_ACCENT, spaceAfter=2)
    add("Subtitle", fontSize=11, leading=15, textColor=_MUTED, spaceAfter=10)
    add("Label", fontName=FONT_BOLD, fontSize=9, leading=13, textColor=_MUTED)
    add("Value", fontSize=10, leading=13.5)
    add("Empty", parent="Value", textColor=_MUTED)
    add(
        "Stage",
        fontName=FONT_BOLD,
        fontSize=13.5,
        leading=17,
        textColor=_ACCENT,
        spaceBefore=16,
        keepWithNext=1,
    )
    add("Section", parent="Stage")
    add("Summary", fontSize=9.5, leading=13, textColor=_MUTED, spaceAfter=6, keepWithNext=1)
    add(
        "Group",
        fontName=FONT_BOLD,
        fontSize=11,
        leading=14,
        textColor=_INK,
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
    add("ToolNote", leftIndent=14, fontSize=9, leading=12.5, textColor=_MUTED)
    add("Source", fontSize=8, leading=10.5, textColor=_MUTED, spaceBefore=2)
    add("Decision", leftIndent=18, bulletIndent=0, bulletFontName=FONT_BOLD, spaceBefore=6)
    add("Rationale", leftIndent=18, fontSize=9.5, leading=13.5, spaceBefore=1)
    add("Cell", fontSize=9, leading=12)
    add("CellHeader", parent="Cell", fontName=FONT_BOLD)
    add("Colophon", fontSize=8, leading=11, textColor=_MUTED)
    add("Fingerprint", fontSize=10, leading=14, spaceBefore=10)
    add("Late", fontSize=9, leading=12, textColor=colors.HexColor("#9a3412"))
    add("WriteValue", fontSize=10, leading=24)
    return ss


# --------------------------------------------------------------------------- user text


def visible_text(text: str, font_name: str = FONT) -> str:
    """User text as the PDF shows it: printable, with ``[U+XXXX]`` for glyphs the font lacks."""
    return printable_text(text).translate(_missing_glyphs(font_name))


def paragraph_markup(text: str, font_name: str = FONT) -> str:
    """Plain user text as safe Paragraph markup, line breaks as ``<br/>``.

    Expects text already passed through ``printable_text``.  Characters the
    font cannot draw become ``[U+XXXX]``; markup characters are escaped;
    leading spaces become no-break spaces so indentation survives.
    """
    lines = []
    for line in text.translate(_missing_glyphs(font_name)).split("\n"):
        body = line.lstrip(" ")
        lines.append("\xa0" * (len(line) - len(body)) + _font_runs(body, font_name))
    return "<br/>".join(lines)


def _pieces(text: str, limit: int = CHUNK_CHARS) -> Iterator[str]:
    """Lines of text, long ones cut at a space into pieces of at most ``limit`` characters."""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", limit // 2, limit)
            if cut < 0:  # one enormous word: ReportLab breaks it anyway
                cut = limit
            yield line[:cut]
            line = line[cut:].removeprefix(" ")
        yield line


def _trim_blank_lines(text: str) -> str:
    lines = text.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def text_flowables(
    text: str, style: ParagraphStyle, *, lead: str = "", bullet: str | None = None
) -> list[Flowable]:
    """User text as Paragraphs in ``style``: one per line, so each is simple and quick to wrap.

    A blank line becomes an empty line of the same height.  ``lead`` is trusted
    markup put before the text (a bold label); ``bullet`` labels the first
    paragraph (a decision number).
    """
    markups = [
        paragraph_markup(piece, style.fontName) or "\xa0"
        for piece in _pieces(_trim_blank_lines(printable_text(text)))
    ]
    if len(markups) == 1:
        return [Paragraph(lead + markups[0], style, bulletText=bullet)]
    # Lines of one text sit at the style's leading: space only before the first, after the last.
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-line", parent=first, spaceBefore=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
    flowables: list[Flowable] = [Paragraph(lead + markups[0], first, bulletText=bullet)]
    flowables += [Paragraph(markup, middle) for markup in markups[1:-1]]
    flowables.append(Paragraph(markups[-1], last))
    return flowables


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    """A short single Paragraph of untrusted text (names, headings, table cells)."""
    return Paragraph(paragraph_markup(printable_text(text).strip(), style.fontName), style)


# --------------------------------------------------------------------------- story sections


class _CellOverflow:
    """Table cells capped at :data:`CELL_CHARS`; what does not fit follows the table."""

    def __init__(self, ss: StyleSheet1) -> None:
        self.ss = ss
        self.story: list[Flowable] = []

    def cell(self, text: str, style: ParagraphStyle, row: str, column: str) -> list[Flowable]:
        text = _trim_blank_lines(printable_text(text))
        if len(text) <= CELL_CHARS:
            return text_flowables(text, style)
        cut = text.rfind(" ", CELL_CHARS // 2, CELL_CHARS)
        cut = cut if cut > 0 else CELL_CHARS
        heading = LABELS.continued_heading.format(what=", ".join(p for p in (row, column) if p))
        self.story.append(_para(heading, self.ss["Prompt"]))
        self.story += text_flowables(text[cut:].lstrip(" "), self.ss["Answer"])
        cell = text_flowables(text[:cut], style)
        cell.append(Paragraph(LABELS.continued_below, self.ss["Empty"]))
        return cell


def _title_block(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    overflow = _CellOverflow(ss)

    def row(label: str, items: list[str]) -> list[Any]:
        items = [i for i in items if i.strip()]
        if not items:
            value: Any = Paragraph(LABELS.none_recorded, ss["Empty"])
        else:
            value = overflow.cell("\n".join(items), ss["Value"], label, "")
        return [Paragraph(label, ss["Label"]), value]

    children = [", ".join(p for p in (c.name, c.detail) if p.strip()) for c in record.children]
    # The case reference and the date are the subtitle, right above; attendees who are just
    # the practitioner and the supervisor are not listed twice.
    just_the_two = sorted(record.attendees) == sorted((record.practitioner, record.supervisor))
    rows = [
        row(LABELS.practitioner, [record.practitioner]),
        row(LABELS.supervisor, [record.supervisor]),
        *([] if just_the_two else [row(LABELS.attendees, [", ".join(record.attendees)])]),
        row(LABELS.children, children),
        row(LABELS.agencies, [", ".join(record.agencies)]),
    ]
    table = RecordTable(
        rows,
        colWidths=[44 * mm, BODY_WIDTH - 44 * mm],
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor(PALETTE.label_bg)),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, _ACCENT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    subtitle = " · ".join(p for p in (record.case_reference, record.session_date_text) if p)
    return [
        Paragraph(LABELS.document_title, ss["Title"]),
        _para(_fit(subtitle, FONT, 11, BODY_WIDTH), ss["Subtitle"]),
        table,
        *overflow.story,
    ]


def _section_heading(text: str, ss: StyleSheet1, style: str = "Section") -> list[Flowable]:
    rule = HRFlowable(width="100%", thickness=0.8, color=_ACCENT, spaceBefore=1, spaceAfter=4)
    rule.keepWithNext = 1
    return [_para(text, ss[style]), rule]


def _prompt_block(prompt: RecordPrompt, ss: StyleSheet1) -> list[Flowable]:
    heading = paragraph_markup(printable_text(prompt.text).strip(), FONT_BOLD)
    if prompt.retired:
        heading += f' <font name="{FONT}" color="{PALETTE.muted}">{LABELS.retired}</font>'
    story: list[Flowable] = [Paragraph(heading, ss["Prompt"])]
    if prompt.answer.strip():
        story += text_flowables(prompt.answer, ss["Answer"])
    story += _tool_rows(prompt, ss)
    return story


def _tool_rows(prompt: RecordPrompt, ss: StyleSheet1) -> list[Flowable]:
    """A structured tool's answer: one labelled paragraph per row, grouped by section."""
    story: list[Flowable] = []
    section = ""
    for row in prompt.rows:
        if row.section and row.section != section:
            story.append(_para(row.section, ss["ToolSection"]))
        section = row.section
        lead = ""
        if row.label.strip():
            label = paragraph_markup(printable_text(row.label).strip(), FONT_BOLD)
            lead = f"<b>{label}</b>" + (": " if row.value.strip() else "")
        story += text_flowables(row.value or " ", ss["ToolRow"], lead=lead, bullet="•")
        if row.note.strip():
            story += text_flowables(row.note, ss["ToolNote"])
    if prompt.rows_note.strip():
        story.append(_para(prompt.rows_note, ss["ToolNote"]))
    return story


def _stage_section(stage: RecordStage, ss: StyleSheet1) -> list[Flowable]:
    """A section of the discussion: its answered prompts, then its sources in one note."""
    if not stage.answered:
        return []
    heading = stage.heading or f"{LABELS.stage} {stage.number}: {stage.title}"
    story = _section_heading(heading, ss, "Stage")
    if stage.summary.strip():
        story.append(_para(stage.summary, ss["Summary"]))
    group = ""
    for prompt in stage.answered:
        if prompt.group.strip() and prompt.group != group:
            story.append(_para(prompt.group, ss["Group"]))
        group = prompt.group
        story += _prompt_block(prompt, ss)
    if stage.sources:
        story.append(_para(f"{LABELS.sources} {stage.sources}", ss["Source"]))
    return story


def _decisions_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    story = _section_heading(LABELS.decisions, ss)
    if not record.decisions:
        return [*story, Paragraph(LABELS.no_decisions, ss["Empty"])]
    for decision in record.decisions:
        story += text_flowables(decision.text, ss["Decision"], bullet=f"{decision.number}.")
        if decision.rationale.strip():
            lead = f"<b>{LABELS.rationale}</b> "
            story += text_flowables(decision.rationale, ss["Rationale"], lead=lead)
    return story


#: Action table columns: No., Action, Owner, Due, Status (170 mm in all).
ACTION_COLUMNS = (11 * mm, 79 * mm, 36 * mm, 24 * mm, 20 * mm)


def _actions_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    story = _section_heading(LABELS.actions, ss)
    if not record.actions:
        return [*story, Paragraph(LABELS.no_actions, ss["Empty"])]
    header = [
        Paragraph(label, ss["CellHeader"])
        for label in (
            LABELS.action_number,
            LABELS.action_description,
            LABELS.action_owner,
            LABELS.action_due,
            LABELS.action_status,
        )
    ]
    rows: list[list[Any]] = [header]
    overflow = _CellOverflow(ss)
    for action in record.actions:
        label = LABELS.action_row.format(number=action.number)
        cells = (
            (action.description, LABELS.action_description),
            (action.owner, LABELS.action_owner),
            (action.due_text or "—", LABELS.action_due),
            (action.status, LABELS.action_status),
        )
        rows.append(
            [
                Paragraph(str(action.number), ss["Cell"]),
                *(overflow.cell(text, ss["Cell"], label, column) for text, column in cells),
            ]
        )
    table = RecordTable(rows, colWidths=ACTION_COLUMNS, repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(PALETTE.table_header)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(PALETTE.table_grid)),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [*story, table, *overflow.story]


def _colophon(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    lines = [
        f"{LABELS.generated} {format_datetime_text(record.generated_at)} by {APP_NAME} "
        f"(app version {record.app_version}, practice content version {record.content_version}).",
        f"{LABELS.last_edited} {format_datetime_text(record.last_edited)}. "
        f"{LABELS.session_id}: {record.session_uid}",
    ]
    rule = HRFlowable(width="100%", thickness=0.4, color=_RULE, spaceBefore=18, spaceAfter=4)
    return [KeepTogether([rule, *(_para(line, ss["Colophon"]) for line in lines)])]


def build_story(record: SessionRecord, ss: StyleSheet1 | None = None) -> list[Flowable]:
    """The summary page first, then the discussion, the tools, sign-off and the colophon."""
    from supervision_app.record import pdf_sections as extra
    from supervision_app.record import pdf_summary as summary

    ss = ss or stylesheet()
    story = _title_block(record, ss)
    story += extra.status_banner(record, ss)
    story += extra.changes_section(record, ss)
    story += summary.summary_page(record, ss)
    story += summary.today_section(record, ss)
    story += extra.previous_actions_section(record, ss)
    for stage in record.stages:
        story += _stage_section(stage, ss)
    story += summary.themes_not_chosen(record, ss)
    story += extra.hypotheses_section(record, ss)
    story += extra.wellbeing_section(record, ss)
    story += extra.signoff_section(record, ss)
    story += extra.addenda_section(record, ss)
    story += extra.audit_section(record, ss)
    story += _colophon(record, ss)
    return story


class KeepWithFirstLines(KeepTogether):
    """The document's ``keepWithNext`` group: headings kept with what follows them.

    ReportLab's :class:`KeepTogether` moves the whole group to the next page
    whenever it does not fit, even when it is taller than any page (a prompt
    followed by a very long answer), which leaves most of a page empty.  Here
    such a group stays where it is when the headings and the first
    :attr:`MIN_LINES` lines of the text after them fit.
    """

    MIN_LINES = 3

    def split(self, aW: float, aH: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if frame is not None and frame._height < self._H and self._lead_height(aW) <= aH:
            return self._content[:]
        return super().split(aW, aH)

    def _lead_height(self, aW: float) -> float:
        *heads, last = self._content
        height = 0.0
        for flowable in heads:
            height += flowable.getSpaceBefore() + flowable.wrapOn(self.canv, aW, 0xFFFFFFF)[1]
            height += flowable.getSpaceAfter()
        style = getattr(last, "style", None)
        if isinstance(last, Paragraph) and style is not None:
            first = self.MIN_LINES * style.leading
        else:  # a table: its header row and the first lines of a row
            first = min(last.wrapOn(self.canv, aW, 0xFFFFFFF)[1], 4 * 14.0)
        return height + last.getSpaceBefore() + first


class RecordTable(Table):
    """A table that splits a tall row across pages instead of leaving a gap.

    ReportLab first tries to split between rows; with ``repeatRows`` the rest
    then goes on the same page with a second header row, or a tall row moves
    to the next page leaving most of this one empty.  When splitting between
    rows would waste more than :attr:`MAX_GAP` points, split inside the row.
    """

    MAX_GAP = 72.0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or not self.splitByRow:
            return parts
        used = parts[0].wrap(availWidth, availHeight)[1]
        if availHeight - used <= self.MAX_GAP:
            return parts
        self.splitByRow = 0
        try:
            in_row = super().split(availWidth, availHeight)
        finally:
            self.splitByRow = 1
        for part in in_row:
            part.splitByRow = 1
        return in_row or parts


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis if wider than ``width`` points."""
    text = printable_text(text).replace("\n", " ").translate(_missing_glyphs(font, False))
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


class _PageFurniture:
    """``onPage`` callback: the protective marking and the case reference on every page."""

    def __init__(self, marking: str, footer_parts: tuple[str, ...]) -> None:
        footer = " · ".join(p for p in footer_parts if p)
        self.marking = _fit(marking, FONT_BOLD, 10, BODY_WIDTH)
        self.footer = _fit(footer, FONT, 8, BODY_WIDTH - 35 * mm)

    def __call__(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(_INK)
        canvas.setFont(FONT_BOLD, 10)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, self.marking)
        canvas.drawCentredString(PAGE_WIDTH / 2, 9 * mm, self.marking)
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.5)
        for y in (PAGE_HEIGHT - 15.5 * mm, 18.5 * mm):
            canvas.line(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(_MUTED)
        canvas.drawString(MARGIN_X, 14.5 * mm, self.footer)
        canvas.restoreState()


class NumberedCanvas(Canvas):
    """Defers each page until the end so "Page X of Y" can be drawn with the total."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab API name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(self._pageNumber, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, page: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(_MUTED)
        self.drawRightString(
            PAGE_WIDTH - MARGIN_X, 14.5 * mm, LABELS.page.format(page=page, total=total)
        )
        self.restoreState()


# --------------------------------------------------------------------------- entry points


#: ``progress(kind, value)``: ReportLab's build progress ("PAGE" with the page number, ...).
#: Raising from it stops the build (how printing cancels a long layout).
ProgressCallback = Callable[[str, int], None]


def render_pdf(record: SessionRecord, *, progress: ProgressCallback | None = None) -> bytes:
    """The record as PDF bytes (A4, DejaVu Sans, marking and page numbers on every page)."""
    return render_document(
        build_story(record),
        marking=record.marking,
        footer=("Supervision record", record.case_reference, record.session_date_text),
        title=f"Supervision record {record.case_reference}",
        progress=progress,
    )


def render_document(
    story: list[Flowable],
    *,
    marking: str,
    footer: tuple[str, ...],
    title: str,
    progress: ProgressCallback | None = None,
) -> bytes:
    """Lay ``story`` out on A4 pages with the marking, ``footer`` and "Page X of Y" on each."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=PAGE_HEIGHT - FRAME_TOP,
        bottomMargin=FRAME_BOTTOM,
        title=printable_text(title).replace("\n", " "),
        author=APP_NAME,
        subject="",
        creator=APP_NAME,
        keywords="",
        lang="en-GB",
    )
    frame = Frame(
        MARGIN_X,
        FRAME_BOTTOM,
        BODY_WIDTH,
        FRAME_TOP - FRAME_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.keepTogetherClass = KeepWithFirstLines
    furniture = _PageFurniture(marking.strip() or "OFFICIAL-SENSITIVE", footer)
    doc.addPageTemplates([PageTemplate(id="record", frames=[frame], onPage=furniture)])
    if progress is not None:
        doc.setProgressCallBack(progress)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def write_pdf(record: SessionRecord, path: Path) -> None:
    """Render in memory, then write to ``path``; never leaves a partial file behind.

    Raises :class:`RecordExportError` when the file cannot be written.
    """
    write_bytes(render_pdf(record), path)


def write_bytes(data: bytes, path: Path) -> None:
    """Write already-rendered PDF bytes: the file is complete or not there, never truncated."""
    path = Path(path)
    try:
        write_atomically(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RecordExportError(f"Cannot write {path}: {reason}") from exc
