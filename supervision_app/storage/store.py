"""The service API the UI, the CLI and the renderers use.

Every method opens its own short unit of work and returns plain domain
objects (never ORM rows), so callers never build queries and nothing they
hold is tied to a database session.  Methods are safe to call from the
autosave thread and the GUI thread at the same time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import TypeVar

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from supervision_app.domain import (
    Action,
    ActionStatus,
    AuditEvent,
    CaseDetail,
    CaseInput,
    CaseSummary,
    Child,
    Decision,
    LockedSessionError,
    SessionDetail,
    SessionSummary,
    ValidationError,
    check_payload,
)
from supervision_app.domain.validation import case_problems, require_action, require_decision
from supervision_app.storage.audit import AuditMixin, record_audit, record_edit
from supervision_app.storage.database import Database
from supervision_app.storage.focus_store import Focus, FocusMixin, write_focus
from supervision_app.storage.loading import NotFoundError, load_detail
from supervision_app.storage.models import (
    ActionRow,
    AnswerRow,
    CaseRow,
    ChainLinkRow,
    ChildRow,
    DecisionRow,
    SessionRow,
    StructuredAnswerRow,
)
from supervision_app.storage.signing import SigningMixin, require_unlocked

T = TypeVar("T")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class SupervisionStore(FocusMixin, SigningMixin, AuditMixin):
    def __init__(self, database: Database) -> None:
        self.database = database
        from supervision_app.storage.memory_store import CaseMemoryStore
        from supervision_app.storage.personal_words import PersonalWordStore

        self.memory = CaseMemoryStore(database)
        self.words = PersonalWordStore(database)

    # -- cases ---------------------------------------------------------------

    def list_cases(self, limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        """Cases, most recent session first; ``limit``/``offset`` give one page of them.

        A page is read from an index (``ix_cases_recent``) over each case's stored latest
        session date, so its cost does not grow with the number of sessions or cases."""
        cases_q, children_q = _case_list_statements()
        with self.database.read() as session:
            conn = session.connection()
            rows = conn.execute(cases_q, {"b_limit": -1 if limit is None else limit,
                                          "b_offset": offset}).all()  # fmt: skip
            names: dict[int, list[str]] = {}
            if rows:
                for case_id, name in conn.execute(children_q, {"b_ids": [r[0] for r in rows]}):
                    names.setdefault(case_id, []).append(name)
            return [
                CaseSummary(
                    id=cid,
                    reference=reference,
                    practitioner=practitioner,
                    supervisor=supervisor,
                    children=", ".join(names.get(cid, ())),
                    session_count=count or 0,
                    last_session=last,
                )
                for cid, reference, practitioner, supervisor, count, last in rows
            ]

    def create_case(self, case: CaseInput, created_at: datetime | None = None) -> int:
        """A new case; ``created_at`` keeps the creation time of an imported case."""
        _validate_case(case)
        now = _now()
        row = CaseRow(created_at=created_at or now, updated_at=now)
        _fill_case(row, case)
        try:
            with self.database.session() as session:
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            raise ValidationError(
                [f"A case with the reference '{case.reference.strip()}' already exists."]
            ) from None

    def update_case(self, case_id: int, case: CaseInput) -> None:
        _validate_case(case)
        try:
            with self.database.session() as session:
                row = _get(session, CaseRow, case_id)
                _fill_case(row, case)
                row.updated_at = _now()
        except IntegrityError:
            raise ValidationError(
                [f"A case with the reference '{case.reference.strip()}' already exists."]
            ) from None

    def get_case(self, case_id: int) -> CaseDetail:
        case_q, children_q = _case_statements()
        with self.database.read() as session:
            conn = session.connection()
            row = conn.execute(case_q, {"b_case": case_id}).first()
            if row is None:
                raise NotFoundError(f"Case {case_id} does not exist.")
            children = conn.execute(children_q, {"b_case": case_id}).all()
            return CaseDetail(
                id=row.id,
                reference=row.reference,
                practitioner=row.practitioner,
                supervisor=row.supervisor,
                agencies=list(row.agencies or []),
                children=[Child(c.name, c.date_of_birth, c.age, c.unborn) for c in children],
                created_at=row.created_at,
            )

    def find_case(self, reference: str) -> int | None:
        with self.database.read() as session:
            return session.scalar(select(CaseRow.id).where(CaseRow.reference == reference.strip()))

    def delete_case(self, case_id: int) -> None:
        """Delete a case whose sessions are all unsigned (LockedSessionError otherwise)."""
        with self.database.session() as session:
            row = _get(session, CaseRow, case_id)
            _refuse_signed_deletion(session, [s.id for s in row.sessions])
            session.delete(row)

    # -- sessions ------------------------------------------------------------

    def list_sessions(
        self, case_id: int, limit: int | None = None, offset: int = 0
    ) -> list[SessionSummary]:
        """A case's sessions, newest first; ``limit``/``offset`` give one page of them."""
        query = _session_list_statement()
        params = {"b_case": case_id, "b_limit": -1 if limit is None else limit, "b_offset": offset}
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
        now = _now()
        with self.database.session() as session:
            _get(session, CaseRow, case_id)
            row = SessionRow(
                uid=uid or uuid.uuid4().hex,
                case_id=case_id,
                date=on,
                attendees=_clean_list(attendees),
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
            row = _get(session, SessionRow, session_id)
            require_unlocked(session, session_id)
            row.date = on
            row.attendees = _clean_list(attendees)
            row.updated_at = _now()
            record_audit(session, session_id, AuditEvent.EDITED)

    def delete_session(self, session_id: int) -> None:
        """Delete an unsigned session; a signed record is kept (LockedSessionError)."""
        with self.database.session() as session:
            row = _get(session, SessionRow, session_id)
            _refuse_signed_deletion(session, [session_id])
            session.delete(row)

    def session_exists(self, uid: str) -> bool:
        with self.database.read() as session:
            return session.scalar(select(SessionRow.id).where(SessionRow.uid == uid)) is not None

    def get_session(self, session_id: int) -> SessionDetail:
        with self.database.read() as session:
            return load_detail(session, session_id)

    def import_session(self, detail: SessionDetail, memory=None) -> tuple[int, int, bool]:
        """Write a whole session (from a record file or the demo) in one transaction.

        The case is matched by reference and created when missing.  ``memory`` (a record
        file's ``case_memory``, see exchange_memory) is written in the same transaction, so
        an import is all or nothing.  Returns ``(case_id, session_id, case_created)``.  On
        any error nothing is written.
        """
        from supervision_app.storage.memory_store import write_session_memory

        _check_session_input(detail)
        with self.database.session() as session:
            case_id, session_id, created = _write_session(session, detail, _now())
            if memory is not None:
                write_session_memory(session, case_id, session_id, memory)
            return case_id, session_id, created

    def import_case(self, case, sessions: list[SessionDetail], memory) -> int:
        """Write a whole-case file (see exchange_case) as a new case, in one transaction:
        every session, the case itself and its whole memory, or nothing."""
        from supervision_app.storage.memory_store import write_case_memory

        _validate_case(case)
        for detail in sessions:
            detail.case = case
            _check_session_input(detail)
        now = _now()
        with self.database.session() as session:
            reference = case.reference.strip()
            if session.scalar(select(CaseRow.id).where(CaseRow.reference == reference)):
                raise ValidationError(
                    [f"a case with the reference '{reference}' is already in this database."]
                )
            ids = [_write_session(session, detail, now)[:2] for detail in sessions]
            if ids:
                case_id = ids[0][0]
            else:
                row = CaseRow(created_at=case.created_at or now, updated_at=now)
                _fill_case(row, case)
                session.add(row)
                session.flush()
                case_id = row.id
            write_case_memory(session, case_id, memory, [sid for _c, sid in ids])
            return case_id

    # -- answers ---------------------------------------------------------------

    def save_answer(
        self, session_id: int, prompt_id: str, stage_id: str, prompt_text: str, text: str
    ) -> datetime:
        """Insert or replace one answer. Returns the time it was committed.

        The autosave path: one prepared UPDATE of the answer that also checks the lock; the
        session's last edit and its audit entry follow from a trigger
        (``audit.edit_audit_triggers``), or from :func:`record_edit` after the first save."""
        now = datetime.now()
        # The common case (the answer exists, the session is not signed): one UPDATE and a
        # commit on a pooled connection, without an ORM session; the trigger does the rest.
        raw = self.database.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(
                _QUICK_ANSWER_UPDATE,
                (text, now.strftime(_STORED_DATETIME), session_id, prompt_id, session_id),
            )
            if cursor.rowcount == 1:
                raw.commit()
                return now
            raw.rollback()
        finally:
            raw.close()
        with self.database.session() as session:  # first save, signed, or gone: in full
            inserted = _write_answer(
                session,
                AnswerRow,
                session_id,
                prompt_id,
                {"text": text, "updated_at": now},
                {"stage_id": stage_id, "prompt_text": prompt_text},
            )
            if inserted:
                record_edit(session, session_id, now)
        return now

    def save_structured_answer(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        kind: str,
        data: dict,
    ) -> datetime:
        """Insert or replace the answer to one structured tool. Returns the commit time.

        Raises :class:`~supervision_app.domain.PayloadError` if ``data`` has the wrong shape.
        """
        check_payload(kind, data)
        now = datetime.now()
        with self.database.session() as session:
            inserted = _write_answer(
                session,
                StructuredAnswerRow,
                session_id,
                prompt_id,
                {"kind": kind, "data": data, "updated_at": now},
                {"stage_id": stage_id, "prompt_text": prompt_text},
            )
            if inserted:
                record_edit(session, session_id, now)
        return now

    # -- decisions -----------------------------------------------------------

    def add_decision(self, session_id: int, text: str, rationale: str) -> Decision:
        require_decision(text, rationale)
        now = _now()
        with self.database.session() as session:
            _get(session, SessionRow, session_id)
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
            _touch(session, session_id)
            return Decision(row.id, row.text, row.rationale)

    def update_decision(self, decision_id: int, text: str, rationale: str) -> None:
        require_decision(text, rationale)
        with self.database.session() as session:
            row = _get(session, DecisionRow, decision_id)
            require_unlocked(session, row.session_id)
            row.text, row.rationale, row.updated_at = text, rationale, _now()
            _touch(session, row.session_id)

    def delete_decision(self, decision_id: int) -> None:
        with self.database.session() as session:
            row = _get(session, DecisionRow, decision_id)
            require_unlocked(session, row.session_id)
            _touch(session, row.session_id)
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
        now = _now()
        with self.database.session() as session:
            _get(session, SessionRow, session_id)
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
            _touch(session, session_id)
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
            row = _get(session, ActionRow, action_id)
            require_unlocked(session, row.session_id)
            row.description, row.owner, row.due_date = description, owner, due_date
            row.status = ActionStatus(status).value
            row.updated_at = _now()
            _touch(session, row.session_id)

    def delete_action(self, action_id: int) -> None:
        with self.database.session() as session:
            row = _get(session, ActionRow, action_id)
            require_unlocked(session, row.session_id)
            _touch(session, row.session_id)
            session.delete(row)


# -- helpers -------------------------------------------------------------------


def _validate_case(case: CaseInput) -> None:
    problems = case_problems(case)
    if problems:
        raise ValidationError(problems)


def _clean_list(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def _fill_case(row: CaseRow, case: CaseInput) -> None:
    row.reference = case.reference.strip()
    row.practitioner = case.practitioner.strip()
    row.supervisor = case.supervisor.strip()
    row.agencies = _clean_list(case.agencies)
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


def _get(session: Session, model: type[T], key: int) -> T:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(f"{model.__name__.removesuffix('Row')} {key} no longer exists.")
    return row


def _next_position(
    session: Session, model: type[DecisionRow] | type[ActionRow], session_id: int
) -> int:
    current = session.scalar(select(func.max(model.position)).where(model.session_id == session_id))
    return (current or 0) + 1


def _touch(session: Session, session_id: int, when: datetime | None = None) -> None:
    parent = session.get(SessionRow, session_id)
    if parent is not None:
        parent.updated_at = (when or _now()).replace(microsecond=0)
    record_audit(session, session_id, AuditEvent.EDITED)


def _refuse_signed_deletion(session: Session, session_ids: list[int]) -> None:
    if session_ids and session.scalar(
        select(ChainLinkRow.id).where(ChainLinkRow.session_id.in_(session_ids))
    ):
        raise LockedSessionError(
            "A signed supervision record cannot be deleted: it is part of the case file."
        )


#: How SQLAlchemy stores a DateTime on SQLite (so rows written either way read back alike).
_STORED_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
#: ``_answer_statements(AnswerRow)``'s UPDATE as plain SQL: the text of an existing answer,
#: unless the session has been signed off.
_QUICK_ANSWER_UPDATE = (
    "UPDATE answers SET text = ?, updated_at = ? WHERE session_id = ? AND prompt_id = ? "
    "AND NOT EXISTS (SELECT 1 FROM record_chain_links WHERE session_id = ? AND kind = 'signoff')"
)


@cache
def _session_list_statement():
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


@cache
def _case_statements():
    """Built once, on the tables: one case and its children (as ``case_detail`` reads them)."""
    cases, children = CaseRow.__table__, ChildRow.__table__
    case = select(cases.c.id, cases.c.reference, cases.c.practitioner, cases.c.supervisor,
                  cases.c.agencies, cases.c.created_at).where(cases.c.id == bindparam("b_case"))  # fmt: skip
    kids = (
        select(children.c.name, children.c.date_of_birth, children.c.age, children.c.unborn)
        .where(children.c.case_id == bindparam("b_case"))
        .order_by(children.c.position)
    )
    return case, kids


@cache
def _case_list_statements():
    """Built once, on the tables (no ORM on the way to the first screen): a page of cases in
    the order of ``ix_cases_recent``, and their children."""
    recent = func.coalesce(CaseRow.__table__.c.last_session, func.date(CaseRow.__table__.c.created_at))
    cases = (
        select(CaseRow.__table__.c.id, CaseRow.__table__.c.reference, CaseRow.__table__.c.practitioner, CaseRow.__table__.c.supervisor,
               CaseRow.__table__.c.session_count, CaseRow.__table__.c.last_session)
        .order_by(recent.desc(), CaseRow.__table__.c.reference)
        .limit(bindparam("b_limit"))
        .offset(bindparam("b_offset"))
    )  # fmt: skip
    children = (
        select(ChildRow.__table__.c.case_id, ChildRow.__table__.c.name)
        .where(ChildRow.__table__.c.case_id.in_(bindparam("b_ids", expanding=True)))
        .order_by(ChildRow.__table__.c.case_id, ChildRow.__table__.c.position)
    )
    return cases, children


def _write_answer(
    session: Session,
    model: type[AnswerRow] | type[StructuredAnswerRow],
    session_id: int,
    prompt_id: str,
    values: dict,
    new_values: dict,
) -> bool:
    """Update the session's answer to ``prompt_id`` (insert it the first time) with prepared
    Core statements; NotFoundError if the session is gone, LockedSessionError if it is signed.
    True when the answer was inserted (no trigger has done the session's bookkeeping)."""
    signed, exists, change = _answer_statements(model)
    conn = session.connection()
    # The UPDATE changes nothing once the session has been signed (one statement, not two).
    updated = conn.execute(change, {"b_session": session_id, "b_prompt": prompt_id, **values})
    if updated.rowcount:
        return False
    if conn.scalar(signed, {"b_session": session_id}) is not None:
        require_unlocked(session, session_id)  # raises, with the message for who signed
    if conn.scalar(exists, {"b_session": session_id}) is None:
        raise NotFoundError(f"Session {session_id} no longer exists.")
    conn.execute(
        insert(model.__table__),
        {"session_id": session_id, "prompt_id": prompt_id, **new_values, **values},
    )
    return True


@cache
def _answer_statements(model: type[AnswerRow] | type[StructuredAnswerRow]):
    """Built once: constructing statements costs more than running them (autosave path)."""
    table = model.__table__
    signed = (
        select(ChainLinkRow.id)
        .where(ChainLinkRow.session_id == bindparam("b_session"), ChainLinkRow.kind == "signoff")
        .limit(1)
    )
    exists = select(SessionRow.id).where(SessionRow.id == bindparam("b_session"))
    change = update(table).where(
        table.c.session_id == bindparam("b_session"),
        table.c.prompt_id == bindparam("b_prompt"),
        ~signed.exists(),
    )
    return signed, exists, change


def _check_session_input(detail: SessionDetail) -> None:
    _validate_case(detail.case)
    for decision in detail.decisions:
        require_decision(decision.text, decision.rationale)
    for action in detail.actions:
        require_action(action.description, action.owner, action.due_date)


def _write_session(session, detail: SessionDetail, now) -> tuple[int, int, bool]:
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
        _fill_case(case_row, detail.case)
        session.add(case_row)
        session.flush()
    row = SessionRow(
        uid=detail.uid,
        case_id=case_row.id,
        date=detail.date,
        attendees=_clean_list(detail.attendees),
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
