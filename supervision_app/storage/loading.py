"""Loading a stored session into plain domain objects (inside a caller's unit of work).

Importing it loads no SQLAlchemy: :class:`NotFoundError` is needed by the window's modules
before the first paint, SQLAlchemy only once a session is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.domain import (
    Action,
    ActionStatus,
    Answer,
    CaseDetail,
    Child,
    Decision,
    SessionDetail,
    StructuredAnswer,
)

if TYPE_CHECKING:  # SQLAlchemy loads with the first session read, not with NotFoundError
    from sqlalchemy.orm import Session

    from supervision_app.storage.models import CaseRow


class NotFoundError(LookupError):
    """The case, session or item no longer exists."""


def case_detail(row: CaseRow) -> CaseDetail:
    return CaseDetail(
        id=row.id,
        reference=row.reference,
        practitioner=row.practitioner,
        supervisor=row.supervisor,
        agencies=list(row.agencies or []),
        children=[Child(c.name, c.date_of_birth, c.age, c.unborn) for c in row.children],
        created_at=row.created_at,
    )


def load_detail(session: Session, session_id: int) -> SessionDetail:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from supervision_app.storage.models import CaseRow, SessionRow

    row = session.scalar(
        select(SessionRow)
        .where(SessionRow.id == session_id)
        .options(
            selectinload(SessionRow.case).selectinload(CaseRow.children),
            selectinload(SessionRow.answers),
            selectinload(SessionRow.decisions),
            selectinload(SessionRow.actions),
        )
        .execution_options(populate_existing=True)
    )
    if row is None:
        raise NotFoundError(f"Session {session_id} does not exist.")
    from supervision_app.storage.focus_rows import read_focus

    focus = read_focus(session, row.id)
    return SessionDetail(
        id=row.id,
        uid=row.uid,
        case=case_detail(row.case),
        date=row.date,
        attendees=list(row.attendees or []),
        content_version=row.content_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        answers={
            a.prompt_id: Answer(a.prompt_id, a.stage_id, a.prompt_text, a.text, a.updated_at, a.version)
            for a in sorted(row.answers, key=lambda a: a.prompt_id)
        },
        decisions=[Decision(d.id, d.text, d.rationale) for d in row.decisions],
        actions=[
            Action(a.id, a.description, a.owner, a.due_date, ActionStatus(a.status))
            for a in row.actions
        ],
        structured=structured_answers(session, row.id),
        agenda=focus.agenda,
        opening=focus.opening,
        closing=focus.closing,
    )


def structured_answers(session: Session, session_id: int) -> dict[str, StructuredAnswer]:
    from sqlalchemy import select

    from supervision_app.storage.models import StructuredAnswerRow

    rows = session.scalars(
        select(StructuredAnswerRow)
        .where(StructuredAnswerRow.session_id == session_id)
        .order_by(StructuredAnswerRow.prompt_id)
    )
    return {
        r.prompt_id: StructuredAnswer(
            r.prompt_id, r.stage_id, r.prompt_text, r.kind, dict(r.data or {}), r.updated_at,
            r.version,
        )
        for r in rows
    }
