"""The supervision record: one plain-data view of a session, rendered as HTML and PDF.

:func:`build_record` turns a loaded session and the practice content into a
:class:`SessionRecord`; the HTML preview and the PDF are both rendered from
that one object, so they cannot disagree.  Heavy renderers (Jinja2,
ReportLab) are imported only when used.
"""

from __future__ import annotations

from supervision_app.record.build import DEFAULT_MARKING, build_record
from supervision_app.record.model import (
    RecordAction,
    RecordAddendum,
    RecordAuditEntry,
    RecordChild,
    RecordDecision,
    RecordEscalation,
    RecordHypothesis,
    RecordPreviousAction,
    RecordPrompt,
    RecordRating,
    RecordScaling,
    RecordSignoff,
    RecordStage,
    RecordSummary,
    RecordWellbeing,
    SessionRecord,
)

__all__ = [
    "DEFAULT_MARKING",
    "RecordAction",
    "RecordAddendum",
    "RecordAuditEntry",
    "RecordChild",
    "RecordDecision",
    "RecordEscalation",
    "RecordHypothesis",
    "RecordPreviousAction",
    "RecordPrompt",
    "RecordRating",
    "RecordScaling",
    "RecordSignoff",
    "RecordStage",
    "RecordSummary",
    "RecordWellbeing",
    "SessionRecord",
    "build_record",
]
