"""The SQL that SQLite speaks where engines differ (see :class:`.backend.Dialect`).

Registered when imported; :mod:`.backend` imports it, so every SQLite database this app
opens has it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from supervision_app.storage.backend import SearchRow, StorageFault, register_dialect
from supervision_app.storage.sqlite import search_index

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

#: How SQLAlchemy stores a DateTime on SQLite (so rows written either way read back alike).
STORED_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
#: The store's answer UPDATE as plain SQL (storage/answer_writes.py's, with the same rules):
#: the text of an existing answer still at the version the editor saw, unless the session has
#: been signed off.  The edit-audit triggers (:mod:`.triggers`) do the bookkeeping.
QUICK_ANSWER_UPDATE = (
    "UPDATE answers SET text = ?, updated_at = ?, version = version + 1 "
    "WHERE session_id = ? AND prompt_id = ? AND version = ? "
    "AND NOT EXISTS (SELECT 1 FROM record_chain_links WHERE session_id = ? AND kind = 'signoff') "
    "RETURNING version"
)


#: How SQLite and SQLCipher say that a page failed its check (SQLITE_CORRUPT, SQLITE_NOTADB).
DAMAGE_SIGNS = ("malformed", "not a database", "file is encrypted", "corrupt")


class SqliteDialect:
    name = "sqlite"
    identity_from_login = False

    def search(
        self, conn: Connection, user_text: str, limit: int, marks: tuple[str, str]
    ) -> list[SearchRow]:
        return search_index.search(conn, user_text, limit, marks)

    def trigger_names(self, conn: Connection) -> set[str]:
        return {
            str(r[0])
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }

    def classify_error(self, exc: BaseException) -> StorageFault | None:
        """SQLite says what went wrong only in its messages ("database or disk is full",
        "database is locked", "attempt to write a readonly database"); an OS error's
        message says the same."""
        original = getattr(exc, "orig", exc)
        text = str(original).lower()
        if any(sign in text for sign in DAMAGE_SIGNS):
            return StorageFault.DAMAGED
        if "full" in text or "no space" in text:
            return StorageFault.DISK_FULL
        if "locked" in text or "busy" in text:
            return StorageFault.BUSY
        if "readonly" in text or "read-only" in text or "permission" in text:
            return StorageFault.READ_ONLY
        return None

    def take_signing_turn(self, session: Session, session_id: int) -> None:
        """Nothing to take: the laptop's file has one writer at a time (SQLite's write lock,
        and the instance lock keeps a second app off the file)."""


    def save_answer_text(
        self, conn: Any, session_id: int, prompt_id: str, text: str, when: datetime, seen: int
    ) -> int | None:
        """One UPDATE and a commit on the held connection (sqlite3 caches the prepared
        statement), without SQLAlchemy's execution layer."""
        rows = conn.execute(
            QUICK_ANSWER_UPDATE,
            (text, when.strftime(STORED_DATETIME), session_id, prompt_id, seen, session_id),
        ).fetchall()
        if rows:
            conn.commit()
            return int(rows[0][0])
        conn.rollback()
        return None

    def edit_turn(self, conn: Connection, session_id: int) -> None:
        """Nothing: SQLite serialises writers (and the laptop has one window)."""


DIALECT = SqliteDialect()
register_dialect(DIALECT)
