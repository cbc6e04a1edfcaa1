"""Small helpers shared by the store's components (each inside the caller's unit of work).

They write ORM rows; none of them opens a session or commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervision_app.domain import (
    AuditEvent,
    CaseInput,
    LockedSessionError,
    SessionDetail,
    ValidationError,
)
from supervision_app.domain.validation import case_problems, require_action, require_decision
from supervision_app.storage.audit import record_audit
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.models import CaseRow, ChainLinkRow, ChildRow, SessionRow

T = TypeVar("T")
#: "No limit" for a LIMIT bound as a parameter: SQLite refuses NULL, PostgreSQL a negative one.
NO_LIMIT = 2**62


def now_seconds() -> datetime:
    """Now, to the whole second (how the store stamps rows)."""
    return datetime.now().replace(microsecond=0)


def validate_case(case: CaseInput) -> None:
    problems = case_problems(case)
    if problems:
        raise ValidationError(problems)


def clean_list(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def fill_case(row: CaseRow, case: CaseInput) -> None:
    row.reference = case.reference.strip()
    row.practitioner = case.practitioner.strip()
    row.supervisor = case.supervisor.strip()
    row.agencies = clean_list(case.agencies)
    row.children = [
        ChildRow(
            position=i,
            name=c.name.strip(),
            date_of_birth=c.date_of_birth,
            age=c.age.strip(),
            unborn=c.unborn,
        )
        for i, c in enumerate(case.children)
    ]


def get_row(session: Session, model: type[T], key: int) -> T:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(f"{model.__name__.removesuffix('Row')} {key} no longer exists.")
    return row


def touch_session(session: Session, session_id: int, when: datetime | None = None) -> None:
    parent = session.get(SessionRow, session_id)
    if parent is not None:
        parent.updated_at = (when or now_seconds()).replace(microsecond=0)
    record_audit(session, session_id, AuditEvent.EDITED)


def refuse_signed_deletion(session: Session, session_ids: list[int]) -> None:
    if session_ids and session.scalar(
        select(ChainLinkRow.id).where(ChainLinkRow.session_id.in_(session_ids))
    ):
        raise LockedSessionError(
            "A signed supervision record cannot be deleted: it is part of the case file."
        )


def check_session_input(detail: SessionDetail) -> None:
    validate_case(detail.case)
    for decision in detail.decisions:
        require_decision(decision.text, decision.rationale)
    for action in detail.actions:
        require_action(action.description, action.owner, action.due_date)
