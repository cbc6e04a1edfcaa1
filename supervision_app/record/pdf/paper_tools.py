"""The structured tools of the blank paper template, drawn with room to write.

A checklist becomes a table with a tick box per answer choice and a note column;
a records tool a table with its columns and empty rows; the day in the life a
table of the parts of the day.  The case-memory tools that the app keeps across
sessions (previous actions reviewed, escalation stages, hypotheses, scaling) get
their own tables, in the order the finished record prints them.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from supervision_app.content import Content
from supervision_app.content.model import Prompt
from supervision_app.record.pdf.blocks import grid_table, section_heading
from supervision_app.record.pdf.fonts import FONT, FONT_BOLD
from supervision_app.record.pdf.page import BODY_WIDTH
from supervision_app.record.pdf.text import para
from supervision_app.record.styles import LABELS

BOX = "☐"
#: Height of an empty row to write in.
ROW = 11 * mm
TALL_ROW = 16 * mm


#: Space after a tool's table, before the next question.
AFTER = 8
#: Cell padding left and right (as ``grid_table`` sets it), in points.
PADDING = 10


def _boxes(choices: tuple[str, ...] | list[str], ss: StyleSheet1) -> Paragraph:
    """One tick box per choice, each on its own line, box and word kept together."""
    lines = (f"{BOX}&nbsp;{_escape(c).replace(' ', '&nbsp;')}" for c in choices)
    return Paragraph("<br/>".join(lines), ss["Cell"])


def _boxes_width(choices: tuple[str, ...] | list[str], header: str = "") -> float:
    widest = max([stringWidth(f"{BOX} {c}", FONT, 9) for c in choices] or [0])
    width: float = min(max(widest, stringWidth(header, FONT_BOLD, 9)) + PADDING + 2, 48 * mm)
    return width


def _centred(ss: StyleSheet1) -> ParagraphStyle:
    return ParagraphStyle("BoxCell", parent=ss["Cell"], alignment=TA_CENTER)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _checklist(prompt: Prompt, ss: StyleSheet1) -> list[Flowable]:
    choices = prompt.answer_choices
    centred = _centred(ss)
    box_widths = [max(stringWidth(c, FONT_BOLD, 9) + PADDING + 2, 12 * mm) for c in choices]
    note_width = 45 * mm
    widths = [BODY_WIDTH - note_width - sum(box_widths), *box_widths, note_width]
    rows = [
        [para(item.label, ss["Cell"]), *(Paragraph(BOX, centred) for _ in choices), ""]
        for item in prompt.items
    ]
    table = grid_table(["", *choices, "Note"], rows, widths, ss)
    table.setStyle([("ALIGN", (1, 0), (-2, 0), "CENTER"), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)])
    for column in range(1, len(choices) + 1):  # the header labels, centred over the boxes
        table._cellvalues[0][column] = Paragraph(
            _escape(choices[column - 1]), ParagraphStyle("BoxHead", parent=ss["CellHeader"],
                                                         alignment=TA_CENTER)
        )  # fmt: skip
    return [table, Spacer(1, AFTER)]


def _records(prompt: Prompt, ss: StyleSheet1) -> list[Flowable]:
    fields = prompt.fields
    pick = {f.id: _boxes_width(f.choices, f.label) for f in fields if f.choices}
    free = [f for f in fields if not f.choices]
    free_width = (BODY_WIDTH - sum(pick.values())) / max(len(free), 1)
    widths = [pick.get(f.id, free_width) for f in fields]
    rows = [
        [_boxes(f.choices, ss) if f.choices else Spacer(1, TALL_ROW) for f in fields]
        for _ in range(4)
    ]
    return [grid_table([f.label for f in fields], rows, widths, ss), Spacer(1, AFTER)]


def _day_in_life(prompt: Prompt, ss: StyleSheet1) -> list[Flowable]:
    header = ["Part of the day", "What happens for the child", "Seen / reported"]
    widths = [38 * mm, BODY_WIDTH - 38 * mm - 30 * mm, 30 * mm]
    rows = [
        [
            para(item.label, ss["Cell"]),
            Spacer(1, TALL_ROW),
            _boxes(("Seen", "Reported"), ss),
        ]
        for item in prompt.items
    ]
    return [
        Paragraph("Child: ______________________________ (one table per child)", ss["WriteValue"]),
        grid_table(header, rows, widths, ss),
        Spacer(1, AFTER),
    ]


def tool_space(prompt: Prompt, ss: StyleSheet1) -> list[Flowable]:
    """Room to answer a structured prompt on paper ([] for a free-text prompt)."""
    if prompt.kind == "checklist" and prompt.items:
        return _checklist(prompt, ss)
    if prompt.kind == "records" and prompt.fields:
        return _records(prompt, ss)
    if prompt.kind == "day_in_life" and prompt.items:
        return _day_in_life(prompt, ss)
    return []


def previous_actions_table(ss: StyleSheet1) -> list[Flowable]:
    header = [LABELS.action_description, LABELS.action_owner, "Outcome", "Reason / new due date"]
    outcomes = ("Done", "Not done", "Carried forward")
    outcome_width = _boxes_width(outcomes, "Outcome")
    widths = [BODY_WIDTH - 76 * mm - outcome_width, 30 * mm, outcome_width, 46 * mm]
    rows = [[Spacer(1, ROW), "", _boxes(outcomes, ss), ""] for _ in range(4)]
    return [*section_heading(LABELS.previous_actions, ss), grid_table(header, rows, widths, ss)]


def escalation_table(content: Content, ss: StyleSheet1) -> list[Flowable]:
    """The escalation route, stage by stage (the agency's policy when a pack gives one)."""
    policy = content.escalation_policy
    stages = [
        (s.name + (f" (within {s.days} days)" if s.days else "")) for s in policy.stages
    ] if policy else [f"{LABELS.stage} {n}" for n in range(1, 5)]  # fmt: skip
    header = [LABELS.escalation_level, LABELS.escalation_concern, LABELS.escalation_with,
              "Date", "Response / outcome"]  # fmt: skip
    widths = [30 * mm, 48 * mm, 30 * mm, 20 * mm, 42 * mm]
    rows = [[para(stage, ss["Cell"]), Spacer(1, TALL_ROW), "", "", ""] for stage in stages]
    story = section_heading(LABELS.escalations, ss)
    if policy:
        story.append(para(policy.name, ss["Summary"]))
    return [*story, grid_table(header, rows, widths, ss)]


def hypotheses_table(ss: StyleSheet1) -> list[Flowable]:
    header = [LABELS.hypothesis, "Based on", "How we will test it", LABELS.hypothesis_status]
    widths = [52 * mm, 40 * mm, 46 * mm, 32 * mm]
    status = ("Open", "Being tested", "Supported", "Discarded")
    rows = [[Spacer(1, TALL_ROW), "", "", _boxes(status, ss)] for _ in range(4)]
    note = para(
        "At least four possible explanations for what is happening to the child, "
        "including the one you like least.",
        ss["Summary"],
    )
    return [*section_heading(LABELS.hypotheses, ss), note, grid_table(header, rows, widths, ss)]


def scaling_table(ss: StyleSheet1) -> list[Flowable]:
    scale = "&nbsp;&nbsp;&nbsp;&nbsp;".join(str(n) for n in range(11))
    rows = [
        [para(question, ss["Cell"]), Paragraph(scale, ss["Cell"])]
        for question in (LABELS.child_safety, LABELS.worker_safety)
    ]
    table = grid_table(["Circle one", "0 = not at all · 10 = completely"], rows,
                       [80 * mm, 90 * mm], ss)  # fmt: skip
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 8), ("BOTTOMPADDING", (0, 1), (-1, -1), 8)])
    return [*section_heading(LABELS.ratings, ss), table]
