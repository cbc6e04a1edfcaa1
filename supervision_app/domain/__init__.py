"""Plain domain objects and their validation rules. No Qt, no SQLAlchemy.

The names below are imported on first use (PEP 562): the unlock dialog needs only
:mod:`.passphrase`, and importing it must not load the domain model (about 50 ms before the
first screen); the model loads with the practice content, after that screen is painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.lazy_names import lazy_names

if TYPE_CHECKING:
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

_WHERE = {
    "Action": "models",
    "ActionStatus": "models",
    "Addendum": "signing",
    "Answer": "models",
    "AuditEntry": "signing",
    "AuditEvent": "signing",
    "BASIS_CHOICES": "structured",
    "CaseDetail": "models",
    "CaseInput": "models",
    "CaseSummary": "models",
    "Child": "models",
    "DEFAULT_LATE_DAYS": "signing",
    "Decision": "models",
    "LocalUser": "signing",
    "LockedSessionError": "signing",
    "Party": "signing",
    "PayloadError": "structured",
    "STRUCTURED_KINDS": "structured",
    "SessionDetail": "models",
    "SessionIntegrity": "signing",
    "SessionSummary": "models",
    "SignOff": "signing",
    "SignOffInput": "signing",
    "StructuredAnswer": "structured",
    "ValidationError": "validation",
    "VerifyResult": "signing",
    "check_payload": "structured",
    "child_age_text": "validation",
    "encode_payload": "structured",
    "fingerprint": "signing",
    "format_date": "validation",
    "payload_is_empty": "structured",
}


__getattr__ = lazy_names(__name__, _WHERE, globals())


__all__ = [
    "BASIS_CHOICES",
    "DEFAULT_LATE_DAYS",
    "STRUCTURED_KINDS",
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
    "PayloadError",
    "SessionDetail",
    "SessionIntegrity",
    "SessionSummary",
    "SignOff",
    "SignOffInput",
    "StructuredAnswer",
    "ValidationError",
    "VerifyResult",
    "check_payload",
    "child_age_text",
    "encode_payload",
    "fingerprint",
    "format_date",
    "payload_is_empty",
]
