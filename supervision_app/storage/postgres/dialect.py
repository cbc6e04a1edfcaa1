"""The SQL that PostgreSQL speaks where engines differ (see :class:`.backend.Dialect`).

Registered when imported (the agency backend imports it), so every server connection has it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from supervision_app.storage.backend import SearchRow, StorageFault, register_dialect
from supervision_app.storage.postgres import concurrency, search

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

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
    "XX001": StorageFault.DAMAGED,  # data_corrupted
    "XX002": StorageFault.DAMAGED,  # index_corrupted
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
        self, conn: Any, session_id: int, prompt_id: str, text: str, when: datetime, seen: int
    ) -> int | None:
        """The autosave on the server in one round trip: the transaction, its turn behind a
        signing under way, the UPDATE over version ``seen`` and the commit go as one message
        (``concurrency.quick_save``), as the login itself (row-level security applies)."""
        return concurrency.quick_save(conn, session_id, prompt_id, text, when, seen)

    def edit_turn(self, conn: Connection, session_id: int) -> None:
        concurrency.take_edit_turn(conn, session_id)


DIALECT = PostgresDialect()
register_dialect(DIALECT)
