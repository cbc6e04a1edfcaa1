"""Plain domain objects and their validation rules. No Qt, no SQLAlchemy."""

from __future__ import annotations

from supervision_app.domain.models import (
    Action,
    ActionStatus,
    Answer,
    CaseDetail,
    CaseInput,
    CaseSummary,
    Child,
    Decision,
    SessionDetail,
    SessionSummary,
)
from supervision_app.domain.validation import ValidationError, child_age_text, format_date

__all__ = [
    "Action",
    "ActionStatus",
    "Answer",
    "CaseDetail",
    "CaseInput",
    "CaseSummary",
    "Child",
    "Decision",
    "SessionDetail",
    "SessionSummary",
    "ValidationError",
    "child_age_text",
    "format_date",
]
