"""The other PDF documents: the extract for the child's file, the blank paper template and
the recovery key sheet, and AES-256 password protection of any exported PDF."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from supervision_app.content import Content
from supervision_app.record.model import SessionRecord
from supervision_app.record.pdf.blocks import grid_table, section_heading
from supervision_app.record.pdf.paper_tools import (
    escalation_table,
    hypotheses_table,
    previous_actions_table,
    scaling_table,
    tool_space,
)
from supervision_app.record.pdf.render import render_document
from supervision_app.record.pdf.review import (
    changes_section,
    escalations_section,
    fingerprint_block,
)
from supervision_app.record.pdf.sections import actions_section, decisions_section, title_block
from supervision_app.record.pdf.stylesheet import stylesheet
from supervision_app.record.pdf.summary import next_review_line
from supervision_app.record.pdf.text import para
from supervision_app.record.styles import LABELS, PALETTE

#: The only encryption offered: AES with a 256-bit key (PDF 2.0 / ISO 32000-2, revision 6).
PDF_ENCRYPTION = "AES-256"
MIN_PASSWORD = 8
_LINE = colors.HexColor(PALETTE.table_grid)


class WeakProtectionError(ValueError):
    """The requested protection is weaker than AES-256 or the password too short."""


def render_extract(record: SessionRecord) -> bytes:
    """Decisions, actions and escalations only: the extract for the child's file."""
    ss = stylesheet()
    story: list[Flowable] = title_block(record, ss)
    story[0] = Paragraph(LABELS.extract_title, ss["Title"])
    story.insert(2, Paragraph(LABELS.extract_note, ss["Summary"]))
    story += changes_section(record, ss)
    story += decisions_section(record, ss)
    story += actions_section(record, ss)
    story += escalations_section(record, ss)
    story += next_review_line(record, ss)
    story += fingerprint_block(record, ss)
    return render_document(
        story,
        marking=record.marking,
        footer=("Supervision extract", record.case_reference, record.session_date_text),
        title=f"Supervision extract {record.case_reference}",
    )


def render_recovery_sheet(recovery_key: str, issued: datetime, db_path: str) -> bytes:
    """One page to print or file for the agency recovery key: the key, when it was issued
    and which database it opens. No case data: the sheet is kept away from the laptop."""
    ss = stylesheet()
    key_style = ParagraphStyle("RecoveryKey", parent=ss["Title"], fontSize=17, leading=24,
                               spaceBefore=10, spaceAfter=14)  # fmt: skip
    rows = [
        (LABELS.recovery_issued, f"{issued:%d %b %Y, %H:%M}"),
        (LABELS.recovery_database, db_path),
        (LABELS.recovery_key_file, f"{db_path}.keys"),
    ]
    story: list[Flowable] = [
        Paragraph(LABELS.recovery_title, ss["Title"]),
        Paragraph(LABELS.recovery_lead, ss["Summary"]),
        para(recovery_key, key_style),
    ]
    for label, value in rows:
        story += [para(label, ss["Label"]), para(value, ss["Value"])]
    story += [Spacer(1, 10), Paragraph(LABELS.recovery_keep, ss["Body"])]
    return render_document(
        story,
        marking="OFFICIAL-SENSITIVE",
        footer=(LABELS.recovery_title, f"{issued:%d %b %Y}"),
        title=LABELS.recovery_title,
    )


def _write_lines(count: int, ss: StyleSheet1) -> list[Flowable]:
    """Ruled lines, the full width of the page, to write on."""
    return [
        HRFlowable(width="100%", thickness=0.4, color=_LINE, spaceBefore=19, spaceAfter=0)
        for _ in range(count)
    ]


def render_template(content: Content, marking: str) -> bytes:
    """A blank printable record of the guided session, with room to write."""
    ss = stylesheet()
    story: list[Flowable] = [
        Paragraph(LABELS.template_title, ss["Title"]),
        Paragraph(LABELS.template_note, ss["Summary"]),
    ]
    blanks = [
        [Paragraph(label, ss["Label"]), Paragraph("", ss["Value"])]
        for label in (
            LABELS.case_reference,
            LABELS.session_date,
            LABELS.practitioner,
            LABELS.supervisor,
            LABELS.attendees,
            LABELS.children,
            LABELS.agencies,
        )
    ]
    details = grid_table([LABELS.document_title, ""], blanks, [44 * mm, 126 * mm], ss)
    details.setStyle([("SPAN", (0, 0), (-1, 0)), ("BOTTOMPADDING", (0, 1), (-1, -1), 10)])
    story.append(details)
    story += previous_actions_table(ss)
    for number, stage in enumerate(content.stages, start=1):
        story += section_heading(f"{LABELS.stage} {number}: {stage.title}", ss, "Stage")
        story.append(para(stage.summary, ss["Summary"]))
        for prompt in stage.prompts:
            story.append(para(prompt.text, ss["Prompt"]))
            story += tool_space(prompt, ss) or _write_lines(3, ss)
    story += section_heading(LABELS.decisions, ss)
    for n in range(1, 4):
        story.append(Paragraph(f"{n}. {LABELS.decisions[:-1]}:", ss["Prompt"]))
        story += _write_lines(2, ss)
        story.append(Paragraph(LABELS.rationale, ss["Prompt"]))
        story += _write_lines(2, ss)
    story += section_heading(LABELS.actions, ss)
    header = [
        LABELS.action_number,
        LABELS.action_description,
        LABELS.action_owner,
        LABELS.action_due,
        LABELS.action_status,
    ]
    rows = [[Paragraph(str(n), ss["Cell"]), Spacer(1, 12 * mm), "", "", ""] for n in range(1, 9)]
    story.append(grid_table(header, rows, [11 * mm, 79 * mm, 36 * mm, 24 * mm, 20 * mm], ss))
    story += escalation_table(content, ss)
    story += hypotheses_table(ss)
    story += scaling_table(ss)
    story += section_heading(LABELS.signoff, ss)
    for party in ("Practitioner", "Supervisor"):
        story.append(Paragraph(f"<b>{party}</b>", ss["Prompt"]))
        story.append(
            Paragraph(
                f"{LABELS.name}: ________________________  {LABELS.role}: ______________  "
                f"{LABELS.signed_on}: ____________",
                ss["WriteValue"],
            )
        )
        story.append(Paragraph(f"{LABELS.comment}", ss["Value"]))
        story += _write_lines(2, ss)
    return render_document(
        story,
        marking=marking,
        footer=("Supervision record (paper)", "Case reference: ____________"),
        title="Reflective supervision: paper record",
    )


def protect_pdf(data: bytes, password: str, algorithm: str = PDF_ENCRYPTION) -> bytes:
    """``data`` encrypted with AES-256; any weaker algorithm or a short password is refused."""
    if algorithm != PDF_ENCRYPTION:
        raise WeakProtectionError(
            f"Only AES-256 protection is offered; {algorithm or 'no encryption'} is too weak."
        )
    if len(password) < MIN_PASSWORD:
        raise WeakProtectionError(f"Use a password of at least {MIN_PASSWORD} characters.")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
