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
from supervision_app.domain.structured import (
    BASIS_CHOICES,
    STRUCTURED_KINDS,
    PayloadError,
    StructuredAnswer,
    check_payload,
    encode_payload,
    payload_is_empty,
)
from supervision_app.domain.validation import ValidationError, child_age_text, format_date

__all__ = [
    "BASIS_CHOICES",
    "STRUCTURED_KINDS",
    "Action",
    "ActionStatus",
    "Answer",
    "CaseDetail",
    "CaseInput",
    "CaseSummary",
    "Child",
    "Decision",
    "PayloadError",
    "SessionDetail",
    "SessionSummary",
    "StructuredAnswer",
    "ValidationError",
    "check_payload",
    "child_age_text",
    "encode_payload",
    "format_date",
    "payload_is_empty",
]
