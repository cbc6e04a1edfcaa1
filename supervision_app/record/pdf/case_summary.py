"""Render a :class:`CaseSummaryRecord` as an A4 PDF, with the record's own styles,
page furniture and numbered canvas (:mod:`supervision_app.record.pdf`), and the ratings
drawn as a ReportLab graphics line chart."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from supervision_app.domain import format_date
from supervision_app.domain.escalation import escalation_clock
from supervision_app.record.case_summary import CaseSummaryRecord
from supervision_app.record.pdf.fonts import FONT
from supervision_app.record.pdf.page import BODY_WIDTH, OutlineEntry
from supervision_app.record.pdf.render import render_document, write_bytes
from supervision_app.record.pdf.stylesheet import stylesheet
from supervision_app.record.pdf.text import paragraph_markup, text_flowables

CHILD_COLOUR = colors.HexColor("#1D5A96")
WORKER_COLOUR = colors.HexColor("#B3541E")


def _heading(text: str, ss: StyleSheet1) -> Flowable:
    """A section heading with its bookmark in the PDF's outline."""
    return KeepTogether([OutlineEntry(text), Paragraph(text, ss["Section"])])


def _item(title: str, details: list[str], ss: StyleSheet1) -> list[Flowable]:
    flow = text_flowables(title, ss["Prompt"])
    for detail in details:
        if detail:
            flow += text_flowables(detail, ss["Value"])
    return flow


