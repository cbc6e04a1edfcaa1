"""Writing a whole imported session (from a record file or the demo) as rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervision_app.domain import (
    ActionStatus,
    AuditEvent,
    SessionDetail,
    ValidationError,
    check_payload,
)
from supervision_app.storage.audit import record_audit
from supervision_app.storage.focus_rows import Focus, write_focus
from supervision_app.storage.models import (
    ActionRow,
    AnswerRow,
    CaseRow,
    DecisionRow,
    SessionRow,
    StructuredAnswerRow,
)
from supervision_app.storage.rows import clean_list, fill_case


def write_session(session: Session, detail: SessionDetail, now: datetime) -> tuple[int, int, bool]:
    """Add an imported session (and its case, when new) inside the caller's unit of work."""
    if session.scalar(select(SessionRow.id).where(SessionRow.uid == detail.uid)):
        raise ValidationError(
            [
                "This session is already in the database (same session id); nothing was imported."
            ]
        )
    reference = detail.case.reference.strip()
    case_row = session.scalar(select(CaseRow).where(CaseRow.reference == reference))
    created = case_row is None
    if case_row is None:
        case_row = CaseRow(created_at=detail.case.created_at or now, updated_at=now)
        fill_case(case_row, detail.case)
        session.add(case_row)
        session.flush()
    row = SessionRow(
        uid=detail.uid,
        case_id=case_row.id,
        date=detail.date,
        attendees=clean_list(detail.attendees),
        content_version=detail.content_version,
        created_at=detail.created_at,
        updated_at=detail.updated_at,
    )
    row.answers = [
        AnswerRow(
            prompt_id=a.prompt_id,
            stage_id=a.stage_id,
            prompt_text=a.prompt_text,
            text=a.text,
            updated_at=a.updated_at or detail.updated_at,
        )
        for a in detail.answers.values()
    ]
    row.decisions = [
        DecisionRow(
            position=i, text=d.text, rationale=d.rationale, created_at=now, updated_at=now
        )
        for i, d in enumerate(detail.decisions, start=1)
    ]
    row.actions = [
        ActionRow(
            position=i,
            description=a.description,
            owner=a.owner,
            due_date=a.due_date,
            status=ActionStatus(a.status).value,
            created_at=now,
            updated_at=now,
        )
        for i, a in enumerate(detail.actions, start=1)
    ]
    session.add(row)
    session.flush()
    for answer in detail.structured.values():
        session.add(
            StructuredAnswerRow(
                session_id=row.id,
                prompt_id=answer.prompt_id,
                stage_id=answer.stage_id,
                kind=answer.kind,
                prompt_text=answer.prompt_text,
                data=check_payload(answer.kind, answer.data),
                updated_at=answer.updated_at or detail.updated_at,
            )
        )
    if detail.agenda or detail.opening is not None or detail.closing is not None:
        focus = Focus(list(detail.agenda), detail.opening, detail.closing)
        write_focus(session, row.id, focus, detail.updated_at)
    record_audit(session, row.id, AuditEvent.CREATED, "imported from a record file")
    return case_row.id, row.id, created
