"""The sessions in the store, with their answers, decisions and actions.

Every method opens its own short unit of work and returns plain domain objects (never ORM
rows).  Methods are safe to call from the autosave thread and the GUI thread at the same time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from supervision_app.domain import (
    Action,
    ActionStatus,
    AuditEvent,
    Decision,
    SessionDetail,
    SessionSummary,
    check_payload,
)
from supervision_app.domain.validation import require_action, require_decision
from supervision_app.storage.answer_writes import SavedAnswer, write_versioned
from supervision_app.storage.audit import record_audit, record_edit
from supervision_app.storage.conflict import LATEST
from supervision_app.storage.database import Database
from supervision_app.storage.loading import load_detail
from supervision_app.storage.memory_files import write_session_memory
from supervision_app.storage.models import (
    ActionRow,
    AnswerRow,
    CaseRow,
    DecisionRow,
    SessionRow,
    StructuredAnswerRow,
)
from supervision_app.storage.rows import (
    NO_LIMIT,
    check_session_input,
    clean_list,
    get_row,
    now_seconds,
    refuse_signed_deletion,
    touch_session,
)
from supervision_app.storage.session_import import write_session
from supervision_app.storage.signing import require_unlocked

if TYPE_CHECKING:
    from supervision_app.storage.interface import SessionMemoryData


class SessionStore:
    """``store.sessions``: a case's sessions, their answers, decisions and actions."""

    def __init__(self, database: Database) -> None:
        self.database = database
        #: The version each answer's last save here produced (for callers without an editor).
        self._produced: dict[tuple[int, str], int] = {}

    def list_sessions(
        self, case_id: int, limit: int | None = None, offset: int = 0
    ) -> list[SessionSummary]:
        """A case's sessions, newest first; ``limit``/``offset`` give one page of them."""
        query = _session_list_statement()
        params = {
            "b_case": case_id,
            "b_limit": NO_LIMIT if limit is None else limit,
            "b_offset": offset,
        }
        with self.database.read() as session:
            return [
                SessionSummary(
                    id=sid,
                    uid=uid,
                    case_id=case,
                    date=on,
                    attendees=tuple(attendees or ()),
                    answered=(n or 0) + (t or 0),
                    updated_at=updated,
                )
                for sid, uid, case, on, attendees, updated, n, t in session.connection().execute(
                    query, params
                )
            ]

    def count_sessions(self, case_id: int) -> int:
        sessions = SessionRow.__table__
        with self.database.read() as session:
            return (
                session.connection().scalar(
                    select(func.count(sessions.c.id)).where(sessions.c.case_id == case_id)
                )
                or 0
            )

    def session_case_id(self, session_id: int) -> int | None:
        """The case a session belongs to (None if it no longer exists)."""
        with self.database.read() as session:
            return session.scalar(select(SessionRow.case_id).where(SessionRow.id == session_id))

    def create_session(
        self,
        case_id: int,
        on: date,
        attendees: Iterable[str],
        content_version: str,
        uid: str | None = None,
    ) -> int:
        now = now_seconds()
        with self.database.session() as session:
            get_row(session, CaseRow, case_id)
            row = SessionRow(
                uid=uid or uuid.uuid4().hex,
                case_id=case_id,
                date=on,
                attendees=clean_list(attendees),
                content_version=content_version,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            record_audit(session, row.id, AuditEvent.CREATED)
            return row.id

    def update_session(self, session_id: int, on: date, attendees: Iterable[str]) -> None:
        with self.database.session() as session:
            row = get_row(session, SessionRow, session_id)
            require_unlocked(session, session_id)
            row.date = on
            row.attendees = clean_list(attendees)
            row.updated_at = now_seconds()
            record_audit(session, session_id, AuditEvent.EDITED)

    def delete_session(self, session_id: int) -> None:
        """Delete an unsigned session; a signed record is kept (LockedSessionError)."""
        with self.database.session() as session:
            row = get_row(session, SessionRow, session_id)
            refuse_signed_deletion(session, [session_id])
            session.delete(row)

    def session_exists(self, uid: str) -> bool:
        with self.database.read() as session:
            return session.scalar(select(SessionRow.id).where(SessionRow.uid == uid)) is not None

    def get_session(self, session_id: int) -> SessionDetail:
        with self.database.read() as session:
            return load_detail(session, session_id)

    def import_session(
        self, detail: SessionDetail, memory: SessionMemoryData | None = None
    ) -> tuple[int, int, bool]:
        """Write a whole session (from a record file or the demo) in one transaction.

        The case is matched by reference and created when missing.  ``memory`` (a record
        file's ``case_memory``, see exchange_memory) is written in the same transaction, so
        an import is all or nothing.  Returns ``(case_id, session_id, case_created)``.  On
        any error nothing is written.
        """
        check_session_input(detail)
        with self.database.session() as session:
            case_id, session_id, created = write_session(session, detail, now_seconds())
            if memory is not None:
                write_session_memory(session, case_id, session_id, memory)
            return case_id, session_id, created

    # -- answers ---------------------------------------------------------------

    def save_answer(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        text: str,
        seen: int | None = LATEST,
    ) -> datetime:
        """Save one answer (inserted the first time). Returns the time it was committed.
        :meth:`save_answer_versioned` says more."""
        return self.save_answer_versioned(
            session_id, prompt_id, stage_id, prompt_text, text, seen
        ).saved_at

    def save_answer_versioned(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        text: str,
        seen: int | None = LATEST,
    ) -> SavedAnswer:
        """Save one answer over version ``seen`` (the editor's; ``None``: it saw no answer;
        :data:`LATEST`: the version this store last saved, else the one stored now), by the
        rules of :mod:`.answer_writes`: ``AnswerConflictError`` when someone else saved first.

        The autosave path: the common case (the answer is at ``seen``, the session is not
        signed) is the backend's quick path on the held connection (one UPDATE and a commit,
        the session's last edit and audit entry following in the database:
        ``Dialect.save_answer_text``); otherwise a unit of work."""
        now = datetime.now()
        key = (session_id, prompt_id)
        if seen == LATEST:
            seen = self._produced.get(key, LATEST)
        if seen is not None and seen != LATEST:
            backend = self.database.backend
            quick = backend.dialect.save_answer_text
            engine = backend.engine
            version = backend.held.run(
                engine, lambda conn: quick(conn, session_id, prompt_id, text, now, seen)
            )
            if version is not None:
                self._produced[key] = version
                return SavedAnswer(version, now)
        with self.database.session() as session:  # first save, signed, gone or a conflict
            version, inserted = write_versioned(
                session,
                AnswerRow,
                session_id,
                prompt_id,
                {"text": text, "updated_at": now},
                {"stage_id": stage_id, "prompt_text": prompt_text},
                seen,
            )
            if inserted:
                record_edit(session, session_id, now)
        self._produced[key] = version
        return SavedAnswer(version, now)

    def save_structured_answer(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        kind: str,
        data: dict[str, Any],
        seen: int | None = LATEST,
    ) -> datetime:
        """Insert or replace the answer to one structured tool. Returns the commit time."""
        return self.save_structured_versioned(
            session_id, prompt_id, stage_id, prompt_text, kind, data, seen
        ).saved_at

    def save_structured_versioned(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        kind: str,
        data: dict[str, Any],
        seen: int | None = LATEST,
    ) -> SavedAnswer:
        """A structured tool's answer over version ``seen``, as :meth:`save_answer_versioned`.

        Raises :class:`~supervision_app.domain.PayloadError` if ``data`` has the wrong shape.
        """
        check_payload(kind, data)
        now = datetime.now()
        key = (session_id, prompt_id)
        if seen == LATEST:
            seen = self._produced.get(key, LATEST)
        with self.database.session() as session:
            version, inserted = write_versioned(
                session,
                StructuredAnswerRow,
                session_id,
                prompt_id,
                {"kind": kind, "data": data, "updated_at": now},
                {"stage_id": stage_id, "prompt_text": prompt_text},
                seen,
            )
            if inserted:
                record_edit(session, session_id, now)
        self._produced[key] = version
        return SavedAnswer(version, now)

    # -- decisions -----------------------------------------------------------

    def add_decision(self, session_id: int, text: str, rationale: str) -> Decision:
        require_decision(text, rationale)
        now = now_seconds()
        with self.database.session() as session:
            get_row(session, SessionRow, session_id)
            require_unlocked(session, session_id)
            row = DecisionRow(
                session_id=session_id,
                position=_next_position(session, DecisionRow, session_id),
                text=text,
                rationale=rationale,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            touch_session(session, session_id)
            return Decision(row.id, row.text, row.rationale)

    def update_decision(self, decision_id: int, text: str, rationale: str) -> None:
        require_decision(text, rationale)
        with self.database.session() as session:
            row = get_row(session, DecisionRow, decision_id)
            require_unlocked(session, row.session_id)
            row.text, row.rationale, row.updated_at = text, rationale, now_seconds()
            touch_session(session, row.session_id)

    def delete_decision(self, decision_id: int) -> None:
        with self.database.session() as session:
            row = get_row(session, DecisionRow, decision_id)
            require_unlocked(session, row.session_id)
            touch_session(session, row.session_id)
            session.delete(row)

    # -- actions ---------------------------------------------------------------

    def add_action(
        self,
        session_id: int,
        description: str,
        owner: str,
        due_date: date | None,
        status: ActionStatus = ActionStatus.OPEN,
    ) -> Action:
        require_action(description, owner, due_date)
        now = now_seconds()
        with self.database.session() as session:
            get_row(session, SessionRow, session_id)
            require_unlocked(session, session_id)
            row = ActionRow(
                session_id=session_id,
                position=_next_position(session, ActionRow, session_id),
                description=description,
                owner=owner,
                due_date=due_date,
                status=ActionStatus(status).value,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            touch_session(session, session_id)
            return Action(
                row.id, row.description, row.owner, row.due_date, ActionStatus(row.status)
            )

    def update_action(
        self,
        action_id: int,
        description: str,
        owner: str,
        due_date: date | None,
        status: ActionStatus,
    ) -> None:
        require_action(description, owner, due_date)
        with self.database.session() as session:
            row = get_row(session, ActionRow, action_id)
            require_unlocked(session, row.session_id)
            row.description, row.owner, row.due_date = description, owner, due_date
            row.status = ActionStatus(status).value
            row.updated_at = now_seconds()
            touch_session(session, row.session_id)

    def delete_action(self, action_id: int) -> None:
        with self.database.session() as session:
            row = get_row(session, ActionRow, action_id)
            require_unlocked(session, row.session_id)
            touch_session(session, row.session_id)
            session.delete(row)


def _next_position(
    session: Session, model: type[DecisionRow] | type[ActionRow], session_id: int
) -> int:
    current = session.scalar(select(func.max(model.position)).where(model.session_id == session_id))
    return (current or 0) + 1


@cache
def _session_list_statement() -> Select[Any]:
    """Built once: a page of a case's sessions with their answered counts."""
    sessions, answers = SessionRow.__table__, AnswerRow.__table__
    structured = StructuredAnswerRow.__table__
    page = (
        select(sessions.c.id)
        .where(sessions.c.case_id == bindparam("b_case"))
        .order_by(sessions.c.date.desc(), sessions.c.id.desc())
        .limit(bindparam("b_limit"))
        .offset(bindparam("b_offset"))
        .subquery()
    )
    answered = (
        select(answers.c.session_id, func.count(answers.c.id).label("n"))
        .where(func.trim(answers.c.text) != "", answers.c.session_id.in_(select(page.c.id)))
        .group_by(answers.c.session_id)
        .subquery()
    )
    tools = (
        select(structured.c.session_id, func.count(structured.c.id).label("n"))
        .where(structured.c.session_id.in_(select(page.c.id)))
        .group_by(structured.c.session_id)
        .subquery()
    )
    return (  # table columns, not ORM objects: a listing needs no ORM at all
        select(
            sessions.c.id,
            sessions.c.uid,
            sessions.c.case_id,
            sessions.c.date,
            sessions.c.attendees,
            sessions.c.updated_at,
            answered.c.n,
            tools.c.n,
        )
        .outerjoin(answered, answered.c.session_id == sessions.c.id)
        .outerjoin(tools, tools.c.session_id == sessions.c.id)
        .where(sessions.c.id.in_(select(page.c.id)))
        .order_by(sessions.c.date.desc(), sessions.c.id.desc())
    )

