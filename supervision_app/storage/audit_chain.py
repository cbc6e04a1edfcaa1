"""The audit trail is append-only and hash-chained.

Every entry the app writes carries ``prev_hash`` (the ``row_hash`` of the entry before it, by id) and its own
``row_hash``: SHA-256 over the previous hash and everything the entry says (id, session, case
reference, time, who, what, detail).  Only the "until" time of a run of edits
(``last_at``) may change later, so it is not hashed.  Triggers refuse any UPDATE of a hashed
column and any DELETE, and keep the newest entry's id and hash in ``app_meta``
(``audit_head``), so removing the newest entries is seen too.

:func:`chain_problems` re-computes the chain: an entry edited, removed or inserted out of
place, or the protection removed, is reported (``verify``).  Someone who holds the passphrase
could rewrite the whole chain, which is why the filed PDF's fingerprint is the anchor
(``supervision-app verify --pdf``).

The "edited" entries that the autosave trigger adds inside the database (on the laptop
``storage/sqlite/triggers.py``, ``edit_audit_triggers``: saving an edit is one UPDATE) have no hash and stand outside the chain;
they say only that someone typed, never what, and no signed record depends on them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from supervision_app.storage.backend import dialect_of

if TYPE_CHECKING:
    from sqlalchemy import Connection

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
#: The triggers that make the trail append-only and keep its head, by name: every backend
#: creates them under these names (``storage/sqlite/triggers.py``), and verify reports them
#: missing.
PROTECTION_TRIGGERS = frozenset(
    {"audit_events_append_only_delete", "audit_events_append_only_update", "audit_events_head"}
)


def _text_time(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(value)


def row_digest(prev_hash: str, fields: tuple[Any, ...]) -> str:
    """``fields``: id, session_id, case_reference, at, user_name, user_role, event, detail."""
    entry_id, session_id, reference, at, name, role, event, detail = fields
    canonical = json.dumps(
        [prev_hash, int(entry_id), session_id, reference or "", _text_time(at), name or "",
         role or "", event, detail or ""],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


SELECT_ROWS = (
    "SELECT id, session_id, case_reference, at, user_name, user_role, event, detail, "
    "prev_hash, row_hash FROM audit_events ORDER BY id"
)


def seal_entry(conn: Connection, entry_id: int) -> None:
    """Give the new entry ``entry_id`` its place in the chain (inside the inserting
    transaction, which already holds the write lock, so the chain cannot fork)."""
    from sqlalchemy import text

    prev = conn.execute(
        text(
            "SELECT row_hash FROM audit_events WHERE id < :id AND row_hash IS NOT NULL "
            "ORDER BY id DESC LIMIT 1"
        ),
        {"id": entry_id},
    ).scalar()
    fields = conn.execute(
        text(
            "SELECT id, session_id, case_reference, at, user_name, user_role, event, detail "
            "FROM audit_events WHERE id = :id"
        ),
        {"id": entry_id},
    ).one()
    prev = prev or GENESIS
    conn.execute(
        text("UPDATE audit_events SET prev_hash = :prev, row_hash = :hash WHERE id = :id"),
        {"prev": prev, "hash": row_digest(prev, tuple(fields)), "id": entry_id},
    )


def chain_all(cursor: Any) -> None:
    """Chain every entry in id order (the migration step; a DB-API cursor of the qmark style)."""
    prev = GENESIS
    for row in cursor.execute(SELECT_ROWS).fetchall():
        digest = row_digest(prev, tuple(row[:8]))
        cursor.execute(
            "UPDATE audit_events SET prev_hash = ?, row_hash = ? WHERE id = ?",
            (prev, digest, row[0]),
        )
        prev = digest


@dataclass(frozen=True, slots=True)
class ChainProblem:
    session_id: int | None
    reference: str
    problem: str


def chain_problems(conn: Connection) -> list[ChainProblem]:
    """Every way the stored trail differs from the chain it was written as (empty when whole)."""
    from sqlalchemy import text

    problems: list[ChainProblem] = []
    # A server whose logins each see only part of the trail walks the whole chain itself
    # (storage/postgres/dialect.py, ``audit_problems``).
    server_walk = getattr(dialect_of(conn), "audit_problems", None)
    if server_walk is not None:
        return [ChainProblem(*found) for found in server_walk(conn)]
    if not dialect_of(conn).trigger_names(conn) >= PROTECTION_TRIGGERS:
        problems.append(
            ChainProblem(None, "", "the audit trail's append-only protection was removed")
        )
    prev = GENESIS
    last = None
    for row in conn.execute(text(SELECT_ROWS)).all():
        entry_id, session_id, reference = row[0], row[1], row[2] or ""
        stored_prev, stored_hash = row[8], row[9]
        if stored_hash is None and row[6] == "edited":
            continue  # an "edited" entry the autosave trigger added: outside the chain
        if stored_hash is None or stored_prev != prev:
            problems.append(ChainProblem(session_id, reference,
                f"the audit trail was changed: an entry before entry {entry_id} was removed, "
                "or this one was inserted"))  # fmt: skip
        elif row_digest(prev, tuple(row[:8])) != stored_hash:
            problems.append(ChainProblem(session_id, reference,
                f"the audit trail was changed: entry {entry_id} was edited"))  # fmt: skip
        prev = stored_hash or prev
        last = (entry_id, stored_hash)
    head = conn.execute(
        text("SELECT value FROM app_meta WHERE key = :key"), {"key": HEAD_KEY}
    ).scalar()
    expected = f"{last[0]}:{last[1]}" if last else None
    if head != expected and (head is not None or last is not None):
        problems.append(ChainProblem(None, "",
            "the audit trail was changed: its newest entries were removed"))  # fmt: skip
    return problems
