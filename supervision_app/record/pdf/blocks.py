"""Building blocks of the record's sections: a section heading with its bookmark, bordered
tables with a repeated header, and table cells capped in length.

User text always goes through ``text_flowables``/``para``, so it is escaped and never
interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus import Paragraph as PlainParagraph
from reportlab.platypus.flowables import HRFlowable

from supervision_app.record.pdf.flowables import Paragraph, RecordTable
from supervision_app.record.pdf.page import OutlineEntry
from supervision_app.record.pdf.stylesheet import ACCENT
from supervision_app.record.pdf.text import para, text_flowables, trim_blank_lines
from supervision_app.record.styles import LABELS, PALETTE, printable_text

#: Longest text placed in a table cell; the rest is printed after the table.
#: ReportLab re-wraps a whole row at every page break, so a huge cell would take minutes.
CELL_CHARS = 2000
GRID = colors.HexColor(PALETTE.table_grid)


def section_heading(text: str, ss: StyleSheet1, style: str = "Section") -> list[Flowable]:
    """A section's heading and rule, and its bookmark: every section made here gets one."""
    rule = HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=1, spaceAfter=4)
    rule.keepWithNext = 1
    mark = OutlineEntry(text)
    mark.keepWithNext = 1
    return [mark, para(text, ss[style]), rule]


class CellOverflow:
    """Table cells capped at :data:`CELL_CHARS`; what does not fit follows the table."""

    def __init__(self, ss: StyleSheet1) -> None:
        self.ss = ss
        self.story: list[Flowable] = []

    def cell(self, text: str, style: ParagraphStyle, row: str, column: str) -> list[Flowable]:
        text = trim_blank_lines(printable_text(text))
        if len(text) <= CELL_CHARS:
            return text_flowables(text, style)
        cut = text.rfind(" ", CELL_CHARS // 2, CELL_CHARS)
        cut = cut if cut > 0 else CELL_CHARS
        heading = LABELS.continued_heading.format(what=", ".join(p for p in (row, column) if p))
        self.story.append(para(heading, self.ss["Prompt"]))
        self.story += text_flowables(text[cut:].lstrip(" "), self.ss["Answer"])
        cell = text_flowables(text[:cut], style)
        cell.append(Paragraph(LABELS.continued_below, self.ss["Empty"]))
        return cell


def grid_table(
    header: list[str],
    rows: list[list[Any]],
    widths: list[float],
    ss: StyleSheet1,
    cls: type[RecordTable] = RecordTable,
) -> Table:
    """A bordered table with a shaded, repeated header row."""
    data = [[PlainParagraph(label, ss["CellHeader"]) for label in header], *rows]
    table = cls(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(PALETTE.table_header)),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _cell_rows(
    items: Sequence[tuple[str, ...]], header: list[str], ss: StyleSheet1, label: str
) -> tuple[list[list[Any]], CellOverflow]:
    """One row per item, each cell capped (the overflow printed after the table)."""
    overflow = CellOverflow(ss)
    rows = [
        [
            overflow.cell(text or "—", ss["Cell"], f"{label} {n}", column)
            for text, column in zip(item, header, strict=True)
        ]
        for n, item in enumerate(items, start=1)
    ]
    return rows, overflow


def table_section(
    heading: str,
    empty: str,
    header: list[str],
    items: Sequence[tuple[str, ...]],
    widths: list[float],
    row_label: str,
    ss: StyleSheet1,
) -> list[Flowable]:
    """A section heading and a table of ``items``, or an honest "none recorded" line."""
    story = section_heading(heading, ss)
    if not items:
        return [*story, PlainParagraph(empty, ss["Empty"])]
    rows, overflow = _cell_rows(items, header, ss, row_label)
    return [*story, grid_table(header, rows, widths, ss), *overflow.story]
