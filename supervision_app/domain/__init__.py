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
from supervision_app.domain.signing import (
    DEFAULT_LATE_DAYS,
    Addendum,
    AuditEntry,
    AuditEvent,
    LocalUser,
    LockedSessionError,
    Party,
    SessionIntegrity,
    SignOff,
    SignOffInput,
    VerifyResult,
    fingerprint,
)
from supervision_app.domain.validation import ValidationError, child_age_text, format_date

__all__ = [
    "DEFAULT_LATE_DAYS",
    "Action",
    "ActionStatus",
    "Addendum",
    "Answer",
    "AuditEntry",
    "AuditEvent",
    "CaseDetail",
    "CaseInput",
    "CaseSummary",
    "Child",
    "Decision",
    "LocalUser",
    "LockedSessionError",
    "Party",
    "SessionDetail",
    "SessionIntegrity",
    "SessionSummary",
    "SignOff",
    "SignOffInput",
    "ValidationError",
    "VerifyResult",
    "child_age_text",
    "fingerprint",
    "format_date",
]
