"""The record's PDF sections about review, escalation, wellbeing, sign-off and integrity.

Built from the same helpers as the rest of the story (:mod:`.blocks`, :mod:`.text`: user
text always goes through ``text_flowables``/``para``, so it is escaped and never
interpreted as markup).  Each function returns a list of flowables.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from supervision_app.record.discussion import hypothesis_details, hypothesis_line
from supervision_app.record.model import SessionRecord
from supervision_app.record.pdf.blocks import GRID, section_heading, table_section
from supervision_app.record.pdf.flowables import RecordTable
from supervision_app.record.pdf.page import BODY_WIDTH
from supervision_app.record.pdf.text import para, text_flowables
from supervision_app.record.styles import LABELS, PALETTE


def status_banner(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """A boxed DRAFT notice at the top while either signature is missing."""
    if not record.awaiting:
        return []
    box = Table([[Paragraph(f"<b>{LABELS.draft}</b>", ss["Value"])]], colWidths=[BODY_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, colors.HexColor("#9a3412")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff4e5")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    box.spaceBefore = 8
    return [box]


def previous_actions_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    if record.has_agenda and not record.previous_actions:
        return []  # a focused record prints what was discussed
    header = [
        LABELS.action_description,
        LABELS.action_owner,
        LABELS.action_due,
        LABELS.action_status,
        LABELS.previous_update,
    ]
    items = [
        (a.description, a.owner, a.due_text, a.status, a.note) for a in record.previous_actions
    ]
    widths = [62 * mm, 30 * mm, 22 * mm, 18 * mm, 38 * mm]
    return table_section(
        LABELS.previous_actions, LABELS.no_previous_actions, header, items, widths,
        "Previous action", ss,
    )  # fmt: skip


def hypotheses_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """The structured hypotheses: each with its basis, its test, its reviews and evaluation."""
    if record.hypotheses_inline:
        return []  # printed in the discussion, at their prompt on the agenda
    story: list[Flowable] = list(section_heading(LABELS.hypotheses, ss))
    if not record.hypotheses:
        return [*story, Paragraph(LABELS.no_hypotheses, ss["Empty"])]
    one_line = ParagraphStyle("HypothesisLine", parent=ss["Value"], spaceBefore=7)
    for number, h in enumerate(record.hypotheses, start=1):
        # current, but not raised or reviewed today: one line
        style = ss["Prompt"] if h.discussed else one_line
        story += text_flowables(hypothesis_line(h), style, lead=f"<b>{number}.</b> ")
        for label, value in hypothesis_details(h):
            story += text_flowables(value, ss["Value"], lead=f"<b>{label}</b> ")
    return story


def escalations_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    header = [
        LABELS.escalation_raised,
        LABELS.escalation_concern,
        LABELS.escalation_with,
        LABELS.escalation_level_on.format(date=record.session_date_text),
        LABELS.escalation_status_on.format(date=record.session_date_text),
    ]
    items = [
        (e.raised_text, e.concern, e.raised_with, e.level, e.status) for e in record.escalations
    ]
    widths = [20 * mm, 52 * mm, 36 * mm, 30 * mm, 32 * mm]  # the level and the clock whole words
    story = table_section(
        LABELS.escalations, LABELS.no_escalations, header, items, widths, "Escalation", ss
    )
    for number, escalation in enumerate(record.escalations, start=1):
        if escalation.outcome.strip():
            lead = f"<b>{number}. {LABELS.escalation_outcome}</b> "
            story += text_flowables(escalation.outcome, ss["Rationale"], lead=lead)
    return story


def rating_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """The session's two scaling ratings (nothing when neither was given)."""
    if record.rating is None:
        return []
    items = [
        (LABELS.child_safety, record.rating.child_safety or LABELS.not_rated),
        (LABELS.worker_safety, record.rating.worker_safety or LABELS.not_rated),
    ]
    rows = [[para(label, ss["Cell"]), para(value, ss["Cell"])] for label, value in items]
    table = RecordTable(rows, colWidths=[120 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [*section_heading(LABELS.ratings, ss), table]


def changes_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    """A boxed, labelled list of what changed in the case file after sign-off."""
    if not record.changes:
        return []
    cell: list[Flowable] = [
        Paragraph(f"<b>{LABELS.changes}</b>", ss["Value"]),
        Paragraph(LABELS.changes_note, ss["Cell"]),
    ]
    for line in record.changes:
        cell += text_flowables(line, ss["Cell"], bullet="•")
    box = RecordTable([[cell]], colWidths=[BODY_WIDTH], splitInRow=1, hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(PALETTE.muted)),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(PALETTE.banner)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    box.spaceBefore = 8
    return [box]


def wellbeing_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    if record.wellbeing is None:
        return []
    story = section_heading(LABELS.wellbeing, ss)
    story.append(Paragraph(LABELS.wellbeing_note, ss["Summary"]))
    if not record.wellbeing.entries:
        return [*story, Paragraph(LABELS.none_recorded, ss["Empty"])]
    for heading, text in record.wellbeing.entries:
        story.append(para(heading, ss["Prompt"]))
        story += text_flowables(text or LABELS.none_recorded, ss["Answer"])
    return story


def signoff_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    story = section_heading(LABELS.signoff, ss)
    by_party = {s.party: s for s in record.signoffs}
    columns = []
    for party in ("Practitioner", "Supervisor"):
        signoff = by_party.get(party)
        cell: list[Flowable] = [Paragraph(f"<b>{party}</b>", ss["Value"])]
        if signoff is None:
            cell.append(Paragraph(LABELS.not_signed, ss["Empty"]))
            cell.append(Paragraph(f"{LABELS.name}: ____________________", ss["Value"]))
            cell.append(Paragraph(f"{LABELS.signed_on}: ______________", ss["Value"]))
        else:
            cell.append(para(f"{signoff.name}, {signoff.role}", ss["Value"]))
            cell.append(para(f"{LABELS.signed_on} {signoff.signed_text}", ss["Value"]))
            if signoff.comment.strip():
                cell += text_flowables(
                    signoff.comment, ss["Cell"], lead=f"<b>{LABELS.comment}</b> "
                )
            if signoff.disagreement.strip():
                cell += text_flowables(
                    signoff.disagreement, ss["Cell"], lead=f"<b>{LABELS.disagreement}</b> "
                )
        columns.append(cell)
    table = RecordTable([columns], colWidths=[BODY_WIDTH / 2] * 2, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    story.append(table)
    story += fingerprint_block(record, ss)
    return story


def fingerprint_block(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    value = record.fingerprint or LABELS.no_fingerprint
    return [
        KeepTogether(
            [
                Paragraph(f"<b>{LABELS.fingerprint}:</b> {value}", ss["Fingerprint"]),
                Paragraph(LABELS.fingerprint_note, ss["Colophon"]),
            ]
        )
    ]


def addenda_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    if not record.addenda:
        return []
    story = section_heading(LABELS.addenda, ss)
    story.append(Paragraph(LABELS.addenda_note, ss["Summary"]))
    for addendum in record.addenda:
        heading = LABELS.addendum.format(number=addendum.number)
        byline = LABELS.addendum_by.format(
            when=addendum.written_text, author=addendum.author, role=addendum.role
        )
        story.append(para(f"{heading}, {byline}", ss["Prompt"]))  # Prompt keeps with next
        if addendum.late:
            late = Paragraph(
                f"<b>{LABELS.late_entry.format(days=record.late_days)}</b>", ss["Late"]
            )
            late.keepWithNext = 1
            story.append(late)
        story += text_flowables(addendum.text, ss["Answer"])
    return story


def audit_section(record: SessionRecord, ss: StyleSheet1) -> list[Flowable]:
    if not record.audit:
        return []
    header = [LABELS.audit_when, LABELS.audit_user, LABELS.audit_event]
    items = [
        (e.when_text, e.user, f"{e.event} ({e.detail})" if e.detail else e.event)
        for e in record.audit
    ]
    widths = [48 * mm, 70 * mm, 52 * mm]
    return table_section(LABELS.audit, "", header, items, widths, "Entry", ss)
