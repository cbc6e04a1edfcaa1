"""The SQL that PostgreSQL speaks where engines differ (see :class:`.backend.Dialect`).

Registered when imported (the agency backend imports it), so every server connection has it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from supervision_app.storage.backend import SearchRow, StorageFault, register_dialect
from supervision_app.storage.postgres import concurrency, search

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session

#: Per engine (one login's connection to the server), the version of each answer this client
#: last saved: the "seen" version of optimistic concurrency.
_SEEN: WeakKeyDictionary[Engine, dict[tuple[int, str], int]] = WeakKeyDictionary()

#: SQLSTATE classes and codes (PostgreSQL's appendix A) and what they mean for a save.
_FAULTS = {
    "53100": StorageFault.DISK_FULL,  # disk_full
    "53200": StorageFault.BUSY,  # out_of_memory
    "53300": StorageFault.BUSY,  # too_many_connections
    "40001": StorageFault.BUSY,  # serialization_failure
    "40P01": StorageFault.BUSY,  # deadlock_detected
    "55P03": StorageFault.BUSY,  # lock_not_available
    "57014": StorageFault.BUSY,  # query_canceled (statement or lock time-out)
    "57P01": StorageFault.BUSY,  # admin_shutdown
    "25006": StorageFault.READ_ONLY,  # read_only_sql_transaction (a standby)
    "42501": StorageFault.READ_ONLY,  # insufficient_privilege (the records role)
}


class PostgresDialect:
    name = "postgresql"
    identity_from_login = True

    def search(
        self, conn: Connection, user_text: str, limit: int, marks: tuple[str, str]
    ) -> list[SearchRow]:
        return search.search_rows(conn, user_text, limit, marks)

    def trigger_names(self, conn: Connection) -> set[str]:
        from sqlalchemy import text

        rows = conn.execute(
            text(
                "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
            )
        )
        return {str(name) for (name,) in rows}

    def classify_error(self, exc: BaseException) -> StorageFault | None:
        original = getattr(exc, "orig", exc)
        code = getattr(original, "sqlstate", None)
        if not isinstance(code, str):
            return None
        return _FAULTS.get(code, StorageFault.BUSY if code.startswith("08") else None)

    def audit_problems(self, conn: Connection) -> list[tuple[int | None, str, str]]:
        """The audit chain as the server walks it (every entry, which no login can read),
        reported for the entries this login may read (``audit_trail.py``)."""
        from sqlalchemy import text

        rows = conn.execute(text("SELECT * FROM supervision_audit_problems()"))
        return [(session_id, reference, problem) for session_id, reference, problem in rows]

    def take_signing_turn(self, session: Session, session_id: int) -> None:
        """One signer of a record at a time on the server; autosaves under way finish first
        and later ones wait, then find the record signed (``concurrency.take_signing_turn``)."""
        concurrency.take_signing_turn(session, session_id)

    def save_answer_text(
        self, engine: Engine, session_id: int, prompt_id: str, text: str, when: datetime
    ) -> bool:
        """The autosave on the server, with optimistic concurrency: the save is based on the
        version this client last saved (the first save of an answer in this run, on the
        version stored then); someone else's save in between raises
        ``concurrency.AnswerConflictError`` with both texts, and nothing is overwritten.
        False when there is no answer yet (the caller inserts it in a unit of work)."""
        from sqlalchemy.orm import Session

        seen = _SEEN.setdefault(engine, {})
        key = (session_id, prompt_id)
        with Session(engine) as session, session.begin():
            version = seen.get(key) or concurrency.answer_version(session, session_id, prompt_id)
            if version is None:  # the caller inserts it now, at version 1: later saves
                seen[key] = 1  # go over that version, so someone else's save in between shows
                return False
            saved = concurrency.save_answer(
                session, session_id, prompt_id, "", "", text, version, when=when
            )
        seen[key] = saved.version
        return True

    def accept_answer_version(
        self, engine: Engine, session_id: int, prompt_id: str, version: int
    ) -> None:
        """The user has seen someone else's save (``version``) and chosen: the next save of
        this answer goes over it (after an ``AnswerConflictError``)."""
        _SEEN.setdefault(engine, {})[(session_id, prompt_id)] = version


DIALECT = PostgresDialect()
register_dialect(DIALECT)
