"""The SQLite triggers that protect the audit trail (``storage/audit_chain.py``).

They refuse any DELETE and any UPDATE of a hashed column of ``audit_events``, and keep the
newest entry's id and hash in ``app_meta`` (``audit_head``).  Their names are
:data:`~supervision_app.storage.audit_chain.PROTECTION_TRIGGERS`; verify reports any missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.storage.audit_chain import HEAD_KEY, PROTECTION_TRIGGERS

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: name -> the statement that creates it when missing.
AUDIT_TRIGGERS = {
    "audit_events_append_only_delete": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_append_only_delete BEFORE DELETE ON "
        "audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    ),
    "audit_events_append_only_update": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_append_only_update BEFORE UPDATE OF "
        "id, session_id, case_reference, at, user_name, user_role, event, detail, prev_hash, "
        "row_hash ON audit_events WHEN OLD.row_hash IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    ),
    "audit_events_head": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_head AFTER UPDATE OF row_hash ON "
        "audit_events WHEN NEW.row_hash IS NOT NULL BEGIN "
        f"INSERT OR REPLACE INTO app_meta (key, value) VALUES ('{HEAD_KEY}', "
        "NEW.id || ':' || NEW.row_hash); END"
    ),
}
assert set(AUDIT_TRIGGERS) == PROTECTION_TRIGGERS


def ensure_audit_triggers(conn: Connection) -> None:
    """Create the audit trail's append-only triggers that are missing."""
    for statement in AUDIT_TRIGGERS.values():
        conn.exec_driver_sql(statement)


def trigger_names(conn: Connection) -> set[str]:
    return {
        str(r[0])
        for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
