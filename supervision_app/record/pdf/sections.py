"""The session record's own sections: the title block, the discussion (each stage's answered
prompts and structured tools), the decisions, the actions and the colophon.

Each function returns a list of flowables.  User text always goes through
``text_flowables``/``para``/``paragraph_markup``, so it is escaped and never read as markup.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, TableStyle
from reportlab.platypus.flowables import HRFlowable

from supervision_app import APP_NAME
from supervision_app.record.model import RecordPrompt, RecordStage, SessionRecord
from supervision_app.record.pdf.blocks import CellOverflow, section_heading
from supervision_app.record.pdf.flowables import Paragraph, RecordTable
from supervision_app.record.pdf.fonts import FONT, FONT_BOLD, fit
from supervision_app.record.pdf.page import BODY_WIDTH
from supervision_app.record.pdf.stylesheet import ACCENT, RULE
from supervision_app.record.pdf.text import para, paragraph_markup, text_flowables
from supervision_app.record.styles import LABELS, PALETTE, format_datetime_text, printable_text


def title_block(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    overflow = CellOverflow(ss)

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
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
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
        para(fit(subtitle, FONT, 11, BODY_WIDTH), ss["Subtitle"]),
        table,
        *overflow.story,
    ]


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
            story.append(para(row.section, ss["ToolSection"]))
        section = row.section
        lead = ""
        if row.label.strip():
            label = paragraph_markup(printable_text(row.label).strip(), FONT_BOLD)
            lead = f"<b>{label}</b>" + (": " if row.value.strip() else "")
        story += text_flowables(row.value or " ", ss["ToolRow"], lead=lead, bullet="•")
        if row.note.strip():
            story += text_flowables(row.note, ss["ToolNote"])
    if prompt.rows_note.strip():
        story.append(para(prompt.rows_note, ss["ToolNote"]))
    return story


def stage_section(stage: RecordStage, ss: StyleSheet1) -> list[Flowable]:
    """A section of the discussion: its answered prompts, then its sources in one note."""
    if not stage.answered:
        return []
    heading = stage.heading or f"{LABELS.stage} {stage.number}: {stage.title}"
    story = section_heading(heading, ss, "Stage")
    if stage.summary.strip():
        story.append(para(stage.summary, ss["Summary"]))
    group = ""
    for prompt in stage.answered:
        if prompt.group.strip() and prompt.group != group:
            story.append(para(prompt.group, ss["Group"]))
        group = prompt.group
        story += _prompt_block(prompt, ss)
    if stage.sources:  # with the section's last paragraph: never alone at the top of a page
        # Kept with it by keepWithNext, not a KeepTogether: ReportLab never puts a container
        # in a keepWithNext group, so a one-paragraph answer in a KeepTogether went to the
        # next page without its question, which stayed alone at the bottom of this one.
        story[-1].keepWithNext = 1
        story.append(para(f"{LABELS.sources} {stage.sources}", ss["Source"]))
    return story


def decisions_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    story = section_heading(LABELS.decisions, ss)
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


def actions_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    story = section_heading(LABELS.actions, ss)
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
    overflow = CellOverflow(ss)
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


def colophon(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    lines = [
        f"{LABELS.generated} {format_datetime_text(record.generated_at)} by {APP_NAME} "
        f"(app version {record.app_version}, practice content version {record.content_version}).",
        f"{LABELS.last_edited} {format_datetime_text(record.last_edited)}. "
        f"{LABELS.session_id}: {record.session_uid}",
    ]
    rule = HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=18, spaceAfter=4)
    return [KeepTogether([rule, *(para(line, ss["Colophon"]) for line in lines)])]
