"""The cases in the store: list, create, edit, find, delete, and import a whole case."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from supervision_app.domain import (
    CaseDetail,
    CaseInput,
    CaseSummary,
    Child,
    SessionDetail,
    ValidationError,
)
from supervision_app.storage.database import Database
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.memory_files import write_case_memory
from supervision_app.storage.models import CaseRow, ChildRow
from supervision_app.storage.rows import (
    NO_LIMIT,
    check_session_input,
    fill_case,
    get_row,
    now_seconds,
    refuse_signed_deletion,
    validate_case,
)
from supervision_app.storage.session_import import write_session

if TYPE_CHECKING:
    from supervision_app.storage.interface import CaseMemoryData


class CaseStore:
    """``store.cases``: every method opens its own unit of work and returns domain objects."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def list_cases(self, limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        """Cases, most recent session first; ``limit``/``offset`` give one page of them.

        A page is read from an index (``ix_cases_recent``) over each case's stored latest
        session date, so its cost does not grow with the number of sessions or cases."""
        cases_q, children_q = _case_list_statements()
        with self.database.read() as session:
            conn = session.connection()
            rows = conn.execute(cases_q, {"b_limit": NO_LIMIT if limit is None else limit,
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
        validate_case(case)
        now = now_seconds()
        row = CaseRow(created_at=created_at or now, updated_at=now)
        fill_case(row, case)
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
        validate_case(case)
        try:
            with self.database.session() as session:
                row = get_row(session, CaseRow, case_id)
                fill_case(row, case)
                row.updated_at = now_seconds()
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
            row = get_row(session, CaseRow, case_id)
            refuse_signed_deletion(session, [s.id for s in row.sessions])
            session.delete(row)

    def import_case(
        self, case: CaseDetail, sessions: list[SessionDetail], memory: CaseMemoryData
    ) -> int:
        """Write a whole-case file (see exchange_case) as a new case, in one transaction:
        every session, the case itself and its whole memory, or nothing."""
        validate_case(case)
        for detail in sessions:
            detail.case = case
            check_session_input(detail)
        now = now_seconds()
        reference = case.reference.strip()
        try:
            with self.database.session() as session:
                if session.scalar(select(CaseRow.id).where(CaseRow.reference == reference)):
                    raise ValidationError(
                        [f"a case with the reference '{reference}' is already in this database."]
                    )
                ids = [write_session(session, detail, now)[:2] for detail in sessions]
                if ids:
                    case_id = ids[0][0]
                else:
                    row = CaseRow(created_at=case.created_at or now, updated_at=now)
                    fill_case(row, case)
                    session.add(row)
                    session.flush()
                    case_id = row.id
                write_case_memory(session, case_id, memory, [sid for _c, sid in ids])
                return case_id
        except IntegrityError as exc:
            if not _duplicate(exc):
                raise
            # The check above sees only what the login may see: on the agency server the
            # case (or one of its sessions) can be held under another person's login.
            raise ValidationError(
                [
                    f"a case with the reference '{reference}', or one of its sessions, is "
                    "already in this database (perhaps under another person's login)."
                ]
            ) from None


def _duplicate(exc: IntegrityError) -> bool:
    """A unique key broken (PostgreSQL's SQLSTATE 23505, SQLite's message), not another check."""
    orig = exc.orig
    return getattr(orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(orig)


@cache
def _case_statements() -> tuple[Select[Any], Select[Any]]:
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
def _case_list_statements() -> tuple[Select[Any], Select[Any]]:
    """Built once, on the tables (no ORM on the way to the first screen): a page of cases in
    the order of ``ix_cases_recent``, and their children."""
    recent = func.coalesce(
        CaseRow.__table__.c.last_session, func.date(CaseRow.__table__.c.created_at)
    )
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
