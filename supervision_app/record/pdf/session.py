"""The supervision record of one session as an A4 PDF.

The summary page first, then the discussion, the tools, sign-off and the colophon: a story
assembled from one small function per section (:mod:`.sections`, :mod:`.summary`,
:mod:`.review`), laid out by :func:`~supervision_app.record.pdf.render.render_document`.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable

from supervision_app.record.model import SessionRecord
from supervision_app.record.pdf.render import ProgressCallback, render_document, write_bytes
from supervision_app.record.pdf.review import (
    addenda_section,
    audit_section,
    changes_section,
    hypotheses_section,
    previous_actions_section,
    signoff_section,
    status_banner,
    wellbeing_section,
)
from supervision_app.record.pdf.sections import colophon, stage_section, title_block
from supervision_app.record.pdf.stylesheet import stylesheet
from supervision_app.record.pdf.summary import summary_page, themes_not_chosen, today_section


def build_story(record: SessionRecord, ss: StyleSheet1 | None = None) -> list[Flowable]:
    """The summary page first, then the discussion, the tools, sign-off and the colophon."""
    ss = ss or stylesheet()
    story = title_block(record, ss)
    story += status_banner(record, ss)
    story += changes_section(record, ss)
    story += summary_page(record, ss)
    story += today_section(record, ss)
    story += previous_actions_section(record, ss)
    for stage in record.stages:
        story += stage_section(stage, ss)
    story += themes_not_chosen(record, ss)
    story += hypotheses_section(record, ss)
    story += wellbeing_section(record, ss)
    story += signoff_section(record, ss)
    story += addenda_section(record, ss)
    story += audit_section(record, ss)
    story += colophon(record, ss)
    return story


def render_pdf(record: SessionRecord, *, progress: ProgressCallback | None = None) -> bytes:
    """The record as PDF bytes (A4, DejaVu Sans, marking and page numbers on every page)."""
    return render_document(
        build_story(record),
        marking=record.marking,
        footer=("Supervision record", record.case_reference, record.session_date_text),
        title=f"Supervision record {record.case_reference}",
        progress=progress,
    )


def write_pdf(record: SessionRecord, path: Path) -> None:
    """Render in memory, then write to ``path``; never leaves a partial file behind.

    Raises :class:`~supervision_app.record.pdf.render.RecordExportError` when the file cannot be written.
    """
    write_bytes(render_pdf(record), path)
