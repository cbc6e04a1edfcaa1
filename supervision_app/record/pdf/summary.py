"""The record's first page (the summary a team manager reads in two minutes) and the short
sections that open and close the discussion.

The summary leads with the focus today (the practitioner's question, the main worry for
each child), then the three Signs of Safety columns, the safety scaling for each child
with what the ends of the scale mean, the decisions with their rationale, the actions
with owner and due date, the escalations as they stood on the session's date, and the
next review.  The discussion starts on the next page.

User text always goes through ``text_flowables``/``para``/``paragraph_markup``, so it
is escaped and never read as markup.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from supervision_app.record.model import SessionRecord
from supervision_app.record.pdf.blocks import CellOverflow, grid_table, section_heading
from supervision_app.record.pdf.flowables import RecordTable
from supervision_app.record.pdf.fonts import FONT_BOLD
from supervision_app.record.pdf.page import BODY_WIDTH
from supervision_app.record.pdf.review import escalations_section, rating_section
from supervision_app.record.pdf.sections import actions_section, decisions_section
from supervision_app.record.pdf.text import para, paragraph_markup, text_flowables
from supervision_app.record.styles import LABELS, printable_text

#: The room the three columns' heading needs below it, with their header and a few lines.
COLUMNS_MIN_ROOM = 120.0


def _label(text: str) -> str:
    """User text (a child's name) as safe bold markup for the start of a line."""
    return f"<b>{paragraph_markup(printable_text(text).strip(), FONT_BOLD)}</b>"


def summary_page(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """The one-page summary that leads the record, then a page break before the discussion."""
    ss = compact(ss)
    story = focus_section(record, ss)
    story += columns_section(record, ss)
    story += scaling_section(record, ss)
    story += next_review_line(record, ss)
    story += decisions_section(record, ss)
    story += actions_section(record, ss)
    if record.escalations:
        story += escalations_section(record, ss)
    else:  # one line, not a heading over "None recorded."
        story.append(_para_lead(LABELS.escalations + ":", LABELS.no_escalations, ss["Spaced"]))
    return [*story, SummaryEnd()]


class ColumnsTable(RecordTable):
    """The three columns: a split inside their one row never leaves the next page a header
    over an empty row (when only the cell padding was left over, a line moves down too)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and table_is_empty(parts[1]):
            parts = super().split(availWidth, availHeight - _line_height(parts[0]))
        return parts


def _line_height(table: RecordTable) -> float:
    """One line of the table's text (its last row's first paragraph), to give up to the next page."""
    for cell in table._cellvalues[-1]:
        for flowable in cell if isinstance(cell, list) else [cell]:
            style = getattr(flowable, "style", None)
            if style is not None:
                return float(style.leading)
    return 14.0


def table_is_empty(table: Flowable) -> bool:
    """True when a table's rows after its (repeated) header hold no text at all."""
    rows = table._cellvalues[getattr(table, "repeatRows", 0) or 0 :]
    return all(not cell for row in rows for cell in row)


class SummaryEnd(Flowable):  # type: ignore[misc]  # ReportLab has no types
    """Where the summary ends: the discussion starts on a new page when the summary fits on
    the first page; when it runs over, the discussion follows it on that page (a page break
    there would leave a page with a line or two on it)."""

    GAP = 14.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        first = self.canv.getPageNumber() == 1
        self.height = availHeight if first else min(self.GAP, availHeight)
        return availWidth, self.height

    def draw(self) -> None:  # takes room only
        pass


def compact(ss: StyleSheet1) -> StyleSheet1:
    """``ss`` with smaller section headings, so that the summary fits on its page."""
    small = StyleSheet1()
    small.byName, small.byAlias = dict(ss.byName), dict(ss.byAlias)
    small.byName["Section"] = ParagraphStyle(
        "SummarySection", parent=ss["Section"], fontSize=12, leading=15, spaceBefore=9
    )
    small.byName["Spaced"] = ParagraphStyle("Spaced", parent=ss["Value"], spaceBefore=10)
    return small


def focus_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    summary = record.summary
    if not (summary.has_focus or summary.reflection.strip()):
        return []
    story = section_heading(LABELS.focus, ss)
    if summary.question.strip():
        story += text_flowables(summary.question, ss["Value"], lead=f"<b>{LABELS.question}</b> ")
    for child, worry in summary.main_worries:
        lead = LABELS.main_worry.format(child=_label(child))
        story += text_flowables(worry, ss["Value"], lead=f"{lead} ")
    if summary.reflection.strip():
        story += text_flowables(
            summary.reflection, ss["Value"], lead=f"<b>{LABELS.reflection}</b> "
        )
    return story


def columns_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """Worries, what is working well, what needs to happen: three columns side by side."""
    summary = record.summary
    if not summary.has_columns:
        return []
    overflow = CellOverflow(ss)
    titles = (LABELS.worries, LABELS.working_well, LABELS.needs_to_happen)
    texts = (summary.worries, summary.working_well, summary.needs_to_happen)
    cells = [
        overflow.cell(text or "—", ss["Cell"], title, "")
        for text, title in zip(texts, titles, strict=True)
    ]
    table = grid_table(list(titles), [cells], [BODY_WIDTH / 3] * 3, ss, cls=ColumnsTable)
    # The heading is not kept with the table: a tall row of columns then starts on this page
    # and continues on the next (with its header) instead of leaving half a page empty.
    heading = section_heading(LABELS.summary, ss)
    heading[-1].keepWithNext = 0
    story = [CondPageBreak(COLUMNS_MIN_ROOM), *heading, table, *overflow.story]
    if summary.columns_source:
        story.append(para(summary.columns_source, ss["Source"]))
    return story


def scaling_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """Each child's safety scaling on one line, the scale's anchors written out."""
    summary = record.summary
    if not summary.scaling:
        return rating_section(record, ss)  # a session before the summary step: its ratings
    story = section_heading(LABELS.scaling, ss)
    for scaling in summary.scaling:
        text = scaling.score or LABELS.not_scaled
        if scaling.note.strip():
            text += f" — {scaling.note}"
        story += text_flowables(text, ss["Value"], lead=f"{_label(scaling.child)}: ")
    if summary.scaling_anchors:
        anchors = " · ".join(summary.scaling_anchors)
        story.append(para(LABELS.scaling_anchors.format(anchors=anchors), ss["Source"]))
    if record.rating is not None and record.rating.worker_safety:
        story.append(para(f"{LABELS.worker_safety}: {record.rating.worker_safety}", ss["Value"]))
    return story


def next_review_line(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    if not record.has_agenda and not record.summary.next_review_text:
        return []  # a session from before the summary step never set one
    when = record.summary.next_review_text or LABELS.no_next_review
    style = ParagraphStyle("NextReview", parent=ss["Value"], spaceBefore=10)
    return [_para_lead(LABELS.next_review, when, style)]


def _para_lead(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    body = paragraph_markup(printable_text(text).strip(), style.fontName)
    return Paragraph(f"<b>{label}</b> {body}", style)


def today_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """The check-in, only when the practitioner chose to print it."""
    summary = record.summary
    story: list[Flowable] = []
    if summary.check_in.strip():
        story += section_heading(LABELS.check_in, ss, "Stage")
        story.append(Paragraph(LABELS.check_in_note, ss["Summary"]))
        story += text_flowables(summary.check_in, ss["Answer"])
    return story


def themes_not_chosen(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """At most one line: the themes of the content that were not on today's agenda."""
    themes = record.summary.themes_not_chosen
    if not themes:
        return []
    line = LABELS.themes_not_chosen.format(themes=", ".join(themes))
    return [para(line, ParagraphStyle("Themes", parent=ss["Summary"], spaceBefore=10))]
