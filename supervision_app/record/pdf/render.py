"""Lay a story out as a PDF document: A4 pages with the page furniture, a numbered canvas and
the ``keepWithNext`` groups of :mod:`.flowables`; and write the bytes to a file safely."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from supervision_app import APP_NAME
from supervision_app.atomic import write_atomically
from supervision_app.record.pdf.flowables import KeepWithFirstLines
from supervision_app.record.pdf.page import (
    BODY_WIDTH,
    FRAME_BOTTOM,
    FRAME_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    NumberedCanvas,
    PageFurniture,
)
from supervision_app.record.styles import printable_text


class RecordExportError(Exception):
    """The record could not be written; the message says where and why."""


#: ``progress(kind, value)``: ReportLab's build progress ("PAGE" with the page number, ...).
#: Raising from it stops the build (how printing cancels a long layout).
ProgressCallback = Callable[[str, int], None]


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
    furniture = PageFurniture(marking.strip() or "OFFICIAL-SENSITIVE", footer)
    doc.addPageTemplates([PageTemplate(id="record", frames=[frame], onPage=furniture)])
    if progress is not None:
        doc.setProgressCallBack(progress)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def write_bytes(data: bytes, path: Path) -> None:
    """Write already-rendered PDF bytes: the file is complete or not there, never truncated."""
    path = Path(path)
    try:
        write_atomically(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RecordExportError(f"Cannot write {path}: {reason}") from exc