def ratings_chart(summary: CaseSummaryRecord, width: float = BODY_WIDTH) -> Drawing:
    """Both ratings over the sessions, 0 to 10."""
    drawing = Drawing(width, 165)
    plot = LinePlot()
    # room either side for half a date label, so the first and last are not cut off
    plot.x, plot.y, plot.width, plot.height = 30, 30, width - 60, 95
    series = []
    for attr in ("child_safety", "worker_safety"):
        points = [
            (i, getattr(r, attr))
            for i, r in enumerate(summary.ratings)
            if getattr(r, attr) is not None
        ]
        series.append(points or [(0, 0)])
    plot.data = series
    plot.lines[0].strokeColor, plot.lines[1].strokeColor = CHILD_COLOUR, WORKER_COLOUR
    for line in (plot.lines[0], plot.lines[1]):
        line.strokeWidth = 1.8
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 10, 5
    plot.xValueAxis.valueMin = 0
    plot.xValueAxis.valueMax = max(len(summary.ratings) - 1, 1)
    plot.xValueAxis.valueStep = 1
    # "May 2026" ("May 26" reads as a day); at most about ten labels, the last always shown
    every = max(-(-len(summary.ratings) // 10), 1)
    labels = [
        r.on.strftime("%b %Y") if (i % every == 0 and len(summary.ratings) - 1 - i >= every)
        or i == len(summary.ratings) - 1 else ""
        for i, r in enumerate(summary.ratings)
    ]  # fmt: skip
    plot.xValueAxis.labelTextFormat = lambda v: labels[int(v)] if 0 <= int(v) < len(labels) else ""
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = FONT, 7.5
    drawing.add(plot)
    legend = Legend()
    legend.x, legend.y = 30, 160  # one entry under the other: never wider than the page
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment, legend.columnMaximum = "right", 2
    legend.colorNamePairs = [
        (CHILD_COLOUR, "How safe is the child? (0–10)"),
        (WORKER_COLOUR, "How safe and authoritative does the worker feel? (0–10)"),
    ]
    drawing.add(legend)
    return drawing


def build_story(summary: CaseSummaryRecord, ss: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(paragraph_markup(f"Case summary: {summary.case_reference}"), ss["Title"]),
        Paragraph(f"Printed {format_date(summary.printed_on)}", ss["Subtitle"]),
        _heading("Open actions", ss),
    ]
    for a in summary.open_actions or []:
        history = "; ".join(
            f"{format_date(r.session_date)}: {r.outcome.label.lower()}"
            + (f" ({r.reason})" if r.reason else "")
            for r in a.reviews
        )
        status = "OVERDUE" if a.rag(summary.printed_on).value == "red" else "open"
        story += _item(
            a.action.description,
            [
                f"{a.action.owner} · due {format_date(a.action.due_date)} ({status}) · "
                f"agreed {format_date(a.session_date)}",
                f"History: {history}" if history else "",
            ],
            ss,
        )
    if not summary.open_actions:
        story.append(Paragraph("None.", ss["Empty"]))
    story.append(_heading("Open escalations", ss))
    for e in summary.escalations:
        clock = escalation_clock(e, summary.printed_on)
        stages = " → ".join(
            f"{s.stage}. {s.name + ': ' if s.name else ''}{s.with_whom} ({format_date(s.on)})"
            for s in e.steps
        )
        stage = f"Stage {clock.stage}" + (f": {clock.stage_name}" if clock.stage_name else "")
        story += _item(
            e.subject,
            [
                f"{stage} · with {clock.with_whom} since {format_date(clock.stage_since)} · "
                f"raised {format_date(e.raised_on)} · open {clock.days_open} days",
                clock.summary.replace(": overdue", ": OVERDUE"),
                f"Stages: {stages}",
            ],
            ss,
        )
    if not summary.escalations:
        story.append(Paragraph("None.", ss["Empty"]))
    story.append(_heading("Current hypotheses", ss))
    for h in summary.hypotheses:
        lines = [
            f"Based on: {h.basis}" if h.basis else "",
            f"How it will be tested: {h.test_plan}" if h.test_plan else "",
        ]
        lines += [
            f"{format_date(n.on)} — {n.status.label}" + (f". {n.summary}" if n.summary else "")
            for n in h.notes
        ]
        lines.append(f"Evaluation: {h.evaluation}" if h.evaluation else "")
        story += _item(f"{h.text} ({h.status.label})", lines, ss)
    if not summary.hypotheses:
        story.append(Paragraph("None.", ss["Empty"]))
    story.append(_heading("Pattern prompts", ss))
    for p in summary.patterns:
        story += _item(p.title, [p.evidence, p.message], ss)
        story.append(Paragraph(paragraph_markup(f"Source: {p.source}"), ss["Source"]))
    if not summary.patterns:
        story.append(Paragraph("None.", ss["Empty"]))
    story.append(_heading("Scaling over time", ss))
    if summary.ratings:
        story.append(ratings_chart(summary))
        latest = summary.ratings[-1]
        story.append(
            Paragraph(
                f"Latest ({format_date(latest.on)}): child {latest.child_safety if latest.child_safety is not None else '–'}/10, "
                f"worker {latest.worker_safety if latest.worker_safety is not None else '–'}/10.",
                ss["Value"],
            )
        )
    else:
        story.append(Paragraph("No ratings recorded.", ss["Empty"]))
    story.append(_heading("Chronology", ss))
    for entry in summary.chronology:
        story += text_flowables(
            f"{entry.kind.label}: {entry.title}" + (f" — {entry.detail}" if entry.detail else ""),
            ss["Value"],
            lead=f"<b>{format_date(entry.on)}</b>  ",
        )
        story.append(Spacer(1, 3))
    if not summary.chronology:
        story.append(Paragraph("Nothing recorded.", ss["Empty"]))
    return story


def render_case_summary(summary: CaseSummaryRecord) -> bytes:
    return render_document(
        build_story(summary, stylesheet()),
        marking=summary.marking,
        footer=("Case summary", summary.case_reference, summary.session_date_text),
        title=f"Case summary {summary.case_reference}",
    )


def write_case_summary(summary: CaseSummaryRecord, path: Path) -> None:
    """Raises :class:`~supervision_app.record.pdf.render.RecordExportError` if it cannot be written."""
    write_bytes(render_case_summary(summary), Path(path))
